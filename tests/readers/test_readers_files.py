"""Files, folders, globs, stdin, gzip, decoding and the bad-input catalogue."""

from __future__ import annotations

import gzip
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from crosswire.model import Outcome, RawDocument
from crosswire.readers import ReadOptions, expand_sources, read_sources
from crosswire.readers.decode import decode_bytes

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\x00" * 64


def read_all(*sources: str, **options: object) -> list[RawDocument | Outcome]:
    return list(read_sources(list(sources), ReadOptions(**options)))  # type: ignore[arg-type]


def only(items: list[RawDocument | Outcome]) -> RawDocument | Outcome:
    assert len(items) == 1, items
    return items[0]


def test_expand_folder_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ["z.txt", "a.html", "b/c.txt", ".hidden.txt", ".git/x.txt"]:
        (tmp_path / name).write_text("x")
    got = list(expand_sources([str(tmp_path) + "/"]))
    assert got == [str(tmp_path / "a.html"), str(tmp_path / "b" / "c.txt"), str(tmp_path / "z.txt")]


def test_expand_globs_urls_stdin_and_duplicates(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("x")
    (tmp_path / "two.txt").write_text("x")
    (tmp_path / "skip.html").write_text("x")
    pattern = str(tmp_path / "*.txt")
    got = list(expand_sources([pattern, "-", "https://example.org/a", str(tmp_path / "one.txt")]))
    assert got == [
        str(tmp_path / "one.txt"),
        str(tmp_path / "two.txt"),
        "-",
        "https://example.org/a",
    ]


def test_expand_keeps_path_as_given_but_normalized(tmp_path: Path) -> None:
    os.chdir(tmp_path)
    Path("a.txt").write_text("x")
    assert list(expand_sources(["./sub/../a.txt"])) == ["a.txt"]


def test_html_utf8_read_whole(fixtures: Path) -> None:
    doc = only(read_all(str(fixtures / "article.html")))
    assert isinstance(doc, RawDocument)
    assert doc.kind == "html"
    assert doc.source == str(fixtures / "article.html")
    assert "“We expected worse,” said café owner Zoë Brennan." in doc.content


def test_html_declared_latin1_decodes_as_cp1252(fixtures: Path) -> None:
    doc = only(read_all(str(fixtures / "latin1.html")))
    assert isinstance(doc, RawDocument)
    assert "Fire at the café – no injuries, said fire chief Renée Müller." in doc.content


def test_html_without_body_is_still_read(fixtures: Path) -> None:
    doc = only(read_all(str(fixtures / "no_body.html")))
    assert isinstance(doc, RawDocument) and doc.kind == "html"
    assert "Redirecting…" in doc.content


def test_text_file_and_gzipped_copy(fixtures: Path, tmp_path: Path) -> None:
    original = (fixtures / "plain.txt").read_bytes()
    gz = tmp_path / "plain.txt.gz"
    gz.write_bytes(gzip.compress(original))
    docs = read_all(str(fixtures / "plain.txt"), str(gz))
    assert [d.kind for d in docs if isinstance(d, RawDocument)] == ["text", "text"]
    assert docs[0].content == docs[1].content == original.decode()  # type: ignore[union-attr]


def test_html_gz(fixtures: Path, tmp_path: Path) -> None:
    gz = tmp_path / "article.html.gz"
    gz.write_bytes(gzip.compress((fixtures / "article.html").read_bytes()))
    doc = only(read_all(str(gz)))
    assert isinstance(doc, RawDocument) and doc.kind == "html" and "Zoë" in doc.content


def test_undecodable_bytes_are_replaced_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    # Mostly UTF-8 with two stray bytes: those two become U+FFFD, the rest survives.
    path.write_bytes(
        "Ministerin Jürgensen sagte, die Brücke sei sicher. ".encode() * 5 + b"\xff\xfe!"
    )
    doc = only(read_all(str(path)))
    assert isinstance(doc, RawDocument)
    assert "Brücke" in doc.content and doc.content.count("\ufffd") == 2


def test_decode_prefers_valid_utf8_over_wrong_declaration() -> None:
    body = '<meta charset="iso-8859-1"><p>Zürich café</p>'.encode()
    assert "Zürich café" in decode_bytes(body, markup=True)
    assert decode_bytes("Größe".encode("utf-16")) == "Größe"  # BOM wins
    assert decode_bytes("Ærø kommune".encode("cp1252")) == "Ærø kommune"
    russian = "Президент заявил во вторник, что переговоры продолжатся."
    assert decode_bytes(russian.encode("cp1251")) == russian


@pytest.mark.parametrize(
    ("name", "payload", "status", "code"),
    [
        ("image.txt", PNG, "skipped", "E103 unsupported binary: PNG image"),
        (
            "nul.html",
            b"<p>hi</p>\x00\x00\x00\x00 more",
            "skipped",
            "E103 unsupported binary: NUL bytes",
        ),
        ("empty.txt", b"", "skipped", "E102 empty file"),
        ("blank.html", b"  \n\t\n", "skipped", "E102 empty: blank"),
        ("blob.bin", bytes(range(256)) * 4, "skipped", "E103 unsupported binary"),
        ("truncated.txt.gz", gzip.compress(b"some article text " * 200)[:60], "failed", "E106"),
        ("corrupt.html.gz", b"\x1f\x8b\x08\x00" + b"garbage!" * 20, "failed", "E106"),
    ],
)
def test_bad_inputs(tmp_path: Path, name: str, payload: bytes, status: str, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(payload)
    item = only(read_all(str(path)))
    assert isinstance(item, Outcome)
    assert item.source == str(path)
    assert (item.status, item.reason is not None and item.reason.startswith(code)) == (status, True)


def test_gzip_bomb_stops_at_cap(tmp_path: Path) -> None:
    # One 16 MiB gzip member of zeros (~16 KB), repeated: 1 GiB claimed, 1 MB cap.
    member = gzip.compress(b"\x00" * (16 << 20), compresslevel=1)
    data = member * 64
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(data)
    item = only(read_all(str(path), max_bytes=1_000_000))
    assert isinstance(item, Outcome) and item.status == "failed"
    assert item.reason == "E105 decompressed size exceeds limit of 1000000 bytes"


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_text("<p>" + "word " * 500 + "</p>")
    item = only(read_all(str(path), max_bytes=1000))
    assert item == Outcome(str(path), "failed", "E104 size exceeds limit of 1000 bytes")
    assert isinstance(only(read_all(str(path), max_bytes=5000)), RawDocument)


def test_missing_path_empty_folder_and_others_go_on(tmp_path: Path, fixtures: Path) -> None:
    (tmp_path / "empty").mkdir()
    items = read_all(
        str(tmp_path / "nope.html"), str(tmp_path / "empty"), str(fixtures / "plain.txt")
    )
    assert items[0] == Outcome(
        str(tmp_path / "nope.html"), "failed", f"E101 no such file: {tmp_path}/nope.html"
    )
    assert items[1] == Outcome(str(tmp_path / "empty"), "skipped", "E108 folder has no files")
    assert isinstance(items[2], RawDocument)


def test_unknown_extension_is_sniffed(fixtures: Path) -> None:
    page, notes = read_all(str(fixtures / "article.page"), str(fixtures / "notes.dat"))
    assert isinstance(page, RawDocument) and page.kind == "html"
    assert isinstance(notes, RawDocument) and notes.kind == "text"


def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, fixtures: Path) -> None:
    data = gzip.compress((fixtures / "records.jsonl").read_bytes())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = read_all("-")
    assert items[0].source == "-#L1" and isinstance(items[0], RawDocument)
    assert len(items) == 6


def test_stdin_unavailable_is_an_outcome(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    item = only(read_all("-"))
    assert isinstance(item, Outcome) and item.reason is not None and item.reason.startswith("E107")


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read anything")
    path = tmp_path / "locked.txt"
    path.write_text("secret")
    path.chmod(0)
    item = only(read_all(str(path)))
    assert isinstance(item, Outcome) and item.reason is not None and item.reason.startswith("E107")


def test_named_pipe_is_read_once_as_a_stream(tmp_path: Path, fixtures: Path) -> None:
    import threading

    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    payload = gzip.compress((fixtures / "records.jsonl").read_bytes())

    def write() -> None:
        with open(fifo, "wb") as pipe:
            pipe.write(payload)

    writer = threading.Thread(target=write)
    writer.start()
    items = read_all(str(fifo))
    writer.join()
    assert [i.source for i in items][:2] == [f"{fifo}#L1", f"{fifo}#L2"]
    assert len(items) == 6


def test_a_lone_string_is_one_source(fixtures: Path) -> None:
    items = list(read_sources(str(fixtures / "plain.txt")))
    assert len(items) == 1 and isinstance(items[0], RawDocument)


def test_stdin_warc_gz_offsets_match_the_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, make_warc: Callable[..., bytes]
) -> None:
    record = ("https://a.test/x", "200 OK", "text/html", b"<p>Ferry resumes.</p>")
    data = make_warc([record], gzip=True)
    path = tmp_path / "c.warc.gz"
    path.write_bytes(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (from_stdin,) = read_all("-")
    (from_file,) = read_all(str(path))
    assert from_stdin.source.split("#")[1] == from_file.source.split("#")[1]
    assert isinstance(from_stdin, RawDocument) and from_stdin.url == "https://a.test/x"
