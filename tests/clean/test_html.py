"""Tests for crosswire.clean.html on invented fixture pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.clean.html import MAX_REMOVED, ExtractedPage, _fast_text_doubtful, extract_html
from crosswire.model import DateCandidate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


def _page(name: str, url: str | None = None) -> ExtractedPage:
    return extract_html((FIXTURES / name).read_bytes(), url=url)


@pytest.fixture(scope="module")
def news() -> ExtractedPage:
    return extract_html((FIXTURES / "news_page.html").read_text(encoding="utf-8"))


def test_news_main_text_kept_in_paragraphs(news: ExtractedPage) -> None:
    paragraphs = news.text.split("\n\n")
    assert paragraphs[-1].startswith("Local businesses on the eastern bank")
    assert any(p.startswith("The Eastgate harbour bridge was closed") for p in paragraphs)
    assert '"We are not taking any chances' in news.text
    assert "\n\n\n" not in news.text


@pytest.mark.parametrize(
    "junk",
    [
        "Sport results this week",  # nav
        "Council approves new cycle lanes",  # sidebar "most read"
        "morning newsletter",  # sidebar
        "All rights reserved",  # footer
        "proper fenders",  # reader comment
        "12 comments",
    ],
)
def test_news_boilerplate_and_comments_excluded(news: ExtractedPage, junk: str) -> None:
    assert junk not in news.text


def test_news_metadata(news: ExtractedPage) -> None:
    # The <title> carries " | The Riverside Courier"; the site suffix is dropped.
    assert news.title == "Harbour bridge closed after barge strike"
    assert news.author == "Mara Lindqvist"
    assert news.site_name == "The Riverside Courier"
    # rel=canonical wins over og:url (which carries a tracking parameter).
    assert news.url == "https://courier.example.org/news/2024/03/harbour-bridge-closed"
    assert news.language == "en-GB"


def test_news_dates_are_raw_meta_values(news: ExtractedPage) -> None:
    assert news.dates[0] == DateCandidate("2024-03-14T07:45:00+00:00", "meta")
    # JSON-LD datePublished is kept verbatim; dateModified is not a publication date.
    assert DateCandidate("2024-03-14T07:40:00Z", "meta") in news.dates
    assert all("2024-03-15" not in c.value for c in news.dates)
    assert all(c.origin == "meta" for c in news.dates)


def test_news_removed_blocks_have_reasons(news: ExtractedPage) -> None:
    by_reason: dict[str, list[str]] = {}
    for r in news.removed:
        by_reason.setdefault(r.reason, []).append(r.text)
    assert set(by_reason) == {"boilerplate", "comments"}
    assert any("proper fenders" in t for t in by_reason["comments"])
    assert any("nightmare" in t for t in by_reason["comments"])
    assert any("All rights reserved" in t for t in by_reason["boilerplate"])
    assert any("cycle lanes" in t for t in by_reason["boilerplate"])
    # Blocks under three words ("Home", "Most read") are not worth recording.
    assert all(len(r.text.split()) >= 3 for r in news.removed)
    # Nothing recorded as removed is part of the kept text.
    assert all(r.text not in news.text for r in news.removed)


def test_str_and_bytes_input_agree(news: ExtractedPage) -> None:
    assert _page("news_page.html") == news


def test_relative_canonical_resolved_against_url() -> None:
    html = (FIXTURES / "news_page.html").read_text(encoding="utf-8")
    html = html.replace("https://courier.example.org/news/2024/03/", "/news/2024/03/")
    page = extract_html(html, url="https://courier.example.org/feed")
    assert page.url == "https://courier.example.org/news/2024/03/harbour-bridge-closed"


def test_page_without_main_content_gives_empty_text() -> None:
    page = _page("no_body.html")
    assert page.text == ""
    assert page.title == "Page vide"
    assert page.language == "fr"


def test_broken_markup_still_extracted() -> None:
    page = _page("broken.html")
    assert page.text.startswith("The national weather service issued an amber warning")
    assert "Ferry operators cancelled the late crossings" in page.text
    # The last paragraph sits after an unclosed table cell; it must not be lost.
    assert "secure garden furniture" in page.text
    assert page.title == "Storm warning issued for the northern coast"
    assert page.url is None and page.dates == [] and page.language is None


def test_windows_1252_bytes_decoded() -> None:
    page = _page("cp1252_page.html")
    assert "Die Beschäftigten der städtischen Müllabfuhr in Köln" in page.text
    assert "\u201eWir sind seit Monaten im Gespräch" in page.text
    assert "Straße" in page.text
    assert "\ufffd" not in page.text
    assert page.title == "Müllabfuhr streikt in Köln"
    assert page.language == "de"


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "   \n",
        "<html",
        "\x00\x01\x02 binary junk",
        b"\xff\xfe\x00\x00garbage",
        b"",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>",
    ],
)
def test_bad_input_never_raises(bad: str | bytes) -> None:
    page = extract_html(bad)
    assert page.text == ""


def test_removed_list_is_capped() -> None:
    links = "".join(
        f"<li><a href='/{i}'>Related story number {i} here</a></li>" for i in range(400)
    )
    body = " ".join(["Officials confirmed the road would reopen on Friday."] * 30)
    html = f"<html><body><article><p>{body}</p></article><ul>{links}</ul></body></html>"
    page = extract_html(html)
    assert page.text.startswith("Officials confirmed")
    assert len(page.removed) == MAX_REMOVED


def test_commentary_section_is_not_tagged_as_comments() -> None:
    body = " ".join(["The minister defended the budget in parliament on Tuesday."] * 20)
    html = (
        "<html><body><article><p>" + body + "</p></article>"
        "<div class='commentary-box'><p>Our analysts weigh the budget numbers carefully</p></div>"
        "</body></html>"
    )
    page = extract_html(html)
    assert all(r.reason != "comments" for r in page.removed)


# -- when the fast path's text is doubted and the full cascade runs ------------

_PARA_A = (
    "The county board voted on Tuesday to close the Riverside bridge for six weeks of "
    "repairs after inspectors found corroded steel in two of its support beams, officials said."
)
_PARA_B = (
    "Commuters will be sent along the Mill Road detour, which adds about twelve minutes to "
    "the morning drive, according to the transport office, which expects heavy traffic."
)


def test_fast_text_with_every_long_paragraph_is_trusted() -> None:
    blocks = [(_PARA_A, False), (_PARA_B, False), ("Home News Sport", False)]
    assert not _fast_text_doubtful(f"{_PARA_A}\n{_PARA_B}", blocks)


def test_fast_text_missing_most_long_paragraphs_is_doubted() -> None:
    blocks = [(_PARA_A, False), (_PARA_B, False)]
    short = "Bridge to close for repairs, board says."
    assert _fast_text_doubtful(short, blocks)
    # paragraphs in a reader-comment container do not count as missed article text
    assert not _fast_text_doubtful(_PARA_A, [(_PARA_A, False), (_PARA_B, True)])


def test_menu_like_or_unbroken_fast_text_is_doubted() -> None:
    labels = ["Home", "World news", "Business", "Sport results today", "Weather", "Contact us"]
    menu = "\n".join([*labels, _PARA_A[:40]])
    assert _fast_text_doubtful(menu, [])
    dump = " ".join([_PARA_A, _PARA_B] * 5)  # ~300 words on one line
    assert _fast_text_doubtful(dump, [])
    assert not _fast_text_doubtful(f"{_PARA_A}\n{_PARA_B}", [])


def test_date_stamp_cut_from_the_top_dates_a_page_without_meta_dates() -> None:
    """A "Published ..." stamp the line rules remove is still the page's word on
    its date: a text-origin candidate, chosen when no meta date exists."""
    import datetime as dt

    from crosswire.meta.dates import choose_publication_date

    body = " ".join(
        ["The council voted on Tuesday to close the old bridge to heavy lorries after"]
        + ["engineers found cracks in two of its piers."] * 6
    )
    page = extract_html(
        "<html><head><title>Bridge closed to lorries</title></head><body><article>"
        "<h1>Bridge closed to lorries</h1><p>Published 3:15 PM, March 4, 2024</p>"
        f"<p>{body}</p><p>{body}</p><p>Engineers will return next month to decide whether"
        " the bridge can be repaired or must be replaced.</p></article></body></html>"
    )
    assert "Published 3:15 PM" not in page.text
    assert DateCandidate("March 4, 2024", "text") in page.dates
    chosen = choose_publication_date(
        page.dates, url=None, text=page.text, ingested=dt.date(2024, 6, 1)
    )
    assert (chosen.published, chosen.origin) == ("2024-03-04", "text")
