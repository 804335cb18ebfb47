"""Fit the candidate-ranking weights (``nlp/places/ranking.py``) on gold toponyms.

Each gold toponym with two or more candidates, at least one of them within
161 km of the gold point, is one example: its candidates' feature vectors
(computed in the last round of ``choose_together``, with the document's other
names as they were resolved) and which of them are right. The weights maximise
the conditional log-likelihood that the top-scored candidate is a right one (a
softmax over the mention's candidates), with an L2 pull towards the current
weights so that a feature rare in the gold sets keeps its value. numpy only.

Fit on the tuning halves (``--split even``) and check the held-out ones with
``crosswire evaluate geocoding --split odd``:

    python -m crosswire.evaluate.place_ranking --corpus gwn lgl --split even --write
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import numpy.typing as npt

from crosswire.datafiles import data_path
from crosswire.evaluate.geocoding import ACCURACY_KM, CORPORA, GoldDoc, default_root, load_corpus
from crosswire.evaluate.geocoding import select as select_split
from crosswire.nlp.places import resolve
from crosswire.nlp.places.document import resolve_document
from crosswire.nlp.places.gazetteer import Place, default_gazetteer, haversine_km, normalize
from crosswire.nlp.places.home import home_country
from crosswire.nlp.places.outlet import home_town
from crosswire.nlp.places.ranking import FEATURES, Context, features, weights

log = logging.getLogger(__name__)

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Example:
    """One gold toponym's candidates: features (rows) and which are right."""

    x: Matrix
    right: npt.NDArray[np.bool_]


@contextmanager
def _recording() -> Iterator[dict[str, tuple[list[Place], Context]]]:
    """Record ``choose``'s candidates and context per mention key (last call wins)."""
    seen: dict[str, tuple[list[Place], Context]] = {}
    real = resolve.choose

    def spy(candidates: Sequence[Place], *args: Any, **kwargs: Any) -> Place | None:
        if kwargs.get("support") is not None:  # a round of choose_together
            ctx = resolve.context(candidates, *args, **kwargs)
            seen[ctx.qkey] = (list(candidates), ctx)
        return real(candidates, *args, **kwargs)

    with mock.patch.object(resolve, "choose", spy):
        yield seen


def examples(docs: Sequence[GoldDoc]) -> list[Example]:
    """The ranking examples of ``docs`` (see the module docstring)."""
    gaz = default_gazetteer()
    out: list[Example] = []
    for doc in docs:
        with _recording() as seen:
            resolve_document(
                [t.text for t in doc.toponyms],
                gazetteer=gaz,
                home_country=home_country(doc.url),
                home_town=home_town(doc.url, gaz),
                text=doc.text,
                spans=[(t.start, t.end) for t in doc.toponyms],
            )
        for top in doc.toponyms:
            hit = seen.get(normalize(top.text))
            if hit is None or len(hit[0]) < 2:
                continue
            cands, ctx = hit
            right = np.array(
                [haversine_km(c.lat, c.lon, top.lat, top.lon) <= ACCURACY_KM for c in cands]
            )
            if right.any() and not right.all():
                out.append(Example(np.array([features(c, ctx) for c in cands]), right))
    return out


def _loss(w: Matrix, data: Sequence[Example], w0: Matrix, l2: float) -> tuple[float, Matrix]:
    """Negative log-likelihood of a right top candidate, plus the L2 pull; and its gradient."""
    total = l2 * float(np.sum((w - w0) ** 2))
    grad = 2 * l2 * (w - w0)
    for ex in data:
        s = ex.x @ w
        s = s - s.max()
        e = np.exp(s)
        p_all = e / e.sum()
        er = np.where(ex.right, e, 0.0)
        p_right = er / er.sum()
        total -= math.log(er.sum() / e.sum())
        grad -= ex.x.T @ (p_right - p_all)
    return total / len(data), grad / len(data)


def fit(data: Sequence[Example], start: Matrix, *, l2: float = 0.01, steps: int = 400) -> Matrix:
    """Weights minimising ``_loss`` from ``start`` (Adam, a fixed number of steps)."""
    w = start.copy()
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    rate, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, steps + 1):
        loss, g = _loss(w, data, start, l2)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w -= rate * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + 1e-8)
        if t % 100 == 0:
            log.info("step %d loss %.4f", t, loss)
    return w


def top1(data: Sequence[Example], w: Matrix) -> float:
    """Share of examples whose top-scored candidate is a right one."""
    return sum(bool(ex.right[int(np.argmax(ex.x @ w))]) for ex in data) / len(data)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: fit on the chosen corpora and split; ``--write`` saves the weights."""
    ap = argparse.ArgumentParser(prog="crosswire-fit-place-ranking", description=__doc__)
    ap.add_argument("--root", type=Path, default=default_root())
    ap.add_argument("--corpus", nargs="+", choices=sorted(CORPORA), default=["gwn", "lgl"])
    ap.add_argument("--split", choices=["all", "even", "odd"], default="even")
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--steps", type=int, default=400)
    ap.add_argument("--write", action="store_true", help="save to data/place_ranking.json")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    data: list[Example] = []
    for c in args.corpus:
        docs = select_split(load_corpus(args.root / CORPORA[c]), args.split)
        data += examples(docs)
    start = np.array(weights())
    w = fit(data, start, l2=args.l2, steps=args.steps)
    print(f"{len(data)} examples; top-1 {top1(data, start):.3f} -> {top1(data, w):.3f}")
    fitted = {name: round(float(x), 3) for name, x in zip(FEATURES, w, strict=True)}
    print(json.dumps(fitted, indent=1))
    if args.write:
        path = Path(str(data_path("place_ranking.json")))
        body = json.loads(path.read_text("utf-8"))
        body["weights"] = fitted
        path.write_text(json.dumps(body, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
