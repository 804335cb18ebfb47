"""Text normalisation, paragraph units and vectorised MinHash for wire-copy detection.

The MinHash values follow datasketch 2.0.0's default ``affine32`` scheme exactly
(MurmurHash3 ``fmix32`` pre-mix, then ``a * h + b mod 2**32`` with the permutation
parameters datasketch draws for the same ``seed``), so a signature computed here
equals ``datasketch.MinHash(num_perm, seed, hashfunc=identity)`` fed the same
32-bit shingle hashes. The per-shingle work is done in numpy in one pass per
document instead of one Python call per shingle, which is what makes a million
articles affordable.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt
from datasketch import MinHash

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]

# Word 3-grams: long enough that unrelated articles on one topic share few of
# them, short enough that a one-word edit ("remained" -> "remains") only spoils
# three shingles of a paragraph.
SHINGLE = 3
# Paragraphs with fewer words are not used as fingerprints: datelines, photo
# credits, section headers and "Share this article" lines are shared by
# thousands of unrelated pages and would glue them together.
MIN_UNIT_WORDS = 8
# Text without line breaks (or with giant paragraphs) is cut into sentence
# groups so that a version that rewrote the top still shares most units.
MAX_UNIT_WORDS = 120
CHUNK_MIN_WORDS = 30

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+")
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))
_M32 = (np.uint32(0x85EBCA6B), np.uint32(0xC2B2AE35))


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    raw = resources.files("crosswire.data").joinpath("dedup_punct.json").read_text("utf-8")
    mapping: dict[str, str] = json.loads(raw)["map"]
    return {ord(k): v for k, v in mapping.items()}


def normalize_words(text: str) -> list[str]:
    """Return the comparison words of ``text``: NFKC, folded quotes/dashes, casefolded.

    Punctuation is dropped entirely, so ``--`` vs ``—`` and ``'`` vs ``’`` never
    make two copies differ.
    """
    return _WORD.findall(_fold(text))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_fold_table()).casefold()


def content_hash(words: list[str]) -> bytes:
    """16-byte hash of the normalised word sequence (exact-duplicate key)."""
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=16).digest()


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


class _HashCache(dict[str, int]):
    def __missing__(self, word: str) -> int:
        h = _word_hash(word)
        self[word] = h
        return h


class WordHasher:
    """Stable 64-bit word hashes with a bounded cache (Python's ``hash`` is salted per run)."""

    def __init__(self, max_cache: int = 2_000_000) -> None:
        self._cache = _HashCache()
        self._max = max_cache

    def __call__(self, words: list[str]) -> U64:
        """Hash each word; returns a uint64 array aligned with ``words``."""
        if len(self._cache) > self._max:
            self._cache.clear()  # crude bound; Zipfian vocabularies refill it fast
        # map() over __getitem__ keeps the per-word loop in C; misses go to __missing__.
        return np.fromiter(map(self._cache.__getitem__, words), dtype=np.uint64, count=len(words))


def shingle_hashes(word_hashes: U64) -> U32:
    """32-bit hashes of the word 3-grams (one hash for texts of 1-2 words)."""
    n = len(word_hashes)
    if n == 0:
        return np.zeros(0, dtype=np.uint32)
    if n < SHINGLE:
        h = word_hashes[:1] * _MIX[0]
        for i in range(1, n):
            h = h + word_hashes[i : i + 1] * _MIX[i]
    else:
        h = (
            word_hashes[: n - 2] * _MIX[0]
            + word_hashes[1 : n - 1] * _MIX[1]
            + word_hashes[2:] * _MIX[2]
        )
    return ((h ^ (h >> np.uint64(32))) & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def _split_long(paragraph: str, words: list[str]) -> list[str]:
    """Cut a long paragraph into sentence groups with content-defined boundaries.

    A group ends after a sentence whose first word hashes to 0 mod 3 once it
    has CHUNK_MIN_WORDS words, so an inserted or edited sentence only moves
    the boundaries next to it, not every boundary after it.
    """
    sentences = [s for s in _SENTENCE_END.split(paragraph) if s.strip()]
    if len(sentences) < 2:
        return [
            " ".join(words[i : i + MAX_UNIT_WORDS]) for i in range(0, len(words), MAX_UNIT_WORDS)
        ]
    chunks: list[str] = []
    current: list[str] = []
    count = 0
    for sentence in sentences:
        current.append(sentence)
        sw = normalize_words(sentence)
        count += len(sw)
        if count >= CHUNK_MIN_WORDS and (not sw or _word_hash(sw[0]) % 3 == 0):
            chunks.append(" ".join(current))
            current, count = [], 0
    if current:
        if chunks and count < MIN_UNIT_WORDS:
            chunks[-1] = chunks[-1] + " " + " ".join(current)
        else:
            chunks.append(" ".join(current))
    return chunks


@dataclass
class Units:
    """A document cut into comparison units (paragraphs or sentence groups)."""

    words: list[list[str]]  # normalised words of each unit, in order
    indexed: list[bool]  # True when the unit is long enough to fingerprint


def split_units(text: str) -> Units:
    """Split ``text`` on line breaks into units; long paragraphs become sentence groups."""
    words: list[list[str]] = []
    # Folding keeps line breaks, so fold once and split afterwards.
    for line in _fold(text).splitlines():
        lw = _WORD.findall(line)
        if not lw:
            continue
        if len(lw) > MAX_UNIT_WORDS:
            words.extend(w for w in (normalize_words(c) for c in _split_long(line, lw)) if w)
        else:
            words.append(lw)
    indexed = [len(w) >= MIN_UNIT_WORDS for w in words]
    if words and not any(indexed):
        # A text made only of short lines: fingerprint it as one unit so that
        # short documents can still be recognised as copies.
        words = [[w for unit in words for w in unit]]
        indexed = [True]
    return Units(words, indexed)


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> tuple[U32, U32]:
    """The (a, b) affine32 permutation parameters datasketch uses for ``seed``."""
    perms = MinHash(num_perm=num_perm, seed=seed).permutations
    a = np.ascontiguousarray(perms[0], dtype=np.uint32)
    b = np.ascontiguousarray(perms[1], dtype=np.uint32)
    return a, b


_BLOCK = 1 << 15  # shingles permuted at once (32k x 128 x 4 bytes = 16 MB)


def permute(hv: U32, num_perm: int, seed: int) -> U32:
    """Apply fmix32 and the affine permutations: returns a (len(hv), num_perm) matrix."""
    a, b = permutations(num_perm, seed)
    h = hv ^ (hv >> np.uint32(16))
    h = h * _M32[0]
    h = h ^ (h >> np.uint32(13))
    h = h * _M32[1]
    h = h ^ (h >> np.uint32(16))
    result: U32 = h[:, None] * a[None, :] + b[None, :]
    return result


@dataclass
class Sketch:
    """Everything the family index keeps about one document."""

    digest: bytes  # content hash of the normalised text
    doc_sig: U32  # (num_perm,) MinHash of all shingles
    unit_sigs: U32  # (units, unit_perm) MinHash per indexed unit
    unit_shingles: npt.NDArray[np.uint16]  # shingle count per indexed unit
    unit_words: npt.NDArray[np.uint16]  # word count per indexed unit


def sketch(text: str, hasher: WordHasher, num_perm: int, unit_perm: int, seed: int) -> Sketch:
    """Compute the content hash, document MinHash and per-unit MinHashes of ``text``."""
    units = split_units(text)
    all_words = [w for unit in units.words for w in unit]
    digest = content_hash(all_words)
    lengths = np.array([len(u) for u in units.words], dtype=np.int64)
    keep = np.array(units.indexed, dtype=bool)
    max32 = np.uint32(0xFFFFFFFF)
    empty_units = np.zeros((0, unit_perm), dtype=np.uint32)
    hv = shingle_hashes(hasher(all_words))
    if len(all_words) < SHINGLE:  # 1-2 words: one shingle, in the only unit
        unit_of = np.zeros(len(hv), dtype=np.int64)
    else:
        # Shingle i spans words i..i+2; keep it only when all three are in one unit.
        word_unit = np.repeat(np.arange(len(lengths)), lengths)
        inside = word_unit[: len(hv)] == word_unit[SHINGLE - 1 :]
        hv = hv[inside]
        unit_of = word_unit[: len(inside)][inside]
    if len(hv) == 0:
        return Sketch(
            digest,
            np.full(num_perm, max32, dtype=np.uint32),
            empty_units,
            np.zeros(0, dtype=np.uint16),
            np.zeros(0, dtype=np.uint16),
        )
    # Indexed units with at least one shingle; their shingles are contiguous.
    counts = np.bincount(unit_of, minlength=len(lengths))
    chosen = np.flatnonzero(keep & (counts > 0))
    slot = np.full(len(lengths), -1, dtype=np.int64)  # unit -> row of unit_sigs
    slot[chosen] = np.arange(len(chosen))
    doc_sig = np.full(num_perm, max32, dtype=np.uint32)
    unit_sigs = np.full((len(chosen), unit_perm), max32, dtype=np.uint32)
    # Shingles go through the permutations a block at a time: the whole
    # (shingles x num_perm) matrix of a 10 MB text would take gigabytes.
    for start in range(0, len(hv), _BLOCK):
        matrix = permute(hv[start : start + _BLOCK], num_perm, seed)
        np.minimum(doc_sig, matrix.min(axis=0), out=doc_sig)
        rows = slot[unit_of[start : start + _BLOCK]]
        sel = rows >= 0
        if not sel.any():
            continue
        rows = rows[sel]
        runs = np.flatnonzero(np.concatenate([[True], rows[1:] != rows[:-1]]))
        mins = np.minimum.reduceat(matrix[sel, :unit_perm], runs, axis=0)
        unit_sigs[rows[runs]] = np.minimum(unit_sigs[rows[runs]], mins)
    cap = 65535
    return Sketch(
        digest=digest,
        doc_sig=np.ascontiguousarray(doc_sig, dtype=np.uint32),
        unit_sigs=np.ascontiguousarray(unit_sigs, dtype=np.uint32),
        unit_shingles=np.minimum(counts[chosen], cap).astype(np.uint16),
        unit_words=np.minimum(lengths[chosen], cap).astype(np.uint16),
    )
