"""A reply under check: its text, spaCy doc, channel and voice, plus the spans that several
checks need (URLs, mentions, hashtags, emoji), each computed once and only when asked for."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import regex

from brandvoice.analysis.grammar import BE_FORMS, passive_spans
from brandvoice.findings import Finding

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from brandvoice.voice import Voice

__all__ = ["Image", "Reply", "Scenario", "lazy"]

T = TypeVar("T")


class lazy(Generic[T]):
    """Compute an attribute on first access and store it on the instance.

    Like ``functools.cached_property`` without its per-access lock (Python 3.11 takes one),
    which is measurable when every reply touches a dozen of these.
    """

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj: Any, owner: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        value = self.func(obj)
        obj.__dict__[self.name] = value
        return value

# URLs in two cheap passes (one regex for both kinds would try a bare domain at every word):
# links with a scheme, then bare domains only where a known top-level domain appears
# outside them.
SCHEME_URL_RE = regex.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"]+")
TLD_RE = regex.compile(r"(?i)\.(?:com|org|net|co|uk|io|gov|edu|ly|me|app|help|info)\b")
BARE_URL_RE = regex.compile(
    r"(?i)\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|co|uk|io|gov|edu|ly|me|app|help|info)"
    r"(?:/[^\s<>\"]*)?\b")


def find_urls(text: str) -> list[tuple[int, int]]:
    """Spans of URLs in ``text``, in order."""
    # Every scheme link has "://" or "www." (in any case; only W and w fold to w): most
    # replies have neither and skip the pattern.
    if "://" in text or "www." in text.lower():
        spans = [m.span() for m in SCHEME_URL_RE.finditer(text)]
    else:
        spans = []
    rest = text
    if spans:
        parts, pos = [], 0
        for s, e in spans:
            parts.append(text[pos:s])
            parts.append(" " * (e - s))
            pos = e
        parts.append(text[pos:])
        rest = "".join(parts)
    if TLD_RE.search(rest):
        spans.extend(m.span() for m in BARE_URL_RE.finditer(rest))
        spans.sort()
    return spans


# Read per reply with Doc.to_array (spaCy maps the names to its attribute IDs).
_TOKEN_ATTRS: list[int | str] = ["IDX", "LENGTH", "IS_ALPHA"]
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
    # Sentence splitting is deferred (see Checker): most replies never need sentences.
    sentencize: Callable[[Doc], Doc] | None = None
    # ISO 639-1 code of the language the reply is written in (brandvoice.languages.detect),
    # or "und" when it has no letters. The checks use the language pack for it.
    language: str = "en"

    @property
    def public(self) -> bool:
        return bool(self.channel_config["public"])

    @lazy
    def _line_starts(self) -> list[int]:
        starts = [0]
        text = self.text
        i = text.find("\n")
        while i != -1:  # str.find, not a loop over characters: most replies are one line
            starts.append(i + 1)
            i = text.find("\n", i + 1)
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

    @lazy
    def urls(self) -> list[tuple[int, int]]:
        return find_urls(self.text)

    @lazy
    def mentions(self) -> list[tuple[int, int]]:
        return [m.span() for m in MENTION_RE.finditer(self.text) if not self.in_url(m.start())]

    @lazy
    def hashtags(self) -> list[tuple[int, int, str]]:
        if "#" not in self.text:
            return []
        return [
            (m.start(), m.end(), m.group(1))
            for m in HASHTAG_RE.finditer(self.text) if not self.in_url(m.start())
        ]

    @lazy
    def ascii(self) -> bool:
        """Pure ASCII text (most replies): no emoji, fancy letters or invisible characters."""
        return self.text.isascii()

    @lazy
    def emoji(self) -> list[tuple[int, int, str]]:
        if self.ascii:
            return []
        return [(m.start(), m.end(), m.group()) for m in EMOJI_RE.finditer(self.text)]

    def in_url(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.urls)

    @lazy
    def prose(self) -> str:
        """The text with URLs, mentions and hashtags blanked out (offsets unchanged)."""
        spans = sorted([*self.urls, *self.mentions, *((s, e) for s, e, _ in self.hashtags)])
        if not spans:
            return self.text
        out, pos = [], 0
        for s, e in spans:
            if s < pos:  # overlapping spans (a mention inside a URL was already dropped)
                s = pos
            out.append(self.text[pos:s])
            out.append(" " * max(0, e - s))
            pos = max(pos, e)
        out.append(self.text[pos:])
        return "".join(out)

    @lazy
    def _tokens(self) -> list[list[int]]:
        """``[offset, length, is_alpha]`` per token, read in one ``to_array`` call: iterating
        a Doc creates a Token object per token, which costs more."""
        rows: list[list[int]] = self.doc.to_array(_TOKEN_ATTRS).tolist()
        return rows

    @lazy
    def lowers(self) -> list[str]:
        """Lower-cased token texts."""
        if self.ascii:  # lower() keeps offsets in ASCII
            low = self.text.lower()
            return [low[i:i + n] for i, n, _a in self._tokens]
        strings = self.doc.vocab.strings
        return [strings[h] for h in self.doc.to_array("LOWER").tolist()]

    @lazy
    def words(self) -> list[tuple[int, int, str]]:
        """Alphabetic tokens of the prose (no URLs, mentions, hashtags, emoji, numbers or
        punctuation), read from spaCy's token arrays."""
        blanked, text = self.prose, self.text
        return [(i, i + n, text[i:i + n]) for i, n, alpha in self._tokens
                if alpha and blanked[i] != " "]

    @lazy
    def sentences(self) -> list[tuple[int, int]]:
        """``(start, end)`` character offsets of the sentences, split on first use."""
        doc = self.doc
        if not doc.has_annotation("SENT_START") and self.sentencize is not None:
            doc = self.sentencize(doc)
        return [(s.start_char, s.end_char) for s in doc.sents]

    @lazy
    def lower_set(self) -> frozenset[str]:
        return frozenset(self.lowers)

    @lazy
    def passives(self) -> list[tuple[int, int, str]]:
        """Passive constructions in the prose (shared by readability and tone).

        With a trained pipeline (a dependency parse), from its passive auxiliaries: it knows
        "the form is required" from "we are required to". Otherwise by rule.
        """
        doc = self.doc
        if doc.has_annotation("DEP"):
            spans = []
            for tok in doc:
                if tok.dep_ in ("auxpass", "aux:pass") and self.prose[tok.idx] != " ":
                    head = tok.head
                    start, end = min(tok.idx, head.idx), max(tok.idx + len(tok),
                                                             head.idx + len(head))
                    spans.append((start, end, self.text[start:end]))
            return spans
        if BE_FORMS.isdisjoint(self.lower_set):
            return []
        return passive_spans(self.prose)
