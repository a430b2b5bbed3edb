"""A reply under check: its text, spaCy doc, channel and voice, plus the spans that several
checks need (URLs, mentions, hashtags, emoji), each computed once and only when asked for."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import regex

from .findings import Finding

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .voice import Voice

__all__ = ["Image", "Reply", "Scenario"]

URL_RE = regex.compile(
    r"(?i)\b(?:https?://|www\.)[^\s<>\"]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|co|uk|io|gov|edu|ly|me|app|help|info)(?:/[^\s<>\"]*)?\b"
)
# A word: letters, with inner apostrophes, hyphens or digits (can't, e-mail, Bay2Breakers).
WORD_RE = regex.compile(r"[\p{L}\p{M}](?:[\p{L}\p{M}\d]|['’\-](?=\p{L}))*")
MENTION_RE = regex.compile(r"(?<![\w@])@\w{1,30}")
HASHTAG_RE = regex.compile(r"(?<![\w#&])#(\w*[^\W\d_]\w*)")
# A grapheme cluster that shows as an emoji: pictographs (with modifiers and ZWJ sequences),
# keycaps and flags. Text-style symbols such as (c) and (tm) are excluded unless VS16 follows.
EMOJI_RE = regex.compile(
    r"(?:\p{Extended_Pictographic}(?<![\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa])"
    r"|[\u00a9\u00ae\u2122\u2139\u2194-\u2199]\ufe0f|[0-9#*]\ufe0f?\u20e3|\p{Regional_Indicator}{2})"
    r"[\ufe0f\p{Emoji_Modifier}]*(?:\u200d\p{Extended_Pictographic}[\ufe0f\p{Emoji_Modifier}]*)*"
)


@dataclass(frozen=True)
class Image:
    """An image attached to a reply, for the alt-text check."""

    alt: str | None = None


@dataclass(frozen=True)
class Scenario:
    """What triage knew about the conversation, for scenario-aware tone checks.

    ``crisis`` forbids jokes and emoji; ``complaint`` requires acknowledging the problem;
    ``never_say`` lists phrases the playbook forbids in public replies (admitting liability).
    """

    name: str = ""
    severity_rank: int = 99
    crisis: bool = False
    complaint: bool = False
    never_say: tuple[str, ...] = ()


@dataclass
class Reply:
    text: str
    doc: Doc
    channel: str
    channel_config: Mapping[str, Any]
    voice: Voice
    scenario: Scenario | None = None
    images: Sequence[Image] = ()
    id: str | None = None
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def public(self) -> bool:
        return bool(self.channel_config.get("public", False))

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a character offset."""
        starts = self._line_starts
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    def finding(
        self,
        rule: str,
        severity: str,
        start: int,
        end: int,
        message: str,
        *,
        suggestion: str | None = None,
        source: str = "builtin",
    ) -> Finding:
        line, column = self.position(start)
        return Finding(
            rule=rule, category=rule.split(".", 1)[0], severity=severity, message=message,
            start=start, end=end, line=line, column=column, suggestion=suggestion, source=source,
        )

    @cached_property
    def urls(self) -> list[tuple[int, int]]:
        return [m.span() for m in URL_RE.finditer(self.text)]

    @cached_property
    def mentions(self) -> list[tuple[int, int]]:
        return [m.span() for m in MENTION_RE.finditer(self.text) if not self.in_url(m.start())]

    @cached_property
    def hashtags(self) -> list[tuple[int, int, str]]:
        return [
            (m.start(), m.end(), m.group(1))
            for m in HASHTAG_RE.finditer(self.text) if not self.in_url(m.start())
        ]

    @cached_property
    def emoji(self) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in EMOJI_RE.finditer(self.text)]

    def in_url(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.urls)

    @cached_property
    def prose(self) -> str:
        """The text with URLs, mentions and hashtags blanked out (offsets unchanged)."""
        chars = list(self.text)
        for s, e in [*self.urls, *self.mentions, *((s, e) for s, e, _ in self.hashtags)]:
            chars[s:e] = " " * (e - s)
        return "".join(chars)

    @cached_property
    def lowers(self) -> list[str]:
        """Lower-cased token texts, built once (iterating a Doc creates Token objects)."""
        return [t.lower_ for t in self.doc]

    @cached_property
    def words(self) -> list[tuple[int, int, str]]:
        """Word tokens of the prose (no URLs, mentions, hashtags, emoji or punctuation)."""
        blanked = self.prose
        return [
            (m.start(), m.end(), m.group()) for m in WORD_RE.finditer(blanked)
        ]
