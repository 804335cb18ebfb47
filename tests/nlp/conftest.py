"""Shared fixtures for the NLP tests (claim look-ups live in ``claim_lookup.py``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

# importlib import mode: make the helper module next to this file importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The packaged spaCy model, loaded once (a module may override it with its own)."""
    from crosswire.nlp.core.model import load_nlp

    return load_nlp()
