"""Report sections read from the export: events, claims by speaker, disputes, figures, series.

Each function takes the export object and a :class:`Cite` holding the story's
articles; records whose articles all lie outside the story are left out.
"""

from __future__ import annotations

from typing import Any

from crosswire.report import util as u
from crosswire.report.types import (
    Cite,
    Claim,
    Dispute,
    Event,
    Figure,
    FigureSource,
    Point,
    Series,
    Side,
    Speaker,
)

# How a dispute kind reads in a sentence.
_DISPUTE_LABELS = {
    "denial": "denial",
    "contested_target": "contested target",
    "conflicting_figures": "conflicting figures",
}
_PLACE_PRECISION = {1: "town", 2: "near a town / part of a region", 3: "region or country"}


def _mention_articles(record: dict[str, Any]) -> list[Any]:
    return [m.get("article") for m in u.records(record.get("mentions"))]


def _kind(event: dict[str, Any]) -> tuple[str, str]:
    """(long, short) label: "Air/drone strike (Explosions/Remote violence)", "Air/drone strike"."""
    kind = u.human(event.get("type")) or "event"
    sub = u.human(event.get("subtype"))
    if sub and sub.casefold() != kind.casefold():
        return f"{sub} ({kind})", sub
    return kind, kind


def _event(e: dict[str, Any], cite: Cite, names: dict[str, str]) -> Event:
    place = u.mapping(e.get("place"))
    # the article's form first ("Hama"), the gazetteer's ("Ḩamāh") when absent
    pname = u.text(place.get("surface")) or u.text(place.get("name"))
    prec = u.number(place.get("precision"))
    lat, lon = u.number(place.get("lat")), u.number(place.get("lon"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        lat = lon = None
    date = u.text(e.get("date"))
    dprec = u.text(e.get("date_precision"))
    kind, short = _kind(e)
    actors = u.names(e.get("actors") or [], names)
    targets = u.names(e.get("targets") or [], names)
    sources = sorted({s for s in (u.text(x) for x in e.get("sources") or []) if s})
    indep = int(u.number(e.get("independent_sources")) or 0)
    where = f" in {pname}" if pname else ""
    when = f" on {date}" if date else ""
    headline = f"{short}{where}{when}"
    precision = f" ({dprec} precision)" if dprec else ""
    parts = [f"{date or 'Undated'}{precision}: {u.capital(kind)}"]
    if pname:
        country = u.text(place.get("country"))
        loc = f"{pname}, {country}" if country and country != pname else pname
        if prec is not None:
            loc += f" (place precision {int(prec)}: {_PLACE_PRECISION.get(int(prec), 'unknown')})"
        parts.append(f"in {loc}")
    sentence = " ".join(parts)
    if actors:
        sentence += f"; by {', '.join(actors)}"
    if targets:
        sentence += f"; against {', '.join(targets)}"
    sentence += (
        f". Reported by {u.plural(len(sources), 'outlet')}"
        f" ({u.plural(indep, 'independent source')})."
    )
    return Event(
        id=u.text(e.get("id")) or "",
        date=date,
        day=u.day(date),
        precision=dprec,
        kind=short,
        place=pname,
        place_precision=int(prec) if prec is not None else None,
        lat=lat,
        lon=lon,
        actors=actors,
        targets=targets,
        sources=sources,
        independent=indep,
        refs=cite.of(_mention_articles(e)),
        headline=headline,
        sentence=sentence,
    )


def events_of(
    export: dict[str, Any], story: dict[str, Any], cite: Cite, names: dict[str, str]
) -> list[Event]:
    """The story's events in time order (undated last)."""
    listed = (
        {u.text(i) for i in story.get("events") or []}
        if isinstance(story.get("events"), list)
        else None
    )
    out = []
    for e in u.records(export.get("events")):
        in_story = (
            u.text(e.get("id")) in listed
            if listed is not None
            else any(cite.has(a) for a in _mention_articles(e))
        )
        if in_story:
            out.append(_event(e, cite, names))
    out.sort(key=lambda e: (u.date_key(e.date), e.id))
    return out


def speakers_of(export: dict[str, Any], cite: Cite) -> tuple[list[Speaker], list[dict[str, Any]]]:
    """Claims grouped by speaker (most claims first), and the raw story claims."""
    dates = {
        a.get("id"): (u.text(a.get("published")), u.text(a.get("outlet")))
        for a in u.records(export.get("articles"))
    }
    raw = [c for c in u.records(export.get("claims")) if cite.has(c.get("article"))]
    groups: dict[str, Speaker] = {}
    seen: dict[tuple[str, str], Claim] = {}
    for c in raw:
        name = u.text(c.get("speaker_name")) or u.text(c.get("speaker_text")) or "Unattributed"
        key = u.text(c.get("speaker")) or name.casefold()
        group = groups.setdefault(key, Speaker(name, u.text(c.get("speaker_kind")), []))
        date, outlet = dates.get(c["article"], (None, None))
        said = u.text(c.get("text")) or ""
        same = seen.get((key, " ".join(said.casefold().split())))
        if same is not None:  # a wire copy: one claim, more sources
            same.refs = sorted(set(same.refs) | set(cite.of([c["article"]])))
            if outlet and outlet not in same.outlets:
                same.outlets = sorted([*same.outlets, outlet])
            same.date = min((d for d in (same.date, date) if d), default=None)
            same.quote = same.quote or c.get("quote") is True
            continue
        claim = Claim(
            id=u.text(c.get("id")) or "",
            text=said,
            kind=u.text(c.get("kind")) or "statement",
            quote=c.get("quote") is True,
            cue=u.text(c.get("cue")),
            target=u.text(c.get("target")),
            outlets=[outlet] if outlet else [],
            date=date,
            refs=cite.of([c["article"]]),
        )
        seen[(key, " ".join(said.casefold().split()))] = claim
        group.claims.append(claim)
    for g in groups.values():
        g.claims.sort(key=lambda c: (u.date_key(c.date), c.refs, c.id))
    speakers = sorted(groups.values(), key=lambda g: (-len(g.claims), g.name.casefold(), g.name))
    return speakers, raw


def disputes_of(export: dict[str, Any], cite: Cite) -> list[Dispute]:
    """Disputes touching the story, each with all its sides."""
    out = []
    for d in u.records(export.get("disputes")):
        raw_sides = u.records(d.get("sides"))
        if not any(cite.has(s.get("article")) for s in raw_sides):
            continue
        sides = [
            Side(
                claimant=u.text(s.get("claimant")) or "Unattributed",
                text=u.text(s.get("text")) or "",
                refs=cite.of([s.get("article")]),
            )
            for s in raw_sides
        ]
        kind = u.text(d.get("kind")) or "dispute"
        label = _DISPUTE_LABELS.get(kind, kind)
        who = " vs ".join(dict.fromkeys(s.claimant for s in sides))
        out.append(
            Dispute(
                id=u.text(d.get("id")) or "",
                kind=kind,
                label=label,
                note=u.text(d.get("note")),
                sides=sides,
                summary=f"a {label} ({who})",
                refs=sorted({n for s in sides for n in s.refs}),
            )
        )
    return out


def figures_of(export: dict[str, Any], events: list[Event], cite: Cite) -> list[Figure]:
    """Each event's reconciled numbers (low/best/high) with their sources, in event order."""
    by_id = {u.text(e.get("id")): e for e in u.records(export.get("events"))}
    out = []
    for ev in events:
        for n in u.records(by_id.get(ev.id, {}).get("numbers")):
            sources = [
                FigureSource(
                    outlet=u.text(s.get("outlet")),
                    claimant=u.text(s.get("claimant")),
                    value=u.number(s.get("value")),
                    text=u.text(s.get("text")),
                    refs=cite.of([s.get("article")]),
                )
                for s in u.records(n.get("sources"))
            ]
            out.append(
                Figure(
                    event_label=ev.headline,
                    what=u.human(n.get("what")) or "figure",
                    low=u.number(n.get("low")),
                    best=u.number(n.get("best")),
                    high=u.number(n.get("high")),
                    sources=sources,
                )
            )
    return out


def series_of(export: dict[str, Any], cite: Cite) -> list[Series]:
    """Running totals restricted to the story's articles, points in date order."""
    out = []
    for s in u.records(export.get("series")):
        points = [
            Point(
                date=u.text(p.get("date")),
                value=u.number(p.get("value")),
                low=u.number(p.get("low")),
                high=u.number(p.get("high")),
                outlet=u.text(p.get("outlet")),
                claimant=u.text(p.get("claimant")),
                text=u.text(p.get("text")),
                refs=cite.of([p.get("article")]),
            )
            for p in u.records(s.get("points"))
            if cite.has(p.get("article"))
        ]
        if not points:
            continue
        points.sort(key=lambda p: (u.date_key(p.date), p.value or 0.0, p.refs))
        what = u.human(s.get("what")) or "figure"
        out.append(Series(what=what, label=u.human(s.get("label")) or what, points=points))
    return out
