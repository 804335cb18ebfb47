"""`crosswire gazetteer import` loads a GeoNames dump that analysis then uses."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from crosswire.cli import cli

GEONAMES = Path(__file__).resolve().parents[1] / "fixtures" / "places" / "geonames_sample.txt"


def test_imported_places_resolve_in_analysis(tmp_path: Path) -> None:
    db = str(tmp_path / "g.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", db, "gazetteer", "import", str(GEONAMES)])
    assert result.exit_code == 0, result.output
    assert "imported 12 places" in result.stderr  # two malformed lines skipped
    article = tmp_path / "sarmada.txt"
    article.write_text(
        "Government warplanes struck a market in the town of Sarmada on Tuesday, killing "
        "at least seven people, rescue workers said. Residents said the strike hit the town "
        "centre shortly after noon.\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["--db", db, "analyze", str(article)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "x.json"
    runner.invoke(cli, ["--db", db, "export", "-o", str(out)])
    places = {p["name"]: p for p in json.loads(out.read_text())["places"]}
    sarmada = places["Sarmada"]  # only in the imported dump, not the built-in gazetteer
    assert sarmada["country"] == "SY"
    assert abs(sarmada["lat"] - 36.183) < 0.01 and abs(sarmada["lon"] - 36.722) < 0.01
