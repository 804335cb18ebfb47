"""Store commands: ingest, articles, show, extract, export, demo."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console

from crosswire.cli.extras import command_name, require_extra
from crosswire.cli.output import emit_rows, output_options
from crosswire.cli.picture import print_picture
from crosswire.export import FORMATS
from crosswire.model import Article, Outcome, article_record
from crosswire.store import AnyStore, open_store

# Ingest, the readers and the writers load inside the commands that use them, so
# `crosswire serve` (and --help) start without them.
if TYPE_CHECKING:
    from crosswire.ingest import IngestReport
    from crosswire.readers import ReadOptions

err = Console(stderr=True, highlight=False, soft_wrap=True)


def _store(ctx: click.Context) -> AnyStore:
    if str(ctx.obj["db"]).startswith(("postgresql://", "postgres://")):
        require_extra("postgres", command_name(ctx))
    try:
        return open_store(ctx.obj["db"])
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc


def run_ingest(sources: list[str], store: AnyStore, options: ReadOptions) -> IngestReport:
    """Ingest with a progress bar on stderr; print failures and the summary line."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from crosswire.ingest import ingest

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} inputs"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("ingesting", total=None)

        def tick(outcome: Outcome) -> None:
            progress.advance(task)
            if outcome.status == "failed":
                err.print(f"failed: {outcome.source}: {outcome.reason}", markup=False)

        report = ingest(sources, store, options=options, on_outcome=tick)
    err.print(report.summary(), markup=False)
    return report


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@click.option("--allow-private", is_flag=True, help="Allow URLs on private/loopback addresses.")
@click.option("--max-bytes", type=int, default=50_000_000, show_default=True)
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="Read symlinks found inside folders (by default they are skipped, E151).",
)
@click.pass_context
def ingest_cmd(
    ctx: click.Context,
    sources: tuple[str, ...],
    allow_private: bool,
    max_bytes: int,
    follow_symlinks: bool,
) -> None:
    """Ingest files, folders, globs, .gz files, URLs, or '-' for stdin."""
    from crosswire.readers import ReadOptions

    options = ReadOptions(
        allow_private=allow_private, max_bytes=max_bytes, follow_symlinks=follow_symlinks
    )
    with _store(ctx) as store:
        report = run_ingest(list(sources), store, options)
    ctx.exit(0 if report.ok else 1)


ARTICLE_COLUMNS = (
    "id",
    "published",
    "outlet",
    "family",
    "version",
    "similarity",
    "language",
    "title",
)


@click.command("articles")
@output_options
@click.pass_context
def articles_cmd(ctx: click.Context, as_json: bool, as_csv: bool) -> None:
    """List stored articles with their family and date columns."""
    with _store(ctx) as store:
        rows = [_article_row(a) for a in store.iter_articles()]
    emit_rows(rows, ARTICLE_COLUMNS, as_json=as_json, as_csv=as_csv, title="articles")


def _article_row(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "published": a.published,
        "outlet": a.outlet,
        "family": a.family,
        "version": a.version,
        "similarity": a.similarity,
        "language": a.language,
        "title": a.title,
        "source": a.source,
    }


@click.command("show")
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@click.pass_context
def show_cmd(ctx: click.Context, article_id: str, as_json: bool) -> None:
    """Show one article: cleaned text, metadata, and what was removed and why."""
    with _store(ctx) as store:
        matches = store.find_article_ids(article_id) if len(article_id) >= 4 else []
        if len(matches) > 1 and article_id not in matches:
            raise click.ClickException(f"E601 ambiguous id {article_id!r}: {', '.join(matches)}")
        article = store.get_article(matches[0]) if matches else None
    if article is None:
        raise click.ClickException(f"E602 no article with id {article_id!r}")
    _print_article(article_record(article), as_json)


def _print_article(record: dict[str, Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    for key in (
        "id",
        "title",
        "outlet",
        "url",
        "source",
        "published",
        "published_origin",
        "language",
        "not_analysed",
        "family",
        "version",
        "similarity",
        "author",
    ):
        if record.get(key) is not None:
            click.echo(f"{key}: {record[key]}")
    for rejected in record["rejected_dates"]:
        click.echo(f"rejected date: {rejected['value']} ({rejected['reason']})")
    click.echo("")
    click.echo(record["text"])
    if record["removed"]:
        click.echo("\nremoved:")
        for removed in record["removed"]:
            click.echo(f"  [{removed['reason']}] {removed['text']}")


@click.command("extract")
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
def extract_cmd(file: str, as_json: bool) -> None:
    """Clean one page and print text and metadata (nothing is stored)."""
    from crosswire.ingest import build_guarded
    from crosswire.readers import ReadOptions, read_sources

    for item in read_sources([file], ReadOptions()):
        result = item if isinstance(item, Outcome) else build_guarded(item)
        if isinstance(result, Outcome):
            raise click.ClickException(f"{result.source}: {result.status}: {result.reason}")
        _print_article(article_record(result), as_json)
        return
    raise click.ClickException(f"E603 nothing to extract from {file}")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Output file (default stdout; required for parquet).",
)
@click.pass_context
def export_cmd(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Export as json, jsonl, csv, parquet (articles and analysis), or acled / ucdp (events)."""
    if fmt == "parquet":
        require_extra("parquet", f"{command_name(ctx)} --format parquet")
    from crosswire.export import export

    with _store(ctx) as store:
        try:
            if fmt in ("json", "acled", "ucdp"):
                from crosswire.export.stream import picture_ready
                from crosswire.web.materialize import refresh_picture

                # Stream from the picture tables; bring them up to date first.
                if not picture_ready(store):
                    err.print(refresh_picture(store), markup=False)
            n = export(store, fmt, output if output is not None else sys.stdout)
        except (ValueError, RuntimeError) as exc:
            raise click.ClickException(str(exc)) from exc
    if output is not None:
        what = "events" if fmt in ("acled", "ucdp") else "articles"
        err.print(f"wrote {n} {what} to {output}", markup=False)


def demo_corpus() -> Path:
    """Folder of the example corpus shipped inside the package."""
    return Path(str(resources.files("crosswire") / "data" / "demo"))


@click.command("demo")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("crosswire-demo.json"),
    show_default=True,
    help="Where to write the JSON export.",
)
@click.pass_context
def demo_cmd(ctx: click.Context, output: Path) -> None:
    """Run crosswire on the example corpus that ships with the project."""
    require_extra("nlp", command_name(ctx))
    from crosswire.export import export
    from crosswire.readers import ReadOptions

    corpus = demo_corpus()
    err.print(f"example corpus: {corpus}", markup=False)
    with _store(ctx) as store:
        report = run_ingest([str(corpus)], store, ReadOptions())
        from crosswire.analyze import analyze  # loads spaCy: only when this command runs

        err.print(analyze(store).summary(), markup=False)
        from crosswire.fusion.incremental import update_fusion

        err.print(update_fusion(store).summary(), markup=False)
        from crosswire.web.materialize import refresh_picture

        err.print(refresh_picture(store), markup=False)
        rows = [_article_row(a) for a in store.iter_articles()]
        emit_rows(rows, ARTICLE_COLUMNS, as_json=False, as_csv=False, title="articles")
        n = export(store, "json", output)
        obj = json.loads(output.read_text(encoding="utf-8"))
    print_picture(obj)
    err.print(f"wrote {n} articles to {output}", markup=False)
    ctx.exit(0 if report.ok else 1)


COMMANDS = (ingest_cmd, articles_cmd, show_cmd, extract_cmd, export_cmd, demo_cmd)
