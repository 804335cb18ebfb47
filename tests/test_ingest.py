"""End-to-end ingest on the shipped example corpus and the real seeds."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from crosswire.ingest import ingest
from crosswire.model import Outcome
from crosswire.store import open_store

INGESTED = date(2026, 11, 22)


def _by_source(store, name: str):  # type: ignore[no-untyped-def]
    return [a for a in store.iter_articles() if name in a.source]


def test_demo_corpus(tmp_path: Path, demo_dir: Path) -> None:
    with open_store(tmp_path / "demo.db") as store:
        report = ingest([str(demo_dir)], store, ingested=INGESTED)
        assert report.ok, report.failed
        assert (report.read, report.stored, report.duplicates) == (9, 8, 0)
        assert sum(report.skipped.values()) == 1
        assert any(r.startswith("E") for r in report.skipped)
        harbor = _by_source(store, "harbor-daily")[0]
        ledger = _by_source(store, "evening-ledger")[0]
        update = [a for a in _by_source(store, "northline") if "19" in (a.title or "")][0]
        french = _by_source(store, "courrier")[0]
        assert harbor.family == ledger.family == update.family
        assert sorted([harbor.version, ledger.version, update.version]) == [1, 2, 3]
        assert harbor.version < update.version  # the update came later the same day
        assert french.family != harbor.family
        assert french.language == "fr" and french.not_analysed and "E203" in french.not_analysed
        assert harbor.published == "2025-03-12" and harbor.published_origin == "meta"
        assert harbor.outlet == "Harbor Daily"
        assert "Comments" not in harbor.text and "All rights reserved" not in harbor.text
        reasons = {r.reason for r in ledger.removed}
        assert {"breadcrumb", "share-prompt"} <= reasons
        displacement = _by_source(store, "ledger-displacement")[0]
        assert displacement.published == "2025-03-13"
        assert displacement.family not in (harbor.family, french.family)

        again = ingest([str(demo_dir)], store, ingested=INGESTED)
        assert (again.stored, again.duplicates) == (0, 8)
        assert store.count_articles() == 8


def test_seeds(tmp_path: Path, seeds_dir: Path) -> None:
    with open_store(tmp_path / "seeds.db") as store:
        report = ingest([str(seeds_dir)], store, ingested=INGESTED)
        assert report.ok and report.stored == 5
        arts = {Path(a.source).name[:3]: a for a in store.iter_articles()}
        assert arts["003"].family == arts["004"].family
        others = {arts[k].family for k in ("000", "001", "002")}
        assert len(others) == 3 and arts["003"].family not in others
        assert arts["000"].published is None
        assert any("1970" in r.value for r in arts["000"].rejected_dates)
        assert arts["004"].published == "2015-10-01"
        assert "blog comments powered by Disqus" not in arts["000"].text
        assert "SHARE THIS ARTICLE" not in arts["001"].text
        assert "Consular assistance" not in arts["004"].text
        assert arts["001"].outlet == "Press TV"
        # every article paragraph kept: spot-check first and last paragraphs
        assert arts["000"].text.startswith("Air strikes by the Russian military")
        assert (
            arts["004"]
            .text.rstrip()
            .endswith(
                "“Life has shown that it is unrealistic to give "
                "ultimatums demanding that Assad leaves in a "
                "situation when the country is in such a crisis,” "
                "Lavrov said."
            )
        )


def test_killed_run_resumes_without_loss_or_duplicates(tmp_path: Path, demo_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(demo_dir, corpus)
    db = tmp_path / "resume.db"

    class Killed(Exception):
        pass

    seen: list[Outcome] = []

    def die_after_three(outcome: Outcome) -> None:
        seen.append(outcome)
        if len(seen) == 3:
            raise Killed

    with open_store(db) as store, pytest.raises(Killed):
        ingest([str(corpus)], store, ingested=INGESTED, on_outcome=die_after_three)
    with open_store(db) as store:
        stored_before = store.count_articles()
        assert 1 <= stored_before <= 3
        report = ingest([str(corpus)], store, ingested=INGESTED)
        assert report.stored == 8 - stored_before
        assert report.duplicates == stored_before
        assert store.count_articles() == 8
        assert all(a.family and a.version for a in store.iter_articles())
