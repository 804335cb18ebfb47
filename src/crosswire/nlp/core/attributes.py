"""A table-driven stand-in for spaCy's ``attribute_ruler``, same output, less time.

The packaged English model maps fine-grained tags to coarse POS and morphology
with an ``attribute_ruler``: 179 token patterns run through spaCy's ``Matcher``
and every match is applied through a ``Span``. Nearly every token matches at
least one pattern, so on news text the component costs about as much as the
parser (measured: 3.4 CPU-s of 30 on the 173 benchmark texts).

The patterns only test four token features (``TAG``, ``LOWER``, ``DEP``,
``IS_SPACE``), so the set of patterns a token satisfies is a function of a small
key: its tag, its dependency label, whether it is space, and its lowercase form
*only when some pattern names that form*. :class:`TableAttributeRuler` evaluates
the patterns once per distinct key, caches the resulting attribute changes and
applies them per token. It keeps spaCy's semantics: every pattern is matched
against the tokens as they were before the component ran, and the changes to a
token are applied in pattern order, so a later pattern wins.

:func:`table_ruler_for` builds one from the model's own patterns and returns
``None`` when a pattern uses anything outside that subset (another attribute,
an operator, a quantifier); the caller then keeps spaCy's component. A test
checks token-for-token equality with spaCy's ruler on realistic text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

_FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")
_SETTABLE = ("TAG", "POS", "MORPH", "LEMMA", "DEP")
# A token's key: (tag, lowercase form if some pattern names it else None, dep, is_space).
_Key = tuple[str, str | None, str, bool]
# (rule order, changes) of one matching rule.
_Change = tuple[int, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class _Entry:
    """What the table knows about one key."""

    changes: tuple[_Change, ...]  # single-token rules that match, in order
    merged: tuple[tuple[str, str], ...]  # their net effect, later rules winning
    multi: frozenset[tuple[int, int]]  # (multi-token rule, position) it satisfies


def _merge(changes: Sequence[_Change]) -> tuple[tuple[str, str], ...]:
    net: dict[str, str] = {}
    for _, attrs in changes:
        net.update(attrs)
    return tuple(net.items())


@dataclass(frozen=True)
class _Test:
    """One feature test of one pattern token: equality, IN, NOT_IN or REGEX."""

    feature: str
    op: str
    value: Any

    def passes(self, feats: dict[str, Any]) -> bool:
        actual = feats[self.feature]
        if self.op == "==":
            return bool(actual == self.value)
        if self.op == "IN":
            return actual in self.value
        if self.op == "NOT_IN":
            return actual not in self.value
        return isinstance(actual, str) and self.value.search(actual) is not None


@dataclass(frozen=True)
class _Rule:
    """One pattern of the ruler: tokens to match, the token to change, the changes."""

    order: int
    tokens: tuple[tuple[_Test, ...], ...]
    index: int
    attrs: tuple[tuple[str, str], ...]


def _tests(token: dict[str, Any]) -> tuple[_Test, ...] | None:
    tests: list[_Test] = []
    for feature, value in token.items():
        if feature not in _FEATURES:
            return None
        if isinstance(value, (str, bool)):
            tests.append(_Test(feature, "==", value))
        elif isinstance(value, dict) and len(value) == 1:
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list):
                tests.append(_Test(feature, op, frozenset(arg)))
            elif op == "REGEX" and isinstance(arg, str):
                tests.append(_Test(feature, op, re.compile(arg)))
            else:
                return None
        else:
            return None
    return tuple(tests)


def _rules(patterns: Sequence[dict[str, Any]]) -> list[_Rule] | None:
    rules: list[_Rule] = []
    for order, entry in enumerate(patterns):
        attrs = entry.get("attrs", {})
        if not attrs or any(k not in _SETTABLE or not isinstance(v, str) for k, v in attrs.items()):
            return None
        for pattern in entry["patterns"]:
            tokens = [_tests(tok) for tok in pattern]
            if not tokens or any(t is None for t in tokens):
                return None
            index = int(entry.get("index", 0))
            if index < 0:
                index += len(tokens)
            if not 0 <= index < len(tokens):
                return None
            rules.append(
                _Rule(order, tuple(t for t in tokens if t is not None), index, tuple(attrs.items()))
            )
    return rules


class TableAttributeRuler:
    """Apply attribute-ruler patterns through per-key lookup tables (see module doc)."""

    def __init__(self, rules: list[_Rule]) -> None:
        self._rules = rules
        self._single = [r for r in rules if len(r.tokens) == 1]
        self._multi = [r for r in rules if len(r.tokens) > 1]
        named: set[str] = set()
        regexes: list[re.Pattern[str]] = []
        for rule in rules:
            for token in rule.tokens:
                for test in token:
                    if test.feature != "LOWER":
                        continue
                    if test.op == "==":
                        named.add(test.value)
                    elif test.op in ("IN", "NOT_IN"):
                        named.update(test.value)
                    else:
                        regexes.append(test.value)
        self._named = frozenset(named)
        self._regexes = tuple(regexes)
        # key -> (changes of the single-token rules, multi-token rule positions it satisfies)
        self._table: dict[_Key, _Entry] = {}

    def _lower_key(self, lower: str) -> str | None:
        if lower in self._named or any(rx.search(lower) for rx in self._regexes):
            return lower
        return None

    def _entry(self, key: _Key) -> _Entry:
        entry = self._table.get(key)
        if entry is None:
            tag, lower, dep, space = key
            # A LOWER test against a form no pattern names passes only a NOT_IN;
            # "\x00" stands in for "some other word" there.
            feats = {
                "TAG": tag,
                "LOWER": lower if lower is not None else "\x00",
                "DEP": dep,
                "IS_SPACE": space,
            }
            single = tuple(
                (r.order, r.attrs)
                for r in self._single
                if all(t.passes(feats) for t in r.tokens[0])
            )
            multi = frozenset(
                (i, pos)
                for i, r in enumerate(self._multi)
                for pos, tests in enumerate(r.tokens)
                if all(t.passes(feats) for t in tests)
            )
            entry = self._table[key] = _Entry(single, _merge(single), multi)
        return entry

    def __call__(self, doc: Any) -> Any:
        """Set POS, MORPH, LEMMA (and TAG/DEP where a pattern says) on ``doc``'s tokens."""
        lower_key = self._lower_key
        entries = [self._entry((t.tag_, lower_key(t.lower_), t.dep_, t.is_space)) for t in doc]
        extra: dict[int, list[_Change]] = {}
        if self._multi:
            n = len(entries)
            for i in range(n):
                multi = entries[i].multi
                if not multi:
                    continue
                for r_index, rule in enumerate(self._multi):
                    width = len(rule.tokens)
                    if (r_index, 0) not in multi or i + width > n:
                        continue
                    if all((r_index, k) in entries[i + k].multi for k in range(1, width)):
                        extra.setdefault(i + rule.index, []).append((rule.order, rule.attrs))
        for i, token in enumerate(doc):
            net = entries[i].merged
            if i in extra:
                net = _merge(sorted((*entries[i].changes, *extra[i]), key=lambda c: c[0]))
            for name, value in net:
                _set(token, name, value)
        return doc


def _set(token: Any, name: str, value: str) -> None:
    if name == "POS":
        token.pos_ = value
    elif name == "MORPH":
        token.set_morph(value)
    elif name == "LEMMA":
        token.lemma_ = value
    elif name == "TAG":
        token.tag_ = value
    else:
        token.dep_ = value


def table_ruler_for(ruler: Any) -> TableAttributeRuler | None:
    """A :class:`TableAttributeRuler` with ``ruler``'s patterns, or ``None`` if unsupported."""
    rules = _rules(list(ruler.patterns))
    if rules is None:
        log.info("attribute_ruler patterns outside the table subset; keeping spaCy's ruler")
        return None
    return TableAttributeRuler(rules)


FACTORY = "crosswire_attribute_table"


def _make_table(nlp: Any, name: str) -> TableAttributeRuler:
    table = table_ruler_for(nlp.get_pipe("attribute_ruler"))
    if table is None:  # pragma: no cover - use_table_ruler checks first
        raise ValueError("E305 attribute_ruler patterns not supported by the table ruler")
    return table


def use_table_ruler(nlp: Any) -> bool:
    """Swap ``nlp``'s ``attribute_ruler`` for the table-driven one; ``True`` if swapped.

    The pipe keeps its place and takes the name ``attribute_table``. Nothing
    changes when the model has no ``attribute_ruler`` or its patterns fall
    outside what the table supports.
    """
    from spacy.language import Language

    if "attribute_ruler" not in nlp.pipe_names:
        return False
    if table_ruler_for(nlp.get_pipe("attribute_ruler")) is None:
        return False
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY)(_make_table)
    nlp.add_pipe(FACTORY, name="attribute_table", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    return True
