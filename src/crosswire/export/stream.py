"""Exports streamed from the picture tables with bounded memory.

The JSON export is written record by record in exactly the bytes
``json.dump(export_object(store), out, ensure_ascii=False, indent=2)`` gives:
each stored record is the exported record's JSON (key order kept), re-dumped
with the indentation of its depth. Sections come in the order the picture was
built with (``pic_state.layout``). ACLED and UCDP rows are made from events
read in batches, with entity names (not whole entity records) held in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO, Any

from crosswire.model import article_record
from crosswire.store import AnyStore
from crosswire.store.picture import get_state, is_current
from crosswire.store.picture_db import PictureDb
from crosswire.store.picture_specs import TYPED

ALL_STORY = "story:all"  # the read side's catch-all story: never exported
_BATCH = 2000


def picture_ready(store: AnyStore) -> bool:
    """Whether the store's picture tables are built and current."""
    return is_current(PictureDb(store))


def section_records(store: AnyStore, name: str) -> Iterator[dict[str, Any]]:
    """The records of one export section, in export order, one at a time."""
    if name == "articles":
        for a in store.iter_articles():
            yield article_record(a)
        return
    db = PictureDb(store)
    if name in TYPED:
        skip = " WHERE key <> ?" if name == "stories" else ""
        params = [ALL_STORY] if name == "stories" else []
        rows = db.iter_rows(f"SELECT data FROM {TYPED[name]}{skip} ORDER BY seq", params)
    else:
        rows = db.iter_rows("SELECT data FROM pic_records WHERE section = ? ORDER BY seq", [name])
    for (data,) in rows:
        value: dict[str, Any] = json.loads(data)
        yield value


def _section_sizes(store: AnyStore) -> list[tuple[str, Any, bool]]:
    layout = get_state(PictureDb(store), "layout") or []
    return [
        (item, None, True) if isinstance(item, str) else (item[0], item[1], False)
        for item in layout
    ]


def write_json(store: AnyStore, out: IO[str]) -> int:
    """Stream the JSON export; returns the number of articles."""
    n = 0
    out.write("{")
    for i, (key, value, is_list) in enumerate(_section_sizes(store)):
        out.write(("\n  " if i == 0 else ",\n  ") + json.dumps(key, ensure_ascii=False) + ": ")
        if not is_list:
            out.write(json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  "))
            continue
        count = 0
        for record in section_records(store, key):
            text = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            out.write(("[\n    " if count == 0 else ",\n    ") + text)
            count += 1
        out.write("\n  ]" if count else "[]")
        if key == "articles":
            n = count
    out.write("\n}" if _section_sizes(store) else "}")
    out.write("\n")
    return n


def conflict_rows(store: AnyStore, fmt: str) -> Iterator[dict[str, Any]]:
    """ACLED (``acled``) or UCDP (``ucdp``) rows, made batch by batch."""
    from crosswire.export.conflict import acled_rows, ucdp_rows

    db = PictureDb(store)
    entities = []
    for eid, data in db.iter_rows("SELECT id, data FROM pic_entities ORDER BY seq"):
        e = json.loads(data)
        entities.append({"id": eid, "name": e.get("name"), "type": e.get("type")})
    make = acled_rows if fmt == "acled" else ucdp_rows
    # main events first (docs/export.md): one pass for them, one for the rest
    for lead in (True, False):
        events = (e for e in section_records(store, "events") if bool(e.get("main")) is lead)
        while batch := list(islice(events, _BATCH)):
            yield from make({"entities": entities, "events": batch})


def batches(
    records: Iterable[dict[str, Any]], size: int = _BATCH
) -> Iterator[list[dict[str, Any]]]:
    """``records`` in lists of at most ``size``."""
    it = iter(records)
    while batch := list(islice(it, size)):
        yield batch
