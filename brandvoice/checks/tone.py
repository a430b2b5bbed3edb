"""Tone: phrase rules (boilerplate, blame, condescension, hedging, impersonal greetings),
shouting, faceless replies, and three measured dimensions with targets from the voice.

Dimensions (documented in docs/checks.md), each from marker words in the reply:

* formality, 0 to 1: ``(formal + 2) / (formal + informal + 4)``. Informal markers are
  textspeak and slang (weight 2: "lol", "pls", "yeah buddy"), casual words (1: "hey",
  "awesome") and mild ones (0.5: "okay", "cool", each emoji); emoticons and "!!" runs count
  1. Contractions and a single "!" are not informal. Formal markers are legalistic words (3:
  "hereby", "pursuant"), stiff ones (1.5: "kindly", "utilise") and careful ones (0.5:
  "regarding", "assistance"). A reply
  with no markers scores 0.5; one piece of textspeak 0.33.
* warmth, 0 to 1: ``(warm + 2) / (warm + cold + 4)``, warm words (sorry, thanks, glad,
  understand) against cold ones (must, policy, unable, denied).
* positivity, -1 to 1: ``(positive - negative) / (positive + negative + 1)``. Negative words
  are the brand's own bad news (unfortunately, unable, cannot, denied): apologies and
  naming the customer's problem (delay, error, broken) are empathy and never count.

Dimensions are only judged on English replies of at least ``min_words`` words: on
"Thanks!" they mean nothing, and the word lists are English.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from brandvoice.analysis import lexicons as lex
from brandvoice.analysis.terms import TermMatcher
from brandvoice.checks import tone_patterns
from brandvoice.checks.base import Check, Rule, rules_field
from brandvoice.checks.language import pack_of, tone_findings
from brandvoice.checks.termlist import Term, TermList
from brandvoice.config.schema import Choice, Field, Int, ListOf, Number, Record, Str
from brandvoice.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from spacy.language import Language

    from brandvoice.analysis.reply import Reply
    from brandvoice.findings import Finding
    from brandvoice.voice import Voice

RULES = {
    "boilerplate": Rule("warning", "Corporate or robotic stock phrases."),
    "blame": Rule("error", "Blaming or dismissive phrasing aimed at the customer."),
    "condescension": Rule("warning", "Condescending words (calm down, obviously, simply)."),
    "hedging": Rule("warning", "Hedging that makes a promise sound unsure ('we might be able "
                    "to', 'no promises', 'it may or may not')."),
    "shouting": Rule("warning", "'!!!', '???' or four or more mixed marks; three or more words "
                     "in capitals (info when they address no one: banter, slogans)."),
    "impersonal_greeting": Rule("warning", "Generic greetings such as 'Dear customer'."),
    "faceless": Rule("info", "The customer's case handled in the passive ('your complaint "
                     "has been logged') with no 'we' or 'I': nobody owns it."),
    "invite_reply": Rule("off", "The reply does not ask a question or invite an answer."),
    "formality": Rule("warning", "Formality outside the voice's target range."),
    "warmth": Rule("warning", "Warmth outside the voice's target range."),
    "positivity": Rule("info", "Positivity outside the voice's target range (word counts: a "
                       "hint, not a verdict)."),
    "crisis_levity": Rule("error", "Jokes or emoji in a reply to a crisis scenario."),
    "no_acknowledgement": Rule("warning", "A complaint reply that does not acknowledge it."),
    "speech_level": Rule("error", "Korean: 반말 to a customer, or a register the voice does "
                         "not write in (speech_level)."),
}


def _range(lo: float, hi: float, doc: str) -> Field:
    return Field(Record({
        "min": Field(Number(lo, hi), "Lowest acceptable score."),
        "max": Field(Number(lo, hi), "Highest acceptable score."),
    }), doc, example={"min": lo, "max": hi})


SCHEMA = Record({
    "formality": _range(0, 1, "Target formality, 0 (casual) to 1 (formal)."),
    "warmth": _range(0, 1, "Target warmth, 0 (cold) to 1 (warm)."),
    "positivity": _range(-1, 1, "Target positivity, -1 (negative) to 1 (positive)."),
    "min_words": Field(Int(1, 1000), "Replies shorter than this are not scored on "
                       "dimensions.", default=6),
    "boilerplate": Field(ListOf(Str(min_length=1)), "Extra stock phrases to flag.",
                         example=["we are committed to excellence"]),
    "allow": Field(ListOf(Str(min_length=1)), "Built-in phrases this voice allows.",
                   example=["rest assured"]),
    "speech_level": Field(
        Choice(("haeyo", "해요체", "hapsyo", "합쇼체", "hamnida", "any")),
        "Korean replies: the speech level the voice writes in, 해요체 (haeyo, polite) or "
        "합쇼체 (hapsyo, formal); any (the default): either, as long as it is polite. 반말 is "
        "always reported.", default="any"),
    "rules": rules_field(RULES),
}, doc="Tone targets and phrase rules.")

_PHRASE_RULES = {
    "boilerplate": (lex.BOILERPLATE, ("{text!r} is stock corporate phrasing; say plainly what "
                    "happened and what you will do")),
    "blame": (lex.BLAME, "{text!r} blames or dismisses the customer; say what you will do"),
    "condescension": (lex.CONDESCENSION, "{text!r} can sound condescending; leave it out"),
    "hedging": (lex.HEDGING, "{text!r} hedges; say what you know or what you will do"),
    "impersonal_greeting": (lex.IMPERSONAL_GREETING,
                            "{text!r} is impersonal; greet the person by name"),
}
_SUGGEST = {"boilerplate": None, "blame": None, "condescension": "", "hedging": "",
            "impersonal_greeting": "Hi"}
# Three or more marks: "!!" and "?!" are playful, not shouting, and neither is a three-mark
# interrobang ("?!?", judged banter on real replies); "!!!", "???" and longer runs shout.
SHOUT_PUNCT = regex.compile(r"[!?]{3,}|!\s+!\s+!")


def _shouts(marks: str) -> bool:
    return len(marks) > 3 or len(set(marks)) == 1 or " " in marks


# Capitals that address someone or give an order ("YOUR CARD HAS BEEN BLOCKED", "DO NOT
# SHARE", "WE ARE LOOKING INTO IT") shout at the reader. A run of capitals without these
# words is an exclamation, a name or a slogan ("FROM OUTTA NOWHERE" in brand banter): shown
# as info, a matter of the brand's taste.
CLAUSE_WORDS = frozenset("""
YOU YOUR YOURS YOU'RE YOU'VE YOU'LL PLEASE DO DON'T NOT NO NEVER MUST NOW STOP CALL READ
WE WE'RE WE'VE WE'LL ARE IS HAVE HAS WILL CAN'T CANNOT WON'T NEED SHOULD I I'M
""".split())
LOWER_SEVERITY = {"error": "warning", "warning": "info", "info": "info"}
CAPS_RUN = lex.CAPS_RUN
# "You should have read the terms": a modal perfect with a verb of something the customer
# failed to do. "You should have a reference number" (no participle) and "you should have
# received an email" or "you shouldn't have been charged" (expectations, or our error) are
# not blame, so the verbs are listed rather than matched as any "-ed".
MODAL_BLAME = regex.compile(
    r"(?i)\byou\s+(?:should|could|must|ought\s+to)(?:[’']ve|\s+have)\s+"
    r"(?:already\s+|just\s+|simply\s+|first\s+)?(?:read|checked|double-checked|called|"
    r"contacted|asked|ordered|booked|followed|known|done|told|updated|backed|saved|waited|"
    r"looked|chosen|selected|reported|returned|signed|logged|listened|noticed|realised|"
    r"realized|thought|kept|paid|cancell?ed|used|tried|restarted|installed|registered|"
    r"entered|typed|mistyped|put|deleted|missed|misread|misunderstood|ignored|forgot|"
    r"forgotten|clicked|pressed|removed|changed|sent)\b"
)
YOU_BEFORE = regex.compile(r"(?i)\byou(?:[’']ll)?(?:\s+\w+)?\s*$")  # "you can be reached"
MODALS = frozenset(("should", "could", "must", "ought"))
# Possessive, and only from the start of a run of capitals: 45,000 capitals in a row took 9 s
# (every start position rescanned the run).
CAPS_PAIR = regex.compile(r"(?<![A-Z])[A-Z]{2,}+\s+[A-Z]{2,}")  # a cheap test before CAPS_RUN
# Every CAPS_PAIR match holds this; it scans ten times faster (CAPS_PAIR's lookbehind and
# possessive run are tried at every position), and most replies have no capitals in a row.
CAPS_PAIR_HINT = regex.compile(r"[A-Z]{2}\s+[A-Z]{2}")
# Passives that state a fact rather than hide who acts: after a modal ("can be downloaded
# here"), with the agent named ("activated by the figures"), or a stative participle ("is
# already associated with", "is located").
MODAL_BEFORE = regex.compile(r"(?i)\b(?:can|could|may|might|must|will|should|would)\s+(?:\w+\s+)?$")
AGENT_AFTER = regex.compile(r"(?i)^\s+(?:\w+\s+)?by\b")
STATIVE = frozenset("""associated located based included required designed made built
available compatible linked connected listed shown displayed known called named closed
open opened sold priced supported limited restricted expected scheduled allowed
""".split())


# Faceless is about the customer's case handled by nobody ("your complaint has been logged",
# "the request has been processed", "your claim was declined"): handling and refusal verbs.
# A passive that reports what happened to a thing ("your new card has been posted", "iOS
# 11.1 was released today") is plain information; on real replies those were judged wrong.
FACELESS_VERBS = frozenset("""
noted logged processed forwarded passed escalated reviewed dealt actioned recorded raised
registered considered investigated addressed handled referred assessed acknowledged
declined denied refused rejected cancelled canceled terminated withdrawn
""".split())
# "Your request has been received" hides who has it; "your payment was received" is news.
CONTACT_NOUN = regex.compile(r"(?i)\b(?:request|complaint|query|enquiry|inquiry|message|"
                             r"feedback|email|letter|application|claim|case|form)s?"
                             r"(?:\s+(?:has|have|had|is|are|was|were))?\s+$")


def _handled_by_nobody(prose: str, span: tuple[int, int, str]) -> bool:
    start, _end, text = span
    last = text.split()[-1].lower() if text.split() else ""
    if last in FACELESS_VERBS:
        return True
    return last == "received" and bool(CONTACT_NOUN.search(prose[max(0, start - 30):start]))


def _states_a_fact(prose: str, span: tuple[int, int, str]) -> bool:
    start, end, text = span
    last = text.split()[-1].lower() if text.split() else ""
    return bool(MODAL_BEFORE.search(prose[max(0, start - 20):start])
                or AGENT_AFTER.match(prose[end:end + 30]) or last in STATIVE)


# Hedging words: one is honest ("maybe this will help"), three in a sentence bury the answer.
HEDGE_WORDS = frozenset("""perhaps maybe possibly potentially might probably hopefully seemingly
apparently somewhat presumably conceivably""".split())
HEDGE_MARKER = regex.compile(
    r"(?i)\b(?:perhaps|maybe|possibly|potentially|might|probably|hopefully|seemingly|"
    r"apparently|somewhat|presumably|conceivably|(?:it|that) (?:would )?(?:seems?|appears?)|"
    r"sort of|kind of|(?:we|i) think|not (?:entirely |100% |completely )?sure|subject to|"
    r"(?:can(?:'|’)t|cannot|can not|couldn(?:'|’)t) (?:really )?(?:say|confirm)|if circumstances "
    r"allow|in certain circumstances|depending on)\b")
HEDGE_PILE = 3
SENTENCE = regex.compile(r"[^.!?\n]+")

# "Obviously this isn't the answer you wanted, and I'm sorry", "clearly something went wrong
# on our side, sorry": about us, owned. "Of course you can change it!": an offer.
OWNED = regex.compile(r"(?i)\b(?:sorry|apologi[sz]e|apologies|our (?:mistake|fault|error|"
                      r"side|end)|we got (?:it|this) wrong)\b")
# "I can see the damage clearly", "we can hear you clearly now": "clearly" says how we see
# or hear, at the end of the clause, after our own verb of seeing.
CLEAR_SIGHT = regex.compile(r"(?i)\b(?:i|we)(?:(?:'|’)ve)?(?:\s+\w+){0,2}?\s+(?:see|seen|saw|"
                            r"hear|heard|read|view|make out)\b[^.!?\n]{0,50}$")
CLAUSE_END = regex.compile(r"\s*(?:[.,!?;:)]|$|now\b|again\b|on\b|in\b)")
OFFER_AFTER_OF_COURSE = regex.compile(r"(?i)\s+(?:can|could|may|are welcome|(?:'|’)re "
                                      r"welcome|will|(?:'|’)ll)\b")


def _kind_in_context(prose: str, start: int, end: int) -> bool:
    word = prose[start:end].lower()
    if word in ("clearly", "you clearly") and CLAUSE_END.match(prose, end) and \
            CLEAR_SIGHT.search(prose, max(0, end - 67), end - 7):
        # "I can see the damage clearly", "we can hear you clearly now": how we see or hear,
        # not a jab
        return True
    if word in ("obviously", "clearly"):
        # The bounded sentence the patterns use: an unbounded scan per match was quadratic.
        return bool(OWNED.search(tone_patterns.sentence_around(prose, start, end)))
    if word == "of course you":
        return bool(OFFER_AFTER_OF_COURSE.match(prose, end))
    if word in ("we'll try", "we will try", "i'll try"):
        # "We'll try that in the next video": trying the customer's tip, not a hedged promise
        # ("we'll try to", "we'll try and")
        return bool(TRY_THING_AFTER.match(prose, end))
    if word in ("it's easy", "it’s easy", "it is easy"):
        return bool(EASY_SLIP_AFTER.match(prose, end))
    return False


# "It's easy to miss" and "it's easy to mix them up" say the slip was understandable: kind.
EASY_SLIP_AFTER = regex.compile(r"(?i)\s+to\s+(?:miss|overlook|forget|mix|muddle|confuse|"
                                r"misread|get (?:it |this |that |them )?(?:wrong|mixed))\b")
TRY_THING_AFTER = regex.compile(r"(?i)\s+(?:that|this|it|them|these|those|your)\b"
                                r"(?!\s+(?:again|and|to)\b)")
# Faces that roll their eyes at the customer: "Thanks for the review 🙄" is sarcasm whatever
# the words say.
EYE_ROLL = frozenset(("🙄", "😒"))
SARCASM_EMOJI = ("{text} rolls its eyes at the customer and reads as sarcasm; say it "
                 "plainly")

INVITE = regex.compile(r"(?i)\?|\b(?:let us know|let me know|dm us|message us|reply|"
                       r"reach out|get in touch|send us|drop us|tell us)\b")


@dataclass
class Config:
    nlp: Language
    phrases: TermList
    levity: TermMatcher
    acknowledge: TermMatcher
    severities: dict[str, str | None]
    targets: dict[str, dict[str, float]]
    min_words: int


def _weight(word: str) -> tuple[float, float]:
    """(formal, informal) weight of one lower-cased token."""
    formal = 3.0 if word in lex.FORMAL_LEGAL else 1.5 if word in lex.FORMAL_STRONG \
        else 0.5 if word in lex.FORMAL_MILD else 0.0
    informal = 2.0 if word in lex.INFORMAL_SLANG else 1.0 if word in lex.INFORMAL_CASUAL \
        else 0.5 if word in lex.INFORMAL_MILD else 0.0
    return formal, informal


def _marker_table() -> dict[str, tuple[float, float, int, int, int, int]]:
    """word -> (formal, informal, warm, cold, positive, negative) weights, so that scoring a
    reply costs one dictionary lookup per token. Contractions carry no weight: "we've" is
    not less formal than "we have"."""
    words = lex.FORMAL | lex.INFORMAL | lex.WARM | lex.COLD | lex.POSITIVE | lex.NEGATIVE
    return {w: (*_weight(w), int(w in lex.WARM), int(w in lex.COLD), int(w in lex.POSITIVE),
                int(w in lex.NEGATIVE))
            for w in words}


MARKERS = _marker_table()
MARKER_WORDS = frozenset(MARKERS)
# Multi-word casual idioms (lexicons.INFORMAL_PHRASES), found in the lower-cased prose.
INFORMAL_PHRASE = regex.compile(
    r"(?<![\w'’])(?:" + "|".join(regex.escape(p).replace("'", "['’]")
                                for p in sorted(lex.INFORMAL_PHRASES, key=len, reverse=True))
    + r")(?![\w'’])")
# The last word of every idiom: a reply that has none of them (most) skips the pattern.
INFORMAL_LAST_WORDS = frozenset(p.split()[-1] for p in lex.INFORMAL_PHRASES)
# The longest piece of each idiom between apostrophes (either kind matches there): the
# lower-cased prose holds one of these wherever the pattern matches, and substring tests cost
# a fifth of the pattern's scan on the many replies that have a last word ("there", "star")
# but no idiom.
INFORMAL_PIECES = tuple(sorted({max(regex.split("['’]", p), key=len)
                                for p in lex.INFORMAL_PHRASES}))
# An emoticon or a run of "!!" is casual; one "!" is not.
CASUAL_SIGNS = regex.compile(r"(?<![\w:/])[:;=][\-']?[)(DPp3]|<3|\bxD\b|!{2,}")
# Casual timing at the end of a clause ("the money should land in a bit", "back in a sec");
# not "in a bit more detail".
CASUAL_TIMING = regex.compile(r"(?i)\bin a (?:bit|sec|mo|jiffy|tick)(?=\s*(?:[.!?,;)]|$))")
CASUAL_TIMING_WORDS = frozenset("bit sec mo jiffy tick".split())
# Under min_words, formality is judged only at or below this score: (0 + 2) / (2 + 4), one
# slang word or two casual ones and nothing formal.
SHORT_CASUAL = 1 / 3 + 1e-9
# A short reply is scored only if it has a casual word or the last word of a casual idiom.
SHORT_GATE = lex.INFORMAL | INFORMAL_LAST_WORDS | CASUAL_TIMING_WORDS
# Scores are (formal + PRIOR) / (formal + informal + 2 * PRIOR): a reply needs several
# markers, or a strong one, to move far from the neutral 0.5.
PRIOR = 2.0


def dimensions(reply: Reply) -> dict[str, float]:
    """The reply's formality, warmth and positivity scores (see the module docstring)."""
    formal = informal = 0.0
    warm = cold = pos = neg = 0
    # The few marker words of the reply (a set intersection), each weighted by how often it
    # occurs, rather than a dictionary lookup per token. The weights are multiples of 0.5, so
    # the sums are exact in any order.
    lowers = reply.lowers
    for low in reply.lower_set & MARKER_WORDS:
        hit = MARKERS[low]
        n = lowers.count(low)
        formal += hit[0] * n
        informal += hit[1] * n
        warm += hit[2] * n
        cold += hit[3] * n
        pos += hit[4] * n
        neg += hit[5] * n
    informal += 0.5 * len(reply.emoji)
    prose = reply.prose
    if not INFORMAL_LAST_WORDS.isdisjoint(reply.lower_set):
        low = prose.lower()
        if any(piece in low for piece in INFORMAL_PIECES):
            for m in INFORMAL_PHRASE.finditer(low):
                informal += lex.INFORMAL_PHRASES[m.group().replace("’", "'")]
    if not CASUAL_TIMING_WORDS.isdisjoint(reply.lower_set):
        informal += len(CASUAL_TIMING.findall(prose))
    if "!!" in prose or ":" in prose or ";" in prose or "<3" in prose or "xD" in prose:
        informal += len(CASUAL_SIGNS.findall(prose))
    return {
        "formality": (formal + PRIOR) / (formal + informal + 2 * PRIOR),
        "warmth": (warm + PRIOR) / (warm + cold + 2 * PRIOR),
        "positivity": (pos - neg) / (pos + neg + 1),
    }


class ToneCheck(Check):
    name = "tone"
    category = "tone"
    section = "tone"
    schema = SCHEMA
    rules = RULES

    def configure(self, voice: Voice, nlp: Language) -> Config:
        section = voice.section("tone")
        severities = {rule: self.severity(voice, rule) for rule in RULES}
        allowed = {a.lower() for a in section.get("allow") or []}
        phrases = TermList(nlp)
        for rule, (words, msg) in _PHRASE_RULES.items():
            severity = severities[rule]
            if severity:
                source = self.rule_source(voice, rule)
                for phrase in words:
                    if phrase not in allowed:
                        phrases.add(f"{rule}:{phrase}", [phrase],
                                    Term(f"tone.{rule}", severity, msg, phrase, source,
                                         _SUGGEST[rule]), inflect=False)
        severity = severities["boilerplate"]
        if severity:
            msg = _PHRASE_RULES["boilerplate"][1]
            for i, phrase in enumerate(section.get("boilerplate") or []):
                phrases.add(f"boilerplate:voice:{phrase}", [phrase],
                            Term("tone.boilerplate", severity, msg, phrase,
                                 voice.source("tone", "boilerplate", i), _SUGGEST["boilerplate"]))
        levity = TermMatcher(nlp)
        levity.add("joke", lex.JOKES, None, inflect=False)
        acknowledge = TermMatcher(nlp)
        acknowledge.add("ack", lex.ACKNOWLEDGE, None, inflect=False)
        targets = {d: section[d] for d in ("formality", "warmth", "positivity") if section.get(d)}
        return Config(nlp, phrases, levity, acknowledge, severities, targets,
                      section["min_words"])

    def check(self, reply: Reply, config: Config) -> Iterator[Finding]:
        sev = config.severities
        voice = reply.voice
        pack = pack_of(reply)
        if pack is not None:  # not English: the language pack's phrase lists and registers
            yield from tone_findings(reply, pack, sev.__getitem__,
                                     lambda rule: self.rule_source(voice, rule))
            yield from self._scenario(reply, config, english=False)
            return
        phrase_spans = []
        hedges: list[tuple[int, int]] = []
        for f in config.phrases.findings(reply):
            if f.rule in ("tone.condescension", "tone.blame", "tone.hedging") and \
                    _kind_in_context(reply.prose, f.start, f.end):
                continue
            # A hedge does not hide blame in the same words ("you probably typed it wrong").
            if f.rule == "tone.hedging":
                hedges.append((f.start, f.end))
            elif f.severity != "info":
                phrase_spans.append((f.start, f.end))
            yield f
        for f in self._patterns(reply, config, phrase_spans):
            if f.rule == "tone.hedging":
                hedges.append((f.start, f.end))
            yield f
        if sev["condescension"] and reply.emoji:
            yield from self._eye_rolls(reply, sev["condescension"])
        if sev["hedging"] and len(reply.lower_set & HEDGE_WORDS) >= 2:
            yield from self._hedge_pile(reply, sev["hedging"], hedges)
        words = reply.lower_set
        if sev["blame"] and "you" in words and not MODALS.isdisjoint(words):
            for m in MODAL_BLAME.finditer(reply.prose):
                yield reply.finding("tone.blame", sev["blame"], m.start(), m.end(),
                                    f"{m.group()!r} blames the customer for the past; say what "
                                    "you will do now", source=self.rule_source(voice, "blame"))
        prose = reply.prose
        if sev["shouting"] and ("!!" in prose or "??" in prose or "?!" in prose
                                or "!?" in prose or "! !" in prose) and \
                SHOUT_PUNCT.search(prose):
            for m in SHOUT_PUNCT.finditer(reply.prose):
                if not _shouts(m.group()):
                    continue
                yield reply.finding("tone.shouting", sev["shouting"], m.start(), m.end(),
                                    f"{m.group()!r} reads as shouting; use one ! or ? at most",
                                    suggestion=m.group()[0],
                                    source=self.rule_source(voice, "shouting"))
        if sev["shouting"] and CAPS_PAIR_HINT.search(prose) and CAPS_PAIR.search(prose):
            for m in CAPS_RUN.finditer(reply.prose):
                caps = set(m.group().replace("’", "'").split())
                severity = sev["shouting"] if not CLAUSE_WORDS.isdisjoint(caps) \
                    else LOWER_SEVERITY[sev["shouting"]]
                yield reply.finding("tone.shouting", severity, m.start(), m.end(),
                                    "a run of words in capitals reads as shouting; use "
                                    "sentence case", suggestion=m.group().capitalize(),
                                    source=self.rule_source(voice, "shouting"))
        n_words = len(reply.words)
        if sev["faceless"] and n_words >= 8:
            has_person = not lex.FIRST_PERSON.isdisjoint(reply.lower_set)
            prose = reply.prose
            spans = [sp for sp in reply.passives
                     if _handled_by_nobody(prose, sp)
                     and not YOU_BEFORE.search(prose[max(0, sp[0] - 20):sp[0]])
                     and not _states_a_fact(prose, sp)]
            if spans and not has_person:
                s, e, text = spans[0]
                yield reply.finding("tone.faceless", sev["faceless"], s, e,
                                    f"{text!r} is passive and the reply never says who acts; "
                                    "write as 'we' or 'I'",
                                    source=self.rule_source(voice, "faceless"))
        if sev["invite_reply"] and n_words >= 4 and not INVITE.search(reply.prose):
            end = len(reply.text)
            yield reply.finding("tone.invite_reply", sev["invite_reply"], max(0, end - 1), end,
                                "the reply does not invite an answer; end with a question "
                                "or tell the customer how to reply",
                                source=self.rule_source(voice, "invite_reply"))
        yield from self._dimensions(reply, config, n_words)
        yield from self._scenario(reply, config)

    def _eye_rolls(self, reply: Reply, severity: str) -> Iterator[Finding]:
        """Eye-rolling faces, a run of them side by side as one finding."""
        runs: list[tuple[int, int]] = []
        text = reply.text
        for s, e, ch in reply.emoji:
            if ch.rstrip("\ufe0f") not in EYE_ROLL:
                continue
            if runs and not text[runs[-1][1]:s].strip():
                runs[-1] = (runs[-1][0], e)
            else:
                runs.append((s, e))
        for s, e in runs:
            yield reply.finding("tone.condescension", severity, s, e,
                                SARCASM_EMOJI.format(text=text[s:e]), suggestion="",
                                source=self.rule_source(reply.voice, "condescension"))

    def _hedge_pile(self, reply: Reply, severity: str,
                    taken: list[tuple[int, int]]) -> Iterator[Finding]:
        """Three or more hedges in one sentence ("perhaps, if circumstances allow, we could
        maybe see whether it might be possible"): none is wrong alone, the pile is."""
        prose = reply.prose
        for sentence in SENTENCE.finditer(prose):
            marks = list(HEDGE_MARKER.finditer(prose, sentence.start(), sentence.end()))
            if len(marks) < HEDGE_PILE:
                continue
            start, end = marks[0].start(), marks[-1].end()
            if any(s < end and start < e for s, e in taken):
                continue  # a listed hedge in the sentence is already reported
            words = ", ".join(repr(m.group()) for m in marks[:4])
            yield reply.finding("tone.hedging", severity, start, end,
                                f"{len(marks)} hedges in one sentence ({words}); say what you "
                                "know and what you will do",
                                source=self.rule_source(reply.voice, "hedging"))

    def _patterns(self, reply: Reply, config: Config,
                  taken: list[tuple[int, int]]) -> Iterator[Finding]:
        """Condescension, dismissal, blame and hedges by shape (see tone_patterns), where no
        listed phrase already reported the same words (one problem, one finding; an info
        hedge such as "probably" does not hide "you probably typed it wrong")."""
        sev = config.severities
        for m in tone_patterns.find(config.nlp, reply.doc, reply.prose,
                                    reply.lower_set):
            severity = sev[m.pattern.rule]
            rule = f"tone.{m.pattern.rule}"
            if not severity or any(s < m.end and m.start < e for s, e in taken):
                continue
            yield reply.finding(rule, severity, m.start, m.end,
                                m.pattern.message.format(text=m.text),
                                source=self.rule_source(reply.voice, m.pattern.rule))

    def _dimensions(self, reply: Reply, config: Config, n_words: int) -> Iterator[Finding]:
        targets = dict(config.targets)
        channel_formality = reply.channel_config.get("formality")
        if channel_formality:
            targets["formality"] = {**targets.get("formality", {}), **channel_formality}
        short = n_words < config.min_words
        if not targets or (short and ("formality" not in targets or
                                      SHORT_GATE.isdisjoint(reply.lower_set))) or \
                not lex.reply_is_english(reply):
            return
        scores = dimensions(reply)
        for dim, target in targets.items():
            severity = config.severities[dim]
            if not severity:
                continue
            # A short reply says little about warmth or positivity, but slang says how casual
            # it is ("Chill, your money's safe innit"): under min_words, only formality, and
            # only when nothing formal offsets a slang word or two casual ones.
            if short and (dim != "formality" or scores[dim] > SHORT_CASUAL):
                continue
            value = scores[dim]
            lo, hi = target.get("min"), target.get("max")
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                word = "low" if lo is not None and value < lo else "high"
                want = (f"between {lo:g} and {hi:g}" if lo is not None and hi is not None
                        else f"at least {lo:g}" if lo is not None else f"at most {hi:g}")
                src = reply.voice.source("channels", reply.channel, "formality") \
                    if dim == "formality" and channel_formality else \
                    reply.voice.source("tone", dim)
                yield reply.finding(
                    f"tone.{dim}", severity, 0, len(reply.text),
                    f"{dim} is too {word} ({value:.2f}; the voice wants {want})",
                    source=src,
                )

    def _scenario(self, reply: Reply, config: Config, *,
                  english: bool = True) -> Iterator[Finding]:
        scenario = reply.scenario
        if scenario is None:
            return
        sev = config.severities
        if scenario.crisis and sev["crisis_levity"]:
            for m in config.levity(reply.doc) if english else ():
                yield reply.finding("tone.crisis_levity", sev["crisis_levity"], m.start, m.end,
                                    f"{m.text!r} is light-hearted in a {scenario.name} reply; "
                                    "be plain and serious", suggestion="",
                                    source=self.rule_source(reply.voice, "crisis_levity"))
            for s, e, ch in reply.emoji:
                yield reply.finding("tone.crisis_levity", sev["crisis_levity"], s, e,
                                    f"emoji {ch} in a {scenario.name} reply; leave it out",
                                    suggestion="",
                                    source=self.rule_source(reply.voice, "crisis_levity"))
        if english and scenario.complaint and sev["no_acknowledgement"] and \
                not config.acknowledge(reply.doc):
            yield reply.finding("tone.no_acknowledgement", sev["no_acknowledgement"], 0,
                                len(reply.text),
                                "the reply to a complaint does not acknowledge the problem; "
                                "say sorry or that you understand",
                                source=self.rule_source(reply.voice, "no_acknowledgement"))


@hookimpl
def brandvoice_register_checks() -> list[Check]:
    return [ToneCheck()]
