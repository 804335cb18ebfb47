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
