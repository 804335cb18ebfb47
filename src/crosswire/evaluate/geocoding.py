"""Evaluate toponym resolution and end-to-end geoparsing against public gold sets.

Corpora (from the "Pragmatic Guide to Geoparsing Evaluation" repository, kept
under ``<shared>/eval/geoparsing/data``):

* ``GWN.xml`` (GeoWebNews): ``<article>`` with ``<text>`` and ``<toponym>``
  items carrying ``start``/``end``, a ``type`` from the pragmatic taxonomy and,
  for real places, ``latitude``/``longitude``;
* ``Corpora/lgl.xml`` and ``Corpora/TR-News.xml``: ``<toponym>`` with
  ``start``/``end``/``phrase`` and a ``gaztag`` holding ``lat``/``lon``;
* ``Corpora/GeoVirus.xml``: ``<location>`` with ``name``/``start``/``end``/``lat``/``lon``.

Two measures: (a) given the gold spans, ``resolve_document`` on the document's
gold toponyms (each resolved with the others as context, as ``find_places``
does); (b) end to end, ``find_places`` on the raw text, predictions matched to
gold spans by character overlap; "all gold within 161 km" counts every gold
toponym, found or not (a miss is an error). Both pass the outlet's home
country and town from the article's address, as the analysis does.
Accuracy is the share of gold toponyms geocoded within 161 km (100 miles);
unresolved ones count as misses and as infinite error in the median.
``--split even`` (the documents the scoring was tuned on) and ``--split
odd`` (held out) report the halves.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import math
import statistics
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from crosswire.nlp.places.document import resolve_document
from crosswire.nlp.places.gazetteer import Gazetteer, Place, default_gazetteer, haversine_km
from crosswire.nlp.places.home import home_country
from crosswire.nlp.places.outlet import home_town

log = logging.getLogger(__name__)

ACCURACY_KM = 161.0
CORPORA = {
    "gwn": "GWN.xml",
    "lgl": "Corpora/lgl.xml",
    "trnews": "Corpora/TR-News.xml",
    "geovirus": "Corpora/GeoVirus.xml",
}


@dataclass(frozen=True)
class GoldToponym:
    """One gold toponym: span, surface text and coordinates."""

    start: int
    end: int
    text: str
    lat: float
    lon: float
    kind: str = ""


@dataclass
class GoldDoc:
    """One gold document."""

    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    # the article's address (GeoWebNews <link>, LGL <url>): the outlet's home
    url: str = ""


@dataclass
class Report:
    """Figures for one corpus."""

    corpus: str
    docs: int
    gold: int
    resolved: int
    acc161: float
    median_km: float
    e2e_docs: int = 0
    e2e_precision: float = math.nan
    e2e_recall: float = math.nan
    e2e_acc161: float = math.nan
    e2e_median_km: float = math.nan
    # every gold toponym counted, found or not: the share found and within 161 km
    e2e_all161: float = math.nan


def _f(node: ET.Element, tag: str) -> str:
    found = node.find(tag)
    return (found.text or "").strip() if found is not None else ""


def load_corpus(path: Path) -> list[GoldDoc]:
    """Read any of the four XML formats into ``GoldDoc`` records (toponyms with coordinates)."""
    root = ET.parse(path).getroot()
    docs: list[GoldDoc] = []
    for n, art in enumerate(root.iter("article")):
        text = _f(art, "text") if art.find("text") is not None else ""
        raw = art.find("text")
        text = raw.text or "" if raw is not None else ""
        doc = GoldDoc(art.get("docid") or art.get("file") or str(n), text)
        doc.url = _f(art, "link") or _f(art, "url") or _f(art, "domain")
        for top in art.iter("toponym"):
            gaz = top.find("gaztag")
            if gaz is not None:
                lat, lon = _f(gaz, "lat"), _f(gaz, "lon")
                name = _f(top, "phrase")
            else:
                lat, lon = _f(top, "latitude"), _f(top, "longitude")
                name = _f(top, "extractedName")
            if lat and lon:
                start, end = int(_f(top, "start")), int(_f(top, "end"))
                doc.toponyms.append(
                    GoldToponym(start, end, name, float(lat), float(lon), _f(top, "type"))
                )
        for loc in art.iter("location"):
            lat, lon = _f(loc, "lat"), _f(loc, "lon")
            if lat and lon:
                doc.toponyms.append(
                    GoldToponym(
                        int(_f(loc, "start")),
                        int(_f(loc, "end")),
                        _f(loc, "name"),
                        float(lat),
                        float(lon),
                    )
                )
        docs.append(doc)
    return docs


def _median(errors: Sequence[float]) -> float:
    return statistics.median(errors) if errors else math.nan


@dataclass(frozen=True)
class Miss:
    """One gold toponym resolved beyond 161 km (or not at all), for error reading."""

    doc: str
    gold: GoldToponym
    place: Place | None
    km: float
    context: str

    def line(self) -> str:
        """One readable line: the name, where it went, where it should be, the words around."""
        if self.place is None:
            got = "unresolved"
        else:
            p = self.place
            where = "/".join(x for x in (p.admin1, p.country) if x)
            got = f"{p.name} [{p.kind} {where} pop {p.population} {p.source}] {self.km:.0f} km"
        return (
            f"{self.doc}: {self.gold.text!r} -> {got}; gold {self.gold.lat:.2f},"
            f"{self.gold.lon:.2f} | {self.context}"
        )


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def evaluate_resolution(
    docs: Iterable[GoldDoc],
    gazetteer: Gazetteer | None = None,
    misses: list[Miss] | None = None,
) -> tuple[int, int, list[float]]:
    """Measure (a): return (gold count, resolved count, errors in km with inf for misses).

    ``misses``, when given, collects every toponym placed beyond 161 km.
    """
    gaz = gazetteer or default_gazetteer()
    gold = resolved = 0
    errors: list[float] = []
    for doc in docs:
        # The document as context: its toponyms are resolved together, in the
        # order the text names them, as the analysis passes them (GWN and
        # TR-News list them in another order; the resolver reads the first
        # name as the story's scene and breaks ties by the first named).
        toponyms = sorted(doc.toponyms, key=lambda t: (t.start, t.end))
        places = resolve_document(
            [t.text for t in toponyms],
            gazetteer=gaz,
            home_country=home_country(doc.url),
            home_town=home_town(doc.url, gaz),
            text=doc.text,
            spans=[(t.start, t.end) for t in toponyms],
        )
        for top, place in zip(toponyms, places, strict=True):
            gold += 1
            km = math.inf if place is None else haversine_km(place.lat, place.lon, top.lat, top.lon)
            errors.append(km)
            resolved += place is not None
            if misses is not None and km > ACCURACY_KM:
                misses.append(Miss(doc.id, top, place, km, _context(doc.text, top.start, top.end)))
    return gold, resolved, errors


def evaluate_end_to_end(
    docs: Sequence[GoldDoc],
    gazetteer: Gazetteer | None = None,
    *,
    demonyms: bool = True,
    misses: list[Miss] | None = None,
) -> tuple[float, float, list[float]]:
    """Measure (b): return (precision, recall, errors in km of matched gold toponyms).

    ``demonyms``: nationality words count as country-level places (the four
    corpora annotate "Chinese" or "Palestinian" as toponyms). ``misses``, when
    given, collects every gold toponym not found or placed beyond 161 km.
    """
    from crosswire.nlp.core.model import load_nlp
    from crosswire.nlp.places.mentions import find_places

    gaz = gazetteer or default_gazetteer()
    nlp = load_nlp()
    n_pred = n_pred_ok = n_gold = n_gold_ok = 0
    errors: list[float] = []
    for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        preds = find_places(
            parsed,
            gazetteer=gaz,
            demonyms=demonyms,
            home_country=home_country(doc.url),
            home_town=home_town(doc.url, gaz),
        )
        n_pred += len(preds)
        n_pred_ok += sum(
            any(p.start < t.end and t.start < p.end for t in doc.toponyms) for p in preds
        )
        for top in doc.toponyms:
            n_gold += 1
            hits = [p for p in preds if p.start < top.end and top.start < p.end]
            km = math.inf
            if hits:
                n_gold_ok += 1
                km = haversine_km(hits[0].lat, hits[0].lon, top.lat, top.lon)
                errors.append(km)
            if misses is not None and km > ACCURACY_KM:
                got = _as_place(hits[0]) if hits else None
                misses.append(Miss(doc.id, top, got, km, _context(doc.text, top.start, top.end)))
    precision = n_pred_ok / n_pred if n_pred else math.nan
    recall = n_gold_ok / n_gold if n_gold else math.nan
    return precision, recall, errors


def _as_place(m: Any) -> Place:
    """A found mention as a gazetteer entry, for ``Miss.line``."""
    return Place(m.name, m.lat, m.lon, m.country, m.admin1, m.kind, 0, m.source, m.geonameid)


def select(docs: Sequence[GoldDoc], split: str = "all") -> list[GoldDoc]:
    """The even-indexed documents (used for tuning), the odd ones (held out) or all."""
    if split == "even":
        return list(docs[0::2])
    if split == "odd":
        return list(docs[1::2])
    return list(docs)


def run(
    root: Path,
    corpus: str,
    *,
    limit: int | None = None,
    e2e_limit: int | None = 0,
    split: str = "all",
    demonyms: bool = True,
    misses: list[Miss] | None = None,
) -> Report:
    """Evaluate one corpus; ``e2e_limit`` docs for (b) (0 skips it, None means all).

    ``split`` picks the even-indexed (tuning), odd-indexed (held-out) or all
    documents before ``limit`` applies.
    """
    docs = select(load_corpus(root / CORPORA[corpus]), split)
    if limit is not None:
        docs = docs[:limit]
    gold, resolved, errors = evaluate_resolution(docs, misses=misses)
    within = sum(e <= ACCURACY_KM for e in errors)
    report = Report(
        corpus, len(docs), gold, resolved, within / gold if gold else math.nan, _median(errors)
    )
    if e2e_limit != 0:
        sub = docs if e2e_limit is None else docs[:e2e_limit]
        e2e_misses: list[Miss] | None = [] if misses is not None else None
        p, r, errs = evaluate_end_to_end(sub, demonyms=demonyms, misses=e2e_misses)
        if misses is not None and e2e_misses:
            misses.extend(dataclasses.replace(m, doc="e2e " + m.doc) for m in e2e_misses)
        report.e2e_docs = len(sub)
        report.e2e_precision, report.e2e_recall = p, r
        report.e2e_acc161 = sum(e <= ACCURACY_KM for e in errs) / len(errs) if errs else math.nan
        report.e2e_median_km = _median(errs)
        n_gold = sum(len(d.toponyms) for d in sub)
        report.e2e_all161 = sum(e <= ACCURACY_KM for e in errs) / n_gold if n_gold else math.nan
    return report


def default_root() -> Path:
    """``<repo>/../shared/eval/geoparsing/data``."""
    return Path(__file__).resolve().parents[3] / ".." / "shared" / "eval" / "geoparsing" / "data"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m crosswire.evaluate.geocoding [--corpus gwn lgl] [--e2e N]``."""
    ap = argparse.ArgumentParser(prog="crosswire-eval-geocoding", description=__doc__)
    ap.add_argument("--root", type=Path, default=default_root())
    ap.add_argument("--corpus", nargs="+", choices=sorted(CORPORA), default=["gwn", "lgl"])
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument(
        "--e2e", type=int, default=-1, help="documents for the end-to-end run (-1 all, 0 none)"
    )
    ap.add_argument(
        "--split",
        choices=["all", "even", "odd"],
        default="all",
        help="even-indexed documents (tuning), odd-indexed (held out) or all",
    )
    ap.add_argument(
        "--no-demonyms",
        action="store_true",
        help="end to end: leave nationality words ('Syrian') out, as the analysis does",
    )
    ap.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="print the first N gold toponyms placed beyond 161 km per corpus (given spans),"
        " then the first N not found or misplaced end to end ('e2e <doc>')",
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not (args.root / CORPORA[args.corpus[0]]).exists():
        print(f"E330 geoparsing data not found under {args.root}", file=sys.stderr)
        return 2
    e2e = None if args.e2e < 0 else args.e2e
    reports = []
    for c in args.corpus:
        misses: list[Miss] = []
        reports.append(
            run(
                args.root,
                c,
                limit=args.limit,
                e2e_limit=e2e,
                split=args.split,
                demonyms=not args.no_demonyms,
                misses=misses,
            )
        )
        given = [m for m in misses if not m.doc.startswith("e2e ")]
        e2e_only = [m for m in misses if m.doc.startswith("e2e ")]
        for miss in given[: args.errors] + e2e_only[: args.errors]:
            print(f"{c} {miss.line()}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps([asdict(r) for r in reports], indent=1))
        return 0
    for r in reports:
        print(
            f"{r.corpus} ({args.split}): {r.docs} docs, {r.gold} gold toponyms, "
            f"resolved {r.resolved}; "
            f"given spans acc@161km {r.acc161:.3f}, median {r.median_km:.1f} km"
        )
        if r.e2e_docs:
            print(
                f"  end to end ({r.e2e_docs} docs): detection P {r.e2e_precision:.3f} "
                f"R {r.e2e_recall:.3f}; matched acc@161km {r.e2e_acc161:.3f}, "
                f"median {r.e2e_median_km:.1f} km; all gold within 161 km {r.e2e_all161:.3f}"
            )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
