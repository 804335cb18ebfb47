"""JSON Lines and JSON array records."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from crosswire.model import DateCandidate, Outcome, RawDocument
from crosswire.readers import ReadOptions, read_sources


def test_news_please_records_bad_lines_and_blank_lines(fixtures: Path) -> None:
    path = str(fixtures / "records.jsonl")
    items = list(read_sources([path]))
    by_source = {item.source: item for item in items}
    assert list(by_source) == [f"{path}#L{n}" for n in (1, 2, 4, 5, 6, 7)]  # line 3 is blank

    first = by_source[f"{path}#L1"]
    assert isinstance(first, RawDocument)
    assert first.kind == "text"
    assert first.url == "https://example.org/news/rail-bridge"
    assert first.title == "Rail bridge reopens after repairs"
    assert first.author == "Ana Ruiz, Tom Baker"
    assert first.outlet == "example.org" and first.language == "en"
    assert first.dates == [DateCandidate("2024-03-04 09:15:00", "record")]

    second = by_source[f"{path}#L2"]
    assert isinstance(second, RawDocument)
    assert (second.outlet, second.author) == ("Example Net", "L. Chen")
    assert second.dates == [DateCandidate("2024-03-06", "record")]

    bad = by_source[f"{path}#L4"]
    assert isinstance(bad, Outcome) and bad.status == "failed"
    assert bad.reason is not None and bad.reason.startswith("E110 invalid JSON")
    assert by_source[f"{path}#L5"] == Outcome(f"{path}#L5", "skipped", "E112 record has no text")
    html = by_source[f"{path}#L6"]
    assert isinstance(html, RawDocument) and html.kind == "html"
    assert by_source[f"{path}#L7"] == Outcome(
        f"{path}#L7", "failed", "E111 not a JSON object: list"
    )


def test_gzipped_jsonl_and_json_array(tmp_path: Path) -> None:
    records = [{"url": f"https://x.test/{i}", "maintext": f"Story number {i}."} for i in range(3)]
    gz = tmp_path / "day.jsonl.gz"
    gz.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in records).encode()))
    array = tmp_path / "dump.json"
    array.write_text(json.dumps(records, indent=2))
    items = list(read_sources([str(gz), str(array)]))
    assert [i.source for i in items] == [f"{gz}#L1", f"{gz}#L2", f"{gz}#L3"] + [
        f"{array}#{n}" for n in (1, 2, 3)
    ]
    assert all(isinstance(i, RawDocument) and i.kind == "text" for i in items)


def test_pretty_printed_single_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"title": "T", "text": "Body text."}, indent=2))
    (item,) = list(read_sources([str(path)]))
    assert isinstance(item, RawDocument) and item.source == f"{path}#1" and item.title == "T"


def test_only_blank_lines_and_size_cap(tmp_path: Path) -> None:
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n\n  \n")
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(json.dumps({"text": "x" * 50}) for _ in range(100)))
    options = ReadOptions(max_bytes=1000, max_stream_bytes=1000)
    items = list(read_sources([str(blank), str(big)], options))
    assert items[0] == Outcome(str(blank), "skipped", "E102 empty: blank")
    docs = [i for i in items[1:] if isinstance(i, RawDocument)]
    assert 5 <= len(docs) < 100  # records before the cap are kept
    assert items[-1] == Outcome(str(big), "failed", "E104 size exceeds limit of 1000 bytes")


def test_record_cap_applies_per_line_not_per_file(tmp_path: Path) -> None:
    # A JSONL dump larger than one article may be is read whole; one oversized
    # record fails alone and the records after it go on.
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"url": f"https://x.example/{i}", "text": f"Story {i} " * 10}) for i in range(60)
    ]
    lines[20] = json.dumps({"text": "y" * 5000})
    path.write_text("\n".join(lines) + "\n")
    assert path.stat().st_size > 4000
    items = list(read_sources([str(path)], ReadOptions(max_bytes=1000)))
    assert len(items) == 60
    assert items[20] == Outcome(f"{path}#L21", "failed", "E107 record exceeds limit of 1000 bytes")
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert len(docs) == 59 and docs[-1].url == "https://x.example/59"
    # Same for a gzip stream, and a record split across read chunks.
    packed = tmp_path / "dump.jsonl.gz"
    packed.write_bytes(gzip.compress(path.read_bytes()))
    again = list(read_sources([str(packed)], ReadOptions(max_bytes=1000)))
    assert [getattr(i, "reason", None) for i in again] == [
        getattr(i, "reason", None) for i in items
    ]


def test_truncated_gzip_jsonl_keeps_earlier_lines(tmp_path: Path) -> None:
    body = "\n".join(json.dumps({"text": f"Story {i} " * 20}) for i in range(400)).encode()
    packed = gzip.compress(body)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    items = list(read_sources([str(path)]))
    assert isinstance(items[0], RawDocument)
    assert items[-1] == Outcome(str(path), "failed", "E106 truncated gzip: stream ends early")
