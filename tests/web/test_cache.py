"""The response cache of the read side (web/cache.py): bounded, and one
computation for concurrent misses of one answer."""

from __future__ import annotations


def test_response_cache_is_bounded() -> None:
    from crosswire.web.cache import ResponseCache

    cache = ResponseCache(entries=3, max_bytes=1000)
    for n in range(5):
        cache.put(("v", f"/p{n}", ""), b"x" * 50)
    assert cache.get(("v", "/p0", "")) is None and cache.get(("v", "/p4", "")) == b"x" * 50
    cache.put(("v", "/big", ""), b"x" * 101)  # over a tenth of the budget: not kept
    assert cache.get(("v", "/big", "")) is None
    for n in range(3):
        cache.put(("w", f"/q{n}", ""), b"y" * 400)
    assert cache._bytes <= 1000


def test_concurrent_misses_of_one_answer_compute_it_once() -> None:
    import threading
    import time

    from starlette.requests import Request
    from starlette.responses import Response

    from crosswire.web.cache import ResponseCache

    cache = ResponseCache()
    calls: list[int] = []

    def make() -> Response:
        calls.append(1)
        time.sleep(0.05)  # a slow render: the other threads arrive meanwhile
        return Response(b'{"items":[]}', media_type="application/json")

    scope = {"type": "http", "path": "/api/events", "query_string": b"since=2025-03-01"}
    bodies: list[bytes] = []

    def ask() -> None:
        bodies.append(bytes(cache.answer(Request({**scope, "headers": []}), "v1", make).body))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and bodies == [b'{"items":[]}'] * 8
    cache.answer(Request({**scope, "headers": []}), "v2", make)  # another version: computed
    assert len(calls) == 2
