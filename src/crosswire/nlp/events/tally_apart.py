"""People told apart from those told before (issue #11, session 12), for ``tally``.

"Another man showed up at a hospital with a gunshot wound", "a woman was also
injured", "a third victim" add to the hurt told before them; "a man was shot ...
a woman with him was grazed" are two people, told apart by their sex. Rules and
examples: docs/events.md (Victims).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from crosswire.nlp.events.victim_forms import FEMALE, MALE
from crosswire.nlp.events.victim_lex import VictimCount

__all__ = ["added_hurt", "sexes_apart"]

Figures = Mapping[str, tuple[float, float | None, float | None]]
_HURT = frozenset({"shot", "injured"})
_APART = frozenset({"perpetrator", "self", "total"})


def added_hurt(
    counts: Sequence[VictimCount], figures_of: Callable[[Sequence[VictimCount]], Figures]
) -> float:
    """The hurt when some are told as more people than those before them: "another man
    showed up at a hospital with a gunshot wound" adds one to the hurt told before it
    (``figures_of`` the counts before it), "a woman was also injured" too, and "two
    men were killed ... a third person was shot in the arm" is person 3, hurt beside
    the two dead (0 when none is). One of a group of the hurt told before ("three
    others injured ... Three other men were also wounded") is no one more."""
    out = 0.0
    for c in counts:
        if c.outcome not in _HURT or not (c.more or c.nth) or not c.value:
            continue
        prefix = [d for d in counts if d.start < c.start]
        before = figures_of(prefix)
        hurt, dead = before.get("wounded", (0.0,))[0], before.get("fatalities", (0.0,))[0]
        group = any(d.outcome in _HURT and (d.value or 0) > 1 for d in prefix)
        out = max(out, hurt + c.value if c.more and not group else 0.0, c.nth - dead)
    return out


def sexes_apart(counts: Sequence[VictimCount]) -> int:
    """2 when the hurt told one by one by person nouns are of both sexes ("a man was
    shot in the abdomen ... a woman with him was grazed by a bullet"): a man and a
    woman are two people, whatever each statement says alone; else 0. ``tally`` asks only when no
    one died (a dead victim may be one of them)."""
    sexes = set()
    for c in counts:
        if c.outcome not in _HURT or c.kind in _APART or c.value != 1 or not c.singly:
            continue
        # person nouns only: a pronoun may be anyone told before, or misread
        if c.who in MALE:
            sexes.add("m")
        elif c.who in FEMALE:
            sexes.add("f")
    return 2 if len(sexes) == 2 else 0
