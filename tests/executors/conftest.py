"""Executor test fixtures (helpers live in ``executor_helpers.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# importlib import mode: make the helper module next to this file importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "executors"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """Small invented articles for the executor tests."""
    return FIXTURES
