"""Guard the re3d entity figures at the level measured (README table)."""

from __future__ import annotations

import pytest

from crosswire.evaluate.entities import DEFAULT_DIR, TYPES, evaluate, score

# Measured on all 98 re3d documents (strict span match F1, lenient overlap F1).
MEASURED = {
    "Person": (0.323, 0.486),
    "Organisation": (0.248, 0.470),
    "Location": (0.377, 0.515),
    "Weapon": (0.425, 0.654),
    "MilitaryPlatform": (0.361, 0.580),
    "Quantity": (0.561, 0.724),
    "Temporal": (0.736, 0.857),
}


def test_scores_on_tiny_cases() -> None:
    gold = [{(0, 5, "Person"), (10, 15, "Location")}]
    pred = [{(0, 5, "Person"), (9, 15, "Location"), (20, 25, "Weapon")}]
    by_type = {s.type: s for s in score(gold, pred)}
    assert by_type["Person"].f1 == 1.0
    assert by_type["Location"].f1 == 0.0 and by_type["Location"].lenient_f1 == 1.0
    assert by_type["Weapon"].precision == 0.0 and by_type["Weapon"].gold == 0


@pytest.mark.slow
def test_re3d_guard() -> None:
    if not DEFAULT_DIR.is_dir():
        pytest.skip("../shared/eval/re3d is not available on this machine")
    results = {s.type: s for s in evaluate(DEFAULT_DIR)}
    assert set(results) == set(TYPES)
    for kind, (strict, lenient) in MEASURED.items():
        assert results[kind].f1 >= strict - 0.005, kind
        assert results[kind].lenient_f1 >= lenient - 0.005, kind
