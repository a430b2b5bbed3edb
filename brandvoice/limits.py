"""Limits on what brandvoice reads, and the one way it reads a user-named file.

Hostile or mistaken input must end in a clear error, never a hang, a crash or memory
exhaustion: ``/dev/zero`` or a FIFO named as a voice, a 1 GiB line, invalid UTF-8, lone
surrogates. Everything here raises :class:`~brandvoice.errors.UsageError` with the path and
what to do.
"""

from __future__ import annotations

import os
import re
import stat
from typing import BinaryIO

from brandvoice.errors import UsageError

__all__ = [
    "LONG_RUN",
    "MAX_CONFIG_BYTES",
    "MAX_LINE_BYTES",
    "MAX_REPLY_FILE_BYTES",
    "MAX_TEMPLATE_BYTES",
    "MAX_TEXT_CHARS",
    "BoundedLines",
    "check_unicode",
    "clean_text",
    "for_tokenizer",
    "open_input",
    "read_input",
    "read_inside",
    "read_text_file",
    "regular_file",
]

#: The longest reply or message the checks and triage accept (characters). spaCy refuses
#: texts over 1,000,000; a customer-care reply is a few thousand at most.
MAX_TEXT_CHARS = 100_000
#: The largest voice or playbook file read (bytes).
MAX_CONFIG_BYTES = 4 * 1024 * 1024
#: The largest template file (bytes): a reply template is a few hundred.
MAX_TEMPLATE_BYTES = 64 * 1024
#: The longest line of a JSONL, CSV or text input (bytes): a reply at the size limit, JSON
#: escaped, with its metadata. A longer line is an error at its line; it is never read whole.
MAX_LINE_BYTES = 4 * 1024 * 1024
#: The largest file holding one reply (bytes).
MAX_REPLY_FILE_BYTES = 1024 * 1024


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _mode(path: str, label: str) -> int:
    """The file mode of ``path`` without opening it; a missing or unreadable path is a
    UsageError naming it."""
    try:
        return os.stat(path).st_mode
    except FileNotFoundError:
        raise UsageError(f"{path}: {label}no such file") from None
    except OSError as exc:
        raise UsageError(f"{path}: {label}cannot be read ({exc.strerror})") from None


def regular_file(path: str, what: str = "") -> None:
    """Raise unless ``path`` is an existing regular file (never opens it, so a FIFO cannot
    block)."""
    label = f"{what} " if what else ""
    mode = _mode(path, label)
    if not stat.S_ISREG(mode):
        raise UsageError(f"{path}: {label}is {_kind(mode)}; give a regular file")


def read_text_file(path: str, what: str = "", max_bytes: int = MAX_CONFIG_BYTES) -> str:
    """The UTF-8 text of a regular file of at most ``max_bytes``. Opened without blocking
    and checked again after opening, so a file swapped for a FIFO cannot hang the read."""
    label = f"{what} " if what else ""
    regular_file(path, what)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise UsageError(f"{path}: {label}cannot be read ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise UsageError(f"{path}: {label}is {_kind(mode)}; give a regular file")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UsageError(f"{path}: {label}is larger than {max_bytes:,} bytes, the limit")
    return _decode(data, path)


def _decode(data: bytes, path: str) -> str:
    """``data`` as UTF-8 (a BOM dropped), or a UsageError at the first bad byte's line and
    column."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UsageError(f"{path}:{line}:{column}: invalid UTF-8 (byte 0x{data[exc.start]:02x}); "
                         "save the file as UTF-8") from None


def check_unicode(text: str, what: str) -> None:
    """Raise if ``text`` holds a lone surrogate (from JSON ``"\\ud83d"`` or undecodable bytes
    on a command line): it is not a character and cannot be stored or sent."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UsageError(f"{what}: character {exc.start + 1} is a lone surrogate "
                         f"(U+{ord(text[exc.start]):04X}), not a character; send valid "
                         "UTF-8") from None


def clean_text(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate replaced by U+FFFD, and how many were replaced (the
    checks report them; positions are unchanged since one code point replaces one)."""
    try:
        text.encode("utf-8")
        return text, 0
    except UnicodeEncodeError:
        pass
    out = []
    count = 0
    for ch in text:
        if "\ud800" <= ch <= "\udfff":
            out.append("\ufffd")
            count += 1
        else:
            out.append(ch)
    return "".join(out), count


def read_inside(folder: str, ref: str, max_bytes: int = MAX_TEMPLATE_BYTES,
                what: str = "template file") -> str:
    """The text of file ``ref``, a relative path that must stay inside ``folder``: no
    absolute path, no ``..``, no symbolic link leading out, a regular file of at most
    ``max_bytes``. Raises UsageError with the reason (the caller adds the location);
    ``what`` names the kind of file in it."""
    import pathlib

    pure = pathlib.PurePath(ref)
    if pure.is_absolute() or ref.startswith(("/", "\\")) or pathlib.PureWindowsPath(ref).drive:
        raise UsageError(f"{ref!r} is an absolute path; give a path relative to the "
                         "playbook's folder")
    if ".." in pure.parts or ".." in pathlib.PureWindowsPath(ref).parts:
        raise UsageError(f"{ref!r} climbs out with '..'; {what}s must be inside the "
                         "playbook's folder")
    base = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(base, ref))
    if os.path.commonpath([base, target]) != base:
        raise UsageError(f"{ref!r} leads outside the playbook's folder (through a symbolic "
                         f"link); {what}s must be inside it")
    if not os.path.exists(target):
        raise UsageError(f"{what} {ref!r} not found (looked for "
                         f"{os.path.join(folder, ref)}); give a path relative to the playbook")
    return read_text_file(target, what, max_bytes)


def open_input(path: str, what: str = "") -> BinaryIO:
    """Open a user-named input for reading, in binary. Devices (``/dev/zero``), folders and
    sockets are refused; a FIFO is opened without waiting for a writer (with none, it reads
    as empty), so a named pipe nobody writes to cannot hang the program, while ``<(cmd)``
    process substitution still works."""
    label = f"{what} " if what else ""
    mode = _mode(path, label)
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        raise UsageError(f"{path}: {label}is {_kind(mode)}; give a regular file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise UsageError(f"{path}: {label}cannot be read ({exc.strerror})") from None
    if stat.S_ISFIFO(os.fstat(fd).st_mode) and hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)  # a writer is there or not; from now on reads wait for it
    return os.fdopen(fd, "rb")


def read_input(path: str, what: str = "", max_bytes: int = MAX_REPLY_FILE_BYTES) -> str:
    """The UTF-8 text of a user-named input (see :func:`open_input`), at most ``max_bytes``."""
    label = f"{what} " if what else ""
    with open_input(path, what) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UsageError(f"{path}: {label}is larger than {max_bytes:,} bytes, the limit for "
                         "one reply")
    return _decode(data, path)


class BoundedLines:
    """The lines of a binary stream as text (newlines kept, as ``newline=""`` does), each
    read with a length cap: a line over ``max_bytes`` raises a UsageError naming
    ``path:line`` after only ``max_bytes`` were read, so a 1 GiB line costs 4 MiB."""

    def __init__(self, stream: BinaryIO, path: str, max_bytes: int = MAX_LINE_BYTES) -> None:
        self.stream = stream
        self.path = path
        self.max_bytes = max_bytes
        self.line = 0

    def __iter__(self) -> BoundedLines:
        return self

    def __next__(self) -> str:
        data = self.stream.readline(self.max_bytes + 1)
        if not data:
            raise StopIteration
        self.line += 1
        if len(data) > self.max_bytes and not data.endswith(b"\n"):
            raise UsageError(f"{self.path}:{self.line}:1: this line is longer than "
                             f"{self.max_bytes:,} bytes; one reply may have at most "
                             f"{MAX_TEXT_CHARS:,} characters")
        if self.line == 1 and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        return data.decode("utf-8")

    def close(self) -> None:
        self.stream.close()


#: Longest run of non-space characters handed to spaCy's tokenizer unbroken.
LONG_RUN = 200
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")


def for_tokenizer(text: str) -> str:
    """``text`` with every run of more than :data:`LONG_RUN` non-space characters broken by a
    space every LONG_RUN characters, for spaCy's tokenizer only: it splits suffixes off a
    token one at a time, rescanning it each time, so 4,000 characters of punctuation without
    a space took 13 seconds. One character replaces one, so offsets are unchanged."""
    if len(text) <= LONG_RUN or not _LONG_RUN.search(text):
        return text
    chars = list(text)
    for m in _LONG_RUN.finditer(text):
        for i in range(m.start() + LONG_RUN, m.end(), LONG_RUN):
            chars[i] = " "
    return "".join(chars)
