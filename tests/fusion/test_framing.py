"""Outlet framing: lexicon matching rules, per-outlet counts, comparison, seed articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crosswire.fusion.framing import compare_framing, find_terms, lexicon, outlet_framing

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "articles.json"
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"


@pytest.fixture
def articles() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))["articles"]
    return data


def terms(text: str) -> list[tuple[str, str]]:
    return [(h.term, text[h.start : h.end]) for h in find_terms(text)]


def test_whole_words_only() -> None:
    assert terms("The rebellion was crushed by rebels.") == [("rebels", "rebels")]
    assert terms("counter-terrorism units") == []
    # A hyphenated compound still uses the word: "anti-regime" says "regime".
    assert terms("an anti-regime rally") == [("regime", "regime")]


def test_case_rules() -> None:
    assert terms("It is said IS fighters left.") == [("IS", "IS"), ("fighters", "fighters")]
    assert terms("an islamic state of mind") == []
    assert terms("Fighters of the Islamic State retreated")[1] == ("Islamic State", "Islamic State")
    # An all-capitals headline: "IS" is the verb there.
    assert terms("WHERE IS THE ARMY NOW") == []


def test_hyphens_spaces_and_line_breaks() -> None:
    assert [t for t, _ in terms("foreign backed, foreign-backed, foreign\u2011backed")] == [
        "foreign-backed"
    ] * 3
    assert terms("the so-called\nmoderate opposition") == [
        ("so-called moderate", "so-called\nmoderate opposition"),
        ("opposition", "opposition"),
    ]


def test_longest_match_within_a_concept_and_exclusions() -> None:
    assert terms("Syria's legitimate government") == [
        ("legitimate government", "legitimate government")
    ]
    assert terms("Su-27 jet fighters flew over the fighters' positions.") == [
        ("fighters", "fighters")
    ]
    assert terms("the so-called Islamic State") == [
        ("so-called Islamic State", "so-called Islamic State")
    ]


def test_quoted_hits_are_marked() -> None:
    text = 'He called them "terrorists", but the agency says rebels.'
    hits = find_terms(text)
    assert [(h.term, h.quoted) for h in hits] == [("terrorists", True), ("rebels", False)]
    assert find_terms("") == [] and find_terms(None) == []  # type: ignore[arg-type]


def test_lexicon_is_well_formed() -> None:
    concepts = lexicon()["concepts"]
    assert {c["concept"] for c in concepts} >= {
        "armed opposition",
        "Islamic State group",
        "taking ground",
        "the state",
        "moderate opposition",
        "foreign backing",
    }
    for c in concepts:
        labels = [v["term"] for v in c["variants"]]
        assert len(labels) == len(set(labels)), c["concept"]
        assert all(v.get("forms") for v in c["variants"])


def test_two_outlets_two_vocabularies(articles: list[dict[str, Any]]) -> None:
    story = {"id": "story:kessar", "articles": ["kes-1", "kes-2", "kes-3", "kes-4", "kes-5"]}
    framing = outlet_framing(articles, [story])
    by_outlet = {r["outlet"]: {(t["concept"], t["term"]): t for t in r["terms"]} for r in framing}
    herald, wire = by_outlet["State Herald"], by_outlet["Lakeside Wire"]
    # Titles are not counted (evidence offsets point into the text).
    assert herald[("armed opposition", "terrorists")]["count"] == 4
    assert herald[("armed opposition", "Takfiri")]["count"] == 2
    assert herald[("taking ground", "liberated")]["count"] == 2
    assert herald[("the state", "legitimate government")]["count"] == 1
    assert herald[("Islamic State group", "Daesh")]["count"] == 1
    assert ("armed opposition", "rebels") not in herald
    assert wire[("armed opposition", "rebels")]["count"] == 3
    assert wire[("the state", "regime")]["count"] == 3
    assert wire[("Islamic State group", "Islamic State")]["count"] == 1
    # The wire's only "terrorists" is the government's word, in quotes.
    assert wire[("armed opposition", "terrorists")]["quoted"] == 1
    ev = herald[("armed opposition", "Takfiri")]["evidence"][0]
    text = next(a["text"] for a in articles if a["id"] == ev["article"])
    assert text[ev["start"] : ev["end"]] == "Takfiri"
    assert {r["story"] for r in framing} == {"story:kessar"}


def test_compare_framing_summary(articles: list[dict[str, Any]]) -> None:
    story = {"id": "s1", "articles": ["kes-1", "kes-2", "kes-4", "kes-5"]}
    framing = outlet_framing(articles, [story])
    table = {c["concept"]: c for c in compare_framing(framing, story)}
    armed = table["armed opposition"]
    assert armed["summary"] == (
        "Lakeside Wire: rebels ×3, opposition ×2, fighters ×1, terrorists ×1; "
        "State Herald: terrorists ×4, Takfiri ×2"
    )
    assert set(armed["variants"]) >= {"terrorists", "Takfiri", "rebels"}
    own = {c["concept"]: c for c in compare_framing(framing, "s1", own_voice=True)}
    wire = next(o for o in own["armed opposition"]["outlets"] if o["outlet"] == "Lakeside Wire")
    assert "terrorists" not in {t["term"] for t in wire["terms"]}
    assert compare_framing(framing, "no-such-story") == []


def test_one_outlet_counts_a_wire_family_once(articles: list[dict[str, Any]]) -> None:
    copy = {**next(a for a in articles if a["id"] == "kes-2"), "id": "kes-2b", "version": 2}
    story = {"id": "s", "articles": ["kes-2", "kes-2b"]}
    [row] = outlet_framing([*articles, copy], [story])
    rebels = next(t for t in row["terms"] if t["term"] == "rebels")
    assert rebels["count"] == 2
    assert {e["article"] for e in rebels["evidence"]} == {"kes-2b"}


def test_skips_bad_and_foreign_records(
    articles: list[dict[str, Any]], caplog: pytest.LogCaptureFixture
) -> None:
    french = {
        "id": "fr",
        "outlet": "Le Matin",
        "language": "fr",
        "text": "Les rebelles et le regime",
    }
    stories: list[Any] = [None, {"id": "s", "articles": ["fr", "missing", "kes-1"]}]
    framing = outlet_framing([*articles, french, {"no": "id"}], stories)
    assert [r["outlet"] for r in framing] == ["State Herald"]
    assert "S111" in caplog.text and "S112" in caplog.text
    nameless = [{"id": "n", "text": "rebels"}]
    [row] = outlet_framing(nameless, [{"id": "s", "articles": ["n"]}])
    assert row["outlet"] == "unknown outlet"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds (../shared/corpus/seeds) not present")
def test_seed_outlets_frame_the_syria_strikes_differently() -> None:
    arts = [
        {
            "id": p.name,
            "outlet": "Press TV" if p.name[:3] in {"001", "002"} else "AFP",
            "text": p.read_text(encoding="utf-8"),
        }
        for p in sorted(SEEDS.glob("*.txt"))
    ]
    story = {"id": "seeds", "articles": [a["id"] for a in arts]}
    framing = outlet_framing(arts, [story])
    used = {r["outlet"]: {t["term"]: t["count"] - t["quoted"] for t in r["terms"]} for r in framing}
    press, afp = used["Press TV"], used["AFP"]
    for term in ("Takfiri", "terrorists", "Daesh"):
        assert press.get(term, 0) >= 3 and afp.get(term, 0) < press[term], term
    for term in ("Islamic State", "rebels", "regime"):
        assert afp.get(term, 0) >= 3 and press.get(term, 0) < afp[term], term
    summary = {c["concept"]: c["summary"] for c in compare_framing(framing, "seeds")}
    assert summary["Islamic State group"].startswith("AFP: IS ×")
    assert "Press TV: Daesh ×4" in summary["Islamic State group"]
