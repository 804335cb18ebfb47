"""URLs: loopback server, private-address guard, redirects, caps, content types."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from crosswire.model import Outcome, RawDocument
from crosswire.readers import ReadOptions, read_sources
from crosswire.readers.fetch import check_url
from crosswire.readers.files import ReaderError

Serve = Callable[[dict[str, tuple[int, dict[str, str], bytes]]], str]
LOCAL = ReadOptions(allow_private=True, timeout=5.0)
HTML = {"Content-Type": "text/html; charset=utf-8"}


def test_loopback_html_text_feed_and_redirect(http_server: Serve, fixtures: Path) -> None:
    base = http_server(
        {
            "/a": (200, HTML, (fixtures / "article.html").read_bytes()),
            "/t": (200, {"Content-Type": "text/plain"}, b"Plain wire copy."),
            "/feed": (
                200,
                {"Content-Type": "application/rss+xml"},
                (fixtures / "feed.rss").read_bytes(),
            ),
            # Some servers label feeds text/html; the bytes decide.
            "/feed-as-html": (200, HTML, (fixtures / "feed.atom").read_bytes()),
            "/moved": (301, {"Location": "/a"}, b""),
        }
    )
    items = list(
        read_sources(
            [f"{base}/a", f"{base}/t", f"{base}/feed", f"{base}/feed-as-html", f"{base}/moved"],
            LOCAL,
        )
    )
    page, text, *feed, atom, moved = items
    assert isinstance(page, RawDocument) and page.kind == "html" and "Zoë Brennan" in page.content
    assert page.source == f"{base}/a" and page.url == f"{base}/a"
    assert (
        isinstance(text, RawDocument) and text.kind == "text" and text.content == "Plain wire copy."
    )
    assert [f.source for f in feed] == [f"{base}/feed#{n}" for n in (1, 2, 3)]
    assert isinstance(atom, RawDocument) and atom.source == f"{base}/feed-as-html#1"
    # The source stays as given; url is where the page was finally found.
    assert (
        isinstance(moved, RawDocument)
        and moved.source == f"{base}/moved"
        and moved.url == f"{base}/a"
    )


def test_loopback_refused_without_allow_private(http_server: Serve) -> None:
    base = http_server({"/a": (200, HTML, b"<p>secret</p>")})
    (item,) = list(read_sources([f"{base}/a"]))
    assert item == Outcome(
        f"{base}/a", "failed", "E140 refused private address: 127.0.0.1 -> 127.0.0.1"
    )


def test_redirect_loop_is_bounded(http_server: Serve) -> None:
    base = http_server({"/x": (302, {"Location": "/y"}, b""), "/y": (302, {"Location": "/x"}, b"")})
    (item,) = list(read_sources([f"{base}/x"], LOCAL))
    assert item == Outcome(f"{base}/x", "failed", "E143 too many redirects (more than 5)")


def test_status_type_size_and_gzip_bomb(http_server: Serve) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000)
    base = http_server(
        {
            "/png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"),
            "/big": (200, HTML, b"<p>" + b"word " * 5000 + b"</p>"),
            "/bomb": (200, {**HTML, "Content-Encoding": "gzip"}, bomb),
            "/bin": (200, {"Content-Type": "application/octet-stream"}, b"\x00\x01\x02" * 10),
        }
    )
    options = ReadOptions(allow_private=True, max_bytes=20_000)
    sources = [f"{base}/missing", f"{base}/png", f"{base}/big", f"{base}/bomb", f"{base}/bin"]
    reasons = [i.reason for i in read_sources(sources, options) if isinstance(i, Outcome)]
    assert reasons == [
        "E142 HTTP status 404",
        "E144 unsupported content type: image/png",
        "E104 size exceeds limit of 20000 bytes",
        "E105 decompressed size exceeds limit of 20000 bytes",
        "E103 unsupported binary: NUL bytes",
    ]


def test_gzip_content_encoding_is_undone(http_server: Serve) -> None:
    body = gzip.compress("<p>Zürich council votes</p>".encode())
    base = http_server({"/z": (200, {**HTML, "Content-Encoding": "gzip"}, body)})
    (doc,) = list(read_sources([f"{base}/z"], LOCAL))
    assert isinstance(doc, RawDocument) and doc.content == "<p>Zürich council votes</p>"


def test_mock_transport_redirect_to_private_address_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "93.184.215.14":
            return httpx.Response(
                302, headers={"Location": "http://169.254.169.254/latest/meta-data"}
            )
        return httpx.Response(200, text="metadata")

    options = ReadOptions(transport=httpx.MockTransport(handler))
    (item,) = list(read_sources(["http://93.184.215.14/news"], options))
    assert item == Outcome(
        "http://93.184.215.14/news",
        "failed",
        "E140 refused private address: 169.254.169.254 -> 169.254.169.254",
    )


def test_mock_transport_errors_become_outcomes() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    options = ReadOptions(transport=httpx.MockTransport(handler), allow_private=True)
    (item,) = list(read_sources(["https://news.test/a"], options))
    assert item == Outcome("https://news.test/a", "failed", "E141 fetch error: connection refused")


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://example.org/a", "E145 unsupported URL scheme: ftp"),
        ("http://[::1]/", "E140 refused private address: ::1 -> ::1"),
        ("http://10.1.2.3/", "E140 refused private address"),
        ("http://[::ffff:127.0.0.1]/", "E140 refused private address"),
        ("http://0.0.0.0/", "E140 refused private address"),
        ("http://224.0.0.1/", "E140 refused private address"),
        ("http://100.64.0.1/", "E140 refused private address"),
        # IPv6 addresses that carry a private IPv4 one (#15): 6to4, NAT64, Teredo, v4-compatible
        ("http://[2002:7f00:1::1]/", "E140 refused private address"),
        ("http://[2002:a9fe:a9fe::1]/", "E140 refused private address"),
        ("http://[64:ff9b::7f00:1]/", "E140 refused private address"),
        ("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "E140 refused private address"),
        ("http://[::127.0.0.1]/", "E140 refused private address"),
        ("http://localhost:99999/", "E145 bad URL"),
        ("http:///nohost", "E145 bad URL"),
    ],
)
def test_url_guard(url: str, code: str) -> None:
    with pytest.raises(ReaderError) as caught:
        check_url(url, allow_private=False)
    assert caught.value.reason.startswith(code)


def test_public_ip_literal_passes_guard() -> None:
    check_url("https://93.184.215.14/", allow_private=False)
    check_url("https://[2002:5db8:d70e::1]/", allow_private=False)  # 6to4 of a public address
    check_url("https://[2606:4700:4700::1111]/", allow_private=False)


def test_mock_transport_feed_relative_links_and_header_charset() -> None:
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>/</link>'
        b"<item><title>A</title><link>/news/a</link><description>Body</description></item>"
        b"</channel></rss>"
    )
    page = gzip.compress("<p>café Renée</p>".encode("cp1252"))

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/rss":
            return httpx.Response(200, headers={"Content-Type": "text/xml"}, content=feed)
        headers = {"Content-Type": "text/html; charset=windows-1252", "Content-Encoding": "gzip"}
        return httpx.Response(200, headers=headers, content=page)

    options = ReadOptions(transport=httpx.MockTransport(handler), allow_private=True)
    entry, doc = list(read_sources(["https://news.test/rss", "https://news.test/p"], options))
    assert isinstance(entry, RawDocument) and entry.url == "https://news.test/news/a"
    assert entry.source == "https://news.test/rss#1" and entry.outlet == "news.test"
    assert isinstance(doc, RawDocument) and doc.content == "<p>café Renée</p>"
