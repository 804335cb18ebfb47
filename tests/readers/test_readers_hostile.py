"""Hostile inputs the readers used to mishandle (issue #15): each case failed before."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import threading
import time
from pathlib import Path

import pytest

from crosswire.model import Outcome, RawDocument
from crosswire.readers import ReadOptions, read_sources, source_label
from crosswire.readers.decode import decode_bytes

STORY = (
    "Heavy rain closed the main river crossing on Monday, officials said, and "
    "traffic was diverted through the old town for most of the day."
)


def read_all(*sources: str, **options: object) -> list[RawDocument | Outcome]:
    return list(read_sources(list(sources), ReadOptions(**options)))  # type: ignore[arg-type]


def by_source(items: list[RawDocument | Outcome]) -> dict[str, RawDocument | Outcome]:
    return {i.source: i for i in items}


# -- finding 2: lone surrogates and non-UTF-8 file names ---------------------------


@pytest.mark.parametrize("field", ["title", "author", "source_domain", "maintext", "url"])
def test_lone_surrogate_in_a_jsonl_field_is_made_safe(tmp_path: Path, field: str) -> None:
    record = {"maintext": STORY, "title": "Flood", "url": "https://x.example/a"}
    record[field] = record.get(field, "") + "\ud800"
    path = tmp_path / "day.jsonl"
    # ensure_ascii keeps the lone half as the escape "\ud800", as a scraper would write it
    path.write_text(json.dumps(record) + "\n" + json.dumps({"maintext": STORY + " Again."}) + "\n")
    docs = read_all(str(path))
    assert [type(d).__name__ for d in docs] == ["RawDocument", "RawDocument"]
    first = docs[0]
    assert isinstance(first, RawDocument)
    value = {"source_domain": first.outlet, "maintext": first.content}.get(field)
    value = value if value is not None else getattr(first, field)
    assert value.endswith("\ufffd")
    for doc in docs:  # everything encodes: the store and the terminal accept it
        assert isinstance(doc, RawDocument)
        for text in (doc.content, doc.title, doc.author, doc.outlet, doc.url, doc.source):
            (text or "").encode("utf-8")


def test_non_utf8_file_name_gets_an_escaped_label(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9 report.txt"
    with open(raw, "wb") as fh:
        fh.write(STORY.encode())
    (tmp_path / "z.txt").write_text(STORY + " Later.")
    items = read_all(str(tmp_path))
    sources = [i.source for i in items]
    assert sources == [f"{tmp_path}/caf%E9 report.txt", f"{tmp_path}/z.txt"]
    assert all(isinstance(i, RawDocument) for i in items)
    for source in sources:
        source.encode("utf-8")


def test_source_labels_never_collide() -> None:
    # A file literally named "x.jsonl#L1" used to share the key of line 1 of x.jsonl.
    assert source_label("x.jsonl#L1") == "x.jsonl%23L1"
    assert source_label("x.jsonl%23L1") == "x.jsonl%2523L1"
    assert source_label("plain/name.txt") == "plain/name.txt"
    names = ["a#1", "a%231", "a\udce9", "a%E9", "a\ud800", "a\u00e9"]
    labels = [source_label(n) for n in names]
    assert len(set(labels)) == len(names), labels


def test_file_named_like_a_record_keeps_its_own_outcome(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text(json.dumps({"maintext": STORY}) + "\n")
    (tmp_path / "x.jsonl#L1").write_text(STORY + " Copy.")
    sources = [i.source for i in read_all(str(tmp_path))]
    assert sorted(sources) == sorted([f"{tmp_path}/x.jsonl#L1", f"{tmp_path}/x.jsonl%23L1"])


# -- finding 3: FIFOs, symlinks, dot-files ------------------------------------------


def _read_with_deadline(seconds: float, *sources: str, **options: object) -> list[object]:
    got: list[object] = []
    worker = threading.Thread(target=lambda: got.extend(read_all(*sources, **options)))
    worker.daemon = True
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "reader hung"
    return got


def test_fifo_in_a_folder_is_skipped_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "story.txt").write_text(STORY)
    items = by_source(_read_with_deadline(10, str(tmp_path)))  # type: ignore[arg-type]
    pipe = items[f"{tmp_path}/pipe.txt"]
    assert isinstance(pipe, Outcome) and pipe.status == "skipped"
    assert pipe.reason is not None and pipe.reason.startswith("E152 ")
    assert isinstance(items[f"{tmp_path}/story.txt"], RawDocument)


def test_named_fifo_without_a_writer_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "lonely")
    (item,) = _read_with_deadline(10, str(tmp_path / "lonely"))
    assert isinstance(item, Outcome) and item.status == "skipped"


def test_named_fifo_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "w") as fh:
            time.sleep(0.2)  # the reader must wait for data, not take the pause for the end
            fh.write(STORY)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    time.sleep(0.1)  # the writer is blocked in open() until the reader opens
    (item,) = _read_with_deadline(10, str(fifo))
    assert isinstance(item, RawDocument) and item.content == STORY


def test_symlinks_in_a_folder_are_skipped_unless_followed(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n" * 3)
    inbox = tmp_path / "inbox"
    (inbox / "real").mkdir(parents=True)
    (inbox / "real" / "story.txt").write_text(STORY)
    (inbox / "link.txt").symlink_to(secret)
    (inbox / "linkdir").symlink_to(secret.parent)
    (inbox / "loop").symlink_to(inbox)
    items = by_source(read_all(str(inbox)))
    for name in ("link.txt", "linkdir", "loop"):
        item = items[f"{inbox}/{name}"]
        assert isinstance(item, Outcome) and item.status == "skipped", name
        assert item.reason is not None and item.reason.startswith("E151 "), item
    assert not any(isinstance(i, RawDocument) and "root:x" in i.content for i in items.values())
    followed = by_source(read_all(str(inbox), follow_symlinks=True))
    assert isinstance(followed[f"{inbox}/link.txt"], RawDocument)
    assert isinstance(followed[f"{inbox}/linkdir/passwd"], RawDocument)
    loop = followed[f"{inbox}/loop"]
    assert isinstance(loop, Outcome) and (loop.reason or "").startswith("E153 ")


def test_hidden_files_and_folders_get_an_outcome(tmp_path: Path) -> None:
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / "story.txt").write_text(STORY)
    items = by_source(read_all(str(tmp_path)))
    assert set(items) == {f"{tmp_path}/{n}" for n in (".DS_Store", ".git", "story.txt")}
    for name in (".DS_Store", ".git"):
        item = items[f"{tmp_path}/{name}"]
        assert isinstance(item, Outcome) and item.status == "skipped"
        assert (item.reason or "").startswith("E150 ")


# -- finding 4: JSON Lines after leading blank lines ---------------------------------


@pytest.mark.parametrize("gz", [False, True])
def test_jsonl_starting_with_64k_of_blank_lines_is_read(tmp_path: Path, gz: bool) -> None:
    body = ("\n" * 70_000 + json.dumps({"maintext": STORY}) + "\n").encode()
    for name in ("day.jsonl", "day"):
        path = tmp_path / (name + (".gz" if gz else ""))
        path.write_bytes(gzip.compress(body) if gz else body)
        (doc,) = read_all(str(path))
        assert isinstance(doc, RawDocument), doc
        assert doc.content == STORY and doc.source == f"{path}#L70001"


def test_json_array_after_blank_lines_is_read(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text("\n\n" + json.dumps([{"maintext": STORY}, {"maintext": STORY + " Two."}]))
    docs = read_all(str(path))
    assert [d.source for d in docs] == [f"{path}#1", f"{path}#2"]


# -- finding 7: decoding -------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be", "utf-16-be"])
def test_utf32_and_utf16_with_bom_are_text(tmp_path: Path, codec: str) -> None:
    bom = {"utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
    path = tmp_path / "story.txt"
    path.write_bytes(bom.get(codec, codecs.BOM_UTF16_BE) + ("Déjà vu. " + STORY).encode(codec))
    (doc,) = read_all(str(path))
    assert isinstance(doc, RawDocument), doc
    assert doc.content.lstrip("\ufeff").startswith("Déjà vu. Heavy rain")


def test_latin1_page_declared_utf8_is_not_mojibake() -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>déjà vu naïve</p></body></html>'
    assert "déjà vu naïve" in decode_bytes(page.encode("latin-1"), markup=True)
    # Whole words of high bytes are not Western accents: not read as cp1252.
    cyrillic = '<html><head><meta charset="utf-8"></head><body>Привет из Москвы</body></html>'
    assert "Ïðèâåò" not in decode_bytes(cyrillic.encode("cp1251"), markup=True)


@pytest.mark.parametrize("name", ["story.txt.gz", "day.jsonl.gz"])
def test_gzip_with_trailing_garbage_keeps_its_data(tmp_path: Path, name: str) -> None:
    body = json.dumps({"maintext": STORY}) + "\n" if "jsonl" in name else STORY
    path = tmp_path / name
    path.write_bytes(gzip.compress(body.encode()) + b"\x00\x00PADDING-NOT-GZIP" * 10)
    (doc,) = read_all(str(path))
    assert isinstance(doc, RawDocument), doc
    assert doc.content == STORY


def test_concatenated_gzip_members_and_truncation(tmp_path: Path) -> None:
    two = tmp_path / "two.txt.gz"
    two.write_bytes(gzip.compress(b"Heavy rain closed ") + gzip.compress(STORY[18:].encode()))
    (doc,) = read_all(str(two))
    assert isinstance(doc, RawDocument) and doc.content == STORY
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(gzip.compress(STORY.encode() * 50)[:-30])
    (bad,) = read_all(str(cut))
    assert isinstance(bad, Outcome) and (bad.reason or "").startswith("E106 truncated")


def test_extensionless_rss_with_internal_dtd_is_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "latest"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n  <!ENTITY brand "Northern Wire">\n'
        "  <!ELEMENT rss ANY>\n]>\n"
        '<rss version="2.0"><channel><title>&brand; - Latest</title>'
        f"<item><title>Flood</title><description>{STORY}</description></item>"
        "</channel></rss>"
    )
    (doc,) = read_all(str(path))
    assert isinstance(doc, RawDocument) and doc.source == f"{path}#1"
    assert doc.content == STORY and "<!ENTITY" not in doc.content
