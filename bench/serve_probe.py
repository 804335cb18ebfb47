"""Where the tail of ``crosswire serve`` comes from: the server's side of each request.

    python bench/serve_probe.py DB [--seconds 10] [--clients 50] [--threads 8] [--warm]

wrk's latency is the client's: from writing a request to reading the last byte
of its answer. This serves ``DB`` with the app of ``crosswire serve`` (uvicorn,
start-up objects frozen), drives the same three loads as ``bench_picture.py
serve`` with wrk, and reports per endpoint, next to wrk's p50/p99, what the
server saw: time inside the app for kept answers (hits) and for misses (routed
past the response cache), how many misses, the event loop's lag (a 5 ms timer's
delay: time when no request is read or answered, with the loop thread's CPU in
the long ones, so a lag spent waiting for a core or the GIL shows apart from one
spent working), the loop thread's CPU per request (parsing, the app's middleware,
writing the answer: what every client waits for) next to the whole process's,
the answer's size, and garbage-collection pauses. When wrk's p99 is far above
the server's, the tail is the loop's lag or the machine, not request handling.
``--warm`` asks every path of a load once before driving it, so the figures are
those of kept answers (hits) alone.
``PYTHONPATH=/other/checkout/src`` probes that checkout's code.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import resource
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import loadgen

ROOT = Path(__file__).resolve().parents[1]
_CALLER = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([*_CALLER, str(ROOT / "src")])}


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[int(q * (len(ordered) - 1))], 2) if ordered else 0.0


def run_server(db: str, port: int, threads: int, out: str) -> None:
    """Serve ``db`` with probes; SIGUSR1 writes the figures since the last one to ``out``."""
    import uvicorn

    from crosswire.web import create_app
    from crosswire.web.cache import CHECKED

    app = create_app(db, threads=threads)
    requests: list[tuple[float, bool]] = []
    sizes: list[int] = []
    lags: list[tuple[float, float]] = []
    pauses: list[tuple[int, float]] = []
    started: dict[str, float] = {}

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started["gc"] = time.perf_counter()
        else:
            pauses.append((info["generation"], (time.perf_counter() - started["gc"]) * 1000))

    gc.callbacks.append(on_gc)

    async def timed(scope: Any, receive: Any, send: Any) -> None:
        async def sized(message: Any) -> None:
            if message["type"] == "http.response.body":
                sizes.append(len(message.get("body", b"")))
            await send(message)

        t = time.perf_counter()
        await app(scope, receive, sized)
        if scope["type"] == "http":
            requests.append(((time.perf_counter() - t) * 1000, CHECKED in scope))

    async def monitor() -> None:
        while True:
            t, cpu = time.perf_counter(), time.thread_time()
            await asyncio.sleep(0.005)
            lags.append(((time.perf_counter() - t) * 1000 - 5, (time.thread_time() - cpu) * 1000))

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    mark = {"cpu": cpu()}

    def dump() -> None:
        process_cpu, mark["cpu"] = cpu() - mark["cpu"], cpu()
        loop_cpu = sum(c for _, c in lags)
        served = max(1, len(requests))
        hits = [ms for ms, missed in requests if not missed]
        misses = [ms for ms, missed in requests if missed]
        long = [lag for lag in lags if lag[0] > 40]
        figures = {
            "requests": len(requests),
            "misses": len(misses),
            "body_bytes_mean": round(sum(sizes) / max(1, len(sizes))),
            "loop_cpu_ms_per_request": round(loop_cpu / served, 4),
            "process_cpu_ms_per_request": round(process_cpu * 1000 / served, 4),
            "hit_p99_ms": _pct(hits, 0.99),
            "miss_p50_ms": _pct(misses, 0.5),
            "miss_p99_ms": _pct(misses, 0.99),
            "lag_p50_ms": _pct([w for w, _ in lags], 0.5),
            "lag_p99_ms": _pct([w for w, _ in lags], 0.99),
            "lags_over_40ms": len(long),
            "lags_over_40ms_wall_ms": round(sum(w for w, _ in long), 1),
            "lags_over_40ms_loop_cpu_ms": round(sum(c for _, c in long), 1),
            "gc_full": [round(ms, 1) for g, ms in pauses if g == 2],
            "gc_young_ms": round(sum(ms for g, ms in pauses if g < 2), 1),
        }
        Path(out).write_text(json.dumps(figures), "utf-8")
        requests.clear()
        sizes.clear()
        lags.clear()
        pauses.clear()

    class Server(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets)
            loop = asyncio.get_running_loop()
            loop.create_task(monitor())
            loop.add_signal_handler(signal.SIGUSR1, dump)

    gc.freeze()
    config = uvicorn.Config(
        timed, host="127.0.0.1", port=port, log_level="warning", timeout_keep_alive=30
    )
    Server(config).run()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--warm", action="store_true", help="ask every path once first")
    parser.add_argument("--serve", nargs=2, metavar=("PORT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        run_server(args.db, int(args.serve[0]), args.threads, args.serve[1])
        return 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = f"/tmp/serve_probe-{os.getpid()}.json"
    cmd = [sys.executable, __file__, args.db, "--threads", str(args.threads)]
    proc = subprocess.Popen([*cmd, "--serve", str(port), out], env=ENV)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(1200):
            try:
                urllib.request.urlopen(base + "/api/health", timeout=30).read()
                break
            except OSError:
                time.sleep(0.1)
        with urllib.request.urlopen(base + "/api/stories?limit=500", timeout=60) as answer:
            ids = [s["id"] for s in json.load(answer)["items"]]
        with urllib.request.urlopen(base + "/api/health", timeout=30) as answer:
            stories = int(json.load(answer).get("stories", len(ids)))
        rng = random.Random(7)
        loads = {
            "story list": [
                f"/api/stories?limit=50&offset={rng.randrange(0, max(1, stories - 50))}"
                for _ in range(1000)
            ],
            "story page": [f"/api/stories/{rng.choice(ids)}" for _ in range(1000)],
            "events query": [
                f"/api/events?since={y}-{m:02d}-01&until={y}-{m:02d}-28&limit=50"
                for y, m in ((rng.randrange(2025, 2028), rng.randrange(1, 13)) for _ in range(1000))
            ],
        }
        proc.send_signal(signal.SIGUSR1)  # figures from now on
        time.sleep(0.5)
        rows: dict[str, Any] = {"load": os.getloadavg()[0]}
        for name, paths in loads.items():
            if args.warm:
                for path in dict.fromkeys(paths):
                    urllib.request.urlopen(base + path, timeout=60).read()
                proc.send_signal(signal.SIGUSR1)  # the warm-up's figures are dropped
                time.sleep(0.5)
            row = loadgen.drive_wrk(base, paths, args.clients, args.seconds)
            proc.send_signal(signal.SIGUSR1)
            time.sleep(1.0)
            server = json.loads(Path(out).read_text("utf-8"))
            rows[name] = {
                "wrk_p50_ms": row["p50_ms"],
                "wrk_p99_ms": row["p99_ms"],
                "errors": row["errors"],
                **server,
            }
        rows["load_after"] = os.getloadavg()[0]
        print(json.dumps(rows, indent=2))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        Path(out).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
