"""Analysis commands: analyze, gazetteer import."""

from __future__ import annotations

from pathlib import Path

import click

from crosswire.cli.commands import _store, err, run_ingest
from crosswire.readers import ReadOptions


@click.command("analyze")
@click.argument("sources", nargs=-1)
@click.option("--all", "redo", is_flag=True, help="Re-analyse every stored article.")
@click.option("--allow-private", is_flag=True, help="Allow URLs on private/loopback addresses.")
@click.option("--batch-size", type=int, default=16, show_default=True)
@click.pass_context
def analyze_cmd(
    ctx: click.Context, sources: tuple[str, ...], redo: bool, allow_private: bool, batch_size: int
) -> None:
    """Ingest SOURCES (if any), then analyse every stored article not yet analysed."""
    from crosswire.analyze import analyze  # loads spaCy: only when this command runs

    failed = False
    with _store(ctx) as store:
        if sources:
            report = run_ingest(list(sources), store, ReadOptions(allow_private=allow_private))
            failed = not report.ok
        result = analyze(store, redo=redo, batch_size=batch_size)
    err.print(result.summary(), markup=False)
    ctx.exit(1 if failed or result.failed else 0)


@click.group("gazetteer")
def gazetteer() -> None:
    """Manage the place-name gazetteer."""


@gazetteer.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def gazetteer_import(ctx: click.Context, file: Path) -> None:
    """Load a GeoNames dump (allCountries.txt or a country file) into the database."""
    import sqlite3

    from crosswire.nlp.geonames_import import import_geonames

    conn = sqlite3.connect(ctx.obj["db"])
    try:
        n = import_geonames(file, conn)
    finally:
        conn.close()
    err.print(f"imported {n} places from {file}", markup=False)


COMMANDS = (analyze_cmd, gazetteer)
