"""The store's story term counts (``pic_story_df``, migration 15).

Story grouping weights terms by their document frequency and blocks on rare
ones (:mod:`crosswire.fusion.story_terms`). A full refresh groups the whole
store and writes the counts of every lead term (kind ``t``) and entity id (kind
``e``); an incremental refresh adds the new articles' counts and re-groups the
articles they can touch with the counts of the whole store, so those articles
get the vectors, blocking terms and pair path a full grouping gives them.

``pic_state`` ``story_terms`` records which articles the counts cover (the last
article's ``seq`` and the article count); an incremental refresh runs only when
they cover exactly the articles of the previous refresh.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from crosswire.fusion.story_terms import CorpusStats, article_terms, from_counts
from crosswire.store.picture import get_state, keyed_rows, set_state
from crosswire.store.picture_db import PictureDb
from crosswire.web.readmodel import Record, records

__all__ = ["STATE", "Added", "add", "covers", "export_counts", "load", "write_all"]

STATE = "story_terms"
# New articles' (term, entity id) document frequencies.
Added = tuple[Counter[str], Counter[str]]
_UPSERT = (
    "INSERT INTO pic_story_df (kind, term, df) VALUES (?, ?, ?) ON CONFLICT (kind, term) "
    "DO UPDATE SET df = pic_story_df.df + excluded.df"
)


def _coverage(db: PictureDb) -> dict[str, int]:
    last = db.one("SELECT MAX(seq), COUNT(*) FROM articles")
    return {"seq": int(last[0] or 0) if last else 0, "n": int(last[1] or 0) if last else 0}


def covers(db: PictureDb, seq: int, n: int) -> bool:
    """Whether the stored counts cover exactly the ``n`` articles up to ``seq``."""
    return bool(get_state(db, STATE) == {"seq": seq, "n": n})


def export_counts(export: Mapping[str, Any]) -> tuple[Counter[str], Counter[str]]:
    """(term, entity id) document frequencies of an export's articles: lead terms
    from the articles, entity ids from the entities' mentions (one per article)."""
    terms: Counter[str] = Counter()
    for a in records(export.get("articles")):
        terms.update(article_terms(a)[0])
    ents: Counter[str] = Counter()
    for e in records(export.get("entities")):
        if e.get("id"):
            ents[str(e["id"])] += len({str(m.get("article")) for m in records(e.get("mentions"))})
    return terms, ents


def write_all(db: PictureDb, export: Mapping[str, Any]) -> None:
    """Replace the counts by those of ``export`` (a full refresh's export object)."""
    terms, ents = export_counts(export)
    db.run("DELETE FROM pic_story_df")
    _write(db, terms, ents)
    set_state(db, STATE, _coverage(db))


def add(db: PictureDb, added: Added) -> None:
    """Add new articles' counts (from :func:`load`) to the stored ones."""
    _write(db, *added)
    set_state(db, STATE, _coverage(db))


def _write(db: PictureDb, terms: Counter[str], ents: Counter[str]) -> None:
    rows = [("t", k, v) for k, v in sorted(terms.items())]
    rows += [("e", k, v) for k, v in sorted(ents.items()) if v]
    db.many(_UPSERT, rows)


def load(
    db: PictureDb, articles: Iterable[Record], analyses: Mapping[str, Any], new: set[str]
) -> tuple[CorpusStats, Added]:
    """The counts over every article of the store for the terms and entity ids of
    ``articles``: the stored counts plus those of the ``new`` articles among them,
    and the new articles' own counts, which :func:`add` writes inside the refresh's
    transaction."""
    terms: set[str] = set()
    ents: set[str] = set()
    added: Added = (Counter(), Counter())
    for a in articles:
        t, e = article_terms(a, analyses.get(str(a.get("id"))))
        terms |= t
        ents |= e
        if str(a.get("id")) in new:
            added[0].update(t)
            added[1].update(e)
    totals = (Counter(added[0]), Counter(added[1]))
    sql = "SELECT term, df FROM pic_story_df WHERE kind = ? AND term IN ({marks})"
    for kind, keys, counts in (("t", terms, totals[0]), ("e", ents, totals[1])):
        for term, df in keyed_rows(db, sql, keys, [kind]):
            counts[str(term)] += int(df)
    return from_counts(_coverage(db)["n"], totals[0].items(), totals[1].items()), added
