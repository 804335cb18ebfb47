"""The self-contained HTML report: Jinja2 with autoescape, inline CSS and SVG, no script.

The template and stylesheet ship as package data in ``crosswire/data/report``.
Everything that came from an article is escaped by Jinja2's autoescape; the
SVG is built (and escaped) by :mod:`crosswire.report.svg` and the stylesheet is
ours, so only those two are marked safe. Links are only emitted for http(s)
URLs (see :func:`crosswire.report.util.safe_link`).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from jinja2 import Environment, FunctionLoader, StrictUndefined
from markupsafe import Markup

from crosswire.report import svg
from crosswire.report import util as u
from crosswire.report.build import Report

_PACKAGE_DIR = ("data", "report")
# Badge classes the stylesheet knows; anything else gets the plain badge.
_KIND_CLASSES = {"denial", "rejection", "quote"}


def _resource(name: str) -> str:
    return resources.files("crosswire").joinpath(*_PACKAGE_DIR, name).read_text(encoding="utf-8")


def _load(name: str) -> str | None:
    try:
        return _resource(name)
    except FileNotFoundError:
        return None


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FunctionLoader(_load),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        runs=u.ref_runs,
        num=u.fmt_number,
        rng=u.fmt_range,
        plural=u.plural,
        kindclass=lambda kind: kind if kind in _KIND_CLASSES else "",
    )
    return env


def render_html(report: Report) -> str:
    """The report as one HTML document (UTF-8 text, no script, no external resource)."""
    template = _environment().get_template("report.html.j2")
    return template.render(
        r=report,
        css=Markup(_resource("report.css")),
        map=Markup(svg.event_map(report.events)),
        per_day=Markup(svg.events_per_day(report.events_per_day)),
        per_claim=Markup(svg.sources_per_claim(report.sources_per_claim)),
        charts=[Markup(svg.series_chart(s)) for s in report.series],
        all_refs=[ref.n for ref in report.refs],
    )
