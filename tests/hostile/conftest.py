"""Hostile-input tests (issue #15); the corpus generator lives in ``hostile_corpus.py``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
