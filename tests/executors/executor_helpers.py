"""Helpers of the executor tests: a WARC builder, export comparison, a dying shard function."""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "executors"

_PAGE = """<html><head><title>{title}</title></head><body><article>
<h1>{title}</h1><p>{body}</p><p>Officials in {place} said the work would take {n} weeks
and cost about {n} million euros, according to a statement issued on Tuesday.</p>
</article></body></html>"""


def write_warc(path: Path, pages: int, *, gzip: bool = False) -> Path:
    """A crawl-like WARC: warcinfo, then a request and an HTML response per page."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
    places = ["Alvera", "Merrow", "Castelnovo", "Brindley", "Ostrava", "Kelmarsh", "Tarn"]
    for i in range(pages):
        url = f"https://example.org/news/{i}"
        place = places[i % len(places)]
        body = _PAGE.format(
            title=f"Bridge repairs begin in {place} ({i})",
            body=f"Crews began repairing the old stone bridge in {place} on Monday, "
            f"closing it to traffic for the first time in {10 + i} years.",
            place=place,
            n=3 + i,
        ).encode()
        request = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "x")], is_http_request=True)
        writer.write_record(
            writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request)
        )
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    path.write_bytes(buf.getvalue())
    return path


def comparable(export: dict[str, Any]) -> dict[str, Any]:
    """The parts of an export that must not depend on the executor."""
    keys = ("articles", "entities", "places", "dates", "quantities", "claims")
    return {key: export[key] for key in keys}


def die_once(fn: Callable[[Any], Any], marker: str, shard: Any) -> Any:
    """Kill this worker process the first time any shard reaches it, then work normally.

    ``marker`` is a file path shared by all workers: whoever creates it dies.
    """
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return fn(shard)
    os.close(fd)
    os._exit(17)


class DyingExecutor:
    """Wraps an executor so the first shard to start kills its worker process."""

    def __init__(self, inner: Any, marker: str) -> None:
        self.inner = inner
        self.marker = marker
        self.name = inner.name
        self.workers = inner.workers

    def map_shards(self, fn: Callable[[Any], Any], shards: Sequence[Any]) -> Iterator[Any]:
        yield from self.inner.map_shards(functools.partial(die_once, fn, self.marker), shards)

    def close(self) -> None:
        self.inner.close()

    def __enter__(self) -> DyingExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DriverKilled(BaseException):
    """Stands in for SIGKILL of the driver: nothing catches it, nothing cleans up."""


class KilledAfter:
    """Runs shards in-process; after ``shards`` results, writes part of the next shard and dies.

    The partial write is the first article of the next shard (article, signature,
    analysis), exactly what a driver killed between two articles leaves behind.
    """

    name = "killed"
    workers = 0

    def __init__(self, store: Any, shards: int) -> None:
        self.store = store
        self.shards = shards

    def map_shards(self, fn: Callable[[Any], Any], shards: Sequence[Any]) -> Iterator[Any]:
        for n, shard in enumerate(shards):
            result = fn(shard)
            if n == self.shards:
                item = next(i for i in result.items if i.article is not None)
                self.store.add_article(item.article, item.signature)
                self.store.save_analysis(item.article.id, *item.analysis)
                raise DriverKilled()
            yield result

    def close(self) -> None:
        pass

    def __enter__(self) -> KilledAfter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
