"""Reusable output options for list-like commands: a table, ``--json`` or ``--csv``."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

F = TypeVar("F", bound=Callable[..., Any])


def output_options(func: F) -> F:
    """Add mutually exclusive ``--json`` and ``--csv`` flags to a command."""
    func = click.option("--csv", "as_csv", is_flag=True, help="Output CSV.")(func)
    func = click.option("--json", "as_json", is_flag=True, help="Output JSON.")(func)
    return func


def emit_rows(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    *,
    as_json: bool,
    as_csv: bool,
    title: str | None = None,
    caption: str | None = None,
) -> None:
    """Print ``rows`` as a table (default), a JSON array or CSV on stdout.

    JSON and CSV keep the values as they are; the table is for people, so its
    cells go through :func:`cell` (``14`` not ``14.0``, ``–`` not ``None``).
    """
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    if as_json:
        click.echo(json.dumps(list(rows), ensure_ascii=False, indent=2))
        return
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return
    table = Table(title=title, caption=caption)
    for column in columns:
        wide = column in {"title", "text", "name", "source", "note", "event", "actors", "figures"}
        table.add_column(
            column, no_wrap=not wide, overflow="ellipsis", max_width=60 if wide else 24
        )
    for row in rows:
        # Text(...) keeps article-derived strings literal: no rich markup is interpreted.
        table.add_row(*(Text(cell(row.get(c))) for c in columns))
    console = Console()
    if not console.is_terminal:
        console = Console(width=200)  # pipes and CI logs: do not squeeze to 80 columns
    console.print(table)


MISSING = "\u2013"  # en dash: what a table shows for a value that is not known


def number(value: float | int | None) -> str:
    """A count or measure as people write it: ``14`` not ``14.0``, ``–`` for none."""
    if value is None:
        return MISSING
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return str(value)


def cell(value: Any) -> str:
    """One table cell: numbers through :func:`number`, ``–`` for missing or empty."""
    if value is None or value == "":
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return number(value)
    return str(value)
