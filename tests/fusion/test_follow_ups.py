"""Follow-ups months after an incident (issue 12, rule E7f): a plea or a trial that
names the victim and the suspect joins the shooting; one shared name, or names an
article only recalls at its end, do not."""

from __future__ import annotations

from fusion_builders import KELDOR, TASSO, Corpus, Doc, add_place

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


def _act(doc: Doc, sub: str, date: str, subtype: str = "Legal action") -> None:
    kind = "Political" if subtype == "Legal action" else "Strategic developments"
    doc.event(sub, type=kind, subtype=subtype, place=None, date=date)
    doc.analysis["events"][-1]["date_precision"] = "document"


def test_a_charge_naming_the_victim_follows_the_shooting(corpus: Corpus) -> None:
    """E7g: "Tam Orrin was charged in the death of Nela Voss" three months later is
    an act of its own (a legal action stays its own event) that follows the shooting:
    the violent event lists it, with the keys that tie it there."""
    _shooting(corpus)
    text = "Tam Orrin was charged with murder on Monday in the death of Nela Voss."
    charge = corpus.article("a2", "Valley Times", "2024-08-13", text)
    _act(charge, "was charged with murder", "2024-08-13")
    _named(charge, "Tam Orrin", "Nela Voss")
    events = corpus.fuse().events
    (shooting,) = [e for e in events if e["type"] == "Violence against civilians"]
    (legal,) = [e for e in events if e["type"] == "Political"]
    assert {m["article"] for m in shooting["mentions"]} == {"a1"}
    assert {m["article"] for m in legal["mentions"]} == {"a2"}
    (follow,) = shooting["follow_ups"]
    assert follow["article"] == "a2" and follow["trigger"] == "was charged with murder"
    assert text[follow["start"] : follow["end"]] == "was charged with murder"
    assert follow["keys"] == ["shared person", "later report"]
    assert legal["follow_ups"] == []


def test_an_arrest_with_one_shared_name_follows_only_nearby(corpus: Corpus) -> None:
    """E7g with one shared name: within ``follow_up_days`` and where the places do not
    clash (the arrest in Keldor follows the Keldor shooting); an arrest in a far town
    naming only the same police spokesman follows nothing."""
    first = corpus.article("a1", "Keldor Post", "2024-05-12", FIRST + " Spokesman Rin Aldo.")
    _violent(first, "was shot dead", "2024-05-11")
    _named(first, "Nela Voss", "Rin Aldo")
    near = corpus.article(
        "a2",
        "Valley Times",
        "2024-05-20",
        "Police arrested a man in Keldor over the death of Nela Voss.",
    )
    near.event(
        "Police arrested",
        type="Strategic developments",
        subtype="Arrests",
        place=add_place(near, "Keldor", KELDOR),
        date="2024-05-19",
    )
    _named(near, "Nela Voss")
    far_text = "Police arrested a man in Tasso after a robbery, Rin Aldo said."
    far = corpus.article("a3", "Valley Times", "2024-05-20", far_text)
    far.event(
        "Police arrested",
        type="Strategic developments",
        subtype="Arrests",
        place=add_place(far, "Tasso", TASSO),
        date="2024-05-19",
    )
    _named(far, "Rin Aldo")
    (shooting,) = [e for e in corpus.fuse().events if e["type"] == "Violence against civilians"]
    assert [f["article"] for f in shooting["follow_ups"]] == ["a2"]
    assert shooting["follow_ups"][0]["keys"] == ["shared person", "same place", "later report"]


def test_copies_of_one_wire_story_are_no_second_report(corpus: Corpus) -> None:
    """E7f/E7g count names of another origin only: a later version of the same wire
    story names the same people because it is the same report, and a sentence
    that is itself a mention of the event follows nothing."""
    first = corpus.article("a1", "Wire", "2024-05-12", FIRST, family="f1", version=1)
    _violent(first, "was shot dead", "2024-05-11")
    _named(first, "Nela Voss", "Tam Orrin")
    text = FIRST + " Tam Orrin was charged with murder in the death of Nela Voss."
    update = corpus.article("a2", "Wire", "2024-08-13", text, family="f1", version=2)
    _act(update, "was charged with murder", "2024-08-13")
    _named(update, "Tam Orrin", "Nela Voss")
    (shooting,) = [e for e in corpus.fuse().events if e["type"] == "Violence against civilians"]
    assert shooting["follow_ups"] == []
