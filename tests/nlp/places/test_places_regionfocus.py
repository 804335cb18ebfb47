"""Issue 13: the states an article names in passing settle its same-named towns."""

from __future__ import annotations

from crosswire.nlp.places.backoff import held_in
from crosswire.nlp.places.document import resolve_document
from crosswire.nlp.places.gazetteer import default_gazetteer
from crosswire.nlp.places.regionfocus import region_evidence, stated_regions, within

STORY = (
    "OVERLAND, MO — Police said a man from Greenwood, W. Va., and a woman of "
    "Canton, Ohio, were held overnight. A Louisiana man was later released. "
    "The Missouri State Highway Patrol and the Kansas Department of Revenue "
    "are investigating, Washington officials said."
)


def test_datelines_pairs_and_names_are_told_apart() -> None:
    ev = region_evidence(STORY)
    # the dateline places the whole story
    assert ev.datelines == {("US", "missouri"): 1}
    # a town with its state places that town only, keyed on where the town ends
    greenwood = STORY.index("Greenwood") + len("Greenwood")
    canton = STORY.index("Canton") + len("Canton")
    assert ev.after[greenwood] == ("US", "west virginia")
    assert ev.after[canton] == ("US", "ohio")
    # bare names count, but not where a person comes from ("A Louisiana man")
    # nor a name that alone means the capital ("Washington officials")
    assert ev.names == {("US", "missouri"): 1, ("US", "kansas"): 1}


def test_a_digest_of_datelined_stories_places_none_of_the_others() -> None:
    digest = (
        "COLUMBUS, Ohio (AP) — Ohio State won at home. "
        "OAKLAND, Calif. (AP) — Martin Perez pitched into the sixth."
    )
    ev = region_evidence(digest)
    assert not ev.datelines
    assert sorted(ev.after.values()) == [("US", "california"), ("US", "ohio")]
    # one story under two datelines of one state still counts twice
    twice = region_evidence("SALEM, Ore. — Rain. PORTLAND, Ore. — More rain.")
    assert twice.datelines == {("US", "oregon"): 2}


def test_a_bare_name_counts_before_a_state_agency() -> None:
    text = (
        "An Albany police SWAT team and Georgia Bureau of Investigation agents "
        "raided the home. The Washington State Patrol closed the pass, the "
        "Washington Post reported, and Georgia said Tbilisi would respond."
    )
    # the agencies name the states; the newspaper and the bare country do not
    assert region_evidence(text).names == {("US", "georgia"): 1, ("US", "washington"): 1}
    gaz = default_gazetteer()
    story = "Albany police and Georgia Bureau of Investigation agents searched Albany."
    places = resolve_document(
        ["Albany", "Albany"],
        gazetteer=gaz,
        text=story,
        spans=[(0, 6), (story.rindex("Albany"), len(story) - 1)],
    )
    assert {(p.admin1, p.country) for p in places if p} == {("Georgia", "US")}


def test_codes_need_a_town_and_comma_before_them() -> None:
    ev = region_evidence("He said, IN the end, OR so. In Yuma, CO. Salem, OR (AP) - rain.")
    assert sorted(ev.after.values()) == [("US", "colorado"), ("US", "oregon")]
    assert ev.datelines == {("US", "oregon"): 1}
    assert not region_evidence("Nothing here names a state.")


def test_a_town_followed_by_its_state_keeps_the_candidates_there() -> None:
    gaz = default_gazetteer()
    text = "Julia Kinsey, of Canton, Ohio, was preparing her two poodles."
    end = text.index("Canton") + len("Canton")
    stated = stated_regions(["Kinsey", "Canton"], [12, end], region_evidence(text))
    assert stated == {"canton": ("US", "ohio")}
    kept = within(gaz.lookup("Canton"), stated["canton"])
    assert kept and {p.admin1 for p in kept} == {"Ohio"}
    # no state after the name, or none of its namesakes there: every candidate stays
    assert within(gaz.lookup("Canton"), None) == gaz.lookup("Canton")
    assert within(gaz.lookup("Canton"), ("US", "alaska")) == gaz.lookup("Canton")


def test_resolve_document_uses_the_text_around_the_names() -> None:
    text = "Julia Kinsey, of Canton, Ohio, was preparing her two poodles."
    start = text.index("Canton")
    bare = resolve_document(["Canton"])[0]
    placed = resolve_document(["Canton"], text=text, spans=[(start, start + 6)])[0]
    assert bare is not None and bare.admin1 != "Ohio"
    assert placed is not None and (placed.country, placed.admin1) == ("US", "Ohio")


def test_a_dateline_places_every_mention_of_its_town() -> None:
    # alone, Columbus is the Ohio capital; the dateline says Nebraska
    text = "COLUMBUS, Neb. — A crash west of Columbus claimed a life on Sunday."
    spans = [(0, 8), (text.index("Columbus"), text.index("Columbus") + 8)]
    alone = resolve_document(["Columbus"])[0]
    placed = resolve_document(["COLUMBUS", "Columbus"], text=text, spans=spans)
    assert alone is not None and alone.admin1 != "Nebraska"
    assert [p.admin1 if p else None for p in placed] == ["Nebraska", "Nebraska"]


def test_an_unknown_building_lies_in_the_place_written_after_it() -> None:
    text = (
        "The envoy spoke at the Palais des Nations in Geneva on Friday, then flew "
        "to the Federal University of Technology, Owerri."
    )
    names = ["Palais des Nations", "Geneva", "Federal University of Technology", "Owerri"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    got = resolve_document(names, text=text, spans=spans)
    palais, geneva, futo, owerri = got
    assert geneva is not None and geneva.country == "CH"
    assert palais is not None and (palais.name, palais.country) == (geneva.name, "CH")
    assert palais.source.startswith("in:")
    assert owerri is not None and futo is not None and futo.name == owerri.name
    # without the text the building falls back on the document's home place
    bare = resolve_document(names)[0]
    assert bare is not None and not bare.source.startswith("in:")


def test_held_in_needs_the_words_of_containment() -> None:
    gaz = default_gazetteer()
    geneva = max(gaz.lookup("Geneva"), key=lambda p: p.population)
    text = "Crowds left Barclays Center and Geneva."
    spans = [(12, 27), (32, 38)]
    assert held_in([None, geneva], spans, text) == [None, geneva]
    text = "Crowds left Barclays Center in Geneva."
    placed = held_in([None, geneva], [(12, 27), (31, 37)], text)[0]
    assert placed is not None and placed.source == "in:" + geneva.source


def test_a_name_after_a_towns_possessive_lies_in_the_town() -> None:
    gaz = default_gazetteer()
    london = max(gaz.lookup("London"), key=lambda p: p.population)
    text = "Staff from London’s Heathrow Animal Reception Center flew with them."
    spans = [(11, 17), (20, 52)]
    placed = held_in([london, None], spans, text)[1]
    assert placed is not None and placed.source == "in:" + london.source
    # a plain list names no possessor
    text = "Staff from London and Heathrow Animal Reception Center flew with them."
    assert held_in([london, None], [(11, 17), (22, 54)], text) == [london, None]


def test_a_comma_before_a_subject_holds_nothing() -> None:
    gaz = default_gazetteer()
    liverpool = max(gaz.lookup("Liverpool"), key=lambda p: p.population)
    # "Liverpool have": the club is the subject of the clause, not the holder
    text = "Beyond Madinaty, Liverpool have other academy branches."
    assert held_in([None, liverpool], [(7, 15), (17, 26)], text) == [None, liverpool]
    text = "He studied at Madinaty Academy, Liverpool, for a year."
    placed = held_in([None, liverpool], [(14, 30), (32, 41)], text)[0]
    assert placed is not None and placed.source == "in:" + liverpool.source


def test_abbreviated_saints_and_mounts_and_state_residents() -> None:
    gaz = default_gazetteer()
    assert any(p.country == "KN" for p in gaz.lookup("St. Kitts and Nevis"))
    assert any(p.name == "Fort Worth" for p in gaz.lookup("Ft. Worth"))
    assert gaz.lookup("Main St") == gaz.lookup("Main St.")  # a street keeps its "St"
    ohio = gaz.demonym_place("Ohioans")
    assert ohio is not None and (ohio.name, ohio.kind) == ("Ohio", "region")
    assert gaz.demonym_place("Georgians") != gaz.demonym_place("Ohioans")


def test_a_county_of_one_state_names_that_state() -> None:
    gaz = default_gazetteer()
    text = (
        "Deputies were called to a farmhouse near Shelby on Sunday night, the "
        "Toole County Sheriff said. The Toole County Attorney will review it. "
        "Crews from Marion County and Greenwood County helped. He had been "
        "convicted in Bronx County, N.Y, in 2004."
    )
    ev = region_evidence(text, gaz)
    # Toole County lies in Montana only: each mention counts as one of Montana;
    # Marion County (a dozen states) and Greenwood County (two) say nothing,
    # nor does a county with its state after it, out of the paper's own
    assert ev.names == {("US", "montana"): 2}
    # without the gazetteer the county is no evidence at all
    assert not region_evidence(text).names
    start = text.index("Shelby")
    alone = resolve_document(["Shelby"], backoff=False)[0]
    placed = resolve_document(["Shelby"], text=text, spans=[(start, start + 6)], backoff=False)[0]
    assert alone is not None and alone.admin1 != "Montana"
    assert placed is not None and (placed.country, placed.admin1) == ("US", "Montana")


def test_the_county_is_the_longest_tail_the_gazetteer_holds() -> None:
    gaz = default_gazetteer()
    text = "Sheriff Navarro County deputies said. The Navarro County jail holds him."
    assert region_evidence(text, gaz).names == {("US", "texas"): 2}


def test_canadian_press_province_abbreviations() -> None:
    gaz = default_gazetteer()
    for short, full in [("Sask.", "Saskatchewan"), ("Alta.", "Alberta"), ("N.B.", "New Brunswick")]:
        found = gaz.lookup(short)
        assert [(p.name, p.country, p.kind) for p in found] == [(full, "CA", "region")]
    # and a town written with one is placed in that province
    text = "REGINA, Sask. — Crews in Red Deer, Alta., and Saint John, N.B., were called."
    ev = region_evidence(text)
    assert ev.datelines == {("CA", "saskatchewan"): 1}
    assert sorted(ev.after.values()) == [
        ("CA", "alberta"),
        ("CA", "new brunswick"),
        ("CA", "saskatchewan"),
    ]


def test_an_abbreviated_county() -> None:
    gaz = default_gazetteer()
    found = gaz.lookup("PLYMOUTH CO.")
    assert found and found == gaz.lookup("Plymouth County")
    assert {p.admin1 for p in found} >= {"Massachusetts"}
    # "Co." only ends a county: a leading one spells nothing out
    assert gaz.lookup("Co. Plymouth") != found


def test_alberta_lies_at_its_reference_point_not_its_towns_middle() -> None:
    alberta = default_gazetteer().region("CA", "Alberta")
    # the middle of its towns lies 230 km east of the point gazetteers give it
    assert alberta is not None and (alberta.lat, alberta.lon) == (52.25, -117.5)


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(n), text.index(n) + len(n)) for n in names]


def test_a_relative_clause_puts_a_site_in_the_next_town() -> None:
    gaz = default_gazetteer()
    leeds = max(gaz.lookup("Leeds"), key=lambda p: p.population)
    text = "Nurses at St Ninian's Hospital where the twins were born in Leeds spoke out."
    placed = held_in([None, leeds], _spans(text, "St Ninian's Hospital", "Leeds"), text)[0]
    assert placed is not None and placed.source == "in:" + leeds.source
    # a name that is no site (a person's, a club's) is not put there
    text = "Fans of Marlow Harriers where the twins were born in Leeds spoke out."
    spans = _spans(text, "Marlow Harriers", "Leeds")
    assert held_in([None, leeds], spans, text) == [None, leeds]
    # nor is a site by a clause that runs into the next sentence
    text = "Nurses at St Ninian's Hospital where they work. He was born in Leeds."
    spans = _spans(text, "St Ninian's Hospital", "Leeds")
    assert held_in([None, leeds], spans, text) == [None, leeds]
