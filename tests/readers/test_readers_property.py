"""Property: arbitrary bytes never make read_sources raise, and always yield something."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswire.model import Outcome, RawDocument
from crosswire.readers import ReadOptions, read_sources

SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".rss", ".warc", ".dat", ".txt.gz", ".jsonl.gz"]

# Mix raw noise with byte strings shaped like the formats, so parsers get past their first check.
PREFIXES = [
    b"",
    b"<html><body>",
    b'{"text": "',
    b"<?xml version='1.0'?><rss>",
    b"WARC/1.0\r\n",
    b"\x1f\x8b",
]


@st.composite
def payloads(draw: st.DrawFn) -> bytes:
    prefix = draw(st.sampled_from(PREFIXES))
    body = draw(st.binary(max_size=600) | st.text(max_size=300).map(str.encode))
    return prefix + body


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=payloads(), suffix=st.sampled_from(SUFFIXES), compress=st.booleans())
def test_arbitrary_bytes_never_raise(data: bytes, suffix: str, compress: bool) -> None:
    if compress or suffix.endswith(".gz"):
        data = gzip.compress(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_sources([str(path)], ReadOptions(max_bytes=4096)))
    assert items, "every input yields at least one item"
    for item in items:
        assert isinstance(item, RawDocument | Outcome)
        assert item.source.startswith(str(path))
        if isinstance(item, Outcome):
            assert item.status in ("skipped", "failed")
            assert item.reason and item.reason[:2] == "E1" and not item.reason.startswith("E100")


@settings(max_examples=40, deadline=None)
@given(data=payloads())
def test_truncated_gzip_of_anything_never_raises(data: bytes) -> None:
    packed = gzip.compress(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cut.html.gz"
        path.write_bytes(packed[: max(3, len(packed) // 2)])
        items = list(read_sources([str(path)]))
    assert items and all(isinstance(i, RawDocument | Outcome) for i in items)
