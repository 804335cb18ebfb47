"""Turning bytes into text: BOM, declared charset, UTF-8, then detection.

Order matters. A byte-order mark is authoritative. Bytes that are valid UTF-8
and contain non-ASCII are UTF-8 whatever a page claims: pages declaring
``iso-8859-1`` while serving UTF-8 are common, the reverse accident (cp1252
text that happens to be valid UTF-8) is vanishingly rare. A declared charset
is used next if it decodes cleanly; then charset-normalizer guesses; as a last
resort UTF-8 with replacement characters, so a document is always read.
"""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

log = logging.getLogger(__name__)

_BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
# WHATWG: these labels mean windows-1252 in practice; utf-16 declared inside an
# ASCII-compatible document cannot be true, so it means utf-8.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "x-sjis": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
# Encodings that are pure 7-bit: their bytes are valid UTF-8 yet mean something else.
_SEVEN_BIT = {"iso2022_jp", "iso2022_kr", "hz", "utf_7"}


def _normalize(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None if Python does not know it."""
    if not label:
        return None
    label = label.strip().lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """Charset declared inside the document (meta tag or XML declaration), if any."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _bom_codec(data: bytes) -> str | None:
    for bom, codec in _BOM_CODECS:
        if data.startswith(bom):
            return codec
    return None


def decode_bytes(data: bytes, declared: str | None = None, *, markup: bool = False) -> str:
    """Decode document bytes to text; never fails (undecodable bytes become U+FFFD).

    ``declared`` is an outside charset claim (HTTP header); when ``markup`` is
    true the document's own meta/XML declaration is consulted too.
    """
    bom = _bom_codec(data)
    if bom:
        return data.decode(bom, errors="replace")
    claim = _normalize(declared)
    if claim is None and markup:
        claim = _normalize(declared_charset(data))
    if claim in _SEVEN_BIT:
        try:
            return data.decode(claim)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if claim in (None, "utf-8") and _mostly_utf8(data):
        # A few stray bytes in otherwise UTF-8 text (a pasted cp1252 quote) should
        # cost those bytes, not turn every accented letter into mojibake.
        return data.decode("utf-8", errors="replace")
    if claim == "utf-8" and _western_accents(data):
        # Declared UTF-8 but saved as Latin-1/cp1252 (the commonest mislabel):
        # on a page of ASCII markup the detector guesses Baltic or Central
        # European code pages ("déją vu naļve"); lone accented letters inside
        # ASCII words are windows-1252.
        return data.decode("cp1252", errors="replace")
    if claim and claim != "utf-8":
        try:
            return data.decode(claim)
        except UnicodeDecodeError:
            log.debug("declared charset %s does not decode; detecting", claim)
    guess = _detect(data)
    if guess:
        return data.decode(guess, errors="replace")
    return data.decode(claim or "utf-8", errors="replace")


def _mostly_utf8(data: bytes) -> bool:
    """True when valid multi-byte UTF-8 characters outnumber invalid bytes three to one.

    Genuine legacy-charset text almost never forms valid multi-byte sequences,
    so even a modest majority of valid ones means UTF-8 with a few bad bytes.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    return good >= 3 * bad


_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
_CP1252_PUNCT = set("‘’“”–—…€£©®°«»·×")


def _western_accents(data: bytes) -> bool:
    """True when every non-ASCII byte stands alone (or in pairs) between ASCII and
    reads in windows-1252 as a letter or common punctuation: Western European
    text. Cyrillic or Greek code pages give whole words of high bytes instead."""
    runs = _HIGH_RUN.findall(data[:200_000])
    if not runs:
        return False
    for run in runs:
        if len(run) > 2:
            return False
        text = run.decode("cp1252", errors="replace")
        if not all(ch.isalpha() or ch in _CP1252_PUNCT for ch in text):
            return False
    return True


def _detect(data: bytes) -> str | None:
    """charset-normalizer's guess, or None when it has none.

    Among the least chaotic candidates windows-1252 wins ties: on short samples
    the detector cannot tell Western code pages apart, and cp1252 is by far the
    commonest legacy charset on news sites. BOM-less UTF-16/32 guesses are
    dropped: real documents in those always carry a BOM (and NUL bytes).
    """
    try:
        matches = [
            m for m in from_bytes(data[:200_000]) if not m.encoding.startswith(("utf_16", "utf_32"))
        ]
    except Exception:  # a detector bug must not stop a read
        log.debug("charset detection failed", exc_info=True)
        return None
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    calm = [m.encoding for m in matches if m.chaos <= least]
    return "cp1252" if "cp1252" in calm else calm[0]


def is_mostly_text(data: bytes) -> bool:
    """True when bytes read as text: valid UTF-8 or a charset that can be detected.

    Used only for inputs whose name says nothing about their format.
    """
    sample = data[:65536]
    if _bom_codec(sample):
        return True
    text = sample.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(1, len(text) // 100):
        return True
    return _detect(sample) is not None
