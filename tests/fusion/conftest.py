"""Fusion test fixtures (builders live in ``fusion_builders.py``)."""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crosswire.fusion import embed

# importlib import mode: make the builder module next to this file importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fusion_builders import Corpus  # noqa: E402


@pytest.fixture
def corpus() -> Corpus:
    """An empty fixture corpus."""
    return Corpus()


# Articles of the story-grouping fixture (tests/fixtures/stories).
STORIES = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "articles.json"


@pytest.fixture
def articles() -> list[dict[str, Any]]:
    """The story-grouping fixture's articles (a module may define its own)."""
    data: list[dict[str, Any]] = json.loads(STORIES.read_text(encoding="utf-8"))["articles"]
    return data


@pytest.fixture
def cfg() -> Iterator[dict[str, Any]]:
    """The live story settings dict, restored after the test changes it."""
    live = embed.settings()
    saved = copy.deepcopy(live)
    yield live
    live.clear()
    live.update(saved)
