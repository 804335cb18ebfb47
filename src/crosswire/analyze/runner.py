"""Run the analysis components over stored articles.

Articles are parsed in batches with ``nlp.pipe`` (the model is loaded once per
process); each article's results are written in one transaction, so a killed
run resumes with the articles it had not finished. Articles the models cannot
handle (not English, too long, no language) are recorded as ``skipped`` with
the reason from ingest; the rest goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from crosswire.analyze.components import COMPONENTS, ArticleAnalysis, check_order
from crosswire.analyze.serialize import analysis_record
from crosswire.model import Article
from crosswire.nlp.entities.pipeline import build_nlp
from crosswire.nlp.places.home import home_country
from crosswire.nlp.places.outlet import home_town
from crosswire.store.base import Store

log = logging.getLogger(__name__)

ProgressHook = Callable[[int], None]


@dataclass
class AnalyzeReport:
    """What one analysis run did."""

    analysed: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failed: list[tuple[str, str]] = field(default_factory=list)
    found: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """One line with counts, skip reasons and what was found."""
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{r}: {n}" for r, n in self.skipped.most_common())
        found = ", ".join(f"{k} {v}" for k, v in self.found.items())
        line = f"analysed {self.analysed}, skipped {skipped}"
        if reasons:
            line += f" ({reasons})"
        line += f", failed {len(self.failed)}"
        return line + (f"; found {found}" if found else "")


def analyze(
    store: Store,
    *,
    article_ids: Iterable[str] | None = None,
    redo: bool = False,
    batch_size: int = 16,
    on_progress: ProgressHook | None = None,
) -> AnalyzeReport:
    """Analyse stored articles: those in ``article_ids``, else all not yet analysed."""
    check_order()
    wanted = set(article_ids) if article_ids is not None else None
    done = set() if redo else store.analysed_ids()
    todo: list[Article] = []
    report = AnalyzeReport()
    for article in store.iter_articles():
        if (wanted is not None and article.id not in wanted) or article.id in done:
            continue
        if article.not_analysed:
            store.save_analysis(article.id, "skipped", article.not_analysed, None)
            report.skipped[article.not_analysed.split(" (")[0]] += 1
            continue
        todo.append(article)
    if not todo:
        return report
    nlp = build_nlp()
    gazetteer = store_gazetteer(store)
    texts = (a.text for a in todo)
    for article, doc in zip(todo, nlp.pipe(texts, batch_size=batch_size), strict=True):
        analysis = ArticleAnalysis(
            article.id,
            _date(article.published),
            doc,
            gazetteer,
            home_country=home_country(article.url),
            home_town=home_town(article.url, gazetteer),
        )
        try:
            for component in COMPONENTS:
                component.func(analysis)
            record = analysis_record(analysis, article.text)
        except Exception as exc:  # one bad article must not sink the batch
            log.exception("E320 analysis failed for %s", article.id)
            report.failed.append((article.id, f"E320 analysis failed: {exc!r}"))
            store.save_analysis(article.id, "failed", f"E320 {exc!r}", None)
            continue
        store.save_analysis(article.id, "done", None, record)
        report.analysed += 1
        for key in ("entities", "places", "dates", "quantities", "claims", "events"):
            report.found[key] += len(record[key])
        if on_progress is not None:
            on_progress(1)
    return report


def store_gazetteer(store: Store) -> Any:
    """A gazetteer that also consults a GeoNames dump imported into this SQLite
    database, or None (the default gazetteer) when there is none."""
    path = getattr(store, "path", None)
    if not isinstance(path, str) or path == ":memory:":
        return None
    conn = sqlite3.connect(path, check_same_thread=False)
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gazetteer'"
    ).fetchone()
    if not has_table:
        conn.close()
        return None
    from crosswire.nlp.places.gazetteer import Gazetteer

    return Gazetteer(conn)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
