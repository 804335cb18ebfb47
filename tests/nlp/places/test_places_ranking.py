"""Issue 13, session 7: ranking features and weights as data; the text placing
a name in its country, state or town; a state's own words; counties' reach."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from crosswire.evaluate.place_ranking import Example, _loss, fit, top1
from crosswire.nlp.places import resolve
from crosswire.nlp.places.document import resolve_document
from crosswire.nlp.places.gazetteer import Place, default_gazetteer
from crosswire.nlp.places.ranking import FEATURES, HAND_WEIGHTS, features, weights


def _resolve(text: str, names: list[str]) -> dict[str, tuple[str, str, str, str]]:
    """Each name (its first occurrence from left to right) -> (name, kind, admin1, country)."""
    spans = []
    pos = 0
    for name in names:
        start = text.index(name, pos)
        spans.append((start, start + len(name)))
        pos = start + len(name)
    places = resolve_document(names, text=text, spans=spans)
    out = {}
    for name, p in zip(names, places, strict=True):
        assert p is not None, name
        out.setdefault(name, (p.name, p.kind, p.admin1, p.country))
    return out


def test_weights_file_names_every_feature_it_sets() -> None:
    w = weights()
    assert len(w) == len(FEATURES)
    # the shipped weights are the hand-set ones (fitted ones did not generalise)
    assert {f: x for f, x in zip(FEATURES, w, strict=True) if x} == {
        f: x for f, x in HAND_WEIGHTS.items() if x
    }


def test_choose_takes_the_best_weighted_feature_sum() -> None:
    cands = default_gazetteer().lookup("Springfield")
    focus = Counter({"US": 2})
    best = resolve.choose(cands, focus, query="Springfield")
    ctx = resolve.context(cands, focus, query="Springfield")
    w = weights()

    def score(p: Place) -> float:
        return sum(a * b for a, b in zip(w, features(p, ctx), strict=True))

    assert best is not None and math.isclose(score(best), max(score(c) for c in cands))
    assert best.country == "US"


def test_fitting_learns_a_toy_preference() -> None:
    # two candidates per mention; the right one has the larger first feature
    rng = np.random.default_rng(0)
    data = []
    for _ in range(60):
        x = rng.normal(size=(2, len(FEATURES)))
        right = np.array([x[0, 0] > x[1, 0], x[0, 0] <= x[1, 0]])
        data.append(Example(x, right))
    start = np.zeros(len(FEATURES))
    w = fit(data, start, l2=0.0, steps=200)
    assert top1(data, w) > 0.9 > top1(data, -w)
    loss0, grad = _loss(start, data, start, 0.0)
    assert math.isclose(loss0, math.log(2)) and grad[0] < 0


def test_a_small_town_the_text_puts_in_its_country_is_no_stray() -> None:
    text = (
        "Officials in Ankara and Istanbul signed the deal on Monday with a feed "
        "maker from Visbek, Germany, which also runs plants in Izmir."
    )
    got = _resolve(text, ["Ankara", "Istanbul", "Visbek", "Germany", "Izmir"])
    assert got["Visbek"][3] == "DE"


def test_a_far_namesake_in_a_town_is_a_building_of_the_town() -> None:
    text = "The rider was flown to the CHU in Montpellier after the fall near Nimes."
    got = _resolve(text, ["CHU", "Montpellier", "Nimes"])
    assert got["CHU"][:1] == ("Montpellier",) and got["CHU"][3] == "FR"


def test_a_state_s_own_words_make_new_york_the_state() -> None:
    court = _resolve("A New York court threw out the claim on Friday.", ["New York"])
    assert court["New York"][1] == "region"
    law = _resolve("New York's attorney general sued the firm.", ["New York"])
    assert law["New York"][1] == "region"
    city = _resolve("She moved to New York last year to act on Broadway.", ["New York"])
    assert city["New York"][1] == "city"


def test_the_name_after_a_town_and_comma_is_its_state() -> None:
    got = _resolve(
        "He grew up in Yonkers, New York, and now coaches there.", ["Yonkers", "New York"]
    )
    assert got["New York"][1] == "region" and got["Yonkers"][2] == "New York"


def test_a_county_and_a_town_some_40_km_apart_back_each_other() -> None:
    text = (
        "A Columbus man died Sunday when his pickup left the highway, the Colfax "
        "County Sheriff's Office said."
    )
    got = _resolve(text, ["Columbus", "Colfax County"])
    assert got["Columbus"][2] == "Nebraska" and got["Colfax County"][2] == "Nebraska"


def test_a_bare_county_of_a_state_s_name_takes_no_co_location_support() -> None:
    # "Ohio" in a list of states beside a town near Ohio County, West
    # Virginia: the county's nearness to another name must not count
    cands = default_gazetteer().lookup("Ohio") + default_gazetteer().counties("Ohio")
    county = next(c for c in cands if c.name == "Ohio County" and c.admin1 == "West Virginia")
    support = {(county.name, county.lat, county.lon): 2}
    ctx = resolve.context(cands, Counter({"US": 3}), query="Ohio", support=support)
    assert ctx.state_pop > 0
    assert features(county, ctx)[FEATURES.index("co_located")] == 0.0
    # a bare county with no state of its name ("Platte") keeps it
    platte = [c for c in default_gazetteer().counties("Platte") if c.admin1 == "Nebraska"]
    support = {(platte[0].name, platte[0].lat, platte[0].lon): 2}
    ctx = resolve.context(platte, Counter({"US": 3}), query="Platte", support=support)
    assert features(platte[0], ctx)[FEATURES.index("co_located")] == 2.0
