"""Layered loading shared by voices and playbooks: validate a file against its schema, follow
``extends`` to its parent (or the built-in default), and merge.

Merge rules (docs/voice-reference.md, "extends"): mappings merge key by key, recursively;
lists and scalars replace; a key set to ``null`` removes what the parent set. Locations
follow the file that set each value, so errors and findings point at the right file.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from brandvoice.caches import OwnerCache
from brandvoice.config.schema import INVALID, Context, KeyPath, Record, check_required, key_str
from brandvoice.config.yamlio import compose_file, compose_text
from brandvoice.errors import ConfigError, Location, Problem

__all__ = ["BUILTIN_DEFAULT", "MAX_EXTENDS_DEPTH", "load_layered", "merge", "nearest_location"]

BUILTIN_DEFAULT = "builtin:default"
# A chain of 1,000 files ended in RecursionError; real chains are two or three files long.
MAX_EXTENDS_DEPTH = 16
# The built-in default file, validated once per schema (and kind).
_builtin_cache: OwnerCache[tuple[dict[str, Any], dict[KeyPath, Location]]] = OwnerCache(
    "built-in default file per schema")


def merge(parent: Any, child: Any, key: KeyPath, locs: dict[KeyPath, Location]) -> Any:
    """Merge ``child`` over ``parent`` (see the module docstring); updates ``locs``."""
    if isinstance(parent, dict) and isinstance(child, dict):
        out = dict(parent)
        for k, v in child.items():
            sub = (*key, k)
            if v is None:
                out.pop(k, None)
                for loc_key in [lk for lk in locs if lk[: len(sub)] == sub]:
                    del locs[loc_key]
            elif k in out:
                out[k] = merge(out[k], v, sub, locs)
            else:
                out[k] = v
        return out
    # Lists and scalars replace: drop the parent's locations beneath this key.
    for loc_key in [lk for lk in locs if lk[: len(key)] == key and len(lk) > len(key)]:
        del locs[loc_key]
    return child


def _validate(root: yaml.Node, shown: str, schema: Record,
              kind: str) -> tuple[dict[str, Any], dict[KeyPath, Location], yaml.Node | None]:
    extends = isinstance(root, yaml.MappingNode) and any(
        isinstance(k, yaml.ScalarNode) and k.value == "extends" for k, _v in root.value)
    ctx = Context(shown, partial=extends)
    if not isinstance(root, yaml.MappingNode):
        ctx.problem(root, (), f"a {kind} file must be a mapping of sections "
                    f"({', '.join(list(schema.fields)[:3])}, ...)")
        raise ConfigError(ctx.problems)
    data = schema.validate(root, ctx, ())
    if ctx.problems:
        raise ConfigError(sorted(ctx.problems, key=lambda p: (p.line, p.column, p.key)))
    extends_node = next(
        (v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "extends"),
        None,
    )
    ctx.locations.pop((), None)
    return (data if data is not INVALID else {}), ctx.locations, extends_node


def _same(path: str, stack: tuple[str, ...]) -> bool:
    target = Path(path).resolve()
    return any(s != BUILTIN_DEFAULT and Path(s).resolve() == target for s in stack)


def load_layered(
    path: str, schema: Record, builtin_text: Callable[[], str], *, kind: str,
    implicit_parent: bool = True, stack: tuple[str, ...] = (),
) -> tuple[dict[str, Any], dict[KeyPath, Location], tuple[str, ...]]:
    """Load ``path`` and its ``extends`` ancestors; returns merged data, the locations of
    values and the chain of files, root first. A file without ``extends`` builds on the
    built-in default when ``implicit_parent`` is true (voices), on nothing otherwise
    (playbooks)."""
    stack = stack or (path,)
    if path == BUILTIN_DEFAULT:
        # The built-in file never changes while we run: parse it once per schema.

        def build() -> tuple[dict[str, Any], dict[KeyPath, Location]]:
            root = compose_text(builtin_text(), BUILTIN_DEFAULT)
            data, locs, _ = _validate(root, BUILTIN_DEFAULT, schema, kind)
            data.pop("extends", None)
            return data, locs

        data, locs = _builtin_cache.get(schema, kind, build)
        return copy.deepcopy(data), dict(locs), (BUILTIN_DEFAULT,)
    root, _text = compose_file(path)
    data, locs, extends_node = _validate(root, path, schema, kind)
    parent_ref = data.pop("extends", None) or (BUILTIN_DEFAULT if implicit_parent else None)
    locs.pop(("extends",), None)
    if parent_ref is None:
        return _complete(data, locs, schema, path, stack), locs, (path,)
    if parent_ref == BUILTIN_DEFAULT:
        parent_path = BUILTIN_DEFAULT
    else:
        parent_path = os.path.normpath(os.path.join(os.path.dirname(path), parent_ref))
        mark = extends_node.start_mark if extends_node is not None else None
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if not Path(parent_path).is_file():
            raise ConfigError([Problem(
                path, line, col, "extends",
                f"extends target {parent_ref!r} not found (looked for {parent_path}); "
                "give a path relative to this file, or builtin:default",
            )])
        if len(stack) >= MAX_EXTENDS_DEPTH:
            raise ConfigError([Problem(
                path, line, col, "extends",
                f"extends chain deeper than {MAX_EXTENDS_DEPTH} files "
                f"({' -> '.join(os.path.basename(s) for s in stack[:3])} -> ...); "
                "flatten it: a voice or playbook needs a few layers at most",
            )])
        if _same(parent_path, stack):
            cycle = " -> ".join([*stack, parent_path])
            raise ConfigError([Problem(
                path, line, col, "extends",
                f"extends cycle: {cycle}; a {kind} cannot inherit from itself",
            )])
    p_data, p_locs, chain = load_layered(parent_path, schema, builtin_text, kind=kind,
                                         implicit_parent=implicit_parent,
                                         stack=(*stack, parent_path))
    merged_locs = dict(p_locs)
    merged = merge(p_data, data, (), merged_locs)
    merged_locs.update(locs)
    return _complete(merged, merged_locs, schema, path, stack), merged_locs, (*chain, path)


def _complete(data: dict[str, Any], locs: dict[KeyPath, Location], schema: Record, path: str,
              stack: tuple[str, ...]) -> dict[str, Any]:
    """Check required keys on the file that was asked for (its merged result)."""
    if len(stack) == 1:
        problems = []
        for key, message in check_required(schema, data, (), locs):
            loc = nearest_location(locs, key) or Location(path, 1, 1)
            problems.append(Problem(loc.path, loc.line, loc.column, key_str(key), message))
        if problems:
            raise ConfigError(problems)
    return data


def nearest_location(locs: dict[KeyPath, Location], key: KeyPath) -> Location | None:
    """Where ``key`` was defined: its own location, or that of the nearest enclosing key."""
    while key:
        if key in locs:
            return locs[key]
        key = key[:-1]
    return None
