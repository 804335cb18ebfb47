"""Fixtures shared by the victim-count tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crosswire.nlp.events.tally import tally
from crosswire.nlp.events.victims import count_victims


@pytest.fixture
def victim_totals(nlp: Any) -> Callable[[str], dict[str, float]]:
    """Killed and injured totals of a text read as one incident."""

    def totals(text: str) -> dict[str, float]:
        doc = nlp(text)
        counts = [c for s in doc.sents for c in count_victims(s)]
        return {
            slot: best
            for slot, (best, _, _) in tally(counts).items()
            if slot in {"fatalities", "wounded"}
        }

    return totals
