"""The sharded pipeline driver: plan shards, farm them out, be the single writer.

Workers (any :class:`~crosswire.executors.base.Executor`) read, clean, build,
sign and analyse whole shards; this driver writes each returned article in its
own transaction (article + signature, then its analysis, then the input
outcome) and, once a shard's inputs are all written, its completion marker.
Results are written in shard order whatever order they complete in, so the
store - and every export - is the same as a sequential run over the same
inputs, on any executor. Wire families are recomputed once at the end.

Resuming: a rerun over the same inputs skips shards marked done. A shard cut
off mid-way (driver killed, pool broken) is redone; article ids are content
hashes, so what it had already written is recognised and nothing is added twice.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from crosswire.analyze.runner import AnalyzeReport
from crosswire.executors.base import Executor
from crosswire.executors.shards import WARC_SPLIT_BYTES, Shard, plan_shards
from crosswire.executors.work import ShardItem, ShardResult, WorkOptions, process_shard
from crosswire.ingest import IngestReport, update_families
from crosswire.model import Outcome
from crosswire.readers import ReadOptions
from crosswire.store.base import Store

log = logging.getLogger(__name__)

ShardHook = Callable[[Shard, ShardResult], None]


@dataclass
class PipelineReport:
    """What one sharded run did: shards, inputs (as ingest counts them), analyses."""

    shards: int = 0
    shards_resumed: int = 0
    shards_done: int = 0
    failed_shards: list[tuple[str, str]] = field(default_factory=list)
    ingest: IngestReport = field(default_factory=IngestReport)
    analysis: AnalyzeReport = field(default_factory=AnalyzeReport)
    families: int = 0
    workers: Counter[str] = field(default_factory=Counter)
    nlp_loads: dict[str, int] = field(default_factory=dict)
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when every shard finished and no input or analysis failed."""
        return (
            self.error is None
            and not self.failed_shards
            and self.ingest.ok
            and not self.analysis.failed
        )

    def summary(self) -> str:
        """Shard counts, then the ingest and analysis summary lines."""
        line = (
            f"shards {self.shards} (done {self.shards_done}, "
            f"already done {self.shards_resumed}, failed {len(self.failed_shards)}) "
            f"on {len(self.workers)} worker(s)"
        )
        if self.error:
            line += f"; {self.error}"
        return "\n".join([line, self.ingest.summary(), self.analysis.summary()])


def run_pipeline(
    sources: Iterable[str],
    store: Store,
    *,
    executor: Executor,
    shard_size: int = 50,
    options: ReadOptions | None = None,
    analyze: bool = True,
    ingested: date | None = None,
    warc_split_bytes: int = WARC_SPLIT_BYTES,
    batch_size: int = 16,
    on_shard: ShardHook | None = None,
) -> PipelineReport:
    """Ingest (and analyse) ``sources`` into ``store`` shard by shard on ``executor``.

    Never raises for bad input. If the executor itself fails (a process pool
    whose worker died), the shards already written stay written and marked,
    ``report.error`` says what happened (E603), and a rerun resumes.
    """
    report = PipelineReport()
    read = options or ReadOptions()
    plan = plan_shards(
        sources,
        shard_size,
        warc_split_bytes=warc_split_bytes,
        follow_symlinks=read.follow_symlinks,
    )
    report.shards = len(plan)
    todo = [s for s in plan if not (s.resumable and store.shard_done(s.shard_id))]
    report.shards_resumed = len(plan) - len(todo)
    work = WorkOptions(
        read=read,
        analyze=analyze,
        ingested=ingested or date.today(),
        batch_size=batch_size,
    )
    writer = _Writer(store, report, analyze)
    # Standard input can be read only here, in the driver's own process.
    local = [s for s in todo if not s.resumable]
    remote = [s for s in todo if s.resumable]
    position = {s.shard_id: i for i, s in enumerate(remote)}
    for shard in local:
        writer.write(shard, process_shard(shard, work), on_shard)
    pending: dict[int, ShardResult] = {}
    next_pos = 0
    try:
        fn = functools.partial(process_shard, options=work)
        for result in executor.map_shards(fn, remote):
            # Write in shard order so the store does not depend on completion order.
            pending[position[result.shard_id]] = result
            while next_pos in pending:
                writer.write(remote[next_pos], pending.pop(next_pos), on_shard)
                next_pos += 1
    except Exception as exc:  # the executor broke: keep what is complete, stop
        log.exception("E603 executor failed")
        report.error = f"E603 executor {executor.name} failed: {exc!r}"
        for pos in sorted(pending):
            writer.write(remote[pos], pending[pos], on_shard)
    if store.count_articles():
        report.families = update_families(store)
    return report


class _Writer:
    """Writes shard results through the store: the single writer."""

    def __init__(self, store: Store, report: PipelineReport, analyze: bool) -> None:
        self.store = store
        self.report = report
        self.analyze = analyze
        self.analysed = store.analysed_ids() if analyze else set()

    def write(self, shard: Shard, result: ShardResult, hook: ShardHook | None) -> None:
        report = self.report
        report.workers[result.worker] += 1
        report.nlp_loads[result.worker] = max(
            report.nlp_loads.get(result.worker, 0), result.nlp_loads
        )
        if result.error:
            # Nothing of a shard that could not be analysed is written: a rerun redoes it.
            report.failed_shards.append((shard.shard_id, result.error))
            log.error("shard %s failed: %s", shard.shard_id, result.error)
        else:
            for item in result.items:
                outcome = item.outcome if item.outcome is not None else self._article(item)
                self.store.record_outcome(outcome)
                report.ingest.count(outcome)
            if shard.resumable:
                self.store.mark_shard(shard.shard_id, shard.sources)
            report.shards_done += 1
        if hook is not None:
            hook(shard, result)

    def _article(self, item: ShardItem) -> Outcome:
        article = item.article
        assert article is not None
        if self.store.add_article(article, item.signature):
            outcome = Outcome(article.source, "stored", None, article.id)
        else:
            stored = self.store.get_article(article.id)
            if stored is not None and stored.source == article.source:
                # Written by an earlier attempt at this shard that was cut off.
                outcome = Outcome(article.source, "stored", None, article.id)
            else:
                why = "same text and URL already stored"
                outcome = Outcome(article.source, "duplicate", why, article.id)
        if item.analysis is not None and article.id not in self.analysed:
            status, reason, data = item.analysis
            self.store.save_analysis(article.id, status, reason, data)
            self.analysed.add(article.id)
            self._count(article.id, status, reason, data)
        return outcome

    def _count(self, article_id: str, status: str, reason: str | None, data: object) -> None:
        analysis = self.report.analysis
        if status == "done" and isinstance(data, dict):
            analysis.analysed += 1
            for key in ("entities", "places", "dates", "quantities", "claims", "events"):
                analysis.found[key] += len(data.get(key, []))
        elif status == "skipped":
            analysis.skipped[(reason or "unknown").split(" (")[0]] += 1
        else:
            analysis.failed.append((article_id, reason or "E320 analysis failed"))
