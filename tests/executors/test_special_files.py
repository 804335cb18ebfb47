"""The sharded pipeline accounts for hidden files, symlinks and FIFOs as ingest does."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crosswire.executors import LocalExecutor, PipelineReport, plan_shards, run_pipeline
from crosswire.ingest import ingest
from crosswire.model import Outcome
from crosswire.readers import ReadOptions
from crosswire.store import SQLiteStore

INGESTED = date(2026, 11, 22)

ARTICLE = (
    "Harbour workers in Port Veyra walked off the job on Monday after talks over "
    "night-shift pay broke down, the dockers' union said. About 400 workers joined "
    "the strike, which halted loading at the container terminal for most of the day.\n"
)
OUTSIDE = (
    "The river authority in Lendale opened two flood gates on Tuesday as the water "
    "rose above the warning mark, officials said. Farmers downstream were told to "
    "move livestock to higher ground before nightfall.\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with an article, a hidden file, a hidden folder, a symlink and a FIFO."""
    root = tmp_path / "inbox"
    root.mkdir()
    (root / "strike.txt").write_text(ARTICLE, encoding="utf-8")
    (root / ".notes.txt").write_text(ARTICLE.upper(), encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    target = tmp_path / "elsewhere.txt"  # outside the folder: only read if links are followed
    target.write_text(OUTSIDE, encoding="utf-8")
    (root / "link.txt").symlink_to(target)
    os.mkfifo(root / "pipe.txt")
    return root


def _run(folder: Path, store: SQLiteStore, shard_size: int, **kw: Any) -> PipelineReport:
    """A sharded run, no analysis (not under test here), on the in-process executor."""
    return run_pipeline(
        [str(folder)],
        store,
        executor=LocalExecutor(0),
        shard_size=shard_size,
        analyze=False,
        ingested=INGESTED,
        **kw,
    )


def _outcomes(store: SQLiteStore) -> dict[str, Outcome]:
    return {Path(o.source).name: o for o in store.iter_outcomes()}


def _codes(outcomes: dict[str, Outcome]) -> dict[str, str]:
    return {name: o.status if o.reason is None else o.reason[:4] for name, o in outcomes.items()}


def test_sharded_run_gives_every_file_an_outcome(folder: Path, tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "sharded.db") as store:
        report = _run(folder, store, 2)
        sharded = _outcomes(store)
    assert report.ok, report.summary()
    assert report.shards == 3 and report.shards_done == 3
    # Every entry on disk, the hidden folder included, has exactly one row.
    on_disk = {p.name for p in folder.iterdir()}
    assert set(sharded) == on_disk
    assert _codes(sharded) == {
        "strike.txt": "stored",
        ".notes.txt": "E150",
        ".git": "E150",
        "link.txt": "E151",
        "pipe.txt": "E152",
    }
    assert report.ingest.read == 5 and report.ingest.stored == 1
    assert sum(report.ingest.skipped.values()) == 4
    # Same rows, reasons and all, as a plain ingest of the folder.
    with SQLiteStore(tmp_path / "ingest.db") as store:
        assert ingest([str(folder)], store, ingested=INGESTED).ok
        plain = _outcomes(store)
    assert {k: (o.status, o.reason) for k, o in sharded.items()} == {
        k: (o.status, o.reason) for k, o in plain.items()
    }


def test_follow_symlinks_reads_the_link_and_is_new_work_on_rerun(
    folder: Path, tmp_path: Path
) -> None:
    with SQLiteStore(tmp_path / "store.db") as store:
        first = _run(folder, store, 10)
        assert first.ok and first.ingest.stored == 1
        # The link's shard was planned as "skipped"; following links is new work.
        follow = ReadOptions(follow_symlinks=True)
        second = _run(folder, store, 10, options=follow)
        assert second.shards_resumed == 0, second.summary()
        assert second.ok and second.ingest.read == 5
        link = [o for o in store.iter_outcome_log() if o[0].source.endswith("link.txt")]
        texts = {a.text.strip() for a in store.iter_articles()}
    assert [o.status for o, _ in link] == ["skipped", "stored"]
    assert texts == {ARTICLE.strip(), OUTSIDE.strip()}


def test_skip_reason_is_part_of_the_shard_id(folder: Path) -> None:
    plain = plan_shards([str(folder)], 10)
    follow = plan_shards([str(folder)], 10, follow_symlinks=True)
    assert [i.skip is not None for i in plain[0].inputs] == [True, True, True, True, False]
    assert [i.skip is not None for i in follow[0].inputs] == [True, True, False, True, False]
    assert plain[0].shard_id != follow[0].shard_id
