"""Score violent events and their merging on the Gun Violence Corpus (``../shared/eval/gvc``).

``articles.jsonl`` holds local-news articles in news-please form plus a GVC
``doc_id``; ``gold.json`` holds the registry's incidents (date, city,
coordinates, killed and injured counts, split, documents). The split's
articles go through the normal path: ingest into a store, analyse, fuse and
export (:func:`crosswire.export.export_object`). Then:

Per incident, the fused **violent** event (Battles, Explosions/Remote
violence, Violence against civilians) holding most of the incident's
articles (ties: the earliest event date, then more mentions, then the event
id) is its answer. The date breaks ties since session 9: an incident is what
was first reported, and of two events with one article each, the later one is
mostly a follow-up months on (a trial, an arrest, an anniversary) whose long
text has more mentions, the tie-break before:

* killed exact / injured exact: the event's killed (``fatalities`` slots) and
  injured (``wounded``) best figures equal the registry's, on incidents with
  at least one killed (injured); an event with no figure counts as 0;
* date exact and within one day of the registry's date;
* place within 25 km of the registry's point (incidents with coordinates);
* violent events per incident: all violent fused events of the split over
  its incidents.

Grouping (issue 12), article level: each article goes to its dominant fused
violent event (the one with most of its mentions, its follow-up acts listed in
an event's ``follow_ups`` counting for that event: a report that a suspect was
charged in the victim's death is a report of the incident; an article with
neither is a singleton). Against the incidents: B-cubed P/R/F1, adjusted Rand index,
pairwise precision and recall; and the story grouping's B-cubed F1 with each
incident as a story.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from datetime import date
from math import comb
from pathlib import Path
from typing import Any

from crosswire.evaluate.stories import adjusted_rand_index, bcubed

DEFAULT_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "gvc"
VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
KILLED_SLOTS = ("fatalities", "fatalities_civilian", "fatalities_combatant")
INJURED_SLOTS = ("wounded",)
PLACE_KM = 25.0
SPLITS = ("train", "dev", "test", "all")


def load_gvc(folder: Path, split: str) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The split's articles (file order) and incidents (id -> gold record)."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["incidents"]
    incidents = {
        iid: inc for iid, inc in gold.items() if split == "all" or inc.get("split") == split
    }
    wanted = {doc for inc in incidents.values() for doc in inc["docs"]}
    articles = []
    with (folder / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                if record.get("doc_id") in wanted:
                    articles.append(record)
    return articles, incidents


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def figure(event: Mapping[str, Any], slots: Sequence[str]) -> int:
    """An event's count over ``slots``: the total slot if given, else the sum of its parts."""
    best = {n.get("what"): n.get("best") for n in event.get("numbers", [])}
    if best.get(slots[0]) is not None:
        return int(best[slots[0]])
    return int(sum(best[s] for s in slots[1:] if best.get(s) is not None))


def pairwise(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> tuple[float, float]:
    """Pairwise precision and recall of ``pred`` against ``gold`` (1.0 when no pairs)."""
    together = sum(comb(c, 2) for c in Counter(zip(gold, pred, strict=True)).values())
    pred_pairs = sum(comb(c, 2) for c in Counter(pred).values())
    gold_pairs = sum(comb(c, 2) for c in Counter(gold).values())
    return (
        together / pred_pairs if pred_pairs else 1.0,
        together / gold_pairs if gold_pairs else 1.0,
    )


def run_pipeline(
    articles: Sequence[Mapping[str, Any]], db: Path, redo: bool
) -> tuple[dict[str, str], dict[str, Any]]:
    """Ingest, analyse and export; returns (doc_id -> article id, export object)."""
    from crosswire.analyze import analyze
    from crosswire.export import export_object
    from crosswire.ingest import ingest
    from crosswire.model import Outcome
    from crosswire.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "gvc.jsonl"
        source.write_text(
            "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8"
        )
        outcomes: list[Outcome] = []
        with open_store(db) as store:
            ingest([str(source)], store, on_outcome=outcomes.append)
            analyze(store, redo=redo)
            obj = export_object(store)
    doc_of_line = {f"#L{i + 1}": a["doc_id"] for i, a in enumerate(articles)}
    ids = {}
    for outcome in outcomes:
        line = "#" + outcome.source.rpartition("#")[2]
        if outcome.article_id and line in doc_of_line:
            ids[doc_of_line[line]] = outcome.article_id
    return ids, obj


def _dominant(mentions: Mapping[str, Counter[str]], candidates: Sequence[str]) -> str | None:
    return min(candidates, key=lambda e: (-sum(mentions[e].values()), e), default=None)


def score(
    incidents: Mapping[str, Mapping[str, Any]], ids: Mapping[str, str], obj: Mapping[str, Any]
) -> dict[str, Any]:
    """All figures of the evaluation from the export object of the split."""
    events = {e["id"]: e for e in obj["events"] if e["type"] in VIOLENT}
    per_event: dict[str, Counter[str]] = defaultdict(Counter)  # event -> article -> mentions
    per_article: dict[str, Counter[str]] = defaultdict(Counter)  # article -> event -> mentions
    for eid, event in events.items():
        for m in event["mentions"]:
            per_event[eid][m["article"]] += 1
            per_article[m["article"]][eid] += 1
        for m in event.get("follow_ups") or []:  # grouping only, not the figures
            per_article[m["article"]][eid] += 1
    tallies: Counter[str] = Counter()
    cases = []
    for iid, inc in sorted(incidents.items()):
        arts = {ids[d] for d in inc["docs"] if d in ids}
        held = [e for e in events if arts & set(per_event[e])]
        best = min(
            held,
            key=lambda e: (
                -len(arts & set(per_event[e])),
                str(events[e].get("date") or "9999"),  # the first reported (docstring)
                -sum(per_event[e][a] for a in arts),
                e,
            ),
            default=None,
        )
        event = events[best] if best else None
        case = _judge(inc, event, tallies)
        case.update(incident=iid, events=len(held), articles=len(arts))
        cases.append(case)
    # grouping: gold incident vs dominant violent event, over the split's articles
    gold_of = {ids[d]: iid for iid, inc in incidents.items() for d in inc["docs"] if d in ids}
    order = sorted(gold_of)
    gold = [gold_of[a] for a in order]
    pred = [_dominant_event(per_article.get(a), a) for a in order]
    story_of = {a: s["id"] for s in obj.get("stories", []) for a in s["articles"]}
    stories = [story_of.get(a, "alone:" + a) for a in order]
    bp, br, bf = bcubed(gold, pred)
    pp, pr = pairwise(gold, pred)
    return {
        "incidents": len(incidents),
        "articles": len(order),
        "violent_events": len(events),
        "violent_events_per_incident": _ratio(len(events), len(incidents)),
        "killed_exact": _ratio(tallies["killed_ok"], tallies["killed_n"]),
        "killed_incidents": tallies["killed_n"],
        "injured_exact": _ratio(tallies["injured_ok"], tallies["injured_n"]),
        "injured_incidents": tallies["injured_n"],
        "date_exact": _ratio(tallies["date_ok"], len(incidents)),
        "date_within_1_day": _ratio(tallies["date_near"], len(incidents)),
        "place_25km": _ratio(tallies["place_ok"], tallies["place_n"]),
        "place_incidents": tallies["place_n"],
        "no_violent_event": tallies["missing"],
        "grouping": {
            "bcubed_precision": round(bp, 4),
            "bcubed_recall": round(br, 4),
            "bcubed_f1": round(bf, 4),
            "ari": round(adjusted_rand_index(gold, pred), 4),
            "pairwise_precision": round(pp, 4),
            "pairwise_recall": round(pr, 4),
            "singletons_bcubed_f1": round(bcubed(gold, order)[2], 4),
        },
        "stories_bcubed_f1": round(bcubed(gold, stories)[2], 4),
        "cases": cases,
    }


def _dominant_event(events: Counter[str] | None, article: str) -> str:
    if not events:
        return "alone:" + article
    return min(events, key=lambda e: (-events[e], e))


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _judge(
    inc: Mapping[str, Any], event: Mapping[str, Any] | None, tallies: Counter[str]
) -> dict[str, Any]:
    """Compare one incident with its chosen event; count hits in ``tallies``."""
    killed = figure(event, KILLED_SLOTS) if event else None
    injured = figure(event, INJURED_SLOTS) if event else None
    when = (event or {}).get("date")
    place = (event or {}).get("place") or {}
    case: dict[str, Any] = {
        "gold": {k: inc.get(k) for k in ("date", "city_or_county", "state", "killed", "injured")},
        "event": (event or {}).get("id"),
        "killed": killed,
        "injured": injured,
        "date": when,
        "date_precision": (event or {}).get("date_precision"),
        "place": place.get("name"),
        "km": None,
        "has_point": inc.get("lat") is not None and inc.get("lon") is not None,
    }
    if event is None:
        tallies["missing"] += 1
    if inc["killed"]:
        tallies["killed_n"] += 1
        tallies["killed_ok"] += killed == inc["killed"]
    if inc["injured"]:
        tallies["injured_n"] += 1
        tallies["injured_ok"] += injured == inc["injured"]
    if when and len(when) >= 10:  # a month or a year is not a day
        gap = abs((date.fromisoformat(when[:10]) - date.fromisoformat(inc["date"])).days)
        tallies["date_ok"] += gap == 0
        tallies["date_near"] += gap <= 1
    if case["has_point"]:
        tallies["place_n"] += 1
        if place.get("lat") is not None and place.get("lon") is not None:
            km = haversine_km(inc["lat"], inc["lon"], place["lat"], place["lon"])
            case["km"] = round(km, 1)
            tallies["place_ok"] += km <= PLACE_KM
    return case


def evaluate(
    folder: Path = DEFAULT_DIR, split: str = "test", db: Path | None = None, redo: bool = False
) -> dict[str, Any]:
    """Run the pipeline on one split and score it (``db``: keep or reuse the store there)."""
    articles, incidents = load_gvc(folder, split)
    if db is None:
        with tempfile.TemporaryDirectory() as tmp:
            ids, obj = run_pipeline(articles, Path(tmp) / "gvc.db", redo)
    else:
        ids, obj = run_pipeline(articles, db, redo)
    result = score(incidents, ids, obj)
    result["split"] = split
    return result


_ROWS = (
    ("killed exact", "killed_exact", "killed_incidents", "≥ 0.80"),
    ("injured exact", "injured_exact", "injured_incidents", "≥ 0.70"),
    ("date exact", "date_exact", "incidents", "≥ 0.85"),
    ("date within 1 day", "date_within_1_day", "incidents", ""),
    ("place ≤ 25 km", "place_25km", "place_incidents", "≥ 0.85"),
    ("violent events / incident", "violent_events_per_incident", "incidents", "≤ 1.5"),
)
_GROUP_ROWS = (
    ("incident B-cubed P", "bcubed_precision", ""),
    ("incident B-cubed R", "bcubed_recall", ""),
    ("incident B-cubed F1", "bcubed_f1", "≥ 0.90"),
    ("incident ARI", "ari", ""),
    ("pairwise precision", "pairwise_precision", ""),
    ("pairwise recall", "pairwise_recall", ""),
    ("all-singletons B-cubed F1", "singletons_bcubed_f1", "(baseline)"),
)


def table(result: Mapping[str, Any]) -> str:
    """The figures as an aligned plain-text table."""
    lines = [
        f"GVC {result['split']}: {result['incidents']} incidents, {result['articles']} articles, "
        f"{result['violent_events']} violent events",
        f"{'measure':<28}{'value':>8}{'over':>7}  target",
    ]
    for label, key, over, target in _ROWS:
        lines.append(f"{label:<28}{_fmt(result[key]):>8}{result[over]:>7}  {target}")
    for label, key, target in _GROUP_ROWS:
        value = result["grouping"][key]
        lines.append(f"{label:<28}{_fmt(value):>8}{result['articles']:>7}  {target}")
    lines.append(
        f"{'stories B-cubed F1':<28}{_fmt(result['stories_bcubed_f1']):>8}"
        f"{result['articles']:>7}  ≥ 0.95"
    )
    return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def errors(result: Mapping[str, Any], limit: int) -> str:
    """Up to ``limit`` incidents whose chosen event misses a figure, the date or the place."""
    out = []
    for case in result["cases"]:
        g = case["gold"]
        wrong = [
            name
            for name, bad in (
                ("killed", g["killed"] and case["killed"] != g["killed"]),
                ("injured", g["injured"] and case["injured"] != g["injured"]),
                ("date", case["date"] != g["date"]),
                ("place", case["has_point"] and (case["km"] is None or case["km"] > PLACE_KM)),
            )
            if bad
        ]
        if wrong:
            out.append(
                f"{case['incident']} [{', '.join(wrong)}] gold={json.dumps(g)} got="
                + (
                    json.dumps(
                        {
                            k: case[k]
                            for k in ("event", "killed", "injured", "date", "place", "km", "events")
                        }
                    )
                )
            )
    return "\n".join(out[:limit])


def main(argv: Sequence[str] | None = None) -> int:
    """``crosswire evaluate incidents [--split S] [--db PATH] [--redo] [--json] [--errors N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--split", choices=SPLITS, default="test")
    parser.add_argument("--db", type=Path, help="store to keep (or reuse, if analysed) the run in")
    parser.add_argument("--redo", action="store_true", help="re-analyse articles already in --db")
    parser.add_argument("--json", action="store_true", help="output JSON (with per-incident cases)")
    parser.add_argument("--errors", type=int, default=0, help="print up to N wrong incidents")
    args = parser.parse_args(argv)
    if not (args.dir / "gold.json").is_file():
        print(f"E503 no GVC gold.json in {args.dir}")  # noqa: T201 - CLI output
        return 2
    result = evaluate(args.dir, args.split, args.db, args.redo)
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False))  # noqa: T201
        return 0
    print(table(result))  # noqa: T201
    if args.errors:
        print(errors(result, args.errors))  # noqa: T201
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
