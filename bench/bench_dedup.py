"""Benchmark crosswire.dedup.FamilyIndex on synthetic articles with planted families.

Usage: python bench/bench_dedup.py [--sizes 10000 100000] [--repeats 3] [--profile]
       python bench/bench_dedup.py --sizes 1000000 --repeats 1   (short documents)

Articles are drawn from a Zipfian vocabulary. A share of them belong to
planted families: republications (new header line, ~2% of words replaced, a
paragraph sometimes dropped) and updates (top 40% of paragraphs rewritten,
the rest kept with small edits). The script times ``add`` for every article
plus one ``assignments()`` call, reports the median over repeats, the peak
traced memory of one extra run (tracemalloc), and pair precision/recall of
the recovered families on a sample. Results go to bench/results/ as JSON.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import resource
import statistics
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from crosswire.dedup import FamilyIndex

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass
class Corpus:
    texts: list[str]
    truth: list[int]  # planted family label; unique label for singletons
    dates: list[str]


def _vocab(rng: np.random.Generator, size: int) -> np.ndarray:
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    lengths = rng.integers(2, 10, size)
    return np.array(["".join(rng.choice(letters, n)) for n in lengths])


def generate(n: int, words: int, family_share: float, seed: int = 0) -> Corpus:
    """Build ``n`` articles of about ``words`` words; ``family_share`` of them in families."""
    rng = np.random.default_rng(seed)
    vocab = _vocab(rng, 30_000)
    ranks = np.arange(1, len(vocab) + 1)
    probs = 1.0 / ranks**1.05
    probs /= probs.sum()
    para_len = 40 if words >= 120 else max(words // 2, 10)
    n_paras = max(words // para_len, 1)

    def paragraphs(k: int) -> list[list[str]]:
        flat = vocab[rng.choice(len(vocab), size=k * para_len, p=probs)]
        return [list(flat[i * para_len : (i + 1) * para_len]) for i in range(k)]

    def edit(paras: list[list[str]], rate: float) -> list[list[str]]:
        out = []
        for p in paras:
            q = list(p)
            for j in np.flatnonzero(rng.random(len(q)) < rate):
                q[j] = str(vocab[rng.integers(len(vocab))])
            out.append(q)
        return out

    texts: list[str] = []
    truth: list[int] = []
    label = 0
    while len(texts) < n:
        base = paragraphs(n_paras)
        members = [base]
        if rng.random() < family_share / 3.5:  # a family averages ~3.5 members
            for _ in range(int(rng.integers(1, 5))):
                if rng.random() < 0.6 or n_paras < 3:  # republication
                    copy = edit(base, 0.02)
                    if n_paras > 4 and rng.random() < 0.3:
                        copy.pop(int(rng.integers(1, n_paras)))
                    header = [str(w) for w in vocab[rng.integers(len(vocab), size=6)]]
                    members.append([header, *copy])
                else:  # update: rewrite the top, keep the rest lightly edited
                    top = max(int(n_paras * 0.4), 1)
                    members.append(paragraphs(top) + edit(base[top:], 0.02))
        for m in members:
            if len(texts) >= n:
                break
            texts.append("\n\n".join(" ".join(p).capitalize() + "." for p in m))
            truth.append(label)
        label += 1
    order = list(range(n))
    random.Random(seed).shuffle(order)
    texts = [texts[i] for i in order]
    truth = [truth[i] for i in order]
    dates = [f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00" for i in range(n)]
    return Corpus(texts, truth, dates)


def run(corpus: Corpus) -> tuple[float, float, float, list[str]]:
    """Add all articles, then assign: (add wall s, assign wall s, total CPU s, families)."""
    index = FamilyIndex()
    c0 = time.process_time()
    t0 = time.perf_counter()
    for i, (text, date) in enumerate(zip(corpus.texts, corpus.dates, strict=True)):
        index.add(str(i), text, date)
    t1 = time.perf_counter()
    families = [a.family for a in index.assignments()]
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, time.process_time() - c0, families


def quality(truth: list[int], families: list[str], sample: int = 20_000) -> dict[str, float]:
    rnd = random.Random(1)
    by_truth: dict[int, list[int]] = {}
    by_pred: dict[str, list[int]] = {}
    for i, (t, f) in enumerate(zip(truth, families, strict=True)):
        by_truth.setdefault(t, []).append(i)
        by_pred.setdefault(f, []).append(i)

    def pairs(groups: list[list[int]]) -> list[tuple[int, int]]:
        out = [(g[a], g[b]) for g in groups for a in range(len(g)) for b in range(a + 1, len(g))]
        return rnd.sample(out, min(sample, len(out)))

    true_pairs = pairs([g for g in by_truth.values() if len(g) > 1])
    pred_pairs = pairs([g for g in by_pred.values() if len(g) > 1])
    recall = sum(families[a] == families[b] for a, b in true_pairs) / max(len(true_pairs), 1)
    precision = sum(truth[a] == truth[b] for a, b in pred_pairs) / max(len(pred_pairs), 1)
    return {
        "pair_recall": round(recall, 4),
        "pair_precision": round(precision, 4),
        "true_pairs_sampled": len(true_pairs),
        "pred_pairs_sampled": len(pred_pairs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--words", type=int, default=0, help="words per article (0: auto)")
    parser.add_argument("--family-share", type=float, default=0.3)
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run")
    parser.add_argument("--profile", action="store_true", help="cProfile the first run")
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        words = args.words or (300 if size <= 100_000 else 60)
        corpus = generate(size, words, args.family_share)
        if args.profile:
            prof = cProfile.Profile(time.process_time)
            prof.runcall(run, corpus)
            pstats.Stats(prof).sort_stats("cumulative").print_stats(18)
        adds, assigns, totals, cpus = [], [], [], []
        families: list[str] = []
        for _ in range(args.repeats):
            add_s, assign_s, cpu_s, families = run(corpus)
            adds.append(add_s)
            assigns.append(assign_s)
            totals.append(add_s + assign_s)
            cpus.append(cpu_s)
        peak_mb = None
        if not args.no_trace:
            tracemalloc.start()
            run(corpus)
            peak_mb = round(tracemalloc.get_traced_memory()[1] / 1e6, 1)
            tracemalloc.stop()
        total = statistics.median(totals)
        row = {
            "articles": size,
            "words_per_article": words,
            "repeats": args.repeats,
            "add_s": round(statistics.median(adds), 2),
            "assign_s": round(statistics.median(assigns), 2),
            "total_s": round(total, 2),
            "cpu_s": round(statistics.median(cpus), 2),
            "articles_per_s": round(size / total),
            "articles_per_cpu_s": round(size / statistics.median(cpus)),
            "traced_peak_mb": peak_mb,
            "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            **quality(corpus.truth, families),
        }
        rows.append(row)
        print(json.dumps(row))
    cols = list(rows[0])
    print(" | ".join(cols))
    for row in rows:
        print(" | ".join(str(row[c]) for c in cols))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"dedup-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
