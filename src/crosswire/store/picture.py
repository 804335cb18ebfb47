"""Writing the fused picture into its tables, touching only rows that changed.

The caller (``crosswire.web.materialize``) turns the picture into :class:`Row`
values per :class:`Spec`; :func:`save` compares each row's digest with the
stored one and, in the caller's transaction, deletes rows that are gone,
rewrites rows (and their child rows and search text) whose digest changed, and
renumbers rows whose only change is their position. A new article therefore
rewrites the events, stories, claims... it touches and leaves the rest alone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from crosswire.store.picture_db import PictureDb
from crosswire.store.sql import now


@dataclass(frozen=True)
class Child:
    """A child table: rows owned by one main row (``owner`` holds its key)."""

    table: str
    owner: str
    columns: tuple[str, ...]
    # Constant columns that scope the rows (pic_mentions.owner_kind).
    fixed: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Spec:
    """A main table: ``key``, ``seq``, ``digest`` and ``columns``."""

    table: str
    columns: tuple[str, ...]
    children: tuple[Child, ...] = ()
    # pic_records holds several sections: (column, value) scopes the rows.
    scope: tuple[str, str] | None = None
    # Kind of the rows' full-text documents (PictureDb.search_insert), if any.
    search: str | None = None


@dataclass
class Row:
    """One record as table rows: main values in ``Spec.columns`` order, child rows
    in ``Spec.children`` order (without the owner column) and search text."""

    key: str
    seq: int
    values: tuple[Any, ...]
    children: tuple[list[tuple[Any, ...]], ...] = ()
    search: str | None = None
    digest: str = field(default="", init=False)

    def __post_init__(self) -> None:
        payload = json.dumps([self.values, self.children, self.search], default=str)
        self.digest = hashlib.sha1(payload.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Saved:
    """What :func:`save` did to one table."""

    written: int = 0
    dropped: int = 0
    moved: int = 0
    kept: int = 0


def _scope(spec: Spec) -> tuple[str, list[Any]]:
    if spec.scope is None:
        return "", []
    return f" AND {spec.scope[0]} = ?", [spec.scope[1]]


def keyed_rows(
    db: PictureDb, statement: str, keys: Iterable[str], params: Sequence[Any] = ()
) -> list[tuple[Any, ...]]:
    """Rows of ``statement`` whose ``{marks}`` (an ``IN`` list, the last
    placeholder) takes ``keys``, asked in chunks of 500."""
    wanted = sorted(set(keys))
    out: list[tuple[Any, ...]] = []
    for i in range(0, len(wanted), 500):
        part = wanted[i : i + 500]
        marks = ", ".join("?" for _ in part)
        out += db.rows(statement.format(marks=marks), [*params, *part])
    return out


def save(
    db: PictureDb, spec: Spec, rows: Sequence[Row], among: Iterable[str] | None = None
) -> Saved:
    """Bring ``spec.table`` to exactly ``rows`` (call inside a transaction).

    With ``among``, only the stored rows with those keys (or the keys of ``rows``)
    are compared: rows outside stay as they are (an incremental refresh).
    """
    where, params = _scope(spec)
    if among is None:
        found = db.rows(f"SELECT key, digest, seq FROM {spec.table} WHERE 1 = 1{where}", params)
    else:
        found = keyed_rows(
            db,
            f"SELECT key, digest, seq FROM {spec.table} WHERE 1 = 1{where} AND key IN ({{marks}})",
            {*among, *(r.key for r in rows)},
            params,
        )
    old = {str(k): (str(d), int(s)) for k, d, s in found}
    keys = {r.key for r in rows}
    done = Saved(dropped=len(set(old) - keys))
    changed = [r for r in rows if old.get(r.key, ("", 0))[0] != r.digest]
    moved = [
        r for r in rows if r.key in old and old[r.key][0] == r.digest and old[r.key][1] != r.seq
    ]
    gone = [k for k in old if k not in keys] + [r.key for r in changed if r.key in old]
    # What rendered answers read changes (web/prerender.py): seen before the
    # delete, as the rows were, and after the insert, as they are.
    section = spec.scope[1] if spec.scope else None
    if db.touched is not None:
        db.touched.before(db, spec.table, section, gone)
    for child in spec.children:
        fixed = "".join(f" AND {c} = ?" for c, _ in child.fixed)
        db.many(
            f"DELETE FROM {child.table} WHERE {child.owner} = ?{fixed}",
            ([k, *(v for _, v in child.fixed)] for k in gone),
        )
    db.many(f"DELETE FROM {spec.table} WHERE key = ?{where}", ([k, *params] for k in gone))
    if spec.search:
        db.many(db.search_delete(spec.search), ((k,) for k in gone))
    scope_cols = [spec.scope[0]] if spec.scope else []
    cols = ["key", "seq", "digest", *scope_cols, *spec.columns]
    db.many(
        f"INSERT INTO {spec.table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
        ((r.key, r.seq, r.digest, *params, *r.values) for r in changed),
    )
    for n, child in enumerate(spec.children):
        ccols = [child.owner, *(c for c, _ in child.fixed), *child.columns]
        db.many(
            f"INSERT INTO {child.table} ({', '.join(ccols)}) "
            f"VALUES ({', '.join('?' for _ in ccols)})",
            (
                (r.key, *(v for _, v in child.fixed), *values)
                for r in changed
                for values in r.children[n]
            ),
        )
    if spec.search:
        db.many(db.search_insert(spec.search), ((r.key, r.search or "") for r in changed))
    if db.touched is not None:
        db.touched.after(spec.table, section, changed)
    db.many(
        f"UPDATE {spec.table} SET seq = ? WHERE key = ?{where}",
        ((r.seq, r.key, *params) for r in moved),
    )
    done.written, done.moved = len(changed), len(moved)
    done.kept = len(rows) - len(changed) - len(moved)
    return done


def save_article_search(db: PictureDb, bodies: dict[str, str]) -> int:
    """Index new articles' text and drop deleted ones; stored articles never change."""
    have = set(db.search_refs("article"))
    db.many(db.search_delete("article"), ((a,) for a in have - set(bodies)))
    new = [(a, b) for a, b in bodies.items() if a not in have]
    db.many(db.search_insert("article"), new)
    return len(new)


def set_state(db: PictureDb, name: str, data: Any) -> None:
    """Upsert one ``pic_state`` value (JSON)."""
    db.run(
        "INSERT INTO pic_state (name, data, computed) VALUES (?, ?, ?) ON CONFLICT (name) "
        "DO UPDATE SET data = excluded.data, computed = excluded.computed",
        (name, json.dumps(data, ensure_ascii=False), now()),
    )


def get_state(db: PictureDb, name: str) -> Any:
    """One ``pic_state`` value, or ``None``."""
    row = db.one("SELECT data FROM pic_state WHERE name = ?", (name,))
    return json.loads(row[0]) if row else None


def store_key(db: PictureDb) -> list[Any]:
    """What the picture is built from: article and analysis counts and the time
    the persisted fusion was computed (cheap, indexed queries)."""
    articles = db.one("SELECT COUNT(*) FROM articles")
    analyses = db.one("SELECT COUNT(*) FROM analyses")
    fusion = db.one("SELECT computed FROM fusion_state WHERE name = 'state'")
    return [
        int(articles[0]) if articles else 0,
        int(analyses[0]) if analyses else 0,
        fusion[0] if fusion else None,
    ]


def is_current(db: PictureDb) -> bool:
    """Whether the picture tables were built from the store as it is now."""
    built = get_state(db, "built")
    return built is not None and built == store_key(db)
