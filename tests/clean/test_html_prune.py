"""Tests for crosswire.clean.html_prune: boilerplate inside article paragraphs."""

from __future__ import annotations

from lxml import html as lxml_html

from crosswire.clean.html import extract_html
from crosswire.clean.html_prune import prune_tree

CARD = (
    '<span class="person-pop"><span><img src="/t.jpg" alt="">'
    '<a href="/people/dana-ruiz">Dana Ruiz</a>'
    '<a href="/news/101-budget-vote-slips">Budget vote slips to next week as talks stall</a> '
    '<a href="/news/102-ruiz-town-hall">Ruiz town hall draws protest over water rates</a> '
    '<a href="/people/dana-ruiz">MORE</a></span></span>'
)
PARAGRAPH = (
    "<p>A Harlow man admitted on Monday that he threatened to kill Councillor "
    f'<span class="person"><a href="/people/dana-ruiz">Dana Ruiz</a>{CARD}</span>'
    " (Labour), the county prosecutor said in a statement.</p>"
)
PAGE = f"""<html><head><title>Harlow man admits threat to councillor</title></head>
<body><article><h1>Harlow man admits threat to councillor</h1>
{PARAGRAPH}
<p>He faces up to five years in prison and a fine when he is sentenced in March,
the prosecutor's office said, adding that the threats were made by telephone.</p>
<p>His lawyer said her client had never meant to harm anyone and regretted the calls,
which he made late at night after a dispute over a parking fine.</p>
</article></body></html>"""


def test_hover_card_goes_and_the_sentence_keeps_the_name() -> None:
    tree = lxml_html.fromstring(PAGE)
    removed = prune_tree(tree)
    assert [r.reason for r in removed] == ["hover-card"]
    assert removed[0].text.startswith("Dana Ruiz") and "Budget vote slips" in removed[0].text
    sentence = " ".join(tree.find(".//p").text_content().split())
    assert sentence == (
        "A Harlow man admitted on Monday that he threatened to kill Councillor "
        "Dana Ruiz (Labour), the county prosecutor said in a statement."
    )


def test_extracted_text_has_no_card_and_records_it() -> None:
    page = extract_html(PAGE)
    assert "threatened to kill Councillor Dana Ruiz (Labour)" in page.text
    assert "Budget vote slips" not in page.text
    assert any(r.reason == "hover-card" for r in page.removed)
    # the paragraph itself is not listed as removed: only the card went
    assert not any(r.text.startswith("A Harlow man") for r in page.removed)


def test_links_in_prose_are_not_a_card() -> None:
    # Two links to pages already linked, but the words around them are prose,
    # not link text: nothing is removed.
    prose = (
        '<p>The report by <a href="/people/dana-ruiz">Dana Ruiz</a> follows '
        '<span>an earlier <a href="/people/dana-ruiz">inquiry</a> into the '
        'council and a <a href="/news/9">review</a> of its spending on roads</span>.</p>'
    )
    tree = lxml_html.fromstring(f"<html><body>{prose}</body></html>")
    assert prune_tree(tree) == []


def test_a_link_list_without_a_repeated_link_is_left_to_the_line_rules() -> None:
    # A run of links inside a paragraph that repeats nothing before it is not a
    # hover card (a "see also" list is judged by the line rules instead).
    para = (
        "<p>Officials met on Tuesday to discuss the flood defences for the town. "
        '<span><a href="/a">Flood barrier plan approved by county board</a> '
        '<a href="/b">River levels fall after week of heavy rain</a></span></p>'
    )
    tree = lxml_html.fromstring(f"<html><body>{para}</body></html>")
    assert prune_tree(tree) == []


TWEET_PAGE = """<html><head><title>Harbour slogan draws mockery</title></head><body><article>
<h1>Harbour slogan draws mockery</h1>
<p>The port authority's new slogan for its safety campaign drew a flood of jokes on social
media on Monday, hours after it appeared on billboards along the ring road.</p>
<p>A whole lot of people on Twitter pointed out what might be wrong with it.</p>
<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en" dir="ltr">The
port spent 400,000 pounds on a slogan that says the docks are sinking.
<a href="https://t.co/x1">https://t.co/x1</a></p>— Dana Ruiz (@danaruiz)
<a href="https://twitter.com/danaruiz/status/1">November 18, 2019</a></blockquote>
<script async src="https://platform.twitter.com/widgets.js"></script></div>
<p>The authority said on Tuesday that the slogan had done its job by getting people talking
about safety on the quays, and that the billboards would stay up until March.</p>
<div class="share-tools"><a href="/share">Share this story</a></div>
</article></body></html>"""


def test_an_embedded_post_the_article_quotes_is_kept_in_place() -> None:
    page = extract_html(TWEET_PAGE)
    paragraphs = page.text.split("\n\n")
    quoted = next(i for i, p in enumerate(paragraphs) if "spent 400,000 pounds" in p)
    assert "pointed out what might be wrong" in paragraphs[quoted - 1]
    assert "(@danaruiz)" in page.text
    assert "had done its job" in page.text


def test_unwrapping_keeps_the_text_after_the_post() -> None:
    tree = lxml_html.fromstring(
        '<html><body><div class="story"><p>Before the post, the mayor spoke.</p>'
        '<div class="sdc-article-widget"><div><blockquote class="twitter-tweet">'
        "<p>We are on it.</p></blockquote></div></div> and after it, the council.</div>"
        "</body></html>"
    )
    assert prune_tree(tree) == []
    story = tree.find(".//div")
    quote = story.find("blockquote")
    assert quote is not None and quote.get("class") is None
    assert quote.getparent() is story
    assert " ".join(story.text_content().split()) == (
        "Before the post, the mayor spoke.We are on it. and after it, the council."
    )
