"""Score entity recognition on re3d (``../shared/eval/re3d``).

re3d (Dstl) annotates defence-domain documents with typed spans. We score the
seven types the issue names, per type, with exact span match (strict) and with
overlap (lenient: a predicted span of the right type overlapping a gold span).
Gold annotations with confidence 0 are ignored, as the dataset's README asks.

Our labels map to re3d's: PERSON -> Person; ORG -> Organisation; GPE, LOC,
FAC -> Location; WEAPON -> Weapon; PLATFORM -> MilitaryPlatform; CARDINAL,
QUANTITY, PERCENT -> Quantity; DATE, TIME -> Temporal.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TYPES = ("Person", "Organisation", "Location", "Weapon", "MilitaryPlatform", "Quantity", "Temporal")
LABEL_TO_TYPE = {
    "PERSON": "Person",
    "ORG": "Organisation",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
    "WEAPON": "Weapon",
    "PLATFORM": "MilitaryPlatform",
    "CARDINAL": "Quantity",
    "QUANTITY": "Quantity",
    "PERCENT": "Quantity",
    "DATE": "Temporal",
    "TIME": "Temporal",
}
DEFAULT_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "re3d"

Span = tuple[int, int, str]


@dataclass(frozen=True)
class TypeScore:
    """Precision, recall and F1 of one entity type."""

    type: str
    gold: int
    predicted: int
    precision: float
    recall: float
    f1: float
    lenient_f1: float


def load_re3d(root: Path) -> Iterator[tuple[str, str, set[Span]]]:
    """(document id, text, gold spans) for every document, sub-corpus by sub-corpus."""
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        docs = {d["_id"]: d["text"] for d in _jsonl(folder / "documents.json")}
        gold: dict[str, set[Span]] = defaultdict(set)
        for ent in _jsonl(folder / "entities.json"):
            if ent.get("confidence", 1) != 0 and ent["type"] in TYPES:
                gold[ent["documentId"]].add((ent["begin"], ent["end"], ent["type"]))
        for doc_id in sorted(docs):
            yield doc_id, docs[doc_id], gold.get(doc_id, set())


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8-sig") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def predict(texts: Sequence[str]) -> list[set[Span]]:
    """Our typed spans for each text (the analysis pipeline's entities)."""
    from crosswire.nlp.entities.pipeline import build_nlp, find_entities

    nlp = build_nlp()
    out: list[set[Span]] = []
    for doc in nlp.pipe(texts, batch_size=16):
        spans = set()
        for ent in doc.ents:
            kind = LABEL_TO_TYPE.get(ent.label_)
            if kind:
                spans.add((ent.start_char, ent.end_char, kind))
        # re3d marks a person with the title before the name ("Foreign Minister
        # Julie Bishop"); our entities carry that title as ``role``: score the
        # mention with it.
        for entity in find_entities(doc):
            if entity.type != "person" or not entity.role:
                continue
            prefix = entity.role.split(", ")[0] + " "
            for m in entity.mentions:
                start = m.start - len(prefix)
                if start >= 0 and doc.text[start : m.start] == prefix:
                    spans.discard((m.start, m.end, "Person"))
                    spans.add((start, m.end, "Person"))
        out.append(spans)
    return out


def score(gold: Sequence[set[Span]], pred: Sequence[set[Span]]) -> list[TypeScore]:
    """Per-type strict and lenient scores over all documents."""
    scores = []
    for kind in TYPES:
        tp = fp = fn = lenient_tp_p = lenient_tp_g = n_gold = n_pred = 0
        for g_all, p_all in zip(gold, pred, strict=True):
            g = {s for s in g_all if s[2] == kind}
            p = {s for s in p_all if s[2] == kind}
            n_gold += len(g)
            n_pred += len(p)
            tp += len(g & p)
            fp += len(p - g)
            fn += len(g - p)
            lenient_tp_p += sum(1 for s in p if any(_overlap(s, t) for t in g))
            lenient_tp_g += sum(1 for t in g if any(_overlap(s, t) for s in p))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        lp = lenient_tp_p / n_pred if n_pred else 0.0
        lr = lenient_tp_g / n_gold if n_gold else 0.0
        scores.append(
            TypeScore(kind, n_gold, n_pred, precision, recall, _f1(precision, recall), _f1(lp, lr))
        )
    return scores


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(root: Path = DEFAULT_DIR, limit: int | None = None) -> list[TypeScore]:
    """Run the evaluation on the first ``limit`` documents (all by default)."""
    docs = list(load_re3d(root))[:limit]
    pred = predict([text for _, text, _ in docs])
    return score([g for _, _, g in docs], pred)


def main(argv: Sequence[str] | None = None) -> int:
    """``crosswire evaluate entities [--data DIR] [--limit N] [--json]``."""
    parser = argparse.ArgumentParser(prog="crosswire evaluate entities")
    parser.add_argument("--data", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"E701 re3d not found at {args.data}")
        return 2
    results = evaluate(args.data, args.limit)
    if args.json:
        print(json.dumps([r.__dict__ for r in results], indent=2))
        return 0
    print(f"{'type':<18}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}{'F1~':>7}")
    for r in results:
        print(
            f"{r.type:<18}{r.gold:>6}{r.predicted:>6}{r.precision:>7.3f}{r.recall:>7.3f}"
            f"{r.f1:>7.3f}{r.lenient_f1:>7.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
