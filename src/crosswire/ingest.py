"""Ingest: read every input, clean it, store it, then regroup wire families.

Every input ends in exactly one of four states, logged in the store and
counted in the :class:`IngestReport`: ``stored``, ``duplicate`` (its id was
already stored: re-running the same input adds nothing), ``skipped`` (with a
stated reason) or ``failed`` (with a clear error). Each article is written in
its own transaction and wire families are recomputed from the stored
signatures, so a killed run resumes without loss or duplicates.

Hostile input costs one input, never the batch: each input's reading and
cleaning run under a time and memory budget (:mod:`crosswire.budget`), and
families are regrouped under the store's write lock at the end of a run that
stored something and at the start of any run that finds them stale.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from crosswire.articles import build_article
from crosswire.budget import Budget, BudgetExceeded, enforce
from crosswire.clean.textcheck import looks_like_text
from crosswire.dedup import FamilyIndex
from crosswire.model import Article, Outcome, RawDocument
from crosswire.readers import Entry, ReadOptions, plan_sources, read_entry, source_label
from crosswire.readers.files import is_url
from crosswire.store.base import Store

log = logging.getLogger(__name__)

OutcomeHook = Callable[[Outcome], None]
DEFAULT_BUDGET = Budget()


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
    budget: Budget | None = DEFAULT_BUDGET,
    labels: Mapping[str, str] | None = None,
) -> IngestReport:
    """Read ``sources`` into ``store`` and regroup wire families.

    ``on_outcome`` is called once per input (the CLI drives its progress bar
    with it). Each step on one input (reading its next record, cleaning it)
    runs under ``budget``: past it the input ends ``failed`` (E29x) and the
    batch goes on. ``labels`` names inputs (see :func:`read_sources`).
    Never raises for bad input; see :class:`IngestReport`.
    """
    options = options or ReadOptions()
    report = IngestReport()
    run = uuid.uuid4().hex[:12]
    if store.families_stale():  # a run stopped before regrouping, or a writer raced it
        log.info("wire families were stale: regrouping before this ingest")
        update_families(store)
    index = load_family_index(store)
    for entry in plan_sources(sources, options):
        for outcome in _ingest_entry(entry, store, index, options, ingested, budget, labels):
            try:
                store.record_outcome(outcome, run)
            except Exception:  # the store refused this row: log it, keep the batch going
                log.exception("E298 could not record the outcome of %s", outcome.source)
            report.count(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    if report.stored:
        update_families(store)
    return report


def _ingest_entry(
    entry: Entry,
    store: Store,
    index: FamilyIndex,
    options: ReadOptions,
    ingested: date | None,
    budget: Budget | None,
    labels: Mapping[str, str] | None,
) -> Iterator[Outcome]:
    """One outcome per record of one input; an input over its budget ends failed."""
    items = read_entry(entry, options, labels)
    label = entry.path
    while True:
        try:
            with enforce(budget, "reading"):
                item = next(items, None)
        except BudgetExceeded as over:  # the reader is dead: this input ends here
            yield Outcome(_label(label, labels), "failed", over.reason)
            return
        if item is None:
            return
        if isinstance(item, Outcome):
            yield item
            continue
        built = build_guarded(item, ingested, budget)
        if isinstance(built, Outcome):
            yield built
            continue
        try:
            yield _store(built, store, index)
        except Exception as exc:  # the store refused this article: it fails alone
            log.exception("E297 could not store %s", built.source)
            yield Outcome(built.source, "failed", f"E297 could not store: {type(exc).__name__}")


def _label(path: str, labels: Mapping[str, str] | None) -> str:
    if labels and path in labels:
        return labels[path]
    return path if path == "-" or is_url(path) else source_label(path)


def build_guarded(
    item: RawDocument, ingested: date | None = None, budget: Budget | None = DEFAULT_BUDGET
) -> Article | Outcome:
    """``build_article`` under a budget; a failure or a page that is not text ends as an Outcome."""
    try:
        with enforce(budget, "cleaning"):
            built = build_article(item, ingested=ingested)
    except BudgetExceeded as over:
        return Outcome(item.source, "failed", over.reason)
    except (Exception, RecursionError) as exc:  # a bug in one page must not sink the batch
        log.exception("E299 cleaning failed for %s", item.source)
        return Outcome(item.source, "failed", f"E299 cleaning failed: {exc!r}")
    if isinstance(built, Article) and not looks_like_text(built.text):
        return Outcome(item.source, "skipped", "E205 not text: too few letters for an article")
    return built


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


def _group(
    signatures: Iterable[tuple[str, bytes, str | None]],
) -> list[tuple[str, str, int, float]]:
    index = FamilyIndex()
    for article_id, blob, published in signatures:
        index.add_signature(article_id, blob, published)
    return [(a.article_id, a.family, a.version, a.similarity) for a in index.assignments()]


def update_families(store: Store, index: FamilyIndex | None = None) -> int:
    """Recompute wire families for all stored articles; return how many families.

    Signatures are read again under the store's write lock (``index`` is
    accepted for compatibility and not used): an index built earlier in this
    run would miss articles another ingest stored meanwhile.
    """
    return store.regroup_families(_group)
