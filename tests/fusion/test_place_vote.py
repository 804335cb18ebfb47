"""Rule E9, the fused event's place (crosswire.fusion.place_vote; docs/fusion.md).

Each test builds the event's mentions by hand: which article gives which place
in its main mention, which town it names most (its scene) and which places it
names anywhere. The towns are invented (Norland, XN) except where a namesake
abroad is the point.
"""

from __future__ import annotations

from collections.abc import Iterable

from crosswire.fusion.events import Cluster
from crosswire.fusion.mentions import read_mentions
from crosswire.fusion.place_vote import event_place, place_key
from crosswire.fusion.records import Mention, Place


def _town(
    name: str,
    lat: float,
    lon: float,
    admin1: str = "Upper Reach",
    country: str = "XN",
    kind: str = "town",
    precision: int = 1,
) -> Place:
    return Place(name, lat, lon, country, admin1, precision, kind)


WALTON = _town("Walton", 35.10, 38.20)
NEWBURY = _town("Newbury", 35.30, 38.35)  # about 26 km from Walton
PORTSEA = _town("Portsea", 35.45, 38.10)  # about 40 km from Walton, the region's city
HOLM_COUNTY = _town("Holm County", 35.20, 38.30, kind="region", precision=2)
UPPER_REACH = _town("Upper Reach", 35.5, 38.5, kind="region", precision=3)
SALISBURY_XN = _town("Salisbury", 35.60, 38.90)
SALISBURY_GB = _town("Salisbury", 51.07, -1.79, admin1="England", country="GB")


def _mention(
    article: str,
    place: Place | None,
    *,
    role: str = "main",
    scene: Place | None = None,
    named: Iterable[Place] = (),
) -> Mention:
    return Mention(
        article=article,
        outlet=None,
        published=None,
        origin=article,
        version=0,
        index=0,
        start=0,
        end=10,
        type="violence against civilians",
        subtype="attack",
        date=None,
        precision="unknown",
        lo=None,
        hi=None,
        place=place,
        actors=frozenset(),
        targets=frozenset(),
        numbers=[],
        claimant=None,
        claim=None,
        role=role,
        scene=scene,
        places_named=frozenset(place_key(p) for p in [*named, *(p for p in [place] if p)]),
    )


def _place(*mentions: Mention) -> Place | None:
    cluster = Cluster()
    for m in mentions:
        cluster.add(m)
    return event_place(cluster, mentions)


def test_an_article_votes_with_its_main_mentions_place_not_its_scene() -> None:
    # every report names the region's city most (the hospital, the suspect's home);
    # two of three place the shooting in Walton
    found = _place(
        _mention("a", HOLM_COUNTY, scene=PORTSEA, named=[PORTSEA]),
        _mention("b", WALTON, scene=PORTSEA, named=[PORTSEA]),
        _mention("c", WALTON, scene=PORTSEA, named=[PORTSEA]),
    )
    assert found is not None and found.name == "Walton"


def test_the_scene_votes_for_an_article_whose_mentions_name_no_place() -> None:
    found = _place(
        _mention("a", NEWBURY),
        _mention("b", None, scene=WALTON),
        _mention("c", WALTON),
    )
    assert found is not None and found.name == "Walton"


def test_a_tie_goes_to_the_town_both_reports_name() -> None:
    # "a retired Newbury police officer killed his children" (one report) against
    # "a murder-suicide in Walton" (the other, which the first names too)
    found = _place(
        _mention("a", NEWBURY, named=[WALTON]),
        _mention("b", WALTON),
    )
    assert found is not None and found.name == "Walton"


def test_a_tie_goes_to_the_namesake_the_other_places_back() -> None:
    # one report read Salisbury in England; the other writes its state and streets
    state = _town("Upper Reach", 35.5, 38.5, kind="region", precision=3)
    found = _place(
        _mention("a", SALISBURY_GB),
        _mention("b", SALISBURY_XN, named=[state, _town("Harrel", 35.61, 38.9)]),
    )
    assert found is not None and (found.country, found.name) == ("XN", "Salisbury")


def test_a_region_or_county_gives_way_to_a_town_inside_it() -> None:
    # both reports name the region (and the county), only one the town: they agree
    found = _place(
        _mention("a", UPPER_REACH, named=[WALTON]),
        _mention("b", WALTON, named=[UPPER_REACH]),
    )
    assert found is not None and found.name == "Walton"
    found = _place(
        _mention("a", HOLM_COUNTY, named=[WALTON]),
        _mention("b", WALTON, named=[HOLM_COUNTY]),
    )
    assert found is not None and found.name == "Walton"


def test_a_county_far_from_the_town_does_not_hold_it() -> None:
    far = _town("Tasso County", 36.50, 40.10, kind="region", precision=2)  # ~230 km off
    found = _place(
        _mention("a", far, named=[WALTON]),
        _mention("b", WALTON, named=[far]),
        _mention("c", None, scene=None, named=[far]),
    )
    # one vote each; the county 230 km off holds no town, so it does not give way:
    # the place more reports name (the county, named by all three) wins
    assert found is not None and found.name == "Tasso County"


def test_a_town_written_with_its_state_is_no_persons_name() -> None:
    text = "A gunman opened fire in a club in Gary, Ind. Five were taken to Gary Methodist."
    gary = text.index("Gary")
    ind = text.index("Ind.")
    analysis = {
        "entities": [
            {
                "id": "person:gary methodist",
                "name": "Gary Methodist",
                "type": "person",
                "mentions": [[text.rindex("Gary"), len(text) - 1]],
            }
        ],
        "places": [
            {
                "start": gary,
                "end": gary + 4,
                "text": "Gary",
                "name": "Gary",
                "lat": 41.6,
                "lon": -87.3,
                "country": "US",
                "admin1": "Indiana",
                "kind": "town",
                "precision": 1,
            },
            {
                "start": ind,
                "end": ind + 4,
                "text": "Ind.",
                "name": "Indiana",
                "lat": 39.9,
                "lon": -86.2,
                "country": "US",
                "admin1": "Indiana",
                "kind": "region",
                "precision": 3,
            },
        ],  # fmt: skip
        "events": [
            {
                "start": 0,
                "end": 45,
                "trigger": "opened fire",
                "type": "Violence against civilians",
                "subtype": "Attack",
                "place": None,
                "role": "main",
            }
        ],
    }
    analysis["events"][0]["place"] = analysis["places"][0]
    article = {"id": "a1", "text": text, "published": "2024-03-04"}
    (m,) = read_mentions(article, analysis, "a1", lambda s, e, i: (None, None))
    assert m.place is not None and m.place.name == "Gary"
    # without its state the same word stays the person's
    analysis["places"] = analysis["places"][:1]
    (m,) = read_mentions(article, analysis, "a1", lambda s, e, i: (None, None))
    assert m.place is None


def test_a_name_always_written_after_the_is_no_persons() -> None:
    text = (
        "A woman shot her son in Lewiston on Sunday. "
        "The sheriff said the Lewiston community grieves."
    )
    town = text.index("Lewiston")
    analysis = {
        "entities": [
            {
                "id": "person:lewiston",
                "name": "Lewiston",
                "type": "person",
                "mentions": [[text.rindex("Lewiston"), text.rindex("Lewiston") + 8]],
            }
        ],
        "places": [
            {
                "start": town,
                "end": town + 8,
                "text": "Lewiston",
                "name": "Lewiston",
                "lat": 47.1,
                "lon": -109.4,
                "country": "US",
                "admin1": "Montana",
                "kind": "town",
                "precision": 1,
            },
        ],  # fmt: skip
        "events": [
            {
                "start": 0,
                "end": 44,
                "trigger": "shot",
                "type": "Violence against civilians",
                "subtype": "Attack",
                "place": None,
                "role": "main",
            },
        ],  # fmt: skip
    }
    analysis["events"][0]["place"] = analysis["places"][0]
    article = {"id": "a1", "text": text, "published": "2024-03-04"}
    (m,) = read_mentions(article, analysis, "a1", lambda s, e, i: (None, None))
    assert m.place is not None and m.place.name == "Lewiston"
    assert m.scene is not None and m.scene.name == "Lewiston"
    # "Lewiston said he was sorry": a person's name, no place
    spoken = text.replace("the Lewiston community grieves", "Lewiston grieves")
    analysis["entities"][0]["mentions"] = [
        [spoken.rindex("Lewiston"), spoken.rindex("Lewiston") + 8]
    ]
    (m,) = read_mentions({**article, "text": spoken}, analysis, "a1", lambda s, e, i: (None, None))
    assert m.place is None
