"""Hostile shapes for the line classifier: cost must stay linear in the input.

Before the fix a 144 KB line of dates took 34 s (``find_dates`` compared every
match with every earlier one, ``nav_prefix`` joined every suffix of a line).
Each shape here is about 1 MB; at quadratic cost each would take minutes.
"""

from __future__ import annotations

import time

import pytest

from crosswire.clean.lines import clean_text

SHAPES = {
    "one line of ISO dates": "2024-01-02 " * 95_000,
    "one line of spelled dates": "3 March 2024, " * 75_000,
    "one line of navigation words": "Home News World " * 65_000,
    "one line of prose": "The convoy reached the northern crossing at dawn. " * 20_000,
    "one line of promo words": "Contact the embassy for consular assistance. " * 22_000,
    "promo lines under a story": (
        "Ceasefire talks resume in Geneva\n\n"
        + "Delegates from both sides met on Monday and agreed to a new round.\n\n"
        + "Contact the embassy for consular assistance.\n" * 8_000
    ),
}


def _cpu_seconds(text: str) -> tuple[float, str]:
    start = time.process_time()
    result = clean_text(text)
    took = time.process_time() - start
    kept = len(result.text) + sum(len(r.text) for r in result.removed)
    assert kept > len(text) // 2  # nothing silently dropped
    return took, result.text


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_hostile_shapes_clean_in_linear_time(name: str) -> None:
    """Growth, not speed: the cost of a whole input against a quarter of it.

    Linear cost gives a ratio near 4, quadratic near 16. Process CPU time and
    a ratio keep this independent of how fast or how busy the machine is (a
    wall-clock limit failed on a loaded CI box); speed itself is measured by
    ``bench/bench_hostile.py``.
    """
    text = SHAPES[name]
    quarter = text[: len(text) // 4]
    small = min(_cpu_seconds(quarter)[0] for _ in range(2))
    whole = _cpu_seconds(text)[0]
    # Below ~20 ms the quarter's time is mostly fixed cost: then the whole input
    # must still be cheap in absolute terms (quadratic shapes took minutes).
    ratio = whole / max(small, 0.02)
    assert ratio < 9, f"{name}: {whole:.2f} CPU-s vs {small:.2f} for a quarter"


def test_breadcrumb_in_front_of_headline_still_found() -> None:
    page = (
        "Home News Ceasefire talks resume in Geneva\n"
        "Ceasefire talks resume in Geneva\n"
        "Delegates from both sides met in Geneva on Monday and agreed to resume talks.\n"
        "The talks will continue next week, a spokesman for the mediators said.\n"
    )
    result = clean_text(page)
    assert result.title == "Ceasefire talks resume in Geneva"
    assert ("breadcrumb", "Home News Ceasefire talks resume in Geneva") in [
        (r.reason, r.text) for r in result.removed
    ]
