"""Situation reports: one story of the export as a brief an analyst can forward.

``render_report(export, story_id, fmt="html"|"md")`` returns the document;
``write_report(store, story_id, path)`` loads the export from a store and
writes ``.html`` or ``.md`` by the path's suffix. :func:`write_pdf` prints the
HTML with a local headless Chromium when one is installed. See ``docs/report.md``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Literal

from crosswire.report.build import ALL_STORIES, Report, ReportError, build_report
from crosswire.report.html import render_html
from crosswire.report.markdown import md_escape, render_markdown
from crosswire.report.pdf import find_chromium, write_pdf

log = logging.getLogger(__name__)

__all__ = [
    "ALL_STORIES",
    "FORMATS",
    "Report",
    "ReportError",
    "build_report",
    "find_chromium",
    "md_escape",
    "render_report",
    "write_pdf",
    "write_report",
]

Format = Literal["html", "md"]
FORMATS: dict[str, Format] = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def render_report(export: dict[str, Any], story_id: str, *, fmt: Format = "html") -> str:
    """The situation report of one story as an HTML or Markdown document.

    Same input, same bytes: nothing depends on the clock or on dict order
    beyond the export's own. Raises :class:`ReportError` for an unknown story
    (E801) or format (E802).
    """
    if fmt not in ("html", "md"):
        raise ReportError(f"E802 unknown report format: {fmt!r} (choose html or md)")
    report = build_report(export, story_id)
    return render_html(report) if fmt == "html" else render_markdown(report)


def write_report(store: Any, story_id: str, path: Path) -> Path:
    """Write the report of ``story_id`` from ``store`` to ``path`` (.html or .md).

    Raises :class:`ReportError` for an unknown suffix (E802) or story (E801).
    """
    from crosswire.export.writers import export_object

    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ReportError(f"E802 unknown report format: {path.suffix!r} (use .html or .md)")
    document = render_report(export_object(store), story_id, fmt=fmt)
    path.write_text(document, encoding="utf-8", newline="\n")
    log.info("wrote %s report of %s to %s", fmt, story_id, path)
    return path
