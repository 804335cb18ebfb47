"""Find direct quotations in cleaned article text by scanning quote marks.

Only double quotes count (curly ``“ ”`` or straight ``"``); single quotes are
too often apostrophes or nested quotes to delimit a top-level quotation.
Newswire convention for a quotation running over several paragraphs is to
leave the paragraph *open* (no closing mark) and start the next paragraph with
a fresh opening mark; :func:`find_quotes` joins such paragraphs into one
:class:`Quote`.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

_OPEN = "“"
_CLOSE = "”"
_STRAIGHT = '"'
_MARK = re.compile(f"[{_OPEN}{_CLOSE}{_STRAIGHT}]")
# A paragraph is a line; blank lines between paragraphs are allowed.
_PARA = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+")
_MIN_TURN_WORDS = 4
_DOUBLED = re.compile(r"(?<!')''(?!')")


@dataclass(frozen=True)
class Quote:
    """One direct quotation.

    ``start``/``end`` include the quote marks; ``inner_start``/``inner_end``
    exclude them.  ``paragraphs`` counts how many paragraphs a continued
    quotation spans (1 for an ordinary quote).
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraphs: int = 1

    def words(self, text: str) -> int:
        """Number of word tokens inside the quotation."""
        return len(_WORD.findall(text, self.inner_start, self.inner_end))


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Return closed (open, close) mark pairs and the position of a dangling opener."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    # Only the marks matter: let the regex engine skip the text between them.
    for m in _MARK.finditer(text, start, end):
        i = m.start()
        ch = m.group()
        if opened is None:
            if ch == _CLOSE and text[start:i].strip():
                # A stray closing mark (e.g. after an ellipsis cut); ignore it.
                # At a paragraph's start it is a typo for an opening mark.
                continue
            opened = i
        elif ch == _OPEN and text[opened] == _OPEN and i - opened < 3:
            # "““" typo: keep the first opener.
            continue
        else:
            pairs.append((opened, i))
            opened = None
    return pairs, opened


def _starts_with_quote(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return bool(stripped) and stripped[0] in (_OPEN, _STRAIGHT)


def find_quotes(text: str) -> list[Quote]:
    """Return the direct quotations in ``text`` in order, joined across paragraphs.

    A paragraph that ends inside an open quotation continues into the next
    paragraph when that one starts with an opening mark; otherwise the
    dangling mark is treated as a typo and dropped.
    """
    # The claim pass asks twice per article; quotes are frozen, so share them.
    return list(_find_quotes(text))


@functools.lru_cache(maxsize=8)
def _find_quotes(text: str) -> tuple[Quote, ...]:
    raw = text
    text = _normalise_doubled(text)
    paragraphs = [(m.start(), m.end()) for m in _PARA.finditer(text)]
    quotes: list[Quote] = []
    # An open continued quotation: (start, paragraphs so far).
    carry: tuple[int, int] | None = None
    for index, (p_start, p_end) in enumerate(paragraphs):
        pairs, dangling = _scan_paragraph(text, p_start, p_end)
        if carry is not None:
            c_start, c_paras = carry
            carry = None
            if pairs and text[p_start : pairs[0][0]].strip() == "":
                # The paragraph's first quote closes the continued quotation.
                first_close = pairs.pop(0)[1]
                quotes.append(
                    Quote(c_start, first_close + 1, c_start + 1, first_close, c_paras + 1)
                )
            elif dangling is not None and not pairs and text[p_start:dangling].strip() == "":
                dangling = None
                nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
                if nxt is not None and _starts_with_quote(text, *nxt):
                    carry = (c_start, c_paras + 1)
                else:
                    quotes.append(Quote(c_start, p_end, c_start + 1, p_end, c_paras + 1))
            else:
                log.debug("continued quote at %d not closed; dropped", c_start)
        for open_at, close_at in pairs:
            quotes.append(Quote(open_at, close_at + 1, open_at + 1, close_at, 1))
        if dangling is not None:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if nxt is not None and _starts_with_quote(text, *nxt):
                carry = (dangling, 1)
            elif text[dangling] != _CLOSE and p_end - dangling > 1:
                # Unclosed to the end of the paragraph and not continued: most
                # often a missing closing mark, so the quote ends with the
                # paragraph.
                quotes.append(Quote(dangling, p_end, dangling + 1, p_end, 1))
    quotes.sort(key=lambda q: q.start)
    if raw is not text:
        quotes = [_widen(raw, q) for q in quotes]
    return tuple(quotes)


def cover_quotation(text: str, start: int, end: int) -> int:
    """End of a reported content span stretched over the quotation it opens.

    The parse ends a clause such as 'that “we tell the truth, we deal with
    the issues.”' at the first comma or full stop inside the quotation; the
    speaker's quoted words run to the closing mark (or, for a quotation
    continued over paragraphs, to the end of the first one).  A content
    that starts where a quotation's words start ("to be able to beat
    expectations" in “to be able to beat expectations would be helpful.”)
    runs to its last word.
    """
    for q in find_quotes(text):
        if q.start >= end:
            break
        if end >= q.end:
            continue
        stop = q.end if q.paragraphs == 1 else _paragraph_end(text, q.start)
        if start <= q.start:
            return max(end, stop)
        if start == q.inner_start:
            return max(end, min(stop, q.inner_end))
    return _closing_mark(text, start, end)


def _paragraph_end(text: str, at: int) -> int:
    stop = text.find("\n", at)
    return len(text) if stop < 0 else stop


def _closing_mark(text: str, start: int, end: int) -> int:
    """End extended over a closing mark right after it (a quotation the scan did not pair)."""
    part = text[start:end]
    opened = part.count(_OPEN) > part.count(_CLOSE) or part.count(_STRAIGHT) % 2 == 1
    if not opened:
        return end
    for i in range(end, min(len(text), end + 3)):
        if text[i] in (_STRAIGHT, _CLOSE):
            return i + 1
    return end


def _normalise_doubled(text: str) -> str:
    """Map the NYT archive's doubled apostrophes (''…'') to one straight quote.

    Offsets must not move, so "''" becomes ' "' when it opens a quotation
    (the mark sits next to the quoted word) and '" ' when it closes one.
    """
    if "''" not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        nxt = text[m.end() : m.end() + 1]
        prev = text[m.start() - 1 : m.start()]
        opens = (not prev or prev.isspace() or prev in "([—-") and nxt[:1].strip() != ""
        return ' "' if opens else '" '

    return _DOUBLED.sub(repl, text)


def _widen(raw: str, q: Quote) -> Quote:
    """Let a quote's outer span cover both apostrophes of a doubled mark."""
    start, end = q.start, q.end
    if raw[start - 1 : start + 1] == "''":
        start -= 1
    if raw[end - 1 : end + 1] == "''":
        end += 1
    return Quote(start, end, q.inner_start, q.inner_end, q.paragraphs)


# "PENCE: Well, look, ..." (transcripts) and "Pence: Flowers Won't Be at
# Debate" (headlines): a short capitalised name opening a paragraph, a colon,
# then the speaker's words.  Labels that are not speakers are excluded.
_NAME = r"[A-Z][\w.'’-]*(?:[ \t\xa0]+(?:[A-Z][\w.'’-]*|de|van|von|al-\w+)){0,3}"
# A headline may open with a label and a dash ("EXCLUSIVE – Roger Stone: ...",
# "RED STATES OUTNUMBER BLUE - Jeffrey M. Jones: “...”") and name the
# audience after the speaker ("Clinton to Planned Parenthood: ...").
_LABEL = r"(?:[^\n:“”\"]{0,120}?[ \t](?:-|–|—)[ \t]+)?"
_AUDIENCE = rf"(?:[ \t]+(?:to|at)[ \t]+{_NAME})?"
_TURN = re.compile(
    rf"^[ \t\"“]*{_LABEL}(?P<name>{_NAME}){_AUDIENCE}[ \t]*:[ \t]+(?P<rest>\S[^\n]*)$", re.M
)
_NOT_SPEAKERS = {
    "update", "updated", "note", "editor", "photo", "photos", "video", "watch", "read",
    "related", "source", "sources", "correction", "disclosure", "q", "a", "question",
    "answer", "see", "also", "more", "listen", "image", "credit", "tags", "by", "via",
    "warning", "breaking", "exclusive", "opinion", "analysis", "subscribe", "follow",
    "according", "latest", "contributing", "revealed", "wow", "paid", "stat", "name",
    "clarification", "the",
}  # fmt: skip
# Last words of a section label ("Editor's Note", "Delegate Update", "The Latest");
# a turn's speaker is a name, never opened by "The" ("The Gap Goes On:").
_LABEL_ENDS = frozenset(["note", "update", "notice", "latest"])
# "“…” ― Sonya Herridge": a dash then a name right after a closing quote.
_DASH_CREDIT = re.compile(rf"[ \t\xa0]*(?P<dash>―|—|–|--)[ \t\xa0]*(?P<name>{_NAME})")


def find_turns(text: str) -> list[tuple[tuple[int, int], tuple[int, int], tuple[int, int]]]:
    """Return ``(name, colon, content)`` spans of "NAME: words" paragraphs.

    The content must have at least four words, so list items such as
    "Date: Monday" are not taken for speech.
    """
    out = []
    for m in _TURN.finditer(text):
        name = m["name"]
        words = [w.lower().strip("’'s") for w in name.split()]
        # A label before the colon ("The Latest:", "Editor's Note:", "Delegate
        # Update:") names a section, not a speaker.
        if name.lower() in _NOT_SPEAKERS or words[0] in _NOT_SPEAKERS or words[-1] in _LABEL_ENDS:
            continue
        rest0, rest1 = m.start("rest"), m.end("rest")
        while rest1 > rest0 and text[rest1 - 1] in ' \t"”':
            rest1 -= 1
        if text[rest0] in '"“':
            rest0 += 1
        if len(_WORD.findall(text, rest0, rest1)) < _MIN_TURN_WORDS:
            continue
        colon = text.index(":", m.end("name"))
        out.append(((m.start("name"), m.end("name")), (colon, colon + 1), (rest0, rest1)))
    return out


_TITLES_WITH_DOT = {"Jr.", "Sr.", "Esq.", "Ph.D.", "Gen.", "Sen.", "Rep.", "Gov."}


def dash_credit(text: str, quote: Quote) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``(name, dash)`` spans when a quotation is credited "“…” ― Name"."""
    m = _DASH_CREDIT.match(text, quote.end)
    if m is None:
        return None
    end = m.end("name")
    last = text[m.start("name") : end].split()[-1]
    if last.endswith(".") and len(last) > 3 and last not in _TITLES_WITH_DOT:
        end -= 1  # "― Carla Sanchez." ends a sentence; "― Martin Luther King Jr." keeps it
    return (m.start("name"), end), (m.start("dash"), m.end("dash"))
