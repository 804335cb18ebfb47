"""Grammatical gender of the people an article names, from the article itself.

Pronoun speakers ("she said") resolve to an earlier person; without gender
the nearest person wins even when the text has told us otherwise ("Mayor Tom
Berg ... Councillor Linda Annis ... he said").  No name list is used: the
evidence is what the article writes next to the name --

* an honorific right before it ("Mr. Obama", "Ms. Lynch");
* a gendered role word before it or in apposition ("spokeswoman Ana Ruiz",
  "Tom Berg, her husband");
* pronouns later in a sentence that names only that person ("Clinton said
  her plan ...", "Berg ... his office").

Votes are counted per surname; a tie or no evidence gives no gender, and
then nothing is excluded.
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import Any

from crosswire.datafiles import read_json
from crosswire.nlp.core.doccache import doc_ents

_PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
_KEY = "crosswire_genders"


@functools.lru_cache(maxsize=1)
def _gendered_words() -> dict[str, str]:
    words: dict[str, str] = read_json("cues.json")["gendered_words"]
    return words


def pronoun_gender(word: str) -> str | None:
    """``"m"``/``"f"`` for a gendered third-person pronoun, else None."""
    return _PRONOUNS.get(word.lower())


def _surname(name: str) -> str:
    words = name.split()
    return words[-1].casefold() if words else ""


def person_genders(doc: Any) -> dict[str, str]:
    """Surname (casefolded) -> ``"m"``/``"f"`` for the persons with clear evidence (cached)."""
    cached = doc.user_data.get(_KEY)
    if cached is not None:
        out: dict[str, str] = cached
        return out
    words = _gendered_words()
    votes: dict[str, Counter[str]] = {}
    persons = [e for e in doc_ents(doc) if e.label_ == "PERSON"]
    # Span.sent builds a new span per call: read each person's sentence once.
    sents = [e.sent for e in persons]
    names = [_surname(e.text) for e in persons]
    for n, ent in enumerate(persons):
        tally = votes.setdefault(names[n], Counter())
        sent = sents[n]
        start = max(sent.start, ent.start - 3)
        near = [*doc[start : ent.start], *ent]
        near += [c for c in ent.root.children if c.dep_ == "appos"]
        for tok in near:
            gender = words.get(tok.lower_)
            if gender is not None:
                tally[gender] += 2
        others = {names[k] for k, s in enumerate(sents) if s.start == sent.start}
        if len(others) == 1:
            for tok in doc[ent.end : sent.end]:
                gender = _PRONOUNS.get(tok.lower_)
                if gender is not None:
                    tally[gender] += 1
    genders: dict[str, str] = {}
    for name, tally in votes.items():
        ranked = tally.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            genders[name] = ranked[0][0]
    doc.user_data[_KEY] = genders
    return genders


def clashes(name: str, pronoun: str, doc: Any) -> bool:
    """Whether the article shows ``name`` with the other gender than ``pronoun``."""
    want = pronoun_gender(pronoun)
    if want is None:
        return False
    known = person_genders(doc).get(_surname(name))
    return known is not None and known != want
