"""Tests for crosswire.clean.normalize."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.clean.normalize import normalize


def test_mojibake_is_repaired_and_curly_quotes_kept() -> None:
    broken = "Syria\u00e2\u20ac\u2122s army said \u00e2\u20ac\u0153no\u00e2\u20ac\u009d."
    assert normalize(broken) == "Syria’s army said “no”."


def test_line_endings_and_blank_runs() -> None:
    assert normalize("one\r\ntwo\rthree\u2028four") == "one\ntwo\nthree\nfour"
    assert normalize("para one\n\n\n\n\npara two\n") == "para one\n\npara two"


def test_single_newlines_between_paragraphs_are_kept() -> None:
    assert normalize("First paragraph.\nSecond paragraph.") == "First paragraph.\nSecond paragraph."


def test_invisible_and_control_characters_removed() -> None:
    text = "\ufeffRus\u200bsia\u00ad said\x07 it\u200e would\x00 reply"
    assert normalize(text) == "Russia said it would reply"


def test_spaces_collapsed_inside_lines_and_lines_stripped() -> None:
    assert (
        normalize("  Lavrov\u00a0\u00a0 said \t\u2009 so.\u00a0 \nnext ") == "Lavrov said so.\nnext"
    )
    assert normalize("   \n\u00a0\n") == ""


def test_nfc_composition() -> None:
    assert normalize("Gene\u0300ve") == "Genève"


def test_zero_width_joiners_kept_between_letters_only() -> None:
    persian = "می\u200cخواهم"  # ZWNJ is part of Persian spelling
    assert normalize(persian) == persian
    assert normalize("word\u200c more") == "word more"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_normalize_properties(text: str) -> None:
    out = normalize(text)
    assert "\r" not in out and "\n\n\n" not in out
    assert "  " not in out and "\u00a0" not in out and "\u200b" not in out
    assert all(line == line.strip() for line in out.split("\n"))
    assert normalize(out) == out  # idempotent
