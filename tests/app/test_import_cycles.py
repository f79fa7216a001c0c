"""The window's modules import one another in one direction: no cycle, not even one
hidden behind ``TYPE_CHECKING`` (each module owns what it says, and nothing reaches back
into the window)."""

from __future__ import annotations

import ast
from pathlib import Path

import lstm_viz.app

APP = Path(lstm_viz.app.__file__).parent


def _imports(path: Path) -> set[str]:
    """The app modules ``path`` imports, anywhere in the file (functions and
    ``if TYPE_CHECKING:`` blocks included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:  # from .x import y
                found.add(node.module or "")
                if not node.module:
                    found.update(a.name for a in node.names)
            elif node.module and node.module.startswith("lstm_viz.app."):
                found.add(node.module.removeprefix("lstm_viz.app.").split(".")[0])
    modules = {p.stem for p in APP.glob("*.py")}
    return {m.split(".")[0] for m in found} & modules


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := visit(nxt, [*path, nxt])):
                return found
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return None


def test_the_app_modules_import_each_other_without_a_cycle() -> None:
    graph = {p.stem: _imports(p) for p in APP.glob("*.py")}
    assert "main_window" in graph and graph["menus"], "the graph was read"
    assert _cycle(graph) is None, " → ".join(_cycle(graph) or [])


def test_nothing_but_the_launcher_imports_the_main_window() -> None:
    importers = {p.stem for p in APP.glob("*.py") if "main_window" in _imports(p)}
    assert importers == {"launch"}
