"""How hurt people are phrased: forms of the victims' outcome beyond a verb and its subject.

Split from :mod:`crosswire.nlp.events.victims` and ``victim_lex`` (session 11):
"four people are recovering from gunshot wounds", "were treated and released",
"taken to the hospital with minor injuries", "two people were shot, one
fatally", "a total of five people were wounded", "one of four people shot",
"pronounced him dead"; and what is no victim: a dateline parsed as a subject
("MILWAUKEE -- A girl was shot"). Rules and examples: docs/events.md (Victims).
"""

from __future__ import annotations

from typing import Any

from crosswire.nlp.events.victim_lex import _kids, _lemma, _Lex

# what ends a dateline: "MILWAUKEE -- A girl", "NEW HAVEN>> One woman", "DAYTON — Two men"
_DATELINE_MARKS = ("--", "—", "–", "-", ">", ":", "(")
_NAMES = frozenset({"PROPN", "NOUN"})  # an upper-case town may be tagged either way
_RECOVER = frozenset({"recover"})  # "recovering from gunshot wounds": alive and hurt
_FROM_WOUNDS = frozenset({"suffer", "recover"})  # "suffering from gunshot wounds"


def dateline(tok: Any) -> bool:
    """The place a story is filed from, upper-case at the start of its sentence and
    followed by a dash or arrows ("MILWAUKEE -- A two-month-old girl was shot",
    "NEW HAVEN>> One woman is dead"): the parser may take it for the subject, but it
    is no victim."""
    text = str(tok.text)
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
    return next(
        (g for c in _kids(tok, {"prep"}) if c.lower_ == "of" for g in _kids(c, {"pobj"})), None
    )


def wounds_from(tok: Any, lex: _Lex) -> str | None:
    """ "four people are recovering from gunshot wounds" (injured: alive), "found three
    people suffering from gunshot wounds" (shot: hurt, final state open, unless a mild
    or fatal word says more); None when the verb is not one of these."""
    lemma = _lemma(tok)
    if lemma not in _FROM_WOUNDS or any(c.lower_ == "had" for c in _kids(tok, {"aux"})):
        return None
    wounds = [
        g
        for c in _kids(tok, {"prep"})
        if c.lower_ == "from"
        for g in _kids(c, {"pobj"})
        if _lemma(g) in lex.suffer_wounds
    ]
    if not wounds:
        return None
    mods = {t.lower_ for w in wounds for t in w.subtree if t.i < w.i}
    if lemma in _RECOVER or mods & lex.suffer_mild:
        return "injured"
    return "killed" if mods & lex.suffer_fatal else "shot"


def released(tok: Any) -> bool:
    """ "Two men were treated and released", "treated at the scene and released": a
    person let go after care is alive and hurt."""
    if _lemma(tok) != "treat":
        return False
    return any(c.dep_ == "conj" and _lemma(c) in {"release", "discharge"} for c in tok.children)


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
