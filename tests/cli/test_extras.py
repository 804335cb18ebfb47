"""The CLI on a base + nlp install: optional extras hidden by an import hook.

Each run is a subprocess (tests/cli/no_extras.py) so the hook cannot leak into
the rest of the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from crosswire.cli.extras import ExtrasGroup, MissingExtraError, missing_extra_in

HELPER = Path(__file__).with_name("no_extras.py")
SRC = Path(__file__).resolve().parents[2] / "src"


def _crosswire(
    cwd: Path, *args: str, show: str = "", timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    env["CROSSWIRE_SHOW_EXTRAS"] = show
    env.pop("CROSSWIRE_DB", None)
    return subprocess.run(
        [sys.executable, str(HELPER), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_help_demo_and_export_need_no_optional_extra(tmp_path: Path) -> None:
    helped = _crosswire(tmp_path, "--help")
    assert helped.returncode == 0, helped.stderr
    for command in ("demo", "export", "serve", "analyze", "report"):
        assert command in helped.stdout

    demo = _crosswire(tmp_path, "--db", "demo.db", "demo", "-o", "demo.json")
    assert demo.returncode == 0, demo.stderr
    assert "Traceback" not in demo.stderr
    assert "events (figures low/best/high)" in demo.stdout and "disputes" in demo.stdout
    assert len(json.loads((tmp_path / "demo.json").read_text())["articles"]) == 8

    exported = _crosswire(tmp_path, "--db", "demo.db", "export", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert data["crosswire"] == "1.1" and len(data["events"]) > 0


@pytest.mark.parametrize(
    ("args", "show", "message"),
    [
        (("serve",), "", "crosswire serve needs the 'web' extra: pip install 'crosswire[web]'"),
        (
            ("export", "--format", "parquet", "-o", "out.parquet"),
            "",
            "crosswire export --format parquet needs the 'parquet' extra: "
            "pip install 'crosswire[parquet]'",
        ),
        (
            ("--db", "postgresql://127.0.0.1:1/none", "articles"),
            "",
            "crosswire articles needs the 'postgres' extra: pip install 'crosswire[postgres]'",
        ),
        (
            ("analyze", "--executor", "dask", "x.txt"),
            "",
            "crosswire analyze --executor dask needs the 'dask' extra: "
            "pip install 'crosswire[dask]'",
        ),
        (
            ("report", "all", "-o", "r.html"),
            "web,parquet,dask,browser-tests,stories-minilm,bench",
            None,  # report needs no extra: it must not fail for want of one
        ),
    ],
)
def test_a_missing_extra_is_one_line_and_exit_2(
    tmp_path: Path, args: tuple[str, ...], show: str, message: str | None
) -> None:
    (tmp_path / "x.txt").write_text("Nothing here.\n", encoding="utf-8")
    result = _crosswire(tmp_path, *args, show=show, timeout=120)
    if message is None:
        assert result.returncode != 2 and "needs the" not in result.stderr
        return
    assert result.returncode == 2
    assert result.stderr.strip() == message
    assert result.stdout == ""
    assert not (tmp_path / "out.parquet").exists()


def _group_failing_with(exc: BaseException) -> click.Group:
    @click.group(cls=ExtrasGroup)
    def root() -> None:
        """Stand-in root."""

    @root.command("export")
    def export() -> None:
        raise exc

    return root


def test_an_import_failing_deep_in_a_command_is_reported_as_its_extra() -> None:
    try:
        try:
            raise ModuleNotFoundError("No module named 'pyarrow'", name="pyarrow.parquet")
        except ImportError as inner:
            raise RuntimeError("E503 parquet export needs pyarrow") from inner
    except RuntimeError as wrapped:
        deep = wrapped
    result = CliRunner().invoke(_group_failing_with(click.ClickException(str(deep))), ["export"])
    # Without a cause chain the ClickException is an ordinary error (exit 1).
    assert result.exit_code == 1
    chained = click.ClickException(str(deep))
    chained.__cause__ = deep
    result = CliRunner().invoke(_group_failing_with(chained), ["export"], prog_name="crosswire")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "crosswire export needs the 'parquet' extra: pip install 'crosswire[parquet]'"
    )


def test_an_unrelated_import_error_is_not_blamed_on_an_extra() -> None:
    missing = ModuleNotFoundError("No module named 'lxml_html_clean'", name="lxml_html_clean")
    result = CliRunner().invoke(_group_failing_with(missing), ["export"])
    assert result.exit_code == 1
    assert isinstance(result.exception, ModuleNotFoundError)
    assert missing_extra_in(missing) is None
    assert missing_extra_in(RuntimeError("x")) is None


def test_missing_extra_error_names_the_extra() -> None:
    error = MissingExtraError("crosswire serve", "web")
    assert error.exit_code == 2
    assert error.format_message() == (
        "crosswire serve needs the 'web' extra: pip install 'crosswire[web]'"
    )


def test_start_up_imports_no_optional_extra_nor_the_web_layer() -> None:
    # With every extra installed, importing the CLI must still load none of them.
    probe = (
        "import sys, crosswire.cli\n"
        "heavy = ('crosswire.web', 'fastapi', 'uvicorn', 'psycopg', 'dask', 'distributed',\n"
        "         'pyarrow', 'playwright', 'torch', 'spacy')\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith(heavy))))\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == []
