"""The ``crosswire watch`` command: poll feeds or folders and keep the store current."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import click

from crosswire.cli.commands import _store, err
from crosswire.cli.extras import command_name, require_extra
from crosswire.model import Outcome

if TYPE_CHECKING:  # ingest and the readers load when the command runs
    from crosswire.watch import RoundReport


@click.command("watch")
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--every", default="15m", show_default=True, help="Time between rounds: 30s, 15m, 1h."
)
@click.option("--max-rounds", type=click.IntRange(min=1), default=None, help="Stop after N rounds.")
@click.option("--until", "until_text", default=None, help="Stop at this time (ISO) or after (2h).")
@click.option("--allow-private", is_flag=True, help="Allow URLs on private/loopback addresses.")
@click.option("--max-bytes", type=int, default=50_000_000, show_default=True)
@click.option("--no-analyze", "no_analyze", is_flag=True, help="Only ingest and fuse.")
@click.pass_context
def watch_cmd(
    ctx: click.Context,
    sources: tuple[str, ...],
    every: str,
    max_rounds: int | None,
    until_text: str | None,
    allow_private: bool,
    max_bytes: int,
    no_analyze: bool,
) -> None:
    """Poll feed URLs or folders (SOURCES) and ingest, analyse and fuse what is new.

    Folders: only new or changed files are read (path, size, mtime and content
    hash are remembered in the store). A round with nothing new adds nothing.
    Ctrl-C or SIGTERM finishes the current round, then exits 0.
    """
    if not no_analyze:
        require_extra("nlp", command_name(ctx))
    from crosswire.readers import ReadOptions
    from crosswire.watch import parse_duration, parse_until, stop_on_signals, watch

    try:
        seconds = parse_duration(every)
        until = parse_until(until_text) if until_text else None
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    options = ReadOptions(allow_private=allow_private, max_bytes=max_bytes)

    def outcome(o: Outcome) -> None:
        if o.status == "failed":
            err.print(f"failed: {o.source}: {o.reason}", markup=False)

    def show(report: RoundReport) -> None:
        err.print(report.summary(), markup=False)

    with _store(ctx) as store, stop_on_signals(threading.Event()) as stop:
        watch(
            store,
            list(sources),
            every=seconds,
            max_rounds=max_rounds,
            until=until,
            options=options,
            analyse=not no_analyze,
            stop=stop,
            on_round=show,
            on_outcome=outcome,
        )
    # Inputs that failed are reported per round; watching itself succeeded.
    ctx.exit(0)
