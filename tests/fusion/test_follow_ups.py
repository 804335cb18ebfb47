"""Follow-ups months after an incident (issue 12, rule E7f): a plea or a trial that
names the victim and the suspect joins the shooting; one shared name, or names an
article only recalls at its end, do not."""

from __future__ import annotations

from fusion_builders import KELDOR, Corpus, Doc, add_place

FIRST = "Nela Voss, 4, was shot dead by Tam Orrin in Keldor on Saturday, police said."
PLEA = "Tam Orrin pleaded guilty on Monday to the murder of Nela Voss in Keldor."
# Padding that pushes what follows out of the report's lead (1,000 characters).
FILLER = " ".join(["The council met on Tuesday to discuss the new budget for the parks."] * 16)


def _violent(doc: Doc, sub: str, date: str, town: bool = True) -> None:
    place = add_place(doc, "Keldor", KELDOR) if town else None
    doc.event(sub, type="Violence against civilians", subtype="Attack", place=place, date=date)


def _named(doc: Doc, *people: str) -> None:
    for name in people:
        pid = "person:" + name.casefold().replace(" ", "-")
        doc.entity(pid, name, None, None, [name], type="person")


def _groups(corpus: Corpus) -> list[list[str]]:
    events = corpus.fuse().events
    return sorted(sorted({m["article"] for m in e["mentions"]}) for e in events)


def _shooting(corpus: Corpus) -> None:
    first = corpus.article("a1", "Keldor Post", "2024-05-12", FIRST)
    _violent(first, "was shot dead", "2024-05-11")
    _named(first, "Nela Voss", "Tam Orrin")


def test_a_plea_months_later_naming_victim_and_suspect_joins(corpus: Corpus) -> None:
    """Seven months on, the analysis dates the plea's sentence on its own day; the two
    rarely named people of the first report tie it to the shooting, and the export
    says why."""
    _shooting(corpus)
    plea = corpus.article("a2", "Valley Times", "2024-12-10", PLEA)
    _violent(plea, "the murder of Nela Voss", "2024-12-09")
    _named(plea, "Tam Orrin", "Nela Voss")
    assert _groups(corpus) == [["a1", "a2"]]
    (event,) = corpus.fuse().events
    assert event["date"] == "2024-05-11"
    (reason,) = [r for r in event["merged"] if r["article"] == "a2"]
    assert {"shared person", "later report", "same place"} <= set(reason["keys"])


def test_one_shared_name_months_later_is_no_follow_up(corpus: Corpus) -> None:
    """One name in common months later may be an official's or a namesake's: past
    ``follow_up_days`` a single shared name ties nothing."""
    _shooting(corpus)
    text = "Tam Orrin was arrested on Monday after a robbery in Keldor in which Ivo Brand died."
    later = corpus.article("a2", "Valley Times", "2024-12-10", text)
    _violent(later, "Ivo Brand died", "2024-12-09")
    _named(later, "Tam Orrin", "Ivo Brand")
    assert _groups(corpus) == [["a1"], ["a2"]]


def test_names_recalled_at_the_end_of_another_story_tie_nothing(corpus: Corpus) -> None:
    """A report about a new shooting that recalls the older case in its last paragraphs
    names both people, but not in its lead nor in the new shooting's sentence: it is
    not a follow-up of the old case."""
    _shooting(corpus)
    text = (
        "A man was shot dead in Keldor on Monday, police said. "
        + FILLER
        + " In May, Nela Voss was shot dead by Tam Orrin in the same street."
    )
    later = corpus.article("a2", "Valley Times", "2024-12-10", text)
    _violent(later, "A man was shot dead", "2024-12-09")
    _named(later, "Nela Voss", "Tam Orrin")
    assert "Nela Voss" not in later.text[:1000]
    assert _groups(corpus) == [["a1"], ["a2"]]


def test_a_follow_up_more_than_a_year_later_stays_apart(corpus: Corpus) -> None:
    """``named_follow_up_days`` (365) bounds the rule: a sentencing two years on is
    reported as news of its own day."""
    _shooting(corpus)
    plea = corpus.article("a2", "Valley Times", "2026-06-10", PLEA)
    _violent(plea, "the murder of Nela Voss", "2026-06-09")
    _named(plea, "Tam Orrin", "Nela Voss")
    assert _groups(corpus) == [["a1"], ["a2"]]
