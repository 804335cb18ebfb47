"""Benchmark the sharded pipeline: Dask 1 vs 2 workers, and time + peak RSS by corpus size.

Usage: python bench/bench_scaling.py [--scaling-n 200] [--sizes 1000,10000]
                                     [--workers 2] [--shard-size 50] [--no-analyze]

Synthetic articles (invented towns, officials, figures and quotes; one in five
is a lightly edited wire copy of another) are written as JSONL files of 25
records. Each measurement is a fresh SQLite store and a fresh Dask LocalCluster:

* ``scaling``: the same ``--scaling-n`` articles on 1 and on 2 workers; the
  ratio is time(1) / time(2) (2.0 would be perfect on two free cores);
* ``sizes``: wall time and articles/s for each size, and peak RSS summed over
  the driver and every worker process (sampled every 0.2 s with psutil).

Cluster start-up (spawning workers) is included; model loading happens in the
first shard of each worker. Writes JSON to bench/results/scaling-<time>.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import platform
import random
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from crosswire.executors import run_pipeline
from crosswire.executors.dask import DaskExecutor
from crosswire.store import SQLiteStore

RESULTS = Path(__file__).resolve().parent / "results"
PER_FILE = 25  # records per JSONL file; a shard is --shard-size files

TOWNS = ["Alvera", "Merrow", "Castelnovo", "Brindley", "Ostrava", "Kelmarsh", "Tarnwick", "Lusan"]
PEOPLE = [
    ("Dana Whitcombe", "the regional civil protection chief"),
    ("Marco Ferrante", "a union leader"),
    ("Elena Sorvino", "the labour minister"),
    ("Tomas Reyes", "a police spokesman"),
    ("Ines Halvorsen", "the mayor"),
]
EVENTS = [
    ("flooding forced {n} residents from their homes", "evacuated"),
    ("a fire destroyed {n} warehouses near the port", "damaged"),
    ("dock workers walked out over pay, stranding {n} ships", "stranded"),
    ("protesters gathered outside the town hall, about {n} people", "protested"),
    ("a bridge collapse cut the main road, stranding {n} drivers", "stranded"),
]
OUTLETS = ["Coastal Herald", "Valley Courier", "Northline News", "Evening Ledger"]


def synth_article(rng: random.Random, i: int) -> dict[str, Any]:
    """One invented news article as a JSONL record."""
    town, other = rng.sample(TOWNS, 2)
    person, role = rng.choice(PEOPLE)
    event, verb = rng.choice(EVENTS)
    n = rng.randint(12, 4000)
    day = rng.randint(1, 28)
    month = rng.randint(1, 12)
    paragraphs = [
        f"In {town} on Tuesday, {event.format(n=n)}, officials said.",
        f'"We have never seen anything like this," said {person}, {role}. '
        f"{person.split()[0]} said at least {rng.randint(2, 60)} people had been {verb} "
        f"and that help had been requested from {other}.",
        f"Authorities in {other} said they would send {rng.randint(3, 40)} vehicles "
        f"and {rng.randint(10, 300)} volunteers by Thursday.",
        f"The council estimated the cost at {rng.randint(1, 90)} million euros. "
        f"Article {i} of the synthetic corpus; reference {rng.getrandbits(40):x}.",
    ]
    return {
        "url": f"https://{OUTLETS[i % 4].lower().replace(' ', '')}.example/{i}",
        "title": f"{town}: {event.split(',')[0].format(n=n)}",
        "published": f"2024-{month:02d}-{day:02d}",
        "outlet": OUTLETS[i % len(OUTLETS)],
        "text": "\n\n".join(paragraphs),
    }


def write_corpus(root: Path, n: int, seed: int = 7) -> Path:
    """``n`` synthetic articles, ``PER_FILE`` to a JSONL file; every fifth is a wire copy."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    records: list[dict[str, Any]] = []
    for i in range(n):
        if i % 5 == 4 and records:
            copy = dict(rng.choice(records[-20:]))
            copy["url"] = f"https://copy.example/{i}"
            copy["text"] = copy["text"].replace("officials said", "officials told reporters")
            records.append(copy)
        else:
            records.append(synth_article(rng, i))
    for start in range(0, n, PER_FILE):
        with (root / f"part-{start // PER_FILE:05d}.jsonl").open("w", encoding="utf-8") as fh:
            for record in records[start : start + PER_FILE]:
                fh.write(json.dumps(record) + "\n")
    return root


class RssSampler:
    """Peak RSS of this process plus all its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_once(corpus: Path, workers: int, shard_size: int, analyze: bool) -> dict[str, Any]:
    """One fresh store + fresh LocalCluster run over ``corpus``."""
    with tempfile.TemporaryDirectory() as tmp, RssSampler() as rss:
        started = time.perf_counter()
        with DaskExecutor(workers=workers) as executor, SQLiteStore(Path(tmp) / "b.db") as store:
            report = run_pipeline(
                [str(corpus)], store, executor=executor, shard_size=shard_size, analyze=analyze
            )
            stored = store.count_articles()
        seconds = time.perf_counter() - started
    return {
        "workers": workers,
        "seconds": round(seconds, 2),
        "articles": stored,
        "articles_per_s": round(stored / seconds, 1),
        "peak_rss_mb": round(rss.peak / 2**20),
        "shards": report.shards,
        "ok": report.ok,
        "summary": report.summary(),
    }


def main() -> None:
    """Run the benchmark and write its JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scaling-n", type=int, default=200)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shard-size", type=int, default=1, help="JSONL files per shard")
    parser.add_argument("--no-analyze", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("distributed").setLevel(logging.WARNING)
    analyze = not args.no_analyze
    result: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "analyze": analyze,
        "shard_size_files": args.shard_size,
    }
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(Path(tmp) / f"n{args.scaling_n}", args.scaling_n)
        one = run_once(corpus, 1, args.shard_size, analyze)
        two = run_once(corpus, 2, args.shard_size, analyze)
        result["scaling"] = {
            "n": args.scaling_n,
            "one": one,
            "two": two,
            "ratio": round(one["seconds"] / two["seconds"], 2),
        }
        print(
            f"scaling n={args.scaling_n}: 1 worker {one['seconds']}s, "
            f"2 workers {two['seconds']}s, ratio {result['scaling']['ratio']}"
        )
        result["sizes"] = []
        for size in (int(s) for s in args.sizes.split(",") if s):
            corpus = write_corpus(Path(tmp) / f"n{size}", size)
            row = {"n": size, **run_once(corpus, args.workers, args.shard_size, analyze)}
            result["sizes"].append(row)
            print(
                f"n={size}: {row['seconds']}s, {row['articles_per_s']}/s, "
                f"peak RSS {row['peak_rss_mb']} MB"
            )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"scaling-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
