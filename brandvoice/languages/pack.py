"""The :class:`LanguagePack` type: what the checks need to know about one language.

A pack is data plus a few functions. Built-in packs (English, Korean, Spanish) and third-party
ones are registered the same way, through the ``brandvoice_language_packs`` hook
(:mod:`brandvoice.plugins.hookspecs`, docs/plugins.md). :func:`packs` collects them once per
plugin manager; :func:`pack_for` returns the pack for a language code.

Phrase patterns are regular expressions (the ``regex`` module's syntax), matched
case-insensitively on the reply text. Write them to allow the inflections the language has:
Korean endings and particles attach to the word, so ``안내\\s?드립니다`` matches where an
English list would need every form spelled out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, cast

import regex

from brandvoice.errors import PluginError
from brandvoice.limits import for_tokenizer

if TYPE_CHECKING:
    import pluggy

__all__ = [
    "PHRASE_RULES",
    "LanguagePack",
    "Match",
    "Phrase",
    "PrivacyPattern",
    "display_width",
    "pack_for",
    "packs",
    "simple_sentences",
    "simple_tokens",
]

# The tone rules a pack's phrase lists feed, in the tone check's vocabulary.
PHRASE_RULES = ("boilerplate", "blame", "condescension", "hedging")

_SENTENCE_END = regex.compile(r"[^.!?。！？\n]+(?:[.!?。！？]+|\n|$)")
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’-]*")


def simple_tokens(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of each run of letters and digits: words in languages that put
    spaces between words, 어절 in Korean."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def simple_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, split after ``.``, ``!``, ``?`` (and their
    full-width forms) and at line breaks; surrounding spaces are left out."""
    out = []
    for m in _SENTENCE_END.finditer(text):
        s, e = m.span()
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if e - trail > s + lead:
            out.append((s + lead, e - trail))
    return out


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide and full-width characters
    (Hangul, kana, Han) take two, combining marks and zero-width characters none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


@dataclass(frozen=True)
class Phrase:
    """A pattern to flag, what to say instead (None: rewrite it; "": delete it) and why."""

    pattern: str
    suggestion: str | None = None
    why: str = ""
    # A stock phrase that is fine on its own in a reply that says something concrete (a
    # closing "sorry for the inconvenience"), and worth a finding only beside another
    # phrase of the same list (a reply made of stock phrases).
    weak: bool = False


@dataclass(frozen=True)
class PrivacyPattern:
    """Personal data, or a request for it, in a public reply.

    ``rule`` is the privacy rule it reports (``phone``, ``address``, ``national_id``,
    ``bank_account``, ``data_request``, ...); ``validate`` (optional) confirms a match, such as
    a check digit, so that a random number is not reported. ``any_channel``: reported in
    private channels too (like :attr:`LanguagePack.any_channel`, for this pattern only).
    """

    rule: str
    name: str
    pattern: str
    validate: Callable[[str], bool] | None = None
    any_channel: bool = False


@dataclass(frozen=True)
class Match:
    """One match of a pack's pattern in a reply."""

    start: int
    end: int
    text: str
    phrase: Phrase


@dataclass(frozen=True)
class LanguagePack:
    """Everything the checks need to know about one language.

    :param code: ISO 639-1 code (``ko``), as :func:`brandvoice.languages.detect` returns.
    :param name: the language's English name, for messages.
    :param phrases: tone phrase lists by rule (``boilerplate``, ``blame``, ``condescension``,
        ``hedging``).
    :param inclusive: non-inclusive terms with their suggestions.
    :param privacy: personal data in the text (national ids, addresses...), for public replies.
    :param data_request: a pattern for asking the customer for personal data ("카드번호를
        알려 주세요"); reported in public replies unless the sentence also matches
        ``private_channel`` (the request is for a DM), and in every channel when it matches
        ``credential`` (passwords and one-time codes are never asked for).
    :param greeting: what counts as a greeting at the start of a reply in this language, for
        channels that require or forbid one (None: the greeting rule is not checked).
    :param sentence_unit: what sentence length is counted in (``words``, ``어절``).
    :param max_sentence_units: the default longest sentence, in those units.
    :param tokens: ``text -> [(start, end, word)]`` (default: runs of letters and digits).
    :param sentences: ``text -> [(start, end)]`` (default: split at . ! ? and line breaks).
    :param readability: ``text -> {"name": score}`` with the language's own formulas, and
        ``readability_floor`` the lowest acceptable score of the first of them (None: none).
    :param speech_levels: ``text -> [(start, end, level)]`` for languages whose grammar marks
        how formally the writer addresses the reader (Korean 합쇼체, 해요체, 반말).
    :param width: display width of a string (default: East Asian width).
    :param matchers: extra finders by rule (a tone rule or ``inclusive``): ``text ->
        [(start, end, why)]``, for what a regular expression cannot see, such as a structure
        of morphemes (Korean "이미 ... 안내해 드렸는데"). Their matches join the phrase list's.
    :param not_a_request: a sentence that matches it warns against sharing data or describes
        self-service ("never post your card number", "enter the code in the app"), so its
        data words are not a request.
    :param credential_kinds: ``(pattern, what it is)`` pairs naming what a credential request
        asks for, for the message; the first that matches the request wins, and "a password
        or security code" is said otherwise.
    :param business_phone: digits of phone numbers that belong to organisations in this
        language's countries (free-phone and shared-cost numbers), never a customer's.
    :param native_checks: True when the built-in checks' own English lists already cover
        this language, so the pack's lists are for other callers (triage, plugins).
    :param data_need: a sentence that names personal data as needed without asking for it
        ("주민등록번호 앞 7자리가 필요해요"); a request when the next sentence is
        ``follow_up``, a request to post "it" publicly that names no data ("답글로
        부탁드려요").
    :param any_channel: privacy rules (of :attr:`privacy`) reported in private channels too:
        data that should not be written out in any message. A single pattern can be marked
        instead (``PrivacyPattern.any_channel``: Korean resident registration numbers, which
        the law restricts, but not passport or licence numbers).
    """

    code: str
    name: str
    phrases: Mapping[str, tuple[Phrase, ...]] = field(default_factory=dict)
    inclusive: tuple[Phrase, ...] = ()
    privacy: tuple[PrivacyPattern, ...] = ()
    data_request: str | None = None
    private_channel: str | None = None
    credential: str | None = None
    greeting: str | None = None
    sentence_unit: str = "words"
    max_sentence_units: int = 25
    tokens: Callable[[str], list[tuple[int, int, str]]] = simple_tokens
    sentences: Callable[[str], list[tuple[int, int]]] = simple_sentences
    readability: Callable[[str], dict[str, float]] | None = None
    readability_floor: float | None = None
    speech_levels: Callable[[str], list[tuple[int, int, str]]] | None = None
    width: Callable[[str], int] = display_width
    matchers: Mapping[str, Callable[[str], list[tuple[int, int, str]]]] = \
        field(default_factory=dict)
    not_a_request: str | None = None
    credential_kinds: tuple[tuple[str, str], ...] = ()
    business_phone: str | None = None
    native_checks: bool = False
    data_need: str | None = None
    follow_up: str | None = None
    any_channel: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not regex.fullmatch(r"[a-z]{2,3}", self.code):
            raise PluginError(f"language pack {self.name!r}: code {self.code!r} is not an "
                              "ISO 639 code such as 'ko' or 'es'")
        unknown = set(self.phrases) - set(PHRASE_RULES)
        if unknown:
            raise PluginError(f"language pack {self.code!r}: unknown phrase rule(s) "
                              f"{', '.join(sorted(unknown))}; allowed: {', '.join(PHRASE_RULES)}")
        # Patterns are compiled on first use, not here: every command builds every built-in
        # pack (their modules are plugins), and compiling the 750 patterns of packs for
        # languages a run never meets took about 0.12 s of each start-up. Third-party packs
        # are compiled when registered (packs() calls validate()), so a bad pattern is still
        # reported at once; the built-in ones by a test.

    def _compile(self, pattern: str, flags: int = regex.IGNORECASE) -> regex.Pattern[str]:
        try:
            return regex.compile(pattern, flags)
        except regex.error as exc:
            raise PluginError(f"language pack {self.code!r}: invalid pattern {pattern!r}: "
                              f"{exc}") from exc

    def validate(self) -> None:
        """Compile every pattern, with the flags it is used with; raises
        :class:`~brandvoice.errors.PluginError` naming the first invalid one."""
        for p in self._all_patterns():
            self._compile(p)
        if self.business_phone:
            self._compile(self.business_phone, 0)

    def _all_patterns(self) -> list[str]:
        pats = [p.pattern for ps in self.phrases.values() for p in ps]
        pats += [p.pattern for p in self.inclusive]
        pats += [p.pattern for p in self.privacy]
        pats += [p for p in (self.data_request, self.private_channel, self.credential,
                             self.greeting, self.not_a_request, self.data_need,
                             self.follow_up) if p]
        pats += [p for p, _what in self.credential_kinds]
        return pats

    @cached_property
    def _compiled(self) -> dict[str, list[tuple[regex.Pattern[str], Phrase]]]:
        # Filled one rule at a time (_rule_patterns): a reply's tone check asks for each
        # phrase list, but triage or a plugin may ask for one only.
        return {}

    def _rule_patterns(self, rule: str) -> list[tuple[regex.Pattern[str], Phrase]]:
        found = self._compiled.get(rule)
        if found is None:
            phrases = self.inclusive if rule == "inclusive" else self.phrases.get(rule, ())
            found = self._compiled[rule] = [(self._compile(p.pattern), p) for p in phrases]
        return found

    @cached_property
    def _privacy(self) -> list[tuple[regex.Pattern[str], PrivacyPattern]]:
        return [(self._compile(p.pattern), p) for p in self.privacy]

    def find(self, rule: str, text: str) -> list[Match]:
        """Matches of the phrase list ``rule`` (a tone rule, or ``inclusive``) in ``text``,
        in order, overlapping matches dropped."""
        # Every pack's patterns (third parties' too) read the text with runs of more than
        # LONG_RUN characters without a space broken up (offsets unchanged): a pattern that
        # opens with ``[가-힣]+`` rescans a run from every position, so 16,000 Hangul
        # syllables without a space took 3 s and 80,000 took 84 s.
        text = for_tokenizer(text)
        found = [Match(m.start(), m.end(), m.group(), phrase)
                 for pattern, phrase in self._rule_patterns(rule)
                 for m in pattern.finditer(text)]
        matcher = self.matchers.get(rule)
        if matcher is not None:
            found += [Match(s, e, text[s:e], Phrase("", None, why)) for s, e, why in matcher(text)]
        kept = _non_overlapping(found)
        if len(kept) == 1 and kept[0].phrase.weak:
            return []  # one stock courtesy in a reply that says something concrete
        return kept

    @cached_property
    def greeting_pattern(self) -> regex.Pattern[str] | None:
        """:attr:`greeting`, compiled (case-insensitive), or None."""
        return self._compile(self.greeting) if self.greeting else None

    @cached_property
    def _requests(self) -> tuple[regex.Pattern[str] | None, ...]:
        return tuple(self._compile(p) if p else None
                     for p in (self.data_request, self.private_channel, self.credential,
                               self.not_a_request, self.data_need, self.follow_up))

    def credential_kind(self, request: str) -> str:
        """What the credential request ``request`` asks for, in words (for its message)."""
        for pattern, what in self.credential_kinds:
            if regex.search(pattern, request, regex.IGNORECASE):
                return what
        return "a password or security code"

    @cached_property
    def _business_phone(self) -> regex.Pattern[str] | None:
        return self._compile(self.business_phone, 0) if self.business_phone else None

    def is_business_phone(self, digits: str) -> bool:
        """True when ``digits`` (a phone number, digits only) is an organisation's number
        in this language's countries (:attr:`business_phone`)."""
        pattern = self._business_phone
        return pattern is not None and pattern.fullmatch(digits) is not None

    def find_data_requests(self, text: str, public: bool) -> list[tuple[int, int, str, bool]]:
        """Requests for personal data: ``(start, end, text, is_credential)``. In a private
        channel only requests for credentials are returned; in a public one, every request
        whose sentence (or the next one: "...가 필요해요. DM으로 보내 주세요") does not move the
        conversation to a private channel. Sentences that warn against sharing data or
        describe self-service (:attr:`not_a_request`) hold no request."""
        text = for_tokenizer(text)  # bounded runs, as in find()
        ask, private, credential, warning, need, follow_up = self._requests
        if ask is None:
            return []
        out = []
        spans = self.sentences(text)
        for i, (s, e) in enumerate(spans):
            sentence = text[s:e]
            if warning is not None and warning.search(sentence):
                continue
            asked = False
            for m in ask.finditer(sentence):
                asked = True
                # The rest of the sentence too: "...la tarjeta, la fecha de caducidad y el CVV".
                is_cred = bool(credential and credential.search(sentence, m.start()))
                if not is_cred and private is not None:
                    after = text[s:spans[i + 1][1]] if i + 1 < len(spans) else sentence
                    if private.search(after):
                        continue
                if is_cred or public:
                    out.append((s + m.start(), s + m.end(), m.group(), is_cred))
                    break  # one request a sentence: its data words are one request
            if asked or need is None or follow_up is None or i + 1 >= len(spans):
                continue
            # "X가 필요해요. 답글로 부탁드려요": the data named in one sentence, the request to
            # post it in the next.
            wanted = need.search(sentence)
            ns, ne = spans[i + 1]
            nxt = text[ns:ne]
            then = follow_up.search(nxt) if wanted else None
            if wanted is None or then is None or \
                    (warning is not None and warning.search(nxt)):
                continue
            is_cred = bool(credential and credential.search(wanted.group()))
            if not is_cred and private is not None and private.search(text[s:ne]):
                continue
            if is_cred or public:
                start, end = s + wanted.start(), ns + then.end()
                out.append((start, end, text[start:end], is_cred))
        return out

    def find_private(self, text: str) -> list[tuple[int, int, str, PrivacyPattern]]:
        """Personal data and requests for it in ``text``: ``(start, end, text, pattern)``."""
        text = for_tokenizer(text)  # bounded runs, as in find()
        out = []
        for pattern, spec in self._privacy:
            for m in pattern.finditer(text):
                if spec.validate is None or spec.validate(m.group()):
                    out.append((m.start(), m.end(), m.group(), spec))
        out.sort(key=lambda t: (t[0], -t[1]))
        kept: list[tuple[int, int, str, PrivacyPattern]] = []
        for item in out:
            # One finding per stretch of text and rule: a match that overlaps one already kept
            # (a road address, then the same road with its unit) is the same data.
            if not any(item[0] < e and s < item[1] and k[3].rule == item[3].rule
                       for k in kept for s, e in [(k[0], k[1])]):
                kept.append(item)
        return kept


def _non_overlapping(found: list[Match]) -> list[Match]:
    # Strong phrases first: a stock courtesy (weak) that overlaps one must not displace it and
    # then be dropped as the reply's only, weak, match.
    kept: list[Match] = []
    for weak in (False, True):
        for m in sorted((m for m in found if m.phrase.weak is weak),
                        key=lambda m: (m.start, -(m.end - m.start))):
            if not any(m.start < k.end and k.start < m.end for k in kept):
                kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept


_registries: dict[tuple[int, int], tuple[pluggy.PluginManager, dict[str, LanguagePack]]] = {}


def packs(pm: pluggy.PluginManager | None = None) -> dict[str, LanguagePack]:
    """Every registered language pack by code, collected once per plugin manager (and again
    when plugins are added). Two packs for one code are an error naming both plugins."""
    if pm is None:  # the imports only here: this runs several times per reply
        from brandvoice.plugins.manager import get_plugin_manager

        pm = get_plugin_manager()
    key = (id(pm), len(pm.get_plugins()))
    cached = _registries.get(key)
    if cached is not None and cached[0] is pm:
        return cached[1]
    from brandvoice.plugins.manager import DEFAULT_PLUGINS

    found: dict[str, tuple[LanguagePack, str]] = {}
    for impl in pm.hook.brandvoice_language_packs.get_hookimpls():
        for pack in cast("list[LanguagePack]", impl.function() or []):
            if not isinstance(pack, LanguagePack):
                raise PluginError(f"plugin {impl.plugin_name} returned {type(pack).__name__} "
                                  "from brandvoice_language_packs; return LanguagePack objects")
            if impl.plugin_name not in DEFAULT_PLUGINS:
                pack.validate()  # a third party's bad pattern, at once (built-ins: a test)
            if pack.code in found:
                raise PluginError(f"two plugins register a language pack for {pack.code!r}: "
                                  f"{found[pack.code][1]} and {impl.plugin_name}; keep one")
            found[pack.code] = (pack, impl.plugin_name)
    result = {code: p for code, (p, _n) in found.items()}
    _registries[key] = (pm, result)
    return result


def pack_for(lang: str, pm: pluggy.PluginManager | None = None) -> LanguagePack | None:
    """The pack for language ``lang`` (``ko``, ``es-MX`` and ``es_MX`` all work), or None."""
    code = lang.replace("_", "-").split("-", 1)[0].lower()
    return packs(pm).get(code)
