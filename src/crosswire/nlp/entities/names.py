"""People's names an article gives, read from the words around them.

The small English model often misses a name ("Jordan Hightower" is a GPE and a
stray word, "Sofia Chiddo" an organisation) or calls a bare first name a place
("Jada fell victim"). Place detection must not take such a name for a town or a
country (issue #13), so this module says which capitalised words are people's:

* ``described_name``: a run of two or three capitalised words described as a
  person: an age after it ("Jordan Clayton, 21,") or before it ("2-year-old
  Sofia Chiddo"), a title ("Judge Peggy Chiampas"), an apposition or relative
  clause ("Jordan Hightower, whose brother ..."), a speech verb ("said Jordan
  Hightower"), or a common given name first ("Chad Couture");
* ``person_words``: the first and last words of every person the article names
  in full, by the NER or by ``described_name``; a later bare "Jacob" or
  "Mendoza" is that person.

The given names are a short curated list (``data/given_names.json``) of the
names that are also gazetteer places, not a census list: only they can be
mistaken for a place.
"""

from __future__ import annotations

import functools
from typing import Any

from crosswire.datafiles import read_json
from crosswire.nlp.core.doccache import doc_ents

__all__ = [
    "described_name",
    "described_person",
    "given_name",
    "person_noun",
    "person_words",
]


# place_filters.json lists whose words after a name make it a place's or a
# feature's ("Jordan River", "Houston Police"), not a person's
_PLACE_LISTS = (
    "place_qualifiers",
    "designators",
    "street_words",
    "own_name_heads",
    "cue_after",
    "generic_words",
    "district_words",
)


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, frozenset[str]]:
    raw = read_json("given_names.json")
    data = {k: frozenset(w.lower() for w in raw[k]) for k in raw if not k.startswith("_")}
    places = read_json("place_filters.json")
    data["not_surnames"] |= frozenset(w for k in _PLACE_LISTS for w in places[k])
    return data


def given_name(word: str) -> bool:
    """A common given name that is also some place's name ("Jordan", "Austin")."""
    return word.lower() in _data()["given"]


def person_noun(word: str) -> bool:
    """A noun for a person ("brother", "victim"): "his brother Jacob" is a person."""
    return word.lower() in _data()["person_nouns"]


def _name_word(tok: Any) -> bool:
    """A capitalised name word: "Hightower", "O'Neal", an initial "A."."""
    text: str = tok.text
    if not text[:1].isupper() or tok.is_stop:
        return False
    if text.isupper() and not (len(text) == 2 and text[1] == "."):
        return False  # "Paris PD", "WASHINGTON": no name word; an initial "A." is
    if tok.pos_ != "PROPN" and not given_name(text):
        return False  # "Rethinking Egypt", "Historic Dublin"; but "Tyre King"
    lower = tok.lower_
    if lower in _data()["not_surnames"] or lower.rstrip(".") in _data()["titles"]:
        return False
    if lower.endswith("s") and lower[:-1] in _data()["not_surnames"]:
        return False  # "Jordan Juniors", "Paris Policemen"
    return tok.is_alpha or "'" in text or (len(text) == 2 and text[1] == ".")


def _age_before(doc: Any, i: int) -> bool:
    """ "2-year-old Sofia", "14 year old Jacob", "32-year old James"."""
    if i < 1:
        return False
    prev = doc[i - 1]
    if prev.lower_.endswith("year-old"):
        return True
    # "35-year old": the number may be glued to "-year"
    return prev.lower_ == "old" and any(t.text[:1].isdigit() for t in doc[max(0, i - 4) : i - 1])


def _age_after(doc: Any, j: int) -> bool:
    """ "Jordan Clayton, 21,": an age between commas (or closing the sentence)."""
    return (
        j + 2 < len(doc)
        and doc[j].text == ","
        and doc[j + 1].like_num
        and doc[j + 1].text.isdigit()
        and len(doc[j + 1].text) <= 3
        and doc[j + 2].text in {",", ")", ".", ";"}
    )


def described_person(doc: Any, i: int, j: int, speech: bool = True) -> bool:
    """Whether the text describes the name doc[i:j] as a person: a title, an age
    before or after it, an apposition or relative clause on it, an apposition
    to a person noun ("his brother Jacob"), or (``speech``) a speech verb."""
    words = _data()
    if i > 0 and doc[i - 1].lower_.rstrip(".") in words["titles"]:
        return True
    if _age_before(doc, i) or _age_after(doc, j):
        return True
    last = doc[j - 1]
    for c in last.children:
        if c.i < j:
            continue
        if c.dep_ == "relcl" and any(t.lower_ in {"who", "whose", "whom"} for t in c.children):
            return True  # "Jordan Hightower, whose brother ..."; not "that", "which"
        if c.dep_ == "appos" and (person_noun(c.lemma_) or _aged(c)):
            return True  # "Austin, a 19-year-old student"
    head = last.head
    # a speaker of two or three name words; one word may be a place ("Tbilisi
    # says", "Gainesville says no")
    # and organisations named after a place speak too ("Environment Canada
    # says", "Birds Australia said"): not when the NER calls a surname a place
    # A determiner before it makes it no person's ("the Ohio Coalition ... said").
    if (
        speech
        and j - i >= 2
        and last.dep_ == "nsubj"
        and head.lemma_.lower() in words["speech_verbs"]
    ):
        det = i > 0 and doc[i - 1].pos_ == "DET"
        return not det and all(t.ent_type_ not in {"GPE", "LOC", "FAC"} for t in doc[i + 1 : j])
    return last.dep_ == "appos" and person_noun(head.lemma_)


def _joiner(tok: Any) -> bool:
    """A hyphen inside a name ("Gomez-Martinez"), an initial's dot or a
    possessive ("Stephen Russell's Dave Allen": the NER's one span)."""
    glued = tok.i > 0 and not tok.doc[tok.i - 1].whitespace_
    return glued and (tok.text in {"-", "."} or tok.text in _POSSESSIVES)


def _aged_or_kin(doc: Any, i: int, j: int) -> bool:
    """An age before or after doc[i:j], or an apposition to a person noun."""
    last = doc[j - 1]
    kin = last.dep_ == "appos" and person_noun(last.head.lemma_)
    return kin or _age_before(doc, i) or _age_after(doc, j)


def _aged(tok: Any) -> bool:
    """An apposition that gives an age ("a 19-year-old student", "19"; not "one
    of the state's largest employers")."""
    return tok.text.isdigit() or any("year-old" in t.lower_ for t in tok.children)


_POSSESSIVES = frozenset({"'s", "\u2019s", "'", "\u2019"})


def _bounded(doc: Any, i: int, j: int, of: bool = True) -> bool:
    """Whether the name doc[i:j] stands alone: no capitalised word that is no
    name word goes on before or after it ("Cleveland Community College",
    "Georgia Bureau of Investigation", "the Englewood Political Task Force");
    a title before it may ("Judge Peggy Chiampas"). ``of``: nor "of" and a
    capitalised word (a person "of Bristol" is described otherwise)."""
    if j + 1 < len(doc) and doc[j].text in _POSSESSIVES:
        j += 1  # "Alexandria Commonwealth's Attorney"
    if j < len(doc):
        nxt = doc[j]
        if of and nxt.lower_ == "of" and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
            return False
        if nxt.text[:1].isupper() and nxt.is_alpha and not nxt.is_sent_start:
            return False
    if i > 0 and not doc[i].is_sent_start:
        prev = doc[i - 1]
        if prev.text[:1].isupper() and prev.is_alpha and prev.lower_ not in _data()["titles"]:
            return False
    return True


def _name_run(doc: Any, start: int, end: int) -> tuple[int, int]:
    """The run of name words around doc[start:end], within one sentence."""
    i, j = start, end
    while i > 0 and not doc[i].is_sent_start and _name_word(doc[i - 1]):
        i -= 1
    while j < len(doc) and not doc[j].is_sent_start and _name_word(doc[j]):
        j += 1
    return i, j


def _person_run(doc: Any, i: int, j: int) -> bool:
    """A run of two or three name words that is a person's name: a common given
    name first, or described as a person."""
    if not 2 <= j - i <= 3 or not _bounded(doc, i, j, of=False):
        return False
    if described_person(doc, i, j):
        return True  # "35-year old Chad Couture of Bristol"
    return given_name(doc[i].text) and _unlabelled(doc, i, j) and _bounded(doc, i, j)


def _unlabelled(doc: Any, i: int, j: int) -> bool:
    """No entity but a person's or a place's on the name, and no plural: "Chad
    Couture", not the "Jamaica Cancer Society" the NER calls an organisation."""
    # a plural ("the Dallas Cowboys", "the Houston Rockets") names a team
    # the NER calls a surname that is a state's name a GPE ("Clarence Washington")
    return doc[i].ent_type_ in {"", "PERSON", "GPE", "LOC"} and all(
        t.ent_type_ in {"", "PERSON", "GPE"} and t.tag_ != "NNPS" for t in doc[i + 1 : j]
    )


def described_name(doc: Any, start: int, end: int) -> tuple[int, int] | None:
    """The person's name (token range) that the one word doc[start:end] belongs
    to, when it is part of a longer capitalised name described as a person (see
    the module doc); None otherwise."""
    if end - start != 1 or not _name_word(doc[start]):
        return None  # "WASHINGTON Barack Obama": a dateline opens no name
    i, j = _name_run(doc, start, end)
    return (i, j) if _person_run(doc, i, j) else None


# Per-doc memo of ``person_words``, keyed on the identity of the memoised
# ``doc_ents`` tuple (held, so its id stays unique), as in places.filters.
_memo: list[Any] = [None, frozenset()]


def person_words(doc: Any) -> frozenset[str]:
    """Lower-case first and last words of the people the article names in full."""
    ents = doc_ents(doc)
    if _memo[0] is ents:
        words: frozenset[str] = _memo[1]
        return words
    found: set[str] = set()
    for e in ents:
        # "Gary Methodist Hospital" is no person, whatever the NER says; and it
        # calls "Riverdale Luke Oil" one, so a first word counts only when it
        # is a common given name or the text describes the name as a person's
        if e.label_ != "PERSON":
            continue
        end = e.end
        if e[-1].text in _POSSESSIVES and len(e) > 1:
            e = e[:-1]  # "Tyre King's death"
        if not _name_word(e[-1]):
            continue
        if len(e) == 1:
            # "his brother Jacob", "14-year-old Jacob": a person, also when named
            # alone (not "Mr. Arlington", a town's nickname for its mayor)
            if _aged_or_kin(doc, e.start, e.end):
                found.add(e[0].lower_)
            continue
        if not all(_name_word(t) or _joiner(t) for t in e):
            continue  # "Trump - Wisconsin" is two names
        found.add(e[-1].lower_)
        # not "Alexandria Commonwealth's Attorney": a title goes on after it
        named = given_name(e[0].text) and _bounded(doc, e.start, end)
        if named or described_person(doc, e.start, e.end):
            found.add(e[0].lower_)
    i, n = 0, len(doc)
    while i < n:
        if not _name_word(doc[i]):
            i += 1
            continue
        start, i = _name_run(doc, i, i + 1)
        if _person_run(doc, start, i):
            found.update((doc[start].lower_, doc[i - 1].lower_))
    _memo[0], _memo[1] = ents, frozenset(found)
    return frozenset(found)
