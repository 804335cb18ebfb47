"""Situation reports: sections, citations, ordering, escaping, determinism."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from crosswire.report import (
    ReportError,
    build_report,
    find_chromium,
    md_escape,
    render_report,
    write_pdf,
    write_report,
)
from crosswire.report.cli import report as report_cmd
from crosswire.report.util import fmt_range, safe_link

STORY = "story:port-selvan"
SECTIONS = ("summary", "events", "claims", "disputes", "figures", "outlets", "references")
MD_HEADINGS = (
    "## Summary",
    "## What happened",
    "## Who claims what",
    "## What is disputed",
    "## Figures",
    "## Who reported it",
    "## References",
)


class _Tags(HTMLParser):
    """Collects every start tag with its attributes (as a browser would see them)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(document: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(document)
    return parser.tags


def _md_refs(text: str) -> set[int]:
    cited: set[int] = set()
    for a, b in re.findall(r"(?<!\\)\[(\d+)(?:–(\d+))?\](?!\()", text):
        cited.update(range(int(a), int(b or a) + 1))
    return cited


# --- sections and content ---------------------------------------------------


def test_html_has_every_section(export: dict[str, Any]) -> None:
    html = render_report(export, STORY, fmt="html")
    ids = {a.get("id") for _, a in _tags(html)}
    assert set(SECTIONS) <= ids
    assert "<h1>Strikes on the Port Selvan grain terminal</h1>" in html
    assert "2024-05-02 to 2024-05-05" in html
    # events with places, dates and precision
    assert "Air/drone strike (Explosions/Remote violence) in Port Selvan, Selvania" in html
    assert "(day precision)" in html and "place precision 2" in html
    # claims grouped by speaker, quotes marked, wire copies merged
    assert html.count("<h3>Northern Army") == 1
    claims = html.split('<section id="claims">')[1].split("<figure>")[0]
    assert claims.count("Our forces did not strike the terminal") == 1  # copies merged
    assert '<span class="badge quote">quote</span><q>Four dockworkers' in html
    assert '<span class="badge">paraphrase</span>seven people' in html
    # the denial with both sides
    assert "Ana Brezic vs Northern Army" in html
    assert "<strong>Ana Brezic:</strong> The northern army deliberately" in html
    # figures and series
    assert '<td class="num">4</td><td class="num">4</td><td class="num">7</td>' in html
    assert "Harbor Daily citing Port Selvan port authority: Four dockworkers" in html
    assert "Running total: dead (Selvania)" in html and "35–38" in html
    # outlets, families, independent counts
    assert "5 articles from 3 outlets; 2 wire families; 3 independent reports" in html
    assert "2 independent of 3 outlets" in html
    # map, events per day, sources per claim, series chart
    assert html.count("<svg") == 4
    assert "Not mapped (no coordinates): Lessa." in html


def test_markdown_has_every_section(export: dict[str, Any]) -> None:
    md = render_report(export, STORY, fmt="md")
    positions = [md.index(h) for h in MD_HEADINGS]
    assert positions == sorted(positions)
    assert md.startswith("# Strikes on the Port Selvan grain terminal\n")
    assert "quote: “Four dockworkers were killed" in md
    assert "### denial: Ana Brezic vs Northern Army" in md
    assert "| Air/drone strike in Port Selvan on 2024-05-02 | dead | 4 | 4 | 7 |" in md
    assert "| 2024-05-04 | 31 | 31 or more | Northline News |" in md
    assert "<https://northline.example/selvan-governor>" in md


def test_summary_is_one_paragraph_citing_every_sentence(export: dict[str, Any]) -> None:
    rep = build_report(export, STORY)
    assert len(rep.summary) == 5
    assert all(line.refs for line in rep.summary)
    assert rep.summary[0].text.startswith(
        "5 articles from 3 outlets (2 wire families, 3 independent"
    )
    assert "denial (Ana Brezic vs Northern Army)" in rep.summary[2].text
    assert "dead: 4–7 (best 4)" in rep.summary[3].text


def test_every_item_cites_and_citations_resolve(export: dict[str, Any]) -> None:
    rep = build_report(export, STORY)
    items = [
        *rep.summary,
        *rep.events,
        *(c for s in rep.speakers for c in s.claims),
        *(side for d in rep.disputes for side in d.sides),
        *(s for f in rep.figures for s in f.sources),
        *(p for s in rep.series for p in s.points),
        *rep.outlets,
        *rep.families,
    ]
    assert all(item.refs for item in items)
    html = render_report(export, STORY, fmt="html")
    targets = {
        a["href"][1:] for t, a in _tags(html) if t == "a" and (a.get("href") or "").startswith("#")
    }
    ids = {a.get("id") for _, a in _tags(html)}
    assert targets and targets <= ids
    md = render_report(export, STORY, fmt="md")
    body, refs = md.split("## References")
    assert _md_refs(body) <= set(range(1, 6)) and _md_refs(body) == set(range(1, 6))
    assert re.findall(r"^\[(\d+)\] ", refs, re.M) == ["1", "2", "3", "4", "5"]


def test_references_list_outlet_title_date_url(export: dict[str, Any]) -> None:
    rep = build_report(export, STORY)
    first = rep.refs[0]
    assert (first.outlet, first.title, first.date) == (
        "Evening Ledger",
        "Missiles hit Port Selvan grain terminal",
        "2024-05-03",
    )
    html = render_report(export, STORY, fmt="html")
    assert (
        '<li id="ref-3" value="3">Northline News, “Governor blames northern army for port'
        ' strike”, 2024-05-04, <a href="https://northline.example/selvan-governor"'
    ) in html


# --- ordering -------------------------------------------------------------------


def test_events_refs_and_series_in_time_order(export: dict[str, Any]) -> None:
    rep = build_report(export, STORY)
    assert [e.date for e in rep.events] == ["2024-05-02", "2024-05-04", "2024-05-05"]
    assert [r.date for r in rep.refs] == sorted(r.date or "" for r in rep.refs)
    assert [p.value for p in rep.series[0].points] == [24, 31, 35]
    md = render_report(export, STORY, fmt="md").split("## What happened")[1]
    assert md.index("in Port Selvan, Selvania") < md.index("in Dravik") < md.index("in Lessa")


def test_undated_event_goes_last(export: dict[str, Any]) -> None:
    export["events"][2]["date"] = None  # Dravik
    rep = build_report(export, STORY)
    assert [e.place for e in rep.events] == ["Port Selvan", "Lessa", "Dravik"]


# --- story selection and tolerance ----------------------------------------------


def test_other_story_stays_out(export: dict[str, Any]) -> None:
    md = render_report(export, STORY, fmt="md")
    assert "Rail" not in md
    rail = render_report(export, "story:rail", fmt="md")
    assert "Rail union" in rail and "Port Selvan" not in rail
    assert "No events were extracted for this story." in rail


def test_unknown_story_and_format(export: dict[str, Any]) -> None:
    with pytest.raises(ReportError, match="E801 unknown story"):
        render_report(export, "story:nope", fmt="html")
    with pytest.raises(ReportError, match="E802"):
        render_report(export, STORY, fmt="pdf")  # type: ignore[arg-type]


def test_all_without_stories_section(export: dict[str, Any]) -> None:
    del export["stories"]
    rep = build_report(export, "all")
    assert len(rep.refs) == 6 and rep.title == "Missiles hit Port Selvan grain terminal"


def test_partial_and_malformed_export_does_not_raise() -> None:
    broken: dict[str, Any] = {
        "crosswire": "1.0",
        "articles": [
            None,
            "x",
            {
                "id": "z1",
                "outlet": 5,
                "title": ["no"],
                "published": "2024-01-02",
                "url": "ftp://files.example/z",
            },
        ],
        "events": [
            {
                "id": "e",
                "mentions": [{"article": "z1"}],
                "place": {"lat": "north", "lon": 999},
                "numbers": [{"sources": "none"}],
                "independent_sources": "many",
            }
        ],
        "claims": [{"article": "z1", "quote": "yes"}, 7],
        "disputes": [{"sides": [{"article": "z1"}, None]}],
        "series": [{"points": [{"article": "z1", "date": "soon", "value": "ten"}]}],
    }
    for fmt in ("html", "md"):
        out = render_report(broken, "all", fmt=fmt)  # type: ignore[arg-type]
        assert "ftp://files.example/z (not linked)" in out


# --- escaping -------------------------------------------------------------------

XSS = "<script>alert(1)</script>"
ATTR = '" onmouseover="alert(2)'


def _poison(export: dict[str, Any]) -> dict[str, Any]:
    story = export["stories"][0]
    story["title"] = f"Port {XSS} strikes"
    a = export["articles"]
    a[0]["outlet"] = f"Evening {ATTR} <img src=x onerror=alert(3)>"
    a[0]["url"] = "javascript:alert(4)"
    a[1]["url"] = f"https://harbor.example/x{ATTR}"
    a[2]["title"] = "*Bold* _claim_ [click](javascript:alert(5)) <b>x</b> & co | pipe"
    a[3]["url"] = "JaVaScRiPt:alert(6)"
    export["claims"][0]["text"] = f"We said {XSS} {ATTR}"
    export["disputes"][0]["sides"][0]["claimant"] = f"<svg onload=alert(7)>{ATTR}"
    export["events"][1]["place"]["name"] = f"Selvan</text>{XSS}<text>"
    export["series"][0]["label"] = f"dead {XSS}"
    return export


def test_html_escapes_untrusted_text(export: dict[str, Any]) -> None:
    html = render_report(_poison(export), STORY, fmt="html")
    assert "<script" not in html.lower()
    tags = _tags(html)
    assert not any(k.startswith("on") for _, attrs in tags for k in attrs)
    assert {t for t, _ in tags}.isdisjoint({"script", "img", "b", "iframe", "object"})
    hrefs = [a["href"] for t, a in tags if t == "a"]
    assert all(h and (h.startswith("#") or h.startswith(("https://", "http://"))) for h in hrefs)
    assert not any("harbor.example" in (h or "") for h in hrefs)  # quote in URL: not linked
    assert "javascript:alert(4) (not linked)" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for svg in re.findall(r"<svg.*?</svg>", html, re.S):
        ET.fromstring(svg)  # labels escaped: every SVG stays well-formed


def test_no_script_in_any_report(export: dict[str, Any]) -> None:
    for story in (STORY, "story:rail"):
        assert "<script" not in render_report(export, story, fmt="html").lower()


def test_markdown_escaping() -> None:
    assert md_escape("*a* _b_ [c](d) <e> `f` # g | h & i!") == (
        r"\*a\* \_b\_ \[c\](d) \<e\> \`f\` \# g \| h \& i\!"
    )
    assert md_escape("- not a list") == r"\- not a list"
    assert md_escape("1. not a list") == r"1\. not a list"
    assert md_escape("line\n# heading") == r"line \# heading"
    assert md_escape(None) == ""


def test_markdown_report_escapes_untrusted_text(export: dict[str, Any]) -> None:
    md = render_report(_poison(export), STORY, fmt="md")
    # every "<" is escaped except the two autolinked http(s) references
    assert len(re.findall(r"(?<!\\)<", md)) == 2
    assert not re.search(r"(?<!\\)\]\(", md) and "<javascript" not in md.lower()
    assert r"\*Bold\* \_claim\_ \[click\](javascript:alert(5)) \<b\>x\</b\> \& co \| pipe" in md
    assert "javascript:alert(4) (not linked)" in md
    assert re.findall(r"<(https?://[^>]*)>", md) == [
        "https://northline.example/selvan-governor",
        "http://northline.example/wire/army-denies",
    ]


def test_safe_link() -> None:
    assert safe_link("https://a.example/p?q=1#f") == "https://a.example/p?q=1#f"
    for bad in (
        "javascript:alert(1)",
        " JAVASCRIPT:x",
        "data:text/html,x",
        "//a.example",
        "/rel",
        'https://a.example/" onmouseover=x',
        "http:///nohost",
        None,
        3,
    ):
        assert safe_link(bad) is None


def test_fmt_range() -> None:
    assert fmt_range(4, 4, 7) == "4–7 (best 4)"
    assert fmt_range(1200, None, 1200) == "1,200"
    assert fmt_range(None, None, 9) == "up to 9" and fmt_range(None, None, None) == "—"


# --- determinism ------------------------------------------------------------------


def test_same_input_same_bytes(export: dict[str, Any]) -> None:
    for fmt in ("html", "md"):
        first = render_report(export, STORY, fmt=fmt)  # type: ignore[arg-type]
        assert render_report(export, STORY, fmt=fmt) == first  # type: ignore[arg-type]
        shuffled = dict(export, articles=random.Random(7).sample(export["articles"], 6))
        assert render_report(shuffled, STORY, fmt=fmt) == first  # type: ignore[arg-type]


# --- store, CLI, PDF -----------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> Path:
    from crosswire.ingest import ingest
    from crosswire.store import open_store

    db = tmp_path_factory.mktemp("report") / "demo.db"
    with open_store(db) as store:
        ingest([str(demo_dir)], store, ingested=date(2026, 11, 22))
    return db


def test_write_report_from_store(demo_db: Path, tmp_path: Path) -> None:
    from crosswire.store import open_store

    with open_store(demo_db) as store:
        html = write_report(store, "all", tmp_path / "r.html").read_text(encoding="utf-8")
        md = write_report(store, "all", tmp_path / "r.md").read_text(encoding="utf-8")
        with pytest.raises(ReportError, match="E802"):
            write_report(store, "all", tmp_path / "r.txt")
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html.lower()
    assert md.startswith("# ") and "## References" in md
    assert len(re.findall(r'<li id="ref-\d+"', html)) == 8


def test_cli_report(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    result = CliRunner().invoke(report_cmd, ["all", "-o", str(out)], obj={"db": str(demo_db)})
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# ")
    bad = CliRunner().invoke(report_cmd, ["story:x", "-o", str(out)], obj={"db": str(demo_db)})
    assert bad.exit_code == 1 and "E801 unknown story" in bad.output
    pdf = CliRunner().invoke(report_cmd, ["all", "-o", str(out), "--pdf"], obj={"db": str(demo_db)})
    assert pdf.exit_code == 2 and "--pdf needs an .html output" in pdf.output


@pytest.mark.skipif(not Path("/usr/bin/chromium").is_file(), reason="/usr/bin/chromium is absent")
def test_pdf_with_local_chromium(export: dict[str, Any], tmp_path: Path) -> None:
    assert find_chromium() is not None
    page = tmp_path / "r.html"
    page.write_text(render_report(export, STORY, fmt="html"), encoding="utf-8")
    pdf = write_pdf(page, tmp_path / "r.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
