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
