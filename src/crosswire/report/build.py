"""The situation-report model: one story of the export, arranged for a reader.

:func:`build_report` selects a story's articles, events, claims, disputes and
series from the export object and turns them into sentences that each carry
their references. References are the story's articles numbered by publication
date (then outlet, then id), so ``[1]`` is always the earliest report and the
numbering does not depend on which section cites first. The HTML and Markdown
renderers only lay this model out; nothing here produces markup.

The export is untrusted input: every field is read defensively and every
string is kept raw here and escaped by the renderer that prints it.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from crosswire.report import util as u
from crosswire.report.sections import (
    disputes_of,
    events_of,
    figures_of,
    series_of,
    speakers_of,
)
from crosswire.report.types import Cite, Dispute, Event, Figure, Line, Ref, Series, Speaker

log = logging.getLogger(__name__)

ALL_STORIES = "all"


class ReportError(ValueError):
    """A report cannot be made (unknown story, unknown format); the message is coded."""


@dataclass
class OutletRow:
    """One outlet: how many of the story's articles it ran, and from which families."""

    outlet: str
    articles: int
    wire: int  # articles that belong to a wire family of two or more
    first: str | None
    last: str | None
    refs: list[int]


@dataclass
class Family:
    """A wire family: one story copied or updated across outlets."""

    id: str
    title: str | None
    outlets: list[str]
    refs: list[int]


@dataclass
class Report:
    """Everything a renderer needs, in reading order."""

    story: str
    title: str
    start: str | None
    end: str | None
    summary: list[Line]
    events: list[Event]
    speakers: list[Speaker]
    disputes: list[Dispute]
    figures: list[Figure]
    series: list[Series]
    outlets: list[OutletRow]
    families: list[Family]
    independent: int
    refs: list[Ref]
    events_per_day: list[tuple[str, int]] = field(default_factory=list)
    sources_per_claim: list[tuple[str, int, int]] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)


def _story(export: dict[str, Any], story_id: str) -> dict[str, Any]:
    for story in u.records(export.get("stories")):
        if u.text(story.get("id")) == story_id:
            return story
    if story_id == ALL_STORIES:
        return {"id": ALL_STORIES}
    known = [u.text(s.get("id")) for s in u.records(export.get("stories"))]
    hint = ", ".join(k for k in known[:5] if k) or f"none; use {ALL_STORIES!r}"
    raise ReportError(f"E801 unknown story: {story_id!r} (stories: {hint})")


def _articles(export: dict[str, Any], story: dict[str, Any]) -> list[dict[str, Any]]:
    everything = [a for a in u.records(export.get("articles")) if u.text(a.get("id"))]
    wanted = story.get("articles")
    if story.get("id") == ALL_STORIES and not isinstance(wanted, list):
        return everything
    ids = {u.text(i) for i in wanted} if isinstance(wanted, list) else set()
    families = {u.text(f) for f in story.get("families") or [] if u.text(f)}
    return [a for a in everything if a["id"] in ids or u.text(a.get("family")) in families]


def _refs(articles: list[dict[str, Any]]) -> tuple[list[Ref], Cite]:
    def key(a: dict[str, Any]) -> tuple[str, str, str]:
        return (u.date_key(a.get("published")), u.text(a.get("outlet")) or "", a["id"])

    refs = [
        Ref(
            n=i,
            article=a["id"],
            outlet=u.text(a.get("outlet")),
            title=u.text(a.get("title")),
            date=u.text(a.get("published")),
            url=u.text(a.get("url")),
            link=u.safe_link(a.get("url")),
        )
        for i, a in enumerate(sorted(articles, key=key), start=1)
    ]
    return refs, Cite({r.article: r.n for r in refs})


def _origins(articles: list[dict[str, Any]]) -> dict[str, str]:
    """Independent origin per article: its wire family, else itself (as fusion counts)."""
    return {a["id"]: "family:" + (u.text(a.get("family")) or a["id"]) for a in articles}


def _outlets(articles: list[dict[str, Any]], cite: Cite) -> tuple[list[OutletRow], list[Family]]:
    sizes = Counter(u.text(a.get("family")) for a in articles if u.text(a.get("family")))
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_family: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in articles:
        by_outlet[u.text(a.get("outlet")) or "(unknown outlet)"].append(a)
        fam = u.text(a.get("family"))
        if fam and sizes[fam] > 1:
            by_family[fam].append(a)
    rows = []
    for outlet, items in by_outlet.items():
        dates = sorted(d for d in (u.text(a.get("published")) for a in items) if d)
        rows.append(
            OutletRow(
                outlet=outlet,
                articles=len(items),
                wire=sum(1 for a in items if sizes.get(u.text(a.get("family")), 0) > 1),
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
                refs=cite.of(a["id"] for a in items),
            )
        )
    rows.sort(key=lambda r: (-r.articles, r.outlet.casefold(), r.outlet))
    families = []
    for fam, items in by_family.items():
        items.sort(key=lambda a: (u.number(a.get("version")) or 0, u.date_key(a.get("published"))))
        outlets = sorted({u.text(a.get("outlet")) or "(unknown outlet)" for a in items})
        families.append(
            Family(fam, u.text(items[0].get("title")), outlets, cite.of(a["id"] for a in items))
        )
    families.sort(key=lambda f: (f.refs[:1], f.id))
    return rows, families


def _span(
    story: dict[str, Any], refs: list[Ref], events: list[Event]
) -> tuple[str | None, str | None]:
    days = [r.date for r in refs if r.date] + [e.day for e in events if e.day]
    start = u.text(story.get("start")) or (min(days) if days else None)
    end = u.text(story.get("end")) or (max(days) if days else None)
    return start, end


def _title(story: dict[str, Any], refs: list[Ref]) -> str:
    title = u.text(story.get("title"))
    if title:
        return title
    first = next((r.title for r in refs if r.title), None)
    return first or "Situation report"


def _summary(rep: Report, articles: list[dict[str, Any]], cite: Cite) -> list[Line]:
    """One paragraph: scope, what happened, what is disputed, the headline figure."""
    lines = []
    span = f" between {rep.start} and {rep.end}" if rep.start and rep.end else ""
    lines.append(
        Line(
            f"{u.plural(len(rep.refs), 'article')} from {u.plural(len(rep.outlets), 'outlet')}"
            f" ({u.plural(len(rep.families), 'wire family', 'wire families')},"
            f" {u.plural(rep.independent, 'independent report')}) cover this story{span}.",
            cite.of(a["id"] for a in articles),
        )
    )
    if rep.events:
        top = sorted(rep.events, key=lambda e: (-e.independent, u.date_key(e.date), e.id))[:3]
        parts = "; ".join(e.headline for e in sorted(top, key=lambda e: (u.date_key(e.date), e.id)))
        lines.append(
            Line(
                f"They describe {u.plural(len(rep.events), 'event')}, chiefly: {parts}.",
                sorted({n for e in top for n in e.refs}),
            )
        )
    if rep.disputes:
        d = rep.disputes[0]
        lines.append(
            Line(
                f"{u.plural(len(rep.disputes), 'point is', 'points are')} disputed;"
                f" first, {d.summary}.",
                d.refs,
            )
        )
    if rep.figures:
        f = max(rep.figures, key=lambda f: (len(f.sources), f.what))
        lines.append(
            Line(
                f"The most widely reported figure is {f.what}: {u.fmt_range(f.low, f.best, f.high)}"
                f" ({f.event_label}).",
                sorted({n for s in f.sources for n in s.refs}),
            )
        )
    for s in rep.series[:1]:
        last = s.points[-1]
        lines.append(
            Line(
                f"The latest running total for {s.label} is {u.fmt_number(last.value)}"
                f" ({last.date or 'undated'}, {last.outlet or 'unknown outlet'}).",
                last.refs,
            )
        )
    return lines


def build_report(export: dict[str, Any], story_id: str) -> Report:
    """The report model for one story of an export object.

    ``story_id`` is a ``stories[].id``; ``"all"`` covers the whole export when
    it has no such story. Raises :class:`ReportError` (E801) for an unknown
    story; malformed records inside the export are skipped, never raised.
    """
    export = u.mapping(export)
    story = _story(export, story_id)
    articles = _articles(export, story)
    refs, cite = _refs(articles)
    origins = _origins(articles)
    names = dict(u.curated_actors())
    names |= {
        i: u.text(e.get("name")) or i
        for e in u.records(export.get("entities"))
        if (i := u.text(e.get("id")))
    }
    events = events_of(export, story, cite, names)
    speakers, claims = speakers_of(export, cite)
    outlets, families = _outlets(articles, cite)
    rep = Report(
        story=story_id,
        title=_title(story, refs),
        start=None,
        end=None,
        summary=[],
        events=events,
        speakers=speakers,
        disputes=disputes_of(export, cite),
        figures=figures_of(export, events, cite),
        series=series_of(export, cite),
        outlets=outlets,
        families=families,
        independent=len(set(origins.values())),
        refs=refs,
    )
    rep.start, rep.end = _span(story, refs, events)
    rep.summary = _summary(rep, articles, cite)
    per_day = Counter(e.day for e in events if e.day)
    rep.events_per_day = sorted(per_day.items())
    rep.sources_per_claim = _sources_per_claim(claims, articles, origins)
    rep.unmapped = [e.place for e in events if e.place and e.lat is None]
    log.debug("report %s: %d refs, %d events", story_id, len(refs), len(events))
    return rep


def _sources_per_claim(
    claims: list[dict[str, Any]], articles: list[dict[str, Any]], origins: dict[str, str]
) -> list[tuple[str, int, int]]:
    """(label, outlets, independent origins) per distinct claim, most carried first.

    Wire copies repeat a claim verbatim, so claims are grouped by speaker and
    normalised text: a claim run by five outlets from one agency shows five
    outlets but one independent origin.
    """
    outlet_of = {a["id"]: u.text(a.get("outlet")) or a["id"] for a in articles}
    groups: dict[tuple[str, str], tuple[str, set[str], set[str]]] = {}
    for c in claims:
        body = u.text(c.get("text")) or ""
        who = u.text(c.get("speaker_name")) or "unattributed"
        key = (who.casefold(), " ".join(body.casefold().split()))
        label = f"{who}: {u.clip(body, 60)}"
        entry = groups.setdefault(key, (label, set(), set()))
        aid = c["article"]
        entry[1].add(outlet_of.get(aid, aid))
        entry[2].add(origins.get(aid, aid))
    rows = [(label, len(o), len(i)) for label, o, i in groups.values()]
    rows.sort(key=lambda r: (-r[1], -r[2], r[0]))
    return rows[:12]
