"""crosswire watch: folder and feed rounds, idempotence, bounds and stop signals."""

from __future__ import annotations

import datetime as dt
import http.server
import os
import shutil
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosswire.cli.watch import watch_cmd
from crosswire.export.writers import export_object
from crosswire.fusion import fuse
from crosswire.fusion import incremental as inc
from crosswire.readers import ReadOptions
from crosswire.store import SQLiteStore
from crosswire.watch import RoundReport, parse_duration, parse_until, stop_on_signals, watch

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "watch"


def test_durations() -> None:
    assert parse_duration("30s") == 30 and parse_duration("15m") == 900
    assert parse_duration("1h") == 3600 and parse_duration("1h30m") == 5400
    assert parse_duration("0.1s") == pytest.approx(0.1) and parse_duration("90") == 90
    for bad in ("", "fast", "15x", "5 m", "m"):
        with pytest.raises(ValueError, match="E650"):
            parse_duration(bad)
    now = dt.datetime(2024, 3, 4, 12, 0, tzinfo=dt.UTC)
    assert parse_until("2h", now) == now + dt.timedelta(hours=2)
    assert parse_until("2024-03-05T08:00:00+00:00", now).hour == 8
    with pytest.raises(ValueError, match="E651"):
        parse_until("tomorrow", now)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    s = SQLiteStore(tmp_path / "cw.db")
    yield s
    s.close()


def test_folder_rounds_read_only_new_or_changed_files(store: SQLiteStore, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("harbor-strike.txt", "valley-floods.txt"):
        shutil.copy(FIXTURES / name, inbox / name)

    def between(report: RoundReport) -> None:
        if report.round == 1:
            shutil.copy(FIXTURES / "wire-two-strike.txt", inbox / "wire-two-strike.txt")
        if report.round == 2:  # touched, same content: not read again
            os.utime(inbox / "harbor-strike.txt", (1e9, 1e9))
        if report.round == 3:  # changed content: read again
            with (inbox / "valley-floods.txt").open("a", encoding="utf-8") as f:
                f.write("\nUpdate: the road reopened on Monday evening.\n")

    rounds = watch(store, [str(inbox)], every=0.1, max_rounds=5, on_round=between)
    assert [len(r.inputs) for r in rounds] == [2, 1, 0, 1, 0]
    assert [r.ingest.stored if r.ingest else 0 for r in rounds] == [2, 1, 0, 1, 0]
    assert rounds[1].inputs == [str(inbox / "wire-two-strike.txt")]
    assert rounds[2].unchanged == 3 and rounds[2].ingest is None and rounds[2].fusion is None
    assert rounds[3].inputs == [str(inbox / "valley-floods.txt")]
    assert rounds[0].analysed == 2 and rounds[1].analysed == 1
    assert store.count_articles() == 4 and len(store.analysed_ids()) == 4
    # The persisted fusion is current and gives the export a full fuse gives.
    articles, analyses = inc._load(store)
    fused = inc.current_fusion(store, articles, analyses)
    assert fused is not None and fused == fuse(articles, analyses)
    before = store.count_articles()
    again = watch(store, [str(inbox)], every=0.1, max_rounds=2)
    assert store.count_articles() == before and all(not r.inputs for r in again)
    assert export_object(store)["events"] == fused.events


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbor Daily</title><link>http://127.0.0.1/</link>
<description>Latest</description>{items}</channel></rss>"""
ITEM = """<item><title>{title}</title><link>http://127.0.0.1/news/{slug}</link>
<pubDate>{date}</pubDate><description><![CDATA[{body}]]></description></item>"""


def _item(name: str, slug: str, date: str) -> str:
    title, *paragraphs = (FIXTURES / name).read_text(encoding="utf-8").split("\n\n")
    body = "\n".join(f"<p>{p.strip()}</p>" for p in paragraphs)
    return ITEM.format(title=title.strip(), slug=slug, date=date, body=body)


@pytest.fixture
def feed_server() -> Iterator[tuple[str, dict[str, str]]]:
    state = {"body": FEED.format(items="")}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            data = state["body"].encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml", state
    server.shutdown()
    server.server_close()


def test_feed_that_changes_between_rounds(
    store: SQLiteStore, feed_server: tuple[str, dict[str, str]]
) -> None:
    url, state = feed_server
    first = _item("harbor-strike.txt", "harbor", "Mon, 04 Mar 2024 18:00:00 +0000")
    second = _item("wire-two-strike.txt", "wire-two", "Tue, 05 Mar 2024 09:00:00 +0000")
    state["body"] = FEED.format(items=first)

    def between(report: RoundReport) -> None:
        if report.round == 1:
            state["body"] = FEED.format(items=second + first)

    rounds = watch(
        store,
        [url],
        every=0.1,
        max_rounds=3,
        options=ReadOptions(allow_private=True),
        on_round=between,
    )
    stored = [r.ingest.stored if r.ingest else None for r in rounds]
    duplicates = [r.ingest.duplicates if r.ingest else None for r in rounds]
    assert stored == [1, 1, 0] and duplicates == [0, 1, 2]
    assert [len(r.new_articles) for r in rounds] == [1, 1, 0]
    assert rounds[2].fusion is None  # nothing new: no analysis, no fusion work
    assert store.count_articles() == 2 and len(store.analysed_ids()) == 2
    assert inc.current_fusion(store, *inc._load(store)) is not None


def test_private_feed_refused_without_allow_private(
    store: SQLiteStore, feed_server: tuple[str, dict[str, str]]
) -> None:
    url, _ = feed_server
    (r,) = watch(store, [url], every=0, max_rounds=1, analyse=False)
    assert r.ingest is not None and r.ingest.failed and "E140" in str(r.ingest.failed[0].reason)


def test_sigterm_finishes_the_round_and_stops(store: SQLiteStore, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "valley-floods.txt", tmp_path / "a.txt")
    with stop_on_signals(threading.Event()) as stop:
        rounds = watch(
            store,
            [str(tmp_path / "a.txt")],
            every=60,
            max_rounds=5,
            analyse=False,
            stop=stop,
            on_round=lambda r: os.kill(os.getpid(), signal.SIGTERM),
        )
    assert len(rounds) == 1 and rounds[0].ingest is not None and rounds[0].ingest.stored == 1
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_until_in_the_past_runs_one_round(store: SQLiteStore, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "valley-floods.txt", tmp_path / "a.txt")
    past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    rounds = watch(store, [str(tmp_path)], every=60, until=past, analyse=False)
    assert len(rounds) == 1


def test_cli_rounds_and_bad_duration(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(FIXTURES / "valley-floods.txt", inbox / "floods.txt")
    db = str(tmp_path / "cli.db")
    args = [str(inbox), "--every", "0.1s", "--max-rounds", "2", "--no-analyze"]
    result = CliRunner().invoke(watch_cmd, args, obj={"db": db})
    assert result.exit_code == 0, result.output
    assert "round 1: 1 inputs" in result.output and "round 2: 0 inputs" in result.output
    bad = CliRunner().invoke(watch_cmd, [str(inbox), "--every", "soon"], obj={"db": db})
    assert bad.exit_code == 2 and "E650" in bad.output
