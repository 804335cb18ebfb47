"""Train the learned cue model (``data/learned_cues.json``) on the PolNeAR train split.

``python -m crosswire.evaluate.cue_learning --split train --out learned_cues.json``

1. **Examples.**  Every verb outside the lexicons that has a speaker in its
   paragraph and a complement (:func:`crosswire.nlp.claims.learned.candidate_verbs`)
   is one example; its features are
   :func:`crosswire.nlp.claims.learned.cue_features`.  Verbs inside a
   quotation or inside another claim's content are left out (the extractor
   drops those drafts anyway).  The label is whether the draft matches a gold
   attribution by the evaluation's rule: the speaker phrase overlaps the gold
   source and the content overlaps the gold content.
2. **Model.**  An averaged perceptron (``--epochs`` passes in a seeded
   shuffled order) over features seen at least ``--min-count`` times, so
   that a verb met once in training does not become a cue by itself.
3. **Output.**  Feature weights (rounded, zeros dropped) and the decision
   threshold (``--threshold``, chosen on the dev split: the extractor's
   speaker F1 as the threshold moves).  Derived numbers and parse labels
   only, no text.

PolNeAR carries no licence file; the weights are statistics over parse
labels and lemmas and reproduce none of its text (the same footing as
``data/mined_cues.json``).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crosswire.evaluate.attribution import DEFAULT_ROOT, GoldAttribution, parsed_split

Example = tuple[list[str], int]


def _overlaps(span: tuple[int, int], frags: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in frags)


def article_examples(doc: Any, gold: Sequence[GoldAttribution]) -> list[Example]:
    """Labelled examples for one parsed article."""
    from crosswire.nlp.claims.find import lexicon_drafts
    from crosswire.nlp.claims.learned import (
        candidate_verbs,
        content_feature,
        cue_features,
        skip_lemmas,
        verb_cue_draft,
    )
    from crosswire.nlp.claims.quotes import find_quotes
    from crosswire.nlp.claims.speakers import speaker_head, speaker_span
    from crosswire.nlp.core.doccache import doc_text

    drafts = lexicon_drafts(doc)
    outer = [d.content for d in drafts.values() if d.content[0] >= 0 and not d.quote]
    quotes = [(q.start, q.end) for q in find_quotes(doc_text(doc))]
    out: list[Example] = []
    for tok, speaker in candidate_verbs(doc, set(drafts), skip_lemmas()):
        if any(s <= tok.idx < e for s, e in (*outer, *quotes)):
            continue
        draft = verb_cue_draft(tok)
        if draft is None:
            continue  # no content: the extractor makes no claim of it
        left, right = speaker_span(speaker_head(draft.speaker_tok))
        spk = (doc[left].idx, doc[right - 1].idx + len(doc[right - 1]))
        label = any(
            g.source and _overlaps(spk, g.source) and _overlaps(draft.content, g.content)
            for g in gold
        )
        out.append(([*cue_features(tok, speaker), content_feature(draft)], int(label)))
    return out


def train(
    examples: Sequence[Example], epochs: int = 20, min_count: int = 3, seed: int = 13
) -> dict[str, float]:
    """Averaged perceptron weights over features seen at least ``min_count`` times."""
    counts = Counter(f for feats, _ in examples for f in set(feats))
    data = [([f for f in feats if counts[f] >= min_count], y) for feats, y in examples]
    weights: dict[str, float] = {}
    totals: dict[str, float] = {}
    stamps: dict[str, int] = {}
    step = 0
    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for n in order:
            step += 1
            feats, y = data[n]
            guess = sum(weights.get(f, 0.0) for f in feats) > 0
            if guess == bool(y):
                continue
            delta = 1.0 if y else -1.0
            for f in feats:
                # Lazy averaging: add the weight's value over the steps it held.
                totals[f] = totals.get(f, 0.0) + (step - stamps.get(f, 0)) * weights.get(f, 0.0)
                stamps[f] = step
                weights[f] = weights.get(f, 0.0) + delta
    averaged = {}
    for f, w in weights.items():
        total = totals.get(f, 0.0) + (step - stamps.get(f, 0)) * w
        averaged[f] = round(total / step, 4)
    return {f: w for f, w in sorted(averaged.items()) if w != 0.0}


def main(argv: Sequence[str] | None = None) -> int:
    """Train on a PolNeAR split and write the model file."""
    parser = argparse.ArgumentParser(prog="python -m crosswire.evaluate.cue_learning")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--split", default="train")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--threshold", type=float, default=0.5, help="chosen on dev")
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
    positives = sum(y for _, y in examples)
    out = {
        "source": (
            f"Averaged perceptron over parse features, crosswire.evaluate.cue_learning on the "
            f"PolNeAR {args.split} split ({len(articles)} articles, first annotator): "
            f"{len(examples)} candidate verbs, {positives} matching a gold attribution; "
            f"epochs {args.epochs}, features seen >= {args.min_count} times; threshold chosen "
            "on dev. Derived weights, no text."
        ),
        "threshold": args.threshold,
        "weights": weights,
    }
    args.out.write_text(json.dumps(out, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(examples)} examples, {positives} positive, {len(weights)} weights")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
