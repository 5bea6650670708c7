"""The shape of geo/: no import cycles at all, and no geo import hidden inside a function.

The layer contract itself is checked by import-linter in .ci/run (pyproject.toml); these two
rules are stricter than layers (modules of one layer may not form a cycle either).
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

GEO = Path(__file__).resolve().parent.parent / "geo"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    graph = grimp.build_graph("geo")
    modules = graph.modules
    edges = {m: {i for i in graph.find_modules_directly_imported_by(m) if i in modules}
             for m in modules}
    assert len(modules) > 50
    assert _cycles(edges) == []


def test_no_geo_import_inside_a_function() -> None:
    hidden = []
    for path in sorted(GEO.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(func):
                module = (node.module if isinstance(node, ast.ImportFrom)
                          else None) or ""
                names = ([a.name for a in node.names] if isinstance(node, ast.Import) else [])
                if module == "geo" or module.startswith("geo.") or any(
                        n == "geo" or n.startswith("geo.") for n in names):
                    hidden.append(f"{path.relative_to(GEO.parent)}:{node.lineno}")
    assert hidden == []


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
