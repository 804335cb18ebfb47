"""``crosswire analyze --executor``: sharded ingest + analysis from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from crosswire.cli import cli
from crosswire.store import SQLiteStore

pytest.importorskip("spacy")


def test_analyze_with_local_executor_and_resume(fixtures_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    args = ["--db", db, "analyze", str(fixtures_dir), "--executor", "local", "--shard-size", "2"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "shards 2 (done 2, already done 0, failed 0)" in first.output
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0, second.output
    assert "shards 2 (done 0, already done 2, failed 0)" in second.output
    with SQLiteStore(db) as store:
        assert store.count_articles() == 4
        assert len(store.analysed_ids()) == 4


def test_scheduler_needs_dask(fixtures_dir: Path, tmp_path: Path) -> None:
    args = ["--db", str(tmp_path / "x.db"), "analyze", str(fixtures_dir)]
    result = CliRunner().invoke(cli, [*args, "--executor", "local", "--scheduler", "tcp://h:1"])
    assert result.exit_code == 2
    assert "--scheduler needs --executor dask" in result.output


def test_analyze_sharded_reports_links_and_follows_them_on_request(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "flood.txt").write_bytes((fixtures_dir / "valley-flood.txt").read_bytes())
    (inbox / "link.txt").symlink_to(fixtures_dir / "valley-flood-wire.txt")
    db = str(tmp_path / "cli.db")
    args = ["--db", db, "analyze", str(inbox), "--executor", "local"]
    skipped = CliRunner().invoke(cli, args)
    assert skipped.exit_code == 0, skipped.output
    assert "E151 symlink not followed (use --follow-symlinks): 1" in skipped.output
    followed = CliRunner().invoke(cli, [*args, "--follow-symlinks"])
    assert followed.exit_code == 0, followed.output
    assert "E151" not in followed.output
    with SQLiteStore(db) as store:
        linked = [o for o in store.iter_outcomes() if o.source.endswith("link.txt")]
        assert [o.status for o in linked] == ["stored"]
