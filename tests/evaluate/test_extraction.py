"""Tests for crosswire.evaluate.extraction: metric unit tests and eval guards.

The guard tests run our extractor over the real benchmark pages (about 6 s per
set, without the bare-trafilatura comparison) and fail if quality drops below
what was measured when the settings were chosen.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosswire.evaluate.extraction import (
    SnippetScores,
    aggregate_shingles,
    evaluate_article_benchmark,
    evaluate_trafilatura_eval,
    main,
    select_keys,
    shingle_counts,
    tokenize,
)

EVAL_ROOT = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval"
needs_eval = pytest.mark.skipif(
    not (EVAL_ROOT / "article-extraction-benchmark").is_dir()
    or not (EVAL_ROOT / "trafilatura-eval").is_dir(),
    reason=f"shared eval data not found at {EVAL_ROOT}",
)


def test_tokenize_is_word_runs() -> None:
    assert tokenize("Hello, world -- it's 2024!") == ["Hello", "world", "it", "s", "2024"]


def test_shingle_counts_identical_and_disjoint() -> None:
    text = "one two three four five six"
    assert shingle_counts(text, text) == (1.0, 0.0, 0.0)
    tp, fp, fn = shingle_counts(text, "alpha beta gamma delta epsilon")
    assert tp == 0.0 and fp > 0 and fn > 0
    assert abs(fp + fn - 1.0) < 1e-9


def test_shingle_counts_partial_overlap_is_normalised() -> None:
    # 3 gold shingles, prediction adds 2 more tokens -> 2 extra shingles.
    tp, fp, fn = shingle_counts("a b c d e f", "a b c d e f g h")
    assert (tp, fp, fn) == (3 / 5, 2 / 5, 0.0)


def test_short_text_yields_one_shingle() -> None:
    assert shingle_counts("two words", "two words") == (1.0, 0.0, 0.0)
    assert shingle_counts("", "") == (0.0, 0.0, 0.0)


def test_aggregate_is_f1_of_mean_precision_and_recall() -> None:
    counts = [(1.0, 0.0, 0.0), (0.5, 0.5, 0.0), (0.0, 0.0, 1.0)]
    scores = aggregate_shingles(counts, [1.0, 0.0, 0.0])
    # precision over pages with predictions: (1 + 0.5) / 2; third page has none
    assert scores.precision == pytest.approx(0.75)
    # recall over pages with gold: (1 + 1 + 0) / 3
    assert scores.recall == pytest.approx(2 / 3)
    assert scores.f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    assert scores.accuracy == pytest.approx(1 / 3)
    assert scores.pages == 3


def test_snippet_scores_whitespace_normalised_substrings() -> None:
    item = {"with": ["the bridge  was\nclosed", "missing bit"], "without": ["Subscribe now"]}
    s = SnippetScores()
    s.add(item, "Intro. The bridge was closed today. Subscribe now!")
    assert (s.tp, s.fn, s.fp, s.tn) == (0, 2, 1, 0)  # matching is case-sensitive
    s.add(item, "x the bridge was closed y")
    assert (s.tp, s.fn, s.fp, s.tn) == (1, 3, 1, 1)
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(0.25)
    assert s.accuracy == pytest.approx(2 / 6)
    assert s.f1 == pytest.approx(2 / (2 + 1 + 3))


def test_select_keys_halves_partition_the_sorted_keys() -> None:
    keys = ["d", "a", "c", "b", "e"]
    even, odd = select_keys(keys, split="even"), select_keys(keys, split="odd")
    assert even == ["a", "c", "e"] and odd == ["b", "d"]
    assert sorted(even + odd) == select_keys(keys)
    assert select_keys(keys, sample=2) == ["a", "c"]
    with pytest.raises(ValueError):
        select_keys(keys, split="third")


def test_main_without_data_returns_error_code(tmp_path: Path) -> None:
    assert main(["--eval-root", str(tmp_path / "absent")]) == 2


# -- guards on the real benchmarks (full sets; ~12 s in total) ---------------


@needs_eval
@pytest.mark.slow
def test_guard_article_extraction_benchmark() -> None:
    result = evaluate_article_benchmark(EVAL_ROOT, compare_bare=False)
    assert result.ours.pages == 181
    # measured: P 0.965, R 0.981, F1 0.973 (bare trafilatura 0.960 in the same
    # run; trafilatura's published F1: 0.958, its Rust port's 0.970); tuning
    # half (even) 0.983, the other half (odd) 0.963
    assert result.ours.f1 >= 0.972
    assert result.ours.precision >= 0.964
    assert result.ours.recall >= 0.980


@needs_eval
@pytest.mark.slow
def test_guard_trafilatura_eval() -> None:
    result = evaluate_trafilatura_eval(EVAL_ROOT, compare_bare=False)
    assert result.pages == 149
    # measured: P 0.936, R 0.953, accuracy 0.944, F1 0.944 (bare 0.923)
    assert result.ours.f1 >= 0.943
    assert result.ours.precision >= 0.935
    assert result.ours.recall >= 0.951
    assert result.ours.accuracy >= 0.943
    # measured: title 84/114, date (first ISO meta candidate) 89/106,
    # gold comment snippets kept out of the text 66/68, tagged "comments" 38/68
    assert result.title.rate >= 0.73
    assert result.date_first.rate >= 0.83
    assert result.comments_excluded.rate >= 0.95
    assert result.comments_tagged.rate >= 0.55


@needs_eval
@pytest.mark.slow
def test_no_page_loses_recall_against_bare_trafilatura() -> None:
    # Issue 14: page by page, crosswire's recall may not trail bare
    # trafilatura's by more than 0.1. Measured: no such page on either set (the
    # last one, c467d507, lost the AP notice "This material may not be
    # published ..." that its gold counts as article text; such notices now stay).
    traf = evaluate_trafilatura_eval(EVAL_ROOT)
    assert traf.below_bare == []
    aeb = evaluate_article_benchmark(EVAL_ROOT)
    assert aeb.below_bare == []
    assert aeb.bare is not None and aeb.ours.f1 > aeb.bare.f1


@needs_eval
def test_main_on_a_fixed_subset_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    code = main(["--eval-root", str(EVAL_ROOT), "--sample", "3", "--output", str(out)])
    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["article_extraction_benchmark"]["ours"]["pages"] == 3
    assert report["article_extraction_benchmark"]["bare_trafilatura"]["pages"] == 3
    assert report["trafilatura_eval"]["pages"] == 3
    assert isinstance(report["trafilatura_eval"]["pages_recall_below_bare"], list)
    assert isinstance(report["article_extraction_benchmark"]["pages_recall_below_bare"], list)
