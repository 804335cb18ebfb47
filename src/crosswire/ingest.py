"""Ingest: read every input, clean it, store it, then regroup wire families.

Every input ends in exactly one of four states, logged in the store and
counted in the :class:`IngestReport`: ``stored``, ``duplicate`` (its id was
already stored: re-running the same input adds nothing), ``skipped`` (with a
stated reason) or ``failed`` (with a clear error). Each article is written in
its own transaction and wire families are recomputed from the stored
signatures, so a killed run resumes without loss or duplicates.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from crosswire.articles import build_article
from crosswire.dedup import FamilyIndex
from crosswire.model import Article, Outcome
from crosswire.readers import ReadOptions, read_sources
from crosswire.store.base import Store

log = logging.getLogger(__name__)

OutcomeHook = Callable[[Outcome], None]


@dataclass
class IngestReport:
    """What one ingest run did, input by input."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failed: list[Outcome] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return not self.failed

    def summary(self) -> str:
        """One line: read, stored, duplicates, skipped (with reasons), failed."""
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{reason}: {n}" for reason, n in self.skipped.most_common())
        line = (
            f"read {self.read}, stored {self.stored}, duplicates {self.duplicates}, "
            f"skipped {skipped}"
        )
        if reasons:
            line += f" ({reasons})"
        return line + f", failed {len(self.failed)}"

    def count(self, outcome: Outcome) -> None:
        """Add one outcome to the tallies."""
        self.read += 1
        if outcome.status == "stored":
            self.stored += 1
        elif outcome.status == "duplicate":
            self.duplicates += 1
        elif outcome.status == "skipped":
            self.skipped[outcome.reason or "unknown"] += 1
        else:
            self.failed.append(outcome)
        if outcome.article_id and outcome.status in ("stored", "duplicate"):
            self.article_ids.append(outcome.article_id)


def ingest(
    sources: Iterable[str],
    store: Store,
    *,
    options: ReadOptions | None = None,
    ingested: date | None = None,
    on_outcome: OutcomeHook | None = None,
) -> IngestReport:
    """Read ``sources`` into ``store`` and regroup wire families.

    ``on_outcome`` is called once per input (the CLI drives its progress bar
    with it). Never raises for bad input; see :class:`IngestReport`.
    """
    report = IngestReport()
    index = load_family_index(store)
    for item in read_sources(sources, options or ReadOptions()):
        if isinstance(item, Outcome):
            outcome = item
        else:
            try:
                built = build_article(item, ingested=ingested)
            except Exception as exc:  # a bug in one page must not sink the batch
                log.exception("E299 cleaning failed for %s", item.source)
                built = Outcome(item.source, "failed", f"E299 cleaning failed: {exc!r}")
            outcome = built if isinstance(built, Outcome) else _store(built, store, index)
        store.record_outcome(outcome)
        report.count(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    if report.stored:
        update_families(store, index)
    return report


def _store(article: Article, store: Store, index: FamilyIndex) -> Outcome:
    if store.has_article(article.id):
        return Outcome(article.source, "duplicate", "same text and URL already stored", article.id)
    index.add(article.id, article.text, article.published)
    store.add_article(article, index.signature(article.id))
    return Outcome(article.source, "stored", None, article.id)


def load_family_index(store: Store) -> FamilyIndex:
    """A near-duplicate index holding every stored article's signature."""
    index = FamilyIndex()
    for article_id, blob, published in store.iter_signatures():
        index.add_signature(article_id, blob, published)
    return index


def update_families(store: Store, index: FamilyIndex | None = None) -> int:
    """Recompute wire families for all stored articles; return how many families."""
    index = index or load_family_index(store)
    rows = [(a.article_id, a.family, a.version, a.similarity) for a in index.assignments()]
    store.set_families(rows)
    return len({row[1] for row in rows})
