"""Text that every store and terminal accepts: no lone surrogates.

JSON allows ``"\\ud800"`` (a UTF-16 half with no partner) and ``os.walk``
hands over undecodable file-name bytes as such halves; UTF-8 cannot encode
them, so one of them in a title or a path used to abort the whole batch with
a ``UnicodeEncodeError``. Readers pass every item through :func:`safe_item`,
which swaps each lone half for U+FFFD (one character for one: offsets keep).
"""

from __future__ import annotations

import dataclasses
import re

from crosswire.model import DateCandidate, Outcome, RawDocument

_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_text(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _safe_opt(text: str | None) -> str | None:
    return None if text is None else safe_text(text)


def safe_item(item: RawDocument | Outcome) -> RawDocument | Outcome:
    """A copy of the item with every text field made safe."""
    if isinstance(item, Outcome):
        return dataclasses.replace(
            item, source=safe_text(item.source), reason=_safe_opt(item.reason)
        )
    return dataclasses.replace(
        item,
        source=safe_text(item.source),
        content=safe_text(item.content),
        url=_safe_opt(item.url),
        title=_safe_opt(item.title),
        author=_safe_opt(item.author),
        outlet=_safe_opt(item.outlet),
        language=_safe_opt(item.language),
        dates=[DateCandidate(safe_text(d.value), d.origin) for d in item.dates],
    )
