"""Speaker spans, speaker kinds and pronoun resolution for claims.

The speaker of a reporting verb is its grammatical subject, trimmed of
relative clauses, appositions and parentheticals so that "Moscow, a key
backer of Assad, said" yields "Moscow".  Pronoun speakers are resolved to the
nearest fitting earlier speaker (the previous claim's speaker is the most
salient antecedent in news prose), then to the nearest earlier PERSON/ORG
entity outside quotations; gender is not modelled.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from crosswire.nlp.claims.gender import clashes
from crosswire.nlp.core.doccache import doc_ents, doc_text

SpeakerKind = Literal["entity", "described", "pronoun"]

# Right-hand dependents kept in a speaker span ("The head *of the group*",
# "an estimate *by the tax committee*", "proponents *like Mr. Eisenbrey*").
_KEEP_RIGHT = {"prep", "case", "compound", "nummod", "pobj", "flat"}
_KEEP_PREPS = {"of", "in", "for", "at", "from", "with", "like", "by"}
_NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
# Closing quotation marks a speaker phrase never reaches back over.
_CLOSING = frozenset(["”", "''"])
_PERSONISH = {"PERSON"}
# How far back (characters) an antecedent may be.
_ANTECEDENT_WINDOW = 1500


@functools.lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, Any]:
    """Return the parsed ``cues.json`` data file (cached)."""
    raw = resources.files("crosswire.data").joinpath("cues.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@dataclass(frozen=True)
class Speaker:
    """A speaker mention: span as written, resolved text and kind."""

    start: int
    end: int
    text: str
    resolved_text: str
    kind: SpeakerKind
    # Head token index in the Doc; -1 when not from a token.
    head: int = -1
    # Whether the speaker (after resolution) is a person.
    person: bool = False
    lemma: str = ""


def speaker_span(tok: Any) -> tuple[int, int]:
    """Return (start_token, end_token_exclusive) of the speaker phrase headed by ``tok``."""
    left = tok.left_edge.i
    # Never reach back over a paragraph break (headlines, bylines).
    while left < tok.i and "\n" in doc_text(tok.doc)[tok.doc[left].idx : tok.idx]:
        left += 1
    # Nor over a closing quotation mark: the parse may hang the words of a
    # quotation on the name after it ("... hunky-dory,” Gene Sperling said").
    for t in tok.doc[left : tok.i]:
        if t.text in _CLOSING:
            left = t.i + 1
    # Drop leading punctuation/conjunctions the subtree may start with.
    while left < tok.i and (
        tok.doc[left].dep_ in ("punct", "cc", "preconj")
        or tok.doc[left].is_space
        or tok.doc[left].is_punct
    ):
        left += 1
    right = tok.i + 1
    for child in tok.rights:
        between = tok.doc[right : child.i]
        if child.dep_ not in _KEEP_RIGHT or any(t.is_punct for t in between):
            break
        if child.dep_ == "prep" and (
            child.lower_ not in _KEEP_PREPS
            or any(g.ent_type_ in ("DATE", "TIME") for g in child.children)
        ):
            break  # "Russia on Thursday": a time adjunct, not part of the name
        right = child.right_edge.i + 1
    # A possessor speaker ("the senator's claim") drops its "'s".
    while right - 1 > tok.i and (
        tok.doc[right - 1].is_punct or tok.doc[right - 1].lower_ in ("'s", "’s", "'", "’")
    ):
        right -= 1
    return left, right


_RELATIVE = frozenset(["who", "that", "which", "whom"])


def relative_antecedent(tok: Any) -> Any:
    """The noun a relative-pronoun subject stands for ("X, who said"), or None."""
    if tok.lower_ not in _RELATIVE or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i:
        return verb.head
    return None


def speaker_head(tok: Any) -> Any:
    """The token that names the speaker when the subject only points at it.

    A document with a possessor ("the union's Friday release said") is
      the possessor's voice: the union speaks, the release carries it.
    (A relative pronoun keeps its own span, see :func:`relative_antecedent`.)
    """
    if tok.lemma_.lower() in cue_lexicon()["document_nouns"]:
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
    return tok


def _entity_of(tok: Any) -> Any:
    """The named entity covering ``tok``, if it is a named speaker type."""
    if tok.ent_type_ in _NAMED:
        for ent in doc_ents(tok.doc):
            if ent.start <= tok.i < ent.end:
                return ent
    return None


def appositive_name(tok: Any) -> tuple[Any, Any] | None:
    """The name set in apposition to a described speaker, with its entity, or None.

    "A spokesman for the ministry, Lars Holm, said", "One pastor supporting
    Mr. Cruz, Darran Whiting of Liberty Baptist Church, said": the description
    is who the name is, and the name is who speaks.
    """
    for child in tok.rights:
        if child.dep_ != "appos" or child.pos_ != "PROPN":
            continue
        ent = _entity_of(child)
        if ent is not None and ent.label_ in ("PERSON", "ORG"):
            return child, ent
    return None


def describe_speaker(tok: Any) -> Speaker:
    """Build an unresolved :class:`Speaker` for the subject token ``tok``."""
    doc = tok.doc
    left, right = speaker_span(tok)
    start, end = doc[left].idx, doc[right - 1].idx + len(doc[right - 1])
    text = doc_text(doc)[start:end]
    lower = tok.lower_
    pronouns: dict[str, str] = cue_lexicon()["pronouns"]
    if tok.pos_ == "PRON" or lower in pronouns:
        return Speaker(start, end, text, text, "pronoun", tok.i, False, lower)
    ent = _entity_of(tok)
    # The small model tags lower-case "ministry" as PROPN; a name is capitalised.
    proper = tok.pos_ == "PROPN" and tok.text[:1].isupper()
    if ent is not None and (proper or ent.label_ in _PERSONISH):
        # The bare name is what fusion wants ("Peter Cook", not his title).
        return Speaker(start, end, text, ent.text, "entity", tok.i, ent.label_ in _PERSONISH, lower)
    if proper:
        return Speaker(start, end, text, text, "entity", tok.i, False, lower)
    named = appositive_name(tok)
    if named is not None:
        # "One pastor supporting Mr. Cruz, Darran Whiting, said": the span runs
        # on over the name, which is who speaks.
        child, name = named
        end = max(
            end,
            child.doc[speaker_span(child)[1] - 1].idx + len(child.doc[speaker_span(child)[1] - 1]),
        )
        text = doc_text(doc)[start:end]
        person = name.label_ in _PERSONISH
        return Speaker(start, end, text, name.text, "entity", tok.i, person, tok.lemma_.lower())
    person = tok.lemma_.lower() in ("source", "spokesman", "spokeswoman", "official", "minister")
    return Speaker(start, end, text, text, "described", tok.i, person, tok.lemma_.lower())


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def resolve(
    speaker: Speaker,
    doc: Any,
    previous: list[Speaker],
    quoted: list[tuple[int, int]],
) -> Speaker:
    """Resolve a pronoun or definite described speaker against earlier context.

    ``previous`` are the speakers of earlier claims in text order; ``quoted``
    are quotation spans whose entities are not antecedents (they belong to the
    quoted voice).  Returns ``speaker`` unchanged when nothing fits.
    """
    window_start = speaker.start - _ANTECEDENT_WINDOW
    recent = [s for s in previous if s.start >= window_start and s.start < speaker.start]
    if speaker.kind != "pronoun" and " " not in speaker.text and speaker.text[:1].isupper():
        # A bare surname repeats an earlier full name: "Reyes" -> "Tomas Reyes".
        for prev in reversed(previous):
            if prev.kind == "entity" and prev.resolved_text.split()[-1] == speaker.text:
                return _as(speaker, prev.resolved_text, "entity", prev.person)
        # Or the nearest earlier full-name PERSON mention that was not itself
        # a speaker ("Foreign Minister Sergei Lavrov challenged ...").
        full = None
        for ent in doc_ents(doc):
            if ent.start_char >= speaker.start:
                break
            words = ent.text.split()
            if ent.label_ == "PERSON" and len(words) > 1 and words[-1] == speaker.text:
                full = ent.text
        if full is not None:
            return _as(speaker, full, "entity", True)
    if speaker.kind == "described":
        # "the source said" after "a Syrian security source said": same source.
        if speaker.text.lower().startswith("the "):
            for prev in reversed(recent):
                if prev.kind == "described" and prev.lemma == speaker.lemma:
                    return _as(speaker, prev.resolved_text, "described", prev.person)
            named = titled_antecedent(speaker, doc, quoted)
            if named is not None:
                return _as(speaker, named.text, "entity", named.label_ in _PERSONISH)
        return speaker
    if speaker.kind != "pronoun":
        return speaker
    want = cue_lexicon()["pronouns"].get(speaker.lemma, "self")
    if want == "self":
        return speaker
    for prev in reversed(recent):
        if prev.kind == "pronoun":
            continue
        if want == "person" and clashes(prev.resolved_text, speaker.lemma, doc):
            continue  # "she said" after Tom Berg's claim: look further back
        if want == "person" and (prev.person or prev.kind == "described"):
            return _as(speaker, prev.resolved_text, prev.kind, True)
        if want == "org" and not prev.person:
            return _as(speaker, prev.resolved_text, prev.kind, False)
        if want == "any":
            return _as(speaker, prev.resolved_text, prev.kind, prev.person)
        break
    labels = {"person": {"PERSON"}, "org": {"ORG", "GPE", "NORP"}, "any": {"ORG", "NORP"}}[want]
    best = None
    for ent in doc_ents(doc):
        if ent.start_char >= speaker.start:
            break
        if ent.start_char < window_start or ent.label_ not in labels:
            continue
        if _inside(ent.start_char, quoted) or clashes(ent.text, speaker.lemma, doc):
            continue
        # Subjects are more salient antecedents than objects.
        is_subject = ent.root.dep_ in ("nsubj", "nsubjpass")
        if best is None or is_subject or not best[1]:
            best = (ent, is_subject)
    if best is None:
        return speaker
    return _as(speaker, best[0].text, "entity", want == "person")


def _as(speaker: Speaker, text: str, kind: SpeakerKind, person: bool) -> Speaker:
    return Speaker(
        speaker.start,
        speaker.end,
        speaker.text,
        text,
        kind,
        speaker.head,
        person,
        speaker.lemma,
    )


# Tokens before a name that may carry its title ("Surrey Mayor Doug McCallum").
_TITLE_REACH = 4


def _role_lemmas(ent: Any) -> set[str]:
    """Lower lemmas of the words that describe a named entity where it is named.

    Its own words ("Teamsters union"), the title words right before it in the
    same sentence ("Mayor Doug McCallum", "Professor Alan Reyes"), an
    apposition after it ("Doug McCallum, the mayor of Surrey") and the noun
    it is in apposition to ("the professor, Alan Reyes").
    """
    doc = ent.doc
    toks = list(ent)
    start = max(ent.sent.start, ent.start - _TITLE_REACH)
    for t in reversed(doc[start : ent.start]):
        if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP", "PRON", "DET"):
            break
        toks.append(t)
    root = ent.root
    toks += [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        toks.append(root.head)
    short: dict[str, str] = cue_lexicon()["title_abbreviations"]
    words = {t.lemma_.lower() for t in toks if t.pos_ in ("NOUN", "PROPN")}
    return words | {short[t.lower_] for t in toks if t.lower_ in short}


def titled_antecedent(speaker: Speaker, doc: Any, quoted: list[tuple[int, int]]) -> Any:
    """The named entity a definite description refers back to, or None.

    "The mayor said" after "Mayor Doug McCallum", "the lanky, bespectacled
    professor" after "Professor Alan Reyes": the nearest earlier PERSON (or
    ORG, for "the union", "the ministry") described with the description's
    head word, outside quotations.
    """
    if not speaker.lemma or speaker.head < 0:
        return None
    labels = _PERSONISH | {"ORG"}
    best = None
    for ent in doc_ents(doc):
        if ent.start_char >= speaker.start:
            break
        if ent.label_ not in labels or _inside(ent.start_char, quoted):
            continue
        if ent.label_ == "ORG" and speaker.lemma not in {t.lemma_.lower() for t in ent}:
            continue  # an organisation is "the union" only when its name says so
        if speaker.lemma in _role_lemmas(ent):
            best = ent
    return best


def through(named: Speaker, tok: Any) -> Speaker:
    """``named`` with its span run on to the word ``tok`` that stands for it.

    "Ana Ruiz, who said ...": the claim (and a quotation after it) is Ana
    Ruiz's, written "Ana Ruiz, who": the name and the pronoun that carries it.
    """
    start, end = min(named.start, tok.idx), max(named.end, tok.idx + len(tok))
    return Speaker(
        start,
        end,
        doc_text(tok.doc)[start:end],
        named.resolved_text,
        named.kind,
        named.head,
        named.person,
        named.lemma,
    )
