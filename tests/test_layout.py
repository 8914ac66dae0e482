"""The layout holds: the package's import graph, read from the code, has no cycle (imports
inside functions count, imports for type checking only do not), the UI libraries are
imported only where people are talked to, and each layer imports only the layers below it:

    cli  ->  render  ->  authoring  ->  core (deciding: everything else)
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "wijzer"
UI_LIBRARIES = {"rich", "jinja2", "docx", "typer", "questionary", "prompt_toolkit", "click"}
LAYERS = ("core", "authoring", "render", "cli")
"""Lowest first: a module may import its own layer and the ones before it."""


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path) -> set[str]:
    """Every module a file imports at run time, at its top or inside a function."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:  # `from wijzer.cli import dutch` imports a module
                full = f"{node.module}.{alias.name}"
                found.add(full if full in MODULES else node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def _layer(module: str) -> str:
    if module == "wijzer.__main__":
        return "cli"  # `python -m wijzer`: the command line's entry point
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "core"


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the graph (its modules in order, the first repeated at the end), if any."""
    done: set[str] = set()

    def walk(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        for dependency in sorted(graph.get(module, ())):
            found = walk(dependency, [*path, module])
            if found:
                return found
        done.add(module)
        return None

    return next((c for m in sorted(graph) if (c := walk(m, [])) is not None), None)


def test_the_import_graph_has_no_cycle() -> None:
    inner = {m: {d for d in deps if d in MODULES and d != m} for m, deps in GRAPH.items()}
    assert len(inner) > 40
    assert find_cycle(inner) is None


def test_a_cycle_is_found_however_long() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"d", "a"}, "d": set()}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_ui_libraries_are_imported_only_by_cli_and_render() -> None:
    offenders = {
        module: sorted(ui)
        for module, deps in GRAPH.items()
        if (ui := {d.split(".")[0] for d in deps} & UI_LIBRARIES)
        and _layer(module) not in ("cli", "render")
    }
    assert offenders == {}
    assert any("rich" in {d.split(".")[0] for d in deps} for deps in GRAPH.values())


def test_each_layer_imports_only_the_layers_below_it() -> None:
    upward = sorted(
        (module, dependency)
        for module, deps in GRAPH.items()
        for dependency in deps
        if dependency in MODULES and LAYERS.index(_layer(dependency)) > LAYERS.index(_layer(module))
    )
    assert upward == []
    assert {_layer(m) for m in MODULES} == set(LAYERS)
