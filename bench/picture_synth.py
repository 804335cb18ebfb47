"""Synthetic stores for the read-side benchmark (bench/bench_picture.py).

How they are made: the demo corpus shipped in the package (public example
articles) is ingested, analysed and fused for real once; its picture (8
articles, 2 stories, 16 events, 48 claims, 2 disputes, series, framing) is the
template. Copy ``k`` of the template gets new article, story, event, claim and
dispute ids and its dates shifted by ``k`` days (so date filters and the story
list spread over years), and its rows are written straight into the picture
tables with the same row builder the pipeline uses
(:func:`crosswire.web.materialize.picture_rows`). Analysing 100k articles
would take about 1.4 h on this machine, so analyses and fusion are *not* run
for the copies: the tables are synthesised directly (the articles table holds
every copy's text; the ``analyses`` table stays empty).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import tempfile
from pathlib import Path
from typing import Any

from crosswire.store import AnyStore, open_store
from crosswire.store.picture import Row, Spec, set_state, store_key
from crosswire.store.picture_db import PictureDb
from crosswire.store.picture_specs import SPECS, record_spec
from crosswire.store.sql import ARTICLE_COLUMNS, article_values
from crosswire.web.picture_rows import picture_rows
from crosswire.web.readmodel import build_snapshot

_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_DAY = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_MONTH = re.compile(r"^(\d{4}-\d{2})$")  # a month-precision date (analysed copies)
SHARED_SECTIONS = ("entities", "places", "written")  # written once, not per copy


def template(workdir: Path) -> tuple[dict[str, Any], list[Any]]:
    """The demo corpus's real picture and its articles (analysed once, here)."""
    from crosswire.analyze import analyze
    from crosswire.cli.commands import demo_corpus
    from crosswire.export.writers import export_object
    from crosswire.fusion.incremental import update_fusion
    from crosswire.ingest import ingest

    with open_store(workdir / "template.db") as store:
        ingest([str(demo_corpus())], store)
        analyze(store)
        update_fusion(store)
        return export_object(store), list(store.iter_articles())


def _ids(export: dict[str, Any]) -> set[str]:
    ids = {a["id"] for a in export["articles"]}
    for name in ("stories", "events", "claims", "disputes"):
        ids |= {str(r["id"]) for r in export.get(name, [])}
    return ids


def _shift(day: str, k: int, step: int = 1) -> str:
    """``day`` moved by copy ``k``'s offset: ``k`` days within ten years, or, with a
    ``step``, ``k * step`` days (analysed copies: see :func:`add_analysed_copies`)."""
    days = k % 3650 if step == 1 else k * step
    if step != 1 and _MONTH.match(day):
        return _shift(day + "-01", k, step)[:7]
    try:
        return (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=days)).isoformat() + day[10:]
    except ValueError:
        return day


def clone(text: str, k: int, ids: set[str], step: int = 1) -> str:
    """JSON text of template records with copy ``k``'s ids and dates."""

    def swap(m: re.Match[str]) -> str:
        value = m.group(1)
        if value in ids:
            return f'"{new_id(value, k)}"'
        if step != 1 and _MONTH.match(value):
            return f'"{_shift(value, k, step)}"'
        return '"' + _DAY.sub(lambda d: _shift(d.group(1), k, step), value) + '"'

    return _QUOTED.sub(swap, text)


def new_id(old: str, k: int) -> str:
    """Copy ``k``'s id for a template id (articles keep the 16-hex shape)."""
    if ":" not in old:
        return hashlib.sha1(f"{old}/{k}".encode()).hexdigest()[:16]
    return f"{old}-{k}"


def _insert(db: PictureDb, spec: Spec, rows: list[Row]) -> None:
    scope = [spec.scope[0]] if spec.scope else []
    params = [spec.scope[1]] if spec.scope else []
    cols = ["key", "seq", "digest", *scope, *spec.columns]
    db.many(
        f"INSERT INTO {spec.table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
        "ON CONFLICT DO NOTHING",
        ((r.key, r.seq, r.digest, *params, *r.values) for r in rows),
    )
    for n, child in enumerate(spec.children):
        ccols = [child.owner, *(c for c, _ in child.fixed), *child.columns]
        db.many(
            f"INSERT INTO {child.table} ({', '.join(ccols)}) "
            f"VALUES ({', '.join('?' for _ in ccols)})",
            ((r.key, *(v for _, v in child.fixed), *v) for r in rows for v in r.children[n]),
        )
    if spec.search:
        db.many(db.search_insert(spec.search), ((r.key, r.search or "") for r in rows))


def add_copies(
    store: AnyStore, tpl: dict[str, Any], articles: list[Any], first: int, count: int
) -> None:
    """Write copies ``first`` .. ``first + count - 1`` of the template (one transaction)."""
    db = PictureDb(store)
    ids = _ids(tpl)
    sections = {k: v for k, v in tpl.items() if isinstance(v, list) and k != "articles"}
    text = json.dumps(sections, ensure_ascii=False)
    pending: dict[str, list[Row]] = {}
    article_rows = []
    for k in range(first, first + count):
        copy = json.loads(clone(text, k, ids))
        copy_articles = []
        for a in articles:
            published = _shift(a.published, k) if a.published else None
            art = dataclasses.replace(
                a,
                id=new_id(a.id, k),
                published=published,
                title=f"{a.title or ''} ({k})",
                family=None,
            )
            article_rows.append(article_values(art))
            copy_articles.append(
                {
                    "id": art.id,
                    "title": art.title,
                    "outlet": art.outlet,
                    "text": art.text,
                    "published": art.published,
                    "family": None,
                }
            )
        export = {"crosswire": tpl["crosswire"], "articles": copy_articles, **copy}
        rows = picture_rows(build_snapshot(dict(export), (0, 0, 0), index=False), export)
        for name, section in rows.items():
            if name in SHARED_SECTIONS and k != 0:
                continue
            for r in section:
                r.seq += k * 10_000
            pending.setdefault(name, []).extend(section)
    with db.transaction():
        db.many(
            f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in ARTICLE_COLUMNS)})",
            article_rows,
        )
        bodies = [(r[0], f"{r[4] or ''} {r[3] or ''} {r[10]}") for r in article_rows]
        db.many(db.search_insert("article"), bodies)
        for name, rows_ in pending.items():
            _insert(db, SPECS[name] if name in SPECS else record_spec(name), rows_)


def finish(store: AnyStore, tpl: dict[str, Any], copies: int) -> None:
    """Record layout, counters and the build key, as the pipeline's writer does."""
    db = PictureDb(store)
    n_articles = len(tpl["articles"]) * copies
    with db.transaction():
        set_state(db, "layout", [k if isinstance(v, list) else [k, v] for k, v in tpl.items()])
        set_state(
            db,
            "counts",
            {
                "articles": n_articles,
                "stories": len(tpl["stories"]) * copies,
                "events": len(tpl["events"]) * copies,
                "claims": len(tpl["claims"]) * copies,
                "disputes": len(tpl["disputes"]) * copies,
                "entities": len(tpl["entities"]),
                "places": len(tpl["places"]),
                # The outlet filters of the lists resolve names through this list.
                "outlets": sorted({str(a["outlet"]) for a in tpl["articles"] if a.get("outlet")}),
            },
        )
        set_state(db, "built", store_key(db))
    # Planner statistics after a bulk load (PostgreSQL's autovacuum would get
    # there later; SQLite has none until asked).
    db.run("ANALYZE")


def build(db_url: str, articles_wanted: int, workdir: Path | None = None) -> dict[str, Any]:
    """A store of about ``articles_wanted`` articles; returns what was made and how long."""
    import time

    with tempfile.TemporaryDirectory() as tmp:
        tpl, articles = template(workdir or Path(tmp))
    copies = max(1, articles_wanted // len(articles))
    started = time.monotonic()
    with open_store(db_url) as store:
        for first in range(0, copies, 100):
            add_copies(store, tpl, articles, first, min(100, copies - first))
        finish(store, tpl, copies)
    return {
        "articles": copies * len(articles),
        "copies": copies,
        "build_seconds": round(time.monotonic() - started, 1),
    }


# -- analysed synthetic stores (the incremental refresh's benchmark) ---------------
ANALYSED_STEP = 73  # days between analysed copies (longer than any template event's span)
# 73 days separates the copies' dates but not their ISO weeks (fusion blocks
# are (type, ISO week, country) buckets): the template's year-precision clash
# (Jan 1 - Mar 12, no country) and the next copy's first days share a week, so
# every copy chains into one block. 84 days (12 weeks) keeps each copy's weeks
# apart: ``--step 84`` measures additions that touch only their own blocks.
STEP = {"days": ANALYSED_STEP}


def analysed_template(workdir: Path) -> tuple[list[Any], dict[str, tuple[str, Any, Any]]]:
    """The demo corpus's articles and their real analyses (analysed once, here)."""
    from crosswire.analyze import analyze
    from crosswire.cli.commands import demo_corpus
    from crosswire.ingest import ingest

    with open_store(workdir / "analysed-template.db") as store:
        if not store.count_articles():
            ingest([str(demo_corpus())], store)
            analyze(store)
        analyses = {aid: (st, reason, data) for aid, st, reason, data in store.iter_analyses()}
        # The demo's one undated article is left out: an undated article's events
        # join every fusion block and it may join any story, so each copy would
        # make the whole store one block (a live feed's articles carry dates).
        return [a for a in store.iter_articles() if a.published], analyses


def add_analysed_copies(
    store: AnyStore,
    articles: list[Any],
    analyses: dict[str, tuple[str, Any, Any]],
    first: int,
    count: int,
    new_names: bool = False,
) -> int:
    """Copies ``first`` .. ``first + count - 1`` of the demo articles *with* their
    analyses (dates in the analysis shifted like the publication day; wire
    families kept per copy), as ``analyze`` would have stored them. Fusion and the
    picture tables are left to the pipeline. Returns the articles added.

    Copies are :data:`ANALYSED_STEP` days apart: the template's events span up to
    ten weeks ("fighting since January"), and fusion blocks chain overlapping
    weeks, so copies a day apart would make the whole store one fusion block (and
    one story window) however many there are; 73 days apart, each copy is its
    own neighbourhood, as a day of a live feed is within its weeks.

    ``new_names``: each copy's articles name their first entity by one more alias
    no other copy has (a live feed's new names: every addition brings new
    (name, entity) pairs and new stop words)."""
    from crosswire.store.sql import now

    db = PictureDb(store)
    rows, done = [], []
    at = now()
    for k in range(first, first + count):
        for a in articles:
            art = dataclasses.replace(
                a,
                id=new_id(a.id, k),
                published=_shift(a.published, k, STEP["days"]) if a.published else None,
                title=f"{a.title or ''} ({k})",
                family=new_id(a.family, k) if a.family else None,
            )
            rows.append(article_values(art))
            status, reason, data = analyses.get(a.id, ("skipped", None, None))
            text = (
                None
                if data is None
                else clone(json.dumps(data, ensure_ascii=False), k, set(), STEP["days"])
            )
            if new_names and text is not None:
                text = _new_alias(text, k)
            done.append((art.id, status, reason, at, text))
    with db.transaction():
        db.many(
            f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in ARTICLE_COLUMNS)})",
            rows,
        )
        db.many(
            "INSERT INTO analyses (article_id, status, reason, analysed, data) "
            "VALUES (?, ?, ?, ?, ?)",
            done,
        )
    return len(rows)


def _tag(k: int) -> str:
    """A word no other copy has ("qa", "qb", ... "qba")."""
    out = ""
    while True:
        out = chr(97 + k % 26) + out
        k //= 26
        if not k:
            return "q" + out


def _new_alias(text: str, k: int) -> str:
    """The analysis JSON ``text`` with its first entity given copy ``k``'s alias."""
    data = json.loads(text)
    for e in (data.get("entities") or [])[:1]:
        e["aliases"] = [*(e.get("aliases") or []), f"{e.get('name')} {_tag(k)}"]
    return json.dumps(data, ensure_ascii=False)


def build_analysed(
    db_url: str, articles_wanted: int, workdir: Path, stage: str = "all"
) -> dict[str, Any]:
    """An analysed store of about ``articles_wanted`` articles, fused and with its
    picture tables built by the pipeline (timed). ``stage``: ``insert`` only adds
    the articles and analyses (they do not depend on the fusion code, so a large
    store can be filled while that code changes), ``derive`` only runs fusion and
    the picture on what the store holds, ``all`` both."""
    import time

    from crosswire.fusion.incremental import update_fusion
    from crosswire.web.materialize import refresh_picture

    articles, analyses = analysed_template(workdir)
    copies = max(1, articles_wanted // len(articles))
    out: dict[str, Any] = {"copies": copies, "stage": stage}
    with open_store(db_url) as store:
        started = time.monotonic()
        if stage != "derive":
            have = store.count_articles() // len(articles)  # resumes an interrupted insert
            for first in range(have, copies, 100):
                add_analysed_copies(store, articles, analyses, first, min(100, copies - first))
        out["insert_seconds"] = round(time.monotonic() - started, 1)
        if stage == "insert":
            out["articles"] = store.count_articles()
            return out
        started, cpu = time.monotonic(), time.process_time()
        out["fusion"] = update_fusion(store).summary()
        out["fusion_seconds"] = round(time.monotonic() - started, 1)
        out["fusion_cpu_seconds"] = round(time.process_time() - cpu, 1)
        started, cpu = time.monotonic(), time.process_time()
        out["picture"] = refresh_picture(store, full=True)
        out["picture_seconds"] = round(time.monotonic() - started, 1)
        out["picture_cpu_seconds"] = round(time.process_time() - cpu, 1)
        out["articles"] = store.count_articles()
    return out
