"""Triage: which scenario of a playbook an inbound message belongs to, how urgent it is, who
handles it and by when, and why.

Rules (docs/playbooks.md):

* A scenario matches by a trigger or by similarity. A trigger matches when every condition it
  lists holds (keywords, patterns and matcher patterns count as one content condition: any
  of them is enough). Similarity: the message is at least :data:`ACCEPT` similar to one of
  the scenario's ``examples``, within :data:`MARGIN` of the best-scoring scenario, and not
  nearer to one of its ``counter_examples`` (see :mod:`brandvoice.playbooks.similarity`).
* Several scenarios match: the most severe wins, then the highest ``priority``, then the
  first listed (:meth:`ScenarioSpec.precedence`). Every match is reported with its reasons;
  the result says why the winner won and why the runner-up did not.
* Nothing matches: the playbook's ``default_scenario``.
* When unsure, assume the worst: a message at least :data:`WEAK` similar to a scenario at or
  above the hand-off severity that did not win, or matched by one of its ``weak`` triggers,
  is handed to a person, at that scenario's severity and response time (``review_reasons``).
  A weak trigger never makes its scenario win.
* A message in a language the playbook does not cover goes to its ``language_scenario``
  (built in: ``other_language``), handed to a person, and says so (``language``,
  ``language_covered``).
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
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from brandvoice.analysis import lexicons as lex
from brandvoice.analysis.terms import TermMatcher, inflections
from brandvoice.caches import OwnerCache, plugin_state
from brandvoice.limits import clean_text, for_tokenizer
from brandvoice.patterns import PatternTimeout, UserPattern
from brandvoice.playbooks.learned import Learned, LearnedModel, train
from brandvoice.playbooks.model import Playbook, load_playbook
from brandvoice.playbooks.similarity import ExampleIndex, Nearest, embed

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["Author", "Message", "ScenarioMatch", "TriageResult", "Triager", "message_from_fields",
           "triage"]

PATTERN_TIMEOUT = 0.05  # seconds per pattern per message
# Longer messages are triaged on their first and last halves of this many characters (padding
# must not hide what a message says at its end) and always go to a person.
MAX_TRIAGE_CHARS = 20_000
# Similarity thresholds (cosine, -1..1), chosen on the playbook's own examples and on
# paraphrases kept apart from them (benchmarks/triage_methods.py, docs/triage-report.md).
ACCEPT = 0.36  # at least this similar to a serious scenario's examples: it matches
ACCEPT_ROUTINE = 0.30  # the same for the others (a wrong routine match costs less)
MARGIN = 0.0  # ...and the best-scoring scenario (0: only the best)
OVERRIDE = 0.40  # similarity beats a trigger of a less severe scenario only from this score
WEAK = 0.34  # at least this similar to a serious scenario: a person looks at it
# The learned layer (brandvoice/playbooks/learned.py), probabilities 0..1, chosen on the
# validation split of our training messages (benchmarks/triage_methods.py):
LEARN_ACCEPT = 0.5  # the most probable scenario from this probability: it matches
LEARN_WEAK = 0.35  # a serious scenario at least this probable: a person looks at it
LEARN_OVERRIDE = 0.6  # a learned match beats words of a less severe scenario from this
# A serious scenario at least this probable goes to a person even when the message is nearer
# to one of its counter-examples than to its examples (a counter-example vetoes a doubtful
# resemblance, not a probable one). Found on a miss of our validation split; 6 more of the
# 2,188 real messages escalated (docs/triage-report.md).
LEARN_SURE = 0.5

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
    """One scenario that matched: by trigger (``trigger`` is its index in the scenario), by
    similarity to an example (``trigger`` is -1, ``source`` is ``"similar"``) or by the
    learned layer (``trigger`` is -1, ``source`` is ``"learned"``, ``score`` its
    probability)."""

    scenario: str
    trigger: int
    reasons: list[dict[str, Any]]
    severity_rank: int
    source: str = "trigger"
    score: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "trigger": self.trigger, "reasons": self.reasons,
                "severity_rank": self.severity_rank, "source": self.source,
                "score": round(self.score, 3)}


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
    confidence: float = 1.0
    why: str = ""
    runner_up: str | None = None
    why_not: str = ""
    review_reasons: list[str] = field(default_factory=list)
    language: str | None = None
    language_covered: bool = True
    do_not_reply: bool = False

    @property
    def confidence_label(self) -> str:
        return "high" if self.confidence >= 0.75 else "medium" if self.confidence >= 0.5 \
            else "low"

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
            "confidence": round(self.confidence, 3),
            "confidence_label": self.confidence_label,
            "why": self.why,
            "runner_up": self.runner_up,
            "why_not": self.why_not,
            "review_reasons": self.review_reasons,
            "language": self.language,
            "language_covered": self.language_covered,
            "do_not_reply": self.do_not_reply,
        }


_AUTHOR_FIELDS = {"name": str, "handle": str, "followers": int, "verified": bool, "vip": bool,
                  "press": bool}
_ENGAGEMENT_FIELDS = ("likes", "replies", "shares")


def message_from_fields(text: str, channel: str | None = None, id: str | None = None, *,
                        author: object = None, engagement: object = None,
                        where: str = "message") -> Message:
    """A :class:`Message` from plain data (a JSONL row, a request body), checked: a wrong
    field is a :class:`~brandvoice.errors.UsageError` that starts with ``where``."""
    from brandvoice.errors import UsageError

    for name, value, example in (
            ("author", author, '{"followers": 120000, "verified": true}'),
            ("engagement", engagement, '{"likes": 800, "replies": 40, "shares": 300}')):
        if value is not None and not isinstance(value, Mapping):
            raise UsageError(f"{where}: {name!r} must be an object, e.g. {example}")
    fields: dict[str, Any] = {}
    for key, value in (author or {}).items():  # type: ignore[attr-defined]
        want = _AUTHOR_FIELDS.get(key)
        if want is None:
            raise UsageError(f"{where}: unknown author field {key!r}; allowed: "
                             f"{', '.join(_AUTHOR_FIELDS)}")
        if want is int and (isinstance(value, bool) or not isinstance(value, int)
                            or value < 0):
            raise UsageError(f"{where}: author.{key} must be a whole number >= 0, "
                             f"not {value!r}")
        if want is not int and not isinstance(value, want):
            raise UsageError(f"{where}: author.{key} must be "
                             f"{'true or false' if want is bool else 'a string'}, not {value!r}")
        fields[key] = value
    counts: dict[str, int] = {}
    for key, value in (engagement or {}).items():  # type: ignore[attr-defined]
        if key not in _ENGAGEMENT_FIELDS:
            raise UsageError(f"{where}: unknown engagement field {key!r}; allowed: "
                             f"{', '.join(_ENGAGEMENT_FIELDS)}")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise UsageError(f"{where}: engagement.{key} must be a whole number >= 0, "
                             f"not {value!r}")
        counts[key] = value
    return Message(text, channel, Author(**fields), id=id, **counts)


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
    weak: bool = False
    outranks_routine: bool = False


class Triager:
    """Triage messages against one playbook; compiles its triggers and embeds its examples
    once."""

    def __init__(self, playbook: Playbook | str | None = None) -> None:
        if not isinstance(playbook, Playbook):
            playbook = load_playbook(playbook)
        self.playbook = playbook
        self._nlp: Language | None = None
        self._compiled = False
        self._index: ExampleIndex | None = None
        self._learned: LearnedModel | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from brandvoice.analysis.pipeline import load_pipeline

            self._nlp = load_pipeline("en")
        return self._nlp

    @property
    def examples(self) -> ExampleIndex | None:
        """The playbook's examples, embedded (None when no scenario has examples)."""
        self._compile()
        return self._index

    def _compile(self) -> None:
        if self._compiled:
            return
        from spacy.matcher import Matcher

        nlp = self.nlp
        self._keywords = TermMatcher(nlp)
        self._unless = TermMatcher(nlp)
        # One Matcher per pattern, run only when the message has a word for each token the
        # pattern requires: spaCy evaluates every IN list of a Matcher at every token, in
        # Python, and most patterns cannot match most messages.
        self._matchers: list[tuple[list[frozenset[str]], Any]] = []
        self._triggers: list[_Trigger] = []
        self._outranks: set[str] = set()  # "scenario#index" of outranks_routine triggers
        for sid, sc in self.playbook.scenarios.items():
            for i, spec in enumerate(sc.data.get("triggers") or []):
                key = f"{sid}#{i}"
                if spec.get("keywords"):
                    words = list(spec["keywords"])
                    words += [k for k in map(_korean_lemmas, words) if k]
                    self._keywords.add(key, words, key)
                if spec.get("unless"):
                    self._unless.add(key, spec["unless"], key)
                if spec.get("matcher"):
                    try:
                        for pattern in spec["matcher"]:
                            token_pattern = _lemma_aware(pattern)
                            matcher = Matcher(nlp.vocab)
                            matcher.add(key, [token_pattern])
                            self._matchers.append((_needs(token_pattern), matcher))
                    except Exception as exc:  # noqa: BLE001 - spaCy raises MatchPatternError, ValueError, KeyError
                        from brandvoice.errors import ConfigError, Problem

                        loc = self.playbook.where("scenarios", sid, "triggers", i, "matcher")
                        # spaCy lists every pattern, most with no problem: name the first bad one.
                        lines = str(exc).strip().splitlines()
                        first = [x.strip("- ") for x in lines if "->" in x][:1] or lines
                        raise ConfigError([Problem(
                            loc.path if loc else self.playbook.path, loc.line if loc else 1,
                            loc.column if loc else 1, f"scenarios.{sid}.triggers[{i}].matcher",
                            f"invalid spaCy Matcher pattern: {first[-1] if first else exc}; "
                            "see spacy.io/usage/rule-based-matching",
                        )]) from None
                patterns = [UserPattern(p, regex.I, f"{sid} trigger {i + 1}", PATTERN_TIMEOUT)
                            for p in spec.get("patterns") or []]
                has_content = bool(spec.get("keywords") or patterns or spec.get("matcher"))
                self._triggers.append(_Trigger(sid, i, spec, has_content, patterns,
                                               bool(spec.get("weak")),
                                               bool(spec.get("outranks_routine"))))
                if spec.get("outranks_routine"):
                    self._outranks.add(key)
        human = list(HUMAN_REQUEST) + list(self.playbook.data.get("handoff", {}).get("phrases")
                                           or [])
        self._human = TermMatcher(nlp)
        self._human.add("human", human, None, inflect=False)
        scenarios = self.playbook.scenarios.values()
        if any(sc.examples for sc in scenarios):
            self._index = ExampleIndex({sc.id: sc.examples for sc in scenarios},
                                       {sc.id: sc.counter_examples for sc in scenarios})
            self._learned = train({sc.id: sc.examples for sc in scenarios},
                                  {sc.id: sc.counter_examples for sc in scenarios})
        self._compiled = True

    @property
    def learned(self) -> LearnedModel | None:
        """The layer learned from the playbook's examples (None when fewer than two
        scenarios have examples)."""
        self._compile()
        return self._learned

    def triage(self, message: Message | str, now: dt.datetime | None = None) -> TriageResult:
        """Triage one message. ``now`` defaults to the current time (UTC)."""
        return next(self.triage_many([message], now=now))

    def triage_many(self, messages: Iterable[Message | str], now: dt.datetime | None = None,
                    batch_size: int = 256, *,
                    exclude: Sequence[tuple[str, int]] = ()) -> Iterator[TriageResult]:
        """Triage messages in batches. ``exclude`` leaves examples, given as (scenario,
        index), out of the similarity layer (lint's leave-one-out runs)."""
        self._compile()
        when = now or dt.datetime.now(dt.timezone.utc)
        if when.tzinfo is None:
            from brandvoice.errors import UsageError

            raise UsageError("give 'now' with a time zone, e.g. 2026-11-23T17:00:00+00:00")
        if not 1900 <= when.year <= 2999:
            from brandvoice.errors import UsageError

            raise UsageError(f"'now' is {when:%Y-%m-%d}; give a time between the years 1900 "
                             "and 2999 (deadlines are computed from it)")
        # Triage needs tokens, not sentences: the sentencizer is skipped.
        skip = [n for n in self.nlp.pipe_names if n == "sentencizer"]
        batch: list[Message] = []
        repaired: list[int] = []
        for m in messages:
            m = Message(m) if isinstance(m, str) else m
            # Lone surrogates (JSON "\ud83d") are not text: spaCy cannot hash them.
            text, bad = clean_text(m.text) if isinstance(m.text, str) else (m.text, 0)
            batch.append(dataclasses.replace(m, text=text) if bad else m)
            repaired.append(bad)
            if len(batch) >= batch_size:
                yield from self._batch(batch, repaired, when, skip, exclude)
                batch, repaired = [], []
        if batch:
            yield from self._batch(batch, repaired, when, skip, exclude)

    def _batch(self, msgs: list[Message], repaired: list[int], when: dt.datetime,
               skip: list[str], exclude: Sequence[tuple[str, int]]) -> Iterator[TriageResult]:
        texts = [_window(m.text) for m in msgs]
        docs = self.nlp.pipe([for_tokenizer(t) for t in texts], batch_size=len(msgs),
                             disable=skip)
        learned: list[dict[str, Learned]] = [{} for _ in msgs]
        vectors = None
        if self._index is not None:
            vectors = embed(texts)
            nearest = self._index.nearest(vectors, exclude=exclude)
            if self._learned is not None:
                learned = self._learned.predict(texts, vectors)
        else:
            nearest = [{} for _ in msgs]
        hours = self.playbook.hours
        out_of_hours = bool(hours) and not hours.is_open(when)  # type: ignore[union-attr]
        for row, (msg, doc, near, bad) in enumerate(zip(msgs, docs, nearest, repaired,
                                                        strict=True)):
            result = self._one(msg, doc, when, near, out_of_hours, learned[row],
                               None if vectors is None else vectors[row])
            if bad:
                result.warnings.append(f"{bad} lone surrogate(s) in the message replaced by "
                                       "U+FFFD")
            yield result

    def _one(self, msg: Message, doc: Doc, now: dt.datetime, near: dict[str, Nearest],
             out_of_hours: bool, learned: dict[str, Learned] | None = None,
             vector: Any = None) -> TriageResult:
        pb = self.playbook
        channel = msg.channel or pb.default_channel
        lowers = [t.lower_ for t in doc]
        mood = sentiment(lowers)
        hours = pb.hours
        warnings: list[str] = []
        failsafe: list[str] = []
        if len(msg.text) > MAX_TRIAGE_CHARS:
            failsafe.append(f"the message is {len(msg.text):,} characters, over "
                            f"{MAX_TRIAGE_CHARS:,}: a person must read it whole")
            warnings.append(failsafe[-1])
        language = _language_of(_window(msg.text), pb.languages)
        covered = language is None or language in pb.languages
        matches: list[ScenarioMatch] = []
        weak: list[ScenarioMatch] = []
        if covered:
            found = self._trigger_matches(msg, doc, channel, mood, out_of_hours, warnings,
                                          failsafe)
            matches = [m for m in found if m.source == "trigger"]
            weak = [m for m in found if m.source == "weak"]
            # The learned layer, when the playbook has enough examples to learn from, takes
            # the place of nearest examples in deciding (they still explain its choices): on
            # the validation split it escalated as it should more often, with fewer false
            # alarms (docs/triage-report.md).
            if self._learned is None:
                matches.extend(self._similar_matches(near, matches))
            else:
                matches.extend(self._learned_matches(learned or {}, matches, msg, vector, near))
        else:
            learned = {}
        learned = learned or {}
        order = pb.scenarios

        def rank(sid: str) -> int:
            return pb.severity(order[sid].severity).rank

        def precedence(m: ScenarioMatch) -> tuple[int, int, int]:
            return order[m.scenario].precedence(m.severity_rank)

        matches.sort(key=precedence)
        serious = _serious_rank(pb)
        if matches and matches[0].severity_rank > serious and self._outranks:
            # Settling words (a scammer's pitch) beat the routine words they use as a lure;
            # a serious scenario still wins (assume the worst).
            first = next((m for m in matches if m.source == "trigger"
                          and f"{m.scenario}#{m.trigger}" in self._outranks), None)
            if first is not None:
                matches.remove(first)
                matches.insert(0, first)
        review: list[str] = []
        if not covered:
            winner = pb.language_scenario or pb.default_scenario
            why = (f"written in {language}, which this playbook does not cover "
                   f"({', '.join(pb.languages)}); a person who reads it must triage it")
            confidence = 1.0
            runner_up, why_not = None, ""
        elif matches:
            winner = matches[0].scenario
            why = _describe(matches[0])
            confidence = self._confidence(matches[0], near, learned)
            runner_up, why_not = self._runner_up(winner, matches, near, rank, learned)
        elif learned:
            winner = pb.default_scenario
            top = max(learned.values(), key=lambda x: x.probability)
            why = ("no trigger matched, no example was similar enough, and the learned "
                   f"layer is not sure of any scenario (at most {top.probability:.2f})")
            confidence = _clip(1.0 - top.probability / LEARN_ACCEPT * 0.6)
            runner_up, why_not = self._runner_up(winner, [], near, rank, learned)
        else:
            winner = pb.default_scenario
            best = max((n for n in near.values() if not n.vetoed), key=lambda n: n.score,
                       default=None)
            why = "no trigger matched and no example was similar enough"
            confidence = 1.0 if best is None else _clip(1.0 - max(0.0, best.score) / ACCEPT
                                                        * 0.6)
            runner_up, why_not = (None, "") if best is None else (
                best.scenario, (f"nearest example of {best.scenario} {_q(best.example)} "
                                f"scores {best.score:.2f}, below the {ACCEPT:.2f} needed"))
        sc = pb.scenarios[winner]
        sev = pb.severity(sc.severity)
        # Assume the worst: a weak but real resemblance to a serious scenario goes to a person
        # at that scenario's severity, never silently to a low queue.
        # A weak trigger of a serious scenario that did not win: the words are the reason.
        for m in sorted(weak, key=precedence):
            if m.scenario != winner and m.severity_rank <= serious and m.severity_rank < sev.rank:
                words = ", ".join(repr(w) for r in m.reasons for w in r.get("words", ()))
                review.append(f"weak sign of {m.scenario} (trigger {m.trigger}: {words}): a "
                              "person should check it")
                sev = pb.severity(pb.scenarios[m.scenario].severity)
                break
        # A scammer's pitch (an outranks_routine trigger won) borrows serious words ("verify
        # your account", "card number") as a lure: the learned layer's resemblance to them
        # does not call a person; a weak trigger still does.
        pitched = bool(matches) and matches[0].source == "trigger" and (
            f"{matches[0].scenario}#{matches[0].trigger}" in self._outranks)
        if covered and learned and not pitched:  # a serious scenario the layer finds probable
            for x in sorted(learned.values(), key=lambda x: -x.probability):
                r = rank(x.scenario)
                # A counter-example nearer than any example vetoes a doubtful resemblance,
                # not a probability the layer would accept as a match.
                vetoed = (x.scenario in near and near[x.scenario].vetoed
                          and x.probability < LEARN_SURE)
                if (x.scenario != winner and r <= serious and r < sev.rank
                        and x.probability >= LEARN_WEAK and not vetoed):
                    x = self._explain(msg.text, vector, x.scenario)
                    review.append(f"the learned layer gives {x.scenario} {x.probability:.2f} "
                                  f"({_learned_words(x)}): a person should check it")
                    sev = pb.severity(pb.scenarios[x.scenario].severity)
                    break
        if covered and not learned:  # a closer resemblance may still raise the severity
            for n in sorted(near.values(), key=lambda n: -n.score):
                r = rank(n.scenario)
                if (n.scenario != winner and r <= serious and r < sev.rank and not n.vetoed
                        and n.score >= WEAK):
                    review.append(f"resembles {n.scenario} ({n.score:.2f}, nearest example "
                                  f"{_q(n.example)}): a person should check it")
                    if r < sev.rank:
                        sev = pb.severity(pb.scenarios[n.scenario].severity)
                    break
        respond_by = (hours.add(now, sev.first_response)
                      if sev.clock == "business" and hours else
                      (now + sev.first_response).astimezone(hours.tz if hours else dt.timezone.utc))
        handoff_reasons = list(failsafe)
        if sc.handoff:
            handoff_reasons.append(f"scenario {winner} needs a person")
        if not covered:
            handoff_reasons.append(f"the message is in {language}, not in "
                                   f"{', '.join(pb.languages)}")
        handoff_reasons.extend(review)
        rules = pb.data["handoff"]
        if rules["on_request"]:
            asked = self._human(doc)
            if asked:
                handoff_reasons.append(f"the customer asked for a person ({asked[0].text!r})")
        if rules.get("at_or_above") and sev.rank <= pb.severity(rules["at_or_above"]).rank:
            handoff_reasons.append(f"severity {sev.id} is at or above {rules['at_or_above']}")
        if msg.bot_turns >= rules["max_bot_turns"]:
            handoff_reasons.append(f"{msg.bot_turns} bot replies already")
        return TriageResult(
            scenario=winner, matches=matches, severity=sev.id, severity_rank=sev.rank,
            route=sc.route, escalate=bool(sc.escalate) or bool(review) or not covered,
            handoff=bool(handoff_reasons), handoff_reasons=handoff_reasons,
            move_to_dm=bool(sc.move_to_dm), respond_by=respond_by, out_of_hours=out_of_hours,
            next_open=hours.next_open(now) if hours and out_of_hours else None,
            sentiment=mood, channel=channel, id=msg.id, text=msg.text, warnings=warnings,
            confidence=round(confidence, 3), why=why, runner_up=runner_up, why_not=why_not,
            review_reasons=review, language=language, language_covered=covered,
            do_not_reply=bool(sc.data.get("do_not_reply")),
        )

    def _trigger_matches(self, msg: Message, doc: Doc, channel: str, mood: float,
                         out_of_hours: bool, warnings: list[str], failsafe: list[str]
                         ) -> list[ScenarioMatch]:
        from spacy.util import filter_spans

        pb = self.playbook
        keyword_hits: dict[str, list[str]] = {}
        for m in self._keywords(doc, every_key=True):
            keyword_hits.setdefault(m.key, []).append(m.text)
        lemma_text = _korean_lemmas(_window(msg.text))
        if lemma_text:
            for m in self._keywords(self.nlp.make_doc(lemma_text), every_key=True):
                if m.text not in keyword_hits.get(m.key, ()):
                    keyword_hits.setdefault(m.key, []).append(m.text)
        unless_hits = {m.key for m in self._unless(doc, every_key=True)}
        spans: dict[str, list[Span]] = {}
        lowers = {t.lower_ for t in doc} if self._matchers else set()
        for needs, matcher in self._matchers:
            if any(words.isdisjoint(lowers) for words in needs):
                continue
            for match_id, start, end in matcher(doc):
                spans.setdefault(doc.vocab.strings[match_id], []).append(doc[start:end])
        # Patterns with optional tokens match a phrase several times ("'ve got a knife", "got
        # a knife"): the reason names the longest, once.
        matcher_hits = {key: [s.text for s in sorted(filter_spans(found), key=lambda s: s.start)]
                        for key, found in spans.items()}
        matches: list[ScenarioMatch] = []
        matched: set[str] = set()
        for trig in self._triggers:
            if trig.scenario in matched:
                continue
            key = f"{trig.scenario}#{trig.index}"
            if key in unless_hits:
                continue
            reasons = self._reasons(trig, key, msg, channel, mood, out_of_hours, keyword_hits,
                                    matcher_hits, warnings, failsafe)
            if reasons is not None:
                rank = pb.severity(pb.scenarios[trig.scenario].severity).rank
                matches.append(ScenarioMatch(trig.scenario, trig.index, reasons, rank,
                                             "weak" if trig.weak else "trigger"))
                if not trig.weak:
                    matched.add(trig.scenario)
        return matches

    def _explain(self, text: str, vector: Any, scenario: str) -> Learned:
        assert self._learned is not None
        return self._learned.explain(_window(text), vector, scenario)

    def _learned_matches(self, learned: dict[str, Learned], found: list[ScenarioMatch],
                         msg: Message, vector: Any, near: dict[str, Nearest]
                         ) -> list[ScenarioMatch]:
        """The learned layer's most probable scenario, when it is probable enough and no
        trigger or example already chose it."""
        if not learned:
            return []
        pb = self.playbook
        top = max(learned.values(), key=lambda x: x.probability)
        if top.probability < LEARN_ACCEPT or any(m.scenario == top.scenario for m in found):
            return []
        n = near.get(top.scenario)
        if n is not None and n.vetoed:
            return []  # nearer to one of its counter-examples than to any example
        rank = pb.severity(pb.scenarios[top.scenario].severity).rank
        content = [m.severity_rank for m in found
                   if any(r["kind"] in ("keywords", "pattern", "matcher") for r in m.reasons)]
        if rank < min(content, default=-1) and top.probability < LEARN_OVERRIDE:
            return []  # explicit words of a less severe scenario stand; review may still act
        x = self._explain(msg.text, vector, top.scenario)
        reason: dict[str, Any] = {"kind": "learned", "probability": round(x.probability, 3),
                                  "words": [g for g, _ in x.top],
                                  "weights": [w for _, w in x.top], "meaning": x.meaning}
        n = near.get(top.scenario)
        if n is not None:
            reason["example"] = n.example
            reason["similarity"] = round(n.example_score, 3)
            loc = pb.where("scenarios", n.scenario, "examples", n.example_index)
            if loc:
                reason["location"] = f"{loc.path}:{loc.line}"
        return [ScenarioMatch(top.scenario, -1, [reason], rank, "learned", x.probability)]

    def _similar_matches(self, near: dict[str, Nearest], triggered: list[ScenarioMatch]
                         ) -> list[ScenarioMatch]:
        pb = self.playbook
        live = [n for n in near.values() if not n.vetoed]
        if not live:
            return []
        top = max(n.score for n in live)
        matched = {m.scenario for m in triggered}
        # Content triggers (not author, engagement or clock rules) are explicit evidence: a
        # resemblance overrides them only when it is strong. (A weaker one to a serious
        # scenario still reaches a person through review.)
        content = [m.severity_rank for m in triggered
                   if any(r["kind"] in ("keywords", "pattern", "matcher") for r in m.reasons)]
        explicit = min(content, default=-1)  # no content trigger: nothing to override
        out = []
        serious = _serious_rank(pb)
        for n in live:
            rank = pb.severity(pb.scenarios[n.scenario].severity).rank
            need = ACCEPT if rank <= serious else ACCEPT_ROUTINE
            if n.scenario in matched or n.score < need or n.score < top - MARGIN:
                continue
            if rank < explicit and n.score < OVERRIDE:
                continue
            loc = pb.where("scenarios", n.scenario, "examples", n.example_index)
            reason: dict[str, Any] = {"kind": "similar", "score": round(n.score, 3),
                                      "example": n.example}
            if loc:
                reason["location"] = f"{loc.path}:{loc.line}"
            out.append(ScenarioMatch(n.scenario, -1, [reason], rank, "similar", n.score))
        return out

    def _confidence(self, best: ScenarioMatch, near: dict[str, Nearest],
                    learned: dict[str, Learned] | None = None) -> float:
        """How sure the choice is, 0..1: a trigger is explicit (0.9, 1.0 when the nearest
        examples agree); a similarity match is as sure as its score and its lead over the
        nearest other scenario allow; a learned match is its probability less half the
        next most probable scenario's."""
        if best.source == "learned" and learned:
            second = max((x.probability for x in learned.values()
                          if x.scenario != best.scenario), default=0.0)
            return _clip(best.score - second / 2)
        others = [n.score for n in near.values() if n.scenario != best.scenario
                  and not n.vetoed]
        second = max(others, default=0.0)
        if best.source == "trigger":
            own = near.get(best.scenario)
            agree = own is not None and not own.vetoed and own.score >= max(second, ACCEPT)
            return 1.0 if agree or not near else 0.9
        lead = best.score - second
        return _clip((best.score - WEAK) / (1.0 - WEAK) * 0.7 + max(0.0, lead) * 3.0 + 0.2)

    def _runner_up(self, winner: str, matches: list[ScenarioMatch],
                   near: dict[str, Nearest], rank: Any,
                   learned: dict[str, Learned] | None = None) -> tuple[str | None, str]:
        pb = self.playbook
        w = pb.scenarios[winner]
        if len(matches) > 1:
            other = matches[1]
            o = pb.scenarios[other.scenario]
            if other.severity_rank > matches[0].severity_rank:
                because = (f"it is {o.severity}, less severe than {winner} ({w.severity})")
            elif other.severity_rank < matches[0].severity_rank:
                because = (f"{winner}'s trigger {matches[0].trigger} outranks routine "
                           "scenarios (outranks_routine)")
            elif o.priority < w.priority:
                because = f"its priority {o.priority} is below {winner}'s {w.priority}"
            else:
                because = f"{winner} is listed first at the same severity and priority"
            return other.scenario, f"{_describe(other)}, but {because}"
        if learned:
            # The runner-up a care lead asks about: a serious scenario the learned layer
            # found somewhat probable, else the most probable other scenario.
            others = [x for x in learned.values() if x.scenario != winner]
            if not others:
                return None, ""
            close = [x for x in others if rank(x.scenario) <= _serious_rank(pb)
                     and x.probability >= LEARN_WEAK]
            pick = max(close or others, key=lambda x: x.probability)
            its = near.get(pick.scenario)
            if its is not None and its.vetoed:
                return pick.scenario, (
                    f"the learned layer gives it {pick.probability:.2f}, but the message is "
                    f"nearer to its counter-example {_q(its.counter_example)} "
                    f"({its.counter_score:.2f}) than to any example ({its.example_score:.2f})")
            nearest = (f"; nearest example {_q(its.example)} ({its.example_score:.2f})"
                       if its is not None else "")
            mine = learned[winner].probability if winner in learned else 0.0
            if pick.probability < LEARN_ACCEPT:
                short = f"below the {LEARN_ACCEPT:.2f} needed"
            elif mine >= pick.probability:
                short = f"and {winner} {mine:.2f}"
            else:
                short = f"short of the {LEARN_OVERRIDE:.2f} needed to overrule {winner}'s words"
            return pick.scenario, (f"the learned layer gives it {pick.probability:.2f}, "
                                   f"{short}{nearest}")
        cands = [n for n in near.values() if n.scenario != winner]
        if not cands:
            return None, ""
        # The runner-up a care lead asks about: a serious scenario the message came close to
        # (or that a counter-example ruled out), else the best-scoring other scenario.
        serious = [n for n in cands if rank(n.scenario) <= _serious_rank(pb)
                   and max(n.score, n.counter_score if n.vetoed else -1.0) >= WEAK]
        n = max(serious or cands, key=lambda n: n.score)
        if n.vetoed:
            return n.scenario, (f"nearer to its counter-example {_q(n.counter_example)} "
                                f"({n.counter_score:.2f}) than to any example ({n.score:.2f})")
        return n.scenario, (f"nearest example {_q(n.example)} scores {n.score:.2f}, below "
                            f"the {ACCEPT:.2f} needed")

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


def _lemma_aware(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A Matcher pattern whose ``LEMMA`` conditions match every inflection, as keywords do.

    Triage's pipeline has no lemmatizer (it would cost most of its speed), so spaCy's own
    ``LEMMA`` would silently never match: ``{LEMMA: change}`` becomes ``{LOWER: {IN: [change,
    changes, changed, changing, ...]}}`` (``IN`` and ``NOT_IN`` lists likewise). A token that
    also gives ``LOWER`` keeps both as written."""
    out = []
    for token in pattern:
        lemma = token.get("LEMMA") if isinstance(token, dict) else None
        if lemma is None or "LOWER" in token:
            out.append(token)
            continue
        rest = {k: v for k, v in token.items() if k != "LEMMA"}
        if isinstance(lemma, str):
            rest["LOWER"] = {"IN": sorted(inflections(lemma))}
        elif isinstance(lemma, dict) and set(lemma) <= {"IN", "NOT_IN"}:
            rest["LOWER"] = {op: sorted({f for w in words for f in inflections(str(w))})
                             for op, words in lemma.items()}
        else:  # a REGEX or comparison: left to spaCy, as written
            rest["LEMMA"] = lemma
        out.append(rest)
    return out


def _needs(pattern: list[dict[str, Any]]) -> list[frozenset[str]]:
    """For each token ``pattern`` requires with fixed words (``LOWER``, ``ORTH`` or ``TEXT``,
    a word or an ``IN`` list), those words lower-cased: a message without one of each cannot
    match. Optional, repeated-from-zero and negated tokens require nothing."""
    needs: list[frozenset[str]] = []
    for token in pattern:
        if not isinstance(token, dict):
            continue
        op = str(token.get("OP", ""))
        if op in ("?", "*", "!") or op.startswith(("{0", "{,")):
            continue
        for attr in ("LOWER", "ORTH", "TEXT"):
            value = token.get(attr)
            if isinstance(value, str):
                needs.append(frozenset({value.lower()}))
                break
            if isinstance(value, dict) and set(value) == {"IN"}:
                needs.append(frozenset(str(w).lower() for w in value["IN"]))
                break
    return needs


def _window(text: str) -> str:
    """What triage reads of a message: all of it, or its beginning and end when longer than
    :data:`MAX_TRIAGE_CHARS` (spaCy and the patterns stay fast; the end is not lost)."""
    if len(text) <= MAX_TRIAGE_CHARS:
        return text
    half = MAX_TRIAGE_CHARS // 2
    return f"{text[:half]}\n\n{text[-half:]}"


def _clip(x: float) -> float:
    return max(0.0, min(1.0, x))


def _q(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[:width - 1] + "…")


def _describe(m: ScenarioMatch) -> str:
    """One line: why ``m`` matched."""
    if m.source == "learned":
        r = m.reasons[0]
        nearest = (f"; nearest example {_q(r['example'])} ({r['similarity']:.2f}"
                   + (f", {r['location']})" if r.get("location") else ")")
                   if r.get("example") else "")
        return (f"{m.scenario}: the learned layer gives it {r['probability']:.2f} "
                f"({_learned_words(r)}){nearest}")
    if m.source == "similar":
        r = m.reasons[0]
        return (f"{m.scenario}: similar to its example {_q(r['example'])} ({r['score']:.2f}"
                + (f", {r['location']})" if r.get("location") else ")"))
    parts = []
    for x in m.reasons:
        if "words" in x:
            parts.append(f"{x['kind']} {', '.join(map(repr, x['words']))}")
        else:
            parts.append(f"{x['kind']} {x.get('detail', x.get('score', x.get('channel', x.get('value'))))}")
    return f"{m.scenario}: trigger {m.trigger} matched ({'; '.join(parts)})"


def _learned_words(x: Learned | Mapping[str, Any]) -> str:
    """What the learned layer read: its strongest n-grams, and the meaning vector's part."""
    if isinstance(x, Learned):
        pairs, meaning = list(x.top), x.meaning
    else:
        pairs, meaning = list(zip(x["words"], x["weights"], strict=True)), x["meaning"]
    words = ", ".join(f"{g!r} +{w:.2f}" for g, w in pairs)
    return f"{'words ' + words + '; ' if words else ''}meaning {meaning:+.2f}"


def _serious_rank(pb: Playbook) -> int:
    """Severities at or above this rank are serious: the hand-off severity, else the top."""
    at = (pb.data.get("handoff") or {}).get("at_or_above")
    return pb.severity(at).rank if at else 0


@functools.lru_cache(maxsize=1)
def _language_layer() -> tuple[Callable[[str], str] | None, Callable[[str], list[str]] | None]:
    """The language layer's detector and Korean lemmatiser, when installed (looked up once:
    a failed import is not cached by Python and would cost a file-system search a message)."""
    try:
        from brandvoice.languages import (  # type: ignore[import-not-found,attr-defined,unused-ignore]
            detect,
        )
    except ImportError:
        return None, None
    try:
        from brandvoice.languages.korean import (  # type: ignore[import-not-found,unused-ignore]
            lemmas,
        )
    except ImportError:
        return detect, None
    return detect, lemmas


def _language_of(text: str, covered: tuple[str, ...]) -> str | None:
    """The message's language (ISO 639-1), or None when it has no letters, when the language
    layer is not installed, or when a short Latin-script message ("meh", "ok gracias") is too
    short to tell from a covered Latin-script language: a guess must not send a routine
    message to a person as foreign."""
    detect = _language_layer()[0]
    if detect is None:
        return None
    found = str(detect(text))
    if found == "und":
        return None
    if (found not in covered and len(_WORDS.findall(text)) < MIN_WORDS_FOR_LANGUAGE
            and _LATIN.search(text) and not _OTHER_SCRIPT.search(text)):
        return None
    return found


_WORDS = regex.compile(r"\w+")
_LATIN = regex.compile(r"\p{Latin}")
_OTHER_SCRIPT = regex.compile(r"[^\p{Latin}\p{Common}\p{Inherited}]")
MIN_WORDS_FOR_LANGUAGE = 4


_HANGUL = regex.compile(r"\p{Hangul}")


def _korean_lemmas(text: str) -> str | None:
    """``text`` as Korean lemmas joined by spaces (particles and endings stripped), so that a
    keyword matches the word as written with its particle (수하물 matches 수하물이); None
    when the text has no Hangul or the Korean analyser is not installed."""
    if not _HANGUL.search(text):
        return None
    lemmas = _language_layer()[1]
    return None if lemmas is None else " ".join(lemmas(text))


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
