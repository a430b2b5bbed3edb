"""Which language a reply is in, offline and per reply.

Three steps, cheapest first:

1. **Script.** Letters are counted by Unicode script. Hangul is Korean, kana is Japanese, Han
   without kana is Chinese, and Arabic, Hebrew, Greek, Cyrillic, Thai and Devanagari name
   their usual language. A Hangul syllable carries a whole syllable, so it counts three times
   against Latin letters: a Korean reply that names "iPhone" is still Korean.
2. **English fast path.** Latin text whose words include at least two common English
   function words and no common function word of another covered language is English. Most
   replies take this path; it costs a regular expression and a set lookup.
3. **Lingua.** Everything else goes to lingua-language-detector, restricted to
   :data:`LATIN_LANGUAGES`. Its n-gram models ship inside its wheel, so nothing downloads. The
   detector is built on first use (about half a second).

Text with no letters at all (an emoji, a tracking number) is ``"und"`` (undetermined):
it is in no language, so it cannot be in an uncovered one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Set as AbstractSet
from typing import Any

import regex

__all__ = ["DETECTABLE", "LATIN_LANGUAGES", "UNDETERMINED", "detect", "script_of"]

UNDETERMINED = "und"
# The Latin-script languages lingua chooses between (ISO 639-1). More languages make short
# replies more ambiguous; these are the ones customer-care teams most often meet in Europe
# and the Americas. A reply in another Latin-script language is reported as the closest one.
LATIN_LANGUAGES = ("en", "es", "pt", "fr", "de", "it", "nl", "cy")
_LATIN_ORDER = {code: i for i, code in enumerate(LATIN_LANGUAGES)}
# Every code detect() can return for text with letters: the Latin-script languages and the
# languages a script names.
DETECTABLE = frozenset((*LATIN_LANGUAGES, "ko", "ja", "zh", "ar", "he", "el", "ru", "th", "hi"))

_WORD = regex.compile(r"[\p{L}\p{M}']+")  # accented letters too: 'así' is not 'as'
# What is not prose: links, @mentions, #hashtags, agents' initials (^JS, *TMB, -Becky) and
# HTML entities. "@AldiUK @Morrisons" is in no language.
_NOISE = regex.compile(r"(?i)\b(?:https?://|www\.)\S+|[@#]\w+|[\^*]\w{1,4}\b|&\w+;|"
                       r"\b[a-z0-9-]+\.(?:com|org|net|co|uk|io|ly|me|app)\b\S*")
# Very common English words that are not also common words of the other LATIN_LANGUAGES.
_EN = frozenset("""the and you your we our for with this that have has are was were will
would can could please thanks thank sorry hi hey hello it's we're you're i'm i'll we'll
we've you've i've don't can't isn't didn't won't what when where how why just get got let
know here there they them their us of to is it in on at be been not but all from as if by
an or my me so do did up out about any some more help look looking into now today soon
via problem yes yeah ok okay great glad happy hear back team account order sent send
which who would should see check reach follow followed dm info details love time best
cheers fam thx pls could that's there's let's no well played good nicely done give try
enjoy welcome most very night evening friend friends sure absolutely anytime noted agreed
have like looks further anything else email address number reference booking fan style
""".split())
# Function words of the other covered languages: they keep the fast path from claiming
# Spanish or Welsh text, and a clear majority of one language's words decides without lingua.
# Words shared with English (a, in, on) or common to several of them (de, que) are left out.
_FUNCTION_WORDS = {
    "es": frozenset("""el los las por para con una del al está están muy gracias hola pero
    como sus les nos lo se usted ustedes ya y sentimos disculpa disculpas tu tus te ayudarte
    escríbenos podemos puedes pedido hemos eso esto aquí también""".split()),
    "pt": frozenset("""os um uma não obrigado obrigada você vocês com pelo pela seu sua são
    muito olá já está estão nosso nossa desculpe""".split()),
    "fr": frozenset("""les des du une est et pour avec vous nous merci bonjour sur pas qui
    dans votre nos très désolé désolés""".split()),
    "de": frozenset("""der die das und ist nicht mit sie wir ihr ein eine danke bitte für
    auf dem den ihre uns leider""".split()),
    "it": frozenset("""il gli della che sono grazie ciao non ci siamo vostro nostro
    scusa scusate per""".split()),
    "nl": frozenset("""het een niet met voor wij jullie bedankt dank van je jouw ons onze
    sorry bij""".split()),
    "cy": frozenset("""mae yn yr ac ein eich diolch gyda chi ni i'r o'r ddrwg gennym
    rydym""".split()),
}
_NOT_EN = frozenset().union(*_FUNCTION_WORDS.values()) - _EN

_detector: Any = None


def script_of(text: str) -> str | None:
    """The language a non-Latin script implies (``ko``, ``ja``, ``zh``, ``ar``, ...), ``latin``
    for Latin letters, or None when the text has no letters."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        key = "latin" if ch < "\u0250" else _script_key(ch)
        counts[key] = counts.get(key, 0) + (3 if key == "ko" else 1)
    if not counts:
        return None
    if "ja" in counts and "zh" in counts:  # kanji with kana is Japanese
        counts["ja"] += counts.pop("zh")
    return max(counts.items(), key=lambda kv: kv[1])[0]


def _script_key(ch: str) -> str:
    o = ord(ch)
    if 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "ko"
    if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9D:
        return "ja"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
        return "zh"
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F:
        return "ar"
    if 0x0590 <= o <= 0x05FF:
        return "he"
    if 0x0370 <= o <= 0x03FF:
        return "el"
    if 0x0400 <= o <= 0x04FF:
        return "ru"
    if 0x0E00 <= o <= 0x0E7F:
        return "th"
    if 0x0900 <= o <= 0x097F:
        return "hi"
    name = unicodedata.name(ch, "")
    return "latin" if "LATIN" in name else name.split(" ", 1)[0].lower() or "latin"


def _vote(words: list[str]) -> str | None:
    """The one language whose function words make up the text, if there is exactly one."""
    hits = {lang: sum(w in fw for w in words) for lang, fw in _FUNCTION_WORDS.items()}
    best = max(hits.items(), key=lambda kv: kv[1])
    if best[1] >= 2 and sum(hits.values()) - best[1] == 0:
        return best[0]
    return None


def _lingua() -> Any:
    global _detector
    if _detector is None:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper()))
                 for c in LATIN_LANGUAGES]
        _detector = LanguageDetectorBuilder.from_languages(*langs).build()
    return _detector


_PUNCT = ".,!?:;\"()[]{}…-–—*~'"
_NON_LATIN = regex.compile(r"[\p{Hangul}\p{Han}\p{Hiragana}\p{Katakana}\p{Arabic}\p{Cyrillic}"
                           r"\p{Greek}\p{Hebrew}\p{Thai}\p{Devanagari}]")


def _english_at_a_glance(low: str) -> bool:
    """Most replies: two or more common English words, and at least three times as many as
    function words of the other languages ("ET" is also French "et"). str.split and set
    lookups, no regular expression: this runs on every reply."""
    en = foreign = 0
    seen: set[str] = set()
    for token in low.split():
        word = token.strip(_PUNCT)
        if word in _EN:
            if word in seen:
                continue  # distinct words: "no ... no" is one ("si no actualizas la app no")
            seen.add(word)
            en += 1
            if en >= 4 and not foreign:
                return True  # enough to decide; most replies stop here
        elif word in _NOT_EN:
            foreign += 1
    return en >= 2 and en >= 3 * foreign


def detect(text: str, words: AbstractSet[str] | None = None) -> str:
    """The ISO 639-1 code of the language ``text`` is written in, or ``"und"`` when it has no
    letters. Never downloads anything; the Latin-script model loads on first need.

    ``words``: the lower-cased tokens of ``text`` when the caller already has them (the check
    engine passes a spaCy doc's), so that the English fast path is two set intersections.
    """
    if text.isascii() or _NON_LATIN.search(text) is None:
        if words is not None:
            en = len(_EN.intersection(words))
            if en >= 2 and en >= 3 * len(_NOT_EN.intersection(words)):
                return "en"
        low = text.lower()
        if "’" in low:
            low = low.replace("’", "'")
        if _english_at_a_glance(low):
            return "en"
    else:
        script = script_of(_NOISE.sub(" ", text))
        if script is None:
            return UNDETERMINED
        if script != "latin":
            return script
    prose = _NOISE.sub(" ", text)
    found = _WORD.findall(prose.lower())
    if not found:
        return UNDETERMINED
    voted = _vote(found)
    if voted is not None:
        return voted
    en_hits = sum(w in _EN for w in found)
    foreign = sum(w in _NOT_EN for w in found)
    if len(found) <= 3 and en_hits and not foreign:
        return "en"  # "Thanks!", "ok thanks": too short for n-grams, and English words
    # Sorted here with a fixed tie-break: lingua returns equal values (all 0.0 when no n-gram
    # is known) in an order that changes from process to process.
    confidences = sorted(_lingua().compute_language_confidence_values(prose),
                         key=lambda c: (-c.value, _LATIN_ORDER.get(
                             str(c.language.iso_code_639_1.name).lower(), 99)))
    if not confidences or confidences[0].value <= 0.0:
        return UNDETERMINED  # no evidence for any language
    top = confidences[0]
    if top.language.iso_code_639_1.name != "EN" and en_hits >= 2 and \
            en_hits >= len(found) / 3 and en_hits >= 3 * foreign:
        return "en"  # English words carry it: lingua guesses on names and typos
    code = str(top.language.iso_code_639_1.name).lower()
    if code != "en" and en_hits and not foreign and len(confidences) > 1 and \
            confidences[1].language.iso_code_639_1.name == "EN" and \
            confidences[1].value >= 2 / 3 * top.value:
        # "BAH GAWD LIDL, TESCO HAS A FAMILY" (lingua: Welsh, then English, close): an
        # English word, no function word of another language, English a close second.
        return "en"
    # A word or two ("meh", "ok", "Gracias") is too little for n-grams: it names a language
    # only when it is one of that language's common words; otherwise it is undetermined
    # rather than flagged as a language it may not be.
    if len(found) < 3 and not any(w in _FUNCTION_WORDS.get(code, ()) for w in found):
        return UNDETERMINED
    return code
