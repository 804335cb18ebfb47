"""Read side at scale: `crosswire serve` over the picture tables, exports, incremental writes.

    python bench/bench_picture.py build DB --articles 100000   # synthesise (picture_synth.py)
    python bench/bench_picture.py serve DB [--clients 50] [--driver wrk --seconds 15]
    python bench/bench_picture.py export DB
    python bench/bench_picture.py add DB [--articles 1000]
    python bench/bench_picture.py build DB --analysed --articles 100000 [--stage insert|derive]
    python bench/bench_picture.py add DB --analysed [--articles 1000] [--new-names]

DB is a SQLite path or a postgresql:// URL. ``serve`` starts ``crosswire serve``
in a subprocess, times the first answer after start, drives story list, story
page and events query (random stories and date ranges) with N concurrent
loopback clients, and reads the server's peak RSS (VmHWM); "first response" is
the first request's latency once the server listens (process start to
listening, mostly imports, is reported apart). The load comes from wrk when it
is installed (``--driver auto``; loadgen.py) or from the Python driver below;
each endpoint's row has the server's CPU per request and the load generator's
own CPU, as both share the machine's cores; on PostgreSQL (server on the same
machine) also the CPU of the database processes answering the server's
connections (``db_cpu_ms_per_request``). ``export`` runs
``crosswire export`` per format in a subprocess and reports its peak RSS.
``add`` appends 1,000 articles' worth of picture rows to the tables the way
:func:`crosswire.store.picture.save` writes new rows (plus its digest scan of
every table) and times it. Results go to bench/results/bench_picture-*.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import loadgen

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CROSSWIRE = [sys.executable, "-c", "from crosswire.cli import main; main()"]
# The caller's PYTHONPATH first: ``PYTHONPATH=/other/checkout/src python
# bench/bench_picture.py serve ...`` serves that checkout's code (a base to
# compare with), not this one's.
_CALLER = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join([*_CALLER, str(ROOT / "src"), str(ROOT / "bench")]),
}


async def drive(
    base: str, make: Callable[[random.Random], str], clients: int, total: int, max_seconds: float
) -> dict[str, Any]:
    """``total`` GETs of paths from ``make`` by ``clients`` concurrent clients."""
    latencies: list[float] = []
    kinds: dict[str, int] = {}
    errors = issued = 0
    deadline = time.perf_counter() + max_seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:

        async def worker(seed: int) -> None:
            nonlocal issued, errors
            rng = random.Random(seed)
            while issued < total and time.perf_counter() < deadline:
                issued += 1
                t0 = time.perf_counter()
                try:
                    r = await client.get(make(rng))
                    if r.status_code != 200:
                        errors += 1
                        kinds[str(r.status_code)] = kinds.get(str(r.status_code), 0) + 1
                except httpx.HTTPError as exc:
                    errors += 1
                    kinds[type(exc).__name__] = kinds.get(type(exc).__name__, 0) + 1
                latencies.append(time.perf_counter() - t0)

        started, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "error_kinds": kinds,
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[int(0.99 * (len(latencies) - 1))] * 1000, 1),
        "driver": "python",
        "client_cpu_s": round(cpu, 2),
    }


def serve(
    db: str,
    clients: int,
    requests: int,
    max_seconds: float,
    driver: str,
    seconds: float,
    threads: int | None = None,
) -> dict[str, Any]:
    """Start ``crosswire serve`` on ``db`` and load it (``driver`` wrk, python or auto)."""
    use_wrk = driver == "wrk" or (driver == "auto" and loadgen.available())
    port = loadgen.free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    # The server's own log (uvicorn, tracebacks) is kept: a client error is then
    # traced to its cause on the server side, if it has one.
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = (RESULTS / "bench_picture-serve.log").open("w")
    proc = subprocess.Popen(
        # -v: the server logs at shutdown how many API reads it answered before
        # routing and how many it routed (web/app.py).
        [
            *CROSSWIRE,
            *("-v", "--db", db, "serve", "--port", str(port)),
            *(("--threads", str(threads)) if threads else ()),
        ],
        env=ENV,
        stdout=log,
        stderr=log,
    )
    try:
        listening = None
        while listening is None and time.perf_counter() - started < 120:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                listening = time.perf_counter() - started
            except OSError:
                time.sleep(0.01)
        t0 = time.perf_counter()
        first_ok = httpx.get(base + "/api/stories?limit=50", timeout=60).status_code == 200
        first = time.perf_counter() - t0
        # Process start to the first 200 (the "first response after start"),
        # and the server's own CPU until then: on a loaded machine the wall time
        # includes waiting for a core.
        first_200 = (listening or 0.0) + first
        first_cpu = loadgen.cpu_seconds(proc.pid)
        ids = [
            s["id"] for s in httpx.get(base + "/api/stories?limit=500", timeout=30).json()["items"]
        ]
        health = httpx.get(base + "/api/health", timeout=30).json()
        stories = health.get("stories", len(ids))

        def story_list(rng: random.Random) -> str:
            return f"/api/stories?limit=50&offset={rng.randrange(0, max(1, stories - 50))}"

        def story_page(rng: random.Random) -> str:
            return f"/api/stories/{rng.choice(ids)}"

        def events(rng: random.Random) -> str:
            # Synthetic dates run from 2025-03 (template) over the copies' day shifts.
            year, month = rng.randrange(2025, 2028), rng.randrange(1, 13)
            return f"/api/events?since={year}-{month:02d}-01&until={year}-{month:02d}-28&limit=50"

        rows = {}
        for name, make in (
            ("story list", story_list),
            ("story page", story_page),
            ("events query", events),
        ):
            cpu = loadgen.cpu_seconds(proc.pid)
            db_cpu = loadgen.db_cpu(db)
            if use_wrk:
                rng = random.Random(7)
                paths = [make(rng) for _ in range(max(requests, 1000))]
                row = loadgen.drive_wrk(base, paths, clients, seconds)
            else:
                row = asyncio.run(drive(base, make, clients, requests, max_seconds))
            used = loadgen.cpu_seconds(proc.pid) - cpu
            row["server_cpu_s"] = round(used, 2)
            row["server_cpu_ms_per_request"] = round(1000 * used / max(1, row["requests"]), 3)
            if loadgen.is_postgres(db):
                # PostgreSQL's own processes answer the server's queries: their
                # CPU per request beside the server's (backends started during
                # the run count from their start).
                after = loadgen.db_cpu(db)
                db_used = sum(t - db_cpu.get(pid, 0.0) for pid, t in after.items())
                row["db_cpu_s"] = round(db_used, 2)
                row["db_cpu_ms_per_request"] = round(1000 * db_used / max(1, row["requests"]), 3)
            rows[name] = row
        return {
            "listening_after_start_s": round(listening or -1, 2),
            "first_response_s": round(first, 3),
            "first_200_after_start_s": round(first_200, 3),
            "first_200_server_cpu_s": round(first_cpu, 3),
            "first_ok": first_ok,
            "health": health,
            "server_rss_peak_mb": loadgen.rss_peak_mb(proc.pid),
            "endpoints": rows,
        }
    finally:
        proc.terminate()
        proc.wait(timeout=30)


_MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(rc, round(peak, 1), round(time.perf_counter() - t, 1))
"""


def export(db: str, workdir: Path) -> dict[str, Any]:
    """Peak RSS and time of ``crosswire export`` in every format."""
    out = {}
    for fmt in ("json", "jsonl", "csv", "parquet", "acled", "ucdp"):
        target = workdir / f"export.{fmt}"
        cmd = [*CROSSWIRE, "--db", db, "export", "--format", fmt, "-o", str(target)]
        res = subprocess.run(
            [sys.executable, "-c", _MEASURE, *cmd],
            env=ENV,
            capture_output=True,
            text=True,
            check=True,
        )
        rc, peak, seconds = res.stdout.split()
        out[fmt] = {
            "rc": int(rc),
            "peak_mb": float(peak),
            "seconds": float(seconds),
            "bytes": target.stat().st_size if target.exists() else 0,
        }
        target.unlink(missing_ok=True)
    return out


def add(db: str, articles: int) -> dict[str, Any]:
    """Time appending ``articles`` articles' worth of rows (with save's digest scans)."""
    import picture_synth

    from crosswire.store import open_store
    from crosswire.store.picture_db import PictureDb
    from crosswire.store.picture_specs import SPECS, record_spec

    tpl, arts = picture_synth.template(Path(os.environ.get("TMPDIR", "/tmp")))
    with open_store(db) as store:
        have = store.count_articles()
        first = have // len(arts) + 1000
        started = time.perf_counter()
        db_ = PictureDb(store)
        for spec in [*SPECS.values(), record_spec("dates")]:  # the diff's key/digest scans
            db_.rows(f"SELECT key, digest, seq FROM {spec.table}")
        picture_synth.add_copies(store, tpl, arts, first, max(1, articles // len(arts)))
        seconds = time.perf_counter() - started
    return {
        "articles": articles,
        "seconds": round(seconds, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def add_analysed(
    db: str, articles: int, workdir: Path, new_names: bool = False, picture: bool = True
) -> dict[str, Any]:
    """Add ``articles`` analysed articles to an analysed store (``build --analysed``)
    and time what the pipeline does after analysis: fusion, then the picture
    tables (incremental when it can be). Analysis itself is not re-run: its cost
    per article is measured apart (README). ``new_names``: every copy brings new
    (name, entity) pairs, as a live feed does. ``picture``: False times fusion
    alone (a store whose picture tables were never built)."""
    import picture_synth

    from crosswire.fusion.incremental import update_fusion
    from crosswire.store import open_store
    from crosswire.web.materialize import refresh_picture

    arts, analyses = picture_synth.analysed_template(workdir)
    out: dict[str, Any] = {"articles": articles}
    with open_store(db) as store:
        first = store.count_articles() // len(arts)
        started = time.perf_counter()
        cpu = time.process_time()
        picture_synth.add_analysed_copies(
            store, arts, analyses, first, max(1, articles // len(arts)), new_names
        )
        out["new_names"] = new_names
        out["insert_seconds"] = round(time.perf_counter() - started, 2)
        started, cpu = time.perf_counter(), time.process_time()
        update = update_fusion(store)
        out["fusion"], out["fusion_incremental"] = update.summary(), update.incremental
        out["fusion_seconds"] = round(time.perf_counter() - started, 2)
        out["fusion_cpu_seconds"] = round(time.process_time() - cpu, 2)
        if picture:
            started, cpu = time.perf_counter(), time.process_time()
            out["picture"] = refresh_picture(store)
            out["picture_seconds"] = round(time.perf_counter() - started, 2)
            out["picture_cpu_seconds"] = round(time.process_time() - cpu, 2)
    out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("build", "serve", "export", "add"))
    parser.add_argument(
        "--threads", type=int, default=None, help="serve: crosswire serve --threads (default 8)"
    )
    parser.add_argument("db")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=1000, help="per endpoint")
    parser.add_argument("--max-seconds", type=float, default=60.0)
    parser.add_argument(
        "--driver",
        choices=("auto", "wrk", "python"),
        default="auto",
        help="serve: load generator (auto: wrk when installed, else the Python one)",
    )
    parser.add_argument("--seconds", type=float, default=15.0, help="serve: wrk run per endpoint")
    parser.add_argument("--label", default="")
    parser.add_argument(
        "--analysed",
        action="store_true",
        help="build/add: copies with real analyses, fused and refreshed by the pipeline",
    )
    parser.add_argument("--workdir", default=os.environ.get("TMPDIR", "/tmp"))
    parser.add_argument(
        "--step",
        type=int,
        default=0,
        help="build/add --analysed: days between copies (default 73; 84 keeps ISO weeks apart)",
    )
    parser.add_argument(
        "--stage",
        choices=("all", "insert", "derive"),
        default="all",
        help="build --analysed: insert articles and analyses only, derive (fusion and "
        "picture) only, or both",
    )
    parser.add_argument(
        "--no-picture",
        action="store_true",
        help="add --analysed: time fusion alone (no picture refresh)",
    )
    parser.add_argument(
        "--new-names",
        action="store_true",
        help="add --analysed: every copy names its first entities by a new alias",
    )
    args = parser.parse_args()
    if args.step:
        import picture_synth

        picture_synth.STEP["days"] = args.step
    if args.what == "build" and args.analysed:
        import picture_synth

        result: dict[str, Any] = picture_synth.build_analysed(
            args.db, args.articles, Path(args.workdir), args.stage
        )
    elif args.what == "add" and args.analysed:
        result = add_analysed(
            args.db, args.articles, Path(args.workdir), args.new_names, not args.no_picture
        )
    elif args.what == "build":
        import picture_synth

        result = picture_synth.build(args.db, args.articles)
    elif args.what == "serve":
        result = serve(
            args.db,
            args.clients,
            args.requests,
            args.max_seconds,
            args.driver,
            args.seconds,
            args.threads,
        )
    elif args.what == "export":
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            result = export(args.db, Path(tmp))
    else:
        result = add(args.db, args.articles)
    result = {"what": args.what, "label": args.label, "cpus": os.cpu_count(), **result}
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = f"bench_picture-{args.what}-{args.label or 'run'}.json"
    (RESULTS / name).write_text(json.dumps(result, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
