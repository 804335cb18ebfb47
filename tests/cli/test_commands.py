from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

from click.testing import CliRunner

from crosswire.cli import cli


def _run(db: Path, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--db", str(db), *args], input=input, catch_exceptions=False)


def test_ingest_list_show_export(tmp_path: Path, demo_dir: Path) -> None:
    db = tmp_path / "cli.db"
    result = _run(db, "ingest", str(demo_dir))
    assert result.exit_code == 0
    assert "read 9, stored 8, duplicates 0, skipped 1" in result.stderr
    assert "failed 0" in result.stderr

    rows = json.loads(_run(db, "articles", "--json").stdout)
    assert len(rows) == 8 and {"id", "published", "family", "version", "outlet"} <= rows[0].keys()
    table = list(csv.DictReader(io.StringIO(_run(db, "articles", "--csv").stdout)))
    assert [r["id"] for r in table] == [r["id"] for r in rows]

    ledger = next(r for r in rows if "evening-ledger" in r["source"])
    shown = _run(db, "show", ledger["id"][:8])
    assert shown.exit_code == 0
    assert "Government warplanes struck two fuel depots" in shown.stdout
    assert "[share-prompt] SHARE THIS ARTICLE" in shown.stdout
    assert _run(db, "show", "ffffffffffff").exit_code == 1

    out = tmp_path / "export.json"
    assert _run(db, "export", "--format", "json", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())["crosswire"] == "1.1"

    again = _run(db, "ingest", str(demo_dir))
    assert "stored 0, duplicates 8" in again.stderr


def test_bad_inputs_do_not_sink_the_batch(tmp_path: Path, demo_dir: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "truncated.txt.gz").write_bytes(gzip.compress(b"Hello world. " * 200)[:40])
    (bad / "good.txt").write_text(
        "Rescuers pulled two survivors from the rubble of a collapsed school on Monday, "
        "officials said, as the search continued through the night.\n",
        encoding="utf-8",
    )
    result = _run(tmp_path / "bad.db", "ingest", str(bad), str(tmp_path / "missing.html"))
    assert result.exit_code == 1
    assert "stored 1" in result.stderr
    assert "truncated.txt.gz" in result.stderr and "missing.html" in result.stderr


def test_stdin_and_extract(tmp_path: Path, demo_dir: Path) -> None:
    text = (demo_dir / "evening-ledger-strikes.txt").read_text(encoding="utf-8")
    result = _run(tmp_path / "s.db", "ingest", "-", input=text)
    assert result.exit_code == 0 and "stored 1" in result.stderr
    extracted = _run(
        tmp_path / "s.db", "extract", str(demo_dir / "harbor-daily-strikes.html"), "--json"
    )
    record = json.loads(extracted.stdout)
    assert record["title"].startswith("Air strikes hit fuel depots near Tal Afar")
    assert record["published"] == "2025-03-12"
    assert not (tmp_path / "never.db").exists()


def test_demo_command(tmp_path: Path) -> None:
    out = tmp_path / "demo.json"
    result = _run(tmp_path / "demo.db", "demo", "-o", str(out))
    assert result.exit_code == 0
    assert len(json.loads(out.read_text())["articles"]) == 8
    # The printed picture reads like a report: the place as the articles write
    # it (gazetteer spelling as a detail), whole counts, an en dash for no bound.
    events = result.stdout[result.stdout.index("events (figures low/best/high)") :]
    assert "Tal Afar (Tall \u2018Afar)" in events
    assert "disputes" in events and "denial" in events
    assert "None" not in result.stdout and ".0/" not in result.stdout
