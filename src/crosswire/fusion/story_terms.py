"""Corpus-wide term counts for story grouping (``crosswire.fusion.stories``).

Story vectors are TF-IDF weighted and blocking picks each article's rare terms,
so an article's vector and candidate partners depend on the document frequency
of its terms in the whole corpus. An incremental refresh re-groups only the
articles new ones can touch; given the store's :class:`CorpusStats` it weights,
blocks and pairs them as a full grouping of the store does
(:func:`crosswire.fusion.stories.story_records`, ``corpus=``).

:func:`article_terms` gives what one article adds to the counts (its distinct
lead terms and entity ids), :func:`corpus_stats` the counts of a list of
articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.fusion import embed as _embed
from crosswire.fusion.embed import TermStats

__all__ = ["CorpusStats", "article_terms", "corpus_stats", "entity_tokens", "lead"]


@dataclass(frozen=True)
class CorpusStats:
    """Document frequencies of lead terms (``terms``) and of entity ids
    (``entities``) over a corpus of ``terms.n`` articles."""

    terms: TermStats
    entities: TermStats


def lead(a: Mapping[str, Any], cfg: Mapping[str, Any]) -> str:
    """Title (repeated) and the first ``lead_words`` words of the text."""
    title = a.get("title")
    text = a.get("text")
    title = title.strip() if isinstance(title, str) else ""
    words = (text if isinstance(text, str) else "").split()[: int(cfg["lead_words"])]
    return " ".join([title] * int(cfg["title_repeat"]) + words)


def entity_tokens(record: Any) -> list[str]:
    """One token per entity mention (the entity id) of an analysis record."""
    doc: list[str] = []
    entities = record.get("entities") if isinstance(record, Mapping) else None
    for e in entities if isinstance(entities, list) else []:
        if isinstance(e, Mapping) and e.get("id"):
            mentions = e.get("mentions")
            count = len(mentions) if isinstance(mentions, list) and mentions else 1
            doc += [str(e["id"])] * count
    return doc


def article_terms(
    article: Mapping[str, Any], analysis: Any = None
) -> tuple[frozenset[str], frozenset[str]]:
    """The distinct lead terms and entity ids one article adds to the counts."""
    cfg = _embed.settings()
    return (
        frozenset(_embed.tokens(lead(article, cfg))),
        frozenset(entity_tokens(analysis)),
    )


def corpus_stats(
    articles: Sequence[Mapping[str, Any]], analyses: Mapping[str, Any] | None = None
) -> CorpusStats:
    """The counts over ``articles`` (their ``analyses`` for the entity ids)."""
    terms: Counter[str] = Counter()
    ents: Counter[str] = Counter()
    for a in articles:
        t, e = article_terms(a, (analyses or {}).get(str(a.get("id"))))
        terms.update(t)
        ents.update(e)
    return from_counts(len(articles), terms.items(), ents.items())


def from_counts(
    n: int, terms: Iterable[tuple[str, int]], entities: Iterable[tuple[str, int]]
) -> CorpusStats:
    """Stats of ``n`` articles from (term, df) and (entity id, df) pairs."""
    return CorpusStats(TermStats(n, dict(terms)), TermStats(n, dict(entities)))
