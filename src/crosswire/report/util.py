"""Small helpers shared by the report builders: tolerant field access, links, numbers.

Export objects come from disk and may be partial (older format versions, a
fusion layer that has not run) or hand-edited, so every accessor here returns a
safe default instead of raising.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

# Control characters and whitespace never belong in a link we emit.
_BAD_URL = re.compile(r"[\x00-\x20\x7f<>\"'`\\]")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def text(value: Any) -> str | None:
    """A non-empty string (stripped), or None for anything else."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    return None


def records(value: Any) -> list[dict[str, Any]]:
    """The dict items of a list (anything else is dropped)."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict)]


def mapping(value: Any) -> dict[str, Any]:
    """``value`` if it is a dict, else an empty dict."""
    return value if isinstance(value, dict) else {}


def number(value: Any) -> float | None:
    """A finite float, or None (booleans and strings are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    f = float(value)
    return f if f == f and f not in (float("inf"), float("-inf")) else None


def fmt_number(value: Any) -> str:
    """Human form of a figure: ``1,200``, ``3.5``; an em dash when missing."""
    f = number(value)
    if f is None:
        return "—"
    if f.is_integer():
        return f"{int(f):,}"
    return f"{f:,.2f}".rstrip("0").rstrip(".")


def fmt_range(low: Any, best: Any, high: Any) -> str:
    """``low–high (best N)`` with whatever bounds are known."""
    lo, hi = fmt_number(low), fmt_number(high)
    if number(low) is None and number(high) is None:
        core = "—"
    elif number(high) is None:
        core = f"{lo} or more"
    elif number(low) is None:
        core = f"up to {hi}"
    else:
        core = lo if lo == hi else f"{lo}–{hi}"
    if number(best) is None:
        return core
    return f"{core} (best {fmt_number(best)})"


def safe_link(url: Any) -> str | None:
    """The URL when it is a plain http(s) address we may link to, else None.

    ``javascript:``, ``data:`` and relative URLs are never linked; neither is a
    URL carrying quotes, angle brackets or whitespace, which only show up when
    someone is trying to break out of an attribute.
    """
    value = text(url)
    if value is None or _BAD_URL.search(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return value


def day(value: Any) -> str | None:
    """The first ``YYYY-MM-DD`` of a date value (``2024-03-02/2024-03-04`` too)."""
    s = text(value)
    if s is None:
        return None
    m = _DAY.match(s)
    return m.group(0) if m else None


def date_key(value: Any) -> str:
    """Sort key putting undated items last."""
    return text(value) or "9999"


def ref_runs(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted reference numbers as runs: [1,2,3,5] -> [(1,3),(5,5)]."""
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def clip(value: str, limit: int) -> str:
    """Shorten ``value`` to ``limit`` characters with an ellipsis."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 outlet``, ``3 outlets``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def names(ids: Iterable[Any], index: Mapping[str, str]) -> list[str]:
    """Display names of entity ids (the id itself when unknown), order kept."""
    out: list[str] = []
    for i in ids:
        key = text(i)
        if key is not None:
            name = index.get(key, key)
            if name not in out:
                out.append(name)
    return out


def human(value: Any) -> str | None:
    """A machine label for reading: ``fatalities_civilian`` -> ``fatalities civilian``."""
    s = text(value)
    return " ".join(s.replace("_", " ").split()) if s else None


def capital(value: str) -> str:
    """``value`` with its first letter upper-cased (the rest untouched)."""
    return value[:1].upper() + value[1:]


@cache
def curated_actors() -> dict[str, str]:
    """Display names of the curated actors by entity id (``actor:<id>``).

    Fused events name actors by id; when the export's ``entities`` section
    lacks one, the curated lexicon still knows its name.
    """
    try:
        path = resources.files("crosswire").joinpath("data", "actors.json")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {
        f"actor:{a['id']}": str(a["name"])
        for a in data.get("actors", [])
        if isinstance(a, dict) and a.get("id") and a.get("name")
    }
