"""Inline SVG for the HTML report: a map of event places and three small charts.

No tiles, fonts or scripts: the map is an equirectangular plot (longitude
scaled by the cosine of the middle latitude so shapes are not squashed) with a
light graticule, each place drawn as a dot inside a ring whose radius shows the
geocoding precision (ACLED's 1 town, 2 near a town or part of a region, 3
region or country). Every label is escaped here, since the SVG is inserted
into the page as markup. Coordinates are printed with one decimal so the same
input always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape

from crosswire.report import util as u
from crosswire.report.types import Event, Series

# Ring radius in kilometres per place precision: how far off the true place may be.
_RING_KM = {1: 5.0, 2: 25.0, 3: 120.0}
_KM_PER_DEGREE = 111.32
_STEPS = (0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 45.0, 90.0)
_FONT = 'font-family="sans-serif" font-size="11"'


def _f(x: float) -> str:
    return f"{x:.1f}"


def _esc(s: str) -> str:
    return escape(s, quote=True)


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str) -> str:
    return f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" stroke="{stroke}"/>'


def _text(x: float, y: float, body: str, anchor: str = "start") -> str:
    """A label; ``body`` must already be escaped."""
    return f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}">{body}</text>'


def _open(width: float, height: float, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(width)} {_f(height)}"'
        f' width="{_f(width)}" height="{_f(height)}" role="img"><title>{_esc(title)}</title>'
    )


def _step(span: float) -> float:
    return next((s for s in _STEPS if span / s <= 6), _STEPS[-1])


def _deg(value: float, pos: str, neg: str) -> str:
    hemi = pos if value >= 0 else neg
    return f"{abs(value):g}°{hemi}"


def event_map(events: list[Event], width: float = 640.0, max_height: float = 420.0) -> str:
    """The events' places on a graticule; an empty string when none has coordinates."""
    places: dict[tuple[float, float, str], tuple[int, int]] = {}
    for e in events:
        if e.lat is None or e.lon is None:
            continue
        key = (round(e.lat, 4), round(e.lon, 4), e.place or "")
        count, prec = places.get(key, (0, 0))
        places[key] = (count + 1, max(prec, e.place_precision or 1))
    if not places:
        return ""
    lats = [k[0] for k in places]
    lons = [k[1] for k in places]
    pad = max(0.5, 0.15 * max(max(lats) - min(lats), max(lons) - min(lons)))
    south, north = max(-90.0, min(lats) - pad), min(90.0, max(lats) + pad)
    west, east = max(-180.0, min(lons) - pad), min(180.0, max(lons) + pad)
    k = max(0.05, math.cos(math.radians((south + north) / 2)))
    margin = 28.0
    scale = min(
        (width - 2 * margin) / ((east - west) * k), (max_height - 2 * margin) / (north - south)
    )
    height = (north - south) * scale + 2 * margin
    x0 = (width - (east - west) * k * scale) / 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return x0 + (lon - west) * k * scale, margin + (north - lat) * scale

    out = [_open(width, height, "Map of event places"), f'<g {_FONT} fill="#555">']
    out.append(
        f'<rect x="{_f(x0)}" y="{_f(margin)}" width="{_f((east - west) * k * scale)}"'
        f' height="{_f((north - south) * scale)}" fill="#f4f7fa" stroke="#99a"/>'
    )
    step = _step(max(north - south, east - west))
    lat = math.ceil(south / step) * step
    while lat <= north:
        (xa, y), (xb, _) = xy(lat, west), xy(lat, east)
        out.append(_line(xa, y, xb, y, "#dde"))
        out.append(_text(xa - 3, y + 4, _deg(round(lat, 2), "N", "S"), "end"))
        lat += step
    lon = math.ceil(west / step) * step
    while lon <= east:
        (x, ya), (_, yb) = xy(north, lon), xy(south, lon)
        out.append(_line(x, ya, x, yb, "#dde"))
        out.append(_text(x, yb + 14, _deg(round(lon, 2), "E", "W"), "middle"))
        lon += step
    out.append("</g>")
    for (plat, plon, name), (count, prec) in sorted(places.items()):
        x, y = xy(plat, plon)
        r = min(60.0, max(5.0, _RING_KM.get(prec, 120.0) / _KM_PER_DEGREE * scale))
        label = f"{name} ({u.plural(count, 'event')})" if name else u.plural(count, "event")
        out.append(
            f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" fill="#c0392b" fill-opacity="0.12"'
            f' stroke="#c0392b" stroke-dasharray="3 2"><title>precision {prec}</title></circle>'
            f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3" fill="#c0392b"/>'
            f'<text x="{_f(x + 6)}" y="{_f(y - 6)}" {_FONT} fill="#222">{_esc(label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _days(rows: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Fill the gaps between the first and last day (up to three months)."""
    try:
        first, last = dt.date.fromisoformat(rows[0][0]), dt.date.fromisoformat(rows[-1][0])
    except ValueError:
        return rows
    span = (last - first).days
    if span > 92:
        return rows
    counts = dict(rows)
    days = (first + dt.timedelta(days=i) for i in range(span + 1))
    return [(d.isoformat(), counts.get(d.isoformat(), 0)) for d in days]


def events_per_day(rows: list[tuple[str, int]], width: float = 640.0) -> str:
    """Vertical bars: events per day; an empty string when there are none."""
    if not rows:
        return ""
    rows = _days(rows)
    height, left, bottom, top = 160.0, 32.0, 34.0, 10.0
    peak = max(c for _, c in rows) or 1
    slot = (width - left - 8) / len(rows)
    every = max(1, math.ceil(len(rows) / 12))
    base = height - bottom
    out = [_open(width, height, "Events per day"), f'<g {_FONT} fill="#555">']
    out.append(_line(left, base, width - 8, base, "#888"))
    out.append(_text(left - 4, top + 8, str(peak), "end"))
    for i, (day, count) in enumerate(rows):
        h = (base - top) * count / peak
        x = left + i * slot
        out.append(
            f'<rect x="{_f(x + slot * 0.15)}" y="{_f(base - h)}" width="{_f(slot * 0.7)}"'
            f' height="{_f(h)}" fill="#2c6e9b"><title>{_esc(day)}: {count}</title></rect>'
        )
        if i % every == 0:
            out.append(_text(x + slot / 2, base + 14, _esc(day[5:]), "middle"))
    out.append("</g></svg>")
    return "".join(out)


def sources_per_claim(rows: list[tuple[str, int, int]], width: float = 640.0) -> str:
    """Horizontal bars per claim: outlets carrying it (dark) and independent origins (light)."""
    if not rows:
        return ""
    label_w, bar_h, gap = 300.0, 9.0, 8.0
    height = len(rows) * (2 * bar_h + gap) + 24
    peak = max(r[1] for r in rows) or 1
    room = width - label_w - 40
    out = [_open(width, height, "Sources per claim"), f'<g {_FONT} fill="#333">']
    for i, (label, outlets, indep) in enumerate(rows):
        y = 4 + i * (2 * bar_h + gap)
        body = f"{_esc(u.clip(label, 48))}<title>{_esc(label)}</title>"
        out.append(_text(label_w - 6, y + bar_h + 3, body, "end"))
        for j, (n, colour) in enumerate(((outlets, "#2c6e9b"), (indep, "#9cc3de"))):
            w = room * n / peak
            yy = y + j * bar_h
            out.append(
                f'<rect x="{_f(label_w)}" y="{_f(yy)}" width="{_f(w)}"'
                f' height="{_f(bar_h - 1)}" fill="{colour}"/>'
            )
            out.append(_text(label_w + w + 4, yy + bar_h - 1, str(n)))
    legend = "dark: outlets carrying the claim; light: independent origins"
    out.append(_text(label_w, height - 6, legend) + "</g></svg>")
    return "".join(out)


def series_chart(series: Series, width: float = 640.0) -> str:
    """A running total over time: points with low–high whiskers, joined in date order."""
    pts: list[tuple[dt.date, float, float, float]] = []
    for p in series.points:
        iso = u.day(p.date)
        if iso is None or p.value is None:
            continue
        lo = p.low if p.low is not None else p.value
        hi = p.high if p.high is not None else p.value
        pts.append((dt.date.fromisoformat(iso), p.value, lo, hi))
    if not pts:
        return ""
    pts.sort()
    height, left, bottom, top = 170.0, 56.0, 30.0, 12.0
    d0, d1 = pts[0][0], pts[-1][0]
    span = max(1, (d1 - d0).days)
    vmax = max(max(p[3], p[1]) for p in pts) or 1.0
    base = height - bottom

    def xy(d: dt.date, v: float) -> tuple[float, float]:
        return left + (width - left - 16) * (d - d0).days / span, base - (base - top) * v / vmax

    out = [_open(width, height, f"Series: {series.label}"), f'<g {_FONT} fill="#555">']
    out.append(_line(left, base, width - 16, base, "#888"))
    out.append(_text(left - 4, top + 4, _esc(u.fmt_number(vmax)), "end"))
    out.append(_text(left, base + 16, d0.isoformat()))
    out.append(_text(width - 16, base + 16, d1.isoformat(), "end"))
    line = " ".join(f"{_f(x)},{_f(y)}" for x, y in (xy(d, v) for d, v, _, _ in pts))
    out.append(f'<polyline points="{line}" fill="none" stroke="#8e44ad"/>')
    for d, v, lo, hi in pts:
        x, y = xy(d, v)
        ylo, yhi = xy(d, lo)[1], xy(d, hi)[1]
        if ylo != yhi:
            out.append(_line(x, ylo, x, yhi, "#8e44ad"))
        tip = f"{d.isoformat()}: {_esc(u.fmt_number(v))}"
        out.append(
            f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3" fill="#8e44ad"><title>{tip}</title></circle>'
        )
    out.append("</g></svg>")
    return "".join(out)
