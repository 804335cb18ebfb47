"""Evaluate claim/speaker extraction against the PolNeAR attribution corpus.

PolNeAR (``../shared/eval/polnear/data/<split>/``) has one ``.txt`` per
article and one or more brat-style ``.ann`` files (one per annotator, named
``<article>_<annotator>.ann``); we use the alphabetically first annotator.
An attribution ``E`` line links ``Source``, ``Cue`` and ``Content`` text
spans (possibly discontinuous, ``start end;start end``).

Match rule (documented, stable):

* **source**: a predicted claim matches a gold attribution that has a source
  when the predicted speaker span overlaps (>= 1 character) a gold source
  fragment *and* the predicted content span overlaps a gold content fragment.
  Precision = predicted claims matching some gold attribution / predicted
  claims (many-to-one allowed: PolNeAR joins a split quote "“A,” he said.
  “B”" or several quoted sentences into one attribution where we emit one
  claim per quotation); recall = gold attributions matched by some claim
  (each claim credits only its first matching gold attribution) / gold
  attributions with a source.
* **cue**: as source, with the predicted cue span overlapping the gold cue
  (instead of the speaker); denominators are predicted claims with a cue and
  all gold attributions.
* **content**: predicted content overlaps gold content (attribution-level),
  over all gold attributions.

Speaker spans follow a narrower convention than PolNeAR's: on dev, 83% of
matched speakers are exact, 16% are shorter (PolNeAR keeps appositions,
relative clauses and a possessive "'s": "The state's campaign chairman, Phil
Lovas," where we give "The state's campaign chairman").  The overlap rule
makes the two comparable without rewarding over-long spans.

Anchor: BBC Citron reports source F1 82.0 on PARC 3.0 (a different corpus
with narrower attribution guidelines; PolNeAR also annotates beliefs,
intentions and feelings, which a news-claim extractor does not aim at).
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

DEFAULT_ROOT = Path(__file__).resolve().parents[3] / ".." / "shared" / "eval" / "polnear"
Span = tuple[int, int]
_ANN = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")


@dataclass
class GoldAttribution:
    """One gold attribution: lists of (start, end) fragments per role."""

    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)


@dataclass
class GoldArticle:
    """An article text with its gold attributions."""

    name: str
    text: str
    attributions: list[GoldAttribution]


@dataclass
class Counts:
    """True positives and denominators for one measure."""

    tp_pred: int = 0
    tp_gold: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        """Matched predictions over predictions."""
        return self.tp_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Matched gold over gold."""
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def parse_ann(raw: str) -> list[GoldAttribution]:
    """Parse a PolNeAR ``.ann`` file into gold attributions (bad lines skipped)."""
    spans: dict[str, list[Span]] = {}
    relations: list[dict[str, str]] = []
    for line in raw.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label_spans = parts[1].split(" ", 1)
            if len(label_spans) != 2:
                continue
            frags: list[Span] = []
            for frag in label_spans[1].split(";"):
                bounds = frag.split()
                if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
                    frags.append((int(bounds[0]), int(bounds[1])))
            spans[parts[0]] = frags
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(r.split(":", 1) for r in parts[1].split() if ":" in r)
            relations.append(roles)
    out: list[GoldAttribution] = []
    for roles in relations:
        if not any(k.startswith("Attribution") for k in roles):
            continue
        gold = GoldAttribution()
        for role, ref in roles.items():
            frags = spans.get(ref, [])
            if role == "Source":
                gold.source.extend(frags)
            elif role == "Cue":
                gold.cue.extend(frags)
            elif role.startswith("Content"):
                gold.content.extend(frags)
        out.append(gold)
    return out


def load_split(root: Path, split: str, limit: int | None = None) -> list[GoldArticle]:
    """Load one PolNeAR split (``train``/``dev``/``test``), first annotator per article."""
    base = root / "data" / split
    chosen: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        m = _ANN.match(ann.name)
        if m is not None and m["name"] not in chosen:
            chosen[m["name"]] = ann
    articles: list[GoldArticle] = []
    for name, ann in sorted(chosen.items()):
        txt = base / "text" / f"{name}.txt"
        if not txt.is_file():
            log.warning("E320 PolNeAR text missing for %s", name)
            continue
        text = txt.read_text(encoding="utf-8")
        articles.append(GoldArticle(name, text, parse_ann(ann.read_text(encoding="utf-8"))))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def parsed_split(
    root: Path, split: str, docbin: Path | None = None
) -> tuple[list[GoldArticle], list[Doc]]:
    """A split's gold articles with their parses, read from a spaCy DocBin of
    the split when given (the trainers' way to skip re-parsing), else parsed."""
    from crosswire.nlp.core.model import load_nlp

    nlp = load_nlp()
    articles = load_split(root, split)
    if docbin is not None:
        from spacy.tokens import DocBin

        return articles, list(DocBin().from_disk(docbin).get_docs(nlp.vocab))
    return articles, list(nlp.pipe((a.text for a in articles), batch_size=16))


def _overlaps(span: Span | None, frags: Iterable[Span]) -> bool:
    return span is not None and any(span[0] < e and s < span[1] for s, e in frags)


def score_article(
    claims: Sequence[Any], gold: Sequence[GoldAttribution], totals: dict[str, Counts]
) -> None:
    """Add one article's matches to ``totals`` (keys ``source``, ``cue``, ``content``)."""
    roles: dict[str, Callable[[Any], Span | None]] = {
        "source": lambda c: (c.speaker_start, c.speaker_end),
        "cue": lambda c: (c.cue_start, c.cue_end) if c.cue_start is not None else None,
        "content": lambda c: None,
    }
    for role, get in roles.items():
        counts = totals.setdefault(role, Counts())
        pool = [g for g in gold if g.source] if role == "source" else list(gold)
        preds = [c for c in claims if role != "cue" or c.cue_start is not None]
        counts.predicted += len(preds)
        counts.gold += len(pool)
        used: set[int] = set()
        for claim in preds:
            content = (claim.content_start, claim.content_end)
            hits = [
                n
                for n, g in enumerate(pool)
                if _overlaps(content, g.content)
                and (role == "content" or _overlaps(get(claim), getattr(g, role)))
            ]
            if hits:
                counts.tp_pred += 1
                used.update(hits[:1])
        counts.tp_gold += len(used)


def evaluate(articles: Sequence[GoldArticle], nlp: Any | None = None) -> dict[str, Counts]:
    """Run :func:`crosswire.nlp.claims.find.find_claims` over ``articles`` and score."""
    from crosswire.nlp.claims.find import find_claims
    from crosswire.nlp.core.model import load_nlp

    nlp = nlp if nlp is not None else load_nlp()
    totals: dict[str, Counts] = {}
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    for article, doc in zip(articles, docs, strict=True):
        score_article(find_claims(doc), article.attributions, totals)
    return totals


def format_table(split: str, totals: dict[str, Counts], n_articles: int) -> str:
    """Render scores as a plain-text table."""
    lines = [
        f"PolNeAR {split} ({n_articles} articles)",
        f"{'measure':<10}{'P':>8}{'R':>8}{'F1':>8}{'pred':>8}{'gold':>8}",
    ]
    for role in ("source", "cue", "content"):
        c = totals.get(role, Counts())
        lines.append(
            f"{role:<10}{100 * c.precision:>8.1f}{100 * c.recall:>8.1f}{100 * c.f1:>8.1f}"
            f"{c.predicted:>8}{c.gold:>8}"
        )
    lines.append("anchor: BBC Citron source F1 82.0 (PARC 3.0)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``crosswire evaluate attribution``: score claims on PolNeAR and print a table."""
    parser = argparse.ArgumentParser(prog="crosswire evaluate attribution")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="PolNeAR checkout")
    parser.add_argument("--split", default="test", choices=("train", "dev", "test"))
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    args = parser.parse_args(argv)
    if not (args.root / "data" / args.split).is_dir():
        print(f"E321 PolNeAR split not found under {args.root}", file=sys.stderr)
        return 2
    articles = load_split(args.root, args.split, args.limit)
    totals = evaluate(articles)
    print(format_table(args.split, totals, len(articles)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
