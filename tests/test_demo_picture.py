"""The shipped demo corpus end to end: the updated wire report's toll reaches the figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crosswire.analyze import analyze
from crosswire.export import export_object
from crosswire.ingest import ingest
from crosswire.store import open_store


@pytest.fixture(scope="module")
def picture(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with open_store(db) as store:
        ingest([str(demo_dir)], store, ingested=date(2026, 11, 22))
        analyze(store)
        return export_object(store)


def test_death_toll_update_supersedes_the_first_take(picture: dict[str, Any]) -> None:
    """Version 2 of the Tal Afar wire story ("death toll ... rose to 19 ..., including
    nine civilians") beats version 1 ("at least 14"), and beats an undated reprint of
    version 1 that the family numbers last."""
    (strike,) = [
        e
        for e in picture["events"]
        if e["subtype"] == "Air/drone strike"
        and (e["place"] or {}).get("name") == "Tall \u2018Afar"
    ]
    numbers = {n["what"]: n for n in strike["numbers"]}
    assert numbers["fatalities"]["best"] == 19
    assert numbers["fatalities_civilian"]["best"] == 9
    sources = numbers["fatalities"]["sources"]
    assert {s["value"] for s in sources} == {14, 19}  # the first take stays visible
    assert all(not s["basis"] for s in sources if s["value"] == 14)
