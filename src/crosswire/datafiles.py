"""Access to the data files shipped in ``crosswire/data`` (lexicons, settings, schemas)."""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any


def data_path(name: str) -> Traversable:
    """The packaged data file ``crosswire/data/<name>``."""
    return resources.files("crosswire") / "data" / name


def read_json(name: str) -> Any:
    """Parse the packaged JSON file ``crosswire/data/<name>`` (callers cache it)."""
    return json.loads(data_path(name).read_text(encoding="utf-8"))
