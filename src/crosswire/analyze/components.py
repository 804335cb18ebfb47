"""The analysis components: plain callables with declared requires / provides.

Each component reads what earlier ones provided from an :class:`ArticleAnalysis`
and fills in its own field. ``COMPONENTS`` is the order they run in;
:func:`check_order` verifies at start-up that every requirement is provided by
an earlier component, the way spaCy validates its pipeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from crosswire.nlp.claims.find import Claim, find_claims
from crosswire.nlp.entities.pipeline import Entity, find_entities
from crosswire.nlp.events.find import EventMention, find_events
from crosswire.nlp.places.mentions import PlaceMention, find_places
from crosswire.nlp.quantities.find import Quantity, find_quantities
from crosswire.nlp.temporal.find import TimeExpression, find_dates


@dataclass
class ArticleAnalysis:
    """Everything the analysis layer found in one article (offsets into ``Article.text``)."""

    article_id: str
    published: dt.date | None
    doc: Any = None
    # The gazetteer to resolve places with: the default one, or one that also
    # reads a GeoNames dump imported into the database (crosswire gazetteer import).
    gazetteer: Any = None
    # The outlet's home country (ISO2, from the article's address; see
    # crosswire.nlp.places.home): a weak prior for ambiguous place names.
    home_country: str | None = None
    # The town the outlet's address names ("hulldailymail.co.uk"; see
    # crosswire.nlp.places.outlet): one more name of the story for ranking.
    home_town: str | None = None
    entities: list[Entity] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    dates: list[TimeExpression] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)


@dataclass(frozen=True)
class Component:
    """One analysis step: ``func(analysis)`` fills the fields named in ``provides``."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    func: Callable[[ArticleAnalysis], None]


def _entities(a: ArticleAnalysis) -> None:
    a.entities = find_entities(a.doc)


def _places(a: ArticleAnalysis) -> None:
    a.places = find_places(
        a.doc, gazetteer=a.gazetteer, home_country=a.home_country, home_town=a.home_town
    )


def _drop_toponym_entities(a: ArticleAnalysis) -> None:
    """Drop "people" that are places: the model tags "Raqqah" or "Homs" as PERSON.

    An entity not from the lexicon whose every mention is a resolved place
    mention is a toponym, not an actor.
    """
    spans = {(p.start, p.end) for p in a.places}

    def is_place(e: Entity) -> bool:
        return e.lexicon_id is None and all((m.start, m.end) in spans for m in e.mentions)

    a.entities = [e for e in a.entities if e.type in {"weapon", "platform"} or not is_place(e)]


def _dates(a: ArticleAnalysis) -> None:
    a.dates = find_dates(a.doc, a.published)


def _quantities(a: ArticleAnalysis) -> None:
    a.quantities = find_quantities(a.doc)


def _claims(a: ArticleAnalysis) -> None:
    a.claims = find_claims(a.doc)


def _events(a: ArticleAnalysis) -> None:
    a.events = find_events(
        a.doc,
        entities=a.entities,
        places=a.places,
        dates=a.dates,
        quantities=a.quantities,
        claims=a.claims,
        published=a.published,
    )


COMPONENTS: tuple[Component, ...] = (
    Component("entities", ("doc",), ("entities",), _entities),
    Component("places", ("doc",), ("places",), _places),
    Component("toponym-filter", ("entities", "places"), ("entities",), _drop_toponym_entities),
    Component("dates", ("doc",), ("dates",), _dates),
    Component("quantities", ("doc",), ("quantities",), _quantities),
    Component("claims", ("doc", "entities"), ("claims",), _claims),
    Component(
        "events",
        ("doc", "entities", "places", "dates", "quantities", "claims"),
        ("events",),
        _events,
    ),
)


def check_order(components: tuple[Component, ...] = COMPONENTS) -> None:
    """Raise ``ValueError`` (E310) when a component needs what no earlier one provides."""
    available = {"doc"}
    for component in components:
        missing = set(component.requires) - available
        if missing:
            raise ValueError(f"E310 component {component.name!r} requires {sorted(missing)}")
        available |= set(component.provides)
