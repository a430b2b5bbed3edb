"""Language: a reply in a language the voice does not cover is reported, never passed in
silence; and the helpers through which the built-in checks run a language pack's rules on
replies that are not in English.

``language.unsupported`` (error unless ``language.rules.unsupported`` says otherwise) fires
when the detected language is not in ``voice.languages`` or has no registered pack. The
other checks call :func:`pack_of` and the ``*_findings`` helpers below for non-English
replies, so that Korean blame is ``tone.blame`` and a Spanish DNI is ``privacy.national_id``
whatever language they are written in: one rule id and one severity setting per concept.

This module also registers the English pack: it wraps the English lists the checks have
always used (:mod:`brandvoice.analysis.lexicons`), for callers that want every language
through one interface. The English checks keep their own matchers (``native_checks``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import regex

from brandvoice.analysis import lexicons as lex
from brandvoice.analysis.readability import textstat
from brandvoice.checks.base import Check, Rule, rules_field
from brandvoice.config.schema import Field, ListOf, Record, Str
from brandvoice.errors import Problem
from brandvoice.languages.detection import DETECTABLE
from brandvoice.languages.pack import LanguagePack, Phrase, pack_for, packs
from brandvoice.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from spacy.language import Language

    from brandvoice.analysis.reply import Reply
    from brandvoice.findings import Finding
    from brandvoice.voice import Voice

__all__ = [
    "ENGLISH",
    "LanguageCheck",
    "inclusive_findings",
    "pack_of",
    "privacy_findings",
    "readability_findings",
    "tone_findings",
]

RULES = {
    "unsupported": Rule("error", "The reply is in a language the voice does not cover."),
    "unchecked": Rule("warning", "The reply is in a language the team answers in "
                      "(language.reviewed) that brandvoice cannot check: a person should."),
}

SCHEMA = Record({
    "rules": rules_field(RULES),
    "reviewed": Field(
        ListOf(Str(pattern=r"[a-z]{2,3}", pattern_doc="an ISO 639 code like ja")),
        "Languages the team answers in that brandvoice has no pack for (its own replies in "
        "them are read by a person who knows the language). A reply in one of them gets "
        "language.unchecked instead of language.unsupported: it was not checked, and says so, "
        "at the severity set for that rule.", example=["ja", "zh"]),
}, doc="Replies in languages the voice does not cover (see voice.languages).")


def _phrases(words: tuple[str, ...]) -> tuple[Phrase, ...]:
    return tuple(Phrase(r"\b" + regex.escape(w) + r"\b") for w in words)


ENGLISH = LanguagePack(
    code="en",
    name="English",
    phrases={"boilerplate": _phrases(lex.BOILERPLATE), "blame": _phrases(lex.BLAME),
             "condescension": _phrases(lex.CONDESCENSION), "hedging": _phrases(lex.HEDGING)},
    native_checks=True,
)


@hookimpl
def brandvoice_language_packs() -> list[LanguagePack]:
    return [ENGLISH]


def pack_of(reply: Reply) -> LanguagePack | None:
    """The pack whose rules apply to ``reply``: None for English (the checks' own rules
    apply), and for languages the voice does not cover or with no pack
    (``language.unsupported`` reports those)."""
    if reply.language == "en" or reply.language not in reply.voice.languages:
        return None
    pack = pack_for(reply.language, reply.voice.plugin_manager)
    if pack is None or pack.native_checks:
        return None
    return pack


class LanguageCheck(Check):
    name = "language"
    category = "language"
    section = "language"
    schema = SCHEMA
    rules = RULES

    def validate_voice(self, voice: Voice) -> Iterator[Problem]:
        """Every language the voice covers needs a pack; every reviewed language must be one
        brandvoice can detect, and not also covered."""
        available = packs(voice.plugin_manager)
        for i, code in enumerate(voice.languages):
            if code not in available:
                loc = voice.where("voice", "languages", i)
                yield Problem(loc.path if loc else voice.path, loc.line if loc else 1,
                              loc.column if loc else 1, f"voice.languages[{i}]",
                              f"no language pack for {code!r}; installed packs: "
                              f"{', '.join(sorted(available))} (a plugin can add one through "
                              "the brandvoice_language_packs hook; or list it in "
                              "language.reviewed, for replies a person checks)")
        for i, code in enumerate(voice.get("language", "reviewed") or ()):
            loc = voice.where("language", "reviewed", i)
            where = (loc.path if loc else voice.path, loc.line if loc else 1,
                     loc.column if loc else 1, f"language.reviewed[{i}]")
            if code not in DETECTABLE:
                yield Problem(*where, f"{code!r} is not a language brandvoice detects, so no "
                              f"reply would ever be in it; allowed: "
                              f"{', '.join(sorted(DETECTABLE))}")
            elif code in voice.languages:
                yield Problem(*where, f"{code!r} is also in voice.languages, where its replies "
                              "are checked; list it in one of the two")

    def configure(self, voice: Voice, nlp: Language) -> Any:
        return (self.severity(voice, "unsupported"), self.severity(voice, "unchecked"),
                frozenset(voice.get("language", "reviewed") or ()))

    def check(self, reply: Reply, config: Any) -> Iterator[Finding]:
        unsupported, unchecked, reviewed = config
        voice = reply.voice
        lang = reply.language
        has_pack = pack_for(lang, voice.plugin_manager) is not None
        if lang in voice.languages and has_pack:
            return
        name = _NAMES.get(lang, lang)
        names = [_NAMES.get(c, c) for c in voice.languages]
        covered = (", ".join(names[:-1]) + " and " + names[-1]) if len(names) > 1 else \
            (names[0] if names else "no language")
        if lang in reviewed:
            if unchecked:
                yield reply.finding(
                    "language.unchecked", unchecked, 0, len(reply.text),
                    f"this reply is in {name} ({lang}), which your team answers in but "
                    f"brandvoice cannot check: have someone who reads {name} review its tone, "
                    "privacy and readability before it is sent",
                    source=self.rule_source(voice, "unchecked"))
            return
        if not unsupported:
            return
        if has_pack:
            why = ""
            what = (f"if your team answers in {name}, add {lang!r} to voice.languages "
                    f"(brandvoice has a {name} pack)")
        else:
            why = (" and brandvoice has no pack for, so its tone, privacy and readability were "
                   "not checked")
            what = (f"if your team answers in {name}, list {lang!r} in language.reviewed to "
                    f"mark such replies for a reviewer who reads {name}")
        yield reply.finding(
            "language.unsupported", unsupported, 0, len(reply.text),
            f"this reply is in {name} ({lang}), which this voice does not cover (it covers "
            f"{covered}){why}: write it in one of those, or, {what}",
            source=self.rule_source(voice, "unsupported"))


_NAMES = {"en": "English", "ko": "Korean", "es": "Spanish", "ja": "Japanese", "zh": "Chinese",
          "ar": "Arabic", "he": "Hebrew", "el": "Greek", "ru": "Russian", "th": "Thai",
          "hi": "Hindi", "pt": "Portuguese", "fr": "French", "de": "German", "it": "Italian",
          "nl": "Dutch", "cy": "Welsh"}


# Helpers the built-in checks call for replies in a pack's language ----------------------

_TONE_MESSAGES = {
    "boilerplate": "{text!r} is stock or bureaucratic phrasing ({why}); say plainly what "
                   "happened and what you will do",
    "blame": "{text!r} blames or dismisses the customer ({why}); say what you will do",
    "condescension": "{text!r} can sound condescending ({why}); leave it out",
    "hedging": "{text!r} hedges ({why}); say what you know or what you will do",
}
# Accepted spellings of the speech level a voice wants.
SPEECH_LEVELS = {"haeyo": "haeyo", "해요체": "haeyo", "hapsyo": "hapsyo", "합쇼체": "hapsyo",
                 "hamnida": "hapsyo", "any": "any"}


def tone_findings(reply: Reply, pack: LanguagePack, severity: Callable[[str], str | None],
                  source: Callable[[str], str]) -> Iterator[Finding]:
    """``tone.*`` findings from the pack's phrase lists and speech levels."""
    text = reply.prose
    for rule, template in _TONE_MESSAGES.items():
        sev = severity(rule)
        if not sev:
            continue
        for m in pack.find(rule, text):
            yield reply.finding(f"tone.{rule}", sev, m.start, m.end,
                                template.format(text=m.text, why=m.phrase.why or pack.name),
                                suggestion=m.phrase.suggestion, source=source(rule))
    sev = severity("speech_level")
    if sev and pack.speech_levels is not None:
        # A voice that names no register takes either polite one: a reply wholly in 합쇼체 is
        # more formal, never rude, and Korean care teams write both.
        yield from _speech_level(reply, pack, wanted_speech_level(reply.voice), sev,
                                 source("speech_level"))


def wanted_speech_level(voice: Voice) -> str:
    """The register ``voice`` wants: ``hapsyo``, ``haeyo`` or ``any`` (none named)."""
    return SPEECH_LEVELS.get(str(voice.get("tone", "speech_level") or "any"), "any")


def _speech_level(reply: Reply, pack: LanguagePack, wanted: str, severity: str,
                  source: str) -> Iterator[Finding]:
    from brandvoice.languages.korean import LEVEL_NAMES, kiwi_speech_levels, suggest

    assert pack.speech_levels is not None
    levels = pack.speech_levels(reply.text)
    if wanted == "hapsyo" and pack.code == "ko" and any(lv[2] == "haeyo" for lv in levels):
        # The shortcut reads any -요 as 해요체; Kiwi tells a fragment's polite particle
        # ("환불이요?", "정말요?") from a 해요체 ending. Only 합쇼체 voices pay for it.
        levels = kiwi_speech_levels(reply.text)
    polite = [lv for lv in levels if lv[2] != "banmal"]
    # A 해요체 voice takes 합쇼체 courtesies (감사합니다, 죄송합니다) inside a reply; a reply
    # with no 해요체 ending at all, whose own sentences end in -습니다, is written in 합쇼체.
    all_hapsyo = wanted == "haeyo" and not any(
        lv[2] == "haeyo" and not reply.text[lv[0]:lv[1]].startswith("안녕하세요") for lv in levels)
    target = wanted if wanted != "any" else "haeyo"
    # The reply's first sentence after a greeting ("안녕하세요, 고객님. 한빛항공입니다."): a
    # self-introduction there is a formula too.
    opening = next((lv[0] for lv in levels
                    if not reply.text[lv[0]:lv[1]].startswith("안녕하")), -1)
    # 반말 to a customer is rude: the rule's severity. A polite register other than the
    # voice's (합쇼체 for 해요체, or the reverse) is stiff or casual, not rude: a warning at most.
    mismatch = "warning" if severity == "error" else severity
    want_name = "해요체 or 합쇼체" if wanted == "any" else LEVEL_NAMES.get(target, target)
    for s, e, level in levels:
        word = reply.text[s:e]
        if level == "banmal":
            mixed = " and switches register mid-reply" if polite else ""
            yield reply.finding(
                "tone.speech_level", severity, s, e,
                f"{word!r} is 반말 (casual speech) to a customer{mixed}; the voice writes "
                f"{want_name}", suggestion=suggest(word, target), source=source)
        elif all_hapsyo and level == "hapsyo" and \
                not _fixed_hapsyo(word, s == opening, reply.text[max(0, s - 6):s]):
            yield reply.finding(
                "tone.speech_level", mismatch, s, e,
                f"{word!r} is 합쇼체 and the reply has no 해요체 sentence, where the voice writes "
                "해요체 (감사합니다 and 죄송합니다 are fine); end with -어요/-아요",
                suggestion=suggest(word, "haeyo"), source=source)
        elif wanted == "hapsyo" and level == "haeyo" and \
                not _fixed_haeyo(word, reply.text[e:e + 2].lstrip()[:1] == "?"):
            yield reply.finding(
                "tone.speech_level", mismatch, s, e,
                f"{word!r} is 해요체 in a reply the voice writes in 합쇼체; end with "
                "-습니다/-ㅂ니다 (or -십시오 for a request)", suggestion=suggest(word, "hapsyo"),
                source=source)


# 합쇼체 courtesies that a 해요체 reply uses as they are.
_COURTESIES = ("감사합니다", "감사드립니다", "죄송합니다", "고맙습니다", "사과드립니다", "부탁드립니다",
               "축하드립니다", "안녕하십니까", "반갑습니다", "환영합니다", "축하합니다")


def _fixed_hapsyo(word: str, first: bool, before: str = "") -> bool:
    core = word.rstrip(".!?~ ")
    # "한빛항공 고객센터입니다" opening a reply introduces the writer: a formula too; so is a
    # closing wish ("즐거운 여행 되시기 바랍니다"), unlike an order ("확인하시기 바랍니다").
    return core.endswith(_COURTESIES) or (first and core.endswith("입니다")) or \
        (core in ("바랍니다", "기원합니다") and before.rstrip().endswith(("되시기", "보내시기")))


# 해요체 formulae that 합쇼체 replies use as they are: agreement and sympathy ("그럼요",
# "물론이죠", "그러셨군요"; and "많이 놀라셨죠", "불편하셨겠어요": the customer's feelings,
# whose 합쇼체 forms sound like a letter).
_HAEYO_FORMULAE = ("그럼요", "물론이죠", "물론이지요", "그렇죠", "그렇군요", "그러셨군요", "맞아요")


def _fixed_haeyo(word: str, question: bool = False) -> bool:
    # Greetings and polite requests in -세요 are normal in 합쇼체 replies too, and so are
    # offers and polite questions ("도와드릴까요?", "기다려 주시겠어요?", "말씀이시죠?"),
    # whose 합쇼체 forms (-ㄹ까요 has none in use) sound stilted.
    core = word.rstrip(".!?~ ")
    if question and core.endswith(("까요", "겠어요", "시죠", "시나요", "으세요")):
        return True
    return core.startswith("안녕하세요") or core in _HAEYO_FORMULAE or \
        core.endswith(("세요", "세요?", "셨죠", "셨군요", "셨겠어요", "셨겠네요"))


def privacy_findings(reply: Reply, pack: LanguagePack, severity: Callable[[str], str | None],
                     source: Callable[[str], str]) -> Iterator[Finding]:
    """``privacy.*`` findings from the pack: requests for personal data (credentials in any
    channel, the rest in public ones) and personal data in public replies."""
    move = "move this to a private message (DM) and remove it from the public reply"
    sev = severity("data_request")
    if sev:
        for s, e, text, credential in pack.find_data_requests(reply.text, reply.public):
            msg = (f"{text!r} asks for {pack.credential_kind(text)}; never ask for "
                   "these, in any channel" if credential else
                   f"{text!r} asks for personal data in a public reply; ask the customer to "
                   "send it by private message (DM) instead")
            yield reply.finding("privacy.data_request", sev, s, e, msg, suggestion=None,
                                source=source("data_request"))
    if not reply.public and not pack.any_channel and not any(p.any_channel for p in pack.privacy):
        return
    for s, e, _text, spec in pack.find_private(reply.text):
        sev = severity(spec.rule)
        if not sev:
            continue
        if reply.public:
            yield reply.finding(f"privacy.{spec.rule}", sev, s, e,
                                f"{spec.name} in a public reply; {move}", suggestion="",
                                source=source(spec.rule))
        elif (spec.any_channel or spec.rule in pack.any_channel) and not any(c in "*Xx" for c in _text):
            # Written out in full even in a private message: emails are forwarded and
            # stored, texts show on lock screens.
            yield reply.finding(f"privacy.{spec.rule}", sev, s, e,
                                f"{spec.name} written out in full; do not send it in any "
                                "channel: mask it (only the first digits)", suggestion="",
                                source=source(spec.rule))


def inclusive_findings(reply: Reply, pack: LanguagePack, severity: str,
                       source: str) -> Iterator[Finding]:
    """``inclusive.term`` findings from the pack's terms."""
    for m in pack.find("inclusive", reply.prose):
        reason = f" ({m.phrase.why})" if m.phrase.why else ""
        # None: no word-for-word replacement fits (a slur inside a phrase): the reason says
        # how to rewrite the sentence.
        advice = "rewrite the sentence without it" if m.phrase.suggestion is None else \
            f"consider {m.phrase.suggestion!r}"
        yield reply.finding(
            "inclusive.term", severity, m.start, m.end,
            f"{m.text!r} may exclude or hurt people{reason}; {advice}",
            suggestion=m.phrase.suggestion, source=source)


def readability_findings(reply: Reply, pack: LanguagePack, severity: Callable[[str], str | None],
                         source: Callable[[str], str],
                         max_units: int | None) -> Iterator[Finding]:
    """``readability.*`` findings in the pack's own terms: sentence length in its units
    (어절 for Korean), and its readability formula where it has one."""
    limit = max_units or pack.max_sentence_units
    sev = severity("long_sentence")
    prose = reply.prose
    if sev and limit:
        for s, e in pack.sentences(prose):
            n = len(pack.tokens(prose[s:e]))
            if n > limit:
                yield reply.finding(
                    "readability.long_sentence", sev, s, e,
                    f"sentence of {n} {pack.sentence_unit}; keep sentences under {limit} "
                    f"{pack.sentence_unit}: split it", source=source("max_sentence_words"))
    sev = severity("reading_ease")
    if sev and pack.readability is not None and pack.readability_floor is not None and \
            len(pack.tokens(prose)) >= 25:
        textstat()  # imported the lean way, with its dictionaries patched (offline)
        scores = pack.readability(prose)
        name, value = next(iter(scores.items()))
        if value < pack.readability_floor:
            yield reply.finding(
                "readability.reading_ease", sev, 0, len(reply.text),
                f"{pack.name} reading ease ({name.replace('_', ' ')}) {value:.0f} is below "
                f"{pack.readability_floor:g}; use shorter sentences and words",
                source=source("min_reading_ease"))


@hookimpl
def brandvoice_register_checks() -> list[Check]:
    return [LanguageCheck()]
