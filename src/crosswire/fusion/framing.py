"""Outlet framing: which contested words each outlet uses within one story.

The lexicon (``data/framing.json``) lists *concepts* (the armed opposition,
the Islamic State group, a change of control...) and for each the *variants*
outlets choose between ("terrorists", "Takfiri" vs "rebels", "opposition").
:func:`find_terms` finds them in a text with their offsets;
:func:`outlet_framing` counts them per story and outlet with evidence spans;
:func:`compare_framing` lays one story out per concept so a reader can see
"Press TV: terrorists x9, Takfiri x3; AFP: rebels x4".

Matching rules (why): whole words only, so "rebel" is not found in
"rebellion"; a hyphen in a form also matches a space or nothing, since
"foreign-backed" is spelt all three ways; case-insensitive unless a variant
says ``"case": "exact"`` (an "IS" must not be the verb "is"); within one
concept the longest match wins, so "so-called moderate opposition" is not
also counted as "moderate opposition"; ``exclude`` variants ("jet fighters")
only block shorter matches. Each hit also says whether it sits inside
quotation marks, so an outlet's own voice can be told from a quoted source.

Counting rules: the lexicon is English, so articles whose ``language`` is
set and is not English are skipped; copies of one wire family published by
one outlet count once (its highest version), so a re-published update does
not double that outlet's words.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.datafiles import read_json

log = logging.getLogger(__name__)

__all__ = ["Hit", "compare_framing", "find_terms", "lexicon", "outlet_framing"]

Record = dict[str, Any]
UNKNOWN_OUTLET = "unknown outlet"
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|«[^»\n]*»|„[^“”\n]*[“”]")


@dataclass(frozen=True)
class Hit:
    """One lexicon term found in a text: concept, variant label, span, inside quotes or not."""

    concept: str
    term: str
    start: int
    end: int
    quoted: bool


@dataclass(frozen=True)
class _Variant:
    concept: str
    term: str
    pattern: re.Pattern[str]
    exclude: bool
    not_in_caps: bool
    # Case-folded first piece of every form: a text containing none of them
    # cannot match, and a substring test is far cheaper than the regex scan.
    anchors: tuple[str, ...] = ()


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The contested-terms lexicon from ``crosswire/data/framing.json`` (loaded once)."""
    data: dict[str, Any] = read_json("framing.json")
    return data


def _form_pattern(form: str) -> str:
    """A form as a regex: words separated by any whitespace, a hyphen optional/spaced."""
    parts = []
    for word in form.split():
        pieces = [re.escape(p) for p in word.split("-")]
        parts.append(r"[-\u2010\u2011 ]?".join(pieces))
    return r"\s+".join(parts)


def _compile(data: Mapping[str, Any]) -> list[_Variant]:
    variants: list[_Variant] = []
    for concept in data.get("concepts", []):
        for v in concept.get("variants", []):
            forms = sorted(v.get("forms") or [v["term"]], key=len, reverse=True)
            flags = 0 if v.get("case") == "exact" else re.IGNORECASE
            # Whole words: no letter or digit may touch either end of the match.
            body = "|".join(_form_pattern(f) for f in forms)
            pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)
            variants.append(
                _Variant(
                    concept=str(concept["concept"]),
                    term=str(v["term"]),
                    pattern=pattern,
                    exclude=bool(v.get("exclude")),
                    not_in_caps=bool(v.get("not_in_caps")),
                    anchors=tuple({f.split()[0].split("-")[0].casefold() for f in forms}),
                )
            )
    return variants


@functools.lru_cache(maxsize=4)
def _compiled_default() -> tuple[_Variant, ...]:
    return tuple(_compile(lexicon()))


def _in_caps(text: str, start: int, end: int) -> bool:
    """True when the words around a match are in capitals (a shouted headline)."""
    before = re.findall(r"[A-Za-z]+", text[max(0, start - 40) : start])[-2:]
    after = re.findall(r"[A-Za-z]+", text[end : end + 40])[:2]
    near = [w for w in before + after if len(w) > 1]
    return bool(near) and all(w.isupper() for w in near)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def find_terms(text: str, data: Mapping[str, Any] | None = None) -> list[Hit]:
    """Every lexicon term in ``text`` (default lexicon unless ``data`` is given), in order."""
    if not isinstance(text, str) or not text:
        return []
    variants = _compiled_default() if data is None else tuple(_compile(data))
    by_concept: dict[str, list[tuple[int, int, _Variant]]] = defaultdict(list)
    folded = text.casefold()
    for v in variants:
        if v.anchors and not any(a in folded for a in v.anchors):
            continue
        for m in v.pattern.finditer(text):
            if v.not_in_caps and _in_caps(text, m.start(), m.end()):
                continue
            by_concept[v.concept].append((m.start(), m.end(), v))
    quotes = _quoted_spans(text)
    hits: list[Hit] = []
    for matches in by_concept.values():
        # Longest first, then leftmost: a kept match blocks any overlapping shorter one.
        matches.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
        taken: list[tuple[int, int]] = []
        for start, end, v in matches:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            if not v.exclude:
                quoted = any(s < start and end < e for s, e in quotes)
                hits.append(Hit(v.concept, v.term, start, end, quoted))
    hits.sort(key=lambda h: (h.start, h.end, h.concept))
    return hits


def _outlet(a: Mapping[str, Any]) -> str:
    name = a.get("outlet")
    return " ".join(name.split()) if isinstance(name, str) and name.strip() else UNKNOWN_OUTLET


def _english(a: Mapping[str, Any]) -> bool:
    lang = a.get("language")
    return not isinstance(lang, str) or not lang or lang.lower().startswith("en")


def _version(a: Mapping[str, Any]) -> int:
    v = a.get("version")
    return v if isinstance(v, int) else 0


def _counted(members: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The articles to count for one outlet: one per wire family (highest version)."""
    best: dict[str, Mapping[str, Any]] = {}
    for a in members:
        key = f"family:{a['family']}" if a.get("family") else f"article:{a['id']}"
        if key not in best or _version(a) > _version(best[key]):
            best[key] = a
    return sorted(best.values(), key=lambda a: str(a["id"]))


def outlet_framing(
    articles: Sequence[Mapping[str, Any]],
    stories: Sequence[Mapping[str, Any]],
    data: Mapping[str, Any] | None = None,
) -> list[Record]:
    """Per story and outlet, the lexicon terms used, with counts and evidence spans.

    Returns ``[{story, outlet, terms: [{concept, term, count, quoted,
    evidence: [{article, start, end, quoted}]}]}]`` in story order, outlets
    by total count (most first). Outlets with no term are left out. Articles
    without an id, or story members that are not among ``articles``, are
    skipped (logged).
    """
    by_id = {
        str(a["id"]): a for a in articles if isinstance(a, Mapping) and a.get("id") is not None
    }
    hits_cache: dict[str, list[Hit]] = {}
    out: list[Record] = []
    for story in stories:
        if not isinstance(story, Mapping) or not story.get("id"):
            log.warning("S111 skipped a story record without an id")
            continue
        per_outlet: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for aid in story.get("articles") or []:
            a = by_id.get(str(aid))
            if a is None:
                log.warning("S112 story %s names unknown article %s", story["id"], aid)
            elif _english(a):
                per_outlet[_outlet(a)].append(a)
        rows: list[Record] = []
        for outlet, members in per_outlet.items():
            terms: dict[tuple[str, str], Record] = {}
            for a in _counted(members):
                aid = str(a["id"])
                if aid not in hits_cache:
                    text = a.get("text")
                    hits_cache[aid] = find_terms(text if isinstance(text, str) else "", data)
                for h in hits_cache[aid]:
                    t = terms.setdefault(
                        (h.concept, h.term),
                        {
                            "concept": h.concept,
                            "term": h.term,
                            "count": 0,
                            "quoted": 0,
                            "evidence": [],
                        },
                    )
                    t["count"] += 1
                    t["quoted"] += int(h.quoted)
                    t["evidence"].append(
                        {"article": aid, "start": h.start, "end": h.end, "quoted": h.quoted}
                    )
            if terms:
                listed = sorted(
                    terms.values(), key=lambda t: (t["concept"], -t["count"], t["term"])
                )
                rows.append({"story": str(story["id"]), "outlet": outlet, "terms": listed})
        rows.sort(key=lambda r: (-sum(t["count"] for t in r["terms"]), r["outlet"]))
        out += rows
    return out


def compare_framing(
    framing: Sequence[Mapping[str, Any]], story: str | Mapping[str, Any], *, own_voice: bool = False
) -> list[Record]:
    """One story's framing per concept: which outlets use which variants.

    ``story`` is a story id or record. Returns ``[{concept, variants: [terms
    used], outlets: [{outlet, total, terms: [{term, count}]}], summary}]``,
    concepts by total use; ``summary`` reads "Press TV: terrorists ×9,
    Takfiri ×3; AFP: rebels ×4". With ``own_voice`` hits inside quotation
    marks are left out, so only the outlet's own wording counts.
    """
    sid = str(story.get("id")) if isinstance(story, Mapping) else str(story)
    table: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for row in framing:
        if not isinstance(row, Mapping) or str(row.get("story")) != sid:
            continue
        for t in row.get("terms") or []:
            n = int(t.get("count", 0)) - (int(t.get("quoted", 0)) if own_voice else 0)
            if n > 0:
                table[str(t["concept"])][str(row.get("outlet"))][str(t["term"])] += n
    result: list[Record] = []
    for concept, outlets in table.items():
        listed: list[Record] = []
        for outlet, counts in outlets.items():
            terms = [{"term": k, "count": v} for k, v in sorted(counts.items(), key=_by_count)]
            listed.append({"outlet": outlet, "total": sum(counts.values()), "terms": terms})
        listed.sort(key=lambda o: (-o["total"], o["outlet"]))
        summary = "; ".join(
            f"{o['outlet']}: " + ", ".join(f"{t['term']} ×{t['count']}" for t in o["terms"])
            for o in listed
        )
        variants = sorted({t["term"] for o in listed for t in o["terms"]})
        result.append(
            {"concept": concept, "variants": variants, "outlets": listed, "summary": summary}
        )
    result.sort(key=lambda c: (-sum(o["total"] for o in c["outlets"]), c["concept"]))
    return result


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]
