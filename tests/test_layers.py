"""The import ladder: every module of brandvoice sits on one layer, and imports only from its
own layer or lower ones, imports inside functions included. See CONTRIBUTING.md for the map.

Imports under ``if TYPE_CHECKING:`` are left out: they never run, so they cannot make a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "brandvoice"

# Lowest first. Siblings on one rung (lint, review, batch) must not import each other.
LADDER: list[tuple[str, ...]] = [
    ("errors", "findings", "hashing", "caches", "_compat"),
    ("limits", "patterns"),
    ("config",),
    ("plugins",),
    ("voice",),
    ("analysis", "languages"),
    ("checks",),
    ("playbooks",),
    ("lint", "review", "batch"),
    ("server",),
    ("lsp",),
    ("cli",),
]
RUNG = {part: i for i, parts in enumerate(LADDER) for part in parts}


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def part_of(module: str) -> str | None:
    """The subsystem a ``brandvoice.*`` module belongs to (None for the package root)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def _type_checking_block(node: ast.AST) -> bool:
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Name)
            and node.test.id == "TYPE_CHECKING")


def runtime_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every brandvoice import that can run, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if _type_checking_block(node):
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names
                         if a.name.split(".")[0] == "brandvoice")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] == "brandvoice":
                for alias in node.names:  # "from brandvoice.x import y" may import module x.y
                    sub = f"{target}.{alias.name}"
                    is_module = any((PACKAGE.parent / (sub.replace(".", "/") + s)).exists()
                                    for s in (".py", "/__init__.py"))
                    found.append((node.lineno, sub if is_module else target))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_subsystem_is_on_the_ladder() -> None:
    parts = {part_of(module_name(p)) for p in MODULES} - {None, "__main__"}
    assert parts <= set(RUNG), f"add these to LADDER: {sorted(parts - set(RUNG))}"


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_imports_flow_down_the_ladder(path: Path) -> None:
    me = part_of(module_name(path))
    if me is None or me == "__main__":
        return  # the package root (lazy public API) and python -m sit above the ladder
    bad = []
    for line, target in runtime_imports(path):
        other = part_of(target)
        if other is None:
            if target == "brandvoice":
                continue  # "from brandvoice import __version__": the root imports nothing eagerly
            bad.append((line, target))
        elif other != me and RUNG[other] >= RUNG[me]:
            bad.append((line, target))
    assert not bad, (
        f"{path.relative_to(PACKAGE.parent)} ({me}, rung {RUNG[me]}) imports upwards or "
        f"sideways: " + ", ".join(f"line {ln}: {t} ({part_of(t)})" for ln, t in bad))


def test_no_import_cycles() -> None:
    graph = {module_name(p): {t for _, t in runtime_imports(p) if t != module_name(p)}
             for p in MODULES}
    # A package's __init__ re-exporting its own modules is not a cycle of logic.
    for mod, targets in graph.items():
        graph[mod] = {t for t in targets if t in graph and not mod.startswith(t + ".")}
    state: dict[str, int] = {}
    stack: list[str] = []

    def dfs(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt):], nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                dfs(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            dfs(node)


def test_the_checker_can_be_found_by_its_layer() -> None:
    # A meta-test of this file's own parser: it must see imports inside functions.
    found = dict(runtime_imports(PACKAGE / "checks" / "engine.py"))
    assert "brandvoice.plugins.manager" in found.values()
