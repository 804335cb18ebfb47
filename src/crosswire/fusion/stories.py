"""Group articles into stories: many wire families and events under one headline.

``group_stories(articles, analyses)`` returns JSON-ready story records
``{id, title, start, end, articles, families, outlets, events}`` (``events``
is left empty here; the fusion layer attaches event ids).

Method, in order (numbers live in ``data/stories.json``; see docs/stories.md):

1. One vector per article from its title (repeated, titles say what a story
   is) and lead (first ``lead_words`` words), by the chosen backend, plus,
   when analyses are given, a TF-IDF vector of the entity ids the article
   mentions, weighted by ``entity_weight``.
2. Candidate pairs (``crosswire.fusion.story_pairs``): all pairs for small
   corpora; above ``full_pairs_limit`` articles each article keeps its
   ``block_max_partners`` best partners among those sharing its top rare
   terms inside the date window (blocking), so cost and memory grow with the
   corpus, not with its square.
3. A pair is an edge when its cosine reaches ``edge_threshold`` and, if both
   are dated, their publication days are at most ``window_days`` apart.
4. Wire families are merged first, unconditionally: copies of one story
   belong to one story. Then edges are taken strongest first and two groups
   merge only when their *average* pairwise similarity (from vector sums,
   so exact and cheap) reaches ``link_threshold``: a single strong pair does
   not chain two unrelated stories together.
5. Title: the title of the member closest to the group's centroid; when no
   member has a title, the group's top three terms.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy import sparse  # type: ignore[import-untyped,unused-ignore]

from crosswire.fusion import embed as _embed
from crosswire.fusion import story_links as _links
from crosswire.fusion import story_pairs as _pairs
from crosswire.fusion.records import Story
from crosswire.fusion.story_groups import Groups, Guards, home_regions
from crosswire.fusion.story_terms import CorpusStats, entity_tokens, lead

log = logging.getLogger(__name__)

__all__ = ["group_stories", "story_id"]

Record = dict[str, Any]
# Cosines are compared to this many decimals when ordering, far above the
# rounding noise of a sum (~1e-16) and far below any difference that matters.
_DIGITS = 9


def story_id(article_ids: Sequence[str]) -> str:
    """A stable id for a story: the same member ids (in any order) give the same id."""
    joined = "\n".join(sorted(article_ids))
    return "story:" + hashlib.sha1(joined.encode()).hexdigest()[:12]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _day(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clean(articles: Sequence[Any]) -> list[Mapping[str, Any]]:
    """Articles that can be grouped: mappings with a unique id (others logged, skipped)."""
    seen: set[str] = set()
    good: list[Mapping[str, Any]] = []
    for a in articles:
        if not isinstance(a, Mapping) or a.get("id") in (None, ""):
            log.warning("S101 skipped an article record without an id")
            continue
        aid = str(a["id"])
        if aid in seen:
            log.warning("S102 skipped a second article with id %s", aid)
            continue
        seen.add(aid)
        good.append(a)
    return good


def _entity_docs(ids: Sequence[str], analyses: Mapping[str, Any] | None) -> list[list[str]] | None:
    """Per article, one token per entity mention (the id), or None without analyses."""
    if not analyses:
        return None
    docs = [entity_tokens(analyses.get(aid)) for aid in ids]
    return docs if any(docs) else None


def _cluster(
    good: Sequence[Mapping[str, Any]],
    x: sparse.csr_matrix,
    light: sparse.csr_matrix,
    backend: str,
    cfg: Mapping[str, Any],
    regions: Sequence[frozenset[str]] | None = None,
    analyses: Mapping[str, Any] | None = None,
    events: Sequence[Mapping[str, Any]] | None = None,
    corpus: tuple[int, np.ndarray | None] = (0, None),
) -> tuple[Groups, list[list[int]]]:
    groups = Groups(x)
    days = [_day(a.get("published")) for a in good]
    guards = Guards(days, regions or [frozenset()] * len(good))

    def join(a: int, b: int) -> None:
        groups.union(a, b)
        keep = groups.find(a)
        guards.merged(keep, b if keep == a else a)

    families: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(good):
        if a.get("family"):
            families[str(a["family"])].append(i)
    for members in families.values():
        for i in members[1:]:
            ra, rb = groups.find(members[0]), groups.find(i)
            if ra != rb:
                join(ra, rb)
    edge = float(cfg["edge_threshold"][backend])
    link = float(cfg["link_threshold"][backend])
    window, follow = int(cfg["window_days"]), _links.follow_up_days()
    sims, rows, cols, stats = _pairs.pair_sims(
        x, light, days, cfg, edge, corpus_n=corpus[0], df=corpus[1]
    )
    # Two groups refused once are refused again until one of them grows: a
    # root's sum only changes when its size does, so (roots, sizes) is a key.
    refused: dict[tuple[int, int], tuple[int, int]] = {}
    # Strongest pair first; ties broken by position so the result is deterministic.
    # Rounded so that equal cosines tie whatever the column order of the vectors
    # (a part of the store re-grouped has its own), as in a full grouping.
    order = np.lexsort((cols, rows, -np.round(sims, _DIGITS)))
    for sim, i, j in zip(
        sims[order].tolist(), rows[order].tolist(), cols[order].tolist(), strict=True
    ):
        di, dj = days[i], days[j]
        if di is not None and dj is not None and abs((di - dj).days) > window:
            continue
        ra, rb = groups.find(i), groups.find(j)
        if ra == rb:
            continue
        key = (min(ra, rb), max(ra, rb))
        sizes = (groups.size[key[0]], groups.size[key[1]])
        if refused.get(key) == sizes or not guards.allow(ra, rb, window):
            continue
        # Two single articles: their average similarity is the pair's cosine.
        single = sizes == (1, 1)
        if round(sim if single else groups.average(ra, rb), _DIGITS) >= link:
            join(ra, rb)
        else:
            refused[key] = sizes
    ids = [str(a["id"]) for a in good]
    for i, j in _links.person_pairs(ids, days, analyses) + _links.event_pairs(ids, events):
        if (ra := groups.find(i)) != (rb := groups.find(j)) and guards.allow(ra, rb, follow):
            join(ra, rb)  # S8, S9 (crosswire.fusion.story_links)
    stats["edges"] = len(sims)
    log.info(
        "story pairs: %s path, %d candidates (%.1f per article), %d edges",
        stats["path"],
        stats["candidates"],
        stats["pairs_per_article_mean"],
        len(sims),
        extra={"pair_stats": stats},
    )
    found: dict[int, list[int]] = defaultdict(list)
    for i in range(len(good)):
        found[groups.find(i)].append(i)
    return groups, list(found.values())


def _title(
    idx: list[int],
    good: Sequence[Mapping[str, Any]],
    x: sparse.csr_matrix,
    light: sparse.csr_matrix,
    vocab: list[str],
) -> str:
    """The most central titled member's title, else the group's top three terms."""
    if len(idx) == 1 and (title := " ".join(_text(good[idx[0]].get("title")).split())):
        # A story of one article: its own title (skips two sparse products per story).
        return title
    centre = x[idx].sum(axis=0)
    # Rounded: members as central as each other (the two of a pair) tie by
    # position, not by the last bits of sums whose order follows the columns.
    scores = np.round(np.asarray(x[idx] @ np.asarray(centre).ravel()).ravel(), _DIGITS)
    for k in np.argsort(-scores, kind="stable"):
        title = " ".join(_text(good[idx[int(k)]].get("title")).split())
        if title:
            return title
    weights = np.asarray(light[idx].sum(axis=0)).ravel()
    top = [vocab[int(j)] for j in np.argsort(-weights, kind="stable")[:3] if weights[j] > 0]
    return ", ".join(top)


def _record(
    idx: list[int],
    good: Sequence[Mapping[str, Any]],
    title: str,
) -> Story:
    members = sorted(
        idx, key=lambda i: (_text(good[i].get("published")) or "9999", str(good[i]["id"]))
    )
    ids = [str(good[i]["id"]) for i in members]
    days = sorted(d.isoformat() for i in idx if (d := _day(good[i].get("published"))))
    outlets = Counter(_text(good[i].get("outlet")).strip() for i in idx)
    outlets.pop("", None)
    return Story(
        id=story_id(ids),
        title=title,
        start=days[0] if days else None,
        end=days[-1] if days else None,
        articles=ids,
        families=sorted({str(good[i]["family"]) for i in idx if good[i].get("family")}),
        outlets=sorted(outlets, key=lambda o: (-outlets[o], o)),
    )


def group_stories(
    articles: Sequence[Mapping[str, Any]],
    analyses: Mapping[str, Any] | None = None,
    *,
    backend: str = "light",
) -> list[Record]:
    """Group articles into stories: the JSON-ready form of :func:`story_records`."""
    return [s.to_json() for s in story_records(articles, analyses, backend=backend)]


def story_records(
    articles: Sequence[Mapping[str, Any]],
    analyses: Mapping[str, Any] | None = None,
    *,
    backend: str = "light",
    events: Sequence[Mapping[str, Any]] | None = None,
    corpus: CorpusStats | None = None,
) -> list[Story]:
    """Group articles into stories (largest first, then by start date and id).

    ``articles`` are export-shaped dicts (id, title, text, published, outlet,
    family); ``analyses`` maps article id to its analysis record, whose
    ``entities`` ids sharpen the grouping; the fused ``events`` (export form), when
    given, join the reports of one incident (S9). Bad records are skipped with a log
    line. Raises :class:`~crosswire.fusion.embed.BackendUnavailable` only for
    an unknown or uninstalled backend.

    ``corpus``: ``articles`` are part of a larger corpus with these term counts
    (:func:`corpus_stats`); they are weighted, blocked and paired as in the
    whole corpus, so an incremental refresh re-groups a part of the store as a
    full grouping of the store would.
    """
    cfg = _embed.settings()
    if backend not in cfg["edge_threshold"]:
        raise _embed.BackendUnavailable(f"S200 unknown backend: {backend!r}")
    good = _clean(articles)
    if not good:
        return []
    ids = [str(a["id"]) for a in good]
    texts = [lead(a, cfg) for a in good]
    # A generator: tfidf reads each token list once, so they are never all held.
    light, vocab = _embed.tfidf((_embed.tokens(t) for t in texts), corpus.terms if corpus else None)
    x = light if backend == "light" else _embed.embed(texts, backend)
    ent_docs = _entity_docs(ids, analyses)
    if ent_docs is not None:
        ents, _ = _embed.tfidf(ent_docs, corpus.entities if corpus else None)
        weight = float(cfg["entity_weight"])
        x = _embed.normalise(sparse.csr_matrix(sparse.hstack([x, ents * weight])))
    whole = (
        (corpus.terms.n, _embed.corpus_df(vocab, corpus.terms)) if corpus is not None else (0, None)
    )
    _, groups = _cluster(
        good, x, light, backend, cfg, home_regions(ids, analyses), analyses, events, whole
    )
    stories = [_record(idx, good, _title(idx, good, x, light, vocab)) for idx in groups]
    stories.sort(key=lambda s: (-len(s.articles), s.start or "9999", s.id))
    log.info("grouped %d articles into %d stories (%s)", len(good), len(stories), backend)
    return stories
