"""What story grouping keeps per group (``crosswire.fusion.stories``).

* :class:`Groups` – union-find whose roots carry the sum of their members'
  vectors, so the average similarity of two groups is one sparse dot product;
* :class:`Guards` – what two groups must agree on before text similarity may
  join them: their dates (S6) and their home provinces (S7);
* :func:`home_regions` – per article, the province of the towns it names as
  scenes (S7).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy import sparse  # type: ignore[import-untyped,unused-ignore]

from crosswire.fusion.scenes import (
    SCENE_KINDS as _SCENE_KINDS,
)
from crosswire.fusion.scenes import (
    actor_spans,
    names_a_person,
    person_names,
    written_as_actor,
)

__all__ = ["Groups", "Guards", "home_regions"]


class Groups:
    """Union-find whose roots carry the sum of their members' vectors.

    Sums are kept as (sorted column indices, values) NumPy pairs rather than
    SciPy rows: a SciPy row product costs ~150 us of overhead, which at a few
    hundred thousand edges was most of the grouping time.
    """

    def __init__(self, x: sparse.csr_matrix) -> None:
        # Sorted column indices let average() match columns with searchsorted.
        self.x: sparse.csr_matrix = x if x.has_sorted_indices else x.sorted_indices()
        self.parent = list(range(x.shape[0]))
        self.size = [1] * x.shape[0]
        # Filled on demand: most articles never take part in a merge test.
        self.sums: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _sum(self, root: int) -> tuple[np.ndarray, np.ndarray]:
        got = self.sums.get(root)
        if got is None:
            lo, hi = self.x.indptr[root], self.x.indptr[root + 1]
            got = (self.x.indices[lo:hi], self.x.data[lo:hi])
        return got

    def average(self, a: int, b: int) -> float:
        """Mean cosine over all cross pairs of two groups (sum_a . sum_b / |a||b|)."""
        (ia, va), (ib, vb) = self._sum(a), self._sum(b)
        if len(ia) > len(ib):
            ia, va, ib, vb = ib, vb, ia, va
        if not len(ia) or not len(ib):
            return 0.0
        pos = np.minimum(np.searchsorted(ib, ia), len(ib) - 1)
        hit = ib[pos] == ia
        dot = float(va[hit] @ vb[pos[hit]])
        return dot / (self.size[a] * self.size[b])

    def union(self, a: int, b: int) -> None:
        if self.size[a] < self.size[b]:
            a, b = b, a
        (ia, va), (ib, vb) = self._sum(a), self._sum(b)
        self.sums.pop(b, None)
        cols, inverse = np.unique(np.concatenate([ia, ib]), return_inverse=True)
        vals = np.bincount(inverse, weights=np.concatenate([va, vb]), minlength=len(cols))
        self.sums[a] = (cols, vals)
        self.parent[b] = a
        self.size[a] += self.size[b]


class Guards:
    """What two groups must agree on before text similarity may join them (S6, S7).

    * **S6 time** – the date ranges of two groups' dated members are at most
      ``window_days`` apart: a story grows day by day, but an undated article
      cannot bridge 2015 and 2025;
    * **S7 scene** – when both groups name local scenes (towns with their
      province), they share a province: two shootings in two states are two
      stories however alike their wording.
    """

    def __init__(self, days: Sequence[dt.date | None], regions: Sequence[frozenset[str]]) -> None:
        self.span: dict[int, tuple[dt.date, dt.date]] = {
            i: (d, d) for i, d in enumerate(days) if d is not None
        }
        self.regions: dict[int, frozenset[str]] = {i: r for i, r in enumerate(regions) if r}

    def allow(self, a: int, b: int, window: int) -> bool:
        """Whether groups rooted at ``a`` and ``b`` may merge."""
        sa, sb = self.span.get(a), self.span.get(b)
        if sa and sb and (max(sa[0], sb[0]) - min(sa[1], sb[1])).days > window:
            return False
        ra, rb = self.regions.get(a), self.regions.get(b)
        return not (ra and rb and not ra & rb)

    def merged(self, keep: int, gone: int) -> None:
        """Group ``gone`` joined ``keep``: its span and scenes go with it."""
        sa, sb = self.span.pop(keep, None), self.span.pop(gone, None)
        if sa or sb:
            both = [x for x in (sa, sb) if x]
            self.span[keep] = (min(x[0] for x in both), max(x[1] for x in both))
        ra, rb = self.regions.pop(keep, frozenset()), self.regions.pop(gone, frozenset())
        if ra | rb:
            self.regions[keep] = ra | rb


def home_regions(ids: Sequence[str], analyses: Mapping[str, Any] | None) -> list[frozenset[str]]:
    """S7: per article, the provinces ("US:Ohio") of the towns it names as scenes."""
    if not analyses:
        return [frozenset()] * len(ids)
    out = []
    for aid in ids:
        analysis = analyses.get(aid) or {}
        people, spans = person_names(analysis), actor_spans(analysis)
        counts = Counter(
            f"{p.get('country')}:{p.get('admin1')}"
            for p in analysis.get("places") or []
            if isinstance(p, dict)
            and p.get("country")
            and p.get("admin1")
            and p.get("kind") in _SCENE_KINDS
            and not names_a_person(p, people)
            and not written_as_actor(p, spans)
        )
        # Only a clear home province counts: geocoding slips ("Bedford" in England)
        # must not split a story.
        ranked = counts.most_common(2)
        home = ranked[0][0] if ranked and ranked[0][1] >= 2 else None
        if home and len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
            home = None
        out.append(frozenset({home}) if home else frozenset())
    return out
