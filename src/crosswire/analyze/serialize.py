"""Per-article analysis records (JSON-ready) and their export sections.

Stored per article: entities, places, dates, quantities and claims with
offsets into that article's text. Exported: ``entities`` and ``places``
merged across articles by canonical id, ``dates``, ``quantities`` and
``claims`` per article with their spans. Mentions are ``{article, start, end}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from crosswire.analyze.components import ArticleAnalysis
from crosswire.model import claim_id
from crosswire.nlp.entities.pipeline import Entity


def analysis_record(a: ArticleAnalysis, text: str) -> dict[str, Any]:
    """The JSON-ready analysis of one article (what the store keeps)."""
    entities = [_entity(e) for e in a.entities]
    quantities = [asdict(q) for q in a.quantities]
    claims = []
    # Entity ids found for a resolved speaker text: "A spokesman for the
    # ministry, Lars Holm, said" names Holm by apposition only, so a later
    # "The spokesman said" (resolved to that description) takes the same id.
    named: dict[str, str] = {}
    for claim in a.claims:
        record = asdict(claim)
        resolved = claim.speaker_resolved_text
        speaker, by_name = _speaker_entity(
            a.entities, claim.speaker_start, claim.speaker_end, resolved
        )
        if speaker is None:
            speaker = named.get(resolved)
        elif resolved and by_name:
            # Only a name carries over: "a Syrian security source" is tied to
            # Syria by a nationality word, which says where the source is from,
            # not who it is, so "the source" later stays unnamed.
            named.setdefault(resolved, speaker)
        record["speaker"] = speaker
        record["numbers"] = [
            i
            for i, q in enumerate(a.quantities)
            if claim.content_start <= q.start and q.end <= claim.content_end
        ]
        claims.append(record)
    return {
        "entities": entities,
        "places": [asdict(p) for p in a.places],
        "dates": [asdict(d) for d in a.dates],
        "quantities": quantities,
        "claims": claims,
        "events": [asdict(e) for e in a.events],
    }


def _entity(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        "role": e.role,
        "affiliation": {"country": e.country, "category": e.category},
        "mentions": [[m.start, m.end] for m in e.mentions],
    }


def _speaker_entity(
    entities: list[Entity], start: int, end: int, resolved: str
) -> tuple[str | None, bool]:
    """The entity a claim's speaker span (or its resolved antecedent) refers to,
    and whether a name (not only a nationality word, NORP) gave it.

    Of several entities inside the speaker phrase, the one mentioned last is the
    head in English noun phrases: "the British-based monitor Syrian Observatory
    for Human Rights", "Russian Foreign Minister Sergei Lavrov".
    """
    # "the British-based monitor Syrian Observatory for Human Rights said": the
    # name right after a descriptive speaker phrase is the speaker (apposition).
    for entity in entities:
        if entity.label != "NORP" and any(end < m.start <= end + 2 for m in entity.mentions):
            return entity.id, True
    inside = [
        (entity.label != "NORP", m.end, entity.id)
        for entity in entities
        for m in entity.mentions
        if m.start < end and start < m.end
    ]
    if inside:
        strong, _, found = max(inside)
        return found, strong
    for entity in entities:
        if resolved and (resolved == entity.name or resolved in entity.aliases):
            return entity.id, True
    return None, False


def export_sections(analyses: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, list[Any]]:
    """Merge per-article records into the export's analysis sections."""
    entities: dict[str, dict[str, Any]] = {}
    places: dict[str, dict[str, Any]] = {}
    dates: list[dict[str, Any]] = []
    quantities: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    for article_id, record in analyses:
        for e in record["entities"]:
            merged = entities.setdefault(
                e["id"],
                {
                    **{k: e[k] for k in ("id", "name", "type", "role", "affiliation")},
                    "aliases": [],
                    "mentions": [],
                },
            )
            merged["role"] = merged["role"] or e["role"]
            merged["aliases"] += [x for x in e["aliases"] if x not in merged["aliases"]]
            merged["mentions"] += [
                {"article": article_id, "start": s, "end": t} for s, t in e["mentions"]
            ]
        for p in record["places"]:
            pid = "place:" + _slug(f"{p['name']} {p['country']}")
            merged = places.setdefault(
                pid,
                {
                    "id": pid,
                    **{
                        k: p.get(k)
                        for k in ("name", "lat", "lon", "country", "admin1", "kind", "precision")
                    },
                    # the article's form of the name, first seen ("Hama", not "Ḩamāh")
                    "surface": p.get("surface") or p["text"],
                    "mentions": [],
                },
            )
            merged["precision"] = min(merged["precision"], p["precision"])
            merged["mentions"].append(
                {
                    "article": article_id,
                    "start": p["start"],
                    "end": p["end"],
                    "text": p["text"],
                    "precision": p["precision"],
                }
            )
        dates += [{"article": article_id, **d} for d in record["dates"]]
        quantities += [{"article": article_id, **q} for q in record["quantities"]]
        spans: set[tuple[int, int]] = set()
        for c in record["claims"]:
            # One claim per span (its id): analyses stored before the finder
            # kept that rule may hold two; the first stands, as in fusion.
            if (c["start"], c["end"]) not in spans:
                spans.add((c["start"], c["end"]))
                claims.append(_claim(article_id, c, record))
    return {
        "entities": list(entities.values()),
        "places": list(places.values()),
        "dates": dates,
        "quantities": quantities,
        "claims": claims,
    }


def _claim(article_id: str, c: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    names = {e["id"]: e["name"] for e in record["entities"]}
    speaker_name = names.get(c["speaker"]) if c["speaker"] else None
    return {
        "id": claim_id(article_id, c["start"], c["end"]),
        "article": article_id,
        "start": c["start"],
        "end": c["end"],
        "text": c["text"],
        "content": {"start": c["content_start"], "end": c["content_end"]},
        "speaker": c["speaker"],
        "speaker_name": speaker_name or c["speaker_resolved_text"] or c["speaker_text"],
        "speaker_text": c["speaker_text"],
        "speaker_kind": c.get("speaker_kind"),
        "speaker_span": {"start": c["speaker_start"], "end": c["speaker_end"]},
        "cue": c["cue"],
        "kind": c["kind"],
        "quote": c["quote"],
        "target": c.get("target_text"),
        "numbers": [_number(record["quantities"][i]) for i in c["numbers"]],
    }


def _number(q: dict[str, Any]) -> dict[str, Any]:
    keys = ("text", "value", "low", "high", "unit", "noun", "qualifier", "start", "end")
    return {k: q.get(k) for k in keys}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
