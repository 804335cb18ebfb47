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
    """The speaker token of a cue verb (its subject, agent, or a climbed one), or None.

    When the parse gives none, :func:`lost_subject` reads the word order
    (a subject cut off by an aside, an inverted "“…,” added X").
    """
    found = _parsed_subject(verb, depth)
    if found is None and depth == 0 and verb.pos_ == "VERB":
        return lost_subject(verb)
    return found


def _parsed_subject(verb: Any, depth: int) -> Any:
    """The speaker token the dependency parse gives a cue verb, or None."""
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
        return _parsed_subject(head, depth + 1)
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
        return _parsed_subject(head.head, depth + 1)
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


# Finite verb tags: a clause with one of these has a subject of its own.
_FINITE = ("VBD", "VBZ", "VBP", "MD")
# Marks that set off an aside between a subject and its verb.
_ASIDE = (",", "-", "—", "--", "–", "(", ")")
# Tokens that end the stretch of text a subject may be read from.
_STOPS = (".", "?", "!", ";", ":")
# Dependency labels the parse gives a name after an inverted cue ("added another Democrat").
_INVERTED = ("dobj", "attr", "npadvmod", "dative", "nsubj", "appos", "oprd")
# Words that open an adverbial clause, not a subject ("When X spoke, ...").
_OPENERS = frozenset(["when", "while", "if", "as", "after", "before", "since", "because"])


def lost_subject(verb: Any) -> Any:
    """The speaker of a cue verb the parse left without a subject, from word order.

    * an aside between subject and verb ("Beruff, a Scott ally, called ...",
      "Mr. Bush - in a line aimed at Mr. Trump - declared ..."): the subject
      is the noun phrase before the first comma or dash;
    * a verb right after a quotation with its subject after it ("“…,” added
      another New Hampshire Democrat", "“…,” tweeted another");
    * a name the parse made a compound of the verb ("“…,” Bozell answers").

    A conjunct ("... and called it a common ailment") also tries its first
    verb.  On PolNeAR train these gave 63 claims, 51 of them matching a gold
    attribution (42 not matched before).
    """
    targets = [verb]
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        targets.append(verb.head)
    for v in targets:
        found = _inverted_subject(v) or _compound_subject(v) or _subject_before_aside(v)
        if found is not None:
            return found
    return None


def _inverted_subject(verb: Any) -> Any:
    """The noun after a verb that directly follows a quotation ("“…,” asked the boy")."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 1 or doc[i].text not in _CLOSING or doc[i - 1].text not in (",", "?", "!", *_ASIDE[1:5]):
        return None
    return next(
        (
            c
            for c in verb.children
            if c.i > verb.i
            and c.dep_ in _INVERTED
            and c.pos_ in ("PROPN", "NOUN", "PRON", "DET", "NUM", "ADJ")
            and same_paragraph(c, verb)
        ),
        None,
    )


def _compound_subject(verb: Any) -> Any:
    """A name right before the verb that the parse made its compound ("Bozell answers")."""
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if prev is not None and prev.dep_ == "compound" and prev.head.i == verb.i:
        return prev if prev.pos_ in ("PROPN", "NOUN") else None
    return None


def _subject_before_aside(verb: Any) -> Any:
    """The noun phrase before an aside that ends right before a finite ``verb``.

    The stretch before the verb (back to the sentence's or line's start) is
    cut at commas and dashes; the first part that reads as a noun phrase
    (not opened by a preposition, a verb or "when", no finite verb) gives
    its head.  A part with a finite verb ends the search: "X stood at the
    pulpit in Burlington, Iowa, and, citing ..., endorsed" is X's, not Iowa's.
    """
    finite = verb.tag_ in _FINITE or (
        verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )
    if not finite or verb.dep_ not in (
        "ROOT",
        "acl",
        "relcl",
        "conj",
        "ccomp",
        "advcl",
        "parataxis",
    ):
        return None
    doc = verb.doc
    i = verb.i - 1
    while i > verb.sent.start and doc[i].pos_ == "ADV":
        i -= 1
    if i <= verb.sent.start or doc[i].text not in _ASIDE:
        return None
    start = i
    while start > verb.sent.start and not (
        "\n" in doc[start - 1].text or doc[start - 1].text in _STOPS
    ):
        start -= 1
    parts: list[list[Any]] = [[]]
    for t in doc[start:i]:
        if t.text in _ASIDE:
            parts.append([])
        elif not t.is_space and not t.is_quote:
            parts[-1].append(t)
    parts = [p for p in parts if p]
    for part in parts[:-1]:
        if any(t.tag_ in _FINITE for t in part):
            return None
        if part[0].pos_ not in ("DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM"):
            continue
        if part[0].lower_ in _OPENERS or _dateline(part):
            continue
        ids = {t.i for t in part}
        heads = [
            t
            for t in part
            if (t.head.i not in ids or t.head.i == t.i) and t.pos_ in ("PROPN", "NOUN", "PRON")
        ]
        if heads:
            # The head that spans most of the part ("Ana Ruiz" over "State Treasurer").
            return max(heads, key=lambda t: sum(1 for u in part if u.i in _span_ids(t)))
    return None


def _dateline(part: list[Any]) -> bool:
    """A line-opening place in capitals before a dash ("WASHINGTON -- President Obama, ...")."""
    doc = part[0].doc
    after = part[-1].i + 1
    return bool(
        (part[0].i == 0 or "\n" in doc[part[0].i - 1].text)
        and all(t.text.isupper() for t in part if t.is_alpha)
        and after < len(doc)
        and doc[after].text in _ASIDE[1:5]
    )


def _span_ids(tok: Any) -> range:
    return range(tok.left_edge.i, tok.right_edge.i + 1)
