"""Channel rules: length as the platform counts it, SMS segments, hashtags, mentions, links,
emoji policy, greeting and sign-off.

X counts like its open-source twitter-text library (v3 config): every URL is 23, characters
in a few Latin and punctuation ranges weigh 1, everything else (CJK, emoji) weighs 2, after
NFC normalisation. SMS is split into 160 GSM-7 characters (153 per part when concatenated,
extension characters such as ``€`` counting twice) or, when any character is outside GSM-7,
70 UCS-2 code units (67 per part).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from brandvoice.analysis.reply import EMOJI_RE
from brandvoice.checks.base import Check, Rule, rules_field
from brandvoice.checks.language import pack_of
from brandvoice.config.schema import Bool, Choice, Field, Int, MapOf, Number, Record, Regex, Type
from brandvoice.patterns import PatternTimeout, UserPattern
from brandvoice.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from spacy.language import Language

    from brandvoice.analysis.reply import Reply
    from brandvoice.findings import Finding
    from brandvoice.voice import Voice

RULES = {
    "empty": Rule("error", "An empty or whitespace-only reply: there is nothing to send. Always "
                  "an error; it cannot be switched off."),
    "too_large": Rule("error", "A reply over 100,000 characters: it is not checked at all (no "
                      "channel takes one that long). Always an error."),
    "encoding": Rule("error", "Lone surrogates (broken UTF-16, e.g. JSON \\ud83d) or invalid "
                     "bytes in the reply, replaced by U+FFFD for checking: the text as given "
                     "cannot be sent. Always an error."),
    "length": Rule("error", "Longer than the channel allows, counted as the platform counts."),
    "sms_segments": Rule("warning", "An SMS that needs more segments than max_segments."),
    "hashtags": Rule("warning", "More hashtags than max_hashtags."),
    "mentions": Rule("warning", "More @mentions than max_mentions."),
    "links": Rule("error", "A link where the channel allows none."),
    "emoji": Rule("warning", "Emoji where the channel's policy forbids or limits them."),
    "greeting": Rule("warning", "A greeting missing where required, or present where forbidden."),
    "sign_off": Rule("warning", "A sign-off missing where required, or present where forbidden."),
}

PRESENCE = Choice(("required", "optional", "forbidden"))
DEFAULT_GREETING = (r"(?i)(?:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening)|howdy|"
                    r"greetings|thanks for (?:reaching out|getting in touch))\b")
# A sign-off: initials or a name after a dash, caret, tilde, asterisk or slash ("^JK", "-Kai",
# "^ab", "*AFC", glued to the last word too, "sorted.-RM", "it-Tabby"), a closing phrase then a name ("Thanks, Kai",
# "Ty Sam", "Thanks, the Northmoor team", "Kind regards,\nPriya\nNorthmoor Bank" on separate lines, the team on the name's
# line: "Priya, Northmoor Bank", "Aisha (Northmoor Bank)", "The Northmoor Bank team"), capital initials
# alone after a sentence ("... お知らせください。 YM"), or a bare first name after the last
# sentence ("... happy to help. Robbie"). Applied after trailing links, thread
# counters ("2/2") and whitespace are set aside (see SIGN_OFF_TAIL).
DEFAULT_SIGN_OFF = (
    # A hyphen, en dash or slash glued to a word is part of it ("check-in", "Mon-Fri", a
    # link's last path segment), unless a lower-case word runs into a name ("changes-Yana").
    r"(?:(?:(?<![\w])[-–/]|(?<=\b[a-z]+)(?=[-–][A-Z])[-–]|[—^~*])\s?[A-Za-z][A-Za-z.]{0,15}"
    r"(?:\s[A-Z][a-z]*)?"
    r"|(?i:thanks|thank you|thx|ty|cheers|best|regards|kind regards|warm regards|best wishes|"
    r"many thanks|take care|sincerely|yours sincerely|yours faithfully|all the best|rgds),?"
    r"\s*[-–—]?\s*(?:the[ \t]+)?[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,2}(?:[ \t]+(?:team|crew|support|desk))?"
    r"(?:[ \t]*(?:,|\||[-–—])[ \t]*[A-Z][^\n]{0,40}|[ \t]*\([^\n()]{1,40}\))?"
    r"(?:,?\s*\n\s*[A-Z][^\n]{0,40}){0,2}"
    r"|(?<=[^\w\s@#]\s{0,3})[A-Z]{2,3}"
    r"|(?<=[.!?,)\]:;。！？]\s{1,3})(?!(?:Thanks|Thank|Sorry|Yes|No|Enjoy|Bye|Cheers|Ok|Okay|Please|Hi|"
    r"Hello|Again|Soon|Today|Tomorrow|Tonight|Welcome|Congrats|Congratulations|Done|Great|"
    r"Sure|Absolutely|Definitely|Indeed|Apologies|Excellent|Perfect|Noted)\b)[A-Z][a-z]{1,14}"
    r"|\n\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s*[.!]?$"
)
# What may follow a sign-off: links, a thread counter ("2/2", "(3/3)"), a cut-off "...",
# trailing hashtags and whitespace.
SIGN_OFF_TAIL = regex.compile(
    r"(?:\s*(?:https?://\S+|www\.\S+|\(?\d{1,2}\s?/\s?\d{1,2}\)?|#\w+|\.{3,}|…))+\s*$")
SIGN_OFF_WINDOW = 120
THREAD_COUNTER = regex.compile(r"(?<![\d/])\(?(\d{1,2})\s?/\s?(\d{1,2})\)?(?![\d/])")
TRUNCATED = regex.compile(r"(?:\.{3,}|…)\s*(?:https?://\S+\s*)?$")

CHANNEL = Record({
    "public": Field(Bool(), "Replies here are visible to everyone (privacy checks apply). A "
                    "channel that does not say public: false is public: safe by default.",
                    default=True),
    "max_length": Field(Int(1, 1_000_000), "Longest reply, counted as set by counting.",
                        example=280),
    "counting": Field(Choice(("characters", "x", "sms")), "How length is counted: plain "
                      "characters, X's weighted count, or SMS characters.",
                      default="characters"),
    "max_segments": Field(Int(1, 20), "Most SMS segments (counting: sms).", example=2),
    "max_hashtags": Field(Int(0, 100), "Most hashtags.", example=2),
    "max_mentions": Field(Int(0, 100), "Most @mentions.", example=3),
    "links": Field(Bool(), "Whether links are allowed.", default=True),
    "emoji": Field(Choice(("allowed", "sparing", "none")), "Emoji policy: sparing means at "
                   "most max_emoji.", default="allowed"),
    "max_emoji": Field(Int(0, 100), "Most emoji when emoji is sparing.", default=1),
    "formality": Field(Record({
        "min": Field(Number(0, 1), "Lowest formality."),
        "max": Field(Number(0, 1), "Highest formality."),
    }), "Formality target on this channel (overrides tone.formality).",
        example={"min": 0.4}),
    "greeting": Field(PRESENCE, "Whether replies open with a greeting.", default="optional"),
    "sign_off": Field(PRESENCE, "Whether replies end with a sign-off.", default="optional"),
    "greeting_pattern": Field(Regex(), "What counts as a greeting (after leading @mentions).",
                              example=DEFAULT_GREETING),
    "sign_off_pattern": Field(Regex(), "What counts as a sign-off at the end of a reply.",
                              example=DEFAULT_SIGN_OFF),
    "alt_text_max": Field(Int(1, 10000), "Longest image alt text the platform shows."),
})

SCHEMA = Record({
    "channels": Field(MapOf(CHANNEL, key_doc="channel", key_pattern=r"[a-z][a-z0-9_]*"),
                      "Per-channel rules, by channel name."),
}, doc="Channels")


LEADING_MENTIONS = regex.compile(r"^(?:\s*@\w+)+\s*")
# Characters outside these ranges weigh 2 on X.
_X_HEAVY = regex.compile(r"[^\u0000-\u10FF\u2000-\u200D\u2010-\u201F\u2032-\u2037]")
GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€\f")


def x_length(text: str) -> int:
    """Length as X counts it (twitter-text v3 weighting; URLs count 23). The @mentions that
    open a reply are not counted, as on X."""
    text = unicodedata.normalize("NFC", LEADING_MENTIONS.sub("", text, count=1))
    return _weigh(text, x_urls(text), 23, _x_weight)


# URLs as twitter-text 3.1 extracts them (extractUrl): a domain of ASCII labels ending in a
# top-level domain it knows (so "hanbit.co.kr" is one URL, "help@hanbit.co.kr" none), a path
# of ASCII, Latin-accented and Cyrillic characters (a Hangul path is text: X counts it 2 a
# syllable), and no closing punctuation ("see https://x.com/a." ends before the full stop).
_LATIN = ("\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u024f\u0253\u0254\u0256\u0257"
          "\u0259\u025b\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff")
_PATH_CHAR = f"[a-z\u0400-\u04ff0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&{_LATIN}]"
_PATH_END = f"[+\\-a-z\u0400-\u04ff0-9=_#/{_LATIN}]"
_PARENS = f"\\((?:{_PATH_CHAR}+|{_PATH_CHAR}*\\({_PATH_CHAR}+\\){_PATH_CHAR}*)\\)"
_PATH = f"(?:{_PATH_CHAR}*(?:{_PARENS}{_PATH_CHAR}*)*(?:{_PATH_END}|{_PARENS})|@{_PATH_CHAR}+/)"
X_URL_RE = regex.compile(
    "(?i)(?<![a-z0-9@\uff20$#\uff03\u202a-\u202e])(?P<scheme>https?://)?"
    # Atomic and bounded (labels of at most 63 characters, at most 16 of them before the
    # top-level domain): unbounded, a long run of dotted labels ("a.a.a...zz@") backtracked
    # in cubic time. The lookahead is inside the group, so a domain still gives back labels
    # until what follows its end is allowed ("x.com." ends before the full stop).
    "(?P<domain>(?>(?:[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?\\.){1,16}(?P<tld>[a-z0-9-]{2,})"
    "(?![a-z0-9@+-])))(?::[0-9]{1,5})?"
    f"(?:/{_PATH}*)?"
    "(?:\\?[a-z0-9!?*'@();:&=+$/%#\\[\\]\\-_.,~|]*[a-z0-9\\-_&=#/])?")


# A dot between two letters or digits: the least a URL without a scheme needs (cheap, so
# prose without one skips the URL pattern).
_DOTTED = regex.compile(r"(?i)[a-z0-9]\.[a-z0-9]")


@functools.lru_cache(maxsize=1)
def _x_tlds() -> frozenset[str]:
    from importlib.resources import files

    text = files("brandvoice").joinpath("data/x_tlds.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#")
                     for w in line.split())


# A run without whitespace longer than this is text, not a URL: no URL in a reply is that
# long, and scanning such a run for a domain and a path costs more than it is worth.
MAX_URL_RUN = 4_000
_RUN = regex.compile(r"\S+")


def x_urls(text: str) -> list[tuple[int, int]]:
    """Spans of the URLs X counts as 23 in ``text``, as twitter-text 3.1 extracts them."""
    if not _DOTTED.search(text):
        return []
    if len(text) > MAX_URL_RUN:
        # Blank the long runs out (same length, so spans stay right): they count as text.
        text = _RUN.sub(lambda m: " " * len(m.group()) if len(m.group()) > MAX_URL_RUN
                        else m.group(), text)
    tlds = _x_tlds()
    out = []
    for m in X_URL_RE.finditer(text):
        if m.group("tld").lower() not in tlds:
            continue
        if not m.group("scheme") and m.start() and text[m.start() - 1] in "-_./":
            continue
        out.append(m.span())
    return out


def _weigh(text: str, spans: Iterable[tuple[int, int]], unit: int,
           rest: Callable[[str], int]) -> int:
    """``unit`` for every span, ``rest(...)`` for the text between them."""
    total = pos = 0
    for start, end in spans:
        total += rest(text[pos:start]) + unit
        pos = end
    return total + rest(text[pos:])


def _x_weight(text: str) -> int:
    if text.isascii():
        return len(text)  # ASCII has no emoji and no heavy characters
    return _weigh(text, (m.span() for m in EMOJI_RE.finditer(text)), 2, _plain_weight)


def _plain_weight(text: str) -> int:
    return len(text) + len(_X_HEAVY.findall(text))


def sms_segments(text: str) -> tuple[int, int, str]:
    """``(segments, units, encoding)`` for an SMS: encoding is ``GSM-7`` or ``UCS-2``."""
    if all(c in GSM7_BASIC or c in GSM7_EXTENDED for c in text):
        units = sum(2 if c in GSM7_EXTENDED else 1 for c in text)
        return (1 if units <= 160 else -(-units // 153)), units, "GSM-7"
    units = len(text.encode("utf-16-le")) // 2
    return (1 if units <= 70 else -(-units // 67)), units, "UCS-2"


def x_length_of(text: str, urls: list[tuple[int, int]]) -> int:
    """``x_length``, skipping the work when the reply has neither a URL nor a character
    outside ASCII (``urls``: the reply's URLs, as brandvoice finds them)."""
    lead = LEADING_MENTIONS.match(text)
    start = lead.end() if lead else 0
    if not text.isascii():
        return x_length(text)  # NFC normalisation may move offsets: take the full path
    if urls or _DOTTED.search(text):
        urls = x_urls(text)  # X's own idea of a URL (a trailing full stop is not in it)
    total, pos = 0, start
    for s, e in urls:
        if s < start:
            continue
        total += (s - pos) + 23
        pos = e
    return total + len(text) - pos


def measure(text: str, counting: str) -> int:
    if counting == "x":
        return x_length(text)
    if counting == "sms":
        return sms_segments(text)[1]
    return len(text)



@dataclass
class Config:
    severities: dict[str, str | None]
    patterns: dict[tuple[str, str], Any]


class ChannelCheck(Check):
    name = "channel"
    category = "channel"
    section = "channels"
    schema = SCHEMA.fields["channels"].type  # type: ignore[assignment]
    rules = RULES

    def sections(self) -> dict[str, Type]:
        # channels maps channel names, so the rule switches need a section of their own.
        # ``empty`` is left out: a blank reply can never be sent, whatever the voice says.
        switchable = {k: v for k, v in RULES.items() if k != "empty"}
        return {"channels": self.schema, "channel_rules": rules_field(switchable).type}

    def severity(self, voice: Voice, rule: str) -> str | None:
        if rule == "empty":
            return "error"
        value = voice.get("channel_rules", rule) or self.rules[rule].severity
        return None if value == "off" else str(value)

    def rule_source(self, voice: Voice, rule: str) -> str:
        return voice.source("channel_rules", rule)

    def configure(self, voice: Voice, nlp: Language) -> Config:
        patterns = {}
        for name in voice.channel_names:
            cfg = voice.channel(name)
            for what, default in (("greeting", DEFAULT_GREETING), ("sign_off", DEFAULT_SIGN_OFF)):
                key = f"{what}_pattern"
                patterns[(name, what)] = UserPattern(
                    cfg.get(key) or default, 0,
                    voice.source("channels", name, key) if cfg.get(key) else "builtin")
            if not cfg.get("sign_off_pattern"):
                patterns[(name, "sign_off_end")] = UserPattern(DEFAULT_SIGN_OFF, regex.REVERSE,
                                                               "builtin")
        return Config({rule: self.severity(voice, rule) for rule in RULES}, patterns)

    def check(self, reply: Reply, config: Config) -> Iterator[Finding]:
        cfg = reply.channel_config
        sev = config.severities
        voice = reply.voice
        ch = reply.channel
        text = reply.text
        if not text.strip():
            # Nothing else is worth saying about a blank reply, and nothing may pass it.
            yield reply.finding("channel.empty", "error", 0, len(text),
                                "the reply is empty or only whitespace; write the reply "
                                "before checking or sending it")
            return

        def src(key: str) -> str:
            return voice.source("channels", ch, key)

        counting = cfg["counting"]
        limit = cfg.get("max_length")
        # On X an ASCII reply is at most its length plus 19 a URL (a URL has a dot and at
        # least four characters, and counts 23): most replies are well under the limit.
        if sev["length"] and limit and not (counting == "x" and text.isascii() and
                                            len(text) + 19 * text.count(".") <= limit):
            n = x_length_of(text, reply.urls) if counting == "x" else measure(text, counting)
            if n > limit:
                how = {"x": "as X counts", "sms": "GSM-7/UCS-2 units"}.get(counting, "characters")
                yield reply.finding("channel.length", sev["length"], 0, len(text),
                                    f"{n} {how} on {ch}; the limit is {limit}: shorten by "
                                    f"{n - limit}", source=src("max_length"))
        if sev["sms_segments"] and counting == "sms" and cfg.get("max_segments"):
            segments, units, enc = sms_segments(text)
            if segments > cfg["max_segments"]:
                why = " (one character outside GSM-7 makes the whole message UCS-2)" \
                    if enc == "UCS-2" else ""
                yield reply.finding("channel.sms_segments", sev["sms_segments"], 0, len(text),
                                    f"{segments} SMS segments ({units} {enc} units){why}; at "
                                    f"most {cfg['max_segments']}", source=src("max_segments"))
        # The @handles that open a reply are its recipients, not mentions in the text.
        lead = LEADING_MENTIONS.match(text) if reply.mentions else None
        mentions = [m for m in reply.mentions if not lead or m[0] >= lead.end()]
        for rule, key, items, noun in (
            ("hashtags", "max_hashtags", reply.hashtags, "hashtags"),
            ("mentions", "max_mentions", mentions, "@mentions"),
        ):
            most = cfg.get(key)
            severity = sev[rule]
            if severity and most is not None and len(items) > most:
                s = items[most][0]
                yield reply.finding(f"channel.{rule}", severity, s, items[-1][1],
                                    f"{len(items)} {noun} on {ch}; at most {most}",
                                    source=src(key))
        if sev["links"] and cfg.get("links") is False:
            for s, e in reply.urls:
                yield reply.finding("channel.links", sev["links"], s, e,
                                    f"links are not allowed on {ch}; give directions in words",
                                    source=src("links"))
        policy = cfg["emoji"]
        if sev["emoji"] and reply.emoji and policy != "allowed":
            most = 0 if policy == "none" else cfg["max_emoji"]
            if len(reply.emoji) > most:
                s = reply.emoji[most][0]
                yield reply.finding("channel.emoji", sev["emoji"], s, reply.emoji[-1][1],
                                    f"{len(reply.emoji)} emoji on {ch}, where the voice allows "
                                    f"{most}", source=src("emoji"))
        yield from self._presence(reply, config, "greeting", src)
        yield from self._presence(reply, config, "sign_off", src)

    def _presence(self, reply: Reply, config: Config, what: str, src: Any) -> Iterator[Finding]:
        rule_sev = config.severities[what]
        wanted = reply.channel_config.get(what, "optional")
        if rule_sev is None or wanted == "optional":
            return
        pattern = config.patterns.get((reply.channel, what)) or UserPattern(
            DEFAULT_GREETING if what == "greeting" else DEFAULT_SIGN_OFF)
        pack = pack_of(reply) if what == "greeting" else None
        if pack is not None and not reply.channel_config.get("greeting_pattern"):
            # The default greeting pattern is English: read the reply's own language's.
            if pack.greeting is None:
                return
            pattern = _pack_greeting(pack.greeting, pack.name)
        text = reply.text.rstrip()
        label = "greeting" if what == "greeting" else "sign-off"
        if what == "sign_off" and wanted == "required" and (
                not _last_part(text) or not reply.words or (
                    reply.channel_config.get("counting") == "x" and not text.startswith("@")
                    and (reply.urls or reply.hashtags))):
            # Part 1 of a thread or a cut-off tweet (the sign-off comes later), a reply of
            # links only, or a broadcast post on X (no @recipient, a link or hashtag to
            # share): not a signed reply.
            return
        try:
            if what == "greeting":
                lead = LEADING_MENTIONS.match(text)
                offset = lead.end() if lead else 0
                m = pattern.match(text, offset)
            else:
                # A sign-off is in the last lines, before any trailing links or thread
                # counter. Searched from the end first (same matches, without trying the
                # pattern's lookbehinds at every character); the forward pattern then gives
                # the full span of a forbidden one.
                tail = SIGN_OFF_TAIL.search(text, max(0, len(text) - SIGN_OFF_WINDOW * 2))
                body = text[:tail.start()] if tail else text
                if pattern.source == "builtin":
                    backward = config.patterns.get((reply.channel, "sign_off_end")) or pattern
                    m = backward.search(body, max(0, len(body) - SIGN_OFF_WINDOW)) or \
                        (tail and backward.search(text, max(0, len(text) - SIGN_OFF_WINDOW)))
                    if m and wanted == "forbidden":
                        m = pattern.search(m.string, max(0, m.start() - SIGN_OFF_WINDOW)) or m
                else:  # the voice's own pattern sees the whole reply, as it was written for
                    m = pattern.search(body) or (tail and pattern.search(text))
        except PatternTimeout:
            yield reply.finding(f"channel.{what}", "warning", 0, 0,
                                f"the {label} pattern timed out on this reply, so the {label} "
                                "could not be checked; simplify the pattern (lint flags it)",
                                source=pattern.source or src(what))
            return
        if m and what == "sign_off" and _is_recipient(text, m.group()):
            m = None  # "Sorry for the trouble, Rob!" to @rob names the customer, not the agent
        if wanted == "required" and not m:
            pos = 0 if what == "greeting" else len(text)
            yield reply.finding(f"channel.{what}", rule_sev, pos, pos,
                                f"{reply.channel} replies {'open' if what == 'greeting' else 'end'}"
                                f" with a {label}; add one", source=src(what))
        elif wanted == "forbidden" and m:
            yield reply.finding(f"channel.{what}", rule_sev, m.start(), m.end(),
                                f"{reply.channel} replies have no {label}; remove it",
                                suggestion="", source=src(what))


def _is_recipient(text: str, sign_off: str) -> bool:
    """Whether a bare-name "sign-off" is the name of the reply's first @recipient."""
    name = sign_off.strip(" \t\n.!,").lower()
    first = FIRST_HANDLE.match(text)
    return bool(first and name.isalpha() and len(name) >= 2 and
                first.group(1).lower().startswith(name))


FIRST_HANDLE = regex.compile(r"\s*@(\w+)")


def _last_part(text: str) -> bool:
    """False for a reply that is not the end of what the customer reads: an early part of a
    numbered thread ("1/2" at its start or end) or a tweet cut off with "..." and a link."""
    body = LEADING_MENTIONS.sub("", text, count=1)
    for m in (THREAD_COUNTER.match(body), THREAD_COUNTER.search(body[-12:])):
        if m and 0 < int(m.group(1)) < int(m.group(2)) <= 20:
            return False
    return not TRUNCATED.search(text) and not text.endswith((",", ":"))


@functools.lru_cache(maxsize=32)
def _pack_greeting(pattern: str, language: str) -> UserPattern:
    return UserPattern(pattern, regex.IGNORECASE, source=f"the {language} language pack")


@hookimpl
def brandvoice_register_checks() -> list[Check]:
    return [ChannelCheck()]
