"""The Markdown report: the same sections as the HTML one, as plain CommonMark/GFM.

Untrusted text goes through :func:`md_escape`, which backslash-escapes the
punctuation that could start emphasis, links, images, raw HTML, entities or
table cells, and folds line breaks so a quote cannot open a heading or a list.
URLs are autolinked (``<https://...>``) only when they are http(s) and carry no
character that could end the autolink; anything else is printed as text.
"""

from __future__ import annotations

import re

from crosswire.report import util as u
from crosswire.report.build import Report

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones
# that mean something inline (or in a GFM table) and so must never pass raw.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&])")


def md_escape(value: object) -> str:
    """``value`` as inert Markdown text on one line."""
    s = " ".join(str(value if value is not None else "").split())
    s = _SPECIAL.sub(r"\\\1", s)
    # A leading "-", "+" or "1." would turn a table cell or line into a list item.
    # (for "1." the dot is escaped: CommonMark has no escape for digits).
    if re.match(r"\d+[.)]", s):
        return re.sub(r"^(\d+)([.)])", r"\1\\\2", s)
    return re.sub(r"^([-+=])", r"\\\1", s)


def _cite(refs: list[int]) -> str:
    if not refs:
        return ""
    parts = [f"[{a}]" if a == b else f"[{a}–{b}]" for a, b in u.ref_runs(refs)]
    return " " + "".join(parts)


def _events(r: Report) -> list[str]:
    out = ["## What happened", ""]
    if not r.events:
        return [*out, "No events were extracted for this story.", ""]
    out += [f"{i}. {md_escape(e.sentence)}{_cite(e.refs)}" for i, e in enumerate(r.events, 1)]
    mapped = sorted(
        {(e.place or "", e.lat, e.lon, e.place_precision) for e in r.events if e.lat is not None}
    )
    if mapped:
        listed = "; ".join(
            f"{md_escape(p)} ({lat:.3f}, {lon:.3f}, precision {prec or '?'})"
            for p, lat, lon, prec in mapped
        )
        out += ["", f"Places: {listed}."]
    if r.unmapped:
        out += ["", f"Not mapped (no coordinates): {', '.join(md_escape(p) for p in r.unmapped)}."]
    if r.events_per_day:
        days = ", ".join(f"{d}: {n}" for d, n in r.events_per_day)
        out += ["", f"Events per day: {md_escape(days)}."]
    return [*out, ""]


def _claims(r: Report) -> list[str]:
    out = ["## Who claims what", ""]
    if not r.speakers:
        return [*out, "No attributed claims were found.", ""]
    for s in r.speakers:
        kind = f" ({md_escape(s.kind)})" if s.kind else ""
        out += [f"### {md_escape(s.name)}{kind}", ""]
        for c in s.claims:
            body = (
                f"quote: “{md_escape(c.text)}”" if c.quote else f"paraphrase: {md_escape(c.text)}"
            )
            target = f" (target: {md_escape(c.target)})" if c.target else ""
            outlets = ", ".join(c.outlets) or "unknown outlet"
            where = f"{md_escape(outlets)}, {md_escape(c.date or 'undated')}"
            out.append(f"- **{md_escape(c.kind)}** · {body}{target} — {where}{_cite(c.refs)}")
        out.append("")
    if r.sources_per_claim:
        out += ["Sources per claim (outlets / independent origins):", ""]
        out += [f"- {md_escape(label)}: {o} / {i}" for label, o, i in r.sources_per_claim]
        out.append("")
    return out


def _disputes(r: Report) -> list[str]:
    out = ["## What is disputed", ""]
    if not r.disputes:
        return [*out, "No disputes were found between the sources.", ""]
    for d in r.disputes:
        who = " vs ".join(dict.fromkeys(md_escape(s.claimant) for s in d.sides))
        out += [f"### {md_escape(d.label)}: {who}", ""]
        if d.note:
            out += [f"{md_escape(d.note)}{_cite(d.refs)}", ""]
        out += [
            f"- **{md_escape(s.claimant)}:** {md_escape(s.text)}{_cite(s.refs)}" for s in d.sides
        ]
        out.append("")
    return out


def _figures(r: Report) -> list[str]:
    out = ["## Figures", ""]
    if r.figures:
        out += ["| Event | What | Low | Best | High | Sources |", "|---|---|--:|--:|--:|---|"]
        for f in r.figures:
            sources = "; ".join(
                f"{md_escape(s.outlet or 'unknown outlet')}"
                + (f" citing {md_escape(s.claimant)}" if s.claimant else "")
                + f": {md_escape(s.text or u.fmt_number(s.value))}{_cite(s.refs)}"
                for s in f.sources
            )
            nums = " | ".join(u.fmt_number(x) for x in (f.low, f.best, f.high))
            out.append(f"| {md_escape(f.event_label)} | {md_escape(f.what)} | {nums} | {sources} |")
    else:
        out.append("No figures were reported for the events.")
    out.append("")
    for s in r.series:
        out += [f"### Running total: {md_escape(s.label)}", ""]
        out += ["| Date | Value | Range | Outlet | Claimant |", "|---|--:|--:|---|---|"]
        for p in s.points:
            rng = (
                u.fmt_range(p.low, None, p.high) if p.low is not None or p.high is not None else ""
            )
            out.append(
                f"| {md_escape(p.date or 'undated')} | {u.fmt_number(p.value)} | {rng}"
                f" | {md_escape(p.outlet or 'unknown outlet')}"
                f" | {md_escape(p.claimant or '')}{_cite(p.refs)} |"
            )
        out.append("")
    return out


def _outlets(r: Report) -> list[str]:
    out = [
        "## Who reported it",
        "",
        f"{len(r.refs)} articles from {len(r.outlets)} outlets; {len(r.families)} wire families;"
        f" {r.independent} independent reports (copies of one wire story count once)."
        f"{_cite([x.n for x in r.refs])}",
        "",
        "| Outlet | Articles | Wire copies | First | Last |",
        "|---|--:|--:|---|---|",
    ]
    out += [
        f"| {md_escape(o.outlet)}{_cite(o.refs)} | {o.articles} | {o.wire}"
        f" | {md_escape(o.first or '')} | {md_escape(o.last or '')} |"
        for o in r.outlets
    ]
    out.append("")
    if r.families:
        out += ["### Wire families", ""]
        out += [
            f"- {md_escape(f.title or f.id)} — run by {', '.join(md_escape(o) for o in f.outlets)}"
            f"{_cite(f.refs)}"
            for f in r.families
        ]
        out.append("")
    if r.events:
        out += ["### Independent sources per event", ""]
        out += [
            f"- {md_escape(e.headline)}: {e.independent} independent of"
            f" {u.plural(len(e.sources), 'outlet')}"
            f" ({', '.join(md_escape(s) for s in e.sources)}){_cite(e.refs)}"
            for e in r.events
        ]
        out.append("")
    return out


def _references(r: Report) -> list[str]:
    out = ["## References", ""]
    for ref in r.refs:
        line = (
            f"[{ref.n}] {md_escape(ref.outlet or 'unknown outlet')},"
            f" “{md_escape(ref.title or 'untitled')}”, {md_escape(ref.date or 'undated')}"
        )
        if ref.link:
            line += f", <{ref.link}>"
        elif ref.url:
            line += f", {md_escape(ref.url)} (not linked)"
        out += [line + ".", ""]
    return out


def render_markdown(report: Report) -> str:
    """The report as one Markdown document."""
    r = report
    span = (
        f"{r.start} to {r.end}" if r.start and r.end and r.start != r.end else r.start or "undated"
    )
    head = [
        f"# {md_escape(r.title)}",
        "",
        f"*Situation report · story {md_escape(r.story)} · {md_escape(span)}"
        f" · {len(r.refs)} source articles*",
        "",
        "## Summary",
        "",
        " ".join(f"{md_escape(line.text)}{_cite(line.refs)}" for line in r.summary),
        "",
    ]
    body = head + _events(r) + _claims(r) + _disputes(r) + _figures(r) + _outlets(r)
    return "\n".join(body + _references(r)).rstrip("\n") + "\n"
