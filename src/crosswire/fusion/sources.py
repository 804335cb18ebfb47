"""Who reported what: publishing outlets, independent origins and claimants.

Three different things are kept apart on purpose:

* the **outlet** that published an article (many sites run the same agency copy);
* the **origin** of the report: the wire family for agency copy and its
  versions, otherwise the article itself. Copies of one story are one report,
  however many sites ran it, so ``independent_sources`` counts origins;
* the **claimant**: who the article attributes the information to ("the defence
  ministry said", "the Syrian Observatory for Human Rights said"). Two
  independent agencies that both quote the same ministry are two origins but
  one claimant; both counts are reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from crosswire.fusion.config import Record
from crosswire.model import claim_id


def origin_of(article: Mapping[str, Any]) -> str:
    """The independent origin of an article: its wire family, else the article itself."""
    family = article.get("family")
    if family:
        return f"family:{family}"
    return f"article:{article.get('id')}"


def entity_names(analysis: Mapping[str, Any]) -> dict[str, Record]:
    """Entity dicts of one analysis record by id."""
    return {e["id"]: e for e in analysis.get("entities") or [] if isinstance(e, dict) and "id" in e}


def claimant_name(claim: Mapping[str, Any], entities: Mapping[str, Record]) -> str | None:
    """Best display name of a claim's speaker: entity name, resolved text, or as written."""
    speaker = claim.get("speaker")
    if speaker and speaker in entities:
        name = entities[speaker].get("name")
        if name:
            return str(name)
    for key in ("speaker_resolved_text", "speaker_text"):
        text = claim.get(key)
        if text:
            return str(text)
    return None


def claim_for_span(
    analysis: Mapping[str, Any], start: int, end: int, index: int | None = None
) -> tuple[int, Record] | None:
    """The claim an event or number belongs to: by index when given, else the
    narrowest claim whose span contains ``start..end``."""
    claims = analysis.get("claims") or []
    if index is not None and 0 <= index < len(claims):
        return index, claims[index]
    best: tuple[int, Record] | None = None
    for i, c in enumerate(claims):
        inside = c.get("start", 0) <= start and end <= c.get("end", -1)
        if inside and (best is None or c["end"] - c["start"] < best[1]["end"] - best[1]["start"]):
            best = i, c
    return best


def attribution(
    article_id: str, analysis: Mapping[str, Any], start: int, end: int, index: int | None = None
) -> tuple[str | None, str | None]:
    """(claimant name, claim id) for a span of an article; (None, None) when the
    outlet reports it in its own voice."""
    found = claim_for_span(analysis, start, end, index)
    if found is None:
        return None, None
    _, claim = found
    name = claimant_name(claim, entity_names(analysis))
    return name, claim_id(article_id, claim["start"], claim["end"])


def independent_count(origins: Iterable[str]) -> int:
    """Number of independent reports: distinct origins (wire families count once)."""
    return len(set(origins))
