"""Load test of the web app: 50 concurrent clients on the story page and the events query.

Builds a store from the package's demo corpus (plus the web test fixture's
fused overlay when run from a checkout), serves it with uvicorn in a
subprocess on loopback, and drives it from this process with httpx
AsyncClient. Bounded by request count and wall time. Prints a table and
writes JSON to bench/results/.

    python bench/bench_api.py [--clients 50] [--requests 2000] [--max-seconds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import loadgen

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"

# The server process: build the app over the db and inject the fixture overlay
# (fused sections) so the story page has events to render.
SERVER = """
import json, sys, uvicorn
from crosswire.web import create_app
app = create_app(sys.argv[1], token=None, analyse=False)
app.state.readmodel.overlay = json.load(open(sys.argv[2]))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[3]), log_level="warning")
"""


def build_store(workdir: Path) -> tuple[str, Path]:
    """A store with the web fixtures and demo corpus, and the overlay JSON path."""
    sys.path.insert(0, str(ROOT / "tests" / "web"))
    from conftest import FIXTURES, build_overlay  # type: ignore[import-not-found]
    from crosswire.cli.commands import demo_corpus
    from crosswire.ingest import ingest
    from crosswire.store import open_store

    db = str(workdir / "bench.db")
    store = open_store(db)
    ingest(
        [str(FIXTURES / "articles.jsonl"), str(FIXTURES / "xss.jsonl"), str(demo_corpus())], store
    )
    overlay = build_overlay(list(store.iter_articles()))
    store.close()
    path = workdir / "overlay.json"
    path.write_text(json.dumps(overlay), "utf-8")
    return db, path


async def drive(
    base: str, path: str, clients: int, total: int, max_seconds: float
) -> dict[str, Any]:
    """``total`` GETs of ``path`` from ``clients`` concurrent clients (or until the time bound)."""
    latencies: list[float] = []
    errors = 0
    issued = 0
    deadline = time.perf_counter() + max_seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:

        async def worker() -> None:
            nonlocal issued, errors
            while issued < total and time.perf_counter() < deadline:
                issued += 1
                t0 = time.perf_counter()
                try:
                    r = await client.get(path)
                    if r.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append(time.perf_counter() - t0)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "path": path,
        "requests": len(latencies),
        "errors": errors,
        "seconds": round(elapsed, 3),
        "rps": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(statistics.median(latencies) * 1000, 2) if latencies else None,
        "p99_ms": round(latencies[int(0.99 * (len(latencies) - 1))] * 1000, 2)
        if latencies
        else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000, help="per endpoint")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="per endpoint")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db, overlay = build_store(Path(tmp))
        port = loadgen.free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen(
            [sys.executable, "-c", SERVER, db, str(overlay), str(port)],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        try:
            for _ in range(300):  # wait until it answers
                try:
                    if httpx.get(base + "/api/health", timeout=1.0).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            else:
                print("server did not start", file=sys.stderr)
                return 1
            rows = [
                asyncio.run(drive(base, p, args.clients, args.requests, args.max_seconds))
                for p in (
                    "/stories/story:rivnopil",
                    "/api/events?story=story:rivnopil&since=2024-05-14&limit=50",
                )
            ]
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print(f"{'endpoint':62} {'req':>6} {'err':>4} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for r in rows:
        print(
            f"{r['path']:62} {r['requests']:>6} {r['errors']:>4} {r['rps']:>8} "
            f"{r['p50_ms']:>8} {r['p99_ms']:>8}"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "bench_api.json"
    out.write_text(
        json.dumps(
            {
                "clients": args.clients,
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "results": rows,
            },
            indent=2,
        ),
        "utf-8",
    )
    print(f"wrote {out}")
    return 0 if all(r["errors"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
