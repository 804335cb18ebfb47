"""Backend-neutral pieces of the SQL stores: column order and row conversion.

Both backends store the same columns with the same JSON encodings, so an
article written by one reads back identically from the other and exports do
not depend on the backend.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from crosswire.model import Article, RejectedDate, Removed

ARTICLE_COLUMNS: tuple[str, ...] = (
    "id",
    "source",
    "url",
    "outlet",
    "title",
    "author",
    "published",
    "published_origin",
    "rejected_dates",
    "language",
    "text",
    "removed",
    "family",
    "version",
    "similarity",
    "not_analysed",
    "ingested",
)


# Regroups wire families: every (article id, signature, published) in, every
# (article id, family, version, similarity) out.
Grouper = Callable[[Iterable[tuple[str, bytes, str | None]]], Iterable[tuple[str, str, int, float]]]

# The per-source outcome upsert: latest wins, except that a rerun finding the
# same article again ("duplicate") keeps the first run's "stored" (the rerun's
# outcome is still appended to ``input_log``).
KEEP_STORED_UPSERT = (
    "ON CONFLICT (source) DO UPDATE SET "
    "status = excluded.status, reason = excluded.reason, "
    "article_id = excluded.article_id, at = excluded.at "
    "WHERE NOT (inputs.status = 'stored' AND excluded.status = 'duplicate' "
    "AND inputs.article_id IS NOT DISTINCT FROM excluded.article_id)"
)

_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_values(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """Lone UTF-16 surrogates (which UTF-8 cannot encode) replaced by U+FFFD, one for one."""
    if not any(isinstance(v, str) and _SURROGATE.search(v) for v in values):
        return values
    return tuple(_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for v in values)


def now() -> str:
    """The current UTC time as an ISO 8601 string with seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def article_values(a: Article) -> tuple[Any, ...]:
    """The article as a row in :data:`ARTICLE_COLUMNS` order (lists as JSON text)."""
    return (
        a.id,
        a.source,
        a.url,
        a.outlet,
        a.title,
        a.author,
        a.published,
        a.published_origin,
        json.dumps([{"value": r.value, "reason": r.reason} for r in a.rejected_dates]),
        a.language,
        a.text,
        json.dumps([{"text": r.text, "reason": r.reason} for r in a.removed], ensure_ascii=False),
        a.family,
        a.version,
        a.similarity,
        a.not_analysed,
        a.ingested or now(),
    )


def article_from_row(row: Sequence[Any]) -> Article:
    """Rebuild an article from a row in :data:`ARTICLE_COLUMNS` order."""
    data = dict(zip(ARTICLE_COLUMNS, tuple(row), strict=True))
    data["rejected_dates"] = [RejectedDate(**r) for r in json.loads(data["rejected_dates"])]
    data["removed"] = [Removed(**r) for r in json.loads(data["removed"])]
    return Article(**data)


def like_prefix(prefix: str) -> str:
    """A LIKE pattern matching strings that start with ``prefix`` literally.

    Use with ``ESCAPE '\\'``: the escape character and both wildcards in the
    user's text are escaped so ``%`` or ``_`` match only themselves.
    """
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def dump_analysis(data: dict[str, Any] | None) -> str | None:
    """Analysis data as stored: JSON text (key order kept) or ``None``."""
    return None if data is None else json.dumps(data, ensure_ascii=False)


def load_analysis(text: str | None) -> dict[str, Any] | None:
    """The stored analysis JSON text back as a dict (``None`` when absent)."""
    if not text:
        return None
    value: dict[str, Any] = json.loads(text)
    return value


def dump_json(data: Any) -> str:
    """A JSON-ready value as stored text (key order kept, non-ASCII as is)."""
    return json.dumps(data, ensure_ascii=False)


def load_json(text: str | None) -> Any:
    """Stored JSON text back as a value (``None`` when absent)."""
    return json.loads(text) if text else None
