"""Incident coreference across articles (issue 12): follow-ups, midnight, names that
are not places, an article's scene; figures of a period and conflicting values."""

from __future__ import annotations

from fusion_builders import KELDOR, MIRRAN, TASSO, Corpus, Doc, add_place

SHOT = "Police say a man was shot dead late Monday outside a bar in {town}."


def _violent(doc: Doc, sub: str, place: dict | None, date: str | None, documented=False) -> None:  # type: ignore[type-arg]
    doc.event(sub, type="Violence against civilians", subtype="Attack", place=place, date=date)
    if documented:  # the analysis filled in the publication day: no date in the text
        doc.analysis["events"][-1]["date_precision"] = "document"


def _ids_of(corpus: Corpus) -> list[set[str]]:
    return [{m["article"] for m in e["mentions"]} for e in corpus.fuse().events]


def test_follow_up_joins_the_incident_it_dates(corpus: Corpus) -> None:
    """E3/E3b: weeks later, "charged with murder" carries the day it was written; the
    article's own dated sentence ties it to the shooting, so all is one event."""
    first = corpus.article("a1", "Keldor Post", "2024-05-12", SHOT.format(town="Keldor"))
    _violent(first, "a man was shot dead", add_place(first, "Keldor", KELDOR), "2024-05-11")
    text = (
        "A 17-year-old was charged with murder on Friday in the killing of a man. "
        "The man was shot on May 11 outside a bar in Keldor, prosecutors said."
    )
    later = corpus.article("a2", "Valley Times", "2024-05-30", text)
    _violent(later, "charged with murder", None, "2024-05-30", documented=True)
    _violent(later, "The man was shot", add_place(later, "Keldor", KELDOR), "2024-05-11")
    (event,) = [e for e in corpus.fuse().events if e["type"] == "Violence against civilians"]
    assert {m["article"] for m in event["mentions"]} == {"a1", "a2"}
    assert event["date"] == "2024-05-11"
    keys = {k for r in event["merged"] for k in r["keys"]}
    assert {"same place", "dated by its article"} <= keys


def test_one_night_at_one_place_straddles_midnight(corpus: Corpus) -> None:
    """E2b: "late Monday" and "early Tuesday" at one place are one shooting; one day
    apart in two towns 230 km apart they are two."""
    for aid, town, where, day in (
        ("a1", "Keldor", KELDOR, "2024-05-13"),
        ("a2", "Keldor", KELDOR, "2024-05-14"),
        ("a3", "Tasso", TASSO, "2024-05-14"),
    ):
        doc = corpus.article(aid, f"{town} Post {aid}", day, SHOT.format(town=town))
        _violent(doc, "a man was shot dead", add_place(doc, town, where), day)
    assert sorted(map(sorted, _ids_of(corpus))) == [["a1", "a2"], ["a3"]]


def test_a_persons_name_is_never_a_place_to_merge_on(corpus: Corpus) -> None:
    """E5b: "Keldor" is also the victim's surname in one article; that mention is
    not a place, so the two same-day shootings stay apart."""
    text = "Police say Amos Keldor was shot dead late Monday outside his home."
    a = corpus.article("a1", "Wire One", "2024-05-14", text)
    a.entity("person:amos-keldor", "Amos Keldor", None, None, ["Amos Keldor"], type="person")
    _violent(a, "was shot dead", add_place(a, "Keldor", KELDOR), "2024-05-13")
    b = corpus.article("a2", "Keldor Post", "2024-05-14", SHOT.format(town="Keldor"))
    _violent(b, "a man was shot dead", add_place(b, "Keldor", KELDOR), "2024-05-13")
    assert sorted(map(sorted, _ids_of(corpus))) == [["a1"], ["a2"]]


def test_a_town_before_a_title_is_no_word_of_the_name(corpus: Corpus) -> None:
    """E5b: "Keldor Detective Amos Varn" is Amos Varn, a detective of the town; the
    town stays a place to merge on."""
    text = "Keldor Detective Amos Varn said a man was shot dead late Monday in Keldor."
    a = corpus.article("a1", "Wire One", "2024-05-14", text)
    a.entity(
        "person:amos-varn", "Keldor Detective Amos Varn", None, None, ["Amos Varn"], type="person"
    )
    _violent(a, "a man was shot dead", add_place(a, "Keldor", KELDOR), "2024-05-13")
    b = corpus.article("a2", "Keldor Post", "2024-05-14", SHOT.format(town="Keldor"))
    _violent(b, "a man was shot dead", add_place(b, "Keldor", KELDOR), "2024-05-13")
    assert sorted(map(sorted, _ids_of(corpus))) == [["a1", "a2"]]


def test_a_publication_day_standing_in_gives_the_event_no_date(corpus: Corpus) -> None:
    """One report dates the shooting a day late (its publication day); the other
    dates it and mentions it again undated. The undated mention's stand-in day is
    no vote for the later day: the earlier stated day wins the tie."""
    a = corpus.article("a1", "Wire One", "2024-05-14", SHOT.format(town="Keldor"))
    _violent(a, "a man was shot dead", add_place(a, "Keldor", KELDOR), "2024-05-14")
    text = "A man was charged in the shooting. " + SHOT.format(town="Keldor")
    b = corpus.article("a2", "Keldor Post", "2024-05-14", text)
    _violent(b, "charged in the shooting", add_place(b, "Keldor", KELDOR), "2024-05-14", True)
    _violent(b, "a man was shot dead", add_place(b, "Keldor", KELDOR), "2024-05-13")
    (event,) = [e for e in corpus.fuse().events if e["type"] == "Violence against civilians"]
    assert {m["article"] for m in event["mentions"]} == {"a1", "a2"}
    assert event["date"] == "2024-05-13"


def test_a_mention_without_place_links_through_its_articles_scene(corpus: Corpus) -> None:
    """E7b: the second report's shooting sentence names no place, but the article is
    about Mirran (named twice); the first report places it in Mirran."""
    a = corpus.article("a1", "Wire One", "2024-05-14", SHOT.format(town="Mirran"))
    _violent(a, "a man was shot dead", add_place(a, "Mirran", MIRRAN), "2024-05-13")
    text = "Mirran mourns. A man was killed late Monday, police in Mirran said."
    b = corpus.article("a2", "Wire Two", "2024-05-14", text)
    add_place(b, "Mirran", MIRRAN)
    b.place("Mirran", *MIRRAN)  # named a second time (offsets of the first are enough)
    _violent(b, "A man was killed", None, "2024-05-13")
    (event,) = corpus.fuse().events
    assert {m["article"] for m in event["mentions"]} == {"a1", "a2"}
    assert "same scene" in event["merged"][1]["keys"] + event["merged"][0]["keys"]


def test_figures_of_a_period_get_their_own_slot(corpus: Corpus) -> None:
    """F5: a year's sorties and a weekend's flights are not one figure."""
    text = (
        "Jets struck Keldor on Monday. The air force carried out more than 5,000 sorties "
        "last year. It flew 169 sorties from Friday to Sunday, the ministry said."
    )
    doc = corpus.article("a1", "Wire One", "2024-05-14", text)
    year = doc.quantity("more than 5,000 sorties", 5000, 5000, None, noun="sortie")
    weekend = doc.quantity("169 sorties", 169, noun="sortie")
    doc.event(
        "Jets struck Keldor",
        place=add_place(doc, "Keldor", KELDOR),
        date="2024-05-13",
        numbers=(("sorties", year), ("sorties", weekend)),
    )
    (event,) = corpus.fuse().events
    slots = {n["what"]: n["best"] for n in event["numbers"]}
    assert slots == {"sorties (last year)": 5000, "sorties (from friday to sunday)": 169}
    assert all(s["as_of"] == "2024-05-14" for n in event["numbers"] for s in n["sources"])


def test_two_values_in_one_report_are_flagged_not_hidden(corpus: Corpus) -> None:
    """F4b: one report saying "four targets" and "eight targets" of one strike."""
    text = "Jets hit four targets in Keldor on Monday. Later jets hit eight targets there."
    doc = corpus.article("a1", "Wire One", "2024-05-14", text)
    four = doc.quantity("four targets", 4, noun="target")
    eight = doc.quantity("eight targets", 8, noun="target")
    place = add_place(doc, "Keldor", KELDOR)
    doc.event("Jets hit four targets", place=place, date="2024-05-13", numbers=(("targets", four),))
    doc.event(
        "jets hit eight targets", place=place, date="2024-05-13", numbers=(("targets", eight),)
    )
    fusion = corpus.fuse()
    (event,) = fusion.events
    (dispute,) = [d for d in fusion.disputes if d["kind"] == "conflicting_figures"]
    assert {s["text"] for s in dispute["sides"]} == {"four targets", "eight targets"}
    assert dispute["events"] == [event["id"]]


def test_a_later_report_naming_the_victim_joins_the_incident(corpus: Corpus) -> None:
    """E7c: three weeks later a court report names the victim and the day the analysis
    put on it is the hearing's; the rarely named person ties it to the shooting. A
    report naming someone else stays apart."""
    first = corpus.article("a1", "Keldor Post", "2024-05-12", SHOT.format(town="Keldor"))
    _violent(first, "a man was shot dead", add_place(first, "Keldor", KELDOR), "2024-05-11")
    first.entity("person:oren-dask", "Oren Dask", None, None, ["a man"], type="person")
    text = "A teen pleaded not guilty on Friday to the murder of Oren Dask, prosecutors said."
    later = corpus.article("a2", "Valley Times", "2024-06-01", text)
    later.entity("person:oren-dask", "Oren Dask", None, None, ["Oren Dask"], type="person")
    _violent(later, "the murder of Oren Dask", None, "2024-05-31")
    other = corpus.article("a3", "Valley Times", "2024-06-01", text.replace("Oren", "Ada"))
    other.entity("person:ada-dask", "Ada Dask", None, None, ["Ada Dask"], type="person")
    _violent(other, "the murder of Ada Dask", None, "2024-05-31")
    groups = sorted(map(sorted, _ids_of(corpus)))
    assert groups == [["a1", "a2"], ["a3"]]


def test_every_mention_of_a_later_report_joins_the_incident(corpus: Corpus) -> None:
    """E7c holds for each mention of the later report, not only the first to join:
    once one sentence of the court report joined the shooting, the report's next
    sentence (no place of its own, dated the hearing's day) is still a later report."""
    first = corpus.article("a1", "Keldor Post", "2024-05-12", SHOT.format(town="Keldor"))
    _violent(first, "a man was shot dead", add_place(first, "Keldor", KELDOR), "2024-05-11")
    first.entity("person:oren-dask", "Oren Dask", None, None, ["a man"], type="person")
    text = (
        "Oren Dask was shot in Keldor, police said. A teen pleaded not guilty on "
        "Friday to the murder of Oren Dask."
    )
    later = corpus.article("a2", "Valley Times", "2024-06-01", text)
    later.entity("person:oren-dask", "Oren Dask", None, None, ["Oren Dask"], type="person")
    _violent(later, "Oren Dask was shot", add_place(later, "Keldor", KELDOR), "2024-05-31")
    _violent(later, "the murder of Oren Dask", None, "2024-05-31")
    groups = _ids_of(corpus)
    assert groups == [{"a1", "a2"}]
    (event,) = corpus.fuse().events
    assert len(event["mentions"]) == 3


def _named(doc: Doc, *people: str) -> None:
    for name in people:
        pid = "person:" + name.casefold().replace(" ", "-")
        doc.entity(pid, name, None, None, [name], type="person")


def test_two_shared_names_outweigh_a_misread_place(corpus: Corpus) -> None:
    """E7d: two reports name the same victim and suspect; one gazetteer reading put
    the town 230 km away. The names tie them; a third report with other names in
    that far town, on the same day, stays apart."""
    text = "Nela Voss, 4, was shot by Tam Orrin in {town} on Saturday, police said."
    first = corpus.article("a1", "Keldor Post", "2024-05-12", text.format(town="Keldor"))
    _violent(first, "was shot", add_place(first, "Keldor", KELDOR), "2024-05-11")
    _named(first, "Nela Voss", "Tam Orrin")
    misread = corpus.article("a2", "Valley Times", "2024-05-12", text.format(town="Tasso"))
    _violent(misread, "was shot", add_place(misread, "Tasso", TASSO), "2024-05-11")
    _named(misread, "Nela Voss", "Tam Orrin")
    text3 = "Ivo Brand, 30, was shot by Sela Mott in Tasso on Saturday, police said."
    other = corpus.article("a3", "Valley Times", "2024-05-12", text3)
    _violent(other, "was shot", add_place(other, "Tasso", TASSO), "2024-05-11")
    _named(other, "Ivo Brand", "Sela Mott")
    groups = sorted(map(sorted, _ids_of(corpus)))
    assert groups == [["a1", "a2"], ["a3"]]


def test_one_shared_official_does_not_tie_incidents_weeks_apart(corpus: Corpus) -> None:
    """E7d: one name shared by two reports of one region three weeks apart, in two
    towns, is an official's ("police director Rin Aldo said"), not one incident;
    an office word makes a name no person at all ("County Sheriff")."""
    text = "A man was shot in {town}, police director Rin Aldo said. The County Sheriff came."
    first = corpus.article("a1", "Keldor Post", "2024-05-12", text.format(town="Keldor"))
    _violent(first, "A man was shot", add_place(first, "Keldor", KELDOR), "2024-05-11")
    _named(first, "Rin Aldo", "County Sheriff")
    near = ("Oskel", 35.400, 38.500, "XN", "Upper Reach")  # same region, about 40 km away
    later = corpus.article("a2", "Valley Times", "2024-06-02", text.format(town="Oskel"))
    _violent(later, "A man was shot", add_place(later, "Oskel", near), "2024-06-01")
    _named(later, "Rin Aldo", "County Sheriff")
    groups = sorted(map(sorted, _ids_of(corpus)))
    assert groups == [["a1"], ["a2"]]


def test_an_incident_keeps_the_day_most_reports_give(corpus: Corpus) -> None:
    """The event's date: among equally precise days, the one most articles give, not
    the day of a later report that joined it (a hearing three weeks on)."""
    for aid in ("a1", "a2"):
        doc = corpus.article(aid, "Keldor Post", "2024-05-12", SHOT.format(town="Keldor"))
        _violent(doc, "a man was shot dead", add_place(doc, "Keldor", KELDOR), "2024-05-11")
        _named(doc, "Oren Dask")
    text = "A teen pleaded not guilty on Friday to the murder of Oren Dask in Keldor."
    later = corpus.article("a0", "Valley Times", "2024-06-01", text)
    _violent(later, "the murder of Oren Dask", add_place(later, "Keldor", KELDOR), "2024-05-31")
    _named(later, "Oren Dask")
    (event,) = corpus.fuse().events
    assert {m["article"] for m in event["mentions"]} == {"a0", "a1", "a2"}
    assert event["date"] == "2024-05-11"


def test_one_scene_outweighs_a_misread_place(corpus: Corpus) -> None:
    """E7e: a report from Keldor (its dateline and text name Keldor twice) whose
    shooting the gazetteer placed at a far Tasso (a street name read as the town)
    joins the Keldor report of that day; a report from far Varn that day stays apart."""
    first = corpus.article("a1", "Keldor Post", "2024-05-12", SHOT.format(town="Keldor"))
    _violent(first, "a man was shot dead", add_place(first, "Keldor", KELDOR), "2024-05-11")
    text = "KELDOR - A man was shot on Tasso Road late Saturday. Keldor police are looking."
    second = corpus.article("a2", "Valley Times", "2024-05-12", text)
    add_place(second, "KELDOR", KELDOR)
    second.place("Keldor police", "Keldor", *KELDOR[1:])
    _violent(second, "A man was shot", add_place(second, "Tasso", TASSO), "2024-05-11")
    varn = ("Varn", 37.900, 41.500, "XN", "Lower Reach")
    third = corpus.article("a3", "Varn News", "2024-05-12", SHOT.format(town="Varn"))
    _violent(third, "a man was shot dead", add_place(third, "Varn", varn), "2024-05-11")
    groups = sorted(map(sorted, _ids_of(corpus)))
    assert groups == [["a1", "a2"], ["a3"]]


def test_the_event_is_placed_where_most_reports_place_it(corpus: Corpus) -> None:
    """A report whose town the gazetteer misread (with a street-level precision) is
    merged on the names it shares; the event still takes the town two reports give."""
    text = "Nela Voss, 4, was shot by Tam Orrin in {town} on Saturday, police said."
    misread = corpus.article("a0", "Valley Times", "2024-05-12", text.format(town="Tasso"))
    point = misread.place("Tasso", *TASSO, precision=0)
    _violent(misread, "was shot", point, "2024-05-11")
    _named(misread, "Nela Voss", "Tam Orrin")
    for aid in ("a1", "a2"):
        doc = corpus.article(aid, "Keldor Post", "2024-05-12", text.format(town="Keldor"))
        _violent(doc, "was shot", add_place(doc, "Keldor", KELDOR), "2024-05-11")
        _named(doc, "Nela Voss", "Tam Orrin")
    (event,) = corpus.fuse().events
    assert len({m["article"] for m in event["mentions"]}) == 3
    assert event["place"]["name"] == "Keldor"


def test_a_later_day_of_the_same_report_stays_with_its_incident(corpus: Corpus) -> None:
    """E7c inside one article: "shot on Saturday" and, in a later paragraph, "died
    on Tuesday" name the same rarely named victim; the later day is the same
    incident told on, not a second shooting (a funeral report naming her joins too)."""
    text = (
        "Nela Voss, 4, was shot in Keldor on Saturday, police said. "
        "Nela Voss died of her wounds on Tuesday at the hospital."
    )
    doc = corpus.article("a1", "Keldor Post", "2024-05-15", text)
    _violent(doc, "was shot in Keldor", add_place(doc, "Keldor", KELDOR), "2024-05-11")
    _violent(doc, "died of her wounds", None, "2024-05-14")
    _named(doc, "Nela Voss")
    funeral = "Hundreds mourned Nela Voss, the girl killed in a shooting, on Monday."
    later = corpus.article("a2", "Valley Times", "2024-05-21", funeral)
    _violent(later, "killed in a shooting", None, "2024-05-21", documented=True)
    _named(later, "Nela Voss")
    (event,) = corpus.fuse().events
    assert len(event["mentions"]) == 3
    assert event["date"] == "2024-05-11"


def test_a_round_up_naming_towns_once_is_not_rescued_by_its_scene(corpus: Corpus) -> None:
    """E7e needs a clear scene: a round-up naming Keldor first and Tasso once each
    reports two events; its Tasso shooting does not join the Keldor one."""
    first = corpus.article("a1", "Keldor Post", "2024-05-12", SHOT.format(town="Keldor"))
    _violent(first, "a man was shot dead", add_place(first, "Keldor", KELDOR), "2024-05-11")
    text = "A woman was stabbed in Keldor on Saturday. A man was shot in Tasso that night."
    roundup = corpus.article("a2", "Valley Times", "2024-05-12", text)
    add_place(roundup, "Keldor", KELDOR)  # named first: the round-up's scene, once
    _violent(roundup, "A man was shot", add_place(roundup, "Tasso", TASSO), "2024-05-11")
    groups = sorted(map(sorted, _ids_of(corpus)))
    assert groups == [["a1"], ["a2"]]


def test_a_namesake_read_by_one_report_does_not_place_the_event(corpus: Corpus) -> None:
    """Votes go to a name in its region: two reports of Keldor in Upper Reach outvote
    one that read the same name as a far namesake (a bigger Keldor elsewhere), even
    when the namesake came with the finer precision."""
    text = "Nela Voss, 4, was shot by Tam Orrin in Keldor on Saturday, police said."
    misread = corpus.article("a0", "Valley Times", "2024-05-12", text)
    namesake = misread.place(
        "Keldor", "Keldor", TASSO[1], TASSO[2], "XN", "Lower Reach", precision=0
    )
    _violent(misread, "was shot", namesake, "2024-05-11")
    _named(misread, "Nela Voss", "Tam Orrin")
    for aid in ("a1", "a2"):
        doc = corpus.article(aid, "Keldor Post", "2024-05-12", text)
        _violent(doc, "was shot", add_place(doc, "Keldor", KELDOR), "2024-05-11")
        _named(doc, "Nela Voss", "Tam Orrin")
    (event,) = corpus.fuse().events
    assert len({m["article"] for m in event["mentions"]}) == 3
    assert (event["place"]["name"], event["place"]["admin1"]) == ("Keldor", "Upper Reach")


def test_the_incident_happened_by_its_first_report(corpus: Corpus) -> None:
    """Two reports of the charges give the day charges were announced; the report
    published the day after the shooting gives the shooting's day. The incident
    happened by its first report, so a later day is no day of it, however many
    later reports give it."""
    first = corpus.article("a0", "Keldor Post", "2024-05-11", SHOT.format(town="Keldor"))
    _violent(first, "a man was shot dead", add_place(first, "Keldor", KELDOR), "2024-05-10")
    _named(first, "Oren Dask")
    text = "Prosecutors on Wednesday charged two adults in the shooting of Oren Dask in Keldor."
    for aid in ("a1", "a2"):
        doc = corpus.article(aid, "Valley Times", "2024-05-25", text)
        _violent(doc, "the shooting of Oren Dask", add_place(doc, "Keldor", KELDOR), "2024-05-22")
        _named(doc, "Oren Dask")
    (event,) = corpus.fuse().events
    assert {m["article"] for m in event["mentions"]} == {"a0", "a1", "a2"}
    assert event["date"] == "2024-05-10"
