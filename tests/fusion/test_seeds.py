"""Fusion on the real seed articles (skipped when ../shared is absent)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from crosswire.fusion import fuse


def _records(seeds: Path) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    pytest.importorskip("spacy")
    from crosswire.analyze.components import COMPONENTS, ArticleAnalysis
    from crosswire.analyze.serialize import analysis_record
    from crosswire.nlp.entities.pipeline import build_nlp

    nlp = build_nlp()
    articles, analyses = [], {}
    for i, path in enumerate(sorted(seeds.glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        published = f"2016-0{i + 1}-15"  # invented: the seeds carry no usable date
        a = ArticleAnalysis(path.stem, dt.date.fromisoformat(published), nlp(text))
        for component in COMPONENTS:
            component.func(a)
        analyses[path.stem] = analysis_record(a, text)
        articles.append(
            {
                "id": path.stem,
                "outlet": f"site{i}",
                "published": published,
                "family": None,
                "version": 1,
                "title": None,
                "text": text,
            }
        )
    return articles, analyses


def test_seed_denials_and_running_totals(seeds_dir: Path) -> None:
    articles, analyses = _records(seeds_dir)
    fusion = fuse(articles, analyses)
    denials = [d for d in fusion.disputes if d["kind"] == "denial"]
    # Measured: exactly two, both answering the opposition's accusations of
    # killing civilians: its "36 civilians" and, since the noun cues of
    # session 10, the "accusations by the Syrian opposition that it had caused
    # civilian deaths" that Russia dismisses in that very sentence.
    assert len(denials) == 2
    assert any("36 civilians" in d["sides"][0]["text"] for d in denials)
    for d in denials:
        accused, denier = d["sides"]
        assert "civilian" in accused["text"]
        assert denier["claimant"] in {"Sergei Lavrov", "Russia"}
    totals = {p["value"] for s in fusion.series if s["what"] == "dead" for p in s["points"]}
    assert {240000, 260000, 400000} <= totals
