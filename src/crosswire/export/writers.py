"""Writers for the versioned export format.

The JSON export is one object ``{"crosswire": FORMAT_VERSION, "articles": [...]}``;
JSON Lines holds one article object per line; CSV and Parquet hold one row per
article with list-valued fields serialised as JSON text. The JSON Schema lives
in ``crosswire/data/schema/export.schema.json``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from crosswire.export.conflict import write_csv
from crosswire.export.formats import FORMAT_VERSION, FORMATS
from crosswire.fusion.records import Story
from crosswire.model import article_record
from crosswire.store.base import Store

__all__ = [
    "ARTICLE_FIELDS",
    "FORMATS",
    "FORMAT_VERSION",
    "article_record",
    "export",
    "export_object",
]


ARTICLE_FIELDS = (
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
    "not_analysed",
    "text",
    "removed",
    "family",
    "version",
    "similarity",
)
_LIST_FIELDS = {"rejected_dates", "removed"}


def export_object(store: Store) -> dict[str, Any]:
    """The whole export as one JSON-ready object."""
    from crosswire.analyze.serialize import export_sections
    from crosswire.fusion import fuse
    from crosswire.fusion.framing import outlet_framing
    from crosswire.fusion.incremental import current_fusion
    from crosswire.fusion.stories import story_records

    articles = [article_record(a) for a in store.iter_articles()]
    analyses = {aid: data for aid, status, _, data in store.iter_analyses() if data}
    # Persisted fusion when it matches the store (crosswire.fusion.incremental);
    # the same result either way, the persisted one without reclustering.
    fusion = current_fusion(store, articles, analyses) or fuse(articles, analyses)
    sections = export_sections(analyses.items())
    sections["entities"] += _lexicon_entities(fusion.events, sections["entities"])
    records = story_records(articles, analyses, events=fusion.events)
    _attach_events(records, fusion.events)
    stories = [s.to_json() for s in records]
    return {
        "crosswire": FORMAT_VERSION,
        "articles": articles,
        **sections,
        "events": fusion.events,
        "disputes": fusion.disputes,
        "series": fusion.series,
        "stories": stories,
        "framing": outlet_framing(articles, stories),
    }


def _attach_events(stories: list[Story], events: list[dict[str, Any]]) -> None:
    """Give each event to the story holding most of its mentions' articles."""
    story_of = {aid: i for i, story in enumerate(stories) for aid in story.articles}
    for story in stories:
        story.events = []
    for event in events:
        votes = [story_of[m["article"]] for m in event["mentions"] if m["article"] in story_of]
        if votes:
            best = max(sorted(set(votes)), key=votes.count)
            stories[best].events.append(event["id"])


def _lexicon_entities(
    events: list[dict[str, Any]], entities: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Entity records for lexicon actors that events name but no article mentions
    by name ("regime forces" resolved to the country's army), so every id in the
    export resolves."""
    from crosswire.nlp.entities.lexicon import load_lexicon

    known = {e["id"] for e in entities}
    actors = load_lexicon().actors
    extra = []
    for event in events:
        for eid in (*event.get("actors", []), *event.get("targets", [])):
            actor = actors.get(eid.removeprefix("actor:"))
            if eid in known or not eid.startswith("actor:") or actor is None:
                continue
            known.add(eid)
            extra.append(
                {
                    "id": eid,
                    "name": actor.name,
                    "type": actor.type,
                    "role": actor.role,
                    "affiliation": {"country": actor.country, "category": actor.category},
                    "aliases": [],
                    "mentions": [],
                }
            )
    return extra


def export(store: Store, fmt: str, out: IO[str] | Path) -> int:
    """Write the store in ``fmt`` to ``out`` (a text stream, or a path for parquet).

    Returns the number of records written (articles; events for acled/ucdp).
    When the picture tables are current (crosswire.store.picture) the JSON,
    ACLED and UCDP exports stream from them with bounded memory; otherwise
    the picture is derived in memory (:func:`export_object`), same bytes.
    Raises ``ValueError`` (E501) for an unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"E501 unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt in ("acled", "ucdp"):
        from crosswire.export.conflict import ACLED_COLUMNS, UCDP_COLUMNS, acled_rows, ucdp_rows

        columns = ACLED_COLUMNS if fmt == "acled" else UCDP_COLUMNS
        rows: Iterable[dict[str, Any]]
        if _streamable(store):
            from crosswire.export.stream import conflict_rows

            rows = conflict_rows(store, fmt)  # type: ignore[arg-type]
        else:
            obj = export_object(store)
            rows = acled_rows(obj) if fmt == "acled" else ucdp_rows(obj)
        if isinstance(out, Path):
            with out.open("w", encoding="utf-8", newline="") as stream:
                return write_csv(rows, columns, stream)
        return write_csv(rows, columns, out)
    records = (article_record(a) for a in store.iter_articles())
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ValueError("E502 parquet export needs an output file (-o PATH)")
        return _write_parquet(records, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as stream:
            return _write_text(store, fmt, records, stream)
    return _write_text(store, fmt, records, out)


def _streamable(store: Store) -> bool:
    """Whether ``store`` is a SQL store whose picture tables are current."""
    from crosswire.export.stream import picture_ready

    try:
        return picture_ready(store)  # type: ignore[arg-type]
    except Exception:  # a store without the tables (a test double, an old schema)
        return False


def _write_text(store: Store, fmt: str, records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    if fmt == "json" and _streamable(store):
        from crosswire.export.stream import write_json

        return write_json(store, out)  # type: ignore[arg-type]
    if fmt == "json":
        obj = export_object(store)
        json.dump(obj, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return len(obj["articles"])
    n = 0
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = csv.DictWriter(out, fieldnames=ARTICLE_FIELDS)
    writer.writeheader()
    for record in records:
        writer.writerow(_flat(record))
        n += 1
    return n


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    return {
        key: json.dumps(value, ensure_ascii=False) if key in _LIST_FIELDS else value
        for key, value in record.items()
    }


def _write_parquet(records: Iterable[dict[str, Any]], path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError(
            "E503 parquet export needs pyarrow: pip install 'crosswire[parquet]'"
        ) from exc
    schema = pa.schema(
        [
            (
                name,
                pa.int64()
                if name == "version"
                else pa.float64()
                if name == "similarity"
                else pa.string(),
            )
            for name in ARTICLE_FIELDS
        ]
    )
    # Row groups of a few thousand articles: memory stays bounded at any size.
    from crosswire.export.stream import batches

    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in batches(records):
            writer.write_table(pa.Table.from_pylist([_flat(r) for r in batch], schema=schema))
            n += len(batch)
        if n == 0:
            writer.write_table(pa.Table.from_pylist([], schema=schema))
    return n
