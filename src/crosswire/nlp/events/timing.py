"""When an article's events happened: dates that time an occurrence, background.

Split from :mod:`crosswire.nlp.events.main`: which of a sentence's time
expressions date an occurrence and not a statement or a page
(:func:`event_dates`), what lies before the news (:func:`is_background`), and
the date a main event with none of its own takes from its incident
(:func:`fill_date`). Rules: docs/events.md (Date).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from crosswire.nlp.core.doccache import doc_text
from crosswire.nlp.events.factuality import follow_up_subjects, follow_up_words
from crosswire.nlp.events.rules import VIOLENT_TYPES
from crosswire.nlp.events.scene import SPEECH

__all__ = [
    "BACKGROUND_DAYS",
    "background_sentence",
    "day_of",
    "event_dates",
    "fill_date",
    "frames_the_trigger",
    "is_background",
    "near_days",
]

BACKGROUND_DAYS = 7
# "Last updated at 10:39 a.m. on Sunday, Nov. 27": the clock's "a.m." is no sentence end
_STAMP = re.compile(
    r"\b(?:posted|published|updated|last modified)\b(?:[^.]|\b[ap]\.m\.)*$", re.IGNORECASE
)


def is_background(value: str | None, precision: str | None, published: dt.date | None) -> bool:
    """True when a date lies wholly more than BACKGROUND_DAYS before publication."""
    if not value or published is None or precision in (None, "document"):
        return False
    end = value.split("/")[-1]
    try:
        last = _last_day(end)
    except ValueError:
        return False
    return last is not None and (published - last).days > BACKGROUND_DAYS


def _last_day(value: str) -> dt.date | None:
    """The last day an ISO date, month or year covers ("2016-03" -> 2016-03-31)."""
    parts = value.split("-")
    if not parts[0].isdigit():
        return None
    year = int(parts[0])
    if len(parts) == 1:
        return dt.date(year, 12, 31)
    if len(parts) == 2 and parts[1].isdigit():
        month = int(parts[1])
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    if len(parts) >= 3 and parts[1].isdigit():
        return dt.date.fromisoformat("-".join(parts[:3])[:10])
    return None


def event_dates(
    sent: Any, dates: Sequence[Any], violent: bool = False, published: dt.date | None = None
) -> list[Any]:
    """The sentence's resolved dates that time an occurrence, not a statement.

    With ``violent``, dates that time a follow-up act (a court step, the naming
    of a victim, a funeral: "pleaded guilty Tuesday") are left out too: they
    do not date the violence the sentence refers to; and so are days after
    ``published`` (the article tells violence that happened: "a court
    appearance Monday" in a Sunday paper is a plan)."""
    later = follow_up_words() if violent else frozenset()
    doc = sent.doc
    text = doc_text(doc)
    out = []
    for d in dates:
        if not (sent.start_char <= d.start < sent.end_char) or not d.value:
            continue
        if getattr(d, "granularity", None) == "duration":
            continue
        if violent and published is not None and _first_day(str(d.value)) > published:
            continue
        if _STAMP.search(text[max(sent.start_char, d.start - 40) : d.start]):
            continue  # "Posted: January 19th, 2016": when the page was written
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        head = span.root.head if span is not None else None
        if head is not None and head.pos_ == "ADP" and later:
            head = head.head  # "appeared in court on Tuesday": the verb the date hangs on
        if head is not None and (head.lemma_.lower() in SPEECH or head.lemma_.lower() in later):
            continue
        if head is not None and later and _later_subject(head):
            continue  # "Funeral services are tonight for a boy who was shot"
        out.append(d)
    return out


def _later_subject(verb: Any) -> bool:
    """The clause's subject is a later act: "An investigation was underway Wednesday
    into the killing", "Funeral services are tonight" (its noun or a compound on it)."""
    words = follow_up_subjects()
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            heads = {child.lemma_.lower()}
            heads |= {c.lemma_.lower() for c in child.children if c.dep_ == "compound"}
            if heads & words:
                return True
    return False


def frames_the_trigger(doc: Any, when: Any, trigger: Any) -> bool:
    """The date hangs on a verb whose clausal complement tells the violence: "The
    family on Monday struggled to understand how she killed herself", "his mother
    learned Sunday that he had been shot". The struggling, the learning come after;
    their day is not the violence's. Only a ``ccomp`` counts: "began shooting
    Sunday" (an ``xcomp``) is the shooting's day."""
    span = doc.char_span(when.start, when.end, alignment_mode="expand")
    if span is None:
        return False
    verb = span.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    # Up from the trigger: a ccomp edge into the framing verb, then from it to the
    # dated verb only "to"-infinitives ("struggled to understand how ..."). A verb
    # joined by "and" is a next step of the incident: "Deputies responded Sunday
    # ..., but the Sheriff's Office determined that he shot him" keeps Sunday.
    cur, complement = trigger, False
    for _ in range(10):
        if cur.i == verb.i:
            return complement
        if complement and cur.dep_ != "xcomp":
            return False
        complement = complement or cur.dep_ == "ccomp"
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _first_day(value: str) -> dt.date:
    """The first day a day or a range of days starts on (``date.min`` for coarser values)."""
    try:
        return dt.date.fromisoformat(value.split("/")[0][:10])
    except ValueError:
        return dt.date.min


def day_of(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def near_days(a: str, b: str, days: int) -> bool:
    try:
        da, db = dt.date.fromisoformat(a[:10]), dt.date.fromisoformat(b[:10])
    except ValueError:
        return True  # a week or a month: no contradiction at day precision
    return abs((da - db).days) <= days


def background_sentence(sent: Any, ctx: Any, anchor: dt.date | None) -> bool:
    dated = event_dates(sent, ctx.dates)
    return bool(dated) and all(is_background(d.value, d.granularity, anchor) for d in dated)


def fill_date(main: Any, incident: Sequence[Any], ctx: Any, events: Sequence[Any] = ()) -> None:
    """A main event timed only by the publication day takes the incident's first date:
    first from a sentence that tells the violence ("The shooting happened Tuesday"),
    else from any sentence of the incident ("Police were called at 2 a.m. Sunday")."""
    if main.date_precision not in (None, "document"):
        return
    telling = {
        e.start
        for e in events
        if e.type in VIOLENT_TYPES and e.status == "asserted" and not e.negated
    }
    ordered = [s for s in incident if s.start_char in telling]
    ordered += [s for s in incident if s.start_char not in telling]
    doc = ctx.doc
    for sent in ordered:
        triggers = [
            span.root
            for e in events
            if e.start == sent.start_char and e.type in VIOLENT_TYPES
            for span in [doc.char_span(e.trigger_start, e.trigger_end, alignment_mode="expand")]
            if span is not None
        ]
        dated = [
            d
            for d in event_dates(sent, ctx.dates, violent=True, published=ctx.published)
            if d.granularity in {"day", "range"}
            and not is_background(d.value, d.granularity, ctx.published)
            # the day of an act the violence is told inside ("struggled to understand how")
            and not (triggers and all(frames_the_trigger(doc, d, t) for t in triggers))
        ]
        if dated:
            main.date, main.date_precision = str(dated[0].value), str(dated[0].granularity)
            return
