"""Safe fixes (``check --fix``, the language server's quick fixes): the suggestions that
cannot change what a reply says, and only those.

Safe means the fix cannot change what the reply says: a substitution the voice itself
declares (``vocabulary.preferred``, a ``vocabulary.banned`` word with its declared
``replacement``), a product name's casing, a hashtag written in CamelCase. Anything that
deletes text (a phone number, a ``never_say`` phrase, a joke in a crisis) or rewrites tone is
left for a person: those findings stay in the report.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from brandvoice.findings import Finding, Report

__all__ = ["SAFE_RULES", "Fixed", "apply_fixes", "describe", "fix_reply", "safe_fixes",
           "unified_diff"]

SAFE_RULES = frozenset({
    "vocabulary.preferred",
    "vocabulary.banned",
    "vocabulary.product_name",
    "accessibility.hashtag_case",
})
MAX_PASSES = 3  # a fix can reveal another (a preferred word inside a product name): rerun


def safe_fixes(report: Report) -> list[Finding]:
    """The findings of ``report`` that ``--fix`` may apply, in order, none overlapping."""
    chosen: list[Finding] = []
    end = -1
    for f in sorted(report.findings, key=lambda f: (f.start, f.end)):
        if f.rule not in SAFE_RULES or not f.suggestion or f.end <= f.start:
            continue  # a deletion ("" suggestion) or no suggestion at all: for a person
        if f.start < end:
            continue
        chosen.append(f)
        end = f.end
    return chosen


def apply_fixes(text: str, fixes: list[Finding]) -> str:
    """``text`` with each fix's span replaced by its suggestion (fixes must not overlap)."""
    for f in sorted(fixes, key=lambda f: f.start, reverse=True):
        text = text[:f.start] + (f.suggestion or "") + text[f.end:]
    return text


@dataclass
class Fixed:
    text: str
    applied: list[Finding]
    report: Report  # of the fixed text


def fix_reply(text: str, check: Callable[[str], Report]) -> Fixed:
    """Fix ``text`` by rerunning ``check`` until no safe fix is left (at most a few passes)."""
    applied: list[Finding] = []
    report = check(text)
    for _ in range(MAX_PASSES):
        fixes = safe_fixes(report)
        if not fixes:
            break
        text = apply_fixes(text, fixes)
        applied.extend(fixes)
        report = check(text)
    return Fixed(text, applied, report)


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff of a reply, as ``diff -u`` and ``git diff`` print it."""
    if not before.endswith("\n") and not after.endswith("\n"):
        # A reply given on the command line has no final newline: not worth a remark.
        before, after = before + "\n", after + "\n"
    lines = difflib.unified_diff(before.splitlines(keepends=True),
                                 after.splitlines(keepends=True),
                                 fromfile=f"a/{name}", tofile=f"b/{name}")
    return "".join(x if x.endswith("\n") else x + "\n\\ No newline at end of file\n"
                   for x in lines)


def describe(applied: list[Any]) -> str:
    n = len(applied)
    return f"{n} fix{'es' * (n != 1)} applied"
