"""Score event mentions on the PETRARCH-2 gold standard (``../shared/eval/petrarch-gsr``).

``PETR2_GSR_validation.xml`` holds 78 CAMEO-coded sentences: each has its text
and zero or more ``<EventCoding eventcode=.. sourcecode=.. targetcode=..>``
records (or ``noevents="True"``). The file is not well-formed XML (a comment
block of ``#`` lines, self-closed ``<Sentence .../>`` tags), so it is read with
regular expressions.

For every sentence with a gold event we run the full analysis (parse,
entities, places, dates, quantities, claims, events), pick our best event and
report:

* root accuracy: our best event's CAMEO root (two digits, via the taxonomy's
  ``cameo`` column) equals the root of any gold coding;
* actor match: among sentences where our best event has an actor, the
  actor's CAMEO country/group code (ISO2 -> CAMEO table in the taxonomy) equals
  the first three letters of any gold source code.

UniversalPetrarch's own validation run reports 68% true positives on this file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswire.datafiles import read_json

DEFAULT_FILE = (
    Path(__file__).resolve().parents[3].parent
    / "shared"
    / "eval"
    / "petrarch-gsr"
    / "PETR2_GSR_validation.xml"
)
_SENTENCE_RE = re.compile(r"<Sentence\s([^>]*?)/?>(.*?)</Sentence>", re.S)
_CODING_RE = re.compile(r"<EventCoding\s([^>]*?)/>")
_ATTR_RE = re.compile(r'(\w+)="([^"]*)"')
_COOPERATIVE = {"03", "04", "05", "06", "07", "08"}
_TEXT_RE = re.compile(r"<Text>(.*?)</Text>", re.S)


@dataclass(frozen=True)
class GoldEvent:
    """One gold CAMEO coding."""

    code: str
    source: str
    target: str


@dataclass
class GoldSentence:
    """One validation record: id, date, text and its gold codings."""

    id: str
    date: dt.date | None
    text: str
    events: list[GoldEvent] = field(default_factory=list)


@dataclass
class Scores:
    """What ``evaluate`` measured."""

    sentences: int
    with_gold: int
    predicted: int
    root_correct: int
    actor_scored: int
    actor_correct: int
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def root_accuracy(self) -> float:
        """Share of gold-event sentences whose best event has the gold CAMEO root."""
        return self.root_correct / self.with_gold if self.with_gold else 0.0

    @property
    def actor_accuracy(self) -> float:
        """Share of scored actors (our best event has one) matching a gold source."""
        return self.actor_correct / self.actor_scored if self.actor_scored else 0.0


def load_gold(path: Path) -> Iterator[GoldSentence]:
    """Read the validation records; sentences with empty text are skipped."""
    raw = path.read_text(encoding="utf-8")
    for attrs_text, body in _SENTENCE_RE.findall(raw):
        attrs = dict(_ATTR_RE.findall(attrs_text))
        text_m = _TEXT_RE.search(body)
        text = " ".join(text_m.group(1).split()) if text_m else ""
        if not text:
            continue
        events = []
        for coding in _CODING_RE.findall(body):
            c = dict(_ATTR_RE.findall(coding))
            if "eventcode" in c:
                events.append(
                    GoldEvent(c["eventcode"], c.get("sourcecode", ""), c.get("targetcode", ""))
                )
        yield GoldSentence(attrs.get("id", ""), _date(attrs.get("date", "")), text, events)


def _date(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        return None


def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    tax: dict[str, Any] = read_json("event_taxonomy.json")
    countries = {k: v for k, v in tax["cameo_countries"].items() if len(k) == 2}
    categories = {k: v for k, v in tax["cameo_categories"].items() if not k.startswith("_")}
    dem: dict[str, Any] = read_json("gazetteer_demonyms.json")
    demonyms = {k: v for k, v in dem["demonyms"].items() if isinstance(v, str) and len(v) == 2}
    return countries, categories, demonyms


def analyse(
    nlp: Any, text: str, published: dt.date | None
) -> tuple[Any, list[Any], list[Any], list[Any]]:
    """Run the analysis layer on one text: (doc, entities, places, events)."""
    from crosswire.nlp.claims.find import find_claims
    from crosswire.nlp.entities.pipeline import find_entities
    from crosswire.nlp.events.find import find_events
    from crosswire.nlp.places.mentions import find_places
    from crosswire.nlp.quantities.find import find_quantities
    from crosswire.nlp.temporal.find import find_dates

    doc = nlp(text)
    entities = find_entities(doc)
    places = find_places(doc)
    events = find_events(
        doc,
        entities=entities,
        places=places,
        dates=find_dates(doc, published),
        quantities=find_quantities(doc),
        claims=find_claims(doc),
        published=published,
    )
    return doc, entities, places, events


def best_event(doc: Any, events: Sequence[Any]) -> Any:
    """The sentence's main event: coded (has a CAMEO root), closest to the parse root."""
    coded = [e for e in events if e.cameo] or list(events)
    if not coded:
        return None

    def depth(e: Any) -> int:
        span = doc.char_span(e.trigger_start, e.trigger_end, alignment_mode="expand")
        return len(list(span.root.ancestors)) if span is not None else 99

    return min(coded, key=lambda e: (depth(e), e.negated, e.trigger_start))


def actor_code(
    event: Any, entities: Sequence[Any], places: Sequence[Any], doc_text: str
) -> str | None:
    """CAMEO country/group code of the event's first actor, or None."""
    countries, categories, demonyms = _tables()
    by_id = {e.id: e for e in entities}
    for actor in event.actors:
        ent = by_id.get(actor)
        if ent is None:
            continue
        if ent.country and ent.country in countries:
            return countries[ent.country]
        if ent.category in categories:
            return categories[ent.category]
    # unnamed in our lexicon: a country place or a demonym inside the actor phrase
    for lo, hi in event.actor_spans:
        for p in places:
            if lo <= p.start < hi and p.kind == "country" and p.country in countries:
                return countries[p.country]
        for word in re.findall(r"[A-Z][a-z]+", doc_text[lo:hi]):
            if demonyms.get(word) in countries:
                return countries[demonyms[word]]
    return None


def cameo_root(event: Any) -> str | None:
    """Two-digit CAMEO root of an event; a refused cooperative act (03-08) is 12 Reject."""
    if not event.cameo:
        return None
    root = str(event.cameo)[:2]
    if event.negated and root in _COOPERATIVE:
        return "12"
    return root


_FORCE_ROOTS = {"18", "19", "20"}
_SPEECH = {"say", "claim", "tell", "report", "state", "allege", "announce", "insist"}
_DESIRE = {"want", "hope", "wish", "plan", "intend", "seek", "aim", "like"}


def sentence_root(doc: Any, event: Any, events: Sequence[Any] = ()) -> str | None:
    """CAMEO root of the sentence whose best event is ``event``.

    CAMEO codes the speech act a reported act sits in (docs/events.md):
    force asserted only inside someone's statement is that speaker's
    accusation (11); force someone says they will use is a statement (01);
    force wanted of someone else is an appeal (02), wanted by the subject
    itself a threat (13); help or cooperation wanted is an intent to
    cooperate (03). Everything else keeps the event's own root.
    """
    root = cameo_root(event)
    tok = _token(doc, event)
    if tok is None or root is None:
        return root
    wanted = next((a for a in tok.ancestors if a.lemma_.lower() in _DESIRE), None)
    status = getattr(event, "status", "asserted")
    # "Israel said a mortar bomb was fired" (the statement leads) is Israel's
    # accusation; "..., medics said" (the source trails) reports the act itself.
    speech = [a for a in tok.ancestors if a.lemma_.lower() in _SPEECH and a.i < tok.i]
    if root in _FORCE_ROOTS:
        if wanted is not None:
            own = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
            return "02" if own else "13"
        if event.claim_index is not None and speech:
            return "01" if status == "hypothetical" or _self(tok, speech[0]) else "11"
    elif root in _COOPERATIVE:
        if any(c.dep_ == "neg" for a in list(tok.ancestors)[:3] for c in a.children):
            return "12"  # "would not give permission to help": a refusal
        if wanted is not None or (status == "hypothetical" and speech):
            return "03"  # help wanted, or promised in a statement: intent to cooperate
    elif root == "01":
        # "announced it would free prisoners": the statement carries an intent
        for other in events:
            inner = _token(doc, other)
            if (
                inner is not None
                and tok in inner.ancestors
                and cameo_root(other) in _COOPERATIVE
                and getattr(other, "status", "asserted") == "hypothetical"
            ):
                return "03"
    return root


def _token(doc: Any, event: Any) -> Any:
    span = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    return span.root if span is not None else None


def _self(tok: Any, speech: Any) -> bool:
    """ "The US claimed that they had attacked": the speaker tells of its own act."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    return (
        bool(subjects)
        and subjects[0].lower_ in {"we", "they", "it", "i"}
        and any(c.dep_ == "nsubj" for c in speech.children)
    )


def evaluate(path: Path = DEFAULT_FILE, nlp: Any = None) -> Scores:
    """Score our events against the PETRARCH-2 gold file."""
    if nlp is None:
        from crosswire.nlp.entities.pipeline import build_nlp

        nlp = build_nlp()
    scores = Scores(0, 0, 0, 0, 0, 0)
    for sent in load_gold(path):
        scores.sentences += 1
        if not sent.events:
            continue
        scores.with_gold += 1
        doc, entities, places, events = analyse(nlp, sent.text, sent.date)
        best = best_event(doc, events)
        gold_roots = {g.code[:2] for g in sent.events}
        gold_actors = {g.source[:3] for g in sent.events}
        row: dict[str, Any] = {"id": sent.id, "gold": sorted(gold_roots), "ours": None}
        if best is not None:
            scores.predicted += 1
            root = sentence_root(doc, best, events)
            row.update(ours=root, trigger=best.trigger, subtype=best.subtype)
            scores.root_correct += root in gold_roots
            code = actor_code(best, entities, places, doc.text)
            row["actor"] = code
            if code is not None:
                scores.actor_scored += 1
                scores.actor_correct += code in gold_actors
        row["gold_actors"] = sorted(gold_actors)
        scores.rows.append(row)
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m crosswire.evaluate.events [--file F] [--rows]``."""
    parser = argparse.ArgumentParser(description="Score event mentions on PETRARCH-2 GSR.")
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--rows", action="store_true", help="print one line per sentence")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"E402 gold file not found: {args.file}")
        return 2
    s = evaluate(args.file)
    if args.rows:
        for row in s.rows:
            print(json.dumps(row, ensure_ascii=False))
    print(
        f"sentences {s.sentences}, with gold event {s.with_gold}, predicted {s.predicted}\n"
        f"root accuracy {s.root_accuracy:.3f} ({s.root_correct}/{s.with_gold})\n"
        f"actor match {s.actor_accuracy:.3f} ({s.actor_correct}/{s.actor_scored})"
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
