"""``crosswire serve`` refuses a --db path that does not exist unless --create."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("fastapi", reason="the web extra is not installed")

from crosswire.cli import cli  # noqa: E402


def test_serve_refuses_missing_db(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(cli, ["--db", str(missing), "serve", "--port", "1"])
    assert result.exit_code != 0
    assert "E817" in result.output and "--create" in result.output
    assert not missing.exists()  # nothing was created behind the user's back


def test_serve_create_flag_is_offered(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0 and "--create" in result.output
    assert "--keep-alive" in result.output  # idle connections kept 30 s, not uvicorn's 5


def test_serve_passes_keep_alive_to_uvicorn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    db = tmp_path / "store.db"
    args = ["--db", str(db), "serve", "--create", "--port", "8123"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert seen["timeout_keep_alive"] == 30 and seen["port"] == 8123
    assert seen["access_log"] is False  # a log line per request costs CPU under load
    assert CliRunner().invoke(cli, [*args, "--keep-alive", "75"]).exit_code == 0
    assert seen["timeout_keep_alive"] == 75
    assert CliRunner().invoke(cli, [*args, "--access-log"]).exit_code == 0
    assert seen["access_log"] is True


def test_serve_caps_worker_threads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    import crosswire.web

    seen: dict[str, object] = {}
    real = crosswire.web.create_app
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: None)
    monkeypatch.setattr(
        crosswire.web, "create_app", lambda db, **kw: seen.update(kw) or real(db, **kw)
    )
    args = ["--db", str(tmp_path / "store.db"), "serve", "--create"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert seen["threads"] == 8  # default: few threads beside the event loop
    assert CliRunner().invoke(cli, [*args, "--threads", "3"]).exit_code == 0
    assert seen["threads"] == 3
    assert CliRunner().invoke(cli, [*args, "--threads", "0"]).exit_code != 0


# What `crosswire serve` must not load before it answers: the NLP stack, ingest
# and the readers, fusion and the exporters, dataframes (the page templates load on
# the first page; jinja2 itself comes with the CLI's report command).
_HEAVY = (
    "spacy",
    "crosswire.analyze",
    "crosswire.nlp",
    "crosswire.ingest",
    "crosswire.readers",
    "crosswire.fusion",
    "crosswire.export.writers",
    "pandas",
    "pyarrow",
    "scipy",
    "datasketch",
    "trafilatura",
)


def test_serve_answers_the_api_without_heavy_imports(tmp_path: Path) -> None:
    """The server's start-up path (the CLI, the app, one API answer from a store)
    imports none of the heavy modules (issue 17: first response < 1 s)."""
    import subprocess
    import sys

    from crosswire.store import open_store
    from crosswire.web.materialize import refresh_picture

    db = tmp_path / "empty.db"
    with open_store(str(db)) as store:
        refresh_picture(store)  # current picture tables: the server reads them
    script = f"""
import sys
from crosswire.cli import cli
from crosswire.web import create_app
from fastapi.testclient import TestClient
with TestClient(create_app({str(db)!r})) as client:
    assert client.get("/api/stories?limit=5").status_code == 200
    assert client.get("/api/health").status_code == 200
heavy = {_HEAVY!r}
print(sorted(m for m in sys.modules if m.split(".")[0] in heavy or m.startswith(heavy)))
"""
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
