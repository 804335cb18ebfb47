"""Deciding what an input is: by name, by content type, or by its first bytes.

Formats are the reader families: ``html``, ``text``, ``jsonl``, ``feed`` and
``warc``. Binary inputs are recognised by magic signatures and NUL/control
bytes so that a PNG renamed ``.txt`` is refused instead of read as mojibake.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

Format = Literal["html", "text", "jsonl", "feed", "warc"]
FORMATS: tuple[Format, ...] = ("html", "text", "jsonl", "feed", "warc")

GZIP_MAGIC = b"\x1f\x8b"
# Byte-order marks mean "text", even though UTF-16/32 text is full of NULs.
_BOMS = (b"\x00\x00\xfe\xff", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_SNIFF = 1 << 16

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section"
    rb"|h[1-6]|script|style|link|table|span|a\s)",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANY = re.compile(rb"<(?:html|body|head|p|div|article|br)\b[^>]*>", re.IGNORECASE)
_FEED_ROOT_TAG = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_DTD_END = re.compile(rb"\]\s*>")
_MARKUP = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*\b[^<>]*|/[a-zA-Z][a-zA-Z0-9]*\s*)>")


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    text = resources.files("crosswire.data").joinpath("readers_formats.json").read_text("utf-8")
    table: dict[str, Any] = json.loads(text)
    return table


def _strip_gz(name: str) -> str:
    lower = name.lower()
    return lower[:-3] if lower.endswith(".gz") else lower


def format_from_name(name: str) -> Format | None:
    """Format implied by a file name's extension (``.gz`` is looked through), or None."""
    lower = _strip_gz(name)
    extensions: dict[str, list[str]] = _table()["extensions"]
    for fmt in FORMATS:
        if any(lower.endswith(ext) for ext in extensions.get(fmt, [])):
            return fmt
    return None


def media_type(content_type: str | None) -> str:
    """The bare media type of a Content-Type header value, lower-cased."""
    if not content_type:
        return ""
    return content_type.split(";", 1)[0].strip().lower()


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header value, if any."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def format_from_content_type(content_type: str | None) -> Format | None:
    """Format implied by an HTTP Content-Type, or None when it says nothing we read."""
    mtype = media_type(content_type)
    if not mtype:
        return None
    types: dict[str, list[str]] = _table()["content_types"]
    for fmt, names in types.items():
        if mtype in names:
            return fmt  # type: ignore[return-value]
    # Vendors invent feed types (application/x-rss+xml ...); the suffix is reliable.
    if mtype.endswith(("+xml", "/xml")) and ("rss" in mtype or "atom" in mtype):
        return "feed"
    return None


def binary_kind(head: bytes) -> str | None:
    """Name of the binary format ``head`` starts with, or None when it looks like text.

    Text with a UTF-16/32 byte-order mark is text. Otherwise a NUL byte, or more
    than 10% control characters, means binary: real articles never contain them.
    """
    if not head or head.startswith(_BOMS):
        return None
    magic: dict[str, str] = _table()["binary_magic"]
    for hex_prefix, label in magic.items():
        if head.startswith(bytes.fromhex(hex_prefix)):
            return label
    sample = head[:8192]
    if b"\x00" in sample:
        return "NUL bytes"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if controls > len(sample) // 10:
        return "control bytes"
    return None


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes look like an RSS, Atom or RDF document.

    The prolog (XML declaration, processing instructions, comments, a doctype
    with an internal DTD subset) is skipped by a linear scan, then the root
    element decides.
    """
    data = head[:_SNIFF].lstrip(b"\xef\xbb\xbf")
    at = _skip_prolog(data)
    return at is not None and bool(_FEED_ROOT_TAG.match(data, at))


def _skip_prolog(data: bytes) -> int | None:
    """Offset of the first element after the XML prolog, or None if the prolog is cut off."""
    at = 0
    while True:
        while at < len(data) and data[at : at + 1].isspace():
            at += 1
        if data.startswith(b"<?", at):
            end = data.find(b"?>", at + 2)
            at = -1 if end < 0 else end + 2
        elif data.startswith(b"<!--", at):
            end = data.find(b"-->", at + 4)
            at = -1 if end < 0 else end + 3
        elif data[at : at + 9].upper() == b"<!DOCTYPE":
            bracket, close = data.find(b"[", at), data.find(b">", at)
            if 0 <= bracket < close or (bracket >= 0 and close < 0):
                subset_end = _DTD_END.search(data, bracket)  # "]" then ">"
                at = -1 if subset_end is None else subset_end.end()
            else:
                at = -1 if close < 0 else close + 1
        else:
            return at
        if at < 0:
            return None


def looks_like_html(head: bytes) -> bool:
    """True when the first bytes look like an HTML document or fragment."""
    sample = head[:4096].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(sample) or _HTML_ANY.search(sample))


def looks_like_jsonl(head: bytes) -> bool:
    """True when the first non-blank line is a JSON object."""
    for line in head[:65536].splitlines():
        stripped = line.strip().lstrip(b"\xef\xbb\xbf")
        if stripped:
            return stripped.startswith(b"{")
    return False


def sniff_format(head: bytes) -> Format | None:
    """Format guessed from content alone (already decompressed); None if binary."""
    if head.startswith(b"WARC/"):
        return "warc"
    if binary_kind(head) is not None:
        return None
    # Leading blank lines say nothing; a window after them decides.
    head = head.lstrip(b"\xef\xbb\xbf").lstrip()[:_SNIFF]
    if looks_like_feed(head):
        return "feed"
    sample = head[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(sample):
        return "html"
    # Before the looser HTML test: JSONL records often carry HTML in a field.
    if looks_like_jsonl(head):
        return "jsonl"
    if _HTML_ANY.search(sample):
        return "html"
    return "text"


def has_markup(text: str) -> bool:
    """True when a string contains HTML tags (used for feed summaries)."""
    return bool(_MARKUP.search(text))
