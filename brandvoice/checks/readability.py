"""Readability: grade and reading ease (textstat), sentence length, word length, passive voice.

Formulas need text. "Thanks!" has a Flesch reading ease of 121 and a bare URL one of -217,
so URLs, @mentions and #hashtags are blanked before measuring, and replies shorter than
``min_words`` words are not scored by formula at all: for them we judge the average word
length (characters per word) instead, which is stable on a handful of words. Long sentences
and passive voice are judged on every reply.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from brandvoice.analysis.lexicons import reply_is_english
from brandvoice.analysis.readability import easy_words, textstat
from brandvoice.checks.base import Check, Rule, rules_field
from brandvoice.checks.language import pack_of, readability_findings
from brandvoice.config.schema import Field, Int, MapOf, Number, Record
from brandvoice.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from spacy.language import Language

    from brandvoice.analysis.reply import Reply
    from brandvoice.findings import Finding
    from brandvoice.voice import Voice

RULES = {
    "grade": Rule("warning", "Flesch-Kincaid grade above the target, from long words (named)."),
    "reading_ease": Rule("warning", "Flesch reading ease below the target."),
    "long_sentence": Rule("warning", "A sentence longer than max_sentence_words."),
    "word_length": Rule("warning", "Short reply built from long, nominalised words."),
    "passive_voice": Rule("info", "Passive voice ('your order was cancelled')."),
}

TARGETS = {
    "max_grade": Field(Number(0, 30), "Highest Flesch-Kincaid grade.", default=8),
    "min_reading_ease": Field(Number(-100, 121), "Lowest Flesch reading ease.", default=60),
    "max_sentence_words": Field(Int(3, 200), "Longest sentence, in words.", default=25),
    "max_avg_word_length": Field(Number(2, 20), "Highest average word length (characters) for "
                                 "replies below min_words.", default=6.5),
    "min_words": Field(Int(1, 1000), "Replies with fewer words are not scored by formula.",
                       default=25),
}

# A grade is an estimate, a grade or two either way on a reply this short: judged on the
# real corpus, replies 1.5-2.5 grades over the target were matters of taste ("we encourage you
# to continue checking for availability"); those more than 2.5 over read as dense.
GRADE_MARGIN = 2.5
# The grade the words alone give: Flesch-Kincaid with sentences counted at most this long
# (plain English averages 15-20 words a sentence), so that a long sentence, which
# long_sentence reports against the voice's own limit, does not make the grade too.
PLAIN_SENTENCE = 15
# A grade is reported only when it can name at least this many long words to replace.
MIN_LONG_WORDS = 2
NOMINAL_PILE = 3
EASE_MARGIN = 10.0  # reading ease moves about ten points with one long word on a short reply
# Not part of a sentence's length: an opening greeting ("Hi there,", "Hello Sam!"), a
# thread counter, and a closing sign-off ("^JK", "-Kai", "Thanks, Sam").
GREETING = regex.compile(r"(?i)^\s*(?:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening)|"
                         r"greetings)(?:\s+(?:there|again|all|\p{Lu}\w*)){0,2}\s*[,!.:-]")
SIGN_OFF = regex.compile(r"(?:\s(?:[-–—^~*/]\s?\w{1,15}(?:\s\p{Lu}\w*)?)|\s\(?\d{1,2}/\d{1,2}\)?)"
                         r"\s*$")
# Breaks the sentencizer misses: a line break, and "..." followed by more text.
EXTRA_BREAK = regex.compile(r"\n+|(?:\.{3,}|…)(?=\s)")
# Long abstract nouns: what makes a three-word reply hard ("Authentication verification
# documentation requirements").
NOMINAL = regex.compile(r"(?i)^\w{4,}(?:tion|sion|ment|ance|ence|ity|ities|ness|isation|"
                        r"ization|ability|ibility|tions|sions|ments|ances|ences)$")

SCHEMA = Record({
    **TARGETS,
    "channels": Field(
        MapOf(Record({k: Field(v.type, v.doc) for k, v in TARGETS.items()}),
              key_doc="channel"),
        "Per-channel overrides of the targets above.", example={"email": {"max_grade": 10}},
    ),
    "rules": rules_field(RULES),
}, doc="Readability targets.")


@dataclass
class Config:
    targets: dict[str, Any]
    channels: dict[str, dict[str, Any]]
    severities: dict[str, str | None]
    # The targets with a channel's overrides applied, per channel name: built on its first
    # reply, not per reply.
    resolved: dict[str, dict[str, Any]] = field(default_factory=dict)


class ReadabilityCheck(Check):
    name = "readability"
    category = "readability"
    section = "readability"
    schema = SCHEMA
    rules = RULES

    def configure(self, voice: Voice, nlp: Language) -> Config:
        section = voice.section("readability")
        # textstat (and the NLTK it imports, half a second) loads on the first reply long
        # enough for the formulas: most replies, and most voices' examples, never need it.
        return Config(
            targets={k: section.get(k) for k in TARGETS},
            channels=section.get("channels") or {},
            severities={rule: self.severity(voice, rule) for rule in RULES},
        )

    def check(self, reply: Reply, config: Config) -> Iterator[Finding]:
        override = config.channels.get(reply.channel) or {}
        t = config.resolved.get(reply.channel)
        if t is None:
            t = config.resolved[reply.channel] = {
                k: (override.get(k) if override.get(k) is not None else v)
                for k, v in config.targets.items()}

        def src(key: str) -> str:
            if key in override:
                return reply.voice.source("readability", "channels", reply.channel, key)
            return reply.voice.source("readability", key)

        sev = config.severities
        pack = pack_of(reply)
        if pack is not None:  # not English: sentence length and formulas of its language pack
            yield from readability_findings(
                reply, pack, sev.__getitem__, src,
                override.get("max_sentence_words") if pack.sentence_unit == "words" else None)
            return
        words = reply.words
        if not reply_is_english(reply):
            return  # English limits, formulas and word lengths mean nothing in another language
        long_found = False
        most = t["max_sentence_words"]
        # The limit is a guide: a plain sentence a few words over it reads the same, so a
        # sentence is reported when it is over by more than 15% (at least three words).
        allowed = most + max(3, -(-most * 15 // 100)) if most else 0
        if sev["long_sentence"] and most and len(words) > allowed:
            starts = [s for s, _e, _w in words]
            for sent_start, sent_end in _sentences(reply):
                n = bisect.bisect_left(starts, sent_end) - bisect.bisect_left(starts, sent_start)
                if n > allowed:
                    long_found = True
                    yield reply.finding(
                        "readability.long_sentence", sev["long_sentence"], sent_start,
                        sent_end,
                        f"sentence of {n} words; keep sentences under "
                        f"{t['max_sentence_words']} words: split it",
                        source=src("max_sentence_words"),
                    )
        if sev["passive_voice"]:
            for s, e, text in reply.passives:
                yield reply.finding("readability.passive_voice", sev["passive_voice"], s, e,
                                    f"{text!r} may be passive voice; say who does what",
                                    source=self.rule_source(reply.voice, "passive_voice"))
        if len(words) < (t["min_words"] or 0):
            if sev["word_length"] and words and t["max_avg_word_length"]:
                avg = sum(e - s for s, e, _w in words) / len(words)
                nominal = [w for _s, _e, w in words if len(w) >= 10 and NOMINAL.match(w)]
                # Three long abstract nouns in a short reply are the nominal style whatever the
                # short words between them do to the average ("the reclassification of your
                # account is a consequence of the discontinuation of ...").
                if len(words) >= 3 and (len(nominal) >= NOMINAL_PILE or (
                        avg > t["max_avg_word_length"] and len(nominal) >= 2)):
                    named = ", ".join(repr(w) for w in nominal[:3])
                    why = (f"words average {avg:.1f} characters (target at most "
                           f"{t['max_avg_word_length']:g}), with long abstract nouns ({named})"
                           if avg > t["max_avg_word_length"] else
                           f"{len(nominal)} long abstract nouns in {len(words)} words ({named})")
                    yield reply.finding(
                        "readability.word_length", sev["word_length"], 0, len(reply.text),
                        f"{why}; say it with verbs and short, common words",
                        source=src("max_avg_word_length"),
                    )
            return
        if long_found:
            return  # the long sentence is the problem: one finding, not three
        ts = textstat()
        prose = _formula_text(reply)
        grade = 0.0
        if sev["grade"] and t["max_grade"] is not None:
            grade = ts.flesch_kincaid_grade(prose)
            # Reported when it is more than GRADE_MARGIN over the target and the words make
            # it so: a grade that comes from sentence length is long_sentence's to report,
            # with its own limit, and a grade a reader cannot act on ("use shorter words":
            # which?) is noise. The long words are named.
            if grade > t["max_grade"] + GRADE_MARGIN:
                hard = _long_words(prose)
                if len(hard) >= MIN_LONG_WORDS and \
                        _word_grade(ts, prose) > t["max_grade"] + GRADE_MARGIN:
                    named = ", ".join(repr(w) for w in hard[:3])
                    yield reply.finding(
                        "readability.grade", sev["grade"], 0, len(reply.text),
                        f"reading grade {grade:.1f} is above the target {t['max_grade']:g}, "
                        f"from long words ({named}); say it with shorter, common words",
                        source=src("max_grade"))
        if sev["grade"] and t["max_grade"] is not None and grade > t["max_grade"]:
            return  # reading ease measures the same thing: one finding (or none if borderline)
        if sev["reading_ease"] and t["min_reading_ease"] is not None:
            ease = ts.flesch_reading_ease(prose)
            if ease < t["min_reading_ease"] - EASE_MARGIN:
                yield reply.finding("readability.reading_ease", sev["reading_ease"], 0,
                                    len(reply.text),
                                    f"reading ease {ease:.0f} is below the target "
                                    f"{t['min_reading_ease']:g}; use shorter sentences and words",
                                    source=src("min_reading_ease"))


def _word_grade(ts: Any, prose: str) -> float:
    """Flesch-Kincaid grade with the average sentence length capped at PLAIN_SENTENCE."""
    words = ts.lexicon_count(prose)
    if not words:
        return 0.0
    per_sentence = min(float(ts.words_per_sentence(prose)), PLAIN_SENTENCE)
    return float(0.39 * per_sentence + 11.8 * ts.syllable_count(prose) / words - 15.59)


def _long_words(prose: str) -> list[str]:
    """The words that make prose hard, each once, in order: three syllables or more, as
    Gunning's "complex words" count them: not a name (a capital inside a sentence), not a
    hyphenated compound, not three syllables only by an ending ("returning", "visited"),
    and not a word every reader knows (textstat's Dale-Chall list of familiar words:
    "customer", "everything")."""
    ts = textstat()
    familiar = _familiar()
    found: dict[str, str] = {}
    for m in WORD.finditer(prose):
        word = POSSESSIVE.sub("", m.group())
        low = word.lower()
        if low in found or low in familiar or "-" in word:
            continue
        before = prose[max(0, m.start() - 50):m.start()].rstrip()
        if word[0].isupper() and before and before[-1] not in ".!?:":
            continue  # a name: readers know their own, and a brand's
        syllables = ts.syllable_count(low)
        if syllables < 3 or (syllables == 3 and ENDING.search(low)):
            continue
        found[low] = word
    return list(found.values())


@functools.lru_cache(maxsize=1)
def _familiar() -> frozenset[str]:
    return frozenset(easy_words("en"))


WORD = regex.compile(r"\p{L}[\p{L}'\u2019]*(?:-\p{L}+)*")
ENDING = regex.compile(r"(?:es|ed|ing)$")
POSSESSIVE = regex.compile(r"['\u2019]s?$")


def _formula_text(reply: Reply) -> str:
    """The prose the formulas read: the sentences without greeting and sign-off, each ending
    in a full stop (a line break ends a sentence: "Regards,\nAmruta" is not one long one),
    with a space after a comma or stop typed without one ("caused,Please" is two words)."""
    prose = reply.prose
    parts = []
    for s, e in _sentences(reply):
        piece = " ".join(GLUED_PUNCT.sub(r"\1 ", prose[s:e]).split())
        if LETTER.search(piece):
            parts.append(piece if piece[-1] in ".!?" else piece + ".")
    return " ".join(parts)


GLUED_PUNCT = regex.compile(r"(?<=\p{Ll})([,.;!?])(?=\p{L})")
LETTER = regex.compile(r"\p{L}")


def _sentences(reply: Reply) -> Iterator[tuple[int, int]]:
    """The reply's sentences, split again at line breaks and at "..." before more text, each
    without its opening greeting, a thread counter or the closing sign-off."""
    text = reply.text
    spans = reply.sentences
    for k, (start, end) in enumerate(spans):
        pieces, pos = [], start
        for m in EXTRA_BREAK.finditer(text, start, end):
            pieces.append((pos, m.end()))
            pos = m.end()
        pieces.append((pos, end))
        for j, (s, e) in enumerate(pieces):
            if k == 0 and j == 0:
                lead = reply.prose[s:e]
                g = GREETING.match(lead.lstrip())
                if g:
                    s += len(lead) - len(lead.lstrip()) + g.end()
            if k == len(spans) - 1 and j == len(pieces) - 1:
                tail = SIGN_OFF.search(text, s, e)
                if tail:
                    e = tail.start()
            if e > s:
                yield s, e


@hookimpl
def brandvoice_register_checks() -> list[Check]:
    return [ReadabilityCheck()]
