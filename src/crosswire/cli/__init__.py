"""The ``crosswire`` command line: a thin layer over the library.

Start-up imports only the base install: every optional extra (web, postgres,
dask, parquet, browser-tests, stories-minilm, bench) is imported inside the
command that uses it, and a missing one is reported in one line with exit
status 2 (see :mod:`crosswire.cli.extras`).
"""

from __future__ import annotations

import logging

import click

from crosswire import __version__
from crosswire.cli import analysis, commands, evaluate
from crosswire.cli.extras import ExtrasGroup
from crosswire.cli.serve import serve
from crosswire.cli.watch import watch_cmd
from crosswire.report.cli import report

DEFAULT_DB = "crosswire.db"


@click.group(cls=ExtrasGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    envvar="CROSSWIRE_DB",
    help="Database: a SQLite file path, or a postgresql:// URL.",
)
@click.option("-v", "--verbose", count=True, help="More logging (-vv for debug).")
@click.version_option(__version__, prog_name="crosswire")
@click.pass_context
def cli(ctx: click.Context, db: str, verbose: int) -> None:
    """crosswire: a cross-checked, source-attributed picture of what happened."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = {"db": db}


for command in (*commands.COMMANDS, *analysis.COMMANDS):
    cli.add_command(command)
cli.add_command(evaluate.evaluate)
cli.add_command(report)
cli.add_command(serve)
cli.add_command(watch_cmd)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="crosswire")
