"""Stories in an incremental refresh: re-group the articles new ones can touch.

A story spans at most the story window (``window_days``, or ``follow_up_days``
for the follow-up links) of publication days, so new articles can only join
articles published within that window of them, plus their own wire families.
Those articles and every article of a story holding one of them are grouped
again (:func:`crosswire.fusion.stories.story_records`); the stories they held
are replaced. Events go to the story holding most of their mentions' articles,
ties to the story first in the export's order, as the export gives them.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from typing import Any

from crosswire.store.picture import keyed_rows
from crosswire.store.picture_db import PictureDb
from crosswire.web import story_stats
from crosswire.web.readmodel import Record, records, strs

_NO_START = "9999"


def _order(e: Mapping[str, Any]) -> tuple[str, str]:
    return (str(e.get("date") or ""), str(e.get("id")))


def _arts(e: Mapping[str, Any]) -> set[str]:
    return {str(m.get("article")) for m in records(e.get("mentions"))}


def day(value: Any) -> dt.date | None:
    """The publication day of an ISO date-time string, or ``None``."""
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def window_days() -> int:
    """How far apart (days) two articles of one story can be published."""
    from crosswire.fusion import embed
    from crosswire.fusion.story_links import follow_up_days

    return max(int(embed.settings()["window_days"]), follow_up_days())


def day_bounds(days: Iterable[dt.date], window: int) -> list[tuple[str, str]]:
    """The publication-day ranges (ISO, end exclusive) within ``window`` days of
    ``days``, overlapping ranges merged."""
    out: list[tuple[dt.date, dt.date]] = []
    for d in sorted(set(days)):
        lo, hi = d - dt.timedelta(days=window), d + dt.timedelta(days=window + 1)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return [(lo.isoformat(), hi.isoformat()) for lo, hi in out]


def story_members(db: PictureDb, story_keys: Iterable[str]) -> dict[str, list[str]]:
    """Story key -> its article ids in story order."""
    out: dict[str, list[str]] = {}
    rows = keyed_rows(
        db,
        "SELECT story_key, pos, article_id FROM pic_story_articles WHERE story_key IN ({marks})",
        story_keys,
    )
    for key, _, aid in sorted(rows, key=lambda r: (str(r[0]), int(r[1]))):
        out.setdefault(str(key), []).append(str(aid))
    return out


class StoryPart(ABC):
    """The story half of :class:`crosswire.web.increment_parts.Delta`.

    Abstract: the row readers below are ``Delta``'s, declared here so the story
    code type-checks on its own.
    """

    db: PictureDb
    new: list[Record]
    new_ids: list[str]
    events_new: dict[str, Record]
    block_of: dict[str, str]
    old_events: dict[str, Record]
    old_story: dict[str, str | None]
    events_gone: set[str]
    disputes: dict[str, Record]
    dispute_articles: set[str]
    claims: list[Record]
    sections: dict[str, list[Any]]
    story_counts: story_stats.Added

    @abstractmethod
    def analyses(self, ids: list[str]) -> dict[str, Record]:
        """See ``Delta``."""

    @abstractmethod
    def articles(self, ids: Iterable[str]) -> dict[str, Record]:
        """See ``Delta``."""

    @abstractmethod
    def _data(self, table: str, keys: Iterable[str]) -> dict[str, Record]:
        """See ``Delta``."""

    @abstractmethod
    def _events_of_articles(self, articles: set[str]) -> dict[str, Record]:
        """See ``Delta``."""

    def _stories(self) -> None:
        """Re-group the window's articles and give the touched events their story."""
        from crosswire.fusion.framing import outlet_framing
        from crosswire.fusion.stories import story_records

        db = self.db
        days = [d for a in self.new if (d := day(a.get("published"))) is not None]
        window: set[str] = set()
        for lo, hi in day_bounds(days, window_days()):
            window |= {
                str(r[0])
                for r in db.rows(
                    "SELECT id FROM articles WHERE published >= ? AND published < ?", [lo, hi]
                )
            }
        families = {str(a["family"]) for a in self.new if a.get("family")}
        window |= {
            str(r[0])
            for r in keyed_rows(db, "SELECT id FROM articles WHERE family IN ({marks})", families)
        }
        window |= set(self.new_ids)
        old_keys = {
            str(r[0])
            for r in keyed_rows(
                db,
                "SELECT DISTINCT story_key FROM pic_story_articles WHERE article_id IN ({marks})",
                window,
            )
        }
        subset = window.union(*story_members(db, old_keys).values())
        self.regrouped = subset
        arts = self.articles(subset)
        cand = self._events_of_articles(set(arts))
        cand.update(self.events_new)
        analyses = self.analyses(list(arts))
        corpus, self.story_counts = story_stats.load(db, arts.values(), analyses, set(self.new_ids))
        stories = story_records(
            list(arts.values()),
            analyses,
            events=sorted(cand.values(), key=_order),
            corpus=corpus,
        )
        # Events: votes of their mentions' articles, new stories or stored ones.
        story_of = {a: s.id for s in stories for a in s.articles}
        order = {s.id: (-len(s.articles), s.start or _NO_START, s.id) for s in stories}
        outside = {a for e in cand.values() for a in _arts(e)} - set(story_of)
        for aid, key, n, start in keyed_rows(
            db,
            "SELECT sa.article_id, s.key, s.n_articles, s.start_day FROM pic_story_articles sa "
            "JOIN pic_stories s ON s.key = sa.story_key WHERE sa.article_id IN ({marks})",
            outside,
        ):
            story_of[str(aid)] = str(key)
            order[str(key)] = (-int(n), start or _NO_START, str(key))
        stored = keyed_rows(
            db, "SELECT key, story_id, block FROM pic_events WHERE key IN ({marks})", cand
        )
        before = {str(k): s for k, s, _ in stored}
        # An event rewritten only because its story changed keeps its fusion
        # block: without it the row lost its block (``block`` NULL), and the
        # next refresh of that block could not find it to replace.
        for k, _, block in stored:
            if block is not None:
                self.block_of.setdefault(str(k), str(block))
        before.update({k: v for k, v in self.old_story.items()})
        winner: dict[str, str | None] = {}
        for eid, e in cand.items():
            votes = [
                story_of[m]
                for m in (str(x.get("article")) for x in records(e.get("mentions")))
                if m in story_of
            ]
            winner[eid] = (
                min(set(votes), key=lambda s: (-votes.count(s), order[s])) if votes else None
            )
        moved = {e for e in cand if winner[e] != before.get(e)}
        self.event_writes = set(self.events_new) | moved
        new_ids = {s.id for s in stories}
        touched = {before.get(e) for e in moved | self.events_gone} | {winner[e] for e in moved}
        # A rewritten event row names its story (``story_id``) even when it stays
        # in it: that story is read back with its events.
        touched |= {winner[e] for e in self.events_new}
        touched |= {
            str(r[0])
            for r in keyed_rows(
                db,
                "SELECT DISTINCT story_key FROM pic_story_articles WHERE article_id IN ({marks})",
                self.dispute_articles,
            )
        }
        outside_keys = {s for s in touched if s} - new_ids - old_keys
        self.stories_gone = old_keys - new_ids
        self.story_writes = new_ids | outside_keys
        # Each story's events in the export's event order.
        held: dict[str, dict[str, tuple[str, str]]] = {s: {} for s in self.story_writes}
        for sid, key, date_sort in keyed_rows(
            db,
            "SELECT story_id, key, date_sort FROM pic_events WHERE story_id IN ({marks})",
            outside_keys,
        ):
            if str(key) not in cand and str(key) not in self.events_gone:
                held[str(sid)][str(key)] = (str(date_sort), str(key))
        for eid, sid in winner.items():
            if sid in held:
                held[sid][eid] = _order(cand[eid])
        self.story_events = {
            s: [k for k, _ in sorted(h.items(), key=lambda x: x[1])] for s, h in held.items()
        }
        self.new_stories = stories
        self.cand = cand
        self.framing = outlet_framing(list(arts.values()), [s.to_json() for s in stories])

    def partial_export(self) -> Record:
        """The records to write, with what their rows are computed from (story
        articles, events and disputes; claims of disputes; names of actors)."""
        stories = [s.to_json() for s in self.new_stories]
        stored = self._data("pic_stories", self.story_writes - {s["id"] for s in stories})
        stories += list(stored.values())
        for s in stories:
            s["events"] = self.story_events.get(str(s["id"]), [])
        arts_needed = {a for s in stories for a in strs(s.get("articles"))}
        event_ids = {e for s in stories for e in strs(s.get("events"))} | self.event_writes
        events = {k: v for k, v in self.cand.items() if k in event_ids}
        events.update(self._data("pic_events", event_ids - set(events)))
        for k in self.event_writes:
            arts_needed |= _arts(events[k])
        disputes = self._data(
            "pic_disputes",
            {
                str(r[0])
                for r in keyed_rows(
                    self.db,
                    "SELECT DISTINCT dispute_key FROM pic_dispute_sides "
                    "WHERE article_id IN ({marks})",
                    arts_needed,
                )
            }
            - set(self.disputes),
        )
        disputes = {
            k: d for k, d in disputes.items() if k not in getattr(self, "disputes_gone", set())
        }
        disputes.update(self.disputes)
        claim_ids = {c for d in disputes.values() for c in strs(d.get("claims"))}
        claims = {str(c["id"]): c for c in self.claims}
        claims.update(self._data("pic_claims", claim_ids - set(claims)))
        names = {
            i
            for k in self.event_writes
            for i in (*strs(events[k].get("actors")), *strs(events[k].get("targets")))
        }
        entities = {str(e["id"]): e for e in self.sections["entities"]}
        entities.update(self._data("pic_entities", names - set(entities)))
        return {
            "articles": list(self.articles(arts_needed).values()),
            "entities": list(entities.values()),
            "places": self.sections["places"],
            "claims": list(claims.values()),
            "events": sorted(events.values(), key=_order),
            "disputes": sorted(
                disputes.values(), key=lambda d: (str(d.get("kind")), str(d.get("id")))
            ),
            "stories": stories,
        }


__all__ = ["StoryPart", "day", "day_bounds", "story_members", "window_days"]
