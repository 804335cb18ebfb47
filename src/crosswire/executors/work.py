"""The worker side: read, clean, build and analyse one shard; return plain data.

``process_shard`` runs in a worker process (or in the driver for the local
in-process executor). It never touches the store: it returns articles, their
dedup signatures, analysis records and input outcomes as picklable data, and
the driver writes them. It never raises for bad input; a failure that sinks the
whole shard (the NLP model cannot load) is returned as ``ShardResult.error``.
The spaCy model is loaded once per worker process (``build_nlp`` is cached);
``nlp_loads`` reports the cache misses so callers can check.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from crosswire.dedup import FamilyIndex
from crosswire.executors.shards import Shard, ShardInput
from crosswire.ingest import build_guarded
from crosswire.model import Article, Outcome, RawDocument
from crosswire.nlp.places.home import home_country
from crosswire.nlp.places.outlet import home_town
from crosswire.readers import ReadOptions, read_entry
from crosswire.readers.warc import read_warc

log = logging.getLogger(__name__)

Analysis = tuple[str, str | None, dict[str, Any] | None]  # status, reason, record


@dataclass(frozen=True)
class WorkOptions:
    """What a worker does with a shard: how to read, and whether to analyse."""

    read: ReadOptions = field(default_factory=ReadOptions)
    analyze: bool = True
    ingested: dt.date | None = None
    batch_size: int = 16


@dataclass
class ShardItem:
    """One input's result: an outcome (skipped/failed), or an article with its extras."""

    source: str
    outcome: Outcome | None = None
    article: Article | None = None
    signature: bytes | None = None
    analysis: Analysis | None = None


@dataclass
class ShardResult:
    """Everything a worker produced for one shard, in input order."""

    shard_id: str
    index: int
    items: list[ShardItem] = field(default_factory=list)
    worker: str = ""
    nlp_loads: int = 0
    seconds: float = 0.0
    error: str | None = None


def process_shard(shard: Shard, options: WorkOptions | None = None) -> ShardResult:
    """Read, clean, build and (optionally) analyse every input of ``shard``."""
    options = options or WorkOptions()
    started = time.perf_counter()
    result = ShardResult(
        shard.shard_id, shard.index, worker=f"{socket.gethostname()}:{os.getpid()}"
    )
    for item in _read(shard, options.read):
        if isinstance(item, Outcome):
            result.items.append(ShardItem(item.source, outcome=item))
            continue
        built = build_guarded(item, options.ingested)  # budgeted; never raises for bad input
        if isinstance(built, Outcome):
            result.items.append(ShardItem(item.source, outcome=built))
        else:
            result.items.append(ShardItem(item.source, article=built))
    _sign([i for i in result.items if i.article is not None])
    if options.analyze:
        try:
            result.nlp_loads = _analyse(result.items, options.batch_size)
        except Exception as exc:  # the model itself failed: nothing here can be analysed
            log.exception("E610 analysis could not run for shard %s", shard.shard_id)
            result.error = f"E610 analysis could not run: {exc!r}"
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _read(shard: Shard, options: ReadOptions) -> Iterator[RawDocument | Outcome]:
    for item in shard.inputs:
        if item.start is None:
            # The planned entry as is: a skipped one yields its reason, like ingest.
            yield from read_entry(item.entry, options)
        else:
            yield from _read_warc_range(item, options)


def _read_warc_range(item: ShardInput, options: ReadOptions) -> Iterator[RawDocument | Outcome]:
    """The pages of one WARC record range, named ``path#offset`` as a whole read names them."""
    try:
        with open(item.source, "rb") as fh:
            fh.seek(item.start or 0)
            window = _Window(fh, item.end)
            for page in read_warc(io.BufferedReader(window), item.source, options.max_bytes):
                # "no responses" describes the whole file, not one of its ranges.
                if isinstance(page, Outcome) and page.source == item.source:
                    continue
                yield page
    except OSError as exc:
        yield Outcome(item.label, "failed", f"E107 cannot read: {exc.strerror or exc}")


class _Window(io.RawIOBase):
    """A read-only view of a file up to ``end`` whose ``tell`` is the file's own offset."""

    def __init__(self, fh: io.BufferedReader, end: int | None) -> None:
        super().__init__()
        self._fh = fh
        self._end = end

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        want = len(view)
        if self._end is not None:
            want = min(want, max(0, self._end - self._fh.tell()))
        data = self._fh.read(want)
        view[: len(data)] = data
        return len(data)

    def tell(self) -> int:
        return self._fh.tell()


def _sign(items: list[ShardItem]) -> None:
    """Dedup signatures computed here, in the worker: the driver only stores them."""
    index = FamilyIndex()
    for item in items:
        if item.article is not None:
            # A repeated id (same text, same URL) is refused but already signed.
            index.add(item.article.id, item.article.text, item.article.published)
            item.signature = index.signature(item.article.id)


def _analyse(items: list[ShardItem], batch_size: int) -> int:
    """Fill ``analysis`` for every article (once per id); return this process's model loads.

    Same steps and reason strings as :func:`crosswire.analyze.analyze`, so a
    sharded run stores the same analysis records as the sequential one.
    """
    # Imported here: loading spaCy is only worth it when a shard is analysed.
    from crosswire.analyze.components import COMPONENTS, ArticleAnalysis, check_order
    from crosswire.analyze.serialize import analysis_record
    from crosswire.nlp.entities.pipeline import build_nlp

    check_order()
    todo: dict[str, Article] = {}
    owner: dict[str, ShardItem] = {}
    for item in items:
        article = item.article
        if article is None or article.id in owner:
            continue
        owner[article.id] = item
        if article.not_analysed:
            item.analysis = ("skipped", article.not_analysed, None)
        else:
            todo[article.id] = article
    if not todo:
        return int(build_nlp.cache_info().misses)
    nlp = build_nlp()
    docs = nlp.pipe((a.text for a in todo.values()), batch_size=batch_size)
    for article, doc in zip(todo.values(), docs, strict=True):
        analysis = ArticleAnalysis(
            article.id,
            _date(article.published),
            doc,
            home_country=home_country(article.url),
            home_town=home_town(article.url),
        )
        try:
            for component in COMPONENTS:
                component.func(analysis)
            outcome: Analysis = ("done", None, analysis_record(analysis, article.text))
        except Exception as exc:  # one bad article must not sink the shard
            log.exception("E320 analysis failed for %s", article.id)
            outcome = ("failed", f"E320 {exc!r}", None)
        owner[article.id].analysis = outcome
    return int(build_nlp.cache_info().misses)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
