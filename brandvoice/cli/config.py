"""The project configuration: defaults for the command line, kept with the project.

Looked up as ruff and pytest do: from the working directory upwards, the first
``brandvoice.toml`` (keys at the top level) or ``pyproject.toml`` with a
``[tool.brandvoice]`` table wins. ``BRANDVOICE_CONFIG`` names a file instead (or, set to an
empty string, turns the lookup off). Per-command tables (``[tool.brandvoice.check]``)
override the shared keys for that command.

Precedence, highest first: the command-line option, the environment variable
(``BRANDVOICE_VOICE`` ...), the config file, the built-in default. Paths in the file are
relative to the file's folder. Every error names ``path:line:col``.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brandvoice.errors import ConfigError, Problem, UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = [
    "COMMANDS",
    "CONFIG_ENV",
    "ENV",
    "KEYS",
    "Settings",
    "apply_settings",
    "find_config",
    "load_settings",
]

CONFIG_ENV = "BRANDVOICE_CONFIG"
SEVERITIES = ("error", "warning", "info")


def _path(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "a path (a string)"


def _str(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "a name (a string)"


def _severity(value: Any) -> str | None:
    return None if value in SEVERITIES else f"one of {', '.join(SEVERITIES)}"


def _score(value: Any) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100
    return None if ok else "a whole number from 0 to 100"


# key -> (argparse dest, validator, environment variable, is a path)
KEYS: dict[str, tuple[str, Callable[[Any], str | None], str, bool]] = {
    "voice": ("voice", _path, "BRANDVOICE_VOICE", True),
    "playbook": ("playbook", _path, "BRANDVOICE_PLAYBOOK", True),
    "channel": ("channel", _str, "BRANDVOICE_CHANNEL", False),
    "fail-on": ("fail_on", _severity, "BRANDVOICE_FAIL_ON", False),
    "min-score": ("min_score", _score, "BRANDVOICE_MIN_SCORE", False),
    "format": ("format", _str, "BRANDVOICE_FORMAT", False),
}
ENV = {key: spec[2] for key, spec in KEYS.items()}
COMMANDS = ("check", "lint", "audit", "draft", "triage", "rules", "lsp")
# Built-in defaults, applied when neither the command line, the environment nor the file
# sets a value (None: the command decides, e.g. the built-in voice).
DEFAULTS: dict[str, Any] = {"fail_on": "error", "min_score": 0, "format": "text"}


@dataclass
class Settings:
    """The values the config file sets, per key, with where each was written."""

    path: str | None = None
    shared: dict[str, Any] = field(default_factory=dict)
    commands: dict[str, dict[str, Any]] = field(default_factory=dict)
    where: dict[tuple[str, str], str] = field(default_factory=dict)  # (table, key) -> p:l:c

    def value(self, command: str, key: str) -> tuple[Any, str, bool] | None:
        """(value, where it was written, whether the command's own table set it)."""
        for table, values in ((command, self.commands.get(command, {})), ("", self.shared)):
            if key in values:
                return values[key], self.where.get((table, key), self.path or ""), bool(table)
        return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"(?m)^\s*\[\s*tool\s*\.\s*brandvoice\s*[\].]", text) is not None


def find_config(start: Path | None = None) -> Path | None:
    """The config file for ``start`` (default: the working directory), or None."""
    explicit = os.environ.get(CONFIG_ENV)
    if explicit is not None:
        return Path(explicit) if explicit else None
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "brandvoice.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _key_position(lines: list[str], table: str | None, key: str) -> tuple[int, int]:
    """(line, column) of ``key = ...`` inside ``[table]``, found by reading the text (TOML
    parsers keep no positions). Falls back to the table's header, then to 1:1."""
    in_table = table is None
    header = 1
    key_re = re.compile(rf"""^(\s*)(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    for n, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            name = stripped.strip("[] \t").split("]")[0].replace(" ", "").replace('"', "")
            in_table = table is not None and name == table
            if in_table:
                header = n
            continue
        if in_table:
            m = key_re.match(line)
            if m:
                return n, len(m.group(1)) + 1
    return header, 1


def load_settings(path: Path) -> Settings:
    """Read and validate a config file; raises :class:`ConfigError` with every problem."""
    shown = os.path.relpath(path) if path.is_absolute() else str(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise UsageError(f"{shown}: no such config file (from {CONFIG_ENV}); fix the path or "
                         "unset it") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{shown}: cannot read the config file ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        detail = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", msg)
        raise ConfigError([Problem(shown, line, col, "", f"invalid TOML: {detail}; see "
                                   "https://toml.io")]) from None
    is_pyproject = path.name == "pyproject.toml"
    prefix = "tool.brandvoice" if is_pyproject else None
    table = data.get("tool", {}).get("brandvoice", {}) if is_pyproject else data
    lines = text.splitlines()
    settings = Settings(path=str(path))
    problems: list[Problem] = []
    base = path.parent

    def read(values: Mapping[str, Any], command: str, into: dict[str, Any]) -> None:
        toml_table = ".".join(x for x in (prefix, command) if x) or None
        label = f"{toml_table}." if toml_table else ""
        for written, value in values.items():
            line, col = _key_position(lines, toml_table, written)
            key = written.replace("_", "-")  # fail_on as pytest spells keys, fail-on as ruff
            if key in COMMANDS and not command and isinstance(value, dict):
                sub: dict[str, Any] = {}
                read(value, key, sub)
                settings.commands[key] = sub
                continue
            if key not in KEYS:
                allowed = list(KEYS) + ([] if command else [f"[{c}]" for c in COMMANDS])
                near = difflib.get_close_matches(key, list(KEYS) + list(COMMANDS), n=1)
                hint = f"did you mean {near[0]!r}? " if near else ""
                problems.append(Problem(shown, line, col, f"{label}{written}",
                                        f"unknown key {written!r}; {hint}allowed here: "
                                        f"{', '.join(allowed)}"))
                continue
            dest, check, _env, is_path = KEYS[key]
            wrong = check(value)
            if wrong:
                problems.append(Problem(shown, line, col, f"{label}{written}",
                                        f"{value!r} is not allowed; expected {wrong}"))
                continue
            if is_path and not os.path.isabs(value):
                value = os.path.relpath(base / value)  # relative to the file, shown short
            into[dest] = value
            settings.where[(command, dest)] = f"{shown}:{line}:{col}"

    if not isinstance(table, dict):
        problems.append(Problem(shown, 1, 1, prefix or "", "expected a table of settings"))
    else:
        read(table, "", settings.shared)
    if problems:
        raise ConfigError(problems)
    return settings


def _format_choices(parser: argparse.ArgumentParser, command: str) -> tuple[str, ...] | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            sub = action.choices.get(command)
            if sub is None:
                return None
            for a in sub._actions:
                if a.dest == "format" and a.choices is not None:
                    return tuple(a.choices)
    return None


def apply_settings(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Fill every option the user left out from the environment, then the config file, then
    the built-in default. Options a command does not have are left alone."""
    command = getattr(args, "command", None)
    if command not in COMMANDS:
        return
    settings: Settings | None = None
    path = find_config()
    if path is not None:
        settings = load_settings(path)
    for key, (dest, check, env, _is_path) in KEYS.items():
        if not hasattr(args, dest) or getattr(args, dest) is not None:
            continue
        value: Any = None
        where = ""
        own = False  # set for this command alone (its own table): a wrong format is an error
        raw = os.environ.get(env)
        if raw:
            value, where = raw, f"environment variable {env}"
            if key == "min-score":
                value = int(raw) if raw.strip().isdigit() else raw
            wrong = check(value)
            if wrong:
                raise UsageError(f"{where}: {raw!r} is not allowed; expected {wrong}")
        elif settings is not None and (found := settings.value(command, dest)) is not None:
            value, where, own = found
        if value is not None and dest == "format":
            choices = _format_choices(parser, command)
            if choices is not None and value not in choices:
                if own:
                    raise UsageError(f"{where}: format {value!r} is not one {command} writes; "
                                     f"use one of {', '.join(choices)}")
                value = None  # a shared format (sarif for check and lint) skips triage
        if value is None:
            value = DEFAULTS.get(dest)
        setattr(args, dest, value)
