"""Entities and actors: who and what an article names, resolved to one entity each.

``build_nlp()`` is the analysis pipeline: the packaged spaCy model with an
``entity_ruler`` in front of its NER, fed by the curated lexicons (actors,
weapons, platforms, gazetteer-supplement toponyms). ``find_entities(doc)``
then groups the mentions of one article into entities:

* lexicon actors by their id ("IS", "Daesh", "Islamic State" are one);
* people by surname ("Sergei Lavrov" ... "Lavrov");
* descriptions from the lexicon ("Russia's top diplomat");
* other names by their normalised text.

Each entity gets a type, a role when the text gives one ("Foreign Minister"
before the name, or an apposition after it) and an affiliation (country and
category) from the lexicon or from the role's nationality word.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from crosswire.nlp.core.attributes import use_table_ruler
from crosswire.nlp.core.model import MODEL_PACKAGE
from crosswire.nlp.entities.lexicon import (
    PLATFORM,
    WEAPON,
    Actor,
    Lexicon,
    load_lexicon,
    ruler_patterns,
)
from crosswire.nlp.entities.repair import add_entity_repair
from crosswire.nlp.entities.ruler import match_words_by_phrase

# spaCy labels that name actors (places are handled by crosswire.nlp.places.mentions).
ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
THING_LABELS = {WEAPON, PLATFORM}
_TITLE_WORDS = re.compile(r"^(Mr|Mrs|Ms|Dr|Sir|President|General|Gen|Colonel|Col|Senator)\.?$")


@dataclass(frozen=True)
class Mention:
    """A span of the article text: ``text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass
class Entity:
    """One entity of one article, with every mention of it."""

    id: str
    name: str
    type: str
    label: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    country: str | None = None
    category: str | None = None
    lexicon_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def build_nlp() -> Any:
    """The analysis pipeline (loaded once per process): spaCy model + lexicon ruler."""
    import importlib

    module = importlib.import_module(MODEL_PACKAGE)
    nlp = module.load()
    # Same annotations as the model's attribute_ruler in a fraction of the time.
    use_table_ruler(nlp)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(ruler_patterns(load_lexicon()))
    match_words_by_phrase(nlp, ruler)
    add_entity_repair(nlp)
    return nlp


def find_entities(doc: Any, lexicon: Lexicon | None = None) -> list[Entity]:
    """Group the actor, weapon and platform mentions of ``doc`` into entities."""
    lex = lexicon or load_lexicon()
    entities: dict[str, Entity] = {}
    surnames: dict[str, str] = {}
    shortforms: dict[str, str] = {}
    spans = [e for e in doc.ents if e.label_ in ACTOR_LABELS | THING_LABELS]
    # Full names first so that a later (or earlier) bare surname finds its person,
    # and "Brigades" finds "the Northern Brigades".
    for span in spans:
        if span.ent_id_ or len(_name_tokens(span.text)) < 2:
            continue
        if span.label_ == "PERSON":
            surnames.setdefault(_name_tokens(span.text)[-1], "person:" + _norm(span.text))
        elif span.label_ == "ORG":
            last = _norm(span.text).split()[-1]
            shortforms.setdefault("org:" + last, "org:" + _norm(span.text))
    for span in spans:
        key, actor = _key(span, lex, surnames, shortforms)
        if key is None:
            continue
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = _new_entity(key, span, actor, lex)
        elif len(span.text) > len(entity.name) and actor is None and span.label_ == entity.label:
            entity.name = span.text
        entity.mentions.append(Mention(span.start_char, span.end_char, span.text))
        if span.text not in entity.aliases:
            entity.aliases.append(span.text)
        if entity.role is None and span.label_ == "PERSON":
            entity.role = _role(span, lex)
            if entity.role and entity.country is None:
                entity.country = _country_in(entity.role, lex)
    return list(entities.values())


def _key(
    span: Any, lex: Lexicon, surnames: dict[str, str], shortforms: dict[str, str]
) -> tuple[str | None, Actor | None]:
    if span.ent_id_ and span.ent_id_ in lex.actors:
        return "actor:" + span.ent_id_, lex.actors[span.ent_id_]
    actor = lex.actor_for(span.text)
    if actor is None and span.label_ == "NORP":
        actor_id = lex.by_demonym.get(span.text)
        actor = lex.actors[actor_id] if actor_id else None
        if actor is None:
            return None, None  # "Kurdish", "Islamist": descriptive, not an actor
    if actor is not None:
        return "actor:" + actor.id, actor
    if span.label_ in THING_LABELS:
        return f"{span.label_.lower()}:{_norm(span.text)}", None
    if span.label_ == "GPE":
        return None, None  # unknown places go to crosswire.nlp.places.mentions, not actors
    if all(w in lex.descriptors for w in _norm_words(span.text)):
        return None, None  # "Takfiri", "terrorists": a description, counted by framing
    if span.label_ == "PERSON":
        tokens = _name_tokens(span.text)
        if len(tokens) == 1 and tokens[0] in surnames:
            return surnames[tokens[0]], None
        return "person:" + _norm(span.text), None
    key = "org:" + _norm(span.text)
    return shortforms.get(key, key), None


def _new_entity(key: str, span: Any, actor: Actor | None, lex: Lexicon) -> Entity:
    if actor is not None:
        return Entity(
            id=key,
            name=actor.name,
            type=actor.type,
            label=span.label_,
            role=actor.role,
            country=actor.country,
            category=actor.category,
            lexicon_id=actor.id,
        )
    entity_type, category = _guess_type(span, lex)
    name = re.sub(r"^(the|The)\s+", "", span.text)
    return Entity(id=key, name=name, type=entity_type, label=span.label_, category=category)


def _guess_type(span: Any, lex: Lexicon) -> tuple[str, str | None]:
    """Type an unknown name from its label and the word lists in actors.json."""
    if span.label_ == WEAPON:
        return "weapon", None
    if span.label_ == PLATFORM:
        return "platform", None
    if span.label_ == "PERSON":
        return "person", None
    words = span.text.split()
    if any(w in lex.jihadist_words for w in words) and any(w in lex.group_heads for w in words):
        return "jihadist_group", "jihadist"
    if any(w in lex.monitor_words for w in words) or any(p in span.text for p in lex.monitor_words):
        return "monitor", "civil_society"
    if any(p in span.text for p in lex.state_body_words):
        return "state_body", "state"
    if words and words[-1] in lex.group_heads:
        return "armed_group", None
    if words and words[-1] in lex.media_heads:
        return "media", "media"
    return "organisation", None


def _role(span: Any, lex: Lexicon) -> str | None:
    """The title words just before a person's name, or an apposition just after."""
    doc = span.doc
    i = span.start - 1
    words: list[str] = []
    while i >= 0 and i >= span.start - 6:
        token = doc[i]
        stop = token.is_punct or token.pos_ in {"VERB", "AUX", "ADP", "DET", "CCONJ", "PRON"}
        if stop and token.text not in {"'s", "’s"}:
            break
        if token.ent_type_ == "PERSON" and token.ent_iob_ != "O" and words:
            break
        words.insert(0, token.text)
        i -= 1
    while words and words[0].lower() not in lex.role_nouns and not words[0][:1].isupper():
        words.pop(0)
    prefix = " ".join(words).replace(" 's", "'s").replace(" ’s", "’s").strip()
    if not any(w.lower().strip("'’s") in lex.role_nouns for w in prefix.split()):
        prefix = ""
    # apposition: "Dmitry Peskov, the Kremlin spokesman," / ", a spokeswoman for the group"
    appos = ""
    end = span.end
    if end + 2 < len(doc) and doc[end].text == ",":
        tail = []
        for token in doc[end + 1 : end + 9]:
            if token.is_punct or token.pos_ in {"VERB", "AUX"}:
                break
            tail.append(token.text)
        if tail and tail[0].lower() in {"the", "a", "an"}:
            tail = tail[1:]
        if tail and any(w.lower() in lex.role_nouns for w in tail[:3]):
            appos = " ".join(tail)
    return ", ".join(p for p in (prefix, appos) if p) or None


def _country_in(role: str, lex: Lexicon) -> str | None:
    for word in re.findall(r"[A-Z][\w-]+", role):
        actor_id = lex.by_demonym.get(word) or lex.by_alias.get(word)
        if actor_id and lex.actors[actor_id].country:
            return lex.actors[actor_id].country
    return None


def _name_tokens(text: str) -> list[str]:
    tokens = [t for t in re.split(r"\s+", text.strip()) if t and not _TITLE_WORDS.match(t)]
    return [t.rstrip("’'s") if t.endswith(("'s", "’s")) else t for t in tokens]


def _norm_words(text: str) -> list[str]:
    return re.sub(r"^(the|The)\s+", "", text.strip()).split()


def _norm(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    text = re.sub(r"[’']s$", "", text)
    return re.sub(r"\s+", " ", text).casefold()
