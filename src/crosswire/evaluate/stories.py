"""Score story grouping on WikiRef220 (``../shared/eval/wikiref220``).

WikiRef220 holds 220 plain-text news articles, one per file, first line the
title. The gold topic is the file name without its number
(``malaysia.airlines.flight.75.txt`` -> ``malaysia.airlines.flight``,
``ParisAttacks2015 (9).txt`` -> ``ParisAttacks2015``). Five topics have
35-39 articles; eleven have at most five and the dataset's readme calls them
noise. We score all 220 articles (noise topics as their own gold groups) and
the 185 articles of the five main topics.

Metrics (implemented here, checked on hand cases in the tests):

* adjusted Rand index (Hubert & Arabie): pair-counting agreement corrected
  for chance; 1 is perfect, about 0 is random;
* B-cubed precision, recall and F1 (Bagga & Baldwin): per article, the share
  of its predicted group that shares its gold topic, and the share of its
  gold topic that shares its predicted group, averaged over articles.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Hashable, Sequence
from math import comb
from pathlib import Path
from typing import Any

from crosswire.fusion.stories import group_stories

DEFAULT_DIR = (
    Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "wikiref220" / "WikiRef220"
)
MAIN_TOPICS = (
    "ParisAttacks2015",
    "premier.league",
    "malaysia.airlines.flight",
    "samsung.galaxy.s5",
    "michelle.obama",
)
_NUMBER = re.compile(r"(?:\s*\(\d+\)|\.\d+)?\.txt$")


def adjusted_rand_index(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Adjusted Rand index of two labelings of the same items (1.0 when identical)."""
    if len(gold) != len(pred):
        raise ValueError("E501 labelings differ in length")
    n = len(gold)
    pairs = comb(n, 2)
    together = sum(comb(c, 2) for c in Counter(zip(gold, pred, strict=True)).values())
    gold_pairs = sum(comb(c, 2) for c in Counter(gold).values())
    pred_pairs = sum(comb(c, 2) for c in Counter(pred).values())
    if pairs == 0:
        return 1.0
    expected = gold_pairs * pred_pairs / pairs
    best = (gold_pairs + pred_pairs) / 2
    if best == expected:
        # Both labelings trivial (all singletons or one group): chance equals perfect.
        return 1.0 if together == best else 0.0
    return (together - expected) / (best - expected)


def bcubed(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``pred`` against ``gold`` (items aligned)."""
    if len(gold) != len(pred):
        raise ValueError("E501 labelings differ in length")
    if not gold:
        return 1.0, 1.0, 1.0
    both = Counter(zip(gold, pred, strict=True))
    g_size, p_size = Counter(gold), Counter(pred)
    precision = sum(both[(g, p)] / p_size[p] for g, p in zip(gold, pred, strict=True)) / len(gold)
    recall = sum(both[(g, p)] / g_size[g] for g, p in zip(gold, pred, strict=True)) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def topic_of(filename: str) -> str:
    """The gold topic of a WikiRef file name (its name without the running number)."""
    return _NUMBER.sub("", filename)


def load_wikiref(folder: Path = DEFAULT_DIR) -> list[dict[str, Any]]:
    """WikiRef articles as export-shaped dicts plus a ``gold`` topic, sorted by file name."""
    articles = []
    for path in sorted(folder.glob("*.txt")):
        raw = path.read_bytes().decode("cp1252", errors="replace").replace("\r\n", "\n")
        title, _, body = raw.strip().partition("\n")
        articles.append(
            {
                "id": path.name,
                "title": title.strip(),
                "text": body.strip(),
                "published": None,
                "outlet": None,
                "family": None,
                "gold": topic_of(path.name),
            }
        )
    return articles


def evaluate(
    folder: Path = DEFAULT_DIR, backend: str = "light", main_only: bool = False
) -> dict[str, Any]:
    """Group WikiRef articles with ``backend`` and score the grouping against the topics."""
    articles = load_wikiref(folder)
    if main_only:
        articles = [a for a in articles if a["gold"] in MAIN_TOPICS]
    started = time.perf_counter()
    stories = group_stories(articles, backend=backend)
    seconds = time.perf_counter() - started
    label = {aid: s["id"] for s in stories for aid in s["articles"]}
    gold = [a["gold"] for a in articles]
    pred = [label[a["id"]] for a in articles]
    p, r, f = bcubed(gold, pred)
    return {
        "backend": backend,
        "articles": len(articles),
        "gold_topics": len(set(gold)),
        "stories": len(stories),
        "ari": round(adjusted_rand_index(gold, pred), 4),
        "bcubed_precision": round(p, 4),
        "bcubed_recall": round(r, 4),
        "bcubed_f1": round(f, 4),
        "seconds": round(seconds, 2),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m crosswire.evaluate.stories [--dir D] [--backend B] [--main-only]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--backend", default="light")
    parser.add_argument("--main-only", action="store_true")
    args = parser.parse_args(argv)
    if not args.dir.is_dir():
        print(f"E502 no WikiRef folder at {args.dir}")  # noqa: T201 - CLI output
        return 2
    print(json.dumps(evaluate(args.dir, args.backend, args.main_only), indent=1))  # noqa: T201
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
