"""Banded LSH over MinHash signatures, done as one sort instead of hash tables.

Each band of ``rows`` signature values is mixed into one 64-bit key; two
signatures that agree on a whole band land in the same bucket. Instead of
keeping per-bucket Python sets (datasketch's ``MinHashLSH`` needs about 8 kB and
0.4 ms per 128-perm document with 25 bands, i.e. ~8 GB for a million
articles), all ``(key, owner)`` pairs are sorted once and equal runs become
buckets. Sorting is O(n log n) and a key costs 12 bytes, so the whole index
stays near-linear in time and memory.

Buckets with more than ``max_bucket`` distinct owners are dropped: such a
bucket is a boilerplate paragraph or a hashing accident shared by many
unrelated pages, and pairing all its members would be quadratic.
"""

from __future__ import annotations

import logging

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

_K1 = np.uint64(0x9E3779B97F4A7C15)
_K2 = np.uint64(0xBF58476D1CE4E5B9)
_K3 = np.uint64(0x94D049BB133111EB)


def choose_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """Pick (bands, rows) whose S-curve midpoint (1/b)**(1/r) is closest to ``threshold``."""
    best = (2, num_perm // 2)
    best_gap = 2.0
    for rows in range(1, num_perm // 2 + 1):
        bands = num_perm // rows
        if bands < 2:
            break
        gap = abs((1.0 / bands) ** (1.0 / rows) - threshold)
        if gap < best_gap:
            best, best_gap = (bands, rows), gap
    return best


def band_keys(sigs: U32, bands: int, rows: int, salt: int, chunk: int = 65536) -> U64:
    """Mix each band of each signature into one 64-bit key: returns (len(sigs), bands).

    Works in chunks of rows so the uint64 temporaries stay small.
    """
    if sigs.shape[0] > chunk:
        parts = [
            _band_keys(sigs[i : i + chunk], bands, rows, salt)
            for i in range(0, sigs.shape[0], chunk)
        ]
        return np.concatenate(parts)
    return _band_keys(sigs, bands, rows, salt)


def _band_keys(sigs: U32, bands: int, rows: int, salt: int) -> U64:
    n = sigs.shape[0]
    block = sigs[:, : bands * rows].astype(np.uint64).reshape(n, bands, rows)
    h = np.full((n, bands), np.uint64((salt * int(_K3)) & 0xFFFFFFFFFFFFFFFF), dtype=np.uint64)
    h ^= np.arange(bands, dtype=np.uint64)[None, :] * _K2
    for r in range(rows):
        h = (h ^ block[:, :, r]) * _K1
        h ^= h >> np.uint64(29)
    h = (h ^ (h >> np.uint64(32))) * _K2
    out: U64 = h ^ (h >> np.uint64(29))
    return out


def candidate_pairs(keys: U64, owners: I64, max_bucket: int) -> I64:
    """Owner pairs (a < b) that share at least one key, as an (m, 2) array, unique.

    Keys held by more than ``max_bucket`` distinct owners are ignored.
    """
    if len(keys) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    order = np.lexsort((owners, keys))
    k = keys[order]
    o = owners[order]
    # An owner may hold the same key twice (a repeated paragraph): keep one.
    keep = np.ones(len(k), dtype=bool)
    keep[1:] = (k[1:] != k[:-1]) | (o[1:] != o[:-1])
    k, o = k[keep], o[keep]
    new_group = np.ones(len(k), dtype=bool)
    new_group[1:] = k[1:] != k[:-1]
    gid = np.cumsum(new_group) - 1
    sizes = np.bincount(gid)
    size_of = sizes[gid]
    dropped = int(np.count_nonzero(sizes > max_bucket))
    if dropped:
        log.debug("ignored %d LSH buckets with more than %d members", dropped, max_bucket)
    sel = (size_of >= 2) & (size_of <= max_bucket)
    o, gid = o[sel], gid[sel]
    if len(o) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    biggest = int(sizes[gid].max())
    found: list[I64] = []
    # Members of a bucket are contiguous and sorted by owner, so pairing each
    # entry with the one ``d`` places later (same bucket) enumerates all pairs.
    for d in range(1, biggest):
        same = gid[d:] == gid[:-d]
        if not same.any():
            continue
        found.append(np.stack([o[:-d][same], o[d:][same]], axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(found)
    width = int(pairs.max()) + 1
    codes = np.unique(pairs[:, 0] * width + pairs[:, 1])
    result: I64 = np.stack([codes // width, codes % width], axis=1)
    return result
