"""Cue verbs that count only in one syntactic frame, mined from annotated news.

A *frame* is the first complement a verb takes in the dependency parse:
``ccomp`` ("argued that ..."), ``xcomp`` ("moved to block ..."), ``dobj``
("repealed the law"), ``prep:<word>`` ("voted against the bill"), or ``-``.
Many verbs are attributions in one frame and not in another: "voted
*against* the bill" states a position, "voted on Tuesday" does not.

The table (``data/mined_cues.json``) holds, per lemma and frame, the claim
kind and the counts it was selected by; :mod:`crosswire.evaluate.cue_mining`
produced it from the PolNeAR *train* split and documents the rule.  The hand
lexicon (``data/cues.json``) wins for the lemmas it lists.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from typing import Any

from crosswire.datafiles import read_json

_CLAUSES = ("ccomp", "xcomp", "dobj")
# A table swapped in while mining candidates (see :func:`trial_table`).
_trial: list[dict[str, dict[str, str]]] = []


def verb_frame(tok: Any) -> str:
    """The frame of a verb token: first clausal/object complement, else first right preposition."""
    deps = {c.dep_ for c in tok.children}
    for dep in _CLAUSES:
        if dep in deps:
            return dep
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.i > tok.i), None)
    return f"prep:{prep.lower_}" if prep is not None else "-"


@functools.lru_cache(maxsize=1)
def mined_table() -> dict[str, dict[str, str]]:
    """``lemma -> frame -> claim kind`` from ``data/mined_cues.json`` (cached)."""
    verbs: dict[str, dict[str, dict[str, Any]]] = read_json("mined_cues.json")["verbs"]
    return {
        lemma: {frame: str(entry["kind"]) for frame, entry in frames.items()}
        for lemma, frames in verbs.items()
    }


def active_table() -> dict[str, dict[str, str]]:
    """The table in use: a trial one inside :func:`trial_table`, else the packaged one."""
    return _trial[-1] if _trial else mined_table()


def mined_kind(tok: Any) -> tuple[str, str] | None:
    """``(kind, frame)`` when the verb token is a mined cue in its frame, else None."""
    table = active_table()
    frames = table.get(tok.lemma_.lower())
    if frames is None or tok.pos_ != "VERB":
        return None
    frame = verb_frame(tok)
    kind = frames.get(frame)
    return (kind, frame) if kind is not None else None


@contextlib.contextmanager
def trial_table(table: dict[str, dict[str, str]]) -> Iterator[None]:
    """Use ``table`` instead of the packaged one inside the ``with`` block (for mining)."""
    _trial.append(table)
    try:
        yield
    finally:
        _trial.pop()
