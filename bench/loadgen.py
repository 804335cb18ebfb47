"""A cheap load generator for bench_picture.py serve: wrk (C, from Debian's ``wrk``).

The Python driver (httpx, asyncio) spends more CPU per request than the server
it measures, and on a 2-core machine it shares the cores with it: its p99 then
measures CPU queueing of the client as much as the server. wrk keeps 50
connections busy for a fraction of that CPU. Paths are drawn at random from a
list written by the caller (the same random story pages and month windows), and
a Lua ``done`` hook prints the figures as JSON.

``cpu_seconds(pid)`` reads a process's user+system CPU, so the caller reports
the server's CPU per request and the load generator's own CPU next to the
latencies.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

LUA = r"""
local paths = {}
for line in io.lines(os.getenv("CROSSWIRE_PATHS")) do paths[#paths + 1] = line end
math.randomseed(tonumber(os.getenv("CROSSWIRE_SEED") or "7"))
request = function()
  return wrk.format("GET", paths[math.random(1, #paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'CROSSWIRE {"requests": %d, "seconds": %.3f, "connect": %d, "read": %d, "write": %d, '
    .. '"status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration / 1e6, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def available() -> bool:
    """Whether wrk is installed (``apt-get install wrk``)."""
    return shutil.which("wrk") is not None


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds used so far by process ``pid``."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def is_postgres(db: str) -> bool:
    """Whether ``db`` is a PostgreSQL URL (else a SQLite path)."""
    return db.startswith(("postgresql:", "postgres:"))


def db_backends(db: str) -> list[int]:
    """PostgreSQL: the server processes serving ``crosswire serve``'s connections
    (application name ``crosswire``) on ``db``; [] for SQLite."""
    if not is_postgres(db):
        return []
    import psycopg

    with psycopg.connect(db, autocommit=True, application_name="bench") as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND application_name = 'crosswire'"
        ).fetchall()
    return [int(r[0]) for r in rows]


def db_cpu(db: str) -> dict[int, float]:
    """CPU seconds used so far by each of the database's server processes
    serving ``crosswire serve`` (same machine only; {} for SQLite)."""
    out: dict[int, float] = {}
    for pid in db_backends(db):
        try:
            out[pid] = cpu_seconds(pid)
        except OSError:  # gone, or on another machine
            continue
    return out


def rss_peak_mb(pid: int) -> float:
    """Peak resident memory of process ``pid`` in MB (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def drive_wrk(base: str, paths: list[str], clients: int, seconds: float) -> dict[str, Any]:
    """GETs of random ``paths`` by ``clients`` keep-alive connections for ``seconds``."""
    with tempfile.TemporaryDirectory() as tmp:
        listing, script = Path(tmp) / "paths.txt", Path(tmp) / "paths.lua"
        listing.write_text("\n".join(paths) + "\n", "utf-8")
        script.write_text(LUA, "utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{clients}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "30s",
                "-s",
                str(script),
                base,
            ],
            env={**os.environ, "CROSSWIRE_PATHS": str(listing)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next(x for x in out.splitlines() if x.startswith("CROSSWIRE "))
    got = json.loads(line.removeprefix("CROSSWIRE "))
    errors = {k: got[k] for k in ("connect", "read", "write", "status", "timeout") if got[k]}
    client_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "driver": "wrk",
        "requests": got["requests"],
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "rps": round(got["requests"] / max(got["seconds"], 1e-9), 1),
        "p50_ms": round(got["p50_us"] / 1000, 1),
        "p90_ms": round(got["p90_us"] / 1000, 1),
        "p99_ms": round(got["p99_us"] / 1000, 1),
        "max_ms": round(got["max_us"] / 1000, 1),
        "client_cpu_s": round(client_cpu, 2),
    }
