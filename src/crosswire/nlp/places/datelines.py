"""Datelines read from the text, not from the tokens.

A local story opens with the town it is filed from, in capitals, then its state
or the outlet in brackets, then a dash: "SAN ANTONIO - ", "NAPLES, Fla.- ",
"ST. LOUIS COUNTY, MO (KTVI)- ", "NORTH LAWNDALE— ", "LAKE CHARLES -A man".
The tokenizer glues a hyphen to the word before it ("ANTONIO-"), so a search
over capitalised tokens finds only "SAN" (San, Mali); splitting such hyphens in
the tokenizer would change every analysis. The dateline is read here from the
characters instead, and its whole capitalised run is one name, looked up as a
town.
"""

from __future__ import annotations

import re

# the gazetteer's own spelling out of "ST.", "FT.", "MT." (one rule, one place)
from crosswire.nlp.places.gazetteer import Gazetteer, Place, normalize
from crosswire.nlp.places.gazetteer import _expand as spelt_out

__all__ = ["dateline_names", "dateline_towns"]

# A word of the town: capitals, an apostrophe, inner hyphens ("WILKES-BARRE"),
# a final dot ("ST.", "FT.").
_WORD = r"[A-Z][A-Z'’]*(?:-[A-Z][A-Z'’]+)*\.?"
# The dash after the name: an en or em dash (never inside a name), "--", or a
# hyphen that is no inner hyphen of a name: followed by a space or the end of
# the line ("SAN ANTONIO- A man"), or with a space before it ("LAKE CHARLES -A").
_DASH = r"(?:[—–]|--|-(?![A-Za-z])|(?<=[ \t])-)"
_LINE = re.compile(
    r"^[ \t×•*]*(?P<town>" + _WORD + r"(?:[ \t]+" + _WORD + r"){0,3})"
    r"(?P<state>,[ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,2})?"
    r"[ \t]*(?P<outlet>\([^()\n]{1,40}\))?[ \t]*" + _DASH,
    re.MULTILINE,
)
_TOWN_KINDS = frozenset({"city", "town", "neighbourhood"})
# Words that open a line in capitals before a dash and are no town.
_NOT_TOWNS = frozenset({"update", "updated", "breaking", "watch", "video", "photos", "editor"})


def dateline_names(text: str) -> list[tuple[int, int]]:
    """Character spans of the towns of the datelines opening lines of ``text``:
    the capitalised run before the state, the outlet or the dash."""
    out: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        town = m.group("town")
        if sum(ch.isalpha() for ch in town) < 3 or normalize(town) in _NOT_TOWNS:
            continue
        out.append(m.span("town"))
    return out


def dateline_towns(text: str, gaz: Gazetteer) -> list[tuple[int, int, list[Place]]]:
    """The datelines' towns with their candidates: the gazetteer's places named
    exactly so, the populated places among them if any ("SAN ANTONIO": the
    town, not a county or a region; "ST. LOUIS COUNTY" stays a county)."""
    found: list[tuple[int, int, list[Place]]] = []
    for start, end in dateline_names(text):
        name = text[start:end]
        # title case, as the gazetteer writes names ("San Antonio")
        cands = gaz.lookup(name.title(), loose=False)
        keys = {normalize(name), spelt_out(normalize(name))}  # "ST. LOUIS COUNTY"
        if not any(normalize(c.name) in keys for c in cands):
            continue  # an alias or an abbreviation: left to the token search
        towns = [c for c in cands if c.kind in _TOWN_KINDS]
        found.append((start, end, towns or cands))
    return found
