"""Readability: grade and reading ease (textstat), sentence length, word length, passive voice.

Formulas need text. "Thanks!" has a Flesch reading ease of 121 and a bare URL one of -217,
so URLs, @mentions and #hashtags are blanked before measuring, and replies shorter than
``min_words`` words are not scored by formula at all: for them we judge the average word
length (characters per word) instead, which is stable on a handful of words. Long sentences
and passive voice are judged on every reply.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from brandvoice.analysis.readability import textstat
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
    "grade": Rule("warning", "Flesch-Kincaid grade above the target."),
    "reading_ease": Rule("warning", "Flesch reading ease below the target."),
    "long_sentence": Rule("warning", "A sentence longer than max_sentence_words."),
    "word_length": Rule("info", "Short reply whose words are long on average."),
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

# Words nearly every English sentence of three or more words contains.
FUNCTION_WORDS = frozenset("""
the a an to of in on at for with and or but is are was were be been it this that these you
your we our us i me my he she they them their his her not no do does did have has had can
will would should could please thanks thank hi hello from by as if so what when how
""".split())

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
        t = {k: (override.get(k) if override.get(k) is not None else v)
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
        if sev["long_sentence"] and t["max_sentence_words"] and \
                len(words) > t["max_sentence_words"]:  # else no sentence can be too long
            starts = [s for s, _e, _w in words]
            for sent_start, sent_end in reply.sentences:
                n = bisect.bisect_left(starts, sent_end) - bisect.bisect_left(starts, sent_start)
                if n > t["max_sentence_words"]:
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
        if not reply.ascii:
            letters = [c for c in reply.prose if c.isalpha()]
            if letters and sum(c < "\u0250" for c in letters) / len(letters) < 0.8:
                return  # mostly non-Latin script: English formulas and word lengths mean nothing
        if len(words) >= 3 and reply.voice.locale.lower().startswith("en") and \
                FUNCTION_WORDS.isdisjoint(reply.lower_set):
            return  # no English function word at all: another language (Spanish, German...)
        if len(words) < (t["min_words"] or 0):
            if sev["word_length"] and words and t["max_avg_word_length"]:
                avg = sum(e - s for s, e, _w in words) / len(words)
                if avg > t["max_avg_word_length"] and len(words) >= 3:
                    yield reply.finding(
                        "readability.word_length", sev["word_length"], 0, len(reply.text),
                        f"words average {avg:.1f} characters (target at most "
                        f"{t['max_avg_word_length']:g}); prefer short, common words",
                        source=src("max_avg_word_length"),
                    )
            return
        ts = textstat()
        prose = " ".join(reply.prose.split())
        if sev["grade"] and t["max_grade"] is not None:
            grade = ts.flesch_kincaid_grade(prose)
            if grade > t["max_grade"]:
                yield reply.finding("readability.grade", sev["grade"], 0, len(reply.text),
                                    f"reading grade {grade:.1f} is above the target "
                                    f"{t['max_grade']:g}; use shorter sentences and words",
                                    source=src("max_grade"))
        if sev["reading_ease"] and t["min_reading_ease"] is not None:
            ease = ts.flesch_reading_ease(prose)
            if ease < t["min_reading_ease"]:
                yield reply.finding("readability.reading_ease", sev["reading_ease"], 0,
                                    len(reply.text),
                                    f"reading ease {ease:.0f} is below the target "
                                    f"{t['min_reading_ease']:g}; use shorter sentences and words",
                                    source=src("min_reading_ease"))


@hookimpl
def brandvoice_register_checks() -> list[Check]:
    return [ReadabilityCheck()]
