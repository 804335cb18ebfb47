"""Text search (q=) over the picture tables, in process: one page of 50 and its count.

    python bench/bench_search.py DB [--words military,fuel,observatory,strike]

DB is a SQLite path or a postgresql:// URL of a store with current picture
tables (e.g. ``python bench/bench_picture.py build DB --articles 100000``).
For each word it times the claims, articles, events and stories lists and the
story index page through :class:`crosswire.web.tables.TableReader` (mean of
``--repeats`` after one warm-up call) and prints the total ("1000+" when the
count stopped at its cap).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any

from crosswire.store import open_store
from crosswire.web.items import RenderedRows
from crosswire.web.query import Filters
from crosswire.web.tables import TableReader


def _time(label: str, call: Callable[[], Any], repeats: int) -> None:
    call()
    start = time.perf_counter()
    for _ in range(repeats):
        out = call()
    ms = 1000 * (time.perf_counter() - start) / repeats
    if isinstance(out, bytes):
        out = json.loads(out)
    if isinstance(out, dict):
        total, more = out.get("total"), out.get("total_more", False)
    else:
        total, more = out[1], (out[2] if len(out) > 2 else False)
    print(f"{label:34s} {ms:9.1f} ms  total={total}{'+' if more else ''}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--words", default="military,fuel,observatory,strike")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    reader = TableReader(open_store(args.db), "bench", RenderedRows())
    for word in args.words.split(","):
        f = Filters(q=word)
        calls: dict[str, Callable[[Filters], Any]] = {
            "claims": lambda f: reader.claims_page(f, 50, 0, None),
            "articles": lambda f: reader.articles_page(f, 50, 0, None),
            "events": lambda f: reader.events_page_json(f, 50, 0, None),
            "stories": lambda f: reader.stories_page_json(f, 50, 0, None),
            "index": lambda f: reader.index_page(f, "recent", 25, 0),
        }
        for name, call in calls.items():
            _time(f"{name} q={word}", lambda call=call, f=f: call(f), args.repeats)


if __name__ == "__main__":
    main()
