"""Persisted fusion blocks and watched files: the same behaviour on both backends."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.store.conftest import Backend


def test_fusion_blocks_round_trip(backend: Backend) -> None:
    store = backend.open()
    try:
        assert store.fusion_state() is None and store.fusion_block_keys() == {}
        blocks = [
            ("XN 2024-W10#a", "XN 2024-W10", "k1", {"events": [{"id": "e1"}], "disputes": []}),
            ("XS 2024-W10#b", "XS 2024-W10", "k2", {"events": [], "disputes": [{"id": "d"}]}),
        ]
        store.save_fusion({"fingerprint": "f1", "blocks": ["a", "b"]}, blocks, [])
        assert store.fusion_state() == {"fingerprint": "f1", "blocks": ["a", "b"]}
        assert store.fusion_block_keys() == {"XN 2024-W10#a": "k1", "XS 2024-W10#b": "k2"}
        store.save_fusion(
            {"fingerprint": "f2"},
            [("XN 2024-W10#c", "XN 2024-W10", "k3", {"events": [], "disputes": []})],
            ["XN 2024-W10#a"],
        )
        rows = list(store.iter_fusion_blocks())
        assert [r[0] for r in rows] == ["XN 2024-W10#c", "XS 2024-W10#b"]
        assert rows[1][2] == {"events": [], "disputes": [{"id": "d"}]}
        assert store.fusion_state() == {"fingerprint": "f2"}
    finally:
        store.close()


def test_seen_files(backend: Backend) -> None:
    store = backend.open()
    try:
        assert store.seen_file("/in/a.txt") is None
        store.mark_seen("/in/a.txt", 120, 1709550000.25, "abc")
        store.mark_seen("/in/a.txt", 140, 1709550100.5, "def")
        assert store.seen_file("/in/a.txt") == (140, 1709550100.5, "def")
    finally:
        store.close()
