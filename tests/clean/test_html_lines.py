"""Tests for crosswire.clean.html_lines: recorded, conservative line rules."""

from __future__ import annotations

from crosswire.clean.html import extract_html
from crosswire.clean.html_hints import PageHints, url_key
from crosswire.clean.html_lines import clean_main_text

ANCHORS = frozenset(["city council news", "harbour works update", "ferry timetable changes"])

BODY = "\n\n".join(
    [
        "LAS VEGAS - The harbour authority closed the east pier on Monday after a crane "
        "collapsed onto two fishing boats, the port's director said.",
        "Last updated at 22:15 GMT",
        "City council news",
        "Harbour works update",
        "- Ferry timetable changes",
        "Residents who want to know more can click here for the authority's full "
        "statement, which runs to 12 pages and lists every berth that stays open.",
        "Harbour works update",
        "© 2024 Riverside Courier. All rights reserved.",
        "Sign up for our morning newsletter",
        "—",
    ]
)


def test_each_removed_line_has_its_reason() -> None:
    text, removed = clean_main_text(BODY, ANCHORS)
    reasons = {r.text: r.reason for r in removed}
    assert reasons["Last updated at 22:15 GMT"] == "timestamp"
    assert reasons["City council news"] == "link-list"
    assert reasons["- Ferry timetable changes"] == "link-list"
    assert reasons["© 2024 Riverside Courier. All rights reserved."] == "copyright"
    assert reasons["Sign up for our morning newsletter"] == "promo"
    assert reasons["—"] == "separator"
    assert text.startswith("LAS VEGAS - The harbour authority")  # the wire lead stays


def test_when_in_doubt_the_text_stays() -> None:
    text, _ = clean_main_text(BODY, ANCHORS)
    # A long paragraph that mentions "click here" is article text.
    assert "click here for the authority's full statement" in text
    # A single linked line is not a link list: it stays.
    assert text.endswith("Harbour works update")


def test_a_menu_row_is_never_the_article() -> None:
    anchors = ANCHORS | {"sections", "news", "sports", "weather", "opinion"}
    body = "- SECTIONS - News - Sports - Weather - Opinion\n\n" + BODY.split("\n\n")[0]
    text, removed = clean_main_text(body, anchors)
    assert removed[0].reason == "menu" and text.startswith("LAS VEGAS")
    # Words between dashes that are not all links are prose.
    line = "Rain - then sun - then wind - then snow, forecasters said on Friday."
    assert clean_main_text(line, anchors)[0] == line


def test_prose_with_updated_is_not_a_timestamp() -> None:
    line = "Officials updated the flood maps on Monday to include 2,000 more homes."
    text, removed = clean_main_text(line, frozenset())
    assert text == line and removed == []


PAGE = """<html><head><title>Pier closed</title></head><body>
<nav><ul><li><a href="/a">City council news</a></li><li><a href="/b">Harbour works update</a></li>
<li><a href="/c">Ferry timetable changes</a></li></ul></nav>
<article><h1>Pier closed after crane collapse</h1>
<p>LAS VEGAS - The harbour authority closed the east pier on Monday after a crane collapsed
onto two fishing boats, the port's director said in a statement to reporters.</p>
<p>Nobody was hurt, but both boats sank at their moorings and divers were sent down on
Tuesday to recover the fuel tanks before the tide turned, the director added.</p>
<p>Last updated at 22:15 GMT</p>
<p>The pier will stay closed for at least three weeks while engineers inspect the quay wall
and the remaining cranes, which are of the same make as the one that fell.</p>
<p>Copyright 2024 The Riverside Courier. All rights reserved.</p>
</article></body></html>"""


def test_html_page_keeps_the_article_and_records_the_cuts() -> None:
    page = extract_html(PAGE)
    paragraphs = page.text.split("\n\n")
    assert any(p.startswith("LAS VEGAS - The harbour authority closed") for p in paragraphs)
    assert "three weeks" in page.text
    assert "Last updated" not in page.text and "Copyright" not in page.text
    assert "City council news" not in page.text
    reasons = {r.reason for r in page.removed}
    assert {"timestamp", "copyright"} <= reasons


def test_a_notice_on_the_material_itself_stays_with_the_story() -> None:
    notice = (
        "© 2024 Associated Press. All Rights Reserved. This material may not be "
        "published, broadcast, rewritten, or redistributed."
    )
    story = "The state health office confirmed two more cases of the virus on Friday."
    footer = "Copyright © 2024 Riverside Courier Media Group"
    text, removed = clean_main_text("\n\n".join([story, notice, footer]), frozenset())
    assert notice in text
    assert [(r.reason, r.text) for r in removed] == [("copyright", footer)]


def test_headline_links_tagged_video_form_a_link_list() -> None:
    anchors = frozenset(
        [
            "wireless gaming headset review: my new go-to for long sessions",
            "power station review: charge up to nine devices at once",
        ]
    )
    story = (
        "The headset's battery lasted 31 hours in our tests, longer than the maker claims, "
        "and the microphone kept voices clear over a noisy fan."
    )
    related = [
        "Wireless gaming headset review: My new go-to for long sessions [Video]",
        "Power station review: Charge up to nine devices at once [Video]",
    ]
    text, removed = clean_main_text("\n\n".join([story, *related]), anchors)
    assert text == story
    assert [r.reason for r in removed] == ["link-list", "link-list"]
    # one tagged link on its own is not a list: it stays
    text, removed = clean_main_text("\n\n".join([story, related[0]]), anchors)
    assert related[0] in text and removed == []


def test_newsletter_widget_states_and_channel_prompts_are_promos() -> None:
    story = (
        "The harbour authority reopened the east pier on Friday, two weeks after a crane "
        "collapsed onto two fishing boats."
    )
    promos = [
        "Thanks for signing up!",
        "There was an error processing your subscription.",
        "Keep an eye on your inbox for the latest harbour news.",
        "Get the day's top stories delivered to your inbox by subscribing to our newsletter.",
        "Subscribe to the Courier YouTube Channel for the latest videos.",
        "GET COURIER NEWS ON THE GO BY CLICKING HERE",
        "Email Dana Whitfield at dwhitfield@courier.example or follow her @danaw.",
    ]
    text, removed = clean_main_text("\n\n".join([story, *promos]), frozenset())
    assert text == story
    assert [r.reason for r in removed] == ["promo"] * len(promos)


def test_a_paragraph_about_subscriptions_is_not_a_promo() -> None:
    story = (
        "Subscribers complained that the company kept charging them after they cancelled, "
        "and the regulator said it had received more than 300 complaints about the "
        "newsletter service since March, when the price rose by a third."
    )
    text, removed = clean_main_text(story, frozenset())
    assert text == story and removed == []


def test_widget_headers_and_publication_stamps_are_recorded() -> None:
    story = (
        "Firefighters contained the warehouse blaze by midnight, and no one was hurt, "
        "the fire chief told reporters."
    )
    lines = [story, "DON'T MISS", "- Published 18 November 2019", "Related stories"]
    text, removed = clean_main_text("\n\n".join(lines), frozenset())
    assert text == story
    assert [r.reason for r in removed] == ["widget-header", "timestamp", "widget-header"]
    # a sentence that starts like a header is text
    keep = "Related charges were filed against two other men on Friday, prosecutors said."
    assert clean_main_text(keep, frozenset()) == (keep, [])


STANDFIRST_PAGE = """<html><head><title>Flood barrier fails in Harlow | Riverside Courier</title>
<meta property="og:title" content="Flood barrier fails in Harlow">
<meta name="description" content="The county's new barrier gave way within hours of the storm
surge, leaving two streets under water.">
</head><body><article>
<h1>Flood barrier fails in Harlow</h1>
<h2 class="standfirst">The county's new barrier gave way within hours of the storm surge,
leaving two streets under water.</h2>
<p>HARLOW - A flood barrier that cost the county 4 million pounds gave way early on Sunday,
hours after the storm surge reached the river mouth, the fire service said.</p>
<p>Residents of Mill Lane and Quay Street were taken to the leisure centre by boat, and
officials said about 60 homes had water on the ground floor by midday.</p>
<p>The engineering firm that built the barrier said it would send a team on Monday to find
out why two of the steel panels had buckled under a load they were designed to carry.</p>
</article></body></html>"""


def test_standfirst_under_the_headline_is_a_recorded_summary() -> None:
    page = extract_html(STANDFIRST_PAGE)
    lines = page.text.split("\n\n")
    # the headline stays (trafilatura-eval counts it as article text) ...
    assert lines[0] == "Flood barrier fails in Harlow"
    # ... the standfirst the page declares as its description goes, with a reason
    assert lines[1].startswith("HARLOW - A flood barrier")
    assert [r.reason for r in page.removed if "gave way within hours" in r.text] == ["summary"]


def test_a_lead_paragraph_repeating_the_description_stays() -> None:
    # Same words, but a <p>: the lead of the report, not a standfirst.
    page = extract_html(
        STANDFIRST_PAGE.replace('<h2 class="standfirst">', "<p>").replace(
            "water.</h2>", "water.</p>"
        )
    )
    assert "gave way within hours of the storm surge" in page.text
    assert not any(r.reason == "summary" for r in page.removed)


def test_a_description_heading_not_under_the_headline_stays() -> None:
    heads = PageHints(
        headlines=frozenset(["flood barrier fails in harlow"]),
        summaries=frozenset(["the barrier gave way within hours of the storm surge"]),
    )
    body = "\n\n".join(
        [
            "The barrier gave way within hours of the storm surge",
            "HARLOW - A flood barrier that cost the county 4 million pounds gave way on Sunday.",
            "Residents were taken to the leisure centre by boat.",
        ]
    )
    text, removed = clean_main_text(body, heads)
    assert text == body and removed == []


def test_a_line_that_is_the_page_own_address_is_a_share_widget() -> None:
    hints = PageHints(own_urls=frozenset([url_key("https://www.courier.example/news/flood-1234")]))
    story = "The barrier gave way early on Sunday, hours after the storm surge."
    source = "https://www.gov.example/reports/flood-barrier-inspection.pdf"
    body = "\n\n".join(["https://courier.example/news/flood-1234/", story, source])
    text, removed = clean_main_text(body, hints)
    # another address (a source the story cites) stays
    assert text == "\n\n".join([story, source])
    assert [r.reason for r in removed] == ["own-url"]


def test_credits_reading_time_and_unrendered_shortcodes_are_recorded() -> None:
    story = (
        "The new bike's brakes faded on the long descent, and the tester stopped twice "
        "to let them cool before the final climb."
    )
    lines = [
        "Tempo de leitura: 2 minutos",
        "4 min read",
        story,
        '[button link="https://bikes.example/r/" type="big"] Send us YOUR review[/button]',
        "© Reuters",
        "(c) 2021 Bikes Example Ltd",
    ]
    text, removed = clean_main_text("\n\n".join(lines), frozenset())
    assert text == story
    assert [r.reason for r in removed] == [
        "reading-time",
        "reading-time",
        "markup",
        "copyright",
        "copyright",
    ]
    # an enumerated clause and a sentence about reading time are text
    keep = [
        "(c) the rider must wear a helmet at all times on the course.",
        "Reading time for the full report is about 40 minutes, the council said.",
    ]
    assert clean_main_text("\n\n".join(keep), frozenset()) == ("\n\n".join(keep), [])


def test_a_date_stamp_at_the_top_is_recorded_in_any_language() -> None:
    story = (
        "A polícia prendeu dois suspeitos na madrugada de sábado, depois de uma "
        "perseguição pelo centro da cidade."
    )
    for stamp in (
        "sexta-feira, 22 de outubro de 2010 às 20:13",
        "5:45 AM PST 11/19/2019 by Dana Ruiz",
        "기사입력 :[ 2018-08-25 15:24 ]",
    ):
        text, removed = clean_main_text("\n\n".join([stamp, story]), frozenset())
        assert text == story, stamp
        assert [r.reason for r in removed] == ["timestamp"]
    # a short sentence with a time and a year is text, and so is a stamp-like
    # line deep in the article (a schedule)
    keep = [
        "The vote closed at 10:30 on 5 May 2019.",
        story,
        "Os suspeitos foram levados para a delegacia central, disse a polícia.",
        "Nov. 18, 2019: doors open at 18:30",
        "Kick-off 20:45, 12 March 2020",
        "Tickets go on sale at 9:00 on the day.",
    ]
    assert clean_main_text("\n\n".join(keep), frozenset()) == ("\n\n".join(keep), [])


def test_long_headline_cards_are_a_link_list_but_a_bulleted_list_stays() -> None:
    cards = [
        "Jonas Brothers added to the 2019 music awards performance lineup on Sunday night",
        "Ciara to host the 2019 music awards, plus a second wave of new performers announced",
    ]
    anchors = frozenset(c.casefold() for c in cards)
    story = "The nominations were announced on Thursday, with three artists tied for the lead."
    text, removed = clean_main_text("\n\n".join([story, *cards]), anchors)
    assert text == story
    assert [r.reason for r in removed] == ["link-list", "link-list"]
    # the same links as the author's bulleted list ("Editors' picks: - ...") stay
    bulleted = "\n\n".join([story, "Editors' picks:", *(f"- {c}" for c in cards)])
    assert clean_main_text(bulleted, anchors) == (bulleted, [])


def test_read_also_headers_and_promos_in_other_languages_and_site_notices() -> None:
    story = (
        "El consejo municipal aprobó el martes un presupuesto de 12 millones de dólares "
        "para reparar el puerto, dijo el alcalde."
    )
    lines = [
        story,
        "Lea también: Pescadores protestan frente a la alcaldía por el cierre del muelle",
        "Contenido Relacionado",
        "(Leggi anche su: Il porto chiude per lavori –FOTO)",
        "Subscribe now to our eHARBOUR edition for the full story.",
        "For the latest stories download the Harbour News apps for iOS and Android.",
        "We want to hear what you think about this article. Write to letters@harbour.example.",
        "Get The Harbour News Daily Edition by email and never miss our top stories",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Follow AP's full coverage of the harbour strike at https://apnews.example/strike",
        "© 2022, Harbour News. This article is the copyrighted property of Harbour News. "
        "Written permission must be obtained before reprint in online or print media. "
        "Sharing of the link to this article is permitted.",
    ]
    text, removed = clean_main_text("\n\n".join(lines), frozenset())
    assert text == story
    assert [r.reason for r in removed] == [
        "related-header",
        "widget-header",
        "related-header",
        "promo",
        "promo",
        "promo",
        "promo",
        "site-notice",
        "promo",
        "copyright",
    ]
    # sentences that use the same words are text
    keep = [
        "Lea Thompson, the harbour master, said the pier would reopen in May.",
        "Readers can download the app, but the council has not said when it will work.",
        "Copyright holders sued the website on Monday, saying it had copied their photos.",
    ]
    assert clean_main_text("\n\n".join(keep), frozenset()) == ("\n\n".join(keep), [])


def test_caption_credits_and_capitalised_link_plugs_are_recorded() -> None:
    plug = "CO-FOUNDER 'PROUD' OF HARBOUR WORKERS LIVING OUT THEIR DREAM"
    story = (
        "Harbour Supplies said on Tuesday that sales fell 4 per cent in the third quarter, "
        "and its shares dropped 6 per cent in early trading."
    )
    lines = [
        story,
        "The new crane at the east pier, views from the quay, photos © Harbour Times, 2018",
        "(Credit: Dana Ruiz / Harbour Times)",
        plug,
        "The company expects sales to recover next year, its chief executive said.",
    ]
    text, removed = clean_main_text("\n\n".join(lines), frozenset([plug.casefold()]))
    assert text == "\n\n".join([lines[0], lines[4]])
    assert [r.reason for r in removed] == ["caption-credit", "caption-credit", "link-plug"]
    # a sentence about photos is text; a capitalised line that is no link is text
    keep = [
        "The photos were taken by a passer-by, police said, and have been shared widely.",
        "Officers showed her photos by the roadside",
        "GIRLS BASKETBALL RESULTS FROM FRIDAY",
    ]
    assert clean_main_text("\n\n".join(keep), frozenset()) == ("\n\n".join(keep), [])


def test_an_author_note_ending_in_a_follow_prompt_is_a_promo() -> None:
    story = "The probe will reach the comet in 2031, the agency said on Wednesday."
    note = (
        'Dana Ruiz\'s book about the search for comets, "Ice Messengers" (Harbour Press, '
        "2018), is out now. Follow her on Twitter @danaruiz. Follow us on Twitter "
        "@harbourspace and on Facebook."
    )
    text, removed = clean_main_text("\n\n".join([story, note]), frozenset())
    assert text == story and [r.reason for r in removed] == ["promo"]
    keep = "The singer told fans to follow her on Instagram for news of the tour."
    assert clean_main_text(keep, frozenset()) == (keep, [])


def test_typographic_apostrophes_match_the_patterns() -> None:
    story = "The harbour board voted on Monday to close the east pier until spring."
    lines = [
        story,
        "DON\u2019T MISS",
        "The Courier publishes letters from readers. We\u2019d like to hear what you think "
        "about this or any of our articles.",
    ]
    text, removed = clean_main_text("\n\n".join(lines), frozenset())
    assert text == story
    assert [r.reason for r in removed] == ["widget-header", "promo"]
    # the removed line is recorded as the page printed it
    assert removed[0].text == "DON\u2019T MISS"
