"""The store interface every backend implements.

The pipeline and the interfaces only talk to a :class:`Store`; SQLite is the
embedded default and a PostgreSQL backend plugs in behind the same methods.
Writes are idempotent: adding an article whose id is already stored changes
nothing and reports ``False``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from crosswire.model import Article, Outcome
from crosswire.store.sql import Grouper


class Store(Protocol):
    """Durable storage of articles, input outcomes and dedup signatures."""

    def add_article(self, article: Article, signature: bytes | None = None) -> bool:
        """Store one article (and its dedup signature) in one transaction.

        Returns ``False`` when an article with the same id is already stored.
        """
        ...

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        ...

    def get_article(self, article_id: str) -> Article | None:
        """The stored article, or ``None``."""
        ...

    def iter_articles(self) -> Iterator[Article]:
        """All stored articles in ingestion order."""
        ...

    def count_articles(self) -> int:
        """How many articles are stored."""
        ...

    def iter_signatures(self) -> Iterator[tuple[str, bytes, str | None]]:
        """(article id, dedup signature, published) for every stored article."""
        ...

    def set_families(self, rows: Iterable[tuple[str, str, int, float]]) -> None:
        """Write (article id, family, version, similarity) assignments."""
        ...

    def save_analysis(
        self, article_id: str, status: str, reason: str | None, data: dict[str, Any] | None
    ) -> None:
        """Store (or replace) one article's analysis: status ``done`` or ``skipped``."""
        ...

    def analysed_ids(self) -> set[str]:
        """Ids of articles that have an analysis row."""
        ...

    def iter_analyses(self) -> Iterator[tuple[str, str, str | None, dict[str, Any] | None]]:
        """(article id, status, reason, data) in ingestion order."""
        ...

    def record_outcome(self, outcome: Outcome, run: str | None = None) -> None:
        """Log what happened to one input: latest outcome per source wins, except
        that a rerun's "duplicate" of the same article keeps the first "stored";
        every outcome is also appended to the log with its ``run`` id."""
        ...

    def iter_outcome_log(self) -> Iterator[tuple[Outcome, str | None]]:
        """Every outcome ever recorded, oldest first, with its run id."""
        ...

    def regroup_families(self, group: Grouper) -> int:
        """Recompute wire families from every stored signature under the store's
        write lock (so concurrent ingests end as a sequential one); return how many."""
        ...

    def families_stale(self) -> bool:
        """True when some stored article has a signature but no family yet."""
        ...

    def iter_outcomes(self) -> Iterator[Outcome]:
        """Every logged input outcome."""
        ...

    def shard_done(self, shard_id: str) -> bool:
        """Whether the sharded pipeline finished this shard in an earlier run."""
        ...

    def mark_shard(self, shard_id: str, sources: list[str]) -> None:
        """Record a shard completion marker once all its inputs are written."""
        ...

    def fusion_state(self) -> dict[str, Any] | None:
        """The corpus-wide persisted fusion state (fingerprint, series...), or ``None``."""
        ...

    def fusion_block_keys(self) -> dict[str, str]:
        """Persisted fusion block id -> digest of the inputs it was computed from."""
        ...

    def iter_fusion_blocks(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(block id, label, fused events and disputes) of every persisted block."""
        ...

    def save_fusion(
        self,
        state: dict[str, Any],
        blocks: Iterable[tuple[str, str, str, dict[str, Any]]],
        drop: Iterable[str],
    ) -> None:
        """Upsert (block id, label, key, data) blocks, delete ``drop``, set the state:
        one transaction."""
        ...

    def seen_file(self, path: str) -> tuple[int, float, str] | None:
        """(size, mtime, content digest) ``crosswire watch`` recorded for a file."""
        ...

    def mark_seen(self, path: str, size: int, mtime: float, digest: str) -> None:
        """Record a file ``crosswire watch`` ingested."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...
