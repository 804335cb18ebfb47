"""``crosswire serve``: run the API and web app with uvicorn (needs the ``web`` extra).

The command lives in the CLI layer so that ``crosswire`` starts without the web
layer: FastAPI, uvicorn and :mod:`crosswire.web` are imported only when it runs.
"""

from __future__ import annotations

import gc
from pathlib import Path

import click

from crosswire.cli.extras import command_name, require_extra


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    help="Allow cross-origin reads from this origin (repeatable; none by default).",
)
@click.option("--no-analyse", is_flag=True, help="Do not run the analysis layer after ingest.")
@click.option(
    "--create", is_flag=True, help="Create the --db file when it does not exist (else refused)."
)
@click.option(
    "--keep-alive",
    default=30,
    show_default=True,
    type=click.IntRange(1, 3600),
    help="Seconds an idle keep-alive connection stays open.",
)
@click.option(
    "--access-log/--no-access-log",
    default=False,
    show_default=True,
    help="Log one line per request (costs CPU per request under load).",
)
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Worker threads that answer requests not already kept.",
)
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    cors_origins: tuple[str, ...],
    no_analyse: bool,
    create: bool,
    keep_alive: int,
    access_log: bool,
    threads: int,
) -> None:
    """Serve the web app and REST API (POST /api/ingest needs CROSSWIRE_TOKEN)."""
    require_extra("web", command_name(ctx))
    db = (ctx.obj or {}).get("db", "crosswire.db")
    # A mistyped path would silently serve a new empty database.
    if not db.startswith(("postgresql://", "postgres://")) and not Path(db).exists() and not create:
        raise click.ClickException(
            f"E817 no database at {db!r}: check --db, or pass --create to start an empty one"
        )
    import uvicorn

    from crosswire.web import create_app

    # Few threads: they share the GIL with the event loop that serves kept answers
    # (docs in crosswire.web.app.create_app; figures in the README's serve row).
    app = create_app(db, cors_origins=list(cors_origins), analyse=not no_analyse, threads=threads)
    click.echo(f"crosswire serving {db} on http://{host}:{port}/", err=True)
    # What start-up made (modules, classes, the app) lives as long as the
    # process: frozen, a full collection no longer walks it. Unfrozen, each full
    # collection held the GIL for 32-41 ms of CPU (SQLite 100k, 58k objects),
    # a pause of every client, about every 5 s under 50 clients.
    gc.freeze()
    # uvicorn closes an idle keep-alive connection after 5 s by default; a busy
    # client that reuses its connection just then reads a closed socket (the
    # ReadErrors seen under 50 starved clients, with nothing on the server's side).
    # The access log is off by default: formatting and writing a line per request
    # costs the server CPU that 50 concurrent clients queue for.
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        timeout_keep_alive=keep_alive,
        access_log=access_log,
    )
