"""An incident's figures from its victim counts (``tally``).

``victims`` reads who was killed, injured or shot from one sentence's parse;
this module decides what those statements add up to for the incident: the
largest statement wins, named victims count once, perpetrators apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from crosswire.datafiles import read_json
from crosswire.nlp.events.tally_apart import added_hurt, sexes_apart
from crosswire.nlp.events.victims import VictimCount

Figures = tuple[float, float | None, float | None]

__all__ = ["alive_unless_dead", "deaths_stated", "shot_as_killed", "tally", "told_singly"]


def tally(counts: Sequence[VictimCount]) -> dict[str, tuple[float, float | None, float | None]]:
    """Figures of one incident from its counts: slot -> (best, low, high).

    Per outcome and side (perpetrators apart from everyone else), the largest
    statement wins and each named victim counts once; the total killed is
    victims plus perpetrators. People shot beyond those said killed are the
    injured when they outnumber the explicit injured count. Kind slots
    (``fatalities_civilian``, ``fatalities_security``, ``fatalities_perpetrator``,
    and ``wounded_`` the same kinds) come with the totals ``fatalities`` and ``wounded``.
    """
    figures: dict[str, tuple[float, float | None, float | None]] = {}
    told = counts
    best: dict[tuple[str, str], tuple[float, float | None, float | None]] = {}
    names: dict[tuple[str, str], set[str]] = {}
    clauses: dict[tuple[int, str, str], dict[int, tuple[float, float | None, float | None]]] = {}
    acted: dict[tuple[int, str, str], bool] = {}  # every victim of the clause is an act's object
    # a self-harm is the one victim, unless someone else was harmed too (murder-suicide)
    # "shot himself ... the bullet struck him": a pronoun may be the self-harmer again
    selves = {c.who for c in counts if c.kind == "self" and c.who}
    others_harmed = any(
        c.by_other and c.kind not in {"perpetrator", "self"} and c.who not in selves for c in counts
    )
    self_kind = "perpetrator" if others_harmed else "civilian"
    counts = _dead_told_hurt(
        [replace(c, kind=self_kind) if c.kind == "self" else c for c in counts]
    )
    for c in counts:
        side = "perpetrator" if c.kind == "perpetrator" else "victim"
        if c.kind == "total" and c.outcome != "killed":
            side = "total"  # "all five" hurt: victims and perpetrators together
        for key in {(c.outcome, side), (c.outcome, c.kind)}:
            if c.name:
                names.setdefault(key, set()).add(c.name)
            if c.value is not None:
                # by victim phrase: "were taken to the hospital and then transported"
                # names the same people twice
                clauses.setdefault((c.clause, *key), {})[c.start] = (c.value, c.low, c.high)
                acted[(c.clause, *key)] = acted.get((c.clause, *key), True) and c.by_other
    # one clause adds its victims up ("killed his wife and her mother"); statements compete
    numbered: dict[tuple[str, str], bool] = {}
    for (_, outcome, who), parts in clauses.items():
        summed = _sum_bounds(list(parts.values()))
        if (outcome, who) not in best or summed[0] > best[(outcome, who)][0]:
            best[(outcome, who)] = summed
            numbered[(outcome, who)] = summed[0] > 1
    _perpetrator_in_total(best, clauses, acted)
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
    # "an officer was shot ... the suspect was killed": a dead perpetrator is none of
    # the victims shot
    n = (shot[0][0] if shot[0] else 0.0) - (killed[0][0] if killed[0] else 0.0)
    if killed[1] and n > figures.get("wounded", (0.0,))[0]:
        figures["wounded"] = (n, n, n)
    # "All five were taken to the hospital" counts everyone hurt, the suspect shot
    # back included: a whole, not more victims beside the perpetrators
    whole = [amount("injured", "total"), amount("shot", "total")]
    n = max(whole[0][0] if whole[0] else 0.0, (whole[1][0] if whole[1] else 0.0) - total_killed)
    if n > figures.get("wounded", (0.0,))[0]:
        figures["wounded"] = (n, n, n)
    # "a 7-year-old girl was killed ... the 56-year-old was taken to the hospital": when
    # the age or the name of every dead victim is told, someone shot with another age or
    # name is another person, alive and hurt
    apart = float(_others_hurt(counts, killed[0][0] if killed[0] else 0.0))
    apart = max(apart, float(_told_apart(counts)))
    apart = max(apart, added_hurt(told, tally))
    if not total_killed:
        apart = max(apart, float(sexes_apart(counts)))
    if apart > figures.get("wounded", (0.0,))[0]:
        figures["wounded"] = (apart, apart, apart)
    # the hurt by kind, like the dead: a wounded suspect or officer is told apart;
    # kinds that add up to more than the total are not told ("the three dead" may
    # count the gunman who also "shot himself")
    kinds = {
        k: _hurt_of_kind(amount, k) for k in ("civilian", "security", "combatant", "perpetrator")
    }
    if "wounded" in figures and sum(kinds.values()) <= figures["wounded"][0]:
        figures.update({f"wounded_{k}": (n, n, n) for k, n in kinds.items() if n})
    return figures


# person words that may stand for any victim: "the teen" may be "a 16-year-old boy"
_ANYONE = frozenset({"he", "she", "victim", "person", "teen", "teenager", "youth", "juvenile"})


def _dead_told_hurt(counts: Sequence[VictimCount]) -> list[VictimCount]:
    """The counts without the hurt who are a dead victim told before (or apart from)
    their death: "A 16-year-old boy was critically wounded ... the 16-year-old boy
    died" and "he was rushed to the hospital" beside "Marcus Reed, 17, was killed"
    are the dead boy, not one more person hurt. A hurt person told singly is one of
    the dead when their age is a dead victim's, or, with no age or name, when told
    by a pronoun, "the victim", "the teen" or the same person word as a dead victim
    told dead after it; "a woman", "his brother", "a second man", another age or
    name is someone else. A hurt person named as a dead victim is that victim, in
    whatever order the article tells it ("Morgan Reed died Tuesday ... his mother,
    Morgan, 27, was injured")."""
    apart = {"perpetrator", "total"}
    dead = [c for c in counts if c.outcome == "killed" and c.kind not in apart]
    if not dead:
        return list(counts)
    ages = {c.age for c in dead if c.age is not None}
    words = {c.who for c in dead if c.who}

    def told_dead(c: VictimCount) -> bool:
        # "shot" (final state open) is netted against the dead already, but for a
        # pronoun, which must not make a second side ("shot himself ... shot him")
        shot_pron = c.outcome == "shot" and c.who in {"he", "she"}
        if c.name and c.outcome in {"shot", "injured"} and c.kind not in apart:
            # "his mother, Morgan, 27, was injured" beside "Morgan Reed died": her
            return any(d.name and _one_person(c.name, d.name) for d in dead)
        if not (c.outcome == "injured" or shot_pron) or c.kind in apart or not c.singly:
            return False
        if c.who is None or c.who in {"other", "rest"} or c.name:
            return False
        if c.age is not None:
            return c.age in ages
        # hurt, then dead: a later death told of one person ("... where he died")
        later = any(
            d.singly and d.start > c.start and {c.who, d.who} != {"he", "she"} for d in dead
        )
        return later and (c.who in words or c.who in _ANYONE)

    return [c for c in counts if not told_dead(c)]


def _one_person(a: str, b: str) -> bool:
    """Two names of one person: they share a word and no two full names with other
    first names ("morgan" and "morgan reed"; not "jaxon reed" and "joseph reed")."""
    wa, wb = a.split(), b.split()
    if not set(wa) & set(wb):
        return False
    return not (len(wa) > 1 and len(wb) > 1 and wa[0] != wb[0])


def _told_apart(counts: Sequence[VictimCount]) -> int:
    """1 when a person shot or hurt is told apart from the dead by a death told of "the
    other" after them: "one of the victims was taken to the hospital ... the other
    victim was pronounced dead"; else 0."""
    apart = {"perpetrator", "self", "total"}
    dead = [c for c in counts if c.outcome == "killed" and c.kind not in apart]
    for c in counts:
        if c.outcome not in {"shot", "injured"} or c.kind in apart or c.value != 1:
            continue
        if c.who != "rest" and any(d.who == "rest" and d.start > c.start for d in dead):
            return 1
    return 0


def _hurt_of_kind(amount: Callable[[str, str], Figures | None], kind: str) -> float:
    """The hurt of one kind: its explicit count, or its shot beyond its dead."""
    told = amount("injured", kind)
    shot, dead = amount("shot", kind), amount("killed", kind)
    beyond = (shot[0] if shot else 0.0) - (dead[0] if dead else 0.0)
    return max(told[0] if told else 0.0, beyond)


def told_singly(counts: Sequence[VictimCount], slot: str) -> bool:
    """True when every statement behind the slot's figure tells of one person by who
    they are ("a man was shot", "he was grazed", "John Smith died"), none of how many
    ("four people were wounded", "one man", "the victims"): the article tells of the
    victims one by one, as a report about one of them does, and its figure is no
    statement of the total (fusion F4f)."""
    outcomes = {"injured", "shot"} if slot.startswith("wounded") else {"killed"}
    told = [c for c in counts if c.outcome in outcomes]
    return bool(told) and all(c.singly for c in told)


def _others_hurt(counts: Sequence[VictimCount], dead: float) -> int:
    """How many single victims shot or hurt are told apart from every dead victim by
    their age or their name: when the dead are as many as the ages told of them ("a
    7-year-old girl was killed ... a child who had died ... the 56-year-old was taken
    to the hospital"), or every statement of a death names its one victim ("a 7-year-old
    was fatally shot ... Jayden Norton was shot" stays one child)."""
    if not dead:
        return 0
    apart = {"perpetrator", "self", "total"}
    killed = [c for c in counts if c.outcome == "killed" and c.kind not in apart]
    hurt = [
        c
        for c in counts
        if c.outcome in {"shot", "injured"} and c.kind not in apart and c.value == 1
    ]
    ages = {c.age for c in killed if c.age is not None}
    by_age: set[int] = set()
    if len(ages) >= dead:  # as many ages of the dead as dead: the rest are among them
        by_age = {c.age for c in hurt if c.age is not None and c.age not in ages}
    names = {c.name for c in killed if c.name}
    by_name: set[str] = set()
    if _people(names) >= dead and all(c.name for c in killed):
        dead_words = {w for n in names for w in n.split()}
        by_name = {c.name for c in hurt if c.name and not set(c.name.split()) & dead_words}
    return max(len(by_age), _people(by_name))


def _perpetrator_in_total(
    best: dict[tuple[str, str], tuple[float, float | None, float | None]],
    clauses: dict[tuple[int, str, str], dict[int, tuple[float, float | None, float | None]]],
    acted: dict[tuple[int, str, str], bool],
) -> None:
    """ "a man killed his two children and then himself ... three people were found
    dead": a statement of the dead equal to the victims of the killer's acts plus the
    perpetrators who died counts those perpetrators too (three dead, not four); the
    victims are then the acts' victims."""
    perpetrators, victims = best.get(("killed", "perpetrator")), best.get(("killed", "victim"))
    if not perpetrators or not victims:
        return
    acts = [
        sum(v[0] for v in parts.values())
        for key, parts in clauses.items()
        if key[1:] == ("killed", "victim") and acted.get(key)
    ]
    if not acts or victims[0] != max(acts) + perpetrators[0] or max(acts) < 1:
        return
    told = max(acts)
    for key in (("killed", "victim"), ("killed", "civilian")):
        if key in best and best[key][0] == victims[0]:
            best[key] = (told, told, told)


def _sum_bounds(
    parts: list[tuple[float, float | None, float | None]],
) -> tuple[float, float | None, float | None]:
    value = sum(p[0] for p in parts)
    low = None if any(p[1] is None for p in parts) else sum(p[1] or 0 for p in parts)
    high = None if any(p[2] is None for p in parts) else sum(p[2] or 0 for p in parts)
    return value, low, high


def _people(names: set[str]) -> int:
    """How many people the names stand for: "Melody Cerros" and "Melody" share a word
    and are one person (first name, surname and full name of one victim); two full
    names with other first names are two people even with one surname ("Morgan
    Slaight" and "Jaxon Slaight", mother and son). The end of a longer name is that
    name again ("Gomez Martinez" of "Diego Gomez Martinez")."""
    groups: list[set[str]] = []
    firsts: list[set[str]] = []  # the first words of each group's full names
    ends: list[set[tuple[str, ...]]] = []  # the endings of each group's full names
    for name in sorted(names, key=lambda n: -len(n.split())):
        split = tuple(name.split())
        words = set(split)
        if len(split) > 1 and any(split in e for e in ends):
            continue  # the surname part of a name told in full
        first = {split[0]} if len(words) > 1 else set()
        joined = [
            i
            for i, g in enumerate(groups)
            if g & words and not (first and firsts[i] and not first & firsts[i])
        ]
        if len(words) == 1 and len(joined) > 1:
            continue  # "Slaight" alone: one of the people already named
        end = {split[i:] for i in range(1, len(split))}
        for i in sorted(joined, reverse=True):
            words |= groups.pop(i)
            first |= firsts.pop(i)
            end |= ends.pop(i)
        groups.append(words)
        firsts.append(first)
        ends.append(end)
    return len(groups)


def alive_unless_dead(
    counts: Sequence[VictimCount], incident: Sequence[VictimCount]
) -> list[VictimCount]:
    """A sentence's counts without the named people it says were shot or hurt whom
    the article's incident names among its dead: "court records show Tolbert was
    shot as he was hanging out" is the shooting in which Jatarius Tolbert died,
    not one more person hurt (the latest state wins)."""
    dead = {w for c in incident if c.outcome == "killed" and c.name for w in c.name.split()}
    return [
        c
        for c in counts
        if not (c.outcome in {"shot", "injured"} and c.name and set(c.name.split()) & dead)
    ]


def deaths_stated(texts: Iterable[str]) -> bool:
    """True when the incident is called a murder-suicide: its shot are its dead."""
    words = read_json("victims.json")["deaths_stated"]["words"]
    return any(w in t.lower() for t in texts for w in words)


def shot_as_killed(counts: Sequence[VictimCount]) -> list[VictimCount]:
    """The counts with "shot" read as "killed", but for the people the article says
    are alive and hurt ("her father shot her and her mother before killing himself
    ... she was in critical condition"): as many as the largest injured statement
    stay shot in each clause that shot more than that many."""
    hurt = [c for c in counts if c.outcome == "injured" and c.kind != "perpetrator"]
    alive = max((c.value or 0 for c in hurt), default=0)
    # "Eva Diaz was taken to the hospital, where staff said she was in critical
    # condition": a person named alive stays shot
    named = {c.name for c in hurt if c.name}
    kept: set[int] = set()
    if alive:
        clauses: dict[int, list[int]] = {}
        for i, c in enumerate(counts):
            if c.outcome == "shot" and c.kind != "perpetrator":
                clauses.setdefault(c.clause, []).append(i)
        for members in clauses.values():
            if len(members) > alive:
                kept.update(members[: int(alive)])
    kept |= {
        i for i, c in enumerate(counts) if c.name and any(_one_person(c.name, n) for n in named)
    }
    # the living told in one clause ("Morgan and Joseph are in critical condition": 2)
    clause_alive: dict[int, float] = {}
    for c in hurt:
        clause_alive[c.clause] = clause_alive.get(c.clause, 0.0) + (c.value or 0)
    living = max(clause_alive.values(), default=0.0)
    out: list[VictimCount] = []
    for i, c in enumerate(counts):
        if c.outcome != "shot" or i in kept:
            out.append(c)
        elif living and (c.value or 0) > living:
            # "found 3 victims with gunshot wounds" beside two in critical condition: one
            # dead, two shot and alive
            n = (c.value or 0) - living
            out += [replace(c, value=living, low=living, high=living)]
            out += [replace(c, outcome="killed", value=n, low=n, high=n)]
        else:
            out.append(replace(c, outcome="killed"))
    return out
