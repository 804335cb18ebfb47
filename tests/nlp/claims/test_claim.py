"""One claim per span (crosswire.nlp.claims.claim): a claim's id is its article
and span, so the finder never returns two claims over one span."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from crosswire.nlp.claims.claim import Claim, one_per_span
from crosswire.nlp.claims.find import find_claims


def _claim(start: int, end: int, content: tuple[int, int], cue: int | None, lemma: str) -> Claim:
    return Claim(
        start, end, content[0], content[1], "x", start, start + 5, "Ortiz", "Ortiz",
        "entity", lemma, cue, None if cue is None else cue + 4, "statement", False,
    )  # fmt: skip


def test_the_inner_claim_stands_over_one_span() -> None:
    outer = _claim(0, 80, (20, 80), 10, "issue")
    inner = _claim(0, 80, (32, 80), 22, "say")
    other = _claim(90, 120, (100, 120), 95, "say")
    assert one_per_span([outer, other, inner]) == [inner, other]


def test_the_cue_nearest_the_content_stands_when_contents_match() -> None:
    go = _claim(0, 60, (30, 60), 11, "go")
    tell = _claim(0, 60, (30, 60), 20, "tell")
    assert one_per_span([go, tell]) == [tell]


@pytest.mark.parametrize(
    "text",
    [
        "Neighbours went on to tell reporters that two other men ran from the scene "
        "before the police arrived.",
        "Ortiz is accused of waving a rifle and threatening to shoot two guards "
        "during an argument outside the depot.",
        "The mayor said on Tuesday that the council had voted to close the road, and "
        "she told residents that the work would begin in May.",
    ],
)
def test_the_finder_gives_one_claim_per_span(nlp: Any, text: str) -> None:
    claims = find_claims(nlp(text))
    assert claims, "the sentence has a claim"
    spans = Counter((c.start, c.end) for c in claims)
    assert max(spans.values()) == 1, spans
