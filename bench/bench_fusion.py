"""Benchmark crosswire.fusion on synthetic reports: the worst case and a realistic spread.

Usage: python bench/bench_fusion.py [--sizes 1600 6400 25600] [--spread 20000]
                                    [--repeats 1] [--profile] [--no-fuse]

*Near-identical* (the worst case for event coreference): every report is its
own origin, published the same day, about the same town: an air strike by
Norland (with a death toll and a claim), a shelling, and an undated protest;
every tenth report blames the strike on a second, unaffiliated actor (a
different strike for rule E6), every seventh names the district instead of
the town. All mentions fall into one block, one place, one day.

*Spread* (realistic): reports arrive at about 100 a day (at least 60 days),
from 300 towns in 6 countries (one large admin1 region each) and 5 event
types, with wire families of up to 4 copies; a quarter of the mentions carry
no date of their own (publication window).

For each size the script times ``cluster`` alone and the whole ``fuse``
(wall and CPU seconds, median over repeats), prints one JSON row per case and writes them all to
bench/results/fusion-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import pstats
import random
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from crosswire.fusion import fuse, prepare_corpus
from crosswire.fusion.events import cluster

RESULTS = Path(__file__).resolve().parent / "results"
Record = dict[str, Any]

STRIKE = "Air/drone strike"
SHELL = "Shelling/artillery/missile attack"
REMOTE = "Explosions/Remote violence"


def _entities(text: str) -> list[Record]:
    out = []
    for eid, name, country in (
        ("actor:norland", "Norland", "NL"),
        ("actor:free-hills", "Free Hills Front", None),
        ("actor:governor", "the governor", "XK"),
    ):
        at = text.find(name)
        out.append(
            {
                "id": eid,
                "name": name,
                "type": "org",
                "aliases": [],
                "role": None,
                "affiliation": {"country": country or eid, "category": None},
                "mentions": [[at, at + len(name)]] if at >= 0 else [],
            }
        )
    return out


def _place(text: str, name: str, lat: float, lon: float, country: str, kind: str) -> Record:
    at = text.find(name)
    return {
        "start": at,
        "end": at + len(name),
        "text": name,
        "name": name,
        "lat": lat,
        "lon": lon,
        "country": country,
        "admin1": "Upper Reach",
        "kind": kind,
        "precision": 1 if kind == "town" else 3,
    }


def _event(
    text: str, trigger: str, type_: str, subtype: str, place: Record | None, date: str | None
) -> Record:
    at = text.find(trigger)
    return {
        "start": at,
        "end": at + len(trigger),
        "trigger": trigger,
        "trigger_start": at,
        "trigger_end": at + len(trigger),
        "type": type_,
        "subtype": subtype,
        "actors": [],
        "targets": [],
        "place": place,
        "place_precision": place["precision"] if place else None,
        "date": date,
        "date_precision": "day" if date else None,
        "numbers": [],
        "claim_index": None,
        "negated": False,
    }


def near_identical(n: int) -> tuple[list[Record], dict[str, Record]]:
    """``n`` reports of the same three happenings in one town on one day."""
    articles: list[Record] = []
    analyses: dict[str, Record] = {}
    for i in range(n):
        actor = "Free Hills Front" if i % 10 == 9 else "Norland"
        town = "Upper Reach district" if i % 7 == 6 else "Keldor"
        dead = 10 + i % 5
        text = (
            f"Report {i}: {actor} jets carried out an air strike on {town} on Monday, "
            f"killing {dead} people, the governor said.\n\n"
            f"Artillery shelled the outskirts of {town} on Monday.\n\n"
            f"Hundreds protested in {town} against the strikes."
        )
        aid = f"n{i:06d}"
        articles.append(
            {
                "id": aid,
                "outlet": f"Outlet {i % 97}",
                "published": "2024-03-05",
                "family": None,
                "version": None,
                "title": f"Strike on {town}",
                "text": text,
            }
        )
        kind = "region" if town != "Keldor" else "town"
        place = _place(text, town, 35.1, 38.2, "XK", kind)
        claim_text = f"{actor} jets carried out an air strike on {town} on Monday"
        cs = text.find(claim_text)
        gs = text.find("the governor")
        qs = text.find(f"{dead} people")
        strike = _event(text, "air strike", REMOTE, STRIKE, place, "2024-03-04")
        strike["actors"] = ["actor:free-hills" if i % 10 == 9 else "actor:norland"]
        strike["claim_index"] = 0
        strike["numbers"] = [
            {
                "what": "dead",
                "value": dead,
                "low": dead,
                "high": dead,
                "text": f"{dead} people",
                "start": qs,
                "end": qs + len(f"{dead} people"),
            }
        ]
        analyses[aid] = {
            "entities": _entities(text),
            "places": [place],
            "dates": [],
            "quantities": [],
            "claims": [
                {
                    "start": cs,
                    "end": gs + len("the governor"),
                    "content_start": cs,
                    "content_end": cs + len(claim_text),
                    "text": claim_text,
                    "speaker_start": gs,
                    "speaker_end": gs + len("the governor"),
                    "speaker_text": "the governor",
                    "speaker_resolved_text": "the governor",
                    "speaker_kind": "named",
                    "cue": "say",
                    "kind": "statement",
                    "quote": False,
                    "target_text": None,
                    "speaker": "actor:governor",
                    "numbers": [],
                }
            ],
            "events": [
                strike,
                _event(text, "shelled", REMOTE, SHELL, place, "2024-03-04"),
                _event(text, "protested", "Protests", "Peaceful protest", place, None),
            ],
        }
    return articles, analyses


_TYPES = [
    (REMOTE, STRIKE, "air strike"),
    (REMOTE, SHELL, "shelled"),
    ("Battles", "Armed clash", "clashes"),
    ("Protests", "Peaceful protest", "protested"),
    ("Violence against civilians", "Attack", "attacked"),
]


def spread(n: int, seed: int = 0) -> tuple[list[Record], dict[str, Record]]:
    """``n`` reports at ~100 a day over 300 towns, 6 countries and 5 event types."""
    rng = random.Random(seed)
    towns = [
        (f"Town{k}", 30 + (k % 20) * 0.9, 30 + (k // 20) * 0.9, f"C{k % 6}") for k in range(300)
    ]
    start = dt.date(2024, 1, 1)
    articles: list[Record] = []
    analyses: dict[str, Record] = {}
    i = 0
    while i < n:
        day = start + dt.timedelta(days=rng.randrange(max(60, n // 100)))
        picks = [(rng.choice(towns), rng.choice(_TYPES)) for _ in range(rng.randint(1, 3))]
        copies = 1 if rng.random() < 0.7 else rng.randint(2, 4)
        family = f"fam{i}" if copies > 1 else None
        for v in range(copies):
            if i >= n:
                break
            lines = [
                f"Report {i}: {trigger} in {town[0]} on {day:%A}."
                for town, (_, _, trigger) in picks
            ]
            text = "\n\n".join(lines)
            aid = f"s{i:06d}"
            published = day + dt.timedelta(days=1)
            articles.append(
                {
                    "id": aid,
                    "outlet": f"Outlet {rng.randrange(200)}",
                    "published": published.isoformat(),
                    "family": family,
                    "version": v + 1 if family else None,
                    "title": lines[0],
                    "text": text,
                }
            )
            events, places = [], []
            offset = 0
            for line, (town, (type_, subtype, trigger)) in zip(lines, picks, strict=True):
                name, lat, lon, country = town
                p = _place(line, name, lat, lon, country, "town")
                p["start"] += offset
                p["end"] += offset
                e = _event(line, trigger, type_, subtype, p, day.isoformat())
                e["start"] += offset
                e["end"] += offset
                if rng.random() < 0.25:
                    e["date"] = e["date_precision"] = None
                places.append(p)
                events.append(e)
                offset += len(line) + 2
            analyses[aid] = {
                "entities": [],
                "places": places,
                "dates": [],
                "quantities": [],
                "claims": [],
                "events": events,
            }
            i += 1
    return articles, analyses


def run(articles: list[Record], analyses: dict[str, Record], full: bool) -> Record:
    """Time clustering alone and (unless ``full`` is False) the whole fuse."""
    corpus = prepare_corpus(articles, analyses)
    t0, c0 = time.perf_counter(), time.process_time()
    clusters = cluster(corpus.mentions, corpus.countries)
    row: Record = {
        "mentions": len(corpus.mentions),
        "clusters": len(clusters),
        "cluster_s": time.perf_counter() - t0,
        "cluster_cpu_s": time.process_time() - c0,
        "largest_cluster": max((len(c.mentions) for c in clusters), default=0),
    }
    if full:
        t0, c0 = time.perf_counter(), time.process_time()
        fusion = fuse(articles, analyses)
        row["fuse_s"] = time.perf_counter() - t0
        row["fuse_cpu_s"] = time.process_time() - c0
        row["events"] = len(fusion.events)
        row["disputes"] = len(fusion.disputes)
    return row


def main() -> None:
    """Run the cases, print rows, write bench/results/fusion-<timestamp>.json."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1600, 6400, 25600])
    parser.add_argument("--spread", type=int, nargs="*", default=[20_000])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--no-fuse", action="store_true", help="time clustering only")
    parser.add_argument("--profile", action="store_true", help="cProfile the first case")
    parser.add_argument("--tag", default="", help="label stored with the rows")
    args = parser.parse_args()
    cases = [("near-identical", n, near_identical) for n in args.sizes]
    cases += [("spread", n, spread) for n in args.spread]
    rows = []
    for k, (name, size, make) in enumerate(cases):
        articles, analyses = make(size)
        if args.profile and k == 0:
            prof = cProfile.Profile()
            prof.runcall(run, articles, analyses, not args.no_fuse)
            pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
        runs = [run(articles, analyses, not args.no_fuse) for _ in range(args.repeats)]
        row: Record = {"case": name, "reports": size, "tag": args.tag, **runs[0]}
        for key in ("cluster_s", "cluster_cpu_s", "fuse_s", "fuse_cpu_s"):
            if key in row:
                row[key] = round(statistics.median(r[key] for r in runs), 3)
        row["maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        rows.append(row)
        print(json.dumps(row), flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"fusion-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
