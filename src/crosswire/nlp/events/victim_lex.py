"""The victims lexicon (``data/victims.json``), the count record and the helpers
that read victims off nouns ("the fatal shooting of a boy", "in critical condition").

Split from :mod:`crosswire.nlp.events.victims`, which reads counts off verbs and
adjectives and is the one entry point (``count_victims``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.datafiles import read_json

__all__ = ["VictimCount"]


@dataclass(frozen=True)
class VictimCount:
    """People affected by one outcome in one clause.

    ``outcome`` is "killed", "injured" or "shot"; ``kind`` "civilian",
    "security", "combatant", "perpetrator" or "total" (a death toll: everyone,
    whatever their side); ``value`` None for an unknown plural ("they were hurt");
    ``name`` a key for a named victim (counted once per article); ``start``/``end``
    the victim phrase in the text.
    """

    outcome: str
    kind: str
    value: float | None
    low: float | None
    high: float | None
    name: str | None
    start: int
    end: int
    clause: int = 0
    by_other: bool = False  # the object of someone's act ("shot his wife"), not a self-harm
    age: int | None = None  # "the 56-year-old", "John Smith, 24": tells one victim from another
    # one person told by who ("a man", "he", "John Smith"), not by a count ("one man",
    # "four people", "the victims"): such statements need not tell of every victim
    singly: bool = False
    # who the one person told singly is: "he" ("he", "him", "himself") or "she", a person noun's
    # lemma ("boy", "victim"), "other" when told apart ("a second man", "another
    # victim"), "rest" for the one left of a pair ("the other victim"); None for counts.
    # Tells a dead victim told again from another person
    who: str | None = None
    # more people than told before ("another man", "was shot too"); "a third victim": nth 3
    more: bool = False
    nth: int = 0


@dataclass(frozen=True)
class _Lex:
    verbs: dict[str, str]
    death_nouns: frozenset[str]
    dead: frozenset[str]
    injured_adj: frozenset[str]
    fatal: frozenset[str]
    be_verbs: frozenset[str]
    hedges: frozenset[str]
    plural_pron: frozenset[str]
    singular_pron: frozenset[str]
    reflexives: dict[str, int | None]
    pairs: dict[str, int]
    kind_of: dict[str, str]
    people: frozenset[str]
    care_verbs: frozenset[str]
    care_places: frozenset[str]
    care_units: frozenset[str]
    care_unit_heads: frozenset[str]
    care_unit_words: frozenset[str]
    care_wounds: frozenset[str]
    attack_nouns: dict[str, str]
    fatal_adj: frozenset[str]
    conditions: frozenset[str]
    suffer_verbs: frozenset[str]
    suffer_wounds: frozenset[str]
    suffer_mild: frozenset[str]
    suffer_fatal: frozenset[str]
    claim_verbs: frozenset[str]
    rejecting_verbs: frozenset[str]


@functools.lru_cache(maxsize=1)
def _lex() -> _Lex:
    raw: dict[str, Any] = read_json("victims.json")
    kinds = {w: k for k, words in raw["kinds"].items() if not k.startswith("_") for w in words}
    return _Lex(
        verbs={k: v for k, v in raw["outcome_verbs"].items() if not k.startswith("_")},
        death_nouns=frozenset(raw["death_nouns"]),
        dead=frozenset(raw["dead_words"]),
        injured_adj=frozenset(raw["injured_adjectives"]),
        fatal=frozenset(raw["fatal_adverbs"]),
        be_verbs=frozenset(raw["be_verbs"]),
        hedges=frozenset(raw["modal_hedges"]),
        plural_pron=frozenset(raw["plural_unknown_pronouns"]),
        singular_pron=frozenset(raw["singular_pronouns"]),
        reflexives=dict(raw["reflexives"]),
        pairs=dict(raw["pair_words"]),
        kind_of=kinds,
        people=frozenset(raw["people"]) | frozenset(kinds),
        care_verbs=frozenset(raw["carried_to_care"]["verbs"]),
        care_places=frozenset(raw["carried_to_care"]["places"]),
        care_units=frozenset(raw["carried_to_care"]["units"]),
        care_unit_heads=frozenset(raw["carried_to_care"]["unit_heads"]),
        care_unit_words=frozenset(raw["carried_to_care"]["unit_words"]),
        care_wounds=frozenset(raw["carried_to_care"]["wounds"]),
        attack_nouns={k: v for k, v in raw["attack_nouns"].items() if not k.startswith("_")},
        fatal_adj=frozenset(raw["fatal_adjectives"]),
        conditions=frozenset(raw["conditions"]["words"]),
        suffer_verbs=frozenset(raw["suffered_wounds"]["verbs"]),
        suffer_wounds=frozenset(raw["suffered_wounds"]["wounds"]),
        suffer_mild=frozenset(raw["suffered_wounds"]["mild"]),
        suffer_fatal=frozenset(raw["suffered_wounds"]["fatal"]),
        claim_verbs=frozenset(raw["disputed_self_harm"]["claim_verbs"]),
        rejecting_verbs=frozenset(raw["disputed_self_harm"]["rejecting_verbs"]),
    )


def _lemma(tok: Any) -> str:
    return str(tok.lemma_).lower()


def _kids(tok: Any, deps: Iterable[str]) -> list[Any]:
    wanted = set(deps)
    return [c for c in tok.children if c.dep_ in wanted]


# one more person told apart: "another", "a third"
ORDINALS = frozenset({"another", "second", "third", "fourth", "fifth"})
_STATE_VERBS = frozenset({"find", "pronounce", "declare", "report", "confirm", "leave"})


def _subjects(verb: Any) -> list[Any]:
    """Subjects of a verb, climbing through conjoined verbs ("was shot and died")."""
    seen = 0
    while seen < 4:
        # "The woman remained hospitalized": the parser may hang the subject on the
        # auxiliary ("remained") rather than on the participle
        subs = _kids(verb, {"nsubj", "nsubjpass"}) or [
            s for a in _kids(verb, {"aux", "auxpass"}) for s in _kids(a, {"nsubj", "nsubjpass"})
        ]
        # "Two men were killed and a third critically injured": the ordinal (parsed as
        # a modifier of the verb) is the subject, not the conjoined verb's "two men"
        subs = subs or [c for c in verb.children if c.dep_ == "npadvmod" and c.lower_ in ORDINALS]
        if subs:
            return subs
        if verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
            seen += 1
            continue
        if verb.dep_ in {"ccomp", "xcomp", "oprd"} and _lemma(verb.head) in _STATE_VERBS:
            verb = verb.head  # "was found fatally shot", "was pronounced dead"
            seen += 1
            continue
        if verb.dep_ == "acl":  # "a man killed in the crash", "two people injured"
            return [verb.head]
        return []
    return []


def _fatal(tok: Any, lex: _Lex) -> bool:
    return any(c.dep_ == "amod" and c.lower_ in lex.fatal_adj for c in tok.children)


def _attack_noun(tok: Any, lex: _Lex) -> tuple[str, list[Any]]:
    """ "the fatal shooting of a 16-year-old boy", "Amari Brown's killing": the
    of-object or possessor is the victim; killed when the noun says so."""
    outcome = lex.attack_nouns[tok.lower_]
    if _fatal(tok, lex):
        outcome = "killed"
    victims = [g for c in _kids(tok, {"prep"}) if c.lower_ == "of" for g in _kids(c, {"pobj"})]
    # "a Father's Day shooting": a possessor whose "'s" is followed by a word that
    # modifies the noun names a day, not a victim
    victims += [
        c
        for c in tok.children
        if c.dep_ == "poss"
        and c.pos_ in {"PROPN", "NOUN"}
        and not any(m.dep_ == "compound" and c.i < m.i < tok.i for m in tok.children)
    ]
    return outcome, victims


def _at_least_one(tok: Any) -> VictimCount:
    end = tok.idx + len(tok.text)
    # "at least one" says nothing of how many in all, like "a man"
    return VictimCount(
        "killed", "civilian", 1, 1, None, None, tok.idx, end, int(tok.i), singly=True
    )


def _in_condition(tok: Any, lex: _Lex) -> list[Any]:
    """ "is listed in critical condition", "a man in stable condition": who is hurt."""
    if not any(c.dep_ == "amod" and c.lower_ in lex.conditions for c in tok.children):
        return []
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "in" or prep.head.i == prep.i:
        return []
    holder = prep.head
    if holder.pos_ in {"VERB", "AUX"}:
        return _subjects(holder)
    return [holder] if holder.pos_ in {"NOUN", "PROPN", "PRON"} else []


_STAYS = frozenset({"remain", "be", "stay", "lie", "spend"})


def _care_place(tok: Any, lex: _Lex) -> bool:
    """A place of care: "the hospital", "the ICU", "the intensive care unit", "intensive
    care", "the trauma unit" (a unit or ward only with a word of care)."""
    lemma = _lemma(tok)
    if lemma in lex.care_places or tok.lower_ in lex.care_units:
        return True
    return lemma in lex.care_unit_heads and any(
        _lemma(c) in lex.care_unit_words for c in tok.children if c.dep_ in {"amod", "compound"}
    )


def _in_care(tok: Any, lex: _Lex) -> list[Any]:
    """ "her mother remains in the hospital", "he spent Christmas in the intensive care
    unit": a person kept in care is hurt (alive)."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "in" or prep.head.i == prep.i:
        return []
    holder = prep.head
    if holder.pos_ in {"ADJ", "NOUN"} and holder.dep_ in {"dobj", "acomp", "oprd", "xcomp"}:
        holder = holder.head  # "spent Christmas lying motionless in the ICU"
    if holder.pos_ not in {"VERB", "AUX"} or _lemma(holder) not in _STAYS:
        return []
    if holder.dep_ == "xcomp" and not _kids(holder, {"nsubj", "nsubjpass"}):
        return _subjects(holder.head)  # "he spent the weekend lying in the ICU"
    return _subjects(holder)


def _suicide(tok: Any) -> bool:
    """ "turned the gun on himself", "took his own life", "committed suicide"."""
    lemma = _lemma(tok)
    if lemma == "turn" and any(
        c.dep_ == "prep"
        and c.lower_ == "on"
        and any(g.lower_ in {"himself", "herself"} for g in c.children)
        for c in tok.children
    ):
        return True
    if lemma == "take" and any(
        _lemma(o) == "life" and any(c.lower_ == "own" for c in o.children)
        for o in _kids(tok, {"dobj"})
    ):
        return True
    return lemma == "commit" and any(_lemma(o) == "suicide" for o in _kids(tok, {"dobj"}))


def _to_care(tok: Any, lex: _Lex) -> bool:
    """ "was taken to the hospital", "sent four men to the hospital"."""
    if _lemma(tok) not in lex.care_verbs:
        return False
    return _treated_for_wounds(tok, lex) or any(
        c.dep_ == "prep"
        and c.lower_ in {"to", "at"}
        and any(_care_place(g, lex) for g in c.children)
        for c in tok.children
    )


def _treated_for_wounds(tok: Any, lex: _Lex) -> bool:
    """ "three are being treated for non-life threatening wounds": alive and hurt."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "for"
        and any(_lemma(g) in lex.care_wounds for g in c.children)
        for c in tok.children
    )


def _age(num: Any) -> bool:
    """ "the 3-year-old son": the numeral is an age, not how many."""
    after = [t.lower_ for t in num.doc[num.i + 1 : num.i + 3]]
    return bool(after) and (after[0].startswith("year") or after[-1:] == ["year"])


def _dies(noun: Any, lex: _Lex) -> bool:
    """The noun is the subject of a death ("... died", "... was killed", "is dead")."""
    if noun.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = noun.head
    if lex.verbs.get(_lemma(verb)) == "killed":
        return True
    return any(c.lower_ in lex.dead for c in verb.children)


def _reduced_passive(tok: Any) -> bool:
    """ "one person was killed and five others injured": a participle with a subject
    but no auxiliary or object of its own is a passive whose "were" is left out."""
    kids = {c.dep_ for c in tok.children}
    return bool(
        "nsubj" in kids and not kids & {"aux", "auxpass", "dobj", "obj"} and tok.dep_ != "ROOT"
    )


def _age_after_name(tok: Any) -> bool:
    """ "Calvin Williams, 24 was shot": a bare number right after a name and a comma
    is the named person's age (the name counts them), not a second group of victims."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != ",":
        return False
    before = doc[tok.i - 2]
    if before.ent_type_ in {"DATE", "TIME"}:
        return False  # "shot early Sunday, one of them fatally": a day, not a name
    return bool(before.pos_ == "PROPN" or before.ent_type_ == "PERSON")


def _full_name(tok: Any) -> str:
    """ "Melody Cerros": the name's words (its compound names and the head), lower-cased;
    :func:`~crosswire.nlp.events.tally.tally` takes names sharing a word for one person."""
    parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
    return " ".join(t.lower_ for t in (*parts, tok))


def _child_self_harm(verb: Any, victims: Sequence[Any], lex: _Lex) -> bool:
    """Someone who is not called a perpetrator harmed only themself ("a 4-year-old boy
    shot himself", "Amirra picked up a gun, before killing herself"): kind ``self``,
    which :func:`~crosswire.nlp.events.tally.tally` counts as the victim unless the
    incident also has someone else's victims (a murder-suicide)."""
    # "shot himself dead center in the chest": a body part is no second victim
    victims = [v for v in victims if not (v.pos_ == "NOUN" and _lemma(v) not in lex.people)]
    if not victims or not all(v.lower_ in lex.reflexives for v in victims):
        return False
    return not any(lex.kind_of.get(_lemma(s)) == "perpetrator" for s in _subjects(verb))


def _passed_away(tok: Any) -> bool:
    """ "The man later passed away at the medical center": a death."""
    if _lemma(tok) != "pass" or _kids(tok, {"dobj", "obj"}):
        return False  # "passed the ball away"
    return any(c.dep_ in {"prt", "advmod"} and c.lower_ == "away" for c in tok.children)


def _suffered_wounds(tok: Any, lex: _Lex) -> str | None:
    """ "suffered a minor hand injury" (injured), "sustained a gunshot wound" (shot:
    hurt, final state open), "suffered fatal wounds" (killed); None when the verb
    is not one of these. "Both were dead, having suffered gunshot wounds" and "all
    three had suffered gunshot wounds" tell how the dead found died (None): the
    perfect forms, and a clause hanging on a death."""
    if _lemma(tok) not in lex.suffer_verbs:
        return None
    wounds = [o for o in _kids(tok, {"dobj", "obj"}) if _lemma(o) in lex.suffer_wounds]
    if not wounds or any(c.dep_ == "aux" and c.lower_ in {"having", "had"} for c in tok.children):
        return None
    head = tok.head
    death = lex.verbs.get(_lemma(head)) == "killed" or any(
        c.lower_ in lex.dead for c in head.children
    )
    if tok.dep_ in {"advcl", "conj"} and head.i != tok.i and death:
        return None
    mods = {t.lower_ for w in wounds for t in w.subtree if t.i < w.i}  # "a minor hand injury"
    if mods & lex.suffer_fatal:
        return "killed"
    return "injured" if mods & lex.suffer_mild else "shot"


def _victim_age(victim: Any) -> int | None:
    """The age a victim phrase gives one person ("a 7-year-old girl", "the 56-year-old",
    "John Smith, 24,"), None when it gives none."""
    doc = victim.doc
    for t in doc[victim.left_edge.i : victim.i + 1]:
        if t.like_num and _age(t):
            return _small_int(t.text)
    for c in victim.children:
        if c.dep_ == "appos" and c.like_num:
            return _small_int(c.text)
    return None


def _small_int(text: str) -> int | None:
    return int(text) if text.isdigit() and 0 < int(text) < 120 else None


def _disputed(verb: Any, lex: _Lex) -> bool:
    """The outcome is told only as a claim ("initially claiming the child shot himself")
    or as reports ruled out ("ruled out initial reports that the boy shot himself")."""
    cur = verb
    for _ in range(3):
        head = cur.head
        if head.i == cur.i:
            return False
        # the outcome is the claim's content, not a clause beside it ("claimed the
        # lives of three people before he shot himself")
        if cur.dep_ == "ccomp" and _lemma(head) in lex.claim_verbs:
            # someone else's self-harm the claimer tells ("claiming the child shot
            # himself", "claimed his brother was playing with a gun when he shot
            # himself"), not the claimer's own ("claimed he shot himself by accident")
            return cur is not verb or not any(s.pos_ == "PRON" for s in _subjects(verb))
        if head.pos_ == "NOUN" and _lemma(head) in {"report", "claim"}:
            return head.dep_ in {"dobj", "obj"} and _lemma(head.head) in lex.rejecting_verbs
        cur = head
    return False
