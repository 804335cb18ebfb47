"""Tests for the plain-text line classifier (crosswire.clean.lines)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswire.clean.lines import CleanedText, clean_text
from crosswire.clean.normalize import normalize

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"
EXPECTED: dict[str, Any] = json.loads((FIXTURES / "expected.json").read_text("utf-8"))


def _paragraphs(result: CleanedText) -> list[str]:
    return result.text.split("\n\n") if result.text else []


def _check(result: CleanedText, exp: dict[str, Any]) -> None:
    assert result.title == exp["title"]
    got = [(r.reason, r.text) for r in result.removed]
    assert [reason for reason, _ in got] == [reason for reason, _ in exp["removed"]], got
    for (_, text), (_, prefix) in zip(got, exp["removed"], strict=True):
        assert text.startswith(prefix), (text, prefix)
    assert len(_paragraphs(result)) == exp["kept"]
    assert [d.value for d in result.dates] == exp["dates"]
    assert all(d.origin == "text" for d in result.dates)
    assert result.outlet_hints == exp["outlet_hints"]
    for snippet in exp.get("must_keep", []):
        assert any(snippet in p for p in _paragraphs(result)), snippet


@pytest.mark.parametrize("name", sorted(k for k in EXPECTED if not k.startswith("_")))
def test_fixture_pages(name: str) -> None:
    result = clean_text((FIXTURES / name).read_text("utf-8"))
    _check(result, EXPECTED[name])


# Expectations for the five real seed pages: removed lines as (reason, prefix),
# in page order, then kept paragraph count, title, dates, outlet hints.
SEED_EXPECTED: dict[str, dict[str, Any]] = {
    "000_dbcf443511265229.txt": {
        "title": "Russian airstrikes have transformed situation in Syria: Lavrov",
        "removed": [
            ["caption", "Russia launched its Syrian air campaign"],
            ["credit", "Russia launched its Syrian air campaign on September 30 ©"],
            ["caption", "Russia launched its Syrian air campaign"],
            ["dateline-meta", "Last updated: January 1, 1970"],
            ["title", "Russian airstrikes have transformed"],
            ["comments-widget", "blog comments powered by Disqus"],
        ],
        "kept": 11,
        "dates": ["January 1, 1970"],
        "outlet_hints": ["AFP"],
    },
    "001_1317a9a204267e8c.txt": {
        "title": "Russia vows air support for Syrian troops in Aleppo",
        "removed": [
            ["breadcrumb", "News / Syria / Russia"],
            ["title", "Russia vows air support"],
            ["caption", "Russian Su-27 jet fighters"],
            ["caption", "Syrian security forces and residents gather"],
            ["subhead", "Lack of coordination"],
            ["caption", "Syrian Democratic forces and an armed man"],
            ["site-footer", "Press TV’s website can also be accessed"],
            ["site-footer", "www.presstv.co.uk"],
            ["share-prompt", "SHARE THIS ARTICLE"],
            ["site-footer", "Press TV News Roku"],
        ],
        "kept": 16,
        "dates": [],
        "outlet_hints": ["AFP", "Press TV"],
        "must_keep": ["During a press conference held in Moscow on Monday"],
    },
    "002_313b71f3305ce0f8.txt": {
        "title": None,
        "removed": [],
        "kept": 11,
        "dates": [],
        "outlet_hints": [],
    },
    "003_61ae3743821c0ddd.txt": {
        "title": "Russia rejects Western criticism of Syria strikes",
        "removed": [
            ["title", "Russia rejects Western criticism"],
            ["reading-time", "2 min 58Approximate reading time"],
            ["subhead", "- 'What is Free Syrian Army?' -"],
            ["subhead", "- 'Ultimatums unrealistic' -"],
        ],
        "kept": 27,
        "dates": [],
        "outlet_hints": [],
    },
    "004_190641c456ae7d2f.txt": {
        "title": "Russia launches new strikes on foes of Syria’s Assad",
        "removed": [
            ["promo-block", "Consular assistance in Russia"],
            ["promo-block", "Russia is currently at war in Ukraine."],
            ["breadcrumb", "Home News Russia launches new strikes"],
            ["title", "Russia launches new strikes"],
            ["dateline-meta", "Published on 01/10/2015"],
            ["subhead", "– US-Russian military talks –"],
            ["subhead", "– ‘Ultimatums unrealistic’ –"],
        ],
        "kept": 27,
        "dates": ["01/10/2015"],
        "outlet_hints": [],
    },
}


@pytest.fixture(scope="module")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"shared seed corpus not present at {SEEDS}")
    return SEEDS


@pytest.mark.parametrize("name", sorted(SEED_EXPECTED))
def test_seed_pages(seeds_dir: Path, name: str) -> None:
    path = seeds_dir / name
    if not path.is_file():
        pytest.skip(f"seed {name} not present")
    raw = path.read_text("utf-8")
    result = clean_text(raw)
    _check(result, SEED_EXPECTED[name])
    # Every line that is not listed as removed is kept, verbatim.
    lines = [ln for ln in normalize(raw).split("\n") if ln]
    assert len(lines) == len(result.removed) + len(_paragraphs(result))


def test_prose_with_seen_below_is_not_a_caption() -> None:
    page = (
        "Ministers meet in Geneva\n\n"
        "The foreign minister (seen below) arrived in Geneva on Monday, officials said.\n\n"
        "Talks are due to last two days, and the delegations met for three hours on Monday."
    )
    result = clean_text(page)
    assert result.title == "Ministers meet in Geneva"
    assert len(_paragraphs(result)) == 2


def test_signoff_with_agency_and_reported_speech_is_kept() -> None:
    page = (
        "Ministers meet in Geneva\n\n"
        "Delegations from both countries met in Geneva on Monday for a first round of talks.\n\n"
        '"We are ready to talk for as long as it takes," the minister said. (AFP)'
    )
    result = clean_text(page)
    assert [r.reason for r in result.removed] == ["title"]
    assert _paragraphs(result)[-1].endswith("(AFP)")


def test_hard_wrapped_line_is_not_a_subhead() -> None:
    page = (
        "Ministers meet in Geneva\n"
        "Delegations from both countries met in Geneva on Monday for talks.\n"
        "The two sides agreed to meet again in\n"
        "Vienna next month, a spokesman for the ministry said.\n"
        "Both governments welcomed the outcome of the meeting on Tuesday."
    )
    result = clean_text(page)
    assert [r.reason for r in result.removed] == ["title"]
    assert len(_paragraphs(result)) == 4


def test_empty_and_blank_pages() -> None:
    for page in ("", "\n\n  \n", "\u200b\n\u00a0"):
        result = clean_text(page)
        assert result.text == "" and result.title is None and result.removed == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=120),
            st.sampled_from(
                [
                    "Home News Fire at the port",
                    "Fire at the port",
                    "SHARE THIS ARTICLE",
                    "Published on 01/10/2015",
                    "- 'Subhead here' -",
                    "A photo of the port © Jane Roe/AFP/File",
                    "The port was closed on Monday, officials said.",
                    "www.example.com",
                    "",
                ]
            ),
        ),
        max_size=25,
    )
)
def test_properties(parts: list[str]) -> None:
    raw = "\n".join(parts)
    result = clean_text(raw)  # never raises
    norm = normalize(raw)
    for para in _paragraphs(result):
        assert para and para in norm  # never invents text
    for removed in result.removed:
        assert removed.reason and removed.text in norm
    lines = [ln for ln in norm.split("\n") if ln.strip()]
    assert len(lines) == len(result.removed) + len(_paragraphs(result))
    assert sorted(lines) == sorted(_paragraphs(result) + [r.text for r in result.removed])


BENCHMARK = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "eval"
    / "article-extraction-benchmark"
    / "ground-truth.json"
)


@pytest.mark.slow
def test_benchmark_article_bodies_lose_no_sentences() -> None:
    """Ground-truth article bodies are pure article text: the classifier must not
    remove any sentence from them (measured: 181 bodies, 4,363 lines; the only
    sentence-like removals are two copyright notices)."""
    if not BENCHMARK.is_file():
        pytest.skip(f"article-extraction-benchmark not present at {BENCHMARK}")
    bodies = json.loads(BENCHMARK.read_text("utf-8"))
    lost = []
    for record in bodies.values():
        for removed in clean_text(record["articleBody"]).removed:
            sentence = len(removed.text.split()) >= 8 and removed.text.rstrip('”’")').endswith(
                (".", "!", "?")
            )
            if sentence and not removed.text.lower().startswith(("©", "copyright")):
                lost.append(removed)
    assert lost == []
