"""Report test fixtures: an invented story as a crosswire export object.

The story's texts and records are built in ``report_builders.py`` and
``report_story.py`` (next to this file).
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest

# importlib import mode: make the builder modules next to this file importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_story import build_export  # noqa: E402


@pytest.fixture()
def export() -> dict[str, Any]:
    """A fresh copy of the invented story's export (tests may mutate it)."""
    return copy.deepcopy(build_export())


STORY = "story:port-selvan"
