"""Helpers of the PostgreSQL store: connection strings, error messages, NUL characters.

Kept apart from :mod:`crosswire.store.postgres` so messages can be built (and
tested) from a connection string alone, without a server.
"""

from __future__ import annotations

import logging
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict

log = logging.getLogger(__name__)


def no_nul(values: tuple[Any, ...], what: str) -> tuple[Any, ...]:
    """Replace NUL characters, which PostgreSQL text cannot hold, with U+FFFD.

    One character for one, so offsets into ``Article.text`` stay valid. JSON
    columns are unaffected: ``json.dumps`` already writes ``\\u0000``.
    """
    if not any(isinstance(v, str) and "\x00" in v for v in values):
        return values
    log.warning("NUL characters replaced with U+FFFD for PostgreSQL: %s", what)
    return tuple(v.replace("\x00", "\ufffd") if isinstance(v, str) else v for v in values)


def conninfo(url: str) -> dict[str, Any]:
    """The URL's connection parameters (empty when libpq cannot parse it)."""
    try:
        return dict(conninfo_to_dict(url))
    except psycopg.Error:
        return {}


def first_line(exc: BaseException) -> str:
    """The first line of an error message (libpq adds hint lines)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def describe(url: str) -> str:
    """``user@host:port/dbname`` for messages: never the password."""
    info = conninfo(url)
    if not info:
        return "(unparsable connection string)"
    user = f"{info['user']}@" if info.get("user") else ""
    port = f":{info['port']}" if info.get("port") else ""
    return f"{user}{info.get('host') or 'localhost'}{port}/{info.get('dbname') or ''}"
