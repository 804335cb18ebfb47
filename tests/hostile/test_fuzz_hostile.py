"""Fuzzing readers, cleaners and the JSON Lines parser with hostile text (issue #15).

Surrogate halves, NULs and control characters, mixed encodings in one input,
huge fields. Every item must come out as text that UTF-8 (hence every store
and terminal) accepts, and nothing may raise. ``CROSSWIRE_FUZZ_EXAMPLES``
raises the example count for a long run (the README gives the figures).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswire.clean.lines import clean_text
from crosswire.clean.normalize import normalize
from crosswire.ingest import build_guarded
from crosswire.model import Article, Outcome, RawDocument
from crosswire.readers import ReadOptions, read_sources, source_label
from crosswire.readers.decode import decode_bytes
from crosswire.readers.jsonl import read_jsonl
from crosswire.store import SQLiteStore

EXAMPLES = int(os.environ.get("CROSSWIRE_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text with everything hostile: surrogate halves (Cs), controls and NUL (Cc),
# private use, unassigned, format characters, plus ordinary words.
HOSTILE_CHARS = st.characters(codec=None, categories=("Cs", "Cc", "Co", "Cn", "Cf", "Zs", "Lu"))
WORDS = st.sampled_from(
    ["Heavy", "rain", "closed", "the", "river", "crossing", "officials", "said.", "\n", "\n\n"]
)
HOSTILE_TEXT = st.lists(st.text(HOSTILE_CHARS, max_size=8) | WORDS, max_size=60).map(" ".join)
HUGE = st.builds(
    lambda unit, n: unit * n,
    st.sampled_from(["a", "2024-01-02 ", "Home "]),
    st.integers(0, 200_000),
)
CODECS = ["utf-8", "cp1252", "latin-1", "utf-16", "gb18030", "koi8-r", "shift_jis"]


def _encodes(*texts: str | None) -> None:
    for text in texts:
        (text or "").encode("utf-8")  # raises on any lone surrogate


def _check_item(item: RawDocument | Outcome) -> None:
    if isinstance(item, Outcome):
        _encodes(item.source, item.reason)
        return
    _encodes(item.source, item.content, item.url, item.title, item.author, item.outlet)
    _encodes(item.language, *(d.value for d in item.dates))


@st.composite
def records(draw: st.DrawFn) -> str:
    """One JSON Lines line: a record with hostile fields, or junk."""
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(st.text(max_size=50))  # junk, possibly not JSON
    record: dict[str, Any] = {}
    for field in ("maintext", "title", "author", "source_domain", "url", "date_publish"):
        if draw(st.booleans()):
            record[field] = draw(HOSTILE_TEXT | HUGE if field == "maintext" else HOSTILE_TEXT)
    if kind == 1:
        record["maintext"] = draw(st.lists(HOSTILE_TEXT, max_size=4))  # paragraphs
    # ensure_ascii keeps surrogate halves as \\udXXX escapes, as scrapers write them
    return json.dumps(record, ensure_ascii=True)


@FUZZ
@given(lines=st.lists(records(), min_size=1, max_size=6), blanks=st.integers(0, 3))
def test_jsonl_parser_yields_safe_items(lines: list[str], blanks: int) -> None:
    body = ("\n" * blanks + "\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.jsonl"
        path.write_bytes(body)
        items = list(read_sources([str(path)], ReadOptions()))
    assert items
    for item in items:
        _check_item(item)
    direct = list(read_jsonl(lambda: open_bytes(body), "mem.jsonl", 50_000_000))
    assert len(direct) >= 1


def open_bytes(data: bytes) -> Any:
    import contextlib
    import io

    return contextlib.nullcontext((io.BytesIO(data), False))


@FUZZ
@given(text=HOSTILE_TEXT | HUGE)
def test_cleaners_never_raise_and_return_safe_text(text: str) -> None:
    cleaned = clean_text(text)
    _encodes(cleaned.text, cleaned.title, *(r.text for r in cleaned.removed))
    _encodes(normalize(text))
    built = build_guarded(RawDocument(source="fuzz\ud800.txt", content=text, kind="text"))
    if isinstance(built, Article):
        with SQLiteStore(":memory:") as store:
            assert store.add_article(built)
    else:
        assert built.status in ("skipped", "failed")


@FUZZ
@given(
    parts=st.lists(st.tuples(HOSTILE_TEXT, st.sampled_from(CODECS)), min_size=1, max_size=5),
    declared=st.sampled_from([None, "utf-8", "iso-8859-1", "utf-16", "bogus-charset"]),
    markup=st.booleans(),
)
def test_mixed_encodings_decode_to_safe_text(
    parts: list[tuple[str, str]], declared: str | None, markup: bool
) -> None:
    data = b"".join(
        text.encode(codec, "surrogatepass" if codec.startswith("utf") else "replace")
        for text, codec in parts
    )
    text = decode_bytes(data, declared, markup=markup)
    assert isinstance(text, str)
    cleaned = clean_text(text)
    _encodes(cleaned.text, cleaned.title)


@FUZZ
@given(
    name=st.binary(min_size=1, max_size=40),
    data=st.binary(max_size=300) | HOSTILE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
)
def test_any_file_name_and_content_gives_safe_outcomes(name: bytes, data: bytes) -> None:
    clean = name.replace(b"/", b"_").replace(b"\x00", b"_")
    if clean in (b".", b".."):
        clean = b"_" + clean
    with tempfile.TemporaryDirectory() as folder:
        path = os.fsencode(folder) + b"/" + clean
        with open(path, "wb") as fh:
            fh.write(data)
        items = list(read_sources([folder], ReadOptions()))
    assert items
    label = source_label(os.fsdecode(path))
    for item in items:
        _check_item(item)
        assert item.source == label or item.source.startswith(label + "#")
