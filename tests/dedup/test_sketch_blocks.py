"""Sketching a long text a block of shingles at a time (issue #15, finding 6).

A 10 MB text has two million shingles; permuting them all at once took a
(shingles x 128) matrix, 1.6 GB. Blocks must give exactly the same sketch.
"""

from __future__ import annotations

import pytest

from crosswire.dedup import sketch as sk

PARAGRAPHS = [
    "Heavy rain closed the main river crossing on Monday, officials said.",
    "Traffic was diverted through the old town for most of the day.",
    "The port authority said two cargo ships had been held outside the harbour.",
    "Teachers in the eastern province began a three-day strike on Wednesday.",
    "A landslide blocked the mountain road to the border town overnight.",
]


@pytest.mark.parametrize("block", [1, 7, 64])
def test_blockwise_sketch_equals_whole(block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join(
        f"{PARAGRAPHS[i % 5]} Update {i}: {PARAGRAPHS[(i * 3) % 5]}" for i in range(40)
    )
    whole = sk.sketch(text, sk.WordHasher(), 128, 32, 1)
    monkeypatch.setattr(sk, "_BLOCK", block)
    parts = sk.sketch(text, sk.WordHasher(), 128, 32, 1)
    assert whole.digest == parts.digest
    assert (whole.doc_sig == parts.doc_sig).all()
    assert whole.unit_sigs.shape == parts.unit_sigs.shape
    assert (whole.unit_sigs == parts.unit_sigs).all()
    assert (whole.unit_shingles == parts.unit_shingles).all()
