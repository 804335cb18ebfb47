"""The source of a cue chosen by a learned ranker over the words of its sentence.

The rules (:func:`crosswire.nlp.claims.subjects.subject_of`) take a cue's
grammatical subject, or climb to the subject of the verb it hangs on.  That
is wrong where the parse is: "forced Stumpf to admit" (Stumpf admits, not
the senator), "left many nations feeling that ...", "With 50 days until the
election, Minyon Moore ... called".  PolNeAR annotates the source of every
attribution as a span of its sentence, so the choice can be learned: every
noun, name or pronoun of the cue's sentence (outside the claim's content) is
a candidate, described by the dependency path that joins it to the cue, its
own part of speech, dependency and entity type, its side of and distance to
the cue, and whether the rules chose it; an averaged ranking perceptron
(trained by :mod:`crosswire.evaluate.source_learning` on the PolNeAR *train*
split) scores them, and the rules' speaker of a verb cue is replaced only
when another candidate outscores it by the model's margin (chosen on dev).

One more choice competes: "no source" (:func:`null_features`: the cue's
lemma and frame, the rules' speaker and its path, whether the cue sits in a
quotation or another claim).  When it beats every candidate by the drop
margin the claim is dropped: "It was later revealed to be ...", "have been
blamed for ..." name nobody who speaks.

Scoring is vectorised per cue: the candidates' feature names map to rows of
one weight vector (``data/source_model.json``: feature names and weights,
no corpus text) and a padded index matrix sums them in one numpy call.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np

from crosswire.datafiles import read_json
from crosswire.nlp.claims.speakers import cue_lexicon
from crosswire.nlp.core.doccache import doc_text

_CANDIDATE_POS = frozenset(["NOUN", "PROPN", "PRON", "NUM"])
# Words inside a name or a noun phrase that never head a source of their own.
_INNER_DEPS = frozenset(["compound", "det", "amod", "nummod", "quantmod", "case", "punct"])
_RELATIVE = frozenset(["who", "that", "which", "whom"])
_MAX_PATH = 4


@functools.lru_cache(maxsize=1)
def source_model() -> tuple[dict[str, int], np.ndarray, float]:
    """``(feature index, weights, margin)`` from ``data/source_model.json`` (cached)."""
    data: dict[str, Any] = read_json("source_model.json")
    names = list(data["weights"])
    index = {name: n for n, name in enumerate(names)}
    weights = np.array([float(data["weights"][n]) for n in names] + [0.0], dtype=np.float64)
    return index, weights, float(data["margin"])


@functools.lru_cache(maxsize=1)
def drop_margin() -> float:
    """By how much "no source" must beat every word to drop a claim (chosen on dev)."""
    data: dict[str, Any] = read_json("source_model.json")
    return float(data.get("drop_margin", "inf"))


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "13+"


def dep_path(a: Any, b: Any) -> str:
    """The dependency labels from token ``a`` up to the common head and down to ``b``.

    "nsubj^" is a subject of the cue, "dobj^/xcomp_" the object of the verb
    the cue is the open complement of; paths longer than four arcs read "far".
    """
    up: list[Any] = [a, *a.ancestors]
    down: list[Any] = [b, *b.ancestors]
    down_index = {t.i: n for n, t in enumerate(down)}
    for n, tok in enumerate(up):
        m = down_index.get(tok.i)
        if m is None:
            continue
        if n + m > _MAX_PATH:
            return "far"
        rise = [t.dep_ + "^" for t in up[:n]]
        fall = [t.dep_ + "_" for t in reversed(down[:m])]
        return "/".join(rise + fall) or "self"
    return "far"


def source_candidates(cue: Any, content: tuple[int, int], rule: Any) -> list[Any]:
    """Tokens of the cue's sentence (and the rules' choice) that could head its source."""
    text_of = doc_text(cue.doc)
    sent = cue.sent
    out: list[Any] = []
    for tok in sent:
        if tok.i == cue.i or tok.pos_ not in _CANDIDATE_POS or tok.dep_ in _INNER_DEPS:
            continue
        if content[0] <= tok.idx < content[1]:
            continue
        lo, hi = sorted((tok.idx, cue.idx))
        if "\n" in text_of[lo:hi]:
            continue
        out.append(tok)
    if rule is None:
        return out
    # Words of the rules' own phrase ("Mr. Leahy" in "Mr. Grassley and Mr.
    # Leahy said") name the same source: no candidates of their own.
    inside = range(rule.left_edge.i, rule.right_edge.i + 1)
    return [rule, *(t for t in out if t.i not in inside)]


def source_features(cue: Any, tok: Any, rule: Any, quoted: bool) -> list[str]:
    """Feature names for candidate ``tok`` as the source of cue token ``cue``."""
    path = dep_path(tok, cue)
    lemma = tok.lemma_.lower()
    word = "PROPN" if tok.pos_ == "PROPN" else lemma if tok.pos_ in ("PRON", "NOUN") else tok.pos_
    side = "before" if tok.i < cue.i else "after"
    dist = _bucket(abs(tok.i - cue.i))
    is_rule = rule is not None and tok.i == rule.i
    ent = tok.ent_type_ or "-"
    cue_lemma = cue.lemma_.lower()
    role = lemma in cue_lexicon()["role_heads"]
    feats = [
        "bias",
        f"path={path}",
        f"path|cue={path}|{cue_lemma}",
        f"path|cdep={path}|{cue.dep_}",
        f"path|cpos={path}|{cue.pos_}",
        f"path|pos={path}|{tok.pos_}",
        f"path|rule={path}|{is_rule}",
        f"dep={tok.dep_}",
        f"pos={tok.pos_}",
        f"ent={ent}",
        f"dep|ent={tok.dep_}|{ent}",
        f"word={word}",
        f"role={role}",
        f"side={side}",
        f"side|dist={side}|{dist}",
        f"side|pos={side}|{tok.pos_}",
        f"rule={is_rule}",
        f"rule|pos={is_rule}|{tok.pos_}",
        f"rule|ent={is_rule}|{ent}",
        f"rule|cdep={is_rule}|{cue.dep_}",
        f"quoted={quoted}",
        f"rel={lemma in _RELATIVE}",
        f"hdep={tok.head.dep_}",
        f"hpos|dep={tok.head.pos_}|{tok.dep_}",
    ]
    if tok.head.i != cue.i:
        feats.append(f"hlem={tok.head.lemma_.lower()}|{tok.dep_}")
    return feats


def index_matrix(rows: Sequence[Sequence[str]], index: dict[str, int], pad: int) -> np.ndarray:
    """Rows of feature indices (unknown names dropped), padded with ``pad``.

    ``pad`` indexes a weight that stays zero, so a row's sum is its score.
    """
    width = max(len(r) for r in rows)
    out = np.full((len(rows), width), pad, dtype=np.int64)
    for n, row in enumerate(rows):
        ids = [index[f] for f in row if f in index]
        out[n, : len(ids)] = ids
    return out


def null_features(
    cue: Any, rule: Any, kind: str, content: tuple[int, int], inside: bool
) -> list[str]:
    """Features of the "no source here" choice for a cue whose rules chose ``rule``.

    ``inside`` says the cue sits in a quotation or in another claim's
    content.  Winning over every word, this choice drops the claim: the
    cue is no attribution PolNeAR would count ("Justice delivered the
    agreements") or the claim repeats an outer one.
    """
    lemma = cue.lemma_.lower()
    rpath = dep_path(rule, cue)
    word = "PROPN" if rule.pos_ == "PROPN" else rule.lemma_.lower()
    length = len(doc_text(cue.doc)[content[0] : content[1]].split())
    feats = [
        "null",
        f"null|cue={lemma}",
        f"null|kind={kind}",
        f"null|cdep={cue.dep_}",
        f"null|ctag={cue.tag_}",
        f"null|rpath={rpath}",
        f"null|cue|rpath={lemma}|{rpath}",
        f"null|rpos={rule.pos_}",
        f"null|rent={rule.ent_type_ or '-'}",
        f"null|rword={word}",
        f"null|inside={inside}",
        f"null|len={_bucket(length // 3)}",
    ]
    if any(c.dep_ == "neg" for c in cue.children):
        feats.append(f"null|neg|cue={lemma}")
    return feats


def rank_sources(
    cue: Any,
    content: tuple[int, int],
    rule: Any,
    quotes: Sequence[tuple[int, int]],
    null: list[str] | None = None,
) -> tuple[list[Any], np.ndarray]:
    """The candidate sources of a cue and the model's score for each.

    With ``null`` (:func:`null_features`) the last score is the "no source"
    choice's.
    """
    index, weights, _ = source_model()
    cands = source_candidates(cue, content, rule)
    rows = [source_features(cue, t, rule, any(s <= t.idx < e for s, e in quotes)) for t in cands]
    if null is not None:
        rows.append(null)
    if not rows:
        return [], np.zeros(0)
    scores: np.ndarray = weights[index_matrix(rows, index, len(weights) - 1)].sum(axis=1)
    return cands, scores


def choose_source(
    cue: Any,
    content: tuple[int, int],
    rule: Any,
    quotes: Sequence[tuple[int, int]],
    null: list[str] | None = None,
) -> Any:
    """The source token for a cue, or None when "no source" wins.

    The rules' choice stands unless another candidate beats it by the
    model's margin; "no source" must beat the best candidate by the drop
    margin.
    """
    cands, scores = rank_sources(cue, content, rule, quotes, null)
    if not cands:
        return rule
    best = int(np.argmax(scores[: len(cands)]))
    if null is not None and scores[-1] - scores[best] > drop_margin():
        return None
    if cue.pos_ != "VERB":
        return rule  # a possessor ("the senator's claim") or "according to X" is precise
    rule_at = next(n for n, t in enumerate(cands) if t.i == rule.i)
    margin = source_model()[2]
    return cands[best] if scores[best] - scores[rule_at] > margin else rule
