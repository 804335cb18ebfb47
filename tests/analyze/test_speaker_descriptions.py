"""Descriptions, titles and pronouns resolve to the person the article names."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from crosswire.analyze import analyze
from crosswire.export import export_object
from crosswire.ingest import ingest
from crosswire.store import open_store

ARTICLE = """Norway and Denmark agree to share fishing quotas

OSLO, Norway - Norwegian Foreign Minister Ine Eriksen Soreide met her Danish counterpart, \
Jeppe Kofod, in Oslo on Monday to settle a long dispute over North Sea fishing quotas.

The minister said the agreement would protect cod stocks for at least a decade. "We have \
waited too long for this," she told reporters after the meeting.

Kofod said Denmark would cut its herring catch by a fifth next year. He added that Danish \
fishermen would be compensated for their losses.

A spokesman for the Danish fisheries ministry, Lars Holm, said the cuts would start in \
January. The spokesman said the ministry had not yet decided how the compensation would be paid.

But a Russian security source said patrols in the Baltic would double in the spring. The \
source said two new cutters had been ordered.
"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("quotas")
    src = tmp / "quotas.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    with open_store(tmp / "s.db") as store:
        ingest([str(src)], store, ingested=date(2026, 11, 22))
        analyze(store)
        obj: dict[str, Any] = export_object(store)
    return obj


def _speaker(obj: dict[str, Any], words: str) -> tuple[str, str | None]:
    names = {e["id"]: e["name"] for e in obj["entities"]}
    claim = next(c for c in obj["claims"] if words in c["text"])
    return claim["speaker_text"], names.get(claim["speaker"])


@pytest.mark.parametrize(
    ("words", "written", "person"),
    [
        ("protect cod stocks", "The minister", "Ine Eriksen Soreide"),
        ("waited too long", "she", "Ine Eriksen Soreide"),
        ("compensated for their losses", "He", "Jeppe Kofod"),
        (
            "cuts would start",
            "A spokesman for the Danish fisheries ministry, Lars Holm",
            "Lars Holm",
        ),
        ("not yet decided", "The spokesman", "Lars Holm"),
    ],
)
def test_speaker_as_written_and_the_person_meant(
    exported: dict[str, Any], words: str, written: str, person: str
) -> None:
    assert _speaker(exported, words) == (written, person)


def test_a_nationality_word_names_no_later_description(exported: dict[str, Any]) -> None:
    # "a Russian security source" says where the official is from, not who:
    # "The source" later must not become Russia (the seeds once showed "the
    # source" of a Syrian security source as Syria).
    written, person = _speaker(exported, "new cutters had been ordered")
    assert written == "The source"
    assert person is None
