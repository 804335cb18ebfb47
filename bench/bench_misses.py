"""CPU per miss of the read side's three loaded endpoints, in process, one client.

    python bench/bench_misses.py DB [--pages 60] [--render]

For ``crosswire serve`` under 50 clients the tail is the answers not yet kept:
this times them apart from any scheduler. Each page is computed with nothing
kept (no response cache, no rendered rows), as the first request for it after a
refresh or a restart is: a story page (one of the first 500 stories, as
``bench_picture.py serve`` picks them), a story-list page at a random offset,
an events page for a random month of 2025-2027. Times are the thread's CPU
(``time.thread_time``), so other jobs on the machine barely move them; on
PostgreSQL the database server's CPU is not counted. Also times the picture
freshness check (web/freshness.py): the full check and the change mark that
lets it skip the counts. Since migration 13 the refresh renders these answers
into ``pic_rendered`` (web/prerender.py) and a miss reads them: ``--render``
first renders whatever is missing (a store built before migration 13, or by
other code), as the next refresh would, and times that. Without stored answers
the misses are rendered on request, as before. ``wall_p50_ms`` is the median
wall time (with PostgreSQL's own work, and any wait for a core). Results go to
bench/results/bench_misses-*.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from crosswire.store import open_store  # noqa: E402
from crosswire.store.picture import get_state, store_key  # noqa: E402
from crosswire.store.picture_db import PictureDb  # noqa: E402
from crosswire.web.freshness import _data_version  # noqa: E402
from crosswire.web.items import RenderedRows  # noqa: E402
from crosswire.web.prerender import render_pending  # noqa: E402
from crosswire.web.query import Filters  # noqa: E402
from crosswire.web.render_stamp import code_stamp  # noqa: E402
from crosswire.web.tables import TableReader  # noqa: E402


def _cpu_ms(fn: Callable[[], Any], n: int) -> dict[str, float]:
    out, wall = [], []
    for _ in range(n):
        t0, w0 = time.thread_time(), time.perf_counter()
        fn()
        out.append((time.thread_time() - t0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    return {
        "mean_ms": round(statistics.fmean(out), 3),
        "p50_ms": round(statistics.median(out), 3),
        "max_ms": round(max(out), 3),
        # Wall time adds the database server's work on PostgreSQL (and waiting
        # for a core on a loaded machine).
        "wall_p50_ms": round(statistics.median(wall), 3),
    }


def render(store: Any) -> dict[str, Any]:
    """Render the answers missing from ``pic_rendered`` (one transaction), timed."""
    db = PictureDb(store)
    t0, c0 = time.perf_counter(), time.process_time()
    with db.transaction():
        n = render_pending(db, store)
    return {
        "answers": n,
        "wall_s": round(time.perf_counter() - t0, 1),
        "cpu_s": round(time.process_time() - c0, 1),
    }


def measure(db: str, pages: int, fill: bool = False) -> dict[str, Any]:
    """CPU per miss of each endpoint and of the freshness check on ``db``."""
    store = open_store(db)
    out: dict[str, Any] = {"rendered at refresh": render(store) if fill else None}
    reader = TableReader(store, "bench", RenderedRows())
    row = reader.db.one("SELECT COUNT(*) FROM pic_rendered WHERE stamp = ?", (code_stamp(),))
    out["stored answers"] = int(row[0]) if row else 0
    stories = int(reader.counts().get("stories", 0))
    ids = [str(r[0]) for r in reader.db.rows("SELECT id FROM pic_stories ORDER BY seq LIMIT 500")]
    rng = random.Random(7)

    def story_page() -> None:
        # As /api/stories/{id} answers a miss: the stored page, else rendered here.
        assert reader.story_page_json(rng.choice(ids)) is not None

    def story_list() -> None:
        reader.rendered = RenderedRows()
        offset = rng.randrange(0, max(1, stories - 50))
        reader.stories_page_json(Filters(), 50, offset, None)

    def events() -> None:
        reader.rendered = RenderedRows()
        year, month = rng.randrange(2025, 2028), rng.randrange(1, 13)
        day = f"{year}-{month:02d}"
        reader.events_page_json(Filters(since=f"{day}-01", until=f"{day}-28"), 50, 0, None)

    out["stories"] = stories
    for name, fn in (("story page", story_page), ("story list", story_list), ("events", events)):
        out[name] = _cpu_ms(fn, pages)
    out["freshness full check"] = _cpu_ms(
        lambda: (get_state(reader.db, "built"), store_key(reader.db)), 20
    )
    out["freshness change mark"] = _cpu_ms(lambda: _data_version(reader.db), 20)
    store.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--label", default="run")
    parser.add_argument(
        "--render", action="store_true", help="first render the answers missing from the store"
    )
    args = parser.parse_args()
    measured = measure(args.db, args.pages, args.render)
    result = {"db": args.db, "load": os.getloadavg()[0], **measured}
    print(json.dumps(result, indent=2))
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / f"bench_misses-{args.label}.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
