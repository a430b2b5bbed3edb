"""Safe YAML reading that keeps node marks, so every error and every rule can name
``path:line:col``.

We compose a node tree with PyYAML's safe loader (LibYAML's parser where PyYAML has it, the
pure-Python one for error messages) and never construct arbitrary Python objects. Hostile input is stopped before it costs anything: a size cap, a nesting cap checked
on the event stream (PyYAML's composer recurses and would otherwise hit RecursionError), and a
node budget in :mod:`brandvoice.config.schema` that stops alias bombs while they expand.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import yaml

from brandvoice.errors import ConfigError, Problem

__all__ = ["MAX_BYTES", "MAX_DEPTH", "compose_file", "compose_text", "overlay"]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 48


def _problem(path: str, line: int, column: int, message: str) -> ConfigError:
    return ConfigError([Problem(path, line, column, "", message)])


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _decode(data: bytes, path: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(good, len(good))
        raise _problem(
            path, line, col,
            f"this is not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8 YAML",
        ) from None
    return text.removeprefix("\ufeff")


def _mark_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    if "'\\t'" in problem or ("\\t" in problem and "cannot start any token" in problem):
        return "tab character in indentation; YAML allows only spaces: replace tabs with spaces"
    if "mapping values are not allowed here" in problem:
        return (
            "unexpected ':' here; a value that contains ': ' must be quoted, "
            "or the line is indented wrongly"
        )
    if "could not find expected ':'" in problem:
        return "expected 'key: value' here; check the indentation and quoting of this line"
    if "found undefined alias" in problem:
        return f"{problem}; define the anchor (&name) before using the alias (*name)"
    return f"invalid YAML: {problem}"


# LibYAML's parser (in PyYAML's wheels) is ten times faster than the pure-Python one, which
# stays the reference for errors: a file LibYAML rejects is parsed again by it, so messages
# are the same with or without LibYAML. tests/test_fuzz.py checks that both parsers build the
# same tree on 1,000 mangled files; LibYAML also accepts "[a, ?b]", which PyYAML rejects.
_FAST_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)


def _compose(text: str, path: str, loader: type[yaml.SafeLoader]) -> list[yaml.Node]:
    depth = 0
    # Depth first, on the event stream: the composer recurses (in C, with LibYAML), so a
    # nesting bomb must be stopped before it composes.
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                raise _problem(
                    path, line, col,
                    f"nesting deeper than {MAX_DEPTH} levels; "
                    "voice and playbook files need far fewer",
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return list(yaml.compose_all(text, Loader=loader))


def compose_text(text: str, path: str) -> yaml.Node:
    """Parse ``text`` into a PyYAML node tree, raising :class:`ConfigError` with marks."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise _problem(path, 1, 1, "the file is empty; it needs at least one section, see docs/")
    if "\x00" in text:
        line, col = _line_col(text, text.index("\x00"))
        raise _problem(path, line, col, "binary data (a NUL byte) in a YAML file; use a text file")
    documents: list[yaml.Node] | None = None
    # The parsers differ on tabs (PyYAML rejects some that LibYAML allows) and on columns
    # after a stray U+FEFF (LibYAML counts it): such files take the reference parser.
    if _FAST_LOADER is not None and "\t" not in text and "\ufeff" not in text:
        try:
            documents = _compose(text, path, _FAST_LOADER)
        except yaml.YAMLError:
            documents = None  # parsed again below, for the reference error message
    try:
        if documents is None:
            documents = _compose(text, path, yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context and "quoted scalar" in exc.context and exc.context_mark:
            # Point at the opening quote, not at the end of the file where PyYAML gave up.
            mark = exc.context_mark
            message = "this quoted string is never closed; add the closing quote"
        else:
            message = _mark_message(exc)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _problem(path, line, col, message) from None
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        raise _problem(
            path, line, col,
            f"character U+{exc.character:04X} is not allowed in YAML; remove it"
            if isinstance(exc.character, int)
            else f"unreadable character; remove it ({exc.reason})",
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors in practice
        raise _problem(path, 1, 1, f"invalid YAML: {exc}") from None
    documents = [d for d in documents if d is not None]
    if not documents:
        raise _problem(path, 1, 1, "the file is empty; it needs at least one section, see docs/")
    if len(documents) > 1:
        mark = documents[1].start_mark
        raise _problem(
            path, mark.line + 1, mark.column + 1,
            "more than one YAML document ('---'); put one voice or playbook in each file",
        )
    return documents[0]


# Texts that stand in for files while an editor has them open unsaved (see :func:`overlay`).
_overlay: dict[str, str] = {}


@contextmanager
def overlay(texts: Mapping[str, str]) -> Iterator[None]:
    """Read these files (by path) from the given texts instead of from disk.

    The language server lints a voice as it is typed: the buffer is read under its real path,
    so ``extends``, locations and every message stay those of the file.
    """
    saved = dict(_overlay)
    _overlay.update({os.path.abspath(p): t for p, t in texts.items()})
    try:
        yield
    finally:
        _overlay.clear()
        _overlay.update(saved)


def compose_file(path: str | Path) -> tuple[yaml.Node, str]:
    """Read and compose ``path``; returns the root node and the text (for hashing)."""
    shown = str(path)
    if _overlay and (text := _overlay.get(os.path.abspath(shown))) is not None:
        if len(text) > MAX_BYTES:
            raise _problem(shown, 1, 1, f"file is over {MAX_BYTES // 1024 // 1024} MiB; split "
                           "it with 'extends'")
        return compose_text(text, shown), text
    p = Path(path)
    try:
        mode = p.stat().st_mode
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            # /dev/zero would be read until memory runs out, a FIFO waits for a writer.
            kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a device or socket"
            raise _problem(shown, 1, 1, f"this is {kind}, not a file; give a .yaml file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise _problem(
                shown, 1, 1,
                f"file is {size / 1024 / 1024:.1f} MiB; voice and playbook files are limited "
                f"to {MAX_BYTES // 1024 // 1024} MiB: split it with 'extends'",
            )
        with p.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # the file may grow after stat
        if len(data) > MAX_BYTES:
            raise _problem(shown, 1, 1, f"file is over {MAX_BYTES // 1024 // 1024} MiB; voice "
                           "and playbook files are limited to that: split it with 'extends'")
    except IsADirectoryError:
        raise _problem(shown, 1, 1, "this is a folder; give a .yaml file") from None
    except FileNotFoundError:
        raise _problem(shown, 1, 1, "no such file") from None
    except OSError as exc:
        raise _problem(shown, 1, 1, f"cannot read the file: {exc.strerror}") from None
    text = _decode(data, shown)
    return compose_text(text, shown), text
