"""Issue 13 (s6): what a name's letters and the words around it say of its
kind (acronyms, designators, street pairs, team names, datelines), what kind
of name a backoff place may stand for (streets, sites, institutions), and
landmarks and large areas on the map. Sentences are written for these tests."""

from __future__ import annotations

from typing import Any

from crosswire.nlp.places.document import resolve_document
from crosswire.nlp.places.gazetteer import Place, default_gazetteer, haversine_km
from crosswire.nlp.places.mentions import find_places
from crosswire.nlp.places.wording import home_initials, initials, street_names


def _resolve(text: str, names: list[str], home: str | None = None) -> list[Place | None]:
    """``resolve_document`` on ``names`` found in order in ``text``."""
    return resolve_document(names, home_country=home, text=text, spans=_spans(text, names))


def _spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    out, at = [], 0
    for name in names:
        start = text.index(name, at)
        out.append((start, start + len(name)))
        at = start + len(name)
    return out


def _near(p: Place | None, lat: float, lon: float, km: float = 100.0) -> bool:
    return p is not None and haversine_km(p.lat, p.lon, lat, lon) <= km


def test_an_outlets_acronym_of_its_own_country() -> None:
    gaz = default_gazetteer()
    assert initials("South Africa") == "SA" and initials("Bosnia and Herzegovina") == "BH"
    sa = home_initials("SA", "ZA", gaz)
    assert sa is not None and sa.country == "ZA" and sa.kind == "country"
    # only the outlet's own country, only in capitals
    assert home_initials("SA", None, gaz) is None
    assert home_initials("Sa", "ZA", gaz) is None
    assert home_initials("NZ", "ZA", gaz) is None
    text = "Farm workers in SA earn less than miners. Unions in SA want a new deal."
    assert [p and p.country for p in _resolve(text, ["SA", "SA"], home="ZA")] == ["ZA", "ZA"]


def test_a_designator_after_a_pair_holds_for_the_article() -> None:
    text = (
        "Platinum is mined in the North West and Limpopo provinces. Chiefs in the North West "
        "signed the leases; Limpopo followed."
    )
    places = _resolve(text, ["North West", "Limpopo", "North West", "Limpopo"], home="ZA")
    assert all(p is not None and p.country == "ZA" and p.kind == "region" for p in places)
    # a plural without a pair is a set of parts, not the name's designator
    text = "Unemployment rose in most Indiana counties, and Indiana lost jobs."
    state = _resolve(text, ["Indiana", "Indiana"])
    assert all(p is not None and p.kind == "region" and p.admin1 == "Indiana" for p in state)


def test_street_pairs_lie_in_the_storys_town() -> None:
    text = (
        "A man was stabbed at the corner of State and Hubbard streets in Chicago on Friday. "
        "He ran to the subway platform at Grand and State, police said."
    )
    names = ["State", "Hubbard", "Chicago", "Grand", "State"]
    assert street_names(names, _spans(text, names), text) == {"state", "hubbard", "grand"}
    places = _resolve(text, names)
    assert all(_near(p, 41.88, -87.63, 30) for p in places)


def test_a_team_bears_a_big_citys_name() -> None:
    text = (
        "COLUMBUS, Ohio (AP) - The Bulldogs outlasted Louisville in overtime on Friday. "
        "The coach praised the defense after the game, and the guard scored 25 points "
        "against Louisville. Next season the Portland Trail Blazers visit Ohio."
    )
    names = ["COLUMBUS", "Ohio", "Louisville", "Louisville", "Portland", "Ohio"]
    places = _resolve(text, names)
    assert places[0] is not None and places[0].admin1 == "Ohio"
    assert [p and p.admin1 for p in places[2:5]] == ["Kentucky", "Kentucky", "Oregon"]
    # without sports words the same words keep the story's state
    text = "COLUMBUS, Ohio - The council met in Louisville on Friday to discuss roads in Ohio."
    places = _resolve(text, ["COLUMBUS", "Ohio", "Louisville", "Ohio"])
    assert places[2] is not None and places[2].admin1 == "Ohio"


def test_a_state_dateline_makes_its_bare_name_the_state() -> None:
    text = (
        "CAMP MURRAY, Wash. - The civil support team trains in Washington and answers calls "
        "from Seattle to Spokane."
    )
    places = _resolve(text, ["CAMP MURRAY", "Wash.", "Washington", "Seattle", "Spokane"])
    assert places[2] is not None and places[2].kind == "region" and places[2].name == "Washington"
    # no dateline: the capital, as before
    (dc,) = _resolve("Lawmakers in Washington voted on the bill.", ["Washington"])
    assert dc is not None and dc.admin1 == "District of Columbia"


def test_backoff_by_the_kind_of_name() -> None:
    # a street named after a far city lies in the story's town
    text = "Thieves hit a diner on Hampton Avenue last week, police in St. Louis said."
    avenue, _ = _resolve(text, ["Hampton Avenue", "St. Louis"])
    assert _near(avenue, 38.63, -90.2, 30) and avenue is not None
    assert avenue.source.startswith("home:")
    # a site named after a far namesake lies in the story's home
    text = "Boys train at the Liverpool Academy in the desert east of Cairo. Cairo is hot."
    academy, *_ = _resolve(text, ["Liverpool Academy", "Cairo", "Cairo"])
    assert academy is not None and academy.country == "EG"
    # ... unless it is a capital or a country abroad
    text = "He won a scholarship to the London Guildhall School after his debut in Dublin."
    school, _ = _resolve(text, ["London Guildhall School", "Dublin"])
    assert school is not None and school.country == "GB"
    # an institution named after a country is national, even at home
    text = "The Bank of Mexico held rates; bankers in Ciudad Juarez and Monterrey agreed."
    bank, *_ = _resolve(text, ["Bank of Mexico", "Ciudad Juarez", "Monterrey"])
    assert bank is not None and bank.kind == "country" and bank.country == "MX"
    # a nationality word names the institution's place, not a site's
    text = "The European Central Bank will wait, analysts in Aberdeen expect."
    ecb, _ = _resolve(text, ["European Central Bank", "Aberdeen"])
    assert ecb is not None and ecb.kind == "continent" and ecb.name == "Europe"
    text = "Pupils of the British International School in Cairo met in Cairo."
    school, *_ = _resolve(text, ["British International School", "Cairo", "Cairo"])
    assert school is not None and school.country == "EG"


def test_landmarks_and_large_areas() -> None:
    gaz = default_gazetteer()
    for name, lat, lon in [
        ("Heathrow", 51.47, -0.45),
        ("Barclays Center", 40.68, -73.98),
        ("Windsor Castle", 51.48, -0.6),
        ("Siberia", 60.0, 100.0),
        ("Latin America", -14.6, -57.7),
    ]:
        assert any(_near(p, lat, lon, 50) for p in gaz.lookup(name)), name
    # "Heathrow" in a London story is the airport, not Heathrow, Florida
    text = "Flights from Heathrow were cancelled as snow fell on London."
    heathrow, _ = _resolve(text, ["Heathrow", "London"], home="GB")
    assert heathrow is not None and heathrow.country == "GB"
    arab = gaz.demonym_place("Arab")
    assert arab is not None and arab.name == "Arab world"


def test_the_analysis_uses_the_same_cues(nlp: Any) -> None:
    text = (
        "HOUSTON (AP) - Chris Paul scored 27 points as the Rockets beat Portland 96-94 on "
        "Tuesday, a game the Portland Trail Blazers played without their point guard. "
        "Houston has won six straight this season."
    )
    got = {m.text: m for m in find_places(nlp(text))}
    assert got["Portland"].admin1 == "Oregon"
    assert got["Houston"].admin1 == "Texas"


def test_a_bare_name_takes_its_countys_sense() -> None:
    text = (
        "Detectives in Suffolk County searched a farm in Southold on Monday, the Suffolk "
        "paper reported."
    )
    county, _, bare = _resolve(text, ["Suffolk County", "Southold", "Suffolk"])
    assert county is not None and county.admin1 == "New York"
    assert bare is not None and bare.admin1 == "New York"
    # without the county, the ranking's choice stands
    (alone,) = _resolve("The Suffolk council met on Monday.", ["Suffolk"])
    assert alone is not None and alone.admin1 != "New York"


def test_a_city_of_the_countys_name_takes_its_sense() -> None:
    text = (
        "Suffolk City detectives joined the search in Suffolk County after a boat went "
        "missing off Montauk."
    )
    city, county, _ = _resolve(text, ["Suffolk City", "Suffolk County", "Montauk"])
    assert county is not None and county.admin1 == "New York"
    assert city is not None and city.admin1 == "New York"
    # alone, "Suffolk City" is the Virginia city
    (alone,) = _resolve("The Suffolk City council met on Monday.", ["Suffolk City"])
    assert alone is not None and alone.admin1 == "Virginia"


def test_an_accord_or_body_bears_the_world_citys_name() -> None:
    text = (
        "The United States urged Ukraine to follow the Venice Commission, and "
        "officials in Washington and Kyiv cited the Paris Agreement."
    )
    names = ["United States", "Ukraine", "Venice", "Washington", "Kyiv", "Paris"]
    got = dict(zip(names, _resolve(text, names), strict=True))
    assert _near(got["Venice"], 45.44, 12.33)  # not Venice, California
    assert _near(got["Paris"], 48.86, 2.35)
    # without the body's word the US focus keeps its namesake
    plain = "The United States and Ukraine met; officials flew on to Venice."
    alone = dict(zip(names[:3], _resolve(plain, names[:3]), strict=True))
    assert alone["Venice"] is not None and alone["Venice"].country == "US"
    # a county's own commission is the county's
    text = "Kansas officials said the Pottawatomie County Commission met Monday in Westmoreland."
    names = ["Kansas", "Pottawatomie County", "Westmoreland"]
    county = _resolve(text, names)[1]
    assert county is not None and county.admin1 == "Kansas"


def test_a_settlement_named_after_another_state_lies_near_home() -> None:
    text = (
        "Deputies from Palestine and Athens searched a farm near Tennessee Colony "
        "after a student of Colorado State University went missing in Palestine."
    )
    names = ["Palestine", "Athens", "Tennessee Colony", "Colorado State University", "Palestine"]
    _, _, colony, university, _ = _resolve(text, names)
    # the East Texas settlement, not the state of Tennessee
    assert colony is not None and colony.admin1 == "Texas"
    assert colony.source.startswith("home:")
    # an institution keeps the state it is named after
    assert university is not None and (university.name, university.kind) == ("Colorado", "region")
