from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real seed articles in ../shared (tests skip when it is absent)."""
    path = SHARED / "corpus" / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/corpus/seeds is not available on this machine")
    return path


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    """The example corpus shipped inside the package."""
    from crosswire.cli.commands import demo_corpus

    return demo_corpus()
