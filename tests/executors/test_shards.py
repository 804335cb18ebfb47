"""Shard planning: stable content-derived ids, WARC record ranges, worker output."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from executor_helpers import write_warc

from crosswire.executors import WorkOptions, plan_shards, process_shard
from crosswire.model import Outcome
from crosswire.readers import read_sources

NO_NLP = WorkOptions(analyze=False)


def test_shards_group_inputs_in_order_with_stable_ids(fixtures_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    shutil.copytree(fixtures_dir, corpus)
    plan = plan_shards([str(corpus)], shard_size=2)
    assert [len(s.inputs) for s in plan] == [2, 1]
    assert [s.index for s in plan] == [0, 1]
    assert [src for s in plan for src in s.sources] == sorted(str(p) for p in corpus.iterdir())
    again = plan_shards([str(corpus)], shard_size=2)
    assert [s.shard_id for s in again] == [s.shard_id for s in plan]
    # A file that changed (new mtime) makes its shard new; the other stays done.
    changed = corpus / "valley-flood.txt"
    os.utime(changed, ns=(0, changed.stat().st_mtime_ns + 1_000_000_000))
    after = plan_shards([str(corpus)], shard_size=2)
    assert after[0].shard_id == plan[0].shard_id
    assert after[1].shard_id != plan[1].shard_id


def test_stdin_is_a_shard_of_its_own_never_resumed(fixtures_dir: Path) -> None:
    plan = plan_shards([str(fixtures_dir / "valley-flood.txt"), "-"], shard_size=5)
    assert [(s.sources, s.resumable) for s in plan] == [
        ([str(fixtures_dir / "valley-flood.txt")], True),
        (["-"], False),
    ]


@pytest.mark.parametrize("gzip", [False, True])
def test_big_warc_splits_into_record_ranges_that_read_like_the_whole(
    tmp_path: Path, gzip: bool
) -> None:
    warc = write_warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), 5, gzip=gzip)
    plan = plan_shards([str(warc)], shard_size=2, warc_split_bytes=0)
    assert len(plan) == 3
    assert plan[0].inputs[0].start == 0 and plan[-1].inputs[0].end is None
    whole = [item.source for item in read_sources([str(warc)])]
    split = [i.source for shard in plan for i in process_shard(shard, NO_NLP).items]
    assert len(whole) == 5
    assert split == whole
    # Under the size threshold the file is one input of one shard.
    assert [s.sources for s in plan_shards([str(warc)], shard_size=2)] == [[str(warc)]]


def test_truncated_warc_range_reports_the_damage(tmp_path: Path) -> None:
    warc = write_warc(tmp_path / "crawl.warc", 4)
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) - 40])
    plan = plan_shards([str(warc)], shard_size=2, warc_split_bytes=0)
    items = [i for shard in plan for i in process_shard(shard, NO_NLP).items]
    whole = list(read_sources([str(warc)]))
    assert [i.source for i in items] == [w.source for w in whole]
    last = items[-1].outcome
    assert isinstance(last, Outcome) and last.reason and last.reason.startswith("E130")


def test_worker_returns_articles_signatures_and_outcomes(fixtures_dir: Path) -> None:
    plan = plan_shards([str(fixtures_dir), str(fixtures_dir / "missing.txt")], shard_size=10)
    result = process_shard(plan[0], NO_NLP)
    articles = [i for i in result.items if i.article is not None]
    assert len(articles) == 4
    assert all(i.signature and i.signature.startswith(b"CWF1") for i in articles)
    assert all(i.analysis is None for i in articles)
    failed = [i.outcome for i in result.items if i.outcome is not None]
    assert [(o.status, (o.reason or "")[:4]) for o in failed] == [("failed", "E101")]
    assert result.error is None and result.worker
