"""The nlp subpackages import only what their docstrings declare.

Each subpackage owns one concern (see ``crosswire/nlp/__init__.py``); ``core``
is shared by all, and only ``events`` reads the results of the others. The
graph counts every ``import`` statement, including those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def module_graph() -> dict[str, set[str]]:
    """Map every ``crosswire`` module to the ``crosswire`` modules it imports."""
    paths: dict[str, Path] = {}
    for path in (SRC / "crosswire").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        paths[".".join(parts)] = path
    graph: dict[str, set[str]] = {name: set() for name in paths}
    for name, path in paths.items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module]
                # "from crosswire.nlp.core import model" imports a module, not a name.
                targets += [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            graph[name].update(t for t in targets if t in paths and t != name)
    return graph


def test_nlp_subpackages_import_only_what_they_declare() -> None:
    """Each ``nlp`` subpackage may import ``core``; the rest is declared here
    and in the subpackage's docstring."""
    allowed = {
        "core": set(),
        "entities": {"core"},
        "places": {"core", "entities"},  # entities.names: who is a person
        "quantities": {"core"},
        "temporal": {"core", "quantities"},
        "claims": {"core", "quantities"},
        "events": {"core", "entities", "places", "claims", "temporal", "quantities"},
    }
    bad = []
    for name, targets in module_graph().items():
        parts = name.split(".")
        if len(parts) < 3 or parts[1] != "nlp":
            continue
        own = parts[2]
        for target in targets:
            tparts = target.split(".")
            if tparts[1] != "nlp" or len(tparts) < 3 or tparts[2] == own:
                continue
            if tparts[2] not in allowed.get(own, set()) | {"core"}:
                bad.append(f"{name} -> {target}")
    assert bad == []
