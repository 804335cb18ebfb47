"""Families of wire copies and versions: an incremental, serialisable index.

How articles end up in one family:

1. Exact copies: same hash of the normalised text (casefolded, punctuation
   and quote/dash variants dropped) -> same family, similarity 1.0.
2. Near copies and versions: MinHash LSH proposes candidate pairs from two
   banded indexes, one over whole-document signatures and one over the
   signatures of each paragraph ("unit", at least 8 words); every candidate
   pair is then verified with the paragraph rule in :mod:`crosswire.dedup.verify`.
3. Joined pairs are merged with union-find.

Within a family, ``version`` orders members by publication date (undated
members last), then by the order they were added. The family id is the id
of the first member added, so it stays put when later runs add articles.
A lone article is its own family: version 1, similarity 1.0.

The index keeps only compact numpy sketches (no text). ``signature`` returns
them as bytes for the store and ``add_signature`` restores them in a later
run; restore in the original order to keep family ids stable.
``assignments()`` recomputes all families from the sketches with one sort
(O(n log n)); call it once per batch, not after every ``add``.

Reason codes returned by ``add``/``add_signature`` (``None`` means accepted):
``D101`` duplicate article id, ``D102`` unreadable signature, ``D103``
signature made with other parameters.
"""

from __future__ import annotations

import logging
import struct
from array import array
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from crosswire.dedup.bands import band_keys, candidate_pairs, choose_bands
from crosswire.dedup.sketch import Sketch, WordHasher, content_hash, sketch
from crosswire.dedup.verify import UnitView, compare, doc_jaccard

log = logging.getLogger(__name__)

_MAGIC = b"CWF1"
_HEAD = struct.Struct("<4sHHII")  # magic, num_perm, unit_perm, seed, units
_EMPTY = content_hash([])


@dataclass(frozen=True)
class FamilyAssignment:
    """Family membership of one article.

    ``family`` is the id of the family's first-added member; ``version`` is the
    1-based position by publication date then add order; ``similarity`` is the
    best verified score to another member (1.0 for exact copies and for an
    article alone in its family).
    """

    article_id: str
    family: str
    version: int
    similarity: float


def _date_key(published: str | None) -> float | None:
    if not published:
        return None
    text = published.strip()
    for candidate in (text, text[:10]):
        try:
            parsed = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.timestamp()
    return None


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller index (first added) stays root: it names the family.
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo


class FamilyIndex:
    """Incremental near-duplicate index over articles (see module docstring)."""

    def __init__(
        self,
        *,
        num_perm: int = 128,
        threshold: float = 0.7,
        seed: int = 1,
        unit_perm: int = 32,
        unit_bands: tuple[int, int] = (10, 3),
        max_bucket: int = 100,
    ) -> None:
        """Create an empty index.

        ``threshold`` is the whole-document Jaccard at which two articles are
        copies without looking at paragraphs; it also tunes the document LSH
        bands. ``unit_perm`` is the MinHash size per paragraph and
        ``unit_bands`` its (bands, rows) LSH layout. ``max_bucket`` drops LSH
        buckets shared by more articles than that (boilerplate).
        """
        if unit_bands[0] * unit_bands[1] > unit_perm or unit_perm > num_perm:
            raise ValueError("E901 unit_bands must fit in unit_perm, unit_perm in num_perm")
        self.num_perm = num_perm
        self.threshold = threshold
        self.seed = seed
        self.unit_perm = unit_perm
        self.unit_bands = unit_bands
        self.doc_bands = choose_bands(threshold, num_perm)
        self.max_bucket = max_bucket
        self._hasher = WordHasher()
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._published: list[str | None] = []
        self._digest = bytearray()
        self._doc = bytearray()
        self._usig = bytearray()
        self._ushing = bytearray()
        self._uwords = bytearray()
        self._uoff = array("q", [0])
        self._cache: list[FamilyAssignment] | None = None

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._pos

    def add(self, article_id: str, text: str, published: str | None = None) -> str | None:
        """Sketch ``text`` and add it; returns None, or a reason code when refused."""
        if article_id in self._pos:
            return f"D101 duplicate article id: {article_id}"
        sk = sketch(text, self._hasher, self.num_perm, self.unit_perm, self.seed)
        self._append(article_id, sk, published)
        return None

    def add_signature(self, article_id: str, blob: bytes, published: str | None) -> str | None:
        """Restore an article from ``signature`` bytes; returns None or a reason code."""
        if article_id in self._pos:
            return f"D101 duplicate article id: {article_id}"
        try:
            magic, num_perm, unit_perm, seed, units = _HEAD.unpack_from(blob, 0)
        except struct.error:
            return "D102 unreadable signature: too short"
        if magic != _MAGIC:
            return "D102 unreadable signature: bad magic"
        if (num_perm, unit_perm, seed) != (self.num_perm, self.unit_perm, self.seed):
            return f"D103 signature made with num_perm={num_perm} unit_perm={unit_perm} seed={seed}"
        expected = _HEAD.size + 16 + 4 * num_perm + units * (4 * unit_perm + 4)
        if len(blob) != expected:
            return f"D102 unreadable signature: {len(blob)} bytes, expected {expected}"
        at = _HEAD.size
        digest = bytes(blob[at : at + 16])
        at += 16
        doc = np.frombuffer(blob, dtype="<u4", count=num_perm, offset=at)
        at += 4 * num_perm
        usig = np.frombuffer(blob, dtype="<u4", count=units * unit_perm, offset=at)
        at += 4 * units * unit_perm
        shing = np.frombuffer(blob, dtype="<u2", count=units, offset=at)
        words = np.frombuffer(blob, dtype="<u2", count=units, offset=at + 2 * units)
        sk = Sketch(
            digest,
            doc.astype(np.uint32),
            usig.astype(np.uint32).reshape(units, unit_perm),
            shing.astype(np.uint16),
            words.astype(np.uint16),
        )
        self._append(article_id, sk, published)
        return None

    def signature(self, article_id: str) -> bytes:
        """Serialised sketch of an added article (raises KeyError for an unknown id)."""
        i = self._pos[article_id]
        p, u = self.num_perm, self.unit_perm
        lo, hi = self._uoff[i], self._uoff[i + 1]
        parts = [
            _HEAD.pack(_MAGIC, p, u, self.seed, hi - lo),
            bytes(self._digest[16 * i : 16 * i + 16]),
            bytes(self._doc[4 * p * i : 4 * p * (i + 1)]),
            bytes(self._usig[4 * u * lo : 4 * u * hi]),
            bytes(self._ushing[2 * lo : 2 * hi]),
            bytes(self._uwords[2 * lo : 2 * hi]),
        ]
        return b"".join(parts)

    def _append(self, article_id: str, sk: Sketch, published: str | None) -> None:
        self._pos[article_id] = len(self._ids)
        self._ids.append(article_id)
        self._published.append(published)
        self._digest += sk.digest
        self._doc += sk.doc_sig.astype("<u4").tobytes()
        self._usig += sk.unit_sigs.astype("<u4").tobytes()
        self._ushing += sk.unit_shingles.astype("<u2").tobytes()
        self._uwords += sk.unit_words.astype("<u2").tobytes()
        self._uoff.append(self._uoff[-1] + len(sk.unit_words))
        self._cache = None

    def assignments(self) -> list[FamilyAssignment]:
        """Family, version and similarity of every article added so far, in add order."""
        if self._cache is None:
            self._cache = self._compute()
        return list(self._cache)

    def _compute(self) -> list[FamilyAssignment]:
        n = len(self._ids)
        if n == 0:
            return []
        p, u = self.num_perm, self.unit_perm
        # Views, not copies: the sketches are the bulk of the index's memory.
        doc = np.frombuffer(self._doc, dtype="<u4").reshape(n, p)
        usig = np.frombuffer(self._usig, dtype="<u4").reshape(-1, u)
        ushing = np.frombuffer(self._ushing, dtype="<u2")
        uwords = np.frombuffer(self._uwords, dtype="<u2")
        uoff = np.frombuffer(self._uoff, dtype=np.int64)
        uf = _UnionFind(n)
        best = np.zeros(n, dtype=np.float64)

        # 1. exact copies; only the first of each group goes to the LSH step.
        digests = np.frombuffer(self._digest, dtype=np.uint64).reshape(n, 2)
        order = np.lexsort((np.arange(n), digests[:, 1], digests[:, 0]))
        ds = digests[order]
        same_prev = np.zeros(n, dtype=bool)
        same_prev[1:] = (ds[1:] == ds[:-1]).all(axis=1)
        empty = np.frombuffer(_EMPTY, dtype=np.uint64)
        is_empty = (digests == empty).all(axis=1)
        rep = np.ones(n, dtype=bool)
        head = -1
        for k in range(n):
            i = int(order[k])
            if not same_prev[k]:
                head = i
            elif not is_empty[i]:
                uf.union(head, i)
                best[head] = best[i] = 1.0
                rep[i] = False
        rep &= ~is_empty

        # 2. candidate pairs from document bands and unit bands.
        reps = np.flatnonzero(rep)
        db, dr = self.doc_bands
        dkeys = band_keys(doc[reps], db, dr, salt=1).ravel()
        downers = np.repeat(reps, db)
        counts = np.diff(uoff)
        uowner = np.repeat(np.arange(n, dtype=np.int64), counts)
        umask = rep[uowner]
        ub, ur = self.unit_bands
        ukeys = band_keys(usig[umask], ub, ur, salt=2).ravel()
        uowners = np.repeat(uowner[umask], ub)
        pairs = candidate_pairs(
            np.concatenate([dkeys, ukeys]),
            np.concatenate([downers, uowners]).astype(np.int64),
            self.max_bucket,
        )
        log.debug("%d articles, %d candidate pairs", n, len(pairs))

        # 3. verify candidates and merge.
        def view(i: int) -> UnitView:
            lo, hi = int(uoff[i]), int(uoff[i + 1])
            return UnitView(usig[lo:hi], ushing[lo:hi], uwords[lo:hi])

        for a, b in pairs.tolist():
            verdict = compare(view(a), view(b), doc_jaccard(doc[a], doc[b]), self.threshold)
            if verdict.joined:
                uf.union(a, b)
                best[a] = max(best[a], verdict.score)
                best[b] = max(best[b], verdict.score)

        # 4. families, versions, similarity.
        members: dict[int, list[int]] = {}
        for i in range(n):
            members.setdefault(uf.find(i), []).append(i)
        out: list[FamilyAssignment | None] = [None] * n
        for root, group in members.items():
            dated = [(_date_key(self._published[i]), i) for i in group]
            dated.sort(key=lambda t: (t[0] is None, t[0] or 0.0, t[1]))
            for version, (_, i) in enumerate(dated, start=1):
                sim = 1.0 if len(group) == 1 else round(float(best[i]), 3)
                out[i] = FamilyAssignment(self._ids[i], self._ids[root], version, sim)
        return [a for a in out if a is not None]
