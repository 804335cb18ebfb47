"""Read-model views computed from an export snapshot."""

from __future__ import annotations

from typing import Any

from crosswire.web.readmodel import build_snapshot
from crosswire.web.views import sources_per_claim

WIRE = (
    "KHARTOUM, March 3 (Wire) - Shelling hit a market in Omdurman on Sunday, killing at "
    'least 12 people, a medical group said. "The wounded are still arriving," Dr Amira '
    "Hassan of the Sudan Doctors Network said."
)
LOCAL = (
    'Residents of Omdurman buried their dead on Monday. "The wounded are still arriving," '
    "Dr Amira Hassan of the Sudan Doctors Network said."
)
QUOTE = '"The wounded are still arriving," Dr Amira Hassan of the Sudan Doctors Network said.'
TOLL = "killing at least 12 people, a medical group said."


def _claim(cid: str, aid: str, text: str, body: str, speaker: str) -> dict[str, Any]:
    start = body.index(text)
    return {
        "id": cid,
        "article": aid,
        "start": start,
        "end": start + len(text),
        "text": text,
        "speaker_name": speaker,
    }


def _export() -> dict[str, Any]:
    """Two outlets running one wire story verbatim, and a third outlet's own report."""
    articles = [
        {"id": "a1", "outlet": "Nile Courier", "family": "fam:wire", "text": WIRE},
        {"id": "a2", "outlet": "Gulf Ledger", "family": "fam:wire", "text": WIRE},
        {"id": "a3", "outlet": "Omdurman Daily", "family": None, "text": LOCAL},
    ]
    claims = [
        _claim("c1", "a1", QUOTE, WIRE, "Amira Hassan"),
        _claim("c2", "a2", QUOTE, WIRE, "Amira Hassan"),
        _claim("c3", "a3", QUOTE, LOCAL, "Amira Hassan"),
        _claim("c4", "a1", TOLL, WIRE, "medical group"),
        _claim("c5", "a2", TOLL, WIRE, "medical group"),
    ]
    story = {"id": "story:omdurman", "title": "Omdurman market shelling"}
    story["articles"] = [a["id"] for a in articles]
    return {"articles": articles, "claims": claims, "stories": [story]}


def test_sources_per_claim_counts_wire_copies_once() -> None:
    snap = build_snapshot(_export(), (0, 0, 0))
    story = snap.get("story", "story:omdurman")
    assert story is not None
    rows = {r["claim"]: r["sources"] for r in sources_per_claim(snap, story)}
    # The quote: one wire family (two outlets) plus one unwired article -> 2, not 3.
    # The toll: carried by two outlets, but both are copies of one wire story -> 1.
    assert rows == {"c1": 2, "c4": 1}
    assert [r["claim"] for r in sources_per_claim(snap, story)] == ["c1", "c4"]


def test_sources_per_claim_without_families_counts_articles() -> None:
    export = _export()
    for article in export["articles"]:
        article["family"] = None
    snap = build_snapshot(export, (0, 0, 0))
    story = snap.get("story", "story:omdurman")
    assert story is not None
    rows = {r["claim"]: r["sources"] for r in sources_per_claim(snap, story)}
    assert rows == {"c1": 3, "c4": 2}
