"""WARC and WARC.gz files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from crosswire.model import DateCandidate, Outcome, RawDocument
from crosswire.readers import ReadOptions, read_sources

PAGE = "<html><body><p>Bridge toll scrapped, minister says. Café owners cheer.</p></body></html>"
RECORDS = [
    ("https://news.test/a", "200 OK", "text/html; charset=utf-8", PAGE.encode()),
    ("https://news.test/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
    ("https://news.test/gone", "404 Not Found", "text/html", b"<p>missing</p>"),
    ("https://news.test/b", "200 OK", "text/html; charset=iso-8859-1", PAGE.encode("cp1252")),
]


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_pages_and_skips(
    make_warc: Callable[..., bytes], tmp_path: Path, compressed: bool
) -> None:
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(make_warc(RECORDS, gzip=compressed))
    items = list(read_sources([str(path)]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    skips = [i for i in items if isinstance(i, Outcome)]
    assert [d.url for d in docs] == ["https://news.test/a", "https://news.test/b"]
    assert all(d.kind == "html" and "Café owners cheer" in d.content for d in docs)
    assert docs[0].dates and docs[0].dates[0].origin == "warc"
    assert [s.reason for s in skips] == [
        "E131 WARC response not HTML: image/png",
        "E132 WARC response status 404",
    ]
    # Sources carry the record offset, and offsets increase through the file.
    offsets = [int(i.source.rsplit("#", 1)[1]) for i in items]
    assert all(i.source.startswith(f"{path}#") for i in items)
    assert offsets == sorted(offsets) and len(set(offsets)) == 4


def test_warc_record_over_cap(make_warc: Callable[..., bytes], tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    path.write_bytes(make_warc([("https://news.test/a", "200 OK", "text/html", b"<p>x</p>" * 500)]))
    (item,) = list(read_sources([str(path)], ReadOptions(max_bytes=1000)))
    assert isinstance(item, Outcome) and item.reason == "E104 size exceeds limit of 1000 bytes"


def test_truncated_warc_keeps_earlier_pages(
    make_warc: Callable[..., bytes], tmp_path: Path
) -> None:
    data = make_warc(RECORDS)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-40])
    items = list(read_sources([str(path)]))
    assert isinstance(items[0], RawDocument)
    last = items[-1]
    assert isinstance(last, Outcome) and last.status == "failed"
    assert last.reason is not None and last.reason.startswith("E130 truncated WARC record at ")
    assert last.source == f"{path}#{last.reason.rsplit(' ', 1)[1]}"


def test_broken_record_in_the_middle(make_warc: Callable[..., bytes], tmp_path: Path) -> None:
    data = make_warc(RECORDS)
    second_response = data.index(b"WARC/1.0", data.index(b"https://news.test/logo.png") - 400)
    broken = data[:second_response] + b"NOT A WARC HEADER\r\n\r\n" + data[second_response + 8 :]
    path = tmp_path / "broken.warc"
    path.write_bytes(broken)
    items = list(read_sources([str(path)]))
    assert [i.url for i in items if isinstance(i, RawDocument)] == ["https://news.test/a"]
    last = items[-1]
    assert isinstance(last, Outcome) and last.status == "failed"
    assert last.reason is not None and last.reason.startswith("E130 broken WARC record at ")


def test_warc_without_responses_and_garbage_warc(
    make_warc: Callable[..., bytes], tmp_path: Path
) -> None:
    only_info = tmp_path / "info.warc"
    only_info.write_bytes(make_warc([]))
    garbage = tmp_path / "garbage.warc"
    garbage.write_text("this is not a web archive\n")
    items = list(read_sources([str(only_info), str(garbage)]))
    assert items[0] == Outcome(str(only_info), "skipped", "E133 WARC has no response records")
    assert items[1].source == f"{garbage}#0"
    assert isinstance(items[1], Outcome) and items[1].reason is not None
    assert items[1].reason.startswith("E130 broken WARC record at 0")


def test_warc_date_is_reference_only(make_warc: Callable[..., bytes], tmp_path: Path) -> None:
    path = tmp_path / "one.warc"
    path.write_bytes(make_warc(RECORDS[:1]))
    (doc,) = list(read_sources([str(path)]))
    assert isinstance(doc, RawDocument)
    assert doc.dates == [DateCandidate(doc.dates[0].value, "warc")]
