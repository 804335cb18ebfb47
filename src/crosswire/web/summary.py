"""The story at a glance: main events with their figures, sources and open disputes.

Main events are ranked by what an analyst reads first: fatalities, then how
many independent sources report the event, then how many figures and actors
it carries. Each figure lists what every source said, in date order, and is
flagged when the sources disagree.
"""

from __future__ import annotations

from crosswire.web import present
from crosswire.web.readmodel import Record, Snapshot, records

MAIN_EVENTS = 4


def _rank(e: Record) -> tuple[float, int, int, int]:
    return (
        float(e.get("fatalities") or 0),
        int(e.get("independent_sources") or 0),
        len(records(e.get("numbers"))),
        len(e.get("actor_names") or []),
    )


def figure_line(snap: Snapshot, n: Record) -> Record:
    """``Killed: 14 → 19`` with each source's value, outlet and day, and a conflict flag."""
    # One line per reported value: who said it (deduplicated) and the first day.
    by_value: dict[str, Record] = {}
    for s in records(n.get("sources")):
        article = snap.articles.get(str(s.get("article")), {})
        day = str(article.get("published") or "")
        value = present.num(s.get("value"))
        entry = by_value.setdefault(value, {"value": value, "who": [], "sort": day or "9999"})
        who = str(s.get("claimant") or s.get("outlet") or "unattributed")
        if who.casefold() not in {w.casefold() for w in entry["who"]}:
            entry["who"].append(who)
        if day and day < entry["sort"]:
            entry["sort"] = day
    reports = sorted(by_value.values(), key=lambda r: r["sort"])
    for r in reports:
        r["day"] = present.date_label(r["sort"]) if r["sort"] != "9999" else None
        r["who"] = ", ".join(r["who"])
    values = [r["value"] for r in reports]
    return {
        "label": present.label(n.get("what")),
        "text": " → ".join(values) if len(values) > 1 else present.figure_text(n),
        "conflict": len(values) > 1,
        "reports": reports,
    }


def key_facts(snap: Snapshot, view: Record) -> Record:
    """Main events, independent sources and open disputes for the top of the story page."""
    ranked = sorted(view["events"], key=_rank, reverse=True)[:MAIN_EVENTS]
    main = []
    for e in ranked:
        place = e.get("place") or {}
        where = [str(p) for p in (place.get("written"), place.get("country")) if p]
        main.append(
            {
                "id": e.get("id"),
                "what": e.get("subtype") or e.get("type") or "event",
                "type": e.get("type"),
                "where": ", ".join(where) or None,
                "when": e.get("date_label"),
                "precision": present.date_precision(e.get("date_precision")),
                "actors": e.get("actor_names") or [],
                "targets": e.get("target_names") or [],
                "figures": [figure_line(snap, n) for n in e.get("figures") or []],
                "description": e.get("description"),
                "link": e.get("link"),
                "sources": e.get("independent_sources"),
            }
        )
    families: dict[str, list[str]] = {}
    for fam in view["families"]:
        outlets = list(dict.fromkeys(str(a.get("outlet")) for a in fam["articles"]))
        families[fam["family"]] = outlets
    return {
        "main": main,
        "sources": [" = ".join(o) for o in families.values()],
        "disputes": view["disputes"][:3],
        "more_disputes": max(0, len(view["disputes"]) - 3),
    }
