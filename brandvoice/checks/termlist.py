"""The term-list rule type: "flag these words (and say this instead)".

Tone's phrase rules, vocabulary (banned, preferred, product names) and inclusive language
are the same rule written three ways, after Vale's ``existence`` and ``substitution`` rules:
a list of terms, each with the rule it belongs to, a severity, a message, an optional
replacement and the YAML line that defined it. A check builds one :class:`TermList` in
``configure`` and calls :meth:`TermList.findings` in ``check``; every term is matched in one
pass (see :class:`~brandvoice.analysis.terms.TermMatcher`), and each finding points back at
the line that defined its term.

A :class:`Term` validates itself when it is made, so a bad message template or an unknown
suggestion mode fails when the voice is configured, naming the term and its source, not on
the first reply that happens to match.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from brandvoice.analysis.terms import TermMatcher, inflect_like
from brandvoice.findings import SEVERITIES

if TYPE_CHECKING:
    from spacy.language import Language

    from brandvoice.analysis.reply import Reply
    from brandvoice.findings import Finding

__all__ = ["SUGGEST_MODES", "Term", "TermList"]

# How a term's replacement becomes the finding's suggestion:
#   fixed    as written ("Hi" for "Dear customer"; "" means "delete it"; None: no suggestion)
#   inflect  in the form the matched word has ("utilized" -> "used"); None when no replacement
#   case     as written, capitalised when the match is ("You guys" -> "You all")
SUGGEST_MODES = ("fixed", "inflect", "case")
# The fields a message template may use.
_PLACEHOLDERS = frozenset({"text", "suggestion", "reason", "term"})


@functools.lru_cache(maxsize=512)
def _template_fields(message: str) -> frozenset[str]:
    """The placeholders of a message template (checks reuse a handful of templates)."""
    return frozenset(name for _lit, name, _spec, _conv in string.Formatter().parse(message)
                     if name is not None)


@dataclass(frozen=True)
class Term:
    """One entry of a term list: what a match of it reports.

    ``message`` is a :meth:`str.format` template over ``text`` (what matched), ``suggestion``,
    ``reason`` and ``term`` (the term as the voice wrote it). ``source`` is the voice file and
    line that defined the term, or ``builtin``. With ``keep_exact``, a match spelled exactly
    like ``replacement`` is not a finding (product names: "CrumbleBox" is right, "Crumble
    box" is not).
    """

    rule: str
    severity: str
    message: str
    term: str
    source: str = "builtin"
    replacement: str | None = None
    suggest: str = "fixed"
    reason: str = ""
    keep_exact: bool = False

    def __post_init__(self) -> None:
        where = f"term {self.term!r} of {self.rule} ({self.source})"
        if "." not in self.rule:
            raise ValueError(f"{where}: a rule is named check.rule, such as vocabulary.banned")
        if self.severity not in SEVERITIES:
            raise ValueError(f"{where}: severity {self.severity!r}; use one of "
                             f"{', '.join(SEVERITIES)}")
        if self.suggest not in SUGGEST_MODES:
            raise ValueError(f"{where}: suggest={self.suggest!r}; use one of "
                             f"{', '.join(SUGGEST_MODES)}")
        try:
            fields = _template_fields(self.message)
        except ValueError as exc:
            raise ValueError(f"{where}: message {self.message!r} is not a valid template: "
                             f"{exc}") from None
        unknown = fields - _PLACEHOLDERS
        if unknown:
            raise ValueError(f"{where}: message uses {sorted(unknown)}; a message may use "
                             f"{', '.join(sorted(_PLACEHOLDERS))}")

    def suggestion_for(self, matched: str) -> str | None:
        """What to say instead of ``matched`` (None: nothing to suggest)."""
        if self.suggest == "fixed" or self.replacement is None:
            return self.replacement
        if self.suggest == "inflect":
            return inflect_like(self.replacement, self.term, matched)
        if matched[:1].isupper():
            return self.replacement[:1].upper() + self.replacement[1:]
        return self.replacement

    def message_for(self, matched: str, suggestion: str | None) -> str:
        return self.message.format(text=matched, suggestion=suggestion, reason=self.reason,
                                   term=self.term)


class TermList:
    """Terms to flag in a reply, matched all at once with their inflections."""

    def __init__(self, nlp: Language) -> None:
        self._matcher = TermMatcher(nlp)

    def __len__(self) -> int:
        return len(self._matcher)

    def add(self, key: str, phrases: Iterable[str], term: Term, *, inflect: bool = True) -> None:
        """Flag ``phrases`` (and their inflections unless ``inflect`` is false) as ``term``.

        ``key`` names the entry; where matches overlap, the earliest and longest wins and
        ties go to the lowest key. Adding a key again replaces its term.
        """
        self._matcher.add(key, phrases, term, inflect=inflect)

    def findings(self, reply: Reply) -> Iterator[Finding]:
        prose = reply.prose
        for m in self._matcher(reply.doc):
            if prose[m.start] == " ":
                continue  # inside a URL, @mention or #hashtag (blanked in the prose)
            term: Term = m.data
            if term.keep_exact and m.text == term.replacement:
                continue
            suggestion = term.suggestion_for(m.text)
            yield reply.finding(term.rule, term.severity, m.start, m.end,
                                term.message_for(m.text, suggestion), suggestion=suggestion,
                                source=term.source)
