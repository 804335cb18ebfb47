"""Figures: event numbers reconciled to low/best/high, and their conflicts.

Event figures (reasons in ``docs/fusion.md``):

* numbers of one event are grouped by slot (``what``: "killed", "injured"...);
* one **report per origin**: copies of one wire story are one report; of its
  versions the latest counts (updates supersede), and inside it the largest
  number (a story that says "rose to" updates itself upward);
* **low** = smallest lower bound, **high** = largest upper bound over all
  reports; an open bound ("more than 50" has no upper bound) keeps the result
  open (None);
* **best** = the value most independent origins reported (**F4d**), ties to
  the smallest: ACLED's "most conservative estimate" rule when sources differ,
  since we have no reliability scores to pick UCDP's "most reliable" figure
  (copies of one story are one origin, so they cannot outvote others);
* **F4e** the hurt who died later raise the dead: a report published on a later
  day counting more dead than an earlier report, by no more than that report's
  hurt, is the best killed;
* **F4f** for the hurt, a report whose every statement tells of one person by
  who they are ("he was grazed", a story about one victim) does not undercut
  another origin's count ("four people were wounded");
* two reports of one slot from different origins **published the same day**
  whose ranges do not overlap are a conflicting-figures dispute. On different
  days they are revisions, kept visible as low/high with each source's
  ``as_of`` day;
* **F4c** victims who die later move from the injured to the killed: a report's
  wounded count loses the deaths that later reports add to its own killed count;
* **F4g** an article whose main mention is in the event gives its casualty
  figures through that mention alone (its other mentions retell its victims);
* **F4h** for F4c, a report telling one person hurt and no dead loses them to
  other reports' dead whatever the day, unless a report tells dead and hurt apart;
* **F4b** one report giving two disjoint values for one slot ("four targets",
  then "eight targets") is flagged too: the larger does not silently win;
* **F5** a figure whose sentence names the period it covers ("last year",
  "from Friday to Sunday") has its own slot, qualified by the period.

Running totals are not event figures: see :mod:`crosswire.fusion.series`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from typing import TypeVar

from crosswire.fusion.records import Figure, FigureSource, Mention, Number, SeriesPoint, whole

Report = TypeVar("Report", FigureSource, SeriesPoint)


def _self_conflicts(sources: list[FigureSource]) -> list[tuple[FigureSource, FigureSource]]:
    """F4b: one report (an origin's latest version) giving two disjoint values for one
    slot ("four targets" and later "eight targets") is a conflict to flag: the
    larger value does not silently replace the smaller one."""
    latest: dict[str, int] = {}
    for s in sources:
        latest[s.origin] = max(latest.get(s.origin, s.version), s.version)
    out: list[tuple[FigureSource, FigureSource]] = []
    seen: set[tuple[str, Number | None, Number | None]] = set()
    for i, a in enumerate(sources):
        for b in sources[i + 1 :]:
            if a.origin != b.origin or a.version != b.version or a.version != latest[a.origin]:
                continue
            if a.article != b.article or not _disjoint(a, b):
                continue
            key = (a.origin, a.value, b.value)
            if key not in seen:
                seen.add(key)
                out.append((a, b))
    return out


def _report_rank(s: FigureSource) -> tuple[bool, int, str, Number]:
    # A dated version outranks an undated one: the family numbers undated
    # members last, but an undated republished copy of the first report cannot
    # show it is newer than a dated update ("death toll rises to 19").
    value = s.value if s.value is not None else -1
    return (s.published is not None, s.version, s.published or "", value)


def _origin_reports(sources: list[FigureSource]) -> dict[str, FigureSource]:
    """One report per origin: latest dated version, then the largest value."""
    best: dict[str, FigureSource] = {}
    for s in sources:
        held = best.get(s.origin)
        if held is None or _report_rank(s) > _report_rank(held):
            best[s.origin] = s
    return best


def _disjoint(a: FigureSource | SeriesPoint, b: FigureSource | SeriesPoint) -> bool:
    (alo, ahi), (blo, bhi) = a.bounds(), b.bounds()
    if ahi is not None and blo is not None and ahi < blo:
        return True
    return bhi is not None and alo is not None and bhi < alo


_ALL_PAIRS = 8  # up to this many distinct figures a day, every disjoint pair is a dispute


def conflicts(reports: Sequence[Report]) -> list[tuple[Report, Report]]:
    """Pairs of reports from different origins, same publication day, disjoint ranges.

    Reports of one day that give the same range are one figure, represented by
    the first of them (the rest stay visible as sources of the number): 1,000
    outlets saying 12 against 1,000 saying 30 is one disagreement, not a million.
    With more than ``_ALL_PAIRS`` distinct figures on one day, each is set only
    against the day's lowest and highest figure, so the count stays linear.
    """
    # Per day and range: the first report, and the first from another origin
    # (enough to find two different origins for any pair of figures).
    days: dict[str, dict[tuple[Number | None, Number | None], list[Report]]] = defaultdict(dict)
    for r in reports:
        if r.published:
            held = days[r.published].setdefault(r.bounds(), [])
            if not held or (len(held) == 1 and held[0].origin != r.origin):
                held.append(r)
    rank = {id(r): i for i, r in enumerate(reports)}
    out: list[tuple[Report, Report]] = []
    for figures in days.values():
        reps = list(figures.values())
        if len(reps) <= _ALL_PAIRS:
            pairs = [(a, b) for i, a in enumerate(reps) for b in reps[i + 1 :]]
        else:
            inf = float("inf")
            lowest = min(reps, key=lambda f: _or(f[0].bounds()[1], inf))
            highest = max(reps, key=lambda f: _or(f[0].bounds()[0], -inf))
            pairs = [(f, x) for f in reps for x in (lowest, highest) if x is not f]
        seen: set[tuple[int, int]] = set()
        for fa, fb in pairs:
            if not _disjoint(fa[0], fb[0]):
                continue
            pick = next(((a, b) for a in fa for b in fb if a.origin != b.origin), None)
            if pick is None:
                continue
            a, b = pick if rank[id(pick[0])] < rank[id(pick[1])] else (pick[1], pick[0])
            if (id(a), id(b)) not in seen:
                seen.add((id(a), id(b)))
                out.append((a, b))
    out.sort(key=lambda p: (rank[id(p[0])], rank[id(p[1])]))
    return out


def _or(value: Number | None, default: float) -> float:
    return default if value is None else value


def reconcile(
    mentions: Sequence[Mention],
    skip: Collection[tuple[str, int, int]] = frozenset(),
) -> tuple[list[Figure], list[tuple[str, FigureSource, FigureSource]]]:
    """Numbers of one event as [{what, low, best, high, sources}], plus the
    same-day conflicting pairs per slot. ``skip`` holds (article, start, end)
    of numbers already taken as running totals."""
    slots: dict[str, list[FigureSource]] = defaultdict(list)
    counted = _articles_counted(mentions)
    for m in mentions:
        for n in m.numbers:
            what = str(n.get("what") or "").casefold().strip()
            if not what or (m.article, n.get("start"), n.get("end")) in skip:
                continue
            if m.role != "main" and m.article in counted and what.startswith(_CASUALTY):
                continue  # F4g: the article's main mention holds its count of the victims
            if n.get("span"):
                what = f"{what} ({n['span']})"  # F5: a period's figure has its own slot
            slots[what].append(
                FigureSource(
                    article=m.article,
                    outlet=m.outlet,
                    claimant=m.claimant,
                    value=whole(n.get("value")),
                    low=whole(n.get("low")),
                    high=whole(n.get("high")),
                    text=n.get("text"),
                    start=n.get("start"),
                    end=n.get("end"),
                    origin=m.origin,
                    version=m.version,
                    claim=m.claim,
                    published=m.published.isoformat() if m.published else None,
                    singly=bool(n.get("told_singly")),
                )
            )
    numbers: list[Figure] = []
    disputed: list[tuple[str, FigureSource, FigureSource]] = []
    pairs: set[tuple[str, int | None, int | None, str, int | None, int | None]] = set()
    for what in sorted(slots):
        sources = slots[what]
        reports = list(_origin_reports(sources).values())
        lows = [r.bounds()[0] for r in reports]
        highs = [r.bounds()[1] for r in reports]
        low = None if not lows or None in lows else min(x for x in lows if x is not None)
        high = None if not highs or None in highs else max(x for x in highs if x is not None)
        best = _best(reports, partial=what == "wounded")
        for s in sources:
            s.basis = [
                name
                for name, ok in (
                    ("low", low is not None and s.bounds()[0] == low),
                    ("best", best is not None and s.value == best),
                    ("high", high is not None and s.bounds()[1] == high),
                )
                if ok
            ]
        numbers.append(Figure(what, low, best, high, sources))
        for a, b in [*conflicts(reports), *_self_conflicts(sources)]:
            # A pair of reports in conflict over "wounded" is in conflict over
            # "wounded_civilian" too: one dispute (its id is its sides), told
            # under the broader slot, which sorts first.
            pair = (a.article, a.start, a.end, b.article, b.start, b.end)
            if pair not in pairs:
                pairs.add(pair)
                disputed.append((what, a, b))
    _deaths_added(numbers)
    _died_later(numbers)
    return numbers, disputed


_CASUALTY = ("fatalities", "wounded")


def _articles_counted(mentions: Sequence[Mention]) -> set[str]:
    """F4g: the articles whose main mention is among the event's and states its
    victims. The analysis gives an article's main mention the incident's figures
    from all its sentences about the incident; another mention of the same article
    that fusion puts in the same event ("he was shot" in a paragraph the analysis
    took for background) tells of some of those victims again, not of more."""
    return {
        m.article
        for m in mentions
        if m.role == "main"
        and any(str(n.get("what") or "").startswith(_CASUALTY) for n in m.numbers)
    }


def _best(reports: list[FigureSource], partial: bool = False) -> Number | None:
    """F4 best: the value most independent origins report (F4d), ties to the smallest
    (the most conservative). With ``partial`` (the hurt, F4f) a report that only tells
    of people one by one ("a man", "he", a name) need not tell of them all: when
    another origin says how many, only the reports that count take part."""
    valued = [r for r in reports if r.value is not None]
    if partial:
        valued = [r for r in valued if not r.singly] or valued
    votes: dict[Number, int] = defaultdict(int)
    for r in valued:
        if r.value is not None:
            votes[r.value] += 1
    if not votes:
        return None
    return min(votes, key=lambda v: (-votes[v], v))


def _deaths_added(numbers: list[Figure]) -> None:
    """F4e: a report published on a later day that counts more dead than an earlier
    report, no more than that report's dead and hurt together, tells of the hurt who
    died since ("the mother wounded on Friday has died"): its count is the best
    killed; F4c then takes them off the hurt."""
    by = {n.what: n for n in numbers}
    killed, wounded = by.get("fatalities"), by.get("wounded")
    if killed is None or wounded is None or killed.best is None:
        return
    dead = _origin_reports(killed.sources)
    hurt = _origin_reports(wounded.sources)
    best = killed.best
    for later in dead.values():
        if later.value is None or later.value <= best:
            continue
        for origin, earlier in hurt.items():
            before = (dead[origin].value or 0) if origin in dead else 0
            if (
                earlier.published is not None
                and later.published is not None
                and earlier.published < later.published
                and earlier.value is not None
                and before < later.value <= before + earlier.value
            ):
                best = later.value
    if best != killed.best:
        killed.best = best
        for src in killed.sources:
            basis = [b for b in src.basis or [] if b != "best"]
            src.basis = basis + ["best"] * (src.value == best)


def _died_later(numbers: list[Figure]) -> None:
    """F4c: victims who die later move from the injured to the killed. A report's
    wounded count loses the deaths that reports published after it add to its own
    killed count (capped by the event's best killed figure): "a man was shot" on
    Monday and "the man has died" on Tuesday are one dead, not one dead and one hurt.
    A later report that still counts as many hurt ("five others were wounded") tells
    of other dead and moves no one. The best wounded is then the smallest such count
    when it is below F4's."""
    by = {n.what: n for n in numbers}
    killed, wounded = by.get("fatalities"), by.get("wounded")
    if killed is None or wounded is None or killed.best is None or wounded.best is None:
        return
    dead = killed.best
    deaths = list(_origin_reports(killed.sources).values())
    own = {r.origin: r.value or 0 for r in deaths}
    reports = _origin_reports(wounded.sources)
    # the hurt a report counts ("five others were wounded"); "the boy was shot" may be
    # the dead child told again
    hurt = {o: r.value or 0 for o, r in reports.items() if not r.singly}
    # F4h: no report tells the dead and the hurt apart (each counts one or the other)
    apart = any(own.get(o, 0) and r.value for o, r in reports.items())
    counts: list[Number] = []
    for r in reports.values():
        if r.singly and not all(x.singly for x in reports.values()):
            continue  # F4f: not one of the reports the best is taken from
        if r.value is None:
            continue
        before = own.get(r.origin, 0)
        # F4h: "a teenager was shot", told of one person by a report that counts no
        # dead, is the victim other reports count dead, whatever their day
        any_day = r.singly and not before and not apart
        later = [
            (d.value or 0) - before
            for d in deaths
            if (d.value or 0) > before
            and (any_day or (d.published or "") > (r.published or ""))
            and hurt.get(d.origin, 0) < r.value
        ]
        moved = min(max(later), dead - before) if later else 0
        counts.append(max(0, r.value - max(0, moved)))
    # the smallest: a same-day report cannot show that its hurt have not died since
    if counts and min(counts) < wounded.best:
        wounded.best = min(counts)
        if wounded.low is not None and wounded.best < wounded.low:
            wounded.low = wounded.best
