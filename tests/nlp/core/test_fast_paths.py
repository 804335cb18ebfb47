"""The speed shortcuts of the claim, quantity, date and event steps change no result.

Each shortcut (token pre-filters read off the doc's arrays, case-folded date
patterns, the quotation membership index) is checked against the plain way
it replaced, on crafted text that exercises the rare branches.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

from crosswire.nlp.claims.drafts import verb_draft
from crosswire.nlp.claims.find import _cue_candidates
from crosswire.nlp.claims.phrases import according_draft, nominal_draft, source_prep_draft
from crosswire.nlp.claims.quote_owners import _QuoteSpans
from crosswire.nlp.events.find import _scan_doc
from crosswire.nlp.events.rules import find_triggers, load_taxonomy
from crosswire.nlp.quantities.find import _excluded_tokens, _quantity_at, _scan
from crosswire.nlp.quantities.words import doc_lowers, lexicon
from crosswire.nlp.temporal import find as temporal
from crosswire.nlp.temporal import rules as temporal_rules
from crosswire.nlp.temporal.find import find_dates
from crosswire.nlp.temporal.rules import folded_text

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "nlp" / "h7_flood_report.txt"

# Every date pattern and its handlers at least once, with odd casing.
DATE_TEXT = (
    "On Monday, October 5, 2015 and 5 October 2015 (2015-10-05, 05/10/2015) talks "
    "resumed. In March 2011, since February, by 1979, EARLIER THIS WEEK, Last Weekend, "
    "yesterday and Overnight; Three Days Ago, a week ago, 2 YEARS AGO. Late Friday night "
    "and NEXT TUESDAY. More than Four-Year war, about 40 hours, Several Decades, a few "
    "months, twenty-five years. From March 3 to March 9 and between 2012 and 2014."
)


def _naive_scan(doc: Any) -> list[Any]:
    """The quantity scan before the starter-word filter: every token is tried."""
    lex = lexicon()
    words = [t.lower_ for t in doc]
    skip = _excluded_tokens(doc)
    found, i = [], 0
    while i < len(doc):
        q = _quantity_at(doc, words, i, skip, lex)
        if q is None:
            i += 1
            continue
        found.append(q[0])
        i = q[1]
    return found


@pytest.fixture(scope="module")
def report(nlp: Any) -> Any:
    if not FIXTURE.exists():
        pytest.skip("T-FAST fixture h7_flood_report.txt missing")
    extra = (
        "\n\nMore than 240,000 people died, a few dozen were wounded and some 3 km2 flooded. "
        "Between 20 and 30 people, an estimated two hundred and fifty soldiers, 50 kilometers "
        "(30 miles) away. According to the UN, 12 were killed. In a new poll, Smith led. "
        "Lavrov said Russia denied the claim. Trump's claim that he won was false. "
        "Air strikes hit Idlib, killing 8 civilians; rebels captured the town."
    )
    return nlp(FIXTURE.read_text(encoding="utf-8") + extra)


def test_quantity_filter_matches_trying_every_token(report: Any) -> None:
    assert _scan(report) == _naive_scan(report)
    assert len(_scan(report)) >= 8


def test_doc_lowers_is_lower_of_every_token(report: Any, nlp: Any) -> None:
    assert doc_lowers(report) == [t.lower_ for t in report]
    assert doc_lowers(nlp("")) == []


def test_cue_candidates_hold_every_draft_token(report: Any) -> None:
    candidates = set(_cue_candidates(report))
    builders = (verb_draft, according_draft, source_prep_draft, nominal_draft)
    drafted = {t.i for t in report if any(b(t) is not None for b in builders)}
    assert drafted and drafted <= candidates
    # The filter is selective: most tokens are never handed to the builders.
    assert len(candidates) < len(report) / 5


def test_trigger_candidates_change_no_trigger(report: Any) -> None:
    tax = load_taxonomy()
    doc_air, candidates = _scan_doc(report, tax)
    air_words = dict(tax.context)["Air/drone strike"]
    assert doc_air == sum(1 for t in report if t.lemma_.lower() in air_words)
    found = 0
    for sent in report.sents:
        plain = find_triggers(sent, tax, doc_air)
        fast = find_triggers(sent, tax, doc_air, candidates)
        assert [(t.token.i, t.kind) for t in fast] == [(t.token.i, t.kind) for t in plain]
        found += len(plain)
    assert found >= 3


def test_quote_spans_membership_equals_any() -> None:
    rng = random.Random(7)
    for _ in range(200):
        spans = []
        for _ in range(rng.randrange(0, 6)):
            s = rng.randrange(0, 60)
            spans.append((s, s + rng.randrange(0, 15)))  # overlaps and empty spans too
        index = _QuoteSpans(spans)
        for pos in range(-2, 80):
            assert (pos in index) == any(s <= pos < e for s, e in spans)


@pytest.mark.parametrize(
    "text",
    [
        DATE_TEXT,
        DATE_TEXT.upper(),
        DATE_TEXT.replace("talks", "“talks” — café"),
        "Seit 3 days ago ſince Monday",  # long s: case-insensitive "s"
        "Dıyarbakır said three days ago",  # dotless i
        "İstanbul said last week",  # lower-cases to two characters
        "The 40 K units arrived two weeks ago",  # Kelvin sign
    ],
)
def test_folded_date_patterns_match_like_the_originals(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pub = dt.date(2015, 10, 8)
    fast = find_dates(text, pub)
    monkeypatch.setattr(temporal, "folded_text", lambda _text: None)
    assert find_dates(text, pub) == fast
    assert fast


def test_folded_text_refuses_characters_that_change_matching() -> None:
    assert folded_text("Last Week") == "last week"
    assert folded_text("“Café” on Friday") == "“café” on friday"
    for odd in ("ſince", "Dıyarbakır", "İstanbul"):
        assert folded_text(odd) is None
    # Only the case-insensitive patterns get a folded twin.
    folded = [f is not None for f in temporal_rules.FOLDED]
    flags = [bool(p.flags & temporal_rules.re.IGNORECASE) for p, _ in temporal_rules.PATTERNS]
    assert folded == flags
