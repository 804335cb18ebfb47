"""An incident's figures from its victim counts (``tally``).

``victims`` reads who was killed, injured or shot from one sentence's parse;
this module decides what those statements add up to for the incident: the
largest statement wins, named victims count once, perpetrators apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from crosswire.datafiles import read_json
from crosswire.nlp.events.victims import VictimCount

__all__ = ["deaths_stated", "shot_as_killed", "tally"]


def tally(counts: Sequence[VictimCount]) -> dict[str, tuple[float, float | None, float | None]]:
    """Figures of one incident from its counts: slot -> (best, low, high).

    Per outcome and side (perpetrators apart from everyone else), the largest
    statement wins and each named victim counts once; the total killed is
    victims plus perpetrators. People shot beyond those said killed are the
    injured when they outnumber the explicit injured count. Kind slots
    (``fatalities_civilian``, ``fatalities_security``, ``fatalities_perpetrator``)
    come with the totals ``fatalities`` and ``wounded``.
    """
    figures: dict[str, tuple[float, float | None, float | None]] = {}
    best: dict[tuple[str, str], tuple[float, float | None, float | None]] = {}
    names: dict[tuple[str, str], set[str]] = {}
    clauses: dict[tuple[int, str, str], dict[int, tuple[float, float | None, float | None]]] = {}
    # a self-harm is the one victim, unless someone else was harmed too (murder-suicide)
    others_harmed = any(c.by_other and c.kind not in {"perpetrator", "self"} for c in counts)
    for c in counts:
        if c.kind == "self":
            c = replace(c, kind="perpetrator" if others_harmed else "civilian")
        side = "perpetrator" if c.kind == "perpetrator" else "victim"
        for key in {(c.outcome, side), (c.outcome, c.kind)}:
            if c.name:
                names.setdefault(key, set()).add(c.name)
            if c.value is not None:
                # by victim phrase: "were taken to the hospital and then transported"
                # names the same people twice
                clauses.setdefault((c.clause, *key), {})[c.start] = (c.value, c.low, c.high)
    # one clause adds its victims up ("killed his wife and her mother"); statements compete
    numbered: dict[tuple[str, str], bool] = {}
    for (_, outcome, who), parts in clauses.items():
        summed = _sum_bounds(list(parts.values()))
        if (outcome, who) not in best or summed[0] > best[(outcome, who)][0]:
            best[(outcome, who)] = summed
            numbered[(outcome, who)] = summed[0] > 1
    # a named victim said to have died is not also among the injured
    dead_names = names.get(("killed", "victim"), set()) | names.get(
        ("killed", "perpetrator"), set()
    )

    def amount(outcome: str, who: str) -> tuple[float, float | None, float | None] | None:
        named = names.get((outcome, who), set())
        if outcome != "killed":
            dead_words = {w for n in dead_names for w in n.split()}
            named = {n for n in named if not set(n.split()) & dead_words}
        stated = best.get((outcome, who))
        if stated is None and not named:
            return None
        people = _people(named)
        # a number the text states ("two people were found dead") is the count; names
        # add up only against statements of one ("a man", "she") or none
        if stated is None or (people > stated[0] and not numbered.get((outcome, who))):
            n = float(people)
            return n, n, n
        return stated

    killed = [amount("killed", w) for w in ("victim", "perpetrator")]
    total_killed = sum(k[0] for k in killed if k)
    if any(killed):
        figures["fatalities"] = _sum_bounds([k for k in killed if k])
        for kind in ("civilian", "security", "combatant", "perpetrator"):
            k = amount("killed", kind)
            if k:
                figures[f"fatalities_{kind}"] = k
    injured = [amount("injured", w) for w in ("victim", "perpetrator")]
    shot = [amount("shot", w) for w in ("victim", "perpetrator")]
    hit = sum(s[0] for s in shot if s)
    if any(injured):
        figures["wounded"] = _sum_bounds([i for i in injured if i])
    # everyone shot and not said killed is hurt, even beside a smaller explicit
    # count ("four were taken to the hospital ... one is in stable condition")
    if hit > total_killed and hit - total_killed > figures.get("wounded", (0.0,))[0]:
        n = hit - total_killed
        figures["wounded"] = (n, n, n)
    return figures


def _sum_bounds(
    parts: list[tuple[float, float | None, float | None]],
) -> tuple[float, float | None, float | None]:
    value = sum(p[0] for p in parts)
    low = None if any(p[1] is None for p in parts) else sum(p[1] or 0 for p in parts)
    high = None if any(p[2] is None for p in parts) else sum(p[2] or 0 for p in parts)
    return value, low, high


def _people(names: set[str]) -> int:
    """How many people the names stand for: "Melody Cerros" and "Melody" share a word
    and are one person (first name, surname and full name of one victim)."""
    groups: list[set[str]] = []
    for name in names:
        words = set(name.split())
        joined = [g for g in groups if g & words]
        for g in joined:
            groups.remove(g)
            words |= g
        groups.append(words)
    return len(groups)


def deaths_stated(texts: Iterable[str]) -> bool:
    """True when the incident is called a murder-suicide: its shot are its dead."""
    words = read_json("victims.json")["deaths_stated"]["words"]
    return any(w in t.lower() for t in texts for w in words)


def shot_as_killed(counts: Sequence[VictimCount]) -> list[VictimCount]:
    """The counts with "shot" read as "killed", but for the people the article says
    are alive and hurt ("her father shot her and her mother before killing himself
    ... she was in critical condition"): as many as the largest injured statement
    stay shot in each clause that shot more than that many."""
    alive = max(
        (c.value or 0 for c in counts if c.outcome == "injured" and c.kind != "perpetrator"),
        default=0,
    )
    kept: set[int] = set()
    if alive:
        clauses: dict[int, list[int]] = {}
        for i, c in enumerate(counts):
            if c.outcome == "shot" and c.kind != "perpetrator":
                clauses.setdefault(c.clause, []).append(i)
        for members in clauses.values():
            if len(members) > alive:
                kept.update(members[: int(alive)])
    return [
        replace(c, outcome="killed") if c.outcome == "shot" and i not in kept else c
        for i, c in enumerate(counts)
    ]
