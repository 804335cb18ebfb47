"""The package's import graph: no cycles, and lower layers never import upper ones.

Every ``import`` statement counts, including the ones inside functions and
under ``TYPE_CHECKING``: a cycle hidden in a function still ties two modules
together (one cannot be understood, moved or tested without the other).
"""

from __future__ import annotations

import ast
from pathlib import Path

import crosswire

ROOT = Path(crosswire.__file__).resolve().parent
LOWER = ("readers", "clean", "dedup", "nlp", "analyze", "fusion")
UPPER = ("cli", "web", "report", "export")


def _modules() -> dict[str, Path]:
    out = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                # "from pkg import sub" imports the submodule when there is one.
                subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules]
                targets = subs or [base]
            for t in targets:
                while t and t not in modules:
                    t = t.rpartition(".")[0]
                if t and t != name and t.startswith("crosswire"):
                    graph[name].add(t)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_graph_sees_real_imports() -> None:
    graph = _graph()
    assert "crosswire.fusion.config" in graph["crosswire.fusion.events"]
    assert "crosswire.fusion.records" in graph["crosswire.fusion.candidates"]


def test_no_import_cycles() -> None:
    assert _cycles(_graph()) == []


def test_fusion_and_export_have_no_cycle() -> None:
    """Issue 18's two cycles stay gone: export.writers <-> fusion.incremental and
    fusion.candidates <-> fusion.events."""
    cyclic = {m for c in _cycles(_graph()) for m in c}
    assert not {m for m in cyclic if m.startswith(("crosswire.fusion", "crosswire.export"))}


def test_lower_layers_never_import_upper_ones() -> None:
    bad = [
        (name, target)
        for name, targets in _graph().items()
        if name.split(".")[1:2] and name.split(".")[1] in LOWER
        for target in targets
        if target.split(".")[1:2] and target.split(".")[1] in UPPER
    ]
    assert bad == []
