"""Triage: which scenario of a playbook an inbound message belongs to, how urgent it is, who
handles it and by when.

Rules (docs/playbooks.md):

* A scenario matches when any of its triggers matches; a trigger matches when every
  condition it lists holds (keywords, patterns and matcher patterns count as one content
  condition: any of them is enough).
* Several scenarios match: the most severe wins (lowest ``severity_rank``); on a tie, the one
  listed first in the playbook. Every match is reported with its reasons.
* Nothing matches: the playbook's ``default_scenario``.
* ``respond_by`` is ``now`` plus the severity's first-response SLA, on the business clock
  (playbook hours, time zone, holidays) or the calendar clock, as the severity says.
* User-written regular expressions run with a time limit (:data:`PATTERN_TIMEOUT`), through
  :class:`brandvoice.patterns.UserPattern`. Triage fails safe: a pattern that times out
  counts as matching (its trigger's other conditions still apply), is reported in
  ``warnings``, and hands the message to a person; so does a message longer than
  :data:`MAX_TRIAGE_CHARS`, which is triaged on its beginning and end.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from brandvoice.analysis import lexicons as lex
from brandvoice.analysis.terms import TermMatcher
from brandvoice.caches import OwnerCache, plugin_state
from brandvoice.limits import clean_text
from brandvoice.patterns import PatternTimeout, UserPattern
from brandvoice.playbooks.model import Playbook, load_playbook

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Author", "Message", "TriageResult", "Triager", "triage"]

PATTERN_TIMEOUT = 0.05  # seconds per pattern per message
# Longer messages are triaged on their first and last halves of this many characters (padding
# must not hide what a message says at its end) and always go to a person.
MAX_TRIAGE_CHARS = 20_000

HUMAN_REQUEST = (
    "speak to a human", "talk to a human", "speak with a human", "talk with a human",
    "real person", "real human", "actual person", "actual human", "speak to someone",
    "talk to someone", "speak with someone", "speak to a person", "talk to a person",
    "speak to an agent", "talk to an agent", "live agent", "live person", "human please",
    "speak to a manager", "talk to a manager", "speak to your manager", "speak to a supervisor",
    "customer service representative", "a representative", "not a bot", "stop the bot",
    "are you a bot", "is this a bot", "someone call me", "call me back", "phone me",
)
# Words that mark a message as angry or distressed, beyond the tone lexicon.
ANGRY = frozenset("""
worst terrible horrible awful disgusting disgusted ridiculous useless pathetic joke scam
ripoff rip-off furious angry livid outraged appalling appalled unacceptable shocking fuming
hate hated never incompetent shambles nightmare disaster robbed stole stolen lied liars
""".split())


@dataclass(frozen=True)
class Author:
    name: str = ""
    handle: str = ""
    followers: int = 0
    verified: bool = False
    vip: bool = False
    press: bool = False


@dataclass(frozen=True)
class Message:
    """An inbound message with what the channel knows about it."""

    text: str
    channel: str | None = None
    author: Author = field(default_factory=Author)
    likes: int = 0
    replies: int = 0
    shares: int = 0
    bot_turns: int = 0
    id: str | None = None


@dataclass
class ScenarioMatch:
    scenario: str
    trigger: int
    reasons: list[dict[str, Any]]
    severity_rank: int

    def to_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "trigger": self.trigger, "reasons": self.reasons,
                "severity_rank": self.severity_rank}


@dataclass
class TriageResult:
    """The outcome of triage. JSON field names are stable (see :meth:`to_dict`)."""

    scenario: str
    matches: list[ScenarioMatch]
    severity: str
    severity_rank: int
    route: str
    escalate: bool
    handoff: bool
    handoff_reasons: list[str]
    move_to_dm: bool
    respond_by: dt.datetime
    out_of_hours: bool
    next_open: dt.datetime | None
    sentiment: float
    channel: str
    id: str | None = None
    text: str = ""
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "scenario": self.scenario,
            "matches": [m.to_dict() for m in self.matches],
            "severity": self.severity,
            "severity_rank": self.severity_rank,
            "route": self.route,
            "escalate": self.escalate,
            "handoff": self.handoff,
            "handoff_reasons": self.handoff_reasons,
            "move_to_dm": self.move_to_dm,
            "respond_by": self.respond_by.isoformat(),
            "out_of_hours": self.out_of_hours,
            "next_open": self.next_open.isoformat() if self.next_open else None,
            "sentiment": round(self.sentiment, 3),
            "channel": self.channel,
            "text": self.text,
            "warnings": self.warnings,
        }


def sentiment(lowers: list[str]) -> float:
    """-1 (angry) to 1 (delighted), from marker words."""
    pos = sum(1 for w in lowers if w in lex.POSITIVE)
    neg = sum(1 for w in lowers if w in lex.NEGATIVE) + 2 * sum(1 for w in lowers if w in ANGRY)
    return (pos - neg) / (pos + neg + 1)


@dataclass
class _Trigger:
    scenario: str
    index: int
    spec: dict[str, Any]
    has_content: bool
    patterns: list[UserPattern]


class Triager:
    """Triage messages against one playbook; compiles its triggers once."""

    def __init__(self, playbook: Playbook | str | None = None) -> None:
        if not isinstance(playbook, Playbook):
            playbook = load_playbook(playbook)
        self.playbook = playbook
        self._nlp: Language | None = None
        self._compiled = False

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from brandvoice.analysis.pipeline import load_pipeline

            self._nlp = load_pipeline("en")
        return self._nlp

    def _compile(self) -> None:
        if self._compiled:
            return
        from spacy.matcher import Matcher

        nlp = self.nlp
        self._keywords = TermMatcher(nlp)
        self._unless = TermMatcher(nlp)
        self._matcher = Matcher(nlp.vocab)
        self._triggers: list[_Trigger] = []
        for sid, sc in self.playbook.scenarios.items():
            for i, spec in enumerate(sc.data.get("triggers") or []):
                key = f"{sid}#{i}"
                if spec.get("keywords"):
                    self._keywords.add(key, spec["keywords"], key)
                if spec.get("unless"):
                    self._unless.add(key, spec["unless"], key)
                if spec.get("matcher"):
                    try:
                        self._matcher.add(key, spec["matcher"])
                    except Exception as exc:  # noqa: BLE001 - spaCy raises MatchPatternError, ValueError, KeyError
                        from brandvoice.errors import ConfigError, Problem

                        loc = self.playbook.where("scenarios", sid, "triggers", i, "matcher")
                        first = str(exc).strip().splitlines()
                        raise ConfigError([Problem(
                            loc.path if loc else self.playbook.path, loc.line if loc else 1,
                            loc.column if loc else 1, f"scenarios.{sid}.triggers[{i}].matcher",
                            f"invalid spaCy Matcher pattern: {first[-1] if first else exc}; "
                            "see spacy.io/usage/rule-based-matching",
                        )]) from None
                patterns = [UserPattern(p, regex.I, f"{sid} trigger {i + 1}", PATTERN_TIMEOUT)
                            for p in spec.get("patterns") or []]
                has_content = bool(spec.get("keywords") or patterns or spec.get("matcher"))
                self._triggers.append(_Trigger(sid, i, spec, has_content, patterns))
        human = list(HUMAN_REQUEST) + list(self.playbook.data.get("handoff", {}).get("phrases")
                                           or [])
        self._human = TermMatcher(nlp)
        self._human.add("human", human, None, inflect=False)
        self._compiled = True

    def triage(self, message: Message | str, now: dt.datetime | None = None) -> TriageResult:
        """Triage one message. ``now`` defaults to the current time (UTC)."""
        return next(self.triage_many([message], now=now))

    def triage_many(self, messages: Iterable[Message | str], now: dt.datetime | None = None,
                    batch_size: int = 256) -> Iterator[TriageResult]:
        self._compile()
        msgs = [Message(m) if isinstance(m, str) else m for m in messages]
        repaired: dict[int, int] = {}
        for n, m in enumerate(msgs):
            # Lone surrogates (JSON "\ud83d") are not text: spaCy cannot hash them.
            text, bad = clean_text(m.text) if isinstance(m.text, str) else (m.text, 0)
            if bad:
                msgs[n] = dataclasses.replace(m, text=text)
                repaired[n] = bad
        when = now or dt.datetime.now(dt.timezone.utc)
        if when.tzinfo is None:
            from brandvoice.errors import UsageError

            raise UsageError("give 'now' with a time zone, e.g. 2026-11-23T17:00:00+00:00")
        # Triage needs tokens, not sentences: the sentencizer is skipped.
        skip = [n for n in self.nlp.pipe_names if n == "sentencizer"]
        docs = self.nlp.pipe((_window(m.text) for m in msgs), batch_size=batch_size,
                             disable=skip)
        for n, (msg, doc) in enumerate(zip(msgs, docs, strict=True)):
            result = self._one(msg, doc, when)
            if n in repaired:
                result.warnings.append(f"{repaired[n]} lone surrogate(s) in the message "
                                       "replaced by U+FFFD")
            yield result

    def _one(self, msg: Message, doc: Doc, now: dt.datetime) -> TriageResult:
        pb = self.playbook
        channel = msg.channel or pb.default_channel
        lowers = [t.lower_ for t in doc]
        mood = sentiment(lowers)
        hours = pb.hours
        out_of_hours = bool(hours) and not hours.is_open(now)  # type: ignore[union-attr]
        keyword_hits: dict[str, list[str]] = {}
        for m in self._keywords(doc, every_key=True):
            keyword_hits.setdefault(m.key, []).append(m.text)
        unless_hits = {m.key for m in self._unless(doc, every_key=True)}
        matcher_hits: dict[str, list[str]] = {}
        for match_id, start, end in self._matcher(doc):
            matcher_hits.setdefault(doc.vocab.strings[match_id], []).append(doc[start:end].text)
        warnings: list[str] = []
        failsafe: list[str] = []
        if len(msg.text) > MAX_TRIAGE_CHARS:
            failsafe.append(f"the message is {len(msg.text):,} characters, over "
                            f"{MAX_TRIAGE_CHARS:,}: a person must read it whole")
            warnings.append(failsafe[-1])
        matches: list[ScenarioMatch] = []
        matched_scenarios: set[str] = set()
        for trig in self._triggers:
            if trig.scenario in matched_scenarios:
                continue
            key = f"{trig.scenario}#{trig.index}"
            if key in unless_hits:
                continue
            reasons = self._reasons(trig, key, msg, channel, mood, out_of_hours, keyword_hits,
                                    matcher_hits, warnings, failsafe)
            if reasons is not None:
                rank = pb.severity(pb.scenarios[trig.scenario].severity).rank
                matches.append(ScenarioMatch(trig.scenario, trig.index, reasons, rank))
                matched_scenarios.add(trig.scenario)
        matches.sort(key=lambda m: (m.severity_rank, pb.scenarios[m.scenario].order))
        winner = matches[0].scenario if matches else pb.default_scenario
        sc = pb.scenarios[winner]
        sev = pb.severity(sc.severity)
        respond_by = (hours.add(now, sev.first_response)
                      if sev.clock == "business" and hours else
                      (now + sev.first_response).astimezone(hours.tz if hours else dt.timezone.utc))
        handoff_reasons = list(failsafe)
        if sc.handoff:
            handoff_reasons.append(f"scenario {winner} needs a person")
        rules = pb.data.get("handoff") or {}
        if rules.get("on_request", True):
            asked = self._human(doc)
            if asked:
                handoff_reasons.append(f"the customer asked for a person ({asked[0].text!r})")
        if rules.get("at_or_above") and sev.rank <= pb.severity(rules["at_or_above"]).rank:
            handoff_reasons.append(f"severity {sev.id} is at or above {rules['at_or_above']}")
        if msg.bot_turns >= int(rules.get("max_bot_turns", 3)):
            handoff_reasons.append(f"{msg.bot_turns} bot replies already")
        return TriageResult(
            scenario=winner, matches=matches, severity=sev.id, severity_rank=sev.rank,
            route=sc.route, escalate=bool(sc.escalate), handoff=bool(handoff_reasons),
            handoff_reasons=handoff_reasons, move_to_dm=bool(sc.move_to_dm),
            respond_by=respond_by, out_of_hours=out_of_hours,
            next_open=hours.next_open(now) if hours and out_of_hours else None,
            sentiment=mood, channel=channel, id=msg.id, text=msg.text, warnings=warnings,
        )

    def _reasons(self, trig: _Trigger, key: str, msg: Message, channel: str, mood: float,
                 out_of_hours: bool, keyword_hits: dict[str, list[str]],
                 matcher_hits: dict[str, list[str]], warnings: list[str],
                 failsafe: list[str] | None = None) -> list[dict[str, Any]] | None:
        """The reasons ``trig`` matches, or None when one of its conditions fails. (Empty
    conditions, as filled in by schema defaults, are no conditions.)"""
        spec = trig.spec
        reasons: list[dict[str, Any]] = []
        if trig.has_content:
            content: list[dict[str, Any]] = []
            if key in keyword_hits:
                content.append({"kind": "keywords", "words": keyword_hits[key]})
            if key in matcher_hits:
                content.append({"kind": "matcher", "words": matcher_hits[key]})
            text = _window(msg.text)
            for pattern in trig.patterns:
                try:
                    m = pattern.search(text)
                except PatternTimeout:
                    # Fail safe: padding must not steer a message away from a scenario.
                    note = (f"pattern {pattern.pattern!r} of {trig.scenario} timed out; counted "
                            "as a match, and a person must check; simplify the pattern")
                    warnings.append(note)
                    if failsafe is not None:
                        failsafe.append(note)
                    content.append({"kind": "pattern_timeout", "pattern": pattern.pattern,
                                    "words": []})
                    continue
                if m:
                    content.append({"kind": "pattern", "pattern": pattern.pattern,
                                    "words": [m.group()]})
            if not content:
                return None
            reasons.extend(content)
        if spec.get("channels"):
            if channel not in spec["channels"]:
                return None
            reasons.append({"kind": "channel", "channel": channel})
        if spec.get("author"):
            why = _author(spec["author"], msg.author)
            if not why:
                return None
            reasons.append({"kind": "author", "detail": why})
        if spec.get("engagement"):
            e = spec["engagement"]
            hits = [f"{n} {label}" for label, n, least in (
                ("likes", msg.likes, e.get("min_likes")),
                ("replies", msg.replies, e.get("min_replies")),
                ("shares", msg.shares, e.get("min_shares"))) if least is not None and n >= least]
            if not hits:
                return None
            reasons.append({"kind": "engagement", "detail": ", ".join(hits)})
        if spec.get("sentiment"):
            lo, hi = spec["sentiment"].get("min"), spec["sentiment"].get("max")
            if (lo is not None and mood < lo) or (hi is not None and mood > hi):
                return None
            reasons.append({"kind": "sentiment", "score": round(mood, 3)})
        if spec.get("outside_hours") is not None:
            if bool(spec["outside_hours"]) != out_of_hours:
                return None
            reasons.append({"kind": "outside_hours", "value": out_of_hours})
        return reasons or None


def _window(text: str) -> str:
    """What triage reads of a message: all of it, or its beginning and end when longer than
    :data:`MAX_TRIAGE_CHARS` (spaCy and the patterns stay fast; the end is not lost)."""
    if len(text) <= MAX_TRIAGE_CHARS:
        return text
    half = MAX_TRIAGE_CHARS // 2
    return f"{text[:half]}\n\n{text[-half:]}"


def _author(cond: dict[str, Any], author: Author) -> str:
    handle = author.handle.lower().lstrip("@")
    if handle and handle in {h.lower().lstrip("@") for h in cond.get("handles") or []}:
        return f"@{handle} is on the list"
    if cond.get("min_followers") is not None and author.followers >= cond["min_followers"]:
        return f"{author.followers} followers"
    for flag in ("verified", "vip", "press"):
        if cond.get(flag) and getattr(author, flag):
            return f"author is {flag}"
    return ""


# Per playbook path, under the process-wide plugin manager (rebuilt when its plugins change).
_triagers: OwnerCache[Triager] = OwnerCache("triager per playbook path", plugin_state)


def triage(message: Message | str, playbook: Playbook | str | None = None,
           now: dt.datetime | None = None) -> TriageResult:
    """Triage one message against ``playbook`` (default: the built-in example playbook)."""
    if isinstance(playbook, Playbook):
        return Triager(playbook).triage(message, now)
    from brandvoice.plugins.manager import get_plugin_manager

    triager = _triagers.get(get_plugin_manager(), str(playbook), lambda: Triager(playbook))
    return triager.triage(message, now)
