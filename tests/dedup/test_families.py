"""Tests for wire-copy and version families (crosswire.dedup)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from crosswire.dedup import FamilyAssignment, FamilyIndex
from crosswire.dedup.bands import candidate_pairs, choose_bands
from crosswire.dedup.sketch import (
    WordHasher,
    content_hash,
    normalize_words,
    permute,
    shingle_hashes,
    split_units,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dedup"
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"


def fixture(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def by_id(index: FamilyIndex) -> dict[str, FamilyAssignment]:
    return {a.article_id: a for a in index.assignments()}


def test_normalisation_folds_quotes_dashes_and_case() -> None:
    a = normalize_words("“Russia’s” war -- it Remained")
    b = normalize_words('"russia\'s" WAR — it remained')
    assert a == b == ["russia", "s", "war", "it", "remained"]
    assert content_hash(a) == content_hash(b)


def test_minhash_matches_datasketch_affine32_scheme() -> None:
    hv = shingle_hashes(WordHasher()(normalize_words("the quick brown fox jumps over it")))
    ours = permute(hv, 64, 7).min(axis=0)
    ref = MinHash(num_perm=64, seed=7, hashfunc=lambda x: x)
    ref.update_batch([int(h) for h in hv])
    assert np.array_equal(ours, ref.hashvalues)


def test_long_paragraph_is_cut_into_sentence_groups() -> None:
    sentence = "The committee met again on Monday to discuss the harbour budget and the new ferry. "
    units = split_units(sentence * 20)
    assert len(units.words) > 1
    assert all(units.indexed)


def test_choose_bands_targets_threshold() -> None:
    assert choose_bands(0.7, 128) == (16, 8)


def test_candidate_pairs_ignores_giant_buckets() -> None:
    keys = np.array([5, 5, 5, 9, 9], dtype=np.uint64)
    owners = np.array([0, 1, 2, 3, 4], dtype=np.int64)
    assert candidate_pairs(keys, owners, max_bucket=3).tolist() == [[0, 1], [0, 2], [1, 2], [3, 4]]
    assert candidate_pairs(keys, owners, max_bucket=2).tolist() == [[3, 4]]


def test_exact_copy_with_typographic_variants_is_similarity_one() -> None:
    index = FamilyIndex()
    text = fixture("wire_site_a")
    variant = text.replace('"', "\u201c").replace("Brevik-Sule", "Brevik\u2014Sule").upper()
    index.add("a", text)
    index.add("b", variant)
    got = by_id(index)
    assert got["a"].family == got["b"].family == "a"
    assert got["a"].similarity == got["b"].similarity == 1.0


def test_three_republications_form_one_family() -> None:
    index = FamilyIndex()
    for name in ("wire_site_a", "wire_site_b", "wire_site_c", "unrelated_local"):
        index.add(name, fixture(name))
    got = by_id(index)
    family = {got[n].family for n in ("wire_site_a", "wire_site_b", "wire_site_c")}
    assert family == {"wire_site_a"}
    assert sorted(got[n].version for n in ("wire_site_a", "wire_site_b", "wire_site_c")) == [
        1,
        2,
        3,
    ]
    assert got["unrelated_local"].family == "unrelated_local"
    # Headers and small edits cost little: copies stay above 0.8.
    assert min(got[n].similarity for n in ("wire_site_a", "wire_site_b", "wire_site_c")) >= 0.8


def test_update_is_version_two_by_date_even_when_added_first() -> None:
    index = FamilyIndex()
    index.add("update", fixture("wire_update"), "2024-03-14T17:30:00+01:00")
    index.add("early", fixture("wire_site_a"), "2024-03-14T09:05:00+01:00")
    got = by_id(index)
    assert got["update"].family == got["early"].family == "update"  # first added names it
    assert got["early"].version == 1
    assert got["update"].version == 2
    assert 0.3 <= got["update"].similarity < 1.0


def test_full_fixture_set() -> None:
    index = FamilyIndex()
    dates = {
        "wire_site_a": "2024-03-14T09:05:00",
        "wire_site_b": "2024-03-14T09:40:00",
        "wire_site_c": "2024-03-14",
        "wire_update": "2024-03-14T17:30:00",
        "unrelated_local": "2024-03-14T15:00:00",
        "unrelated_analysis": None,
    }
    for name, date in dates.items():
        assert index.add(name, fixture(name), date) is None
    got = by_id(index)
    wire = ["wire_site_a", "wire_site_b", "wire_site_c", "wire_update"]
    assert {got[n].family for n in wire} == {"wire_site_a"}
    # A bare date sorts as midnight, so site C comes first; the update last.
    assert [got[n].version for n in wire] == [2, 3, 1, 4]
    for name in ("unrelated_local", "unrelated_analysis"):
        assert got[name] == FamilyAssignment(name, name, 1, 1.0)


def test_undated_members_come_last() -> None:
    index = FamilyIndex()
    index.add("undated", fixture("wire_site_b"))
    index.add("dated", fixture("wire_site_a"), "2024-03-14")
    got = by_id(index)
    assert (got["dated"].version, got["undated"].version) == (1, 2)


def test_empty_and_short_texts() -> None:
    index = FamilyIndex()
    index.add("e1", "")
    index.add("e2", "   \n  ")
    index.add("s1", "Brief: ferry service to Sule suspended until Monday after the fire.")
    index.add("s2", "BRIEF - Ferry service to Sule suspended until Monday after the fire!")
    index.add("s3", "Brief: bridge to Sule closed until Monday for repairs to the deck.")
    got = by_id(index)
    assert got["e1"].family == "e1" and got["e2"].family == "e2"
    assert got["s2"].family == "s1"
    assert got["s3"].family == "s3"


def test_shared_boilerplate_does_not_merge() -> None:
    footer = "Subscribe to our newsletter to receive the latest regional news every morning."
    index = FamilyIndex(max_bucket=5)
    texts = [fixture("unrelated_local"), fixture("unrelated_analysis"), fixture("wire_site_a")]
    for i in range(12):
        index.add(f"d{i}", texts[i % 3].split("\n\n")[i // 3 + 1] + "\n\n" + footer)
    got = by_id(index)
    assert len({a.family for a in got.values()}) == 12


def test_signature_roundtrip_and_incremental_run() -> None:
    first = FamilyIndex()
    for name in ("wire_site_a", "unrelated_local", "wire_site_b"):
        first.add(name, fixture(name))
    blobs = {
        name: first.signature(name) for name in ("wire_site_a", "unrelated_local", "wire_site_b")
    }
    second = FamilyIndex()
    for name, blob in blobs.items():
        assert second.add_signature(name, blob, None) is None
    assert second.signature("wire_site_b") == blobs["wire_site_b"]
    second.add("wire_update", fixture("wire_update"))
    got = by_id(second)
    assert got["wire_update"].family == "wire_site_a"
    assert got["wire_site_b"].family == "wire_site_a"
    assert got["unrelated_local"].family == "unrelated_local"


def test_refusals_have_reason_codes() -> None:
    index = FamilyIndex()
    assert index.add("a", "some text here") is None
    assert (index.add("a", "other") or "").startswith("D101")
    assert (index.add_signature("b", b"xx", None) or "").startswith("D102")
    assert (index.add_signature("b", b"XXXX" + bytes(200), None) or "").startswith("D102")
    other = FamilyIndex(num_perm=64)
    other.add("z", "some text here")
    assert (index.add_signature("z", other.signature("z"), None) or "").startswith("D103")
    blob = index.signature("a")
    assert (index.add_signature("c", blob[:-1], None) or "").startswith("D102")
    assert len(index) == 1


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("shared seed corpus not available at ../shared/corpus/seeds")
    return SEEDS


def test_seed_corpus_versions(seeds: Path) -> None:
    files = sorted(seeds.glob("*.txt"))
    by_prefix = {f.name[:3]: f for f in files}
    assert {"000", "001", "002", "003", "004"} <= set(by_prefix)
    for seed in (1, 2, 3):
        index = FamilyIndex(seed=seed)
        for prefix, path in by_prefix.items():
            index.add(prefix, path.read_text(encoding="utf-8"))
        got = by_id(index)
        assert got["003"].family == got["004"].family == "003"
        for prefix in ("000", "001", "002"):
            assert got[prefix].family == prefix


def test_reflowed_copy_joins_through_document_similarity() -> None:
    text = fixture("wire_site_a")
    reflowed = " ".join(line.strip() for line in text.splitlines() if line.strip())
    index = FamilyIndex()
    index.add("paragraphs", text)
    index.add("one-block", reflowed + " Read more stories on our website today.")
    got = by_id(index)
    assert got["one-block"].family == "paragraphs"
    assert got["one-block"].similarity >= 0.7
