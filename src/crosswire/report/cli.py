"""``crosswire report STORY_ID -o report.html|report.md [--pdf]``."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("report")
@click.argument("story_id")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Report file: .html or .md (format from the suffix).",
)
@click.option("--pdf", is_flag=True, help="Also print the HTML report to PDF (local Chromium).")
@click.pass_context
def report(ctx: click.Context, story_id: str, output: Path, pdf: bool) -> None:
    """Write a situation report for STORY_ID ('all' for everything stored)."""
    from crosswire.report import ReportError, write_pdf, write_report
    from crosswire.store import open_store

    if pdf and output.suffix.lower() not in (".html", ".htm"):
        raise click.UsageError("--pdf needs an .html output")
    try:
        with open_store(ctx.obj["db"]) as store:
            write_report(store, story_id, output)
        click.echo(f"wrote {output}", err=True)
        if pdf:
            target = write_pdf(output, output.with_suffix(".pdf"))
            click.echo(f"wrote {target}", err=True)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from exc
    except ValueError as exc:  # open_store's coded errors (E401-E403)
        raise click.ClickException(str(exc)) from exc
