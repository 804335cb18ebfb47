"""Fetching one URL with httpx: bounded in size, time, redirects and destination.

Redirects are followed by hand so that every hop is checked against the
private-address guard (a public URL redirecting to 169.254.169.254 is the
classic server-side request forgery). Bodies are read raw and decompressed
here with a cap, because httpx would inflate a whole network chunk at once.

Known limit: the guard resolves the host, then httpx resolves it again to
connect, so a DNS server answering differently the second time (rebinding)
could slip through. Use a network-level egress policy where that matters.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from .files import ReaderError, size_error
from .options import ReadOptions
from .sniff import format_from_content_type, media_type

log = logging.getLogger(__name__)

_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
)
# Types worth downloading to sniff: unlabelled or generic bodies may still be pages.
_SNIFFABLE = {"", "application/octet-stream", "application/gzip", "application/x-gzip"}


@dataclass(frozen=True)
class Fetched:
    """A downloaded body (content encodings undone) and where it finally came from."""

    url: str
    content: bytes
    content_type: str | None


_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_V4_COMPAT = ipaddress.ip_network("::/96")


def _embedded_v4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries and routes to: mapped (::ffff:a.b.c.d),
    6to4 (2002:aabb:ccdd::), Teredo (both ends), NAT64 and IPv4-compatible (::a.b.c.d)."""
    found = [v4 for v4 in (ip.ipv4_mapped, ip.sixtofour) if v4 is not None]
    if ip.teredo is not None:
        found.extend(ip.teredo)
    if any(ip in net for net in _NAT64) or (ip in _V4_COMPAT and int(ip) > 1):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def _forbidden(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        # An address that tunnels to a private IPv4 one is as private as it.
        if any(_forbidden(v4) for v4 in _embedded_v4(ip)):
            return True
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def check_url(url: str, allow_private: bool) -> None:
    """Raise ReaderError unless ``url`` is http(s) and (unless allowed) reaches only public IPs."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise ReaderError("failed", f"E145 bad URL: {exc}") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise ReaderError("failed", f"E145 unsupported URL scheme: {parts.scheme}")
    host = parts.hostname
    if not host:
        raise ReaderError("failed", "E145 bad URL: no host")
    if allow_private:
        return
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise ReaderError("failed", f"E146 host does not resolve: {host}") from exc
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        if _forbidden(address):
            raise ReaderError("failed", f"E140 refused private address: {host} -> {address}")


class _Inflater:
    """Undo a Content-Encoding incrementally, never producing more than the cap."""

    def __init__(self, encoding: str, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.total = 0
        self.parts: list[bytes] = []
        self.encoding = encoding
        self.zlib: zlib._Decompress | None = None
        if encoding in ("gzip", "x-gzip"):
            self.zlib = zlib.decompressobj(wbits=31)
        elif encoding == "deflate":
            self.zlib = zlib.decompressobj(wbits=47)  # zlib or gzip header, auto-detected
        elif encoding not in ("", "identity"):
            raise ReaderError("failed", f"E141 unsupported content encoding: {encoding}")

    def _add(self, data: bytes, compressed: bool) -> None:
        self.total += len(data)
        if self.total > self.max_bytes:
            raise size_error(self.max_bytes, compressed)
        self.parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if self.zlib is None:
            self._add(chunk, False)
            return
        pending = chunk
        try:
            while pending and not self.zlib.eof:
                out = self.zlib.decompress(pending, self.max_bytes + 1 - self.total)
                self._add(out, True)
                pending = self.zlib.unconsumed_tail
        except zlib.error as exc:
            raise ReaderError("failed", f"E141 bad {self.encoding} body: {exc}") from exc

    def result(self) -> bytes:
        return b"".join(self.parts)


def _download(response: httpx.Response, options: ReadOptions, deadline: float) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > options.max_bytes:
        raise size_error(options.max_bytes, False)
    encoding = response.headers.get("content-encoding", "").strip().lower()
    inflater = _Inflater(encoding, options.max_bytes)
    try:
        for chunk in response.iter_raw():
            inflater.feed(chunk)
            # httpx timeouts are per read; a server dripping bytes needs a total bound.
            if time.monotonic() > deadline:
                raise ReaderError("failed", "E141 fetch error: body not received in time")
    except httpx.StreamConsumed:
        # Stand-in transports may hand back a response whose body httpx already
        # read and decoded (httpx.Response(content=...)): only the cap is left to apply.
        inflater = _Inflater("identity", options.max_bytes)
        inflater.feed(response.content)
    return inflater.result()


def fetch(url: str, options: ReadOptions) -> Fetched:
    """Download ``url``; raises ReaderError (E140-E146, E104/E105) when it cannot or should not."""
    headers = {"User-Agent": options.user_agent, "Accept": _ACCEPT, "Accept-Encoding": "gzip"}
    current = url
    with httpx.Client(
        transport=options.transport,
        timeout=options.timeout,
        follow_redirects=False,
        headers=headers,
        # Proxies from the environment would bypass the address guard.
        trust_env=False,
    ) as client:
        for _hop in range(options.max_redirects + 1):
            check_url(current, options.allow_private)
            deadline = time.monotonic() + options.timeout
            try:
                with client.stream("GET", current) as response:
                    location = response.headers.get("location")
                    if response.is_redirect and location:
                        current = urljoin(current, location)
                        log.debug("redirect %s -> %s", url, current)
                        continue
                    if response.status_code != 200:
                        raise ReaderError("failed", f"E142 HTTP status {response.status_code}")
                    content_type = response.headers.get("content-type")
                    mtype = media_type(content_type)
                    if format_from_content_type(content_type) is None and mtype not in _SNIFFABLE:
                        raise ReaderError("skipped", f"E144 unsupported content type: {mtype}")
                    body = _download(response, options, deadline)
                    return Fetched(str(response.url), body, content_type)
            except httpx.TimeoutException as exc:
                raise ReaderError("failed", "E141 fetch error: timed out") from exc
            except httpx.HTTPError as exc:
                detail = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
                raise ReaderError("failed", f"E141 fetch error: {detail}") from exc
    raise ReaderError("failed", f"E143 too many redirects (more than {options.max_redirects})")
