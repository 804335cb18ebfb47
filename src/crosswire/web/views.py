"""Derived views shared by the JSON API and the HTML pages.

Each function takes a snapshot and returns plain dicts; nothing here escapes
or formats markup (templates autoescape everything they print).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from crosswire.web import present
from crosswire.web.readmodel import Record, Snapshot, records, story_disputes, strs

# Claim kinds that contest what someone else said.
DISPUTING = {"denial", "rejection"}


@lru_cache(maxsize=8192)
def _article_path(article: str) -> str:
    # A story page links ~30 spans per article: quote each id once (quote was
    # 12% of a story page's render).
    return f"/articles/{quote(article, safe='')}#span-"


def span_link(article: Any, start: Any, end: Any) -> str | None:
    """``/articles/{id}#span-{start}-{end}`` for an evidence span, or None."""
    if not isinstance(article, str) or not isinstance(start, int) or not isinstance(end, int):
        return None
    return f"{_article_path(article)}{start}-{end}"


def entity_names(snap: Snapshot, ids: Any) -> list[str]:
    """Names of entity ids (the id itself when unknown)."""
    return [str((snap.get("entity", i) or {}).get("name") or i) for i in strs(ids)]


FATALITY_KEYS = ("fatalities", "killed")


def fatalities(e: Record) -> float | None:
    """Best fatality figure of an event (the total, else civilians plus combatants)."""
    best: dict[str, float] = {}
    for n in records(e.get("numbers")):
        value = n.get("best") if n.get("best") is not None else n.get("low")
        if isinstance(value, int | float) and not isinstance(value, bool):
            best[str(n.get("what"))] = max(best.get(str(n.get("what")), 0.0), float(value))
    total = max((best[k] for k in FATALITY_KEYS if k in best), default=None)
    parts = sum(best.get(k, 0.0) for k in ("fatalities_civilian", "fatalities_combatant"))
    if total is None and not parts:
        return None
    return max(total or 0.0, parts)


def outlet_name(article: Record) -> str:
    """The outlet, else the URL's host, else the source file's name: never a bare ``?``."""
    if article.get("outlet"):
        return str(article["outlet"])
    from urllib.parse import urlsplit

    host = urlsplit(str(article.get("url") or "")).hostname
    if host:
        return host.removeprefix("www.")
    source = str(article.get("source") or "").replace("\\", "/").rsplit("/", 1)[-1]
    return f"unnamed outlet ({source.split('#')[0]})" if source else "unnamed outlet"


def event_row(snap: Snapshot, e: Record) -> Record:
    """An event with names, place, a one-line description and its first evidence span."""
    mentions = sorted(
        records(e.get("mentions")), key=lambda m: (str(m.get("article")), m.get("start") or 0)
    )
    first = mentions[0] if mentions else {}
    place = e.get("place") if isinstance(e.get("place"), dict) else None
    if place is not None:
        # The name as the articles wrote it ("Tal Afar"): the fused place's
        # ``surface``, else the most common mention of that place; the
        # gazetteer's stays in ``name``.
        key = (str(place.get("name")), str(place.get("country")))
        surface = place.get("surface") if isinstance(place.get("surface"), str) else None
        place = {**place, "written": surface or snap.written.get(key) or place.get("name")}
    text = str(snap.articles.get(str(first.get("article")), {}).get("text") or "")
    start, end = first.get("start"), first.get("end")
    evidence = text[start:end] if isinstance(start, int) and isinstance(end, int) else ""
    span = present.date_range(e.get("date"))
    return {
        **e,
        "place": place,
        "actor_names": entity_names(snap, e.get("actors")),
        "target_names": entity_names(snap, e.get("targets")),
        "link": span_link(first.get("article"), first.get("start"), first.get("end")),
        "figures": [figure_row(n) for n in records(e.get("numbers"))],
        "description": present.clip(evidence, 180),
        "date_start": span[0].isoformat() if span else None,
        "date_end": span[1].isoformat() if span else None,
        "date_label": present.date_label(e.get("date")),
        "fatalities": fatalities(e),
    }


def figure_row(n: Record) -> Record:
    """A figure (low/best/high) with links to each source span."""
    sources = [
        {**s, "link": span_link(s.get("article"), s.get("start"), s.get("end"))}
        for s in records(n.get("sources"))
    ]
    return {**n, "sources": sources}


def claim_row(snap: Snapshot, c: Record) -> Record:
    """A claim with its outlet, date and evidence link."""
    article = snap.articles.get(str(c.get("article")), {})
    return {
        **c,
        "outlet": outlet_name(article) if article else None,
        "published": article.get("published"),
        "link": span_link(c.get("article"), c.get("start"), c.get("end")),
        "disputing": c.get("kind") in DISPUTING,
    }


def story_view(snap: Snapshot, story: Record) -> Record:
    """Everything the story page shows, as JSON-ready dicts."""
    sid = str(story.get("id"))
    article_ids = set(strs(story.get("articles")))
    # dict.fromkeys: an event listed twice in a story is shown once.
    events = [snap.get("event", e) for e in dict.fromkeys(strs(story.get("events")))]
    event_rows = sorted(
        (event_row(snap, e) for e in events if e),
        key=lambda e: (e.get("date") is None, str(e.get("date") or "")),
    )
    claims = [
        claim_row(snap, c) for c in snap.section("claims") if str(c.get("article")) in article_ids
    ]
    groups: dict[str, Record] = {}
    seen: dict[tuple[str, str], Record] = {}
    for c in claims:
        who = str(c.get("speaker_name") or "unattributed")
        group = groups.setdefault(who.casefold(), {"speaker": who, "says": [], "disputes": []})
        # Copies of one wire story say the same words: one line, every outlet listed.
        key = (who.casefold(), " ".join(str(c.get("text")).split()).casefold())
        if key in seen:
            if c["outlet"] not in seen[key]["outlets"]:
                seen[key]["outlets"].append(c["outlet"])
            continue
        c["outlets"] = [c["outlet"]]
        seen[key] = c
        group["disputes" if c["disputing"] else "says"].append(c)
    articles = snap.story_articles(story)
    families: dict[str, list[Record]] = defaultdict(list)
    for a in articles:
        families[str(a.get("family") or a["id"])].append(
            {k: a.get(k) for k in ("id", "title", "published", "version", "similarity", "language")}
            | {"outlet": outlet_name(a)}
        )
    # A running total's points from the story's own articles (as the report keeps
    # them): the whole series grows with the store, and every story page showing
    # it would change with each new point (issue 17: a page is bounded by its story).
    series = [
        {
            **s,
            "points": [
                {**p, "link": span_link(p.get("article"), p.get("start"), p.get("end"))}
                for p in mine
            ],
        }
        for s in snap.section("series")
        if (mine := [p for p in records(s.get("points")) if str(p.get("article")) in article_ids])
    ]
    return {
        "story": story,
        "stats": snap.stats.get(sid, {}),
        "events": event_rows,
        "speakers": sorted(groups.values(), key=lambda g: -len(g["says"]) - len(g["disputes"])),
        "claims": claims,
        "disputes": [dispute_row(d) for d in story_disputes(snap, story)],
        "figures": [f | {"event": e["id"]} for e in event_rows for f in e["figures"]],
        "series": series,
        "framing": [f for f in snap.section("framing") if str(f.get("story")) == sid],
        "families": [{"family": k, "articles": v} for k, v in families.items()],
        "articles": [
            {k: a.get(k) for k in ("id", "title", "published", "url")} | {"outlet": outlet_name(a)}
            for a in articles
        ],
    }


def article_summary(a: Record) -> Record:
    """An article without its full text and removed parts, with a 240-character excerpt."""
    text = str(a.get("text") or "")
    keep = {k: v for k, v in a.items() if k not in ("text", "removed")}
    return {**keep, "excerpt": text[:240]}


def dispute_row(d: Record) -> Record:
    """A dispute with an evidence link per side."""
    sides = [
        {**s, "link": span_link(s.get("article"), s.get("start"), s.get("end"))}
        for s in records(d.get("sides"))
    ]
    return {**d, "sides": sides}


def events_per_day(snap: Snapshot, story: Record) -> list[Record]:
    """``[{date, events}]`` for the story's dated events, in date order."""
    days = Counter(
        str(e.get("date"))[:10]
        for e in (snap.get("event", i) for i in strs(story.get("events")))
        if e and isinstance(e.get("date"), str)
    )
    return [{"date": d, "events": n} for d, n in sorted(days.items())]


def sources_per_claim(snap: Snapshot, story: Record) -> list[Record]:
    """Independent sources per claim: same speaker and same words count as one claim.

    ``sources`` counts wire families, not outlets: copies of one wire story
    carry the same claim verbatim but are one source (an article's ``family``,
    else its id), as the story stats and the report count them.
    """
    article_ids = set(strs(story.get("articles")))
    sources: dict[tuple[str, str], set[str]] = defaultdict(set)
    label: dict[tuple[str, str], Record] = {}
    for c in snap.section("claims"):
        aid = str(c.get("article"))
        if aid not in article_ids:
            continue
        key = (str(c.get("speaker_name") or "").casefold(), " ".join(str(c.get("text")).split()))
        article = snap.articles.get(aid, {})
        sources[key].add(str(article.get("family") or aid))
        label.setdefault(
            key, {"speaker": c.get("speaker_name"), "text": c.get("text"), "claim": c.get("id")}
        )
    rows = [{**label[k], "sources": len(v)} for k, v in sources.items()]
    return sorted(rows, key=lambda r: -int(r["sources"]))


def article_segments(snap: Snapshot, article: Record) -> list[Record]:
    """The article text cut at every evidence boundary, each piece with the spans over it.

    Evidence spans are claims, event mentions and figure sources in this
    article; overlapping spans become pieces carrying several span keys, so
    the page can highlight any one span without nesting markup.
    """
    aid = article["id"]
    text = str(article.get("text") or "")
    spans: dict[tuple[int, int], str] = {}

    def add(start: Any, end: Any, kind: str) -> None:
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            spans.setdefault((start, end), kind)

    for c in snap.section("claims"):
        if c.get("article") == aid:
            add(c.get("start"), c.get("end"), "claim")
    for e in snap.section("events"):
        for m in records(e.get("mentions")):
            if m.get("article") == aid:
                add(m.get("start"), m.get("end"), "event")
        for n in records(e.get("numbers")):
            for s in records(n.get("sources")):
                if s.get("article") == aid:
                    add(s.get("start"), s.get("end"), "figure")
    cuts = sorted({0, len(text), *(b for s in spans for b in s)})
    out = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        over = [f"span-{s}-{e}" for (s, e) in spans if s <= lo and hi <= e]
        kinds = sorted({spans[(s, e)] for (s, e) in spans if s <= lo and hi <= e})
        starts = [f"span-{s}-{e}" for (s, e) in spans if s == lo]
        out.append(
            {
                "text": text[lo:hi],
                "spans": " ".join(over),
                "kinds": kinds,
                "anchors": starts,
                "start": lo,
                "end": hi,
            }
        )
    return out
