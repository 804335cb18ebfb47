"""Reconciled figures (low/best/high), series of running totals, conflicting figures."""

from __future__ import annotations

from fusion_builders import KELDOR, Corpus, add_place, norland

KILLED = "An air strike on Keldor on Monday killed {n}, medics said."


def killed(
    c: Corpus,
    aid: str,
    outlet: str,
    n_text: str,
    value: float,
    low: float | None = None,
    high: float | None = None,
    published: str = "2024-03-05",
    family: str | None = None,
    version: int = 1,
) -> None:
    doc = c.article(aid, outlet, published, KILLED.format(n=n_text), family=family, version=version)
    norland(doc)
    place = add_place(doc, "Keldor", KELDOR)
    q = doc.quantity(n_text, value, low, high, noun="people", modifiers=("killed",))
    doc.event("air strike", place=place, date="2024-03-04", numbers=(("killed", q),))


def test_low_best_high_with_sources(corpus: Corpus) -> None:
    killed(corpus, "a1", "Wire One", "12 people", 12, family="w1")
    killed(corpus, "a2", "Wire Two", "between 10 and 20 people", 10, 10, 20, family="w2")
    # One agency story in two versions: the update (14) supersedes the first take (8).
    killed(corpus, "a3", "Wire Three", "8 people", 8, published="2024-03-04", family="w3")
    killed(
        corpus, "a4", "Wire Three", "14 people", 14, published="2024-03-06", family="w3", version=2
    )
    fusion = corpus.fuse()
    assert len(fusion.events) == 1
    (number,) = fusion.events[0]["numbers"]
    assert number["what"] == "killed"
    assert (number["low"], number["best"], number["high"]) == (10, 10, 20)
    assert len(number["sources"]) == 4  # every report stays visible, superseded ones too
    basis = {s["article"]: s["basis"] for s in number["sources"]}
    assert basis["a2"] == ["low", "best", "high"]
    assert basis["a3"] == [] and basis["a1"] == []
    assert fusion.disputes == []  # 12 and 14 differ but were published on different days


def test_a_dated_update_outranks_an_undated_copy_of_the_first_take(corpus: Corpus) -> None:
    # The family numbers undated members last (version 3 here), but an undated
    # republished copy of the first take cannot show it is newer than the update.
    killed(corpus, "a1", "Wire Three", "14 people", 14, published="2024-03-05", family="w3")
    killed(
        corpus, "a2", "Wire Three", "19 people", 19, published="2024-03-05", family="w3", version=2
    )
    killed(corpus, "a3", "Reprint", "14 people", 14, published=None, family="w3", version=3)
    (number,) = corpus.fuse().events[0]["numbers"]
    assert number["best"] == 19
    basis = {s["article"]: s["basis"] for s in number["sources"]}
    assert basis["a2"] and basis["a1"] == [] and basis["a3"] == []


def test_open_bound_stays_open(corpus: Corpus) -> None:
    killed(corpus, "a1", "Wire One", "12 people", 12, family="w1")
    killed(corpus, "a2", "Wire Two", "at least 11 people", 11, 11, None, family="w2")
    (number,) = corpus.fuse().events[0]["numbers"]
    assert (number["low"], number["best"], number["high"]) == (11, 11, None)


def test_same_day_disjoint_figures_are_a_dispute(corpus: Corpus) -> None:
    killed(corpus, "a1", "Wire One", "12 people", 12, family="w1")
    killed(corpus, "a2", "Wire Two", "30 people", 30, family="w2")
    killed(corpus, "a3", "Wire Two copy", "30 people", 30, family="w2")
    fusion = corpus.fuse()
    (dispute,) = fusion.disputes
    assert dispute["kind"] == "conflicting_figures"
    assert {s["text"] for s in dispute["sides"]} == {"12 people", "30 people"}
    assert len(dispute["claims"]) == 0 or all(c.startswith("claim:") for c in dispute["claims"])
    assert dispute["events"] == [fusion.events[0]["id"]]
    assert fusion.events[0]["numbers"][0]["best"] == 12


HURT = "A gunman on Keldor's market street on Monday wounded {n}, police said."


def test_one_pair_in_conflict_over_a_slot_and_its_subtype_is_one_dispute(
    corpus: Corpus,
) -> None:
    """Two same-day reports at odds over the wounded are at odds over the
    wounded civilians too: one dispute, not two with one id (a picture refresh
    once stopped on the second)."""
    for aid, outlet, n_text, value in (
        ("a1", "Wire One", "a girl", 1),
        ("a2", "Wire Two", "two girls", 2),
    ):
        doc = corpus.article(aid, outlet, "2024-03-05", HURT.format(n=n_text), family=aid)
        norland(doc)
        place = add_place(doc, "Keldor", KELDOR)
        q = doc.quantity(n_text, value, noun="girls", modifiers=("wounded",))
        doc.event(
            "wounded",
            place=place,
            date="2024-03-04",
            numbers=(("wounded", q), ("wounded_civilian", q)),
        )
    fusion = corpus.fuse()
    assert {n["what"] for n in fusion.events[0]["numbers"]} >= {"wounded", "wounded_civilian"}
    (dispute,) = [d for d in fusion.disputes if d["kind"] == "conflicting_figures"]
    assert {s["text"] for s in dispute["sides"]} == {"a girl", "two girls"}
    assert dispute["note"].startswith("wounded:")


TOLL = "{lead} The war has left {n} dead since 2019, the Hills Observatory said."


def toll(
    c: Corpus,
    aid: str,
    outlet: str,
    published: str,
    n_text: str,
    value: float,
    family: str | None = None,
    low: float | None = None,
) -> None:
    text = TOLL.format(lead="Fighting continued near Keldor.", n=n_text)
    doc = c.article(aid, outlet, published, text, family=family)
    add_place(doc, "Keldor", KELDOR)
    doc.quantity(n_text, value, low, None, noun="people", modifiers=("dead",))
    doc.claim(
        "The war has left " + n_text + " dead since 2019, the Hills Observatory said",
        "The war has left " + n_text + " dead since 2019",
        "the Hills Observatory",
    )


def test_running_totals_form_a_dated_series_not_a_contradiction(corpus: Corpus) -> None:
    toll(corpus, "t3", "Wire Two", "2024-02-01", "470,000 people", 470000, family="w2")
    toll(corpus, "t1", "Wire One", "2023-01-10", "more than 240,000 people", 240000, "w1", 240000)
    toll(corpus, "t1b", "Copy Site", "2023-01-10", "more than 240,000 people", 240000, "w1", 240000)
    toll(corpus, "t2", "Wire Three", "2023-06-02", "260,000 people", 260000, family="w3")
    fusion = corpus.fuse()
    assert fusion.disputes == []
    (series,) = fusion.series
    assert series["what"] == "dead" and series["subject"] == "XN"
    assert [p["value"] for p in series["points"]] == [240000, 260000, 470000]
    assert [p["date"] for p in series["points"]] == ["2023-01-10", "2023-06-02", "2024-02-01"]
    assert series["points"][0]["claimant"] == "the Hills Observatory"


def test_event_toll_is_not_a_running_total(corpus: Corpus) -> None:
    killed(corpus, "a1", "Wire One", "12 people", 12)
    fusion = corpus.fuse()
    assert fusion.series == []
    assert fusion.events[0]["numbers"][0]["best"] == 12


SHOT = "A gunman shot {n} outside a bar on Keldor Road on Monday, police said."


def shooting(
    c: Corpus,
    aid: str,
    outlet: str,
    published: str,
    dead: float | None,
    hurt: float | None,
    singly: bool = False,
) -> None:
    """One report of a shooting with its killed (``fatalities``) and ``wounded`` counts;
    ``singly``: its wounded told one person at a time ("he was grazed")."""
    doc = c.article(aid, outlet, published, SHOT.format(n="two men"), family=aid)
    norland(doc)
    place = add_place(doc, "Keldor", KELDOR)
    numbers = []
    if dead is not None:
        numbers.append(("fatalities", doc.quantity("two men", dead, noun="men")))
    if hurt is not None:
        q = doc.quantity("two men", hurt, noun="men")
        q["told_singly"] = singly
        numbers.append(("wounded", q))
    doc.event("shot", place=place, date="2024-03-04", numbers=tuple(numbers))


def _figures(corpus: Corpus) -> dict[str, tuple[float | None, float | None]]:
    (event,) = corpus.fuse().events
    return {n["what"]: (n["low"], n["best"]) for n in event["numbers"]}


def test_a_victim_who_dies_later_moves_from_injured_to_killed(corpus: Corpus) -> None:
    # Monday: one man shot and hurt; Wednesday, another outlet: he died (F4c)
    shooting(corpus, "a1", "Keldor Daily", "2024-03-04", None, 1)
    shooting(corpus, "a2", "Norland Wire", "2024-03-06", 1, None)
    figures = _figures(corpus)
    assert figures["fatalities"] == (1, 1)
    assert figures["wounded"] == (0, 0)


def test_a_later_report_of_the_dead_leaves_the_other_hurt(corpus: Corpus) -> None:
    # two hurt on Monday, one of them dead by Wednesday: one is still hurt
    shooting(corpus, "a1", "Keldor Daily", "2024-03-04", 0, 2)
    shooting(corpus, "a2", "Norland Wire", "2024-03-06", 1, 1)
    assert _figures(corpus)["wounded"][1] == 1


def test_an_earlier_report_of_the_dead_moves_no_one(corpus: Corpus) -> None:
    # the dead were told first; a later report of the survivor is not a death
    shooting(corpus, "a1", "Norland Wire", "2024-03-04", 1, None)
    shooting(corpus, "a2", "Keldor Daily", "2024-03-06", None, 1)
    assert _figures(corpus)["wounded"] == (1, 1)


def test_a_report_of_one_victim_does_not_undercut_a_count(corpus: Corpus) -> None:
    # Monday "four people were wounded"; Tuesday a story about one of them ("he was
    # grazed"): the count stands (F4f)
    shooting(corpus, "a1", "Keldor Daily", "2024-03-04", None, 4)
    shooting(corpus, "a2", "Norland Wire", "2024-03-05", None, 1, singly=True)
    assert _figures(corpus)["wounded"] == (1, 4)


def test_reports_of_single_victims_alone_keep_the_smallest(corpus: Corpus) -> None:
    shooting(corpus, "a1", "Keldor Daily", "2024-03-04", None, 2, singly=True)
    shooting(corpus, "a2", "Norland Wire", "2024-03-05", None, 1, singly=True)
    assert _figures(corpus)["wounded"] == (1, 1)


def test_the_figure_most_origins_report_wins(corpus: Corpus) -> None:
    # two outlets say four dead, a third three: four (F4d); a tie keeps the smallest
    shooting(corpus, "a1", "Keldor Daily", "2024-03-04", 4, None)
    shooting(corpus, "a2", "Norland Wire", "2024-03-05", 4, None)
    shooting(corpus, "a3", "Keldor Post", "2024-03-06", 3, None)
    assert _figures(corpus)["fatalities"] == (3, 4)


def test_a_tie_between_figures_keeps_the_smallest(corpus: Corpus) -> None:
    shooting(corpus, "a1", "Keldor Daily", "2024-03-04", 4, None)
    shooting(corpus, "a2", "Norland Wire", "2024-03-05", 3, None)
    assert _figures(corpus)["fatalities"] == (3, 3)


def test_the_hurt_who_died_later_raise_the_dead(corpus: Corpus) -> None:
    # Friday: one dead, two hurt; ten days later another outlet: two dead (F4e, F4c)
    shooting(corpus, "a1", "Keldor Daily", "2024-03-01", 1, 2)
    shooting(corpus, "a2", "Norland Wire", "2024-03-11", 2, None)
    figures = _figures(corpus)
    assert figures["fatalities"] == (1, 2)
    assert figures["wounded"][1] == 1


def test_more_dead_than_the_dead_and_hurt_told_before_is_no_update(corpus: Corpus) -> None:
    # one dead and one hurt on Friday; "three dead" on Monday cannot be the hurt who died
    shooting(corpus, "a1", "Keldor Daily", "2024-03-01", 1, 1)
    shooting(corpus, "a2", "Norland Wire", "2024-03-04", 3, None)
    assert _figures(corpus)["fatalities"] == (1, 1)


def test_a_later_report_that_still_counts_the_hurt_moves_none_of_them(corpus: Corpus) -> None:
    # Saturday: one dead, five hurt; Monday: two dead and still five hurt
    shooting(corpus, "a1", "Keldor Daily", "2024-03-02", 1, 5)
    shooting(corpus, "a2", "Norland Wire", "2024-03-04", 2, 5)
    figures = _figures(corpus)
    assert figures["fatalities"][1] == 2
    assert figures["wounded"][1] == 5


TWICE = (
    "A gunman shot a man outside a bar on Keldor Road on Monday, police said. "
    "Neighbours said he was shot near the bar on Keldor Road."
)


def _told_twice(corpus: Corpus, role: str | None) -> dict[str, tuple[float | None, float | None]]:
    """One article: its main mention counts one dead, a later paragraph's mention of
    the same shooting (``role``) says "he was shot" (one hurt)."""
    doc = corpus.article("a1", "Keldor Daily", "2024-03-05", TWICE, family="a1")
    norland(doc)
    place = add_place(doc, "Keldor", KELDOR)
    dead = doc.quantity("a man", 1, noun="man")
    hurt = doc.quantity("he", 1)
    doc.event("shot", place=place, date="2024-03-04", numbers=(("fatalities", dead),), role=role)
    doc.event("shot", place=place, date="2024-03-04", numbers=(("wounded", hurt),), nth=1)
    return _figures(corpus)


def test_the_main_mention_holds_its_articles_count_of_the_victims(corpus: Corpus) -> None:
    # F4g: "he was shot" in another paragraph is the dead man again, not one more hurt
    figures = _told_twice(corpus, "main")
    assert figures["fatalities"] == (1, 1)
    assert "wounded" not in figures


def test_without_a_main_mention_every_mention_counts(corpus: Corpus) -> None:
    figures = _told_twice(corpus, None)
    assert figures["wounded"] == (1, 1)


def test_one_person_told_hurt_by_a_report_of_no_dead_is_the_dead_victim(corpus: Corpus) -> None:
    # F4h: the same day, "a teenager was shot" (one person, no dead) and another
    # outlet's "a teenager was killed": one dead, no one hurt
    shooting(corpus, "a1", "Keldor Daily", "2024-03-04", None, 1, singly=True)
    shooting(corpus, "a2", "Norland Wire", "2024-03-04", 1, None)
    figures = _figures(corpus)
    assert figures["fatalities"] == (1, 1)
    assert figures["wounded"][1] == 0


def test_a_report_that_tells_the_dead_and_the_hurt_apart_keeps_them(corpus: Corpus) -> None:
    # one report counts one dead and one hurt: a same-day report of the hurt one alone
    # ("a woman was wounded") is that person, alive
    shooting(corpus, "a1", "Keldor Daily", "2024-03-04", 1, 1, singly=True)
    shooting(corpus, "a2", "Norland Wire", "2024-03-04", None, 1, singly=True)
    figures = _figures(corpus)
    assert figures["fatalities"] == (1, 1)
    assert figures["wounded"][1] == 1
