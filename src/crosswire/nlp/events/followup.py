"""Follow-up reports: violence named inside a later act, and the article's main event.

Local news follows an incident for weeks: "a teen accused of fatally shooting his
cousin appeared in court Tuesday", "an arrest was made in the murders of a woman
and her daughter, who were shot in August". The violence in such a sentence is
named inside a follow-up act (``follow_up`` in ``data/event_taxonomy.json``:
charges, arrests, court steps, naming a victim, funerals): the sentence's dates
time the act, not the violence, and the mention is not what the article reports
as new. :func:`choose_main` picks the article's headline occurrence with that in
mind. Rules and examples: docs/events.md (The article's main event).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crosswire.nlp.events.factuality import follow_up_words
from crosswire.nlp.events.rules import VIOLENT_TYPES

__all__ = ["after_the_fact", "choose_main"]

MATERIAL_TYPES = VIOLENT_TYPES | {"Strategic developments", "Protests", "Riots"}


def after_the_fact(tok: Any) -> bool:
    """The violence is named inside a follow-up act ("charged in the shooting",
    "pleaded guilty in the killing", "funeral for a teen shot")."""
    later = follow_up_words()
    return any(a.lemma_.lower() in later for a in list(tok.ancestors)[:4])


def _told_after_the_fact(e: Any, doc: Any) -> bool:
    span = doc.char_span(e.trigger_start, e.trigger_end, alignment_mode="expand")
    return span is not None and after_the_fact(span.root)


def choose_main(events: Sequence[Any], doc: Any) -> tuple[Any | None, bool]:
    """The article's main event, and whether it is a recalled (background-dated) one.

    The first asserted, non-negated, non-background violent mention that is not
    named inside a follow-up act; when the article tells violence only inside
    follow-up acts ("arrested for the murders of ...") but recalls it with its
    own date ("who were shot in August"), that recalled occurrence is the
    article's subject; else the first violent mention, the first strategic
    development, protest or riot, or the first event.
    """
    pool = [e for e in events if e.role != "background" and not e.negated]
    violent = [e for e in pool if e.type in VIOLENT_TYPES]
    told = [e for e in violent if not _told_after_the_fact(e, doc)]
    if told:
        return told[0], False
    recalled = [
        e
        for e in events
        if e.role == "background"
        and e.status == "asserted"
        and not e.negated
        and e.type in VIOLENT_TYPES
        and e.date_precision not in (None, "document")
    ]
    if recalled:
        # the latest recalled occurrence is the one followed up; older ones are history
        return max(recalled, key=lambda e: (str(e.date).split("/")[-1], -e.start)), True
    main = (
        next(iter(violent), None)
        or next((e for e in pool if e.type in MATERIAL_TYPES), None)
        or (pool[0] if pool else None)
    )
    return main, False
