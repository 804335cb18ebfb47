"""Tests for crosswire.clean.html_hints: what the page's markup says about its lines."""

from __future__ import annotations

from lxml import html as lxml_html

from crosswire.clean.html_hints import fold, page_hints, url_key

PAGE = """<html><head><title>Ferry fares rise again | Harbour Times</title>
<meta property="og:title" content="Ferry fares rise again">
<meta property="og:url" content="https://www.harbourtimes.example/news/ferry-fares-88">
<meta name="description" content="Commuters will pay 12 per cent more from April, the operator said
on Tuesday, the third rise in two years.">
<link rel="canonical" href="https://harbourtimes.example/news/ferry-fares-88/">
</head><body>
<h1>Ferry fares rise again</h1>
<h2>Commuters will pay 12 per cent more from April, the operator said on Tuesday, the third
rise in two years.</h2>
<p>The operator blamed fuel costs. <a href="/news/fuel">Fuel prices</a> rose sharply.</p>
<h2>What the council said</h2>
</body></html>"""


def test_page_hints_read_headline_summary_links_and_own_address() -> None:
    hints = page_hints(
        lxml_html.fromstring(PAGE), "http://harbourtimes.example/news/ferry-fares-88"
    )
    assert fold("Ferry fares rise again") in hints.headlines
    assert fold("Ferry fares rise again | Harbour Times") in hints.headlines
    # the h2 the page declares as its description is a summary; other headings are not
    assert len(hints.summaries) == 1
    assert next(iter(hints.summaries)).startswith("commuters will pay 12 per cent more")
    assert "fuel prices" in hints.anchors
    assert hints.own_urls == {"harbourtimes.example/news/ferry-fares-88"}


def test_url_key_ignores_scheme_www_fragment_and_trailing_slash() -> None:
    assert url_key("HTTPS://www.Example.org/a/b/#top") == url_key("http://example.org/a/b")
    assert url_key("https://example.org/a/b") != url_key("https://example.org/a/c")
