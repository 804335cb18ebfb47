"""Tests for crosswire.clean.language."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.clean.language import detect_language

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"


# Confidence floors are a little under what was measured (en 0.998, fr 1.0,
# ar 0.874, ru 0.989): Arabic comes out lower with this model.
@pytest.mark.parametrize(("code", "floor"), [("en", 0.95), ("fr", 0.95), ("ar", 0.8), ("ru", 0.95)])
def test_fixture_languages(code: str, floor: float) -> None:
    lang, conf = detect_language((FIXTURES / f"lang_{code}.txt").read_text("utf-8"))
    assert lang == code
    assert floor <= conf <= 1.0


@pytest.mark.parametrize(
    "text", ["", "   ", "Hi there", "12345 67890 !!!", "https://example.com/a/b/c/d"]
)
def test_too_short_is_none(text: str) -> None:
    assert detect_language(text) == (None, 0.0)


def test_urls_do_not_count_as_letters() -> None:
    assert detect_language("see www.someverylongdomainnamefortesting.com now")[0] is None
