"""Page elements removed before trafilatura reads the tree, each with its reason.

Some boilerplate sits *inside* a paragraph of the article, where no line rule
on trafilatura's text can reach it without cutting the sentence around it:

* a *hover card*: a people or topic card that a site hides inside the link it
  hangs on and shows on mouse-over (a thumbnail, the person's name again and
  links to other stories). Rendered as text it splices a list of headlines
  into the middle of a sentence ("... threatened to kill Rep. Ilhan OmarIlhan
  OmarHillicon Valley: Progressives oppose ..."). It is recognised by its
  shape, not by a site's class names: an element inside a ``<p>`` whose text
  is almost all link text (at least ``CARD_MIN_LINKS`` links,
  ``CARD_LINK_SHARE`` of its characters, ``CARD_MIN_WORDS`` words), that is
  not most of the paragraph, and that repeats a link the paragraph already
  made before it (same ``href``) -- a card *about* the link before it. The
  link itself stays, so the sentence keeps the name.

The removed text is returned as :class:`~crosswire.model.Removed` so it is
listed with the article's other removed blocks.

One thing is *kept* that trafilatura would drop: an *embedded post*
(``<blockquote class="twitter-tweet">``) that the article quotes. Sites wrap
it in containers named "social-media-embed" or "article-widget", which
trafilatura discards as share buttons and widgets, so a reaction the story
reports ("a whole lot of people on Twitter pointed it out:") went missing
with its author. The wrappers that hold nothing but the post are replaced by
a plain ``<blockquote>`` with the post's text, where the article had it.
"""

from __future__ import annotations

import re
from typing import Any

from crosswire.model import Removed

# An lxml.html.HtmlElement; lxml ships no type stubs, so it is typed loosely.
HtmlElement = Any

CARD_MIN_LINKS = 2
CARD_LINK_SHARE = 0.8
CARD_MIN_WORDS = 8
# A card is an aside in a paragraph: it holds less than this share of its words
# (a paragraph that is all links is a link list, the line rules' business).
CARD_MAX_PARAGRAPH_SHARE = 0.8
_WS_RE = re.compile(r"\s+")
_SKIP_TAGS = frozenset(["script", "style", "noscript", "template"])
# Embedded posts the article quotes (Twitter/X's embed markup).
_EMBEDDED_POST_RE = re.compile(r"(?:^|\s)twitter-tweet(?:\s|$)")
# A post's wrappers are unwrapped up to, never including, these.
_POST_STOP_TAGS = frozenset(["body", "html", "article", "main"])


def _text(elem: HtmlElement) -> str:
    return _WS_RE.sub(" ", elem.text_content()).strip()


def _is_link_block(elem: HtmlElement, paragraph_words: int) -> bool:
    text = _text(elem)
    words = len(text.split())
    if words < CARD_MIN_WORDS or words >= CARD_MAX_PARAGRAPH_SHARE * paragraph_words:
        return False
    link_texts = [t for t in (_text(a) for a in elem.iter("a")) if t]
    if len(link_texts) < CARD_MIN_LINKS:
        return False
    return sum(len(t) for t in link_texts) >= CARD_LINK_SHARE * len(text)


def _hover_cards(paragraph: HtmlElement) -> list[HtmlElement]:
    """Outermost hover cards inside one paragraph, in document order."""
    # A card needs the link it hangs on plus CARD_MIN_LINKS of its own: most
    # paragraphs are ruled out by counting links, before any text is read.
    if len(paragraph.findall(".//a")) < CARD_MIN_LINKS + 1:
        return []
    words = len(_text(paragraph).split())
    if words < CARD_MIN_WORDS:
        return []
    seen_hrefs: set[str] = set()
    cards: list[HtmlElement] = []
    inside: set[int] = set()
    for elem in paragraph.iterdescendants():
        tag = elem.tag if isinstance(elem.tag, str) else ""
        parent = elem.getparent()
        if parent is not None and id(parent) in inside:
            inside.add(id(elem))
            continue
        if tag == "a":
            href = (elem.get("href") or "").strip()
            if href:
                seen_hrefs.add(href)
            continue
        if not tag or tag in _SKIP_TAGS or not seen_hrefs:
            continue
        hrefs = {(a.get("href") or "").strip() for a in elem.iter("a")}
        if hrefs & seen_hrefs and _is_link_block(elem, words):
            cards.append(elem)
            inside.add(id(elem))
    return cards


def _drop(elem: HtmlElement) -> None:
    """Remove ``elem`` but keep the text that follows it (its tail)."""
    parent = elem.getparent()
    if parent is None:
        return
    tail = elem.tail or ""
    previous = elem.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(elem)


def _unwrap_embedded_posts(tree: HtmlElement) -> None:
    """Replace each embedded post's wrappers by a plain ``<blockquote>`` (see above)."""
    posts = [q for q in tree.iter("blockquote") if _EMBEDDED_POST_RE.search(q.get("class") or "")]
    for post in posts:
        text = _text(post)
        if not text:
            continue
        outer = post
        parent = outer.getparent()
        while parent is not None and parent.tag not in _POST_STOP_TAGS and _text(parent) == text:
            outer, parent = parent, parent.getparent()
        if parent is None:
            continue
        tail = outer.tail
        post.attrib.clear()
        post.tail = tail
        if outer is not post:
            parent.replace(outer, post)


def prune_tree(tree: HtmlElement) -> list[Removed]:
    """Remove hover cards from ``tree`` in place; return what was removed and why.

    Embedded posts are unwrapped at the same time, so that they are kept.
    """
    _unwrap_embedded_posts(tree)
    removed: list[Removed] = []
    for paragraph in list(tree.iter("p")):
        for card in _hover_cards(paragraph):
            removed.append(Removed(text=_text(card), reason="hover-card"))
            _drop(card)
    return removed
