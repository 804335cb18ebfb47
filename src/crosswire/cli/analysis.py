"""Analysis commands: analyze, gazetteer import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from crosswire.cli.commands import _store, err, run_ingest
from crosswire.cli.extras import command_name, require_extra
from crosswire.store import AnyStore

if TYPE_CHECKING:  # the readers load when a command reads sources
    from crosswire.readers import ReadOptions


@click.command("analyze")
@click.argument("sources", nargs=-1)
@click.option("--all", "redo", is_flag=True, help="Re-analyse every stored article.")
@click.option("--allow-private", is_flag=True, help="Allow URLs on private/loopback addresses.")
@click.option("--batch-size", type=int, default=16, show_default=True)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default=None,
    help="Ingest and analyse SOURCES in shards on this executor (default: one process).",
)
@click.option("--workers", type=int, default=None, help="Worker processes (local default 0).")
@click.option("--scheduler", default=None, help="Dask scheduler address, e.g. tcp://HOST:PORT.")
@click.option("--shard-size", type=int, default=50, show_default=True, help="Inputs per shard.")
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="Read symlinks found inside folders (by default they are skipped, E151).",
)
@click.pass_context
def analyze_cmd(
    ctx: click.Context,
    sources: tuple[str, ...],
    redo: bool,
    allow_private: bool,
    batch_size: int,
    executor: str | None,
    workers: int | None,
    scheduler: str | None,
    shard_size: int,
    follow_symlinks: bool,
) -> None:
    """Ingest SOURCES (if any), then analyse every stored article not yet analysed.

    With --executor (or --workers/--scheduler), SOURCES are read, cleaned and
    analysed in shards by worker processes and a rerun resumes after the
    last finished shard; articles already stored are then analysed here.
    """
    require_extra("nlp", command_name(ctx))
    sharded = executor is not None or workers is not None or scheduler is not None
    if executor == "dask" or (scheduler and executor is None):
        require_extra("dask", f"{command_name(ctx)} --executor dask")
    from crosswire.analyze import analyze  # loads spaCy: only when this command runs
    from crosswire.readers import ReadOptions

    failed = False
    options = ReadOptions(allow_private=allow_private, follow_symlinks=follow_symlinks)
    with _store(ctx) as store:
        if sources and sharded:
            failed = not _run_sharded(
                list(sources), store, options, executor, workers, scheduler, shard_size, batch_size
            )
        elif sources:
            report = run_ingest(list(sources), store, options)
            failed = not report.ok
        result = analyze(store, redo=redo, batch_size=batch_size)
        err.print(result.summary(), markup=False)
        from crosswire.fusion.incremental import update_fusion

        # Keep the persisted fusion current: only blocks the new articles touch
        # are recomputed, and exports then read it instead of re-fusing.
        err.print(update_fusion(store).summary(), markup=False)
        from crosswire.web.materialize import refresh_picture

        # The fused picture as tables: only the rows the new articles touch change
        # (--all re-analyses every article: the whole picture is derived again).
        err.print(refresh_picture(store, full=redo), markup=False)
    ctx.exit(1 if failed or result.failed else 0)


def _run_sharded(
    sources: list[str],
    store: AnyStore,
    options: ReadOptions,
    executor: str | None,
    workers: int | None,
    scheduler: str | None,
    shard_size: int,
    batch_size: int,
) -> bool:
    """Run the sharded pipeline; print its summary; True when nothing failed."""
    from crosswire.executors import make_executor, run_pipeline

    kind = executor or ("dask" if scheduler else "local")
    if scheduler and kind != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    try:
        runner = make_executor(kind, workers or 0, scheduler)
    except (ValueError, RuntimeError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    with runner:
        report = run_pipeline(
            sources,
            store,
            executor=runner,
            shard_size=shard_size,
            options=options,
            batch_size=batch_size,
        )
    for outcome in report.ingest.failed:
        err.print(f"failed: {outcome.source}: {outcome.reason}", markup=False)
    err.print(report.summary(), markup=False)
    return report.ok


@click.group("gazetteer")
def gazetteer() -> None:
    """Manage the place-name gazetteer."""


@gazetteer.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def gazetteer_import(ctx: click.Context, file: Path) -> None:
    """Load a GeoNames dump (allCountries.txt or a country file) into the database."""
    import sqlite3

    from crosswire.nlp.places.geonames_import import import_geonames

    conn = sqlite3.connect(ctx.obj["db"])
    try:
        n = import_geonames(file, conn)
        conn.commit()
    finally:
        conn.close()
    err.print(f"imported {n} places from {file}", markup=False)


COMMANDS = (analyze_cmd, gazetteer)
