"""A claim carries its speaker as written and the canonical id of the person meant."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crosswire.analyze import analyze
from crosswire.export import export_object
from crosswire.ingest import ingest
from crosswire.store import open_store

ARTICLE = """Surrey council votes to expand city police

SURREY, British Columbia - Mayor Doug McCallum opened Tuesday's council meeting with a vote
on the city's new police service, which the council approved by five votes to four.

The mayor said the city would hire 40 more officers next year and open two new stations.

Councillor Linda Annis voted against the plan. She said the cost would fall on taxpayers.
"""


def test_description_speaker_gets_the_named_entity_id(tmp_path: Path) -> None:
    src = tmp_path / "surrey.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    with open_store(tmp_path / "s.db") as store:
        ingest([str(src)], store, ingested=date(2026, 11, 22))
        analyze(store)
        obj = export_object(store)
    names = {e["id"]: e["name"] for e in obj["entities"]}
    claim = next(c for c in obj["claims"] if "40 more officers" in c["text"])
    assert claim["speaker_text"] == "The mayor"  # as written
    assert claim["speaker"] is not None and names[claim["speaker"]] == "Doug McCallum"
    assert claim["speaker_name"] == "Doug McCallum"
    cost = next(c for c in obj["claims"] if "cost would fall" in c["text"])
    assert cost["speaker_text"] == "She" and names.get(cost["speaker"]) == "Linda Annis"
