"""Count false places in US local news: the Gun Violence Corpus scan (issue #13).

Usage: python bench/bench_gvc_places.py [--split train|dev|test|trdev|all] [--errors N]

The GVC articles (``../shared/eval/gvc/articles.jsonl``) are US local news
about US shootings: a place the analysis puts outside the US is (nearly
always) false: a person's name ("Jordan", "Mendoza"), a call sign ("KSL"), a
form label ("Date:"), a brand. Each article is read as ``crosswire ingest``
reads it (the same cleaning), parsed by the analysis pipeline and searched by
``find_places`` with the outlet's home country, as ``crosswire analyze`` does.

Reported: articles, place mentions, mentions outside the US, and mentions
that overlap a PERSON entity of the NER (a lower bound on names taken for
places: the NER misses many). ``--errors N`` lists the first N foreign
mentions with their context, for reading errors on train/dev only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench_corpus import SHARED

from crosswire.ingest import build_guarded
from crosswire.model import Article
from crosswire.nlp.entities.pipeline import build_nlp
from crosswire.nlp.places.home import home_country
from crosswire.nlp.places.mentions import find_places
from crosswire.readers import plan_sources, read_entry
from crosswire.readers.options import ReadOptions

GVC = SHARED / "eval" / "gvc"


def _splits(folder: Path) -> dict[str, str]:
    """GVC document id -> its incident's split (train, dev, test)."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["incidents"]
    return {doc: inc["split"] for inc in gold.values() for doc in inc["docs"]}


def articles(folder: Path, split: str) -> Iterator[Article]:
    """The split's articles as ingest builds them (file order)."""
    path = folder / "articles.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    of_doc = _splits(folder)
    wanted = {"trdev": {"train", "dev"}, "all": {"train", "dev", "test"}}.get(split, {split})
    options = ReadOptions()
    for entry in plan_sources([str(path)], options):
        for item in read_entry(entry, options, None):
            built = build_guarded(item)
            if not isinstance(built, Article):
                continue
            line = int(built.source.rpartition("#L")[2]) - 1
            if of_doc.get(json.loads(lines[line]).get("doc_id"), "") in wanted:
                yield built


def scan(folder: Path, split: str, errors: int) -> dict[str, Any]:
    """Run the place finder over the split's articles; counts and foreign mentions."""
    todo = list(articles(folder, split))
    nlp = build_nlp()
    counts = {"articles": len(todo), "mentions": 0, "outside_us": 0, "person_overlap": 0}
    listed: list[str] = []
    for article, doc in zip(todo, nlp.pipe(a.text for a in todo), strict=True):
        places = find_places(doc, home_country=home_country(article.url))
        people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
        counts["mentions"] += len(places)
        for p in places:
            if any(s < p.end and p.start < t for s, t in people):
                counts["person_overlap"] += 1
            if p.country == "US":
                continue
            counts["outside_us"] += 1
            if len(listed) < errors:
                around = article.text[max(0, p.start - 50) : p.end + 40].replace("\n", " | ")
                listed.append(f"{p.text!r} -> {p.name}, {p.country} ({p.label}): ...{around}...")
    return {"split": split, **counts, "foreign": listed}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", type=Path, default=GVC)
    ap.add_argument("--split", choices=["train", "dev", "test", "trdev", "all"], default="trdev")
    ap.add_argument("--errors", type=int, default=0, metavar="N")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not (args.folder / "articles.jsonl").exists():
        print(f"GVC articles not found under {args.folder}", file=sys.stderr)
        return 2
    result = scan(args.folder, args.split, args.errors)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for line in result["foreign"]:
        print(line)
    print(
        f"GVC {result['split']}: {result['articles']} articles, {result['mentions']} place "
        f"mentions, {result['outside_us']} outside the US, {result['person_overlap']} "
        "overlapping a PERSON entity"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
