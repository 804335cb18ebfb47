"""The speaker token of a cue: its subject, a passive's agent, or one climbed to.

Split from :mod:`crosswire.nlp.claims.drafts` (which builds the drafts): these
read only the dependency parse around a cue verb and say who speaks.
"""

from __future__ import annotations

from typing import Any

from crosswire.nlp.claims.speakers import cue_lexicon
from crosswire.nlp.core.doccache import doc_text

_SUBJECT = ("nsubj", "nsubjpass")
# Cue verbs that climb to their head for a subject ("..., adding that"); a
# predicative adjective passes the climb on to its copula ("voters appeared
# more likely to describe her as ...", "she has been eager to say ...").
_CLIMB = ("advcl", "conj", "xcomp", "pcomp", "acomp")
# Prepositions whose gerund shares the subject of the verb they modify
# ("started by emphasizing", "sings before asking her").
_SUBJECT_PREPS = ("by", "before", "after", "while", "in", "without", "from", "of", "to")


def same_paragraph(a: Any, b: Any) -> bool:
    """Whether no paragraph break lies between tokens ``a`` and ``b``."""
    lo, hi = sorted((a.idx, b.idx))
    return "\n" not in doc_text(a.doc)[lo:hi]


def subject_of(verb: Any, depth: int = 0) -> Any:
    """The speaker token of a cue verb (its subject, agent, or a climbed one), or None."""
    # The parser may hang a headline on the next paragraph's verb as a second
    # subject; only a subject in the verb's own paragraph counts.
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT and same_paragraph(c, verb)]
    if any(c.dep_ == "nsubjpass" for c in subjects):
        # A passive with its agent ("has been endorsed by dozens of papers"):
        # the agent speaks, the passive subject is what was spoken about.
        agent = _agent(verb)
        if agent is not None:
            return agent
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    if depth == 0 and verb.i > 0:
        # Headline glued to the paragraph ("Floods ...\n\nGovernor X said"):
        # the parse lost the subject, but it sits right before the verb.
        prev = verb.doc[verb.i - 1]
        while prev.i > 0 and prev.pos_ in ("ADV", "AUX", "PART") and same_paragraph(prev, verb):
            prev = verb.doc[prev.i - 1]
        if (
            prev.pos_ in ("PROPN", "NOUN", "PRON")
            and same_paragraph(prev, verb)
            and prev.dep_ not in _SUBJECT
            and prev.head.i != verb.i
            and verb.dep_ == "ROOT"
        ):
            return prev
        if verb.dep_ == "ROOT":
            named = _named_after_quote(verb)
            if named is not None:
                return named
    agent = _agent(verb)
    if agent is not None:
        return agent
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in _SUBJECT_PREPS:
        # "pitched himself by telling them ...": the gerund's subject is the
        # subject of the verb the preposition hangs on, one level further up.
        head = head.head
    if verb.dep_ in _CLIMB and depth < 3 and head.i != verb.i:
        return subject_of(head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ != "VBN" and head.pos_ in ("NOUN", "PROPN"):
        return _acl_subject(verb, head, depth)
    return None


def _acl_subject(verb: Any, head: Any, depth: int) -> Any:
    """The speaker of a cue the parse hung on a noun as a reduced clause, or None.

    "Multiple outlets reported ...", "GOP voters saying ...": a subject (or a
    headline's root) noun before the cue is who speaks; "issued a statement
    saying ..." is the voice of whoever issued the document.
    """
    if head.dep_ in ("nsubj", "ROOT") and head.i < verb.i and same_paragraph(head, verb):
        return head
    documents = cue_lexicon()["document_nouns"]
    if head.dep_ == "dobj" and head.lemma_.lower() in documents and depth < 3:
        return subject_of(head.head, depth + 1)
    if head.dep_ in ("dobj", "pobj") and _relayed(verb):
        return _clause_subject(verb, head)
    return None


# Participles whose noun is itself the source ("polls showing", "records
# indicating"): no climb to the clause's subject.
_EVIDENCE = frozenset(["show", "indicate", "reveal", "read"])
# How many heads up from the noun the clause's verb may be.
_CLAUSE_REACH = 4


def _relayed(verb: Any) -> bool:
    """Whether a cue participle on an object noun relays its clause subject's words.

    "The senator emailed supporters saying ...", "she delivered a speech
    outlining ...", "sent a text to supporters stating ...": a hand-lexicon
    cue verb (``verbs`` in ``data/cues.json``) as a present participle.
    """
    lemma = verb.lemma_.lower()
    return bool(verb.tag_ == "VBG" and lemma in cue_lexicon()["verbs"] and lemma not in _EVIDENCE)


def _clause_subject(verb: Any, noun: Any) -> Any:
    """The subject of the verb whose clause holds ``noun``, when it precedes the noun.

    Such participles had no speaker before; with the clause's subject 23 of
    the 44 claims added on PolNeAR train matched a gold attribution (dev: 5
    of 5; any cue participle on any noun: 31 of 75).
    """
    up = noun
    for _ in range(_CLAUSE_REACH):
        if up.pos_ in ("VERB", "AUX") or up.head.i == up.i:
            break
        up = up.head
    if up.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in up.children if c.dep_ in _SUBJECT), None)
    if subject is None or subject.i > noun.i or not same_paragraph(subject, verb):
        return None
    return subject


_OPENING = ("“", '"', "''", "``")
_CLOSING = ("”", '"', "''")
# Words of a speaker phrase between the quotation and its verb.
_PHRASE = ("PROPN", "NOUN", "ADJ", "DET")


def _named_after_quote(verb: Any) -> Any:
    """The phrase right after a sentence-opening quotation, for its subjectless verb.

    "“Yes, I support him,” Brent Bozell III, founder of the group, tells ...":
    the parse hangs the name on a word of the quotation and the verb has no
    subject.  The last word of the run of nouns and names after the closing
    mark is the speaker (on PolNeAR train 9 claims took a new speaker, all
    right, and 6 wrong ones went).
    """
    doc = verb.doc
    first = next((t for t in doc[verb.sent.start : verb.i] if not t.is_space), None)
    if first is None or first.text not in _OPENING:
        return None
    close = next((t.i for t in doc[first.i + 1 : verb.i] if t.text in _CLOSING), None)
    if close is None:
        return None
    i = close + 1
    while i < verb.i and (doc[i].is_punct or doc[i].is_space):
        i += 1
    if i >= verb.i or doc[i].pos_ not in (*_PHRASE, "PRON"):
        return None
    while i + 1 < verb.i and doc[i + 1].pos_ in _PHRASE:
        i += 1
    tok = doc[i]
    if tok.pos_ not in ("PROPN", "PRON", "NOUN") or not same_paragraph(tok, verb):
        return None
    return tok


def _agent(verb: Any) -> Any:
    """The object of a passive verb's "by" agent phrase, or None."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None
