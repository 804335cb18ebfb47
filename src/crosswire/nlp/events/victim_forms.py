"""How hurt people are phrased: forms of the victims' outcome beyond a verb and its subject.

Split from :mod:`crosswire.nlp.events.victims` and ``victim_lex`` (session 10):
"four people are recovering from gunshot wounds", "were treated and released",
"taken to the hospital with minor injuries", "two people were shot, one
fatally", "a total of five people were wounded", "one of four people shot",
"pronounced him dead", "left a man with gunshot wounds"; what is no victim (a
dateline parsed as a subject, "MILWAUKEE -- A girl was shot"; a caption's
label); and who a victim phrase is (a pronoun resolved to the one person its
governing clause tells of, a relative pronoun, the object of the harm). Rules
and examples: docs/events.md (Victims).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from crosswire.nlp.events.victim_lex import _care_place, _kids, _lemma, _Lex

# what ends a dateline: "MILWAUKEE -- A girl", "NEW HAVEN>> One woman", "DAYTON — Two men"
_DATELINE_MARKS = ("--", "—", "–", "-", ">", ":", "(")
_RELEASE = frozenset({"release", "discharge"})
_NAMES = frozenset({"PROPN", "NOUN"})  # an upper-case town may be tagged either way
_RECOVER = frozenset({"recover"})  # "recovering from gunshot wounds": alive and hurt
_FROM_WOUNDS = frozenset({"suffer", "recover"})  # "suffering from gunshot wounds"


def _pobjs(tok: Any, preps: Iterable[str]) -> list[Any]:
    """Objects of ``tok``'s prepositions spelt as one of ``preps`` (lower case):
    "recovering from gunshot wounds" gives "wounds" for ``{"from"}``."""
    wanted = set(preps)
    return [g for c in _kids(tok, {"prep"}) if c.lower_ in wanted for g in _kids(c, {"pobj"})]


def dateline(tok: Any) -> bool:
    """The place a story is filed from, upper-case at the start of its sentence and
    followed by a dash or arrows ("MILWAUKEE -- A two-month-old girl was shot",
    "NEW HAVEN>> One woman is dead"): the parser may take it for the subject, but it
    is no victim; nor is a caption's label ("Gallery: ...")."""
    text = str(tok.text)
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if tok.i == tok.sent.start and nxt is not None and nxt.text == ":":
        return True  # "Gallery: Jon Reed, 10, stands where he was hit": a caption's label
    if tok.pos_ not in _NAMES or not text.isupper() or not text.isalpha() or len(text) < 3:
        return False
    sent = tok.sent
    if tok.i - sent.start > 3 or any(
        t.pos_ != "PUNCT" and not (t.pos_ in _NAMES and t.text.isupper())
        for t in tok.doc[sent.start : tok.i]
    ):
        return False
    for t in tok.doc[tok.i + 1 : min(tok.i + 5, sent.end)]:
        if str(t.text).startswith(_DATELINE_MARKS):
            return True
        if t.pos_ not in _NAMES and t.text not in {",", "."}:
            return False
    return False


def of_whole(tok: Any) -> Any | None:
    """ "A total of five people, including the bartender, were wounded": the people
    the total is of stand for the victims (None when ``tok`` is no such total)."""
    if _lemma(tok) not in {"total", "number"} or tok.pos_ != "NOUN":
        return None
    if _lemma(tok) == "number" and not any(c.lower_ == "total" for c in tok.children):
        return None  # "a number of people" says not how many
    return next(iter(_pobjs(tok, {"of"})), None)


def wounds_from(tok: Any, lex: _Lex) -> str | None:
    """ "four people are recovering from gunshot wounds" (injured: alive), "found three
    people suffering from gunshot wounds" (shot: hurt, final state open, unless a mild
    or fatal word says more); None when the verb is not one of these."""
    lemma = _lemma(tok)
    if lemma not in _FROM_WOUNDS or any(c.lower_ == "had" for c in _kids(tok, {"aux"})):
        return None
    wounds = [g for g in _pobjs(tok, {"from"}) if _lemma(g) in lex.suffer_wounds]
    if not wounds:
        return None
    mods = {t.lower_ for w in wounds for t in w.subtree if t.i < w.i}
    if lemma in _RECOVER or mods & lex.suffer_mild:
        return "injured"
    return "killed" if mods & lex.suffer_fatal else "shot"


def released(tok: Any, lex: _Lex) -> bool:
    """ "Two men were treated and released", "two of the victims were released from the
    hospital": a person let go after care is alive and hurt."""
    lemma = _lemma(tok)
    if lemma in _RELEASE:
        return any(_care_place(g, lex) for g in _pobjs(tok, {"from"}))
    if lemma != "treat":
        return False
    return any(c.dep_ == "conj" and _lemma(c) in _RELEASE for c in tok.children)


def left_with_wounds(tok: Any, lex: _Lex) -> tuple[str, list[Any]] | None:
    """ "The gunfire left Oscar Diaz, 23, with gunshot wounds": the people left with
    wounds are hurt (final state open, unless a mild or fatal word says more)."""
    if _lemma(tok) != "leave":
        return None
    wounds = [g for g in _pobjs(tok, {"with"}) if _lemma(g) in lex.suffer_wounds]
    victims = _kids(tok, {"dobj"})
    if not wounds or not victims:
        return None
    mods = {t.lower_ for w in wounds for t in w.subtree if t.i < w.i}
    if mods & lex.suffer_mild:
        return "injured", victims
    return ("killed" if mods & lex.suffer_fatal else "shot"), victims


def mild_wounds(tok: Any, lex: _Lex) -> bool:
    """ "was taken to a hospital with minor injuries", "was transported with
    non-life-threatening wounds": the care verb (or its place) holds a mild wound,
    alive and hurt."""
    holders = [tok, *(g for c in _kids(tok, {"prep"}) for g in _kids(c, {"pobj"}))]
    for h in holders:
        for c in _kids(h, {"prep"}):
            if c.lower_ != "with":
                continue
            for w in _kids(c, {"pobj"}):
                if _lemma(w) not in lex.care_wounds and _lemma(w) not in lex.suffer_wounds:
                    continue
                if {t.lower_ for t in w.subtree if t.i < w.i} & lex.suffer_mild:
                    return True
    return False


def fatal_part(tok: Any, lex: _Lex) -> list[Any]:
    """ "Two people were shot, one fatally": the number of those shot who died (the
    shot still count everyone hit)."""
    return [
        c
        for c in _kids(tok, {"npadvmod", "appos", "advmod", "conj"})
        if c.pos_ == "NUM" and any(g.lower_ in lex.fatal for g in c.children)
    ]


def declared_dead(head: Any) -> bool:
    """ "hospital personnel pronounced him dead", "doctors declared her dead": the
    object is the dead person, not the subject who declares it."""
    return _lemma(head) in {"pronounce", "declare"} and bool(_kids(head, {"dobj"}))


def reduced_relative(tok: Any, lex: _Lex) -> bool:
    """ "one of four people shot Saturday": a participle hanging on a person noun (the
    tagger may read it as a past tense) whose "who were" is left out."""
    head = tok.head
    return bool(
        tok.dep_ == "acl"
        and tok.tag_ in {"VBD", "VBN"}
        and not _kids(tok, {"dobj", "obj", "nsubj"})
        and head.pos_ in {"NOUN", "PRON", "NUM"}
        and (_lemma(head) in lex.people or head.pos_ == "NUM")
    )


_ALIVE = frozenset({"survive", "recover", "live"})


def survives(tok: Any) -> bool:
    """ "was shot in the leg and is expected to survive", "was shot but survived": the
    person shot is alive and hurt."""
    for c in tok.children:
        if c.dep_ != "conj":
            continue
        if _lemma(c) in _ALIVE and not any(g.dep_ == "neg" for g in c.children):
            return True
        if _lemma(c) == "expect" and any(_lemma(x) in _ALIVE for x in _kids(c, {"xcomp"})):
            return True
    return False


def listed_apart(victim: Any, lex: _Lex) -> list[Any]:
    """ "The victims, a 22-year-old man and a 19-year-old woman,": the people a plural
    victim noun's apposition lists (empty when it lists none)."""
    for a in _kids(victim, {"appos"}):
        people = [a, *a.conjuncts]
        if len(people) > 1 and all(p.pos_ == "PROPN" or _lemma(p) in lex.people for p in people):
            return people
    return []


_SHE = frozenset({"she", "her"})
_HE = frozenset({"he", "him"})
FEMALE = frozenset(
    {"woman", "girl", "mother", "mom", "daughter", "sister", "wife", "girlfriend", "female"}
    | {"grandmother", "granddaughter", "niece", "aunt", "stepmother", "stepdaughter"}
)
MALE = frozenset(
    {"man", "boy", "father", "dad", "son", "brother", "husband", "boyfriend", "male"}
    | {"grandfather", "grandson", "nephew", "uncle", "stepfather", "stepson"}
)
# clauses that go on telling of the subject of the clause they hang on
_GOES_ON = frozenset({"relcl", "advcl", "conj", "pobj", "prep"})


def antecedent(v: Any, lex: _Lex) -> Any | None:
    """Who a pronoun subject is when its clause goes on telling of the one person its
    governing clause is about: "Daniels was taken to a hospital where he later died",
    "the child was taken to Comer Children's Hospital, where he was pronounced dead"
    (the subject of the governing clause, a name or a singular person noun of the
    pronoun's gender; never the speaker of a reported clause, "police said he died");
    None otherwise."""
    low = v.lower_
    if low not in _SHE | _HE or v.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    cur = v.head
    for _ in range(5):
        if cur.dep_ not in _GOES_ON | {"ccomp"} or cur.head.i == cur.i:
            return None
        told = cur.dep_ == "ccomp"  # "where staff confirmed she was": not the speaker
        cur = cur.head
        if cur.pos_ not in {"VERB", "AUX"} or told:
            continue
        subs = [s for s in _kids(cur, {"nsubj", "nsubjpass"}) if s.i != v.i]
        if not subs:
            continue
        s = subs[0]
        lemma = _lemma(s)
        if s.tag_ == "NNP" and s.ent_type_ in {"PERSON", "ORG", ""}:  # names read as firms
            return s
        if s.tag_ != "NN" or lemma not in lex.people:
            return None
        if (low in _HE and lemma in FEMALE) or (low in _SHE and lemma in MALE):
            return None
        return s
    return None


def _numbered(v: Any) -> bool:
    """The victim phrase is a count: "one", "one man" (not "a man", "he")."""
    return bool(v.pos_ == "NUM" or any(c.dep_ == "nummod" for c in v.children))


def _antecedent(victim: Any) -> Any:
    """ "a girl and her mother who were shot and killed": the relative pronoun stands
    for the noun its clause hangs on (and that noun's conjuncts)."""
    if victim.lower_ in {"who", "that"} and victim.head.dep_ == "relcl":
        return victim.head.head
    return victim


def _object_of(victim: Any, verb: Any) -> bool:
    """``victim`` is the verb's object or a conjunct of it."""
    root = victim
    while root.dep_ == "conj" and root.head.i != root.i and root.head.i != verb.i:
        root = root.head
    return bool(root.dep_ in {"dobj", "obj", "conj"} and root.head.i == verb.i)


def _nearest_object(tok: Any) -> list[Any]:
    """ "leaving two dead and three injured": the object right before the outcome word."""
    objs = [o for d in _kids(tok.head, {"dobj"}) for o in (d, *d.conjuncts) if o.i < tok.i]
    return [max(objs, key=lambda o: o.i)] if objs else []


_NTH = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8}
_TOO = frozenset({"also", "too"})
_KNOWN = frozenset({"the", "this", "that", "these", "those"})


def added(v: Any, tok: Any) -> tuple[bool, int]:
    """Whether victim ``v`` of outcome word ``tok`` is told as people beyond those told
    before (``VictimCount.more``: "another man showed up at a hospital", "a woman was
    also injured", "her boyfriend was shot too"; not "the victim was also shot in the
    arm", "he was also hit", nor the second of a pair told in one sentence, "one died
    and another is in critical condition") and which person an ordinal makes it
    (``VictimCount.nth``: "a third victim", "a second man" are persons 3 and 2)."""
    mods = [c for c in v.children if c.dep_ in {"det", "amod", "nummod", "poss"}]
    nth = _NTH.get(v.lower_, 0) or max((_NTH.get(c.lower_, 0) for c in mods), default=0)
    if v.lower_ == "another" or any(c.lower_ == "another" for c in mods):
        if v.dep_ in {"dobj", "obj"}:
            return False, 0  # "a teen shot another teen": other than the one who shot
        # "one ... another" in one sentence: the pair is two of a group, no addition
        pair = any(t.lower_ == "one" and t.i < v.i for t in v.sent)
        # "Another child was hospitalized ... Another child had been taken to a
        # hospital": the same person told again
        again = any(
            _lemma(t) == _lemma(v) and any(c.lower_ == "another" for c in t.children)
            for t in v.doc[: v.sent.start]
        )
        return not (pair or again), nth
    verb, hops = tok, 0
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i and hops < 3:
        verb, hops = verb.head, hops + 1
    too = any(c.dep_ == "advmod" and c.lower_ in _TOO for c in verb.children)
    known = (
        v.pos_ in {"PRON", "PROPN"}
        or v.ent_type_ == "PERSON"
        or any(c.lower_ in _KNOWN for c in mods)
        or not mods
    )
    return too and not known, nth


# verbs whose "with wounds" other rules read: "taken to the hospital with minor injuries",
# "left a man with gunshot wounds", "suffered a wound"; and verbs of the harm itself
_WITH_READ = frozenset({"leave", "suffer", "sustain", "receive", "charge"})


def with_wounds(tok: Any, lex: _Lex) -> tuple[str, list[Any]] | None:
    """ "Another man showed up at a hospital with a gunshot wound", "officers found two
    men with gunshot wounds", "a man with a gunshot wound": the people with the wound
    (``tok``, the wound noun) are hurt, final state open like "shot" (a mild word makes
    them alive and hurt, a fatal one dead); None when ``tok`` is no such wound."""
    if tok.pos_ != "NOUN" or _lemma(tok) not in lex.suffer_wounds or tok.dep_ != "pobj":
        return None
    if tok.head.lower_ != "with":
        return None
    holder = tok.head.head
    if _care_place(holder, lex) and holder.dep_ == "pobj":
        holder = holder.head.head  # "showed up at a hospital with a gunshot wound"
    if holder.pos_ in {"VERB", "AUX"}:
        lemma = _lemma(holder)
        if lemma in _WITH_READ or lemma in lex.care_verbs or lemma in lex.verbs:
            return None
        victims = _kids(holder, {"dobj"}) or _kids(holder, {"nsubj", "nsubjpass"})
        if lemma == "find":
            # "found two men with gunshot wounds" counts those hit; one person found
            # with a wound is told by the outcome statements about them
            victims = [v for v in victims if v.tag_ == "NNS" or v.pos_ == "NUM"]
    elif holder.pos_ == "NOUN" and _lemma(holder) in lex.people:
        victims = [holder]
        if _lemma(holder.head) == "find" and holder.tag_ != "NNS":
            return None  # "found a man with a gunshot wound": as "found" above
    else:
        return None
    mods = {t.lower_ for t in tok.subtree if t.i < tok.i}
    if mods & lex.suffer_mild:
        return "injured", victims
    return ("killed" if mods & lex.suffer_fatal else "shot"), victims
