"""Tests for crosswire.meta.outlet: curated domains, aliases, signatures, fallbacks."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.meta.outlet import host_of, identify_outlet, registrable_domain, wire_agency

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "meta"


@pytest.fixture(scope="module")
def shared_seeds() -> Path:
    path = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/corpus/seeds is not available on this machine")
    return path


def outlet(
    site_name: str | None = None,
    url: str | None = None,
    hints: Sequence[str] = (),
    text: str = "",
) -> str | None:
    return identify_outlet(site_name=site_name, url=url, hints=hints, text=text)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.presstv.ir/Detail/2016/06/06/469000/Russia-Syria", "Press TV"),
        ("http://presstv.com/Detail/2015/10/02/x", "Press TV"),
        ("www.presstv.co.uk/Detail/x", "Press TV"),
        ("https://www.afp.com/en/news/x", "AFP"),
        ("https://uk.reuters.com/article/x", "Reuters"),
        ("https://apnews.com/article/x", "AP"),
        ("https://www.bbc.co.uk/news/world-34410800", "BBC"),
        ("https://www.bbc.com/news/x", "BBC"),
        ("https://www.aljazeera.com/news/x", "Al Jazeera"),
        ("https://www.rt.com/news/x", "RT"),
        ("https://tass.com/world/x", "TASS"),
        ("https://sana.sy/en/?p=1", "SANA"),
        ("https://www.france24.com/en/x", "France 24"),
        ("https://www.dailymail.co.uk/wires/afp/article-1/x.html", "Daily Mail"),
        ("https://news.yahoo.com/russia-x.html", "Yahoo News"),
        ("https://www.theguardian.com/world/x", "The Guardian"),
        ("https://www.nytimes.com/2015/10/02/world/x.html", "The New York Times"),
        ("https://www.washingtonpost.com/world/x", "The Washington Post"),
        ("https://www.aa.com.tr/en/x", "Anadolu Agency"),
        ("https://www.dw.com/en/x", "DW"),
        ("https://www.timesofisrael.com/x/", "The Times of Israel"),
        ("HTTPS://WWW.REUTERS.COM./x", "Reuters"),
    ],
)
def test_curated_domains(url: str, expected: str) -> None:
    assert outlet(url=url) == expected


@pytest.mark.parametrize(
    ("site_name", "expected"),
    [
        ("PressTV", "Press TV"),
        ("Press TV", "Press TV"),
        ("BBC News", "BBC"),
        ("the guardian", "The Guardian"),
        ("Guardian", "The Guardian"),
        ("Yahoo News", "Yahoo News"),
        ("Agence France-Presse", "AFP"),
        ("Times of Israel", "The Times of Israel"),
    ],
)
def test_site_name_aliases(site_name: str, expected: str) -> None:
    assert outlet(site_name=site_name) == expected


def test_known_domain_beats_unknown_site_name() -> None:
    assert outlet(site_name="World | Latest", url="https://news.yahoo.com/x") == "Yahoo News"


def test_known_site_name_beats_known_domain() -> None:
    # A syndication page on an aggregator domain that names its own publisher.
    assert outlet(site_name="Al Jazeera English", url="https://news.yahoo.com/x") == "Al Jazeera"


def test_unknown_site_name_is_kept_unless_generic() -> None:
    assert outlet(site_name="EmbassyPages", url="https://www.embassypages.com/x") == "EmbassyPages"
    assert outlet(site_name="Home", url="https://www.embassypages.com/x") == "embassypages.com"


def test_hint_alias_and_name_hint() -> None:
    assert outlet(hints=["reuters"]) == "Reuters"
    assert outlet(hints=["Eldermoor Gazette"]) == "Eldermoor Gazette"


def test_agency_hint_yields_to_publisher_hint_and_site_name() -> None:
    # The line cleaner reports "AFP" from a photo credit and "Press TV" from the footer.
    assert outlet(hints=["AFP", "Press TV"]) == "Press TV"
    assert outlet(site_name="EmbassyPages", hints=["AFP"]) == "EmbassyPages"
    assert outlet(hints=["AFP", "Eldermoor Gazette"]) == "Eldermoor Gazette"
    assert outlet(hints=["AFP"]) == "AFP"
    # A page on any domain is that domain's page, whatever agency it credits.
    assert outlet(hints=["AFP"], url="https://www.example-news.com/x") == "example-news.com"


def test_copyright_hint_is_searched_not_returned() -> None:
    assert outlet(hints=["Copyright 2015 AFP. All rights reserved."]) == "AFP"


def test_self_signature_in_text() -> None:
    text = "Body.\n\nPress TV’s website can also be accessed at the following alternate addresses:"
    assert outlet(text=text) == "Press TV"


def test_self_signature_beats_unknown_site_name() -> None:
    text = "Press TV's website can also be accessed at the following alternate addresses:"
    assert outlet(site_name="Latest Updates Portal", text=text) == "Press TV"


def test_wire_signature_identifies_outlet_only_as_a_last_resort() -> None:
    text = (FIXTURES / "wire_reuters.txt").read_text(encoding="utf-8")
    assert outlet(text=text) == "Reuters"
    assert outlet(url="https://www.example-news.com/x", text=text) == "example-news.com"
    assert outlet(site_name="Eldermoor Gazette", text=text) == "Eldermoor Gazette"
    assert outlet(url="https://news.yahoo.com/x", text=text) == "Yahoo News"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example-news.com/2015/10/01/x", "example-news.com"),
        ("https://news.local-paper.co.uk/x", "local-paper.co.uk"),
        ("https://127.0.0.1:8080/x", None),
        ("http://localhost/x", None),
        ("http://[::1", None),
        (None, None),
    ],
)
def test_registrable_domain_fallback(url: str | None, expected: str | None) -> None:
    assert outlet(url=url) == expected


def test_host_and_registrable_domain_helpers() -> None:
    assert host_of("Example.COM/path") == "example.com"
    assert host_of("not a url at all") is None
    assert registrable_domain("a.b.example.com.au") == "example.com.au"
    assert registrable_domain("example") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MOSCOW (AFP) - Russia said on Thursday...", "AFP"),
        ("Story text.\n\nCopyright AFP", "AFP"),
        ("Story text.\n\n© 2015 AFP", "AFP"),
        ("Analysts told Agence France-Presse that...", None),  # a citation, not a credit
        ("Officials spoke to Agence France-Presse.\n\n— Agence France-Presse", "AFP"),
        ("Troops withdrew overnight (Agence France-Presse)", "AFP"),
        ("Crews worked through the night.\n\n— The Associated Press", "AP"),
        ("WASHINGTON (Reuters) - The Pentagon said...", "Reuters"),
        ("WASHINGTON (AP) — The Pentagon said...", "AP"),
        ("Copyright 2015 The Associated Press. All rights reserved.", "AP"),
        ("MOSCOW, October 1. /TASS/. Russian aircraft...", "TASS"),
        ("BEIJING, Oct. 1 (Xinhua) -- China said...", "Xinhua"),
        ("A photo: Russian Defence Ministry/AFP/File", None),
        ("Jets over Red Square on May 7, 2016 (AFP)", None),
        ("Nothing to see here.", None),
        ("", None),
    ],
)
def test_wire_agency(text: str, expected: str | None) -> None:
    assert wire_agency(text) == expected


def test_wire_agency_strongest_signature_wins() -> None:
    # Reuters copy that cites AFP once: the dateline outweighs a bare mention.
    text = "LONDON (Reuters) - Officials, quoted by Agence France-Presse, said..."
    assert wire_agency(text) == "Reuters"
    text = (FIXTURES / "wire_reuters.txt").read_text(encoding="utf-8")
    assert wire_agency(text) == "Reuters"


def test_seeds(shared_seeds: Path) -> None:
    """Measured on the real seeds, text only: 001 is Press TV; photo credits are not wire."""
    found = {
        path.name[:3]: (
            identify_outlet(site_name=None, url=None, hints=[], text=path.read_text("utf-8")),
            wire_agency(path.read_text("utf-8")),
        )
        for path in sorted(shared_seeds.glob("*.txt"))
    }
    assert found["001"] == ("Press TV", None)
    assert found["000"] == (None, None)  # "© - Russian Defence Ministry/AFP/File" is a credit
    assert found["004"] == (None, None)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.none(), st.text(max_size=80)),
    st.one_of(st.none(), st.text(max_size=120), st.just("http://[::1")),
    st.lists(st.text(max_size=80), max_size=3),
    st.text(max_size=300),
)
def test_never_raises(site_name: str | None, url: str | None, hints: list[str], text: str) -> None:
    result = identify_outlet(site_name=site_name, url=url, hints=hints, text=text)
    assert result is None or (isinstance(result, str) and result)
    wire_agency(text)


def test_outlets_data_is_consistent() -> None:
    """Each curated domain belongs to one outlet and is a bare lowercase host."""
    import json
    from importlib import resources

    raw = json.loads(
        resources.files("crosswire").joinpath("data", "outlets.json").read_text("utf-8")
    )
    domains = [d for entry in raw["outlets"] for d in entry["domains"]]
    assert len(domains) == len(set(domains))
    assert all(d == d.lower() and "/" not in d and "." in d for d in domains)
    assert len(raw["outlets"]) >= 40
