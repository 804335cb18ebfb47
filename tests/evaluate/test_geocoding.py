"""Geocoding evaluation: format readers on a tiny fixture, and guards on the shared gold sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.evaluate.geocoding import (
    CORPORA,
    evaluate_end_to_end,
    evaluate_resolution,
    load_corpus,
    main,
    run,
)

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "geoparsing" / "data"

LGL_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><title>t</title>
<text><![CDATA[Flooding closed roads in Paris, Texas, and near Dallas.]]></text>
<toponyms count="2">
<toponym><start>25</start><end>30</end><phrase>Paris</phrase>
<gaztag geonameid="4717560"><name>Paris</name><lat>33.66094</lat><lon>-95.55551</lon></gaztag>
</toponym>
<toponym><start>32</start><end>37</end><phrase>Texas</phrase>
<gaztag geonameid="4736286"><name>Texas</name><lat>31.25044</lat><lon>-99.25061</lon></gaztag>
</toponym>
<toponym><start>48</start><end>54</end><phrase>Dallas</phrase></toponym>
</toponyms></article></articles>
"""
GWN_STYLE = """<?xml version="1.0" ?>
<articles><article file="0"><title>t</title><link>x</link>
<text>Shelling hit Aleppo and the Kurdish quarter.</text><toponyms>
<toponym><extractedName>Aleppo</extractedName><type>Literal</type><start>13</start><end>19</end>
<geonamesID>170063</geonamesID><latitude>36.20124</latitude><longitude>37.16117</longitude>
</toponym>
<toponym><extractedName>quarter</extractedName><type>Literal_Expression</type>
<start>35</start><end>42</end></toponym>
</toponyms></article></articles>
"""


def test_readers_keep_only_toponyms_with_coordinates(tmp_path: Path) -> None:
    (tmp_path / "lgl.xml").write_text(LGL_STYLE, "utf-8")
    (tmp_path / "gwn.xml").write_text(GWN_STYLE, "utf-8")
    lgl = load_corpus(tmp_path / "lgl.xml")
    assert [t.text for t in lgl[0].toponyms] == ["Paris", "Texas"]
    assert lgl[0].text[25:30] == "Paris"
    gwn = load_corpus(tmp_path / "gwn.xml")
    assert [(t.text, t.kind) for t in gwn[0].toponyms] == [("Aleppo", "Literal")]
    gold, resolved, errors = evaluate_resolution(lgl)
    assert (gold, resolved) == (2, 2)
    assert errors[0] < 5  # Paris resolved in Texas thanks to the document's other toponym


@pytest.fixture(scope="module")
def data() -> Path:
    if not (DATA / CORPORA["gwn"]).is_file():
        pytest.skip("../shared/eval/geoparsing is not available on this machine")
    return DATA


def test_given_spans_guard(data: Path) -> None:
    # Measured on the first 150 documents: GWN 0.675 within 161 km (median 4.3 km,
    # 0.823 resolved) / LGL 0.649 (median 13.9 km). Before the cities1000 regions
    # ("Bavaria", "Punjab", "Helmand") GWN was 0.663 (median 5.7 km, 0.807 resolved).
    gwn = run(data, "gwn", limit=150)
    lgl = run(data, "lgl", limit=150)
    assert gwn.acc161 >= 0.67 and gwn.median_km < 10
    assert lgl.acc161 >= 0.64 and lgl.median_km < 20
    assert gwn.resolved / gwn.gold >= 0.82


def test_end_to_end_guard(data: Path) -> None:
    # Measured on the first 20 LGL documents: detection P 0.784, R 0.713; 0.617 of
    # matched toponyms within 161 km, unchanged by the cities1000 regions. (Before
    # the name-fragment and person-name filters: P 0.63, R 0.83 — they trade LGL
    # recall for fewer false places.)
    docs = load_corpus(data / CORPORA["lgl"])[:20]
    precision, recall, errors = evaluate_end_to_end(docs)
    assert precision >= 0.76 and recall >= 0.69
    assert sum(e <= 161 for e in errors) / len(errors) >= 0.6


def test_main_reports(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(data), "--corpus", "trnews", "--limit", "5", "--e2e", "0"]) == 0
    assert "acc@161km" in capsys.readouterr().out
    assert main(["--root", str(data / "missing")]) == 2
