"""Per-``Doc`` memos of spaCy properties that are rebuilt on every access.

spaCy's ``Doc.text`` joins every token's text on each call, and ``Doc.ents``
rebuilds its tuple of spans by scanning every token; the analysis components
read both from inside per-token and per-candidate loops (``tok.doc.text`` in
the claim rules, ``doc.ents`` per gazetteer candidate), which made them
quadratic in article length. The memo holds the last few docs by identity:
the analysis runs one article's components back to back, so a tiny cache
hits almost always, and holding a strong reference means an ``id()`` cannot
be reused by another object while its entry lives.

Nothing in crosswire changes a doc's tokens or entities after ``nlp.pipe``;
code that does (``doc.ents = ...``, ``retokenize``) must call :func:`forget`.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

# A handful is enough: one article's doc at a time, plus a test that
# interleaves a couple of docs.
_SLOTS = 8
_memo: OrderedDict[int, tuple[Any, dict[str, Any]]] = OrderedDict()


def _entry(doc: Any) -> dict[str, Any]:
    key = id(doc)
    hit = _memo.get(key)
    if hit is not None and hit[0] is doc:
        _memo.move_to_end(key)
        return hit[1]
    values: dict[str, Any] = {}
    _memo[key] = (doc, values)
    if len(_memo) > _SLOTS:
        _memo.popitem(last=False)
    return values


def doc_text(doc: Any) -> str:
    """``doc.text``, computed once per doc."""
    values = _entry(doc)
    text = values.get("text")
    if text is None:
        text = values["text"] = str(doc.text)
    return str(text)


def doc_ents(doc: Any) -> tuple[Any, ...]:
    """``doc.ents`` (a tuple of spans), computed once per doc."""
    values = _entry(doc)
    ents = values.get("ents")
    if ents is None:
        ents = values["ents"] = tuple(doc.ents)
    return tuple(ents)


def doc_token_starts(doc: Any) -> list[int]:
    """Character offset of every token (ascending), computed once per doc."""
    values = _entry(doc)
    if "starts" not in values:
        values["starts"] = [t.idx for t in doc]
    starts: list[int] = values["starts"]
    return starts  # shared: callers only read it


def forget(doc: Any | None = None) -> None:
    """Drop the memo of ``doc`` (all docs when ``None``) after changing it."""
    if doc is None:
        _memo.clear()
    else:
        _memo.pop(id(doc), None)
