"""Time and peak memory of ingesting one hostile input, shape by shape (issue #15).

Usage: python bench/bench_hostile.py [--mb 10] [--only NAME]

Each shape is written to a temp folder and ingested with ``crosswire.ingest.ingest``
(default per-input budget) into a fresh SQLite store, in its own child process so
that the child's peak resident memory (``ru_maxrss``) belongs to that input alone.
Reported per shape: input size, wall seconds, CPU seconds, peak RSS of the child
(its baseline, the imports, is given as ``baseline``) and the input's outcome.
Targets: any input under 10 MB cleans in seconds or ends ``failed`` with a coded
reason, and peak memory stays under 1 GB. JSON goes to bench/results/hostile-<time>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def _shape(name: str, size: int) -> tuple[str, bytes]:
    """(file name, bytes) of one hostile shape of about ``size`` bytes."""

    def fill(unit: str) -> bytes:
        return (unit * (size // len(unit))).encode()

    if name == "line-of-words":
        return "words.txt", fill("the convoy reached the northern crossing at dawn ")
    if name == "line-of-iso-dates":
        return "dates.txt", fill("2024-01-02 ")
    if name == "line-of-spelled-dates":
        return "dmy.txt", fill("3 March 2024, ")
    if name == "line-of-nav-words":
        return "nav.txt", fill("Home News World ")
    if name == "short-lines-7mb":
        return "lines.txt", fill("Short line here\n")[: 7 * size // 10]
    if name == "jsonl-huge-maintext":
        text = (size - 100) // 49 * "The convoy reached the northern crossing at dawn. "
        return "huge.jsonl", (json.dumps({"maintext": text, "title": "t"}) + "\n").encode()
    if name == "html-many-tags-5mb":
        body = "<div><span>x</span><b>y</b></div>" * (55 * size // 100 // 36)
        return "tags.html", f"<html><body>{body}</body></html>".encode()
    if name == "html-one-paragraph":
        text = "The convoy reached the northern crossing at dawn. " * (size // 50)
        return "para.html", f"<html><body><p>{text}</p></body></html>".encode()
    raise ValueError(name)


SHAPES = [
    "line-of-words",
    "line-of-iso-dates",
    "line-of-spelled-dates",
    "line-of-nav-words",
    "short-lines-7mb",
    "jsonl-huge-maintext",
    "html-one-paragraph",
    "html-many-tags-5mb",
]


def _child(name: str, size: int) -> dict[str, object]:
    from crosswire.ingest import ingest
    from crosswire.store import SQLiteStore

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with tempfile.TemporaryDirectory() as folder:
        file_name, data = _shape(name, size)
        path = Path(folder) / file_name
        path.write_bytes(data)
        wall, cpu = time.perf_counter(), time.process_time()
        with SQLiteStore(Path(folder) / "bench.db") as store:
            ingest([str(path)], store)
            outcomes = [(o.status, o.reason) for o in store.iter_outcomes()]
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "shape": name,
        "mb": round(len(data) / 1e6, 1),
        "seconds": round(wall, 1),
        "cpu_seconds": round(cpu, 1),
        "peak_mb": round(peak),
        "baseline_mb": round(baseline),
        "outcome": outcomes[0] if len(outcomes) == 1 else outcomes[:3],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="size of each shape (MB)")
    parser.add_argument("--only", default=None, help="run one shape")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    size = int(args.mb * 1e6) - 1000  # just under the stated size
    if args.child:
        print(json.dumps(_child(args.child, size)))
        return
    rows = []
    for name in [args.only] if args.only else SHAPES:
        run = subprocess.run(
            [sys.executable, __file__, "--child", name, "--mb", str(args.mb)],
            capture_output=True,
            text=True,
            timeout=1800,
            env={**os.environ},
        )
        if run.returncode != 0:
            rows.append({"shape": name, "error": run.stderr.strip().splitlines()[-1:]})
        else:
            rows.append(json.loads(run.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    (RESULTS / f"hostile-{stamp}.json").write_text(json.dumps(rows, indent=1) + "\n")
    print("\n| shape | MB | s | CPU s | peak MB | outcome |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        if "error" in r:
            print(f"| {r['shape']} | – | – | – | – | error {r['error']} |")
            continue
        outcome = r["outcome"]
        status = outcome[0] if isinstance(outcome, list | tuple) and outcome else outcome
        reason = outcome[1] if isinstance(outcome, list | tuple) and len(outcome) > 1 else ""
        print(
            f"| {r['shape']} | {r['mb']} | {r['seconds']} | {r['cpu_seconds']} | "
            f"{r['peak_mb']} | {status} {(reason or '')[:60]} |"
        )


if __name__ == "__main__":
    main()
