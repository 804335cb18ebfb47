"""Train the source ranker (``data/source_model.json``) on the PolNeAR train split.

``python -m crosswire.evaluate.source_learning --split train --margin 1 --drop-margin 8
--out src/crosswire/data/source_model.json`` (``--docs train.spacy``: a DocBin of
the split parsed beforehand, to skip parsing)

1. **Examples.**  Every claim draft with a cue and a speaker token
   (:func:`crosswire.nlp.claims.find.draft_claims`) is one example; its
   choices are the candidates of
   :func:`crosswire.nlp.claims.source_model.source_candidates` (the rules'
   speaker first) and "no source" (:func:`~crosswire.nlp.claims.source_model.null_features`).
   When the draft's cue and content overlap a gold attribution with a
   source, the right choices are the candidates whose speaker phrase (as the
   extractor writes it) overlaps that source, the rules' alone when it is
   one of them; drafts with no right candidate are left out.  Otherwise the
   rules' speaker is right when it and the content match some gold
   attribution, and "no source" is right when the content overlaps no gold
   content at all (a content that is some attribution's is left out: the
   content measure counts it).
2. **Model.**  An averaged ranking perceptron (``--epochs`` passes in a
   seeded shuffled order): when the best-scored choice is wrong, the
   best-scored right one gains its features and the wrong one loses them.
   Features seen fewer than ``--min-count`` times are dropped.
3. **Output.**  Feature names with their weights (rounded, zeros dropped),
   the margin by which a candidate must beat the rules' choice
   (``--margin``) and the one by which "no source" must beat every
   candidate to drop the claim (``--drop-margin``), both chosen on the dev
   split by the extractor's speaker F1.  Parse labels and lemmas only, no
   text.

PolNeAR carries no licence file; like ``data/learned_cues.json`` the weights
are statistics over parse labels and reproduce none of its text.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from crosswire.evaluate.attribution import DEFAULT_ROOT, GoldAttribution, parsed_split

# One draft: the feature names of each candidate and whether it is right.
Example = tuple[list[list[str]], list[bool]]


def _overlaps(span: tuple[int, int], frags: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in frags)


def _written_span(tok: Any) -> tuple[int, int]:
    """The speaker phrase the extractor writes for source token ``tok``."""
    from crosswire.nlp.claims.speakers import relative_antecedent, speaker_head, speaker_span

    doc = tok.doc
    if relative_antecedent(tok) is not None:
        return tok.idx, tok.idx + len(tok)
    left, right = speaker_span(speaker_head(tok))
    return doc[left].idx, doc[right - 1].idx + len(doc[right - 1])


def article_examples(doc: Any, gold: Sequence[GoldAttribution]) -> list[Example]:
    """Labelled ranking examples for one parsed article."""
    from crosswire.nlp.claims.find import draft_claims, inside
    from crosswire.nlp.claims.quotes import find_quotes
    from crosswire.nlp.claims.source_model import (
        null_features,
        source_candidates,
        source_features,
    )
    from crosswire.nlp.core.doccache import doc_text

    quotes = [(q.start, q.end) for q in find_quotes(doc_text(doc))]
    drafts = draft_claims(doc, quotes)
    out: list[Example] = []
    for d in drafts:
        if d.cue_token < 0 or d.speaker_tok is None or d.speaker is not None:
            continue
        if d.cue_span is None:
            continue
        cue = doc[d.cue_token]
        cands = source_candidates(cue, d.content, d.speaker_tok)
        rule_at = next(n for n, t in enumerate(cands) if t.i == d.speaker_tok.i)
        match = next(
            (
                g
                for g in gold
                if g.source and _overlaps(d.cue_span, g.cue) and _overlaps(d.content, g.content)
            ),
            None,
        )
        if match is not None:
            labels = [_overlaps(_written_span(t), match.source) for t in cands]
            if not any(labels):
                continue  # no word of the sentence is the gold source
        else:
            # No gold cue here: the claim still counts when the rules'
            # speaker and the content match a gold attribution; else no
            # source is right.
            spk = _written_span(d.speaker_tok)
            right = any(
                g.source and _overlaps(spk, g.source) and _overlaps(d.content, g.content)
                for g in gold
            )
            labels = [right and n == rule_at for n in range(len(cands))]
            if not right and any(_overlaps(d.content, g.content) for g in gold):
                continue  # what was said is an attribution's: the content measure counts it
        if labels[rule_at]:
            # The rules are right: keep them (another word of the same gold
            # phrase, "Phil Lovas" in "The campaign chairman, Phil Lovas,",
            # is no reason to switch).
            labels = [n == rule_at for n in range(len(cands))]
        rows = [
            source_features(cue, t, d.speaker_tok, any(s <= t.idx < e for s, e in quotes))
            for t in cands
        ]
        rows.append(null_features(cue, d.speaker_tok, d.kind, d.content, inside(d, drafts, quotes)))
        out.append((rows, [*labels, not any(labels)]))
    return out


def train(
    examples: Sequence[Example], epochs: int = 10, min_count: int = 2, seed: int = 13
) -> dict[str, float]:
    """Averaged ranking-perceptron weights over features seen ``min_count`` times."""
    from crosswire.nlp.claims.source_model import index_matrix

    counts = Counter(f for rows, _ in examples for row in rows for f in set(row))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: n for n, f in enumerate(names)}
    pad = len(names)
    data = [
        (index_matrix(rows, index, pad), np.array(labels, dtype=bool)) for rows, labels in examples
    ]
    weights = np.zeros(pad + 1)
    # Averaging by the usual trick: ``acc`` holds each update times its step.
    acc = np.zeros(pad + 1)
    step = 1
    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for n in order:
            ids, right_ones = data[n]
            scores = weights[ids].sum(axis=1)
            guess = int(np.argmax(scores))
            if not right_ones[guess]:
                right = int(np.argmax(np.where(right_ones, scores, -np.inf)))
                for row, delta in ((ids[right], 1.0), (ids[guess], -1.0)):
                    np.add.at(weights, row, delta)
                    np.add.at(acc, row, delta * step)
                weights[pad] = acc[pad] = 0.0
            step += 1
    averaged = weights - acc / step
    return {f: round(float(averaged[n]), 4) for n, f in enumerate(names) if abs(averaged[n]) > 1e-4}


def main(argv: Sequence[str] | None = None) -> int:
    """Train on a PolNeAR split and write the model file."""
    parser = argparse.ArgumentParser(prog="python -m crosswire.evaluate.source_learning")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--split", default="train")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--margin", type=float, default=0.0, help="chosen on dev")
    parser.add_argument(
        "--drop-margin", type=float, default=float("inf"), help="chosen on dev (inf: never drop)"
    )
    parser.add_argument("--docs", type=Path, default=None, help="spaCy DocBin of the split")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    articles, docs = parsed_split(args.root, args.split, args.docs)
    examples = [
        ex
        for a, d in zip(articles, docs, strict=True)
        for ex in article_examples(d, a.attributions)
    ]
    weights = train(examples, args.epochs, args.min_count)
    # The rules' speaker is every example's first candidate.
    rule_right = sum(1 for _, labels in examples if labels[0])
    nulls = sum(1 for _, labels in examples if labels[-1])
    out = {
        "source": (
            "Averaged ranking perceptron over parse features, "
            f"crosswire.evaluate.source_learning on the PolNeAR {args.split} split "
            f"({len(articles)} articles, first annotator): {len(examples)} cue drafts, "
            f"{rule_right} where the rules' speaker is right, {nulls} with no source; "
            f"epochs {args.epochs}, features seen >= {args.min_count} times; margins "
            "chosen on dev. Derived weights, no text."
        ),
        "margin": args.margin,
        "drop_margin": args.drop_margin,
        "weights": weights,
    }
    args.out.write_text(json.dumps(out, indent=0) + "\n", encoding="utf-8")
    print(f"{len(examples)} examples, rules right in {rule_right}, no source in {nulls}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
