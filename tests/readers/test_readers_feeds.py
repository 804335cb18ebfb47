"""RSS and Atom feeds."""

from __future__ import annotations

from pathlib import Path

from crosswire.model import DateCandidate, Outcome, RawDocument
from crosswire.readers import read_sources


def test_rss_entries_content_summary_and_empty(fixtures: Path) -> None:
    path = str(fixtures / "feed.rss")
    first, second, third = list(read_sources([path]))
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.source == f"{path}#1"
    # content:encoded is preferred over the short description.
    assert first.kind == "html" and "200 small earthquakes" in first.content
    assert first.url == "https://www.example-gazette.test/world/volcano-alert"
    assert first.title == "Volcano alert raised on Isla Verde"
    assert first.author == "Maria Soto"
    assert first.outlet == "Example Gazette" and first.language == "en-gb"
    assert first.dates == [DateCandidate("Tue, 05 Mar 2024 07:45:00 GMT", "feed")]
    # A summary without markup is text, entities resolved.
    assert second.kind == "text"
    assert (
        second.content == "Wheat futures were little changed in early trading & volumes were thin."
    )
    assert third == Outcome(f"{path}#3", "skipped", "E122 feed entry has no content")


def test_atom_entry(fixtures: Path) -> None:
    path = str(fixtures / "feed.atom")
    (entry,) = list(read_sources([path]))
    assert isinstance(entry, RawDocument)
    assert entry.kind == "html" and "Nordbre glacier" in entry.content
    assert entry.author == "Eik Larsen"
    assert entry.dates == [DateCandidate("2024-02-01T09:00:00Z", "feed")]
    assert entry.outlet == "Northern Ledger"


def test_feed_that_is_not_xml(fixtures: Path) -> None:
    path = str(fixtures / "not_a_feed.rss")
    assert list(read_sources([path])) == [Outcome(path, "failed", "E120 not a feed: not XML")]


def test_xml_that_is_not_a_feed_and_feed_without_entries(tmp_path: Path) -> None:
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://x.test/</loc></url></urlset>'
    )
    empty = tmp_path / "empty.rss"
    empty.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    )
    items = list(read_sources([str(sitemap), str(empty)]))
    assert items == [
        Outcome(str(sitemap), "failed", "E120 not a feed: no RSS/Atom root element"),
        Outcome(str(empty), "skipped", "E121 feed has no entries"),
    ]


def test_feed_sniffed_without_feed_extension(fixtures: Path, tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_bytes((fixtures / "feed.atom").read_bytes())
    (entry,) = list(read_sources([str(path)]))
    assert isinstance(entry, RawDocument) and entry.source == f"{path}#1"
