"""Fusion test fixtures (builders live in ``fusion_builders.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# importlib import mode: make the builder module next to this file importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fusion_builders import Corpus  # noqa: E402


@pytest.fixture
def corpus() -> Corpus:
    """An empty fixture corpus."""
    return Corpus()
