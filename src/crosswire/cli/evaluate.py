"""``crosswire evaluate NAME``: score crosswire against public benchmarks in ../shared/eval."""

from __future__ import annotations

import importlib

import click

# name -> (module, what it measures); each module exposes main(argv) -> int.
EVALUATIONS = {
    "extraction": ("crosswire.evaluate.extraction", "boilerplate removal and metadata"),
    "geocoding": ("crosswire.evaluate.geocoding", "toponym resolution within 161 km"),
    "attribution": ("crosswire.evaluate.attribution", "quote speakers on PolNeAR"),
    "entities": ("crosswire.evaluate.entities", "entity types on re3d"),
    "events": ("crosswire.evaluate.events", "event root types and actors on PETRARCH-2 GSR"),
    "stories": ("crosswire.evaluate.stories", "story clusters on WikiRef220"),
    "incidents": ("crosswire.evaluate.incidents", "violent events and their merging on GVC"),
}


@click.command(
    "evaluate",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
)
@click.argument("name", type=click.Choice(sorted(EVALUATIONS)))
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def evaluate(name: str, args: tuple[str, ...]) -> None:
    """Run one evaluation (extra arguments go to it; try NAME --help)."""
    module = importlib.import_module(EVALUATIONS[name][0])
    raise SystemExit(module.main(list(args)))
