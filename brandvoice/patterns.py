"""The one way brandvoice compiles and runs a regular expression someone wrote in a voice or
playbook (greeting and sign-off patterns, account-number patterns, triage patterns).

User patterns can backtrack catastrophically (``^(a|a)*$`` takes 47 s on 28 characters), so
every run has a time limit (the ``regex`` module's ``timeout``), and a timeout is a
:class:`PatternTimeout` that callers turn into a finding or a warning, never a crash. Lint
calls :func:`catastrophic` on every user pattern, against inputs built to make nested
repetition explode, and flags the ones that time out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import regex

from brandvoice.errors import BrandvoiceError

__all__ = ["ADVERSARIAL", "RUN_TIMEOUT", "Alternatives", "PatternTimeout", "UserPattern",
           "catastrophic", "split_alternatives"]

#: Seconds one search over one text may take.
RUN_TIMEOUT = 0.05
#: Seconds lint allows one pattern on each adversarial input.
LINT_TIMEOUT = 0.25

# Long runs that make nested or overlapping repetition backtrack: repeated letters, digits,
# spaces and punctuation, each followed by a character that makes the match fail late.
ADVERSARIAL = tuple(
    run * 40 + tail
    for run in ("a", "1", " ", "ab", "a1", "x ", ".", "-", "@", "aa1")
    for tail in ("!", "\n", "")
) + tuple(run * 3000 + "!" for run in ("a", "1", " ", "a "))


class PatternTimeout(BrandvoiceError):
    """A user-written pattern ran longer than its time limit."""

    def __init__(self, pattern: UserPattern) -> None:
        where = f" ({pattern.source})" if pattern.source else ""
        super().__init__(f"pattern {pattern.pattern!r}{where} took longer than "
                         f"{pattern.timeout:g} s and was stopped; simplify it (nested "
                         "repetition such as (a+)+ backtracks catastrophically)")
        self.user_pattern = pattern


@dataclass
class UserPattern:
    """A compiled user pattern whose every run is time-bounded. ``source`` says where it was
    written (``voices/acme.yaml:12``), for messages."""

    pattern: str
    flags: int = 0
    source: str = ""
    timeout: float = RUN_TIMEOUT
    compiled: Any = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.compiled = regex.compile(self.pattern, self.flags)

    def search(self, text: str, pos: int = 0) -> Any:
        try:
            return self.compiled.search(text, pos, timeout=self.timeout)
        except TimeoutError:
            raise PatternTimeout(self) from None

    def match(self, text: str, pos: int = 0) -> Any:
        try:
            return self.compiled.match(text, pos, timeout=self.timeout)
        except TimeoutError:
            raise PatternTimeout(self) from None

    def finditer(self, text: str) -> Iterator[Any]:
        """All matches; the time limit covers the whole scan."""
        try:
            yield from self.compiled.finditer(text, timeout=self.timeout)
        except TimeoutError:
            raise PatternTimeout(self) from None


def catastrophic(pattern: str, flags: int = 0) -> bool:
    """Whether ``pattern`` backtracks catastrophically on any adversarial input."""
    try:
        compiled = regex.compile(pattern, flags)
    except regex.error:
        return False  # the schema reports invalid patterns
    for text in ADVERSARIAL:
        try:
            compiled.search(text, timeout=LINT_TIMEOUT)
        except TimeoutError:
            return True
    return False


_LEADING_FLAGS = regex.compile(r"^\(\?[a-zA-Z]+\)")


def split_alternatives(source: str) -> list[str]:
    """The top-level alternatives of a pattern's source (``a|(b|c)|[|]`` gives ``a``,
    ``(b|c)`` and ``[|]``): bars inside groups, character classes or escapes do not split."""
    parts: list[str] = []
    depth, start, i, n = 0, 0, 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a class: "]" first (after an optional "^") is a literal
            i += 1
            if i < n and source[i] == "^":
                i += 1
            if i < n and source[i] == "]":
                i += 1
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    return parts


class Alternatives:
    """A built-in pattern ``a|b|c`` run as one search per alternative, merged into exactly
    the matches of the whole pattern's ``finditer``: the leftmost match first, at one
    position the earliest alternative, the scan going on after each match.

    Faster when the alternatives start with words the regex engine can skip to but the whole
    cannot (lookbehinds at the start of some alternatives make it try every alternative at
    every position). An empty match (none of ours has one) falls back to the whole pattern.
    """

    def __init__(self, pattern: regex.Pattern[str]) -> None:
        source = pattern.pattern
        lead = _LEADING_FLAGS.match(source)
        prefix = lead.group() if lead else ""
        parts = split_alternatives(source[len(prefix):])
        if len(parts) < 2:  # nothing to split: the whole pattern is as fast
            raise ValueError(f"{source!r} has no top-level alternatives to run apart")
        self.pattern = pattern
        self.branches = [regex.compile(prefix + part, pattern.flags) for part in parts]

    def finditer(self, text: str) -> list[regex.Match[str]]:
        branches = self.branches
        nxt = [b.search(text) for b in branches]
        out: list[regex.Match[str]] = []
        while True:
            best = None
            for m in nxt:
                if m is not None and (best is None or m.start() < best.start()):
                    best = m  # strictly left of the best so far: ties go to the earlier one
            if best is None:
                return out
            pos = best.end()
            if pos == best.start():
                return list(self.pattern.finditer(text))
            out.append(best)
            for k, m in enumerate(nxt):
                if m is not None and m.start() < pos:
                    nxt[k] = branches[k].search(text, pos)
