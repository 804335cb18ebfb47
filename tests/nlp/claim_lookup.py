"""Helpers for the claim tests: claims of a text, and the one about a phrase."""

from __future__ import annotations

from typing import Any

from crosswire.nlp.claims.find import Claim, find_claims


def claims_in(nlp: Any, text: str) -> list[Claim]:
    """The claims ``find_claims`` finds in ``text``."""
    return find_claims(nlp(text))


def about(claims: list[Claim], needle: str) -> Claim:
    """The first claim whose text contains ``needle`` (fails listing them all if none)."""
    hits = [c for c in claims if needle in c.text]
    assert hits, f"no claim containing {needle!r} in {[c.text for c in claims]}"
    return hits[0]
