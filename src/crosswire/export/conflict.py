"""ACLED- and UCDP-style views of the fused events.

``--format acled`` writes one row per fused violent or strategic event with
ACLED's column names; ``--format ucdp`` writes UCDP GED-style rows with
low / best / high fatality figures. Both are derived from the export object
(see ``docs/export.md``), so they carry the same evidence ids.

Rules (documented in docs/export.md):

* time_precision (ACLED): 1 when the event date is a day, 2 for a week or a
  range of up to 7 days, 3 otherwise or when unknown.
* geo_precision: the fused place's precision (1 town, 2 near a town or part of
  a region, 3 larger region); 3 when no place was found.
* fatalities: the conservative ``best`` of the fatality slots (all victims,
  civilians, combatants; the largest of them, since the civilian and combatant
  figures are parts of the total), 0 when no source gave a figure, as ACLED does.
* source_scale: "International" when any source is a news agency known to
  ``data/outlets.json``, else "Other" (crosswire does not know an outlet's reach).
* main: 1 when some article leads with the event (its main event, not a
  secondary or background one; docs/events.md); rows of main events come
  first, so "the main events only" is the top of the file or ``main == 1``.
* UCDP type_of_violence: 3 (one-sided) for violence against civilians, 1
  (state-based) when an actor or target is a state force, else 2 (non-state).
  Diplomatic and political events are not in the UCDP view.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Mapping
from typing import IO, Any

from crosswire.datafiles import read_json

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "time_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "independent_sources",
    "claims",
    "main",
)
UCDP_COLUMNS = (
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "date_start",
    "date_end",
    "date_prec",
    "country",
    "adm_1",
    "where_coordinates",
    "latitude",
    "longitude",
    "where_prec",
    "best",
    "low",
    "high",
    "deaths_civilians",
    "source_office",
    "number_of_sources",
    "independent_sources",
    "main",
)
_ACLED_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
}
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_FATALITY_SLOTS = ("fatalities", "fatalities_civilian", "fatalities_combatant")
_STATE_TYPES = {"state", "state_body"}


def acled_rows(export: Mapping[str, Any]) -> list[dict[str, Any]]:
    """ACLED-compatible rows, one per fused event of an ACLED event type."""
    names = _entity_names(export)
    rows = []
    for event in export.get("events", []):
        if event["type"] not in _ACLED_TYPES:
            continue
        place = event.get("place") or {}
        rows.append(
            {
                "event_id_cnty": event["id"],
                "event_date": event.get("date") or "",
                "event_type": event["type"],
                "sub_event_type": event.get("subtype") or "",
                "actor1": "; ".join(names.get(a, a) for a in event.get("actors", [])),
                "actor2": "; ".join(names.get(t, t) for t in event.get("targets", [])),
                "country": place.get("country") or "",
                "admin1": place.get("admin1") or "",
                "location": place.get("surface") or place.get("name") or "",
                "latitude": place.get("lat", ""),
                "longitude": place.get("lon", ""),
                "geo_precision": place.get("precision") or 3,
                "time_precision": _time_precision(event),
                "source": "; ".join(event.get("sources", [])),
                "source_scale": _source_scale(event.get("sources", [])),
                "notes": _notes(event, names),
                "fatalities": int(_fatalities(event, "best") or 0),
                "independent_sources": event.get("independent_sources", 0),
                "claims": " ".join(event.get("claims", [])),
                "main": _main(event),
            }
        )
    return main_first(rows)


def ucdp_rows(export: Mapping[str, Any]) -> list[dict[str, Any]]:
    """UCDP GED-style rows (low / best / high) for the violent fused events."""
    names = _entity_names(export)
    types = {e["id"]: e.get("type") for e in export.get("entities", [])}
    rows = []
    for event in export.get("events", []):
        if event["type"] not in _VIOLENT:
            continue
        place = event.get("place") or {}
        sides = [*event.get("actors", []), *event.get("targets", [])]
        if event["type"] == "Violence against civilians":
            violence = 3
        elif any(types.get(s) in _STATE_TYPES for s in sides):
            violence = 1
        else:
            violence = 2
        civilian = next(
            (n for n in event.get("numbers", []) if n.get("what") == "fatalities_civilian"), None
        )
        rows.append(
            {
                "id": event["id"],
                "type_of_violence": violence,
                "side_a": "; ".join(names.get(a, a) for a in event.get("actors", [])),
                "side_b": "; ".join(names.get(t, t) for t in event.get("targets", [])),
                "date_start": event.get("date") or "",
                "date_end": event.get("date") or "",
                "date_prec": _time_precision(event),
                "country": place.get("country") or "",
                "adm_1": place.get("admin1") or "",
                "where_coordinates": place.get("surface") or place.get("name") or "",
                "latitude": place.get("lat", ""),
                "longitude": place.get("lon", ""),
                "where_prec": place.get("precision") or 3,
                "best": _fmt(_fatalities(event, "best")),
                "low": _fmt(_fatalities(event, "low")),
                "high": _fmt(_fatalities(event, "high")),
                "deaths_civilians": _fmt(civilian.get("best")) if civilian else "",
                "source_office": "; ".join(event.get("sources", [])),
                "number_of_sources": len(event.get("mentions", [])),
                "independent_sources": event.get("independent_sources", 0),
                "main": _main(event),
            }
        )
    return main_first(rows)


def _main(event: Mapping[str, Any]) -> int:
    """1 when some article leads with the event (its main event), else 0."""
    return int(bool(event.get("main")))


def main_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of main events first, each part in its given order: an analyst reading
    from the top meets the articles' headline events before background ones."""
    return sorted(rows, key=lambda r: -int(r.get("main") or 0))


def write_csv(rows: Iterable[Mapping[str, Any]], columns: tuple[str, ...], out: IO[str]) -> int:
    """Write rows with the given columns; return how many."""
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def _entity_names(export: Mapping[str, Any]) -> dict[str, str]:
    return {e["id"]: e["name"] for e in export.get("entities", [])}


def _time_precision(event: Mapping[str, Any]) -> int:
    precision = event.get("date_precision")
    if event.get("date") and precision == "day":
        return 1
    # No temporal cue: the publication day stands in, so the event happened on or
    # shortly before it; ACLED's 2 (a day within a week) is the honest precision.
    if event.get("date") and precision in {"week", "range", "document"}:
        return 2
    return 3


def _fatalities(event: Mapping[str, Any], key: str) -> float | None:
    values = [
        n.get(key)
        for n in event.get("numbers", [])
        if n.get("what") in _FATALITY_SLOTS and n.get(key) is not None
    ]
    return max(values) if values else None


def _fmt(value: float | None) -> str:
    return "" if value is None else str(int(value))


@functools.lru_cache(maxsize=1)
def _agencies() -> frozenset[str]:
    data = read_json("outlets.json")
    names = set()
    for outlet in data.get("outlets", []):
        if outlet.get("agency"):
            names.add(outlet["name"])
            names.update(outlet.get("aliases", []))
    return frozenset(names)


def _source_scale(sources: Iterable[str]) -> str:
    return "International" if any(s in _agencies() for s in sources) else "Other"


def _notes(event: Mapping[str, Any], names: Mapping[str, str]) -> str:
    actors = ", ".join(names.get(a, a) for a in event.get("actors", [])) or "Unidentified actor"
    what = (event.get("subtype") or event["type"]).lower()
    place = (event.get("place") or {}).get("name")
    parts = [f"On {event.get('date') or 'an unknown date'}, {actors}: {what}"]
    if place:
        parts[0] += f" in {place}"
    targets = ", ".join(names.get(t, t) for t in event.get("targets", []))
    if targets:
        parts[0] += f" against {targets}"
    for number in event.get("numbers", []):
        low, best, high = number.get("low"), number.get("best"), number.get("high")
        parts.append(f"{number.get('what')}: low {_fmt(low)} best {_fmt(best)} high {_fmt(high)}")
    parts.append(f"independent sources: {event.get('independent_sources', 0)}")
    return ". ".join(parts) + "."
