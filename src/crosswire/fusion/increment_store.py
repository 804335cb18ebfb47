"""The rows of the persisted fusion's index (migration 9, ``store/fusion_schema.py``).

Reads are by key or id, in batches, so an update reads what new articles touch
and never the whole corpus; :meth:`FusionIndex.rewrite` fills every table after
a full fusion. Statements are written once with ``?`` placeholders and run on
either backend through :class:`crosswire.store.picture_db.PictureDb`.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.fusion.denials import ClaimFacts, is_answerable, is_denial
from crosswire.fusion.increment_state import Finished, Key, StateRows
from crosswire.fusion.series import Groups, Ranks
from crosswire.store import AnyStore
from crosswire.store.picture_db import PictureDb
from crosswire.store.sql import dump_json, now

__all__ = ["ArticleRow", "BlockRow", "Entity", "FusionIndex"]

_BATCH = 400
# Running-total groups to write: (groups, ranks, groups whose points changed,
# finished series by group), see :meth:`StateRows.write_series`.
SeriesWrite = tuple[Groups, Ranks, Collection[Key], Mapping[Key, Finished]]


@dataclass(frozen=True)
class ArticleRow:
    """What an article was fused from: the columns whose change means re-fusing it."""

    id: str
    seq: int
    family: str | None
    version: int | None
    analysed: str | None
    rev: int | None = None  # the analysis row's revision (bumped by every save)
    digest: str = ""


@dataclass(frozen=True)
class Entity:
    """An entity's first record in corpus order (what fusion shows and compares)."""

    id: str
    name: str
    country: str  # the affiliation country, else the id (as fusion compares them)
    not_target: bool


@dataclass(frozen=True)
class BlockRow:
    """A block to store: its id, label, input digest and fused data."""

    id: str
    label: str
    key: str
    data: dict[str, Any]


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    batch = sorted(set(values))
    for i in range(0, len(batch), _BATCH):
        yield batch[i : i + _BATCH]


class FusionIndex:
    """Queries and writes of the fusion index tables on one store."""

    def __init__(self, store: AnyStore) -> None:
        self.db = PictureDb(store)
        self.state = StateRows(self.db)

    def _in(self, statement: str, values: Iterable[str], extra: Sequence[Any] = ()) -> list[Any]:
        """Rows of ``statement`` (holding one ``IN ({})``) for every batch of ``values``."""
        out: list[Any] = []
        for batch in _chunks(values):
            marks = ", ".join("?" for _ in batch)
            out += self.db.rows(statement.format(marks), [*batch, *extra])
        return out

    # -- articles ------------------------------------------------------------------
    def fresh(self) -> list[tuple[ArticleRow, ArticleRow | None]]:
        """Articles not fused as they are now: (now, as fused or None), by seq. A join
        over plain columns: no analysis is read."""
        rows = self.db.rows(
            "SELECT a.id, a.seq, a.family, a.version, an.analysed, an.rev, "
            "f.article_id, f.seq, f.family, f.version, f.analysed, f.rev FROM articles a "
            "LEFT JOIN analyses an ON an.article_id = a.id "
            "LEFT JOIN fusion_articles f ON f.article_id = a.id "
            "WHERE f.article_id IS NULL OR COALESCE(f.family, '') <> COALESCE(a.family, '') "
            "OR COALESCE(f.version, -1) <> COALESCE(a.version, -1) "
            "OR COALESCE(f.analysed, '') <> COALESCE(an.analysed, '') "
            "OR COALESCE(f.rev, -1) <> COALESCE(an.rev, -1) ORDER BY a.seq"
        )
        return [
            (
                ArticleRow(str(r[0]), int(r[1]), r[2], r[3], r[4], r[5]),
                ArticleRow(str(r[6]), int(r[7]), r[8], r[9], r[10], r[11])
                if r[6] is not None
                else None,
            )
            for r in rows
        ]

    def last_analysed_seq(self) -> int:
        """The highest seq of a fused article that had an analysis (0 when none)."""
        row = self.db.one("SELECT MAX(seq) FROM fusion_articles WHERE analysed IS NOT NULL")
        return int(row[0]) if row and row[0] is not None else 0

    def max_seq(self) -> int:
        """The highest seq of a fused article (0 when none): an index lookup."""
        row = self.db.one("SELECT MAX(seq) FROM fusion_articles")
        return int(row[0]) if row and row[0] is not None else 0

    def digests(self) -> list[tuple[str, int, str]]:
        """(article id, seq, digest) of every fused article: the corpus fingerprint's
        input (short rows, no analysis)."""
        return [
            (str(r[0]), int(r[1]), str(r[2]))
            for r in self.db.rows("SELECT article_id, seq, digest FROM fusion_articles")
        ]

    def digests_of(self, ids: Iterable[str]) -> list[tuple[str, int, str]]:
        """(article id, seq, digest) of the fused articles ``ids``."""
        rows = self._in(
            "SELECT article_id, seq, digest FROM fusion_articles WHERE article_id IN ({})", ids
        )
        return [(str(r[0]), int(r[1]), str(r[2])) for r in rows]

    def analyses(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Stored analysis records of ``ids`` (only those with data)."""
        rows = self._in("SELECT article_id, data FROM analyses WHERE article_id IN ({})", ids)
        return {str(r[0]): json.loads(r[1]) for r in rows if r[1]}

    # -- blocks ------------------------------------------------------------------------
    def blocks_for(self, keys: Iterable[str]) -> set[str]:
        """Ids of the stored blocks filed under any of ``keys`` (an index lookup)."""
        rows = self._in("SELECT DISTINCT block_id FROM fusion_index WHERE key IN ({})", keys)
        return {str(r[0]) for r in rows}

    def keys_of(self, blocks: Iterable[str]) -> dict[str, list[str]]:
        """Index keys of each of ``blocks``."""
        out: dict[str, list[str]] = {}
        for r in self._in("SELECT block_id, key FROM fusion_index WHERE block_id IN ({})", blocks):
            out.setdefault(str(r[0]), []).append(str(r[1]))
        return out

    def block_digests(self, blocks: Iterable[str]) -> dict[str, str]:
        """Stored input digest of each of ``blocks``."""
        rows = self._in("SELECT block_id, key FROM fusion_blocks WHERE block_id IN ({})", blocks)
        return {str(r[0]): str(r[1]) for r in rows}

    def articles_for(self, terms: Iterable[str]) -> dict[str, set[str]]:
        """Fused articles filed under any of ``terms`` (``fusion_terms``), with the
        terms each matched."""
        out: dict[str, set[str]] = {}
        for r in self._in("SELECT article_id, term FROM fusion_terms WHERE term IN ({})", terms):
            out.setdefault(str(r[0]), set()).add(str(r[1]))
        return out

    # -- corpus-wide facts ---------------------------------------------------------------
    def entities(self, ids: Iterable[str]) -> dict[str, Entity]:
        """Stored first records of ``ids``."""
        rows = self._in(
            "SELECT entity_id, name, country, not_target FROM fusion_entities "
            "WHERE entity_id IN ({})",
            ids,
        )
        return {str(r[0]): Entity(str(r[0]), str(r[1]), str(r[2]), bool(r[3])) for r in rows}

    def names(self, aliases: Iterable[str]) -> dict[str, set[str]]:
        """Entity ids by casefolded name or alias, for ``aliases``."""
        out: dict[str, set[str]] = {}
        for r in self._in("SELECT alias, entity_id FROM fusion_names WHERE alias IN ({})", aliases):
            out.setdefault(str(r[0]), set()).add(str(r[1]))
        return out

    def people(self, persons: Iterable[str]) -> dict[str, int]:
        """How many fused articles name each of ``persons``."""
        rows = self._in("SELECT person, articles FROM fusion_people WHERE person IN ({})", persons)
        return {str(r[0]): int(r[1]) for r in rows}

    def claims(self, role: str, lo: str | None, hi: str | None) -> list[ClaimFacts]:
        """Stored denial (``role="denial"``) or answerable (``"answer"``) claims
        published in ``lo..hi`` or undated; every one of them when ``lo`` is None."""
        column = {"denial": "denial", "answer": "answer"}[role]
        statement = f"SELECT data FROM fusion_claims WHERE {column} = 1"
        params: list[Any] = []
        if lo is not None and hi is not None:
            statement += " AND (published IS NULL OR (published >= ? AND published <= ?))"
            params = [lo, hi]
        return [ClaimFacts.from_json(json.loads(r[0])) for r in self.db.rows(statement, params)]

    # -- writes ----------------------------------------------------------------------------
    def save(
        self,
        articles: Sequence[ArticleRow],
        blocks: Sequence[BlockRow],
        index: Mapping[str, frozenset[str]],
        drop: Iterable[str],
        entities: Sequence[Entity],
        names: Iterable[tuple[str, str]],
        people: Mapping[str, int],
        claims: Sequence[ClaimFacts],
        state: Mapping[str, Any],
        clear: bool = False,
        clear_index: bool = True,
        terms: Mapping[str, Iterable[str]] | None = None,
        series: SeriesWrite | None = None,
        denials: tuple[Mapping[str, Any], Iterable[str]] = ({}, ()),
    ) -> None:
        """Write one update: blocks, index rows and the corpus-wide state, in one
        transaction (a reader sees the old fusion or the new); ``clear`` empties
        the index first (a full fusion rewrites it); ``terms``: the name terms of
        the articles fused (``crosswire.fusion.increment_names``); ``series``: the
        running-total groups to write, ``denials``: denial links to write and
        to drop (:class:`crosswire.fusion.increment_state.StateRows`)."""
        with self.db.transaction():
            if clear:
                self.clear(clear_index)
            self._blocks(blocks, index, drop)
            self._articles(articles)
            self._corpus(entities, names, people)
            self._claims(claims)
            self._terms(terms or {})
            if series is not None:
                self.state.write_series(*series)
            self.state.write_denials(*denials)
            self.db.run(
                "INSERT INTO fusion_state (name, data, computed) VALUES ('state', ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET "
                "data = excluded.data, computed = excluded.computed",
                [dump_json(state), now()],
            )

    def refresh_articles(self, articles: Sequence[ArticleRow]) -> None:
        """Rewrite the fused articles' rows (their content is unchanged)."""
        with self.db.transaction():
            self._articles(articles)

    def _articles(self, articles: Sequence[ArticleRow]) -> None:
        self.db.many(
            "DELETE FROM fusion_articles WHERE article_id = ?", [(a.id,) for a in articles]
        )
        self.db.many(
            "INSERT INTO fusion_articles "
            "(article_id, seq, family, version, analysed, rev, digest) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(a.id, a.seq, a.family, a.version, a.analysed, a.rev, a.digest) for a in articles],
        )

    def _blocks(
        self, blocks: Sequence[BlockRow], index: Mapping[str, frozenset[str]], drop: Iterable[str]
    ) -> None:
        at = now()
        gone = sorted(set(drop) | {b.id for b in blocks})
        self.db.many("DELETE FROM fusion_blocks WHERE block_id = ?", [(b,) for b in gone])
        gone = sorted(set(drop) | set(index))
        self.db.many(
            "INSERT INTO fusion_blocks (block_id, label, key, data, computed) "
            "VALUES (?, ?, ?, ?, ?)",
            [(b.id, b.label, b.key, dump_json(b.data), at) for b in blocks],
        )
        self.db.many("DELETE FROM fusion_index WHERE block_id = ?", [(b,) for b in gone])
        self.db.many(
            "INSERT INTO fusion_index (block_id, key) VALUES (?, ?)",
            [(b, k) for b in sorted(index) for k in sorted(index[b])],
        )

    def _corpus(
        self,
        entities: Sequence[Entity],
        names: Iterable[tuple[str, str]],
        people: Mapping[str, int],
    ) -> None:
        self.db.many(
            "INSERT INTO fusion_entities (entity_id, name, country, not_target) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (entity_id) DO NOTHING",
            [(e.id, e.name, e.country, int(e.not_target)) for e in entities],
        )
        self.db.many(
            "INSERT INTO fusion_names (alias, entity_id) VALUES (?, ?)", sorted(set(names))
        )
        self.db.many("DELETE FROM fusion_people WHERE person = ?", [(p,) for p in people])
        self.db.many(
            "INSERT INTO fusion_people (person, articles) VALUES (?, ?)", sorted(people.items())
        )

    def _claims(self, claims: Sequence[ClaimFacts]) -> None:
        kept = [c for c in claims if is_denial(c) or is_answerable(c)]
        self.db.many("DELETE FROM fusion_claims WHERE claim_id = ?", [(c.id,) for c in kept])
        self.db.many(
            "INSERT INTO fusion_claims (claim_id, seq, published, denial, answer, data) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    c.id,
                    c.pos[0],
                    c.published.isoformat() if c.published else None,
                    int(is_denial(c)),
                    int(is_answerable(c)),
                    dump_json(c.to_json()),
                )
                for c in kept
            ],
        )

    def _terms(self, terms: Mapping[str, Iterable[str]]) -> None:
        self.db.many("DELETE FROM fusion_terms WHERE article_id = ?", [(a,) for a in terms])
        self.db.many(
            "INSERT INTO fusion_terms (term, article_id) VALUES (?, ?)",
            [(t, a) for a in sorted(terms) for t in sorted(set(terms[a]))],
        )

    def clear(self, index: bool = True) -> None:
        """Empty the index tables before a full fusion rewrites them (``index``:
        the block index too; kept when only recomputed blocks are re-filed)."""
        for table in (
            *(("fusion_index",) if index else ()),
            "fusion_articles",
            "fusion_entities",
            "fusion_names",
            "fusion_people",
            "fusion_claims",
            "fusion_terms",
        ):
            self.db.run(f"DELETE FROM {table}")
        self.state.clear()

    def article_rows(self) -> dict[str, ArticleRow]:
        """Every article's fusion columns now (for a full fusion's rewrite)."""
        rows = self.db.rows(
            "SELECT a.id, a.seq, a.family, a.version, an.analysed, an.rev FROM articles a "
            "LEFT JOIN analyses an ON an.article_id = a.id"
        )
        return {str(r[0]): ArticleRow(str(r[0]), int(r[1]), r[2], r[3], r[4], r[5]) for r in rows}
