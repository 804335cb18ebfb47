"""Tests for crosswire.clean.html_meta: the page's own declarations and metadata."""

from __future__ import annotations

from trafilatura.utils import load_html

from crosswire.clean.html_meta import canonical_url, meta_dates, page_metadata

_PAGE = """<html lang="en"><head>
<title>Bridge closes for repairs | Valley Gazette</title>
<meta property="og:title" content="Bridge closes for repairs">
<meta property="og:site_name" content="Valley Gazette">
<meta name="author" content="Maria Okafor">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
<link rel="canonical" href="/news/bridge-closes">
</head><body><article><h1>Bridge closes for repairs</h1>
<p>The county board voted on Tuesday to close the Riverside bridge for six weeks.</p>
</article></body></html>"""


def test_page_metadata_reads_declared_fields() -> None:
    tree = load_html(_PAGE)
    meta = page_metadata(tree, "https://gazette.example/news/bridge-closes", {})
    assert meta.title == "Bridge closes for repairs"
    assert meta.author == "Maria Okafor"
    assert meta.site_name == "Valley Gazette"
    assert meta.date == "2024-03-05"


def test_page_metadata_without_declarations_falls_back_to_markup_and_url() -> None:
    html = (
        "<html><body><h1>Flood warning lifted</h1><p>Water levels fell overnight.</p></body></html>"
    )
    meta = page_metadata(load_html(html), "https://www.riverpost.example/a/1", {})
    assert meta.title == "Flood warning lifted"
    assert meta.author is None
    assert meta.site_name == "riverpost.example"


def test_declared_dates_and_canonical_url_keep_the_page_word() -> None:
    tree = load_html(_PAGE)
    assert [d.value for d in meta_dates(tree)] == ["2024-03-05T09:30:00+01:00"]
    assert canonical_url(tree, "https://gazette.example/x") == (
        "https://gazette.example/news/bridge-closes"
    )
