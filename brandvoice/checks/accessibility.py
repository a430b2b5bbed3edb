"""Accessibility: what screen readers, magnifiers and people with cognitive disabilities trip
over in social replies.

Fancy Unicode "fonts" are read letter by letter or skipped; hashtags need CamelCase to be
read as words; emoji are read by their names ("red heart"), so many, repeated, or standing in
for words are a burden; link text must say where it goes; directions must not rely on sight.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex

from brandvoice.analysis.lexicons import CAPS_RUN, reply_is_english
from brandvoice.analysis.readability import CMUDictionary, cmu_dictionary
from brandvoice.checks.base import Check, Rule, rules_field
from brandvoice.config.schema import Field, Int, ListOf, Record, Str
from brandvoice.patterns import Alternatives
from brandvoice.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from spacy.language import Language

    from brandvoice.analysis.reply import Reply
    from brandvoice.findings import Finding
    from brandvoice.voice import Voice

RULES = {
    "fancy_text": Rule("error", "Unicode 'fancy font' letters that screen readers cannot read."),
    "hashtag_case": Rule("warning", "A multi-word hashtag not in CamelCase."),
    "hashtag_position": Rule("warning", "A hashtag in the middle of a sentence."),
    "emoji_count": Rule("warning", "More emoji than max_emoji."),
    "emoji_bullet": Rule("warning", "Emoji used as list bullets."),
    "emoji_between_words": Rule("warning", "An emoji standing in for a word mid-sentence."),
    "emoji_repeated": Rule("warning", "The same emoji three or more times in a row."),
    "emoticon": Rule("warning", "ASCII emoticons or ASCII art (one common smiley on its own "
                     "is info unless the voice sets the severity)."),
    "all_caps": Rule("warning", "A word in capitals that is not an acronym (emphasis)."),
    "acronym": Rule("warning", "An acronym that is not common and not spelled out (names, "
                    "initials and codes are not acronyms)."),
    "link_text": Rule("warning", "Link text that does not say where it goes ('click here')."),
    "visual_direction": Rule("warning", "Directions that rely on sight ('the green button')."),
    "alt_text_missing": Rule("error", "An image without alt text."),
    "alt_text_long": Rule("warning", "Alt text longer than the platform shows."),
}

COMMON_ACRONYMS = (
    "OK", "FAQ", "PIN", "ID", "UK", "US", "USA", "EU", "ATM", "SMS", "DM", "DMs", "TV", "PC",
    "API", "URL", "PDF", "ETA", "ASAP", "FYI", "CEO", "VIP", "UPS", "DHL", "NHS", "HMRC",
    "IRS", "GP", "BBC", "CNN", "NFL", "NBA", "AM", "PM", "USB", "HD", "GPS", "WIFI", "WiFi",
    "LTE", "SIM", "IT", "HR", "PR", "Q", "A", "I", "UTC", "GMT", "EST", "PST", "CST", "BST",
    "NY", "LA", "DC", "VAT", "IBAN", "PayPal", "iOS", "MMS", "RSVP", "MP3", "4G", "5G", "3G",
    "APR", "ISA", "NI", "DVLA", "DWP", "UCAS", "FCA", "FDIC", "SSN", "DOB", "PO", "NHS", "EMEA",
    "AI", "GB", "MB", "KB", "TB", "ML", "IP", "VPN", "QR", "OTP", "2FA", "MFA",
    "HDMI", "DSL", "HP", "SVG", "PNG", "JPG", "JPEG", "GIF", "CD", "DVD", "PS", "PS4", "PS5",
    "ET", "PT", "CT", "MT", "CET", "EDT", "PDT", "CDT", "AEST", "IST", "NZ", "AU", "CA",
    "LAX", "JFK", "LHR", "SMS", "CC", "TBC", "TBA", "NB", "AKA", "DIY", "FAQs", "ISP", "PSA",
    # Not UX or UI: designers' words ("our UX team"); a reply says "the people who design the
    # app" or "the app's screens".
    # Not RMA or SKU: back-office words ("your RMA has been approved") a customer has to
    # look up; a reply says "your return" or "the item" (with the letters in brackets).
    "UPC", "ISBN", "EV", "AC", "DC", "HVAC", "LED", "LCD", "OLED", "RAM", "CPU",
    "GPU", "SSD", "HTML", "CSS", "PHP", "SQL", "JSON", "XML", "HTTP", "HTTPS", "WWW", "ASAP",
    "BTW", "FYI", "IMO", "DMV", "ATM", "PPE", "COVID", "TSA", "CBP", "NASA", "UN", "WHO",
    "STOP",  # the SMS opt-out keyword carriers require in capitals
    "WWII", "WW2", "WWI", "ZIP", "ID", "IDs", "LOL", "OMG", "TY", "THX", "PLS", "BTW",
    "ASAP", "NYC", "SF", "DVR", "4K", "HDR", "TSA", "ESPN", "HBO", "NBC", "ABC", "CBS",
    # Household names and terms most customers read without thinking: organisations, carriers,
    # networks and everyday tech (operating system, headquarters, virtual reality).
    "OS", "HQ", "USPS", "PSN", "MOT", "GCSE", "AA", "RAC", "ITV", "BT", "EE", "VR", "AR",
    "UAE", "NATO", "FIFA", "UEFA", "MLB", "NHL", "BMW", "VW", "HSBC", "TSB", "RBS", "DPD",
    "IKEA", "ASDA", "UPS", "FedEx", "SUV", "MPH", "KM", "CM", "MM", "KG", "LB", "OZ", "ML",
    "AM", "FM", "CV", "PhD", "MBA", "BA", "MA", "MSc", "BSc", "DJ", "MC", "CCTV", "RRP",
    "T&C", "T&Cs", "TV", "ID", "QR", "PDFs", "URLs", "SMSs", "PINs", "ATMs",
    "XP", "DLC", "FPS", "RPG", "NPC", "PvP", "MMO",  # games: what every player reads
)
# Words spelled as they sound ("feel the LUV", "THRU Friday"): like LOL and THX above, a
# word in play, not an acronym to spell out (tone.formality weighs textspeak).
RESPELLINGS = ("LUV", "LUVS", "NITE", "TONITE", "THRU", "THO", "KOOL", "GR8", "L8R", "B4",
               "CYA", "XOXO", "XO", "PLZ", "TX", "SRSLY", "NOOB", "WANNA", "GONNA", "GOTTA")
# Short capitalised words that are English words, not acronyms: "WE DEMAND", "thank YOU".
SHOUTED_SHORT = frozenset("we us me my no so do go he be by up oh hi or an am is it".split())

# Fancy-font blocks: mathematical alphanumerics, fullwidth forms, enclosed alphanumerics,
# squared/parenthesised letters, small capitals and modifier letters used as "tiny text".
FANCY = regex.compile(
    r"[\U0001D400-\U0001D7FF\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u2460-\u24FF\U0001F100-\U0001F1E5"
    r"\u1D00-\u1D2B\u1D43-\u1D6A\u02B0-\u02B8\u1DA0-\u1DBF]"
    r"(?:[\s\p{P}]*[\U0001D400-\U0001D7FF\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u2460-\u24FF\U0001F100-\U0001F1E5"
    r"\u1D00-\u1D2B\u1D43-\u1D6A\u02B0-\u02B8\u1DA0-\u1DBF])*"
)
# Struck-through or underlined text made of combining marks ("s̶a̶l̶e̶"): two letters or more.
OVERLAY = regex.compile(r"[\u0332\u0333\u0335-\u0338]")
STRUCK = regex.compile(r"(?:[\p{L}\p{N}][\u0332\u0333\u0335-\u0338]+){2,}")
EMOTICON = regex.compile(
    r"(?<![\w:/])(?:[:;=8][\-'^o]?[)(\]\[DPpOo3|/\\*]{1,3}|[)(\]\[D][\-']?[:;=]|<3|"
    r"\^_+\^|[oO]_[oO]|-_+-|[xX]D|T_T|¯\\_\(ツ\)_/¯|\(╯°□°\)╯︵ ┻━┻|ಠ_ಠ)(?![\w/])"
)
COMMON_SMILEYS = frozenset(":) :-) :( :-( ;) ;-) :D :-D".split())
# Only lines with no letters or digits are candidates (the lookahead), and the search has a
# time limit: nested repetition over symbols backtracks badly on long runs of punctuation.
ASCII_ART_LINE = regex.compile(r"^(?=[^\w\n]*$)[^\w\s]{2,}(?:\s*[^\w\s]{2,}){2,}\s*$",
                               regex.M)
# A line with no letters or digits: where every ASCII_ART_LINE match starts (its lookahead).
NO_WORD_LINE = regex.compile(r"^[^\w\n]*$", regex.M)
LINK_TEXT = regex.compile(
    r"(?i)\b(?:click|tap|go|look|see)\s+here\b|\bread\s+more\b|\blearn\s+more\b"
    r"|\b(?:click|tap)\s+(?:below|above)\b|\blink\s+in\s+(?:our|my|the)\s+bio\b"
    r"|\bmore\s+info(?:rmation)?\s+(?:here|at)\b"
    r"|\bthis\s+link\b|\bfollow\s+(?:this|the)\s+link\b|\blink\s+(?:below|above)\b"
    r"|\bhere(?:'s|’s|\s+is)\s+(?:the|a)\s+link\b"
    r"|\b(?:click|tap|press)\s+(?:on\s+)?(?:the|this)\s+link\b"
)
# Only right before a link (see URL_NEXT): "all the details are here: <url>", "more details
# can be found here", "find it here", "check this out <url>" (here is what, for what?).
# Without a link they mean something else ("we'll check it out"). Run only when the reply has
# the words (AT_URL_WORDS): most replies do not, and the scan is not free.
LINK_AT_URL = regex.compile(
    r"(?i)\b(?:details|info(?:rmation)?|everything|it|they|all\s+you\s+need)\s+"
    r"(?:is|are|(?:can|may)\s+be\s+found)\s+here"
    r"|\bfind\s+(?:it|them|this|out\s+more|more|everything|(?:all\s+)?(?:the\s+)?details)"
    r"\s+here|\bcheck\s+(?:this|it|them)\s+(?:out|here)"
    # A bare pointer that is the whole sentence ("Details here 👉", "More info here:") or
    # an invitation to read whatever it is ("have a read of this", "take a look at this").
    # Not "tell us more here" or "send your details here": a form, and the sentence says so.
    r"|(?<=^\s*|[.!?]\s{1,3})(?:(?:see|find)\s+)?(?:(?:more\s+)?"
    r"(?:details|info|information|more)\s+)?here"
    r"|\bfind\s+out\s+more(?:\s+(?:here|at\s+(?:the|this)\s+link))?"
    r"|\bread\s+(?:it|them|this|more)\s+here|(?<=^\s*|[.!?]\s{1,3})link(?=\s*:)"
    r"|\b(?:read|look|peek)\s+(?:of|at)\s+(?:this|these)|\bread\s+(?:this|these)"
)
# The same matches, a search per alternative: the whole pattern tried every alternative (and
# its lookbehinds) at every position, four times slower.
LINK_AT_URL_PARTS = Alternatives(LINK_AT_URL)
# Every spelling of LINK_AT_URL has one of these words (a cheap gate: "is" and "this" were
# in nearly every reply, and the pattern's lookbehinds are slow to try at every position).
AT_URL_WORDS = frozenset("here link check find read look peek".split())
# The link follows: after a colon or dash, or a pointing emoji ("Details here 👉 https://").
URL_NEXT = regex.compile(r"\s*[:\-–—.!]?\s*(?:[👉👇⬇➡↓→]\uFE0F?\s*)?(?:https?://|www\.)")
VISUAL = regex.compile(
    r"(?i)\b(?:(?:red|green|blue|orange|yellow|grey|gray|purple|pink|black|white)\s+"
    r"(?:button|link|icon|tab|box|banner|arrow|bar)|(?:button|icon|link|tab|menu|option|arrow)"
    r"\s+(?:on|in|at)\s+the\s+(?:left|right)|(?:top|bottom)[\s-](?:left|right)(?:\s+corner)?"
    r"|(?:image|picture|screenshot|diagram|chart)\s+(?:below|above)|see\s+(?:below|above)"
    r"|(?:on|to)\s+the\s+(?:left|right)(?:[\s-]hand)?\s+(?:side\s+)?of\s+the\s+(?:screen|page)"
    r")\b"
)
# What only a picture or a control's look says; run only when the reply has one of
# VISUAL_MORE_WORDS.
VISUAL_MORE = regex.compile(
    r"(?i)\b(?:"
    # What only an image says: "the steps in the screenshot", "see the attached picture",
    # "circled in red", "the icon that looks like a cog". Not the customer's own image ("the
    # error in the screenshot you sent").
    r"(?:(?:see|shown|look|follow|steps|circled|marked|highlighted|details|info|information|"
    r"instructions|everything)\b[^.!?\n]{0,30}?\b"
    r"(?:in|on)\s+(?:the|our)|(?:in|on)\s+this)\s+(?:attached\s+)?"
    r"(?:screenshot|picture|pic|image|photo|diagram|graphic)(?!\s+(?:you|u)\b)"
    # Controls named by how they look, not by their label ("the cog icon", "the highlighted
    # button", "the tab with the star"): a screen reader announces "Settings", not "cog".
    r"|(?:cog|gear|tick|star|heart|bell|pencil|plus|cross|hamburger|three[- ]dots?|"
    r"magnifying\s+glass|padlock|paperclip|speech\s+bubble|little|small|round|square)\s+"
    r"(?:icon|symbol)"
    r"|(?:highlighted|bold|flashing|blinking|underlined|coloured|colored|greyed[- ]out|"
    r"grayed[- ]out)\s+(?:text|field|button|link|box|icon|word|area|section|tab|option)"
    r"|(?:icon|symbol|button|tab|option)\s+with\s+(?:the|a|an)\s+(?:\w+\s+)?"
    r"(?:tick|star|cog|gear|heart|arrow|cross|plus|dot|dots|picture|image|circle)"
    r"|(?:attached|enclosed)\s+(?:screenshot|picture|image|photo|diagram|graphic)s?"
    r"|(?:screenshot|picture|image|photo|diagram)s?\s+(?:we've|we\s+have)\s+(?:attached|added)"
    r"|(?:circled|highlighted|underlined|marked)\s+in\s+(?:red|green|blue|orange|yellow|pink)"
    r"|(?:icon|button|symbol)\s+that\s+looks\s+like)\b"
)
PICTURE = regex.compile(r"(?i)screenshot|picture|\bpic\b|image|photo|diagram|graphic|chart|circled|"
                        r"highlighted|underlined|marked|looks\s+like")
DIGITS_UNDERSCORE = regex.compile(r"[\d_]")
NEXT_WORD = regex.compile(r"\s*([\w@])")
SENTENCE_END = regex.compile(r"[.!?\n]")
LETTER = regex.compile(r"[^\W\d_]")
NOUN_SLOT = regex.compile(r"(?i)\b(?:a|an|the|your|our|my|this|that|these|those|some|great|"
                          r"lovely|new|favourite|favorite|little|big|nearest|closest|local|"
                          r"usual|latest)\s$")
NEXT_LOWER = regex.compile(r"\s(?:and|or|with|for|from|on|in|is|are|was|at|to|\p{Ll}+)\b")
PRONOUN_I = regex.compile(r"(?:^|\s)I $")
KEYCAP = regex.compile(r"[0-9#*]\uFE0F?\u20E3")
# Where a keycap can number a step: after a clause ends ...
STEP_BOUNDARY = ("\n", ",", ";", ".", ":")
# ... and before a word that starts a step: a capital, or a lower-case word that is not a
# preposition, article or conjunction ("2️⃣ tap Settings", not "2️⃣ for billing").
STEP_WORD = regex.compile(r"[ \t]*(?:\p{Lu}|(?!(?:for|to|and|or|nor|of|in|on|at|by|with|from|"
                          r"into|via|per|the|a|an|is|are|was|were|be|if|as|than)\b)\p{Ll})")
VERB_SLOT = regex.compile(r"(?i)\b(?:we['’]ll|i['’]ll|we\s+will|i\s+will|we\s+can|"
                          r"happy\s+to|we['’]d\s+love\s+to|please)\s$")
# After a linking verb the emoji is the word the sentence needs ("the restock is 🔜 and",
# "it's gonna be 🔥", "your refund is ✅ now"); not a pointer to a link ("here it is 👇").
# "'s" only after a pronoun: "@name's 😂" is a possessive.
COPULA_BEFORE = regex.compile(r"(?i)\b(?:is|are|was|were|be|am|looks?|feels?|seems?|sounds?|"
                              r"(?:it|that|this|what|there|here|he|she|who|everything)['’]s|"
                              r"(?:we|you|they)['’]re|i['’]m)\s$")
COPULA_AFTER = regex.compile(r"\s*(?:[,.!?;]|$)|\s+\p{Ll}")
# "What a day it is 🙌", "here it is 🎉": the sentence is whole before the emoji at its end.
INVERTED_BEFORE = regex.compile(r"(?i)\b(?:it|he|she|they|we|you|i|there|here|this|that|what|"
                                r"who)\s+(?:is|are|was|were|am)\s$")
CLAUSE_END_AFTER = regex.compile(r"\s*(?:[,.!?;]|$)")
ARROWS = frozenset("➡⬅⬆⬇↔→←↑↓⇒")
# An emoji beside "=" whose other side is an emoji or a word on its own ("the 📱 = 🔒"), or
# beside "+" with an emoji on the other side ("🚚 + 🔁"): an equation of pictures. Not a
# sign glued to a word ("Disney+ 🎉"), nor "🚚 + free returns" (a plus between phrases).
_PICT = r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3][\ufe0f\p{Emoji_Modifier}]*"
REBUS_SIGN_BEFORE = regex.compile(rf"(?:(?:^|[\s\ufe0f\p{{Extended_Pictographic}}])=|{_PICT}\s*\+)"
                                  r"\s*$")
REBUS_SIGN_AFTER = regex.compile(rf"\s*(?:=(?!\s*\d)(?=\s|{_PICT}|$)|\+\s*{_PICT})")
POINTERS = frozenset("👇👉👈👆⬇➡⬅⬆↓→←↑☝")
JOINING_WORD = regex.compile(r" (?:and|but|so|or|we|i|you|thanks|thank)\b")
# Each pattern above needs one of these words or characters: a cheap test first.
LINK_WORDS = frozenset("here more link info information out this these below above bio"
                       .split())
# Link text is descriptive enough when its sentence says what the link is for: "use the link
# below to DM us", "this link has the steps", "learn more about claims here".
LINK_PURPOSE_AFTER = regex.compile(
    r"(?i)\b(?:to\s+(?!the\b|this\b|that\b|our\b|a\b|it\b)\w+|for\s+\w+|about\s+\w+|"
    r"with\s+\w+|has|have|shows?|explains?|lists?|covers?|includes?|will|"
    r"(?:from|on|to|for|at|in)\s+(?:the|our|your)\s+(?:\w+\s+){0,3}(?:website|site|page|app|"
    r"form|policy|guide|centre|center|article|faqs?|store|account|portal|settings))\b")
# "More info here:" right after a sentence that names the topic reads as that topic's link.
MORE_HERE = regex.compile(r"(?i)^(?:more\s+info(?:rmation)?\s+(?:here|at)|learn\s+more|"
                          r"read\s+more|here(?:'s|’s|\s+is)\s+(?:the|a)\s+link|"
                          r"(?:(?:see|find|look|go)\s+)?(?:(?:more\s+)?(?:details|info|"
                          r"information|more)\s+)?here|find\s+out\s+more)$")
# "The best way to avoid scams is in this link", "steps to fix it are here": the sentence
# says what the link is for before the link text.
PURPOSE_BEFORE = regex.compile(r"(?i)\b(?:way|ways|how|where|steps?|guide|form|tips?)\s+to\s+"
                               r"\w+")
LINK_PURPOSE = regex.compile(
    r"(?i)\b(?:about\s+\w+|DM|message|contact|call|chat|steps|instructions|guide|claim|form|forums?|"
    r"support|help|reset|track|book|apply|register|sign|log|update|download|install|refund|"
    r"return|report|policy|article|guide|feedback)\b")
SENTENCE_SPAN = regex.compile(r"[^.!?\n]*")
VISUAL_WORDS = frozenset("button link icon tab box banner arrow bar menu option left right top "
                         "bottom below above".split())
VISUAL_MORE_WORDS = frozenset("screenshot screenshots picture pictures pic image images photo "
                              "photos diagram graphic circled highlighted underlined marked "
                              "symbol icon bold flashing blinking coloured colored greyed grayed "
                              "attached enclosed tick star cog gear heart cross plus dot dots "
                              "circle arrow".split())
EMOTICON_HINT = regex.compile(r"[:;=^<¯ಠ_]|[xX]D|8\)")
CAPS_WORD = regex.compile(r"(?<![\w^~*/\-–—'’])[A-Z][A-Z0-9]*[A-Z](?:s)?(?![\w])")
# The rest of a contraction in capitals: "DON'T", "YOU'RE", "CAN'T".
CAPS_CONTRACTION = regex.compile(r"['’](?:T|RE|LL|VE|D|M|S)\b")
EXPANSION = regex.compile(r"\(([A-Z][A-Za-z0-9]{1,9})\)")

SCHEMA = Record({
    "max_emoji": Field(Int(0, 100), "Most emoji in one reply.", default=3),
    "acronyms": Field(ListOf(Str(min_length=1)), "Acronyms readers know, beyond the built-in "
                      "list; never flagged.", example=["ISA", "SCONE"]),
    "alt_text_max": Field(Int(1, 10000), "Default longest alt text, in characters; channels "
                          "may set their own.", default=1000),
    "min_hashtag_letters": Field(Int(2, 100), "Lower-case hashtags shorter than this are not "
                                 "checked for CamelCase.", default=7),
    "rules": rules_field(RULES),
}, doc="Accessibility rules and limits.")


@dataclass
class Config:
    severities: dict[str, str | None]
    acronyms: frozenset[str]
    max_emoji: int
    alt_text_max: int
    min_hashtag_letters: int
    cmu: CMUDictionary
    common_words: frozenset[str]


def split_words(tag: str, cmu: CMUDictionary) -> tuple[str, ...] | None:
    """Split a lower-case run like ``customerservice`` into dictionary words (fewest
    pieces, each of at least two letters), or None when it is one word or cannot be split."""
    low = tag.lower()
    if low in cmu or len(low) < 4:
        return None
    n = len(low)
    best: list[tuple[int, int] | None] = [None] * (n + 1)  # (pieces, previous cut)
    best[0] = (0, 0)
    for end in range(2, n + 1):
        for start in range(max(0, end - 20), end - 1):
            prev = best[start]
            piece = low[start:end]
            if prev is None or piece not in cmu or (len(piece) < 3 and piece not in
                                                    ("my", "me", "we", "us", "to", "in", "on",
                                                     "up", "go", "no", "do", "of", "at", "it",
                                                     "is", "be", "by", "hi", "an", "or", "so")):
                continue
            cand = (prev[0] + 1, start)
            if best[end] is None or cand[0] < best[end][0]:  # type: ignore[index]
                best[end] = cand
    if best[n] is None:
        return None
    pieces, end = [], n
    while end > 0:
        start = best[end][1]  # type: ignore[index]
        pieces.append(low[start:end])
        end = start
    return tuple(reversed(pieces)) if len(pieces) > 1 else None


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The Dale-Chall list of about 3,000 words most readers know, shipped with textstat:
    "ALL" or "YOU" in capitals is a shouted word, not an acronym. Read from textstat's
    package folder without importing textstat (which imports NLTK: half a second)."""
    from brandvoice.analysis.readability import easy_words

    return frozenset(w for w in easy_words("en") if len(w) >= 3)


@lru_cache(maxsize=4096)
def _split_cached(tag: str) -> tuple[str, ...] | None:
    return split_words(tag, cmu_dictionary())


class AccessibilityCheck(Check):
    name = "accessibility"
    category = "accessibility"
    section = "accessibility"
    schema = SCHEMA
    rules = RULES

    def configure(self, voice: Voice, nlp: Language) -> Config:
        section = voice.section("accessibility")
        cmu = cmu_dictionary()
        return Config(
            severities={rule: self.severity(voice, rule) for rule in RULES},
            acronyms=frozenset(COMMON_ACRONYMS) | frozenset(RESPELLINGS) |
            frozenset(section.get("acronyms") or ()),
            max_emoji=section["max_emoji"],
            alt_text_max=section["alt_text_max"],
            min_hashtag_letters=section["min_hashtag_letters"],
            cmu=cmu,
            common_words=_common_words(),
        )

    def check(self, reply: Reply, config: Config) -> Iterator[Finding]:
        sev = config.severities
        voice = reply.voice

        def f(rule: str, start: int, end: int, message: str, suggestion: str | None = None,
              source: str | None = None) -> Finding:
            return reply.finding(f"accessibility.{rule}", sev[rule] or "info", start, end,
                                 message, suggestion=suggestion,
                                 source=source or self.rule_source(voice, rule))

        text = reply.text
        if sev["fancy_text"] and not reply.ascii:
            for m in FANCY.finditer(text):
                plain = unicodedata.normalize("NFKC", m.group())
                yield f("fancy_text", m.start(), m.end(),
                        "fancy Unicode letters are read out one by one or skipped by screen "
                        "readers; use plain text", suggestion=plain if plain != m.group() else None)
            for m in STRUCK.finditer(text):
                yield f("fancy_text", m.start(), m.end(),
                        "letters struck through or underlined with combining marks are read "
                        "with each mark, or skipped, by screen readers; use plain words "
                        "('was £20, now £15')", suggestion=OVERLAY.sub("", m.group()))
        yield from self._hashtags(reply, config, f)
        yield from self._emoji(reply, config, f)
        if sev["emoticon"] and EMOTICON_HINT.search(text):
            found = list(EMOTICON.finditer(reply.prose))
            # One common smiley (":)", ":-(") is announced as "smiley" by most screen readers:
            # a hint, unless the voice sets the severity. Several, or faces such as "^_^",
            # "xD" and "¯\_(ツ)_/¯", are read out symbol by symbol.
            mild = len(found) == 1 and found[0].group() in COMMON_SMILEYS and \
                self.rule_source(voice, "emoticon") == "builtin"
            for m in found:
                yield reply.finding(
                    "accessibility.emoticon", "info" if mild else sev["emoticon"] or "info",
                    m.start(), m.end(),
                    f"emoticon {m.group()!r} is read as punctuation by screen readers; use words",
                    source=self.rule_source(voice, "emoticon"))
            try:
                # A line of ASCII art has no letters or digits: most replies have no such line,
                # and the cheap test spares them the pattern (and its timeout's cost).
                art = list(ASCII_ART_LINE.finditer(text, timeout=0.05)) \
                    if NO_WORD_LINE.search(text) else []
            except TimeoutError:
                art = []  # a wall of punctuation: the emoticon findings above cover it
            for m in art:
                yield f("emoticon", m.start(), m.end(),
                        "ASCII art is read as a string of symbols; describe it in words")
        yield from self._caps(reply, config, f)
        words = reply.lower_set
        if sev["link_text"] and not LINK_WORDS.isdisjoint(words):
            prose = reply.prose
            found_links = list(LINK_TEXT.finditer(prose))
            if reply.urls and not AT_URL_WORDS.isdisjoint(words):
                # URL_NEXT needs "http(s)://" or "www.": a bare domain keeps no match.
                found_links = _first_of_overlaps(
                    found_links + [m for m in LINK_AT_URL_PARTS.finditer(prose)
                                   if URL_NEXT.match(text, m.end())]
                    if "://" in text or "www." in text else found_links)
            first_word = WORD3.search(prose)
            for m in found_links:
                # The sentence around the link text, at most 200 characters each way: without
                # a sentence break, whole-reply scans per match were quadratic.
                lo = max(0, m.start() - 200)
                head = max(lo, max(prose.rfind(c, lo, m.start()) for c in ".!?\n") + 1)
                tail = SENTENCE_SPAN.match(prose, m.end(), m.end() + 200)
                after = prose[m.end():tail.end() if tail else min(len(prose), m.end() + 200)]
                if MORE_HERE.match(m.group()) and first_word is not None and \
                        first_word.end() <= head:
                    continue  # "more info here" after the sentence that names the topic
                if LINK_PURPOSE_AFTER.search(after) or \
                        PURPOSE_BEFORE.search(prose, head, m.start()) or \
                        LINK_PURPOSE.search(prose[head:m.start()] + " " + after):
                    continue
                yield f("link_text", m.start(), m.end(),
                        f"{m.group()!r} does not say where the link goes; name the "
                        "destination ('see our refund policy')")
        if sev["visual_direction"]:
            found_visual = list(VISUAL.finditer(reply.prose)) \
                if not VISUAL_WORDS.isdisjoint(words) else []
            if not VISUAL_MORE_WORDS.isdisjoint(words):
                found_visual = _first_of_overlaps(found_visual +
                                                  list(VISUAL_MORE.finditer(reply.prose)))
            for m in found_visual:
                if PICTURE.search(m.group()):
                    why = "only the picture says it; put what it shows in words"
                else:
                    why = "name the control or the page instead ('tap Settings')"
                yield f("visual_direction", m.start(), m.end(),
                        f"{m.group()!r} relies on sight; {why}")
        yield from self._alt_text(reply, config, f)

    def _hashtags(self, reply: Reply, config: Config, f: Any) -> Iterator[Finding]:
        sev = config.severities
        text = reply.text
        for start, end, tag in reply.hashtags:
            letters = DIGITS_UNDERSCORE.sub("", tag)
            if sev["hashtag_case"] and (tag.islower() or (tag.isupper() and len(tag) > 4)) \
                    and len(letters) >= config.min_hashtag_letters:
                parts = _split_cached(letters)
                if parts:
                    camel = "".join(p.capitalize() for p in parts)
                    yield f("hashtag_case", start, end,
                            f"#{tag} is several words; write it in CamelCase so screen readers "
                            f"read the words", suggestion=f"#{camel}")
            if sev["hashtag_position"]:
                # On the prose: a link, a mention or more hashtags after the tag are blanks
                # ("#justsaying https://..." ends the reply), and 200 characters are plenty
                # to see whether words follow in the same sentence.
                after = reply.prose[end:end + 200]
                nxt = NEXT_WORD.match(after)
                sentence_rest = SENTENCE_END.split(after, maxsplit=1)[0]
                before = text[max(0, start - 200):start].rstrip()
                if nxt and LETTER.search(sentence_rest) \
                        and before and not before.endswith(("#", ".", "!", "?", ":")):
                    yield f("hashtag_position", start, end,
                            f"#{tag} sits mid-sentence; screen readers announce 'hashtag', "
                            "so put hashtags at the end")

    def _emoji(self, reply: Reply, config: Config, f: Any) -> Iterator[Finding]:
        emoji = reply.emoji
        if not emoji:
            return
        sev = config.severities
        text = reply.text
        policy = reply.channel_config.get("emoji", "allowed")
        channel_most = 0 if policy == "none" else int(reply.channel_config.get("max_emoji", 1))
        # channel.emoji already reports these emoji when the channel limits them harder.
        channel_reports = policy != "allowed" and len(emoji) > channel_most and \
            channel_most <= config.max_emoji
        if sev["emoji_count"] and len(emoji) > config.max_emoji and not channel_reports:
            s = emoji[config.max_emoji][0]
            yield f("emoji_count", s, emoji[-1][1],
                    f"{len(emoji)} emoji; screen readers read each one's name: use at most "
                    f"{config.max_emoji}", source=reply.voice.source("accessibility",
                                                                    "max_emoji"))
        if sev["emoji_repeated"]:
            i = 0
            while i < len(emoji):
                j = i
                while j + 1 < len(emoji) and emoji[j + 1][2] == emoji[i][2] and \
                        not text[emoji[j][1]:emoji[j + 1][0]].strip():
                    j += 1
                if j - i + 1 >= 3:
                    yield f("emoji_repeated", emoji[i][0], emoji[j][1],
                            f"{emoji[i][2]} repeated {j - i + 1} times is read out "
                            f"{j - i + 1} times; use it once", suggestion=emoji[i][2])
                i = j + 1
        reported: list[int] = []  # starts of the emoji already reported as bullets
        if sev["emoji_bullet"]:
            # At the start of a line, or keycaps numbering steps inline ("1️⃣ Open the app,
            # 2️⃣ tap Settings" is read "keycap 1 ... keycap 2"). A keycap numbers a step only
            # where a step starts (the start of the reply or a line, or after , ; . :) and
            # before a word that starts one: "Press 1️⃣ for sales, 2️⃣ for billing" is a menu
            # of keys, not steps.
            prose = reply.prose
            lead = len(prose) - len(prose.lstrip())
            steps = [e for e in emoji if KEYCAP.fullmatch(e[2]) is not None
                     and (e[0] <= lead or prose[max(0, e[0] - 40):e[0]].rstrip(" \t")
                          .endswith(STEP_BOUNDARY))
                     and STEP_WORD.match(prose, e[1]) is not None]
            step_starts = {e[0] for e in steps} if len(steps) >= 2 else set()
            bullets = [e for e in emoji
                       if e[0] in step_starts
                       or ((e[0] == 0 or text[:e[0]].rstrip(" \t").endswith("\n"))
                           and text[e[1]:e[1] + 8].lstrip(" \t")[:1].isalpha())]
            if len(bullets) >= 2:
                for s, e, ch in bullets:
                    reported.append(s)
                    if KEYCAP.fullmatch(ch) and ch[0].isdigit():
                        yield f("emoji_bullet", s, e,
                                f"{ch} numbering a step is read as 'keycap' and the digit; "
                                f"write {ch[0]}.", suggestion=ch[0] + ".")
                        continue
                    if KEYCAP.fullmatch(ch):  # "#️⃣", "*️⃣": no number to write instead
                        yield f("emoji_bullet", s, e,
                                f"{ch} numbering a step is read as 'keycap' and the symbol; "
                                "number the steps 1., 2., 3.")
                        continue
                    yield f("emoji_bullet", s, e,
                            f"{ch} used as a bullet is read out before every line; use '-' or "
                            "numbers", suggestion="-")
        if sev["emoji_between_words"]:
            prose = reply.prose
            # Emoji side by side ("🙏🙏", "📦➡️🏠") are one group: one finding, the whole run.
            groups: list[tuple[int, int, int]] = []
            for s, e, _ch in emoji:
                if groups and not prose[groups[-1][1]:s].strip():
                    groups[-1] = (groups[-1][0], e, groups[-1][2] + 1)
                else:
                    groups.append((s, e, 1))
            for s, e, n in groups:
                if any(s <= r < e for r in reported):
                    continue  # already an emoji_bullet: one finding a span
                # On the prose, so URLs, hashtags and mentions next to an emoji are blanks.
                # 40 characters each side are enough for the patterns below (all anchored at
                # the emoji), and copying the whole reply per emoji was quadratic.
                before, after = prose[max(0, s - 40):s], prose[e:e + 40]
                glued = before[-1:].isalpha() and after[:1].isalpha()
                # After "a great", "the", "your": the emoji is the noun ("have a great 🎂 and").
                slot = NOUN_SLOT.search(before) is not None and \
                    NEXT_LOWER.match(after) is not None
                # Between two words of one sentence: "We 💜 our", "I ❤️ this", "Thanks 🙏🙏 for
                # waiting". Not before a word that starts a new thought ("... 😊 thanks").
                # Before a number too: "call us on ☎️ 0800 123 456" reads "telephone
                # receiver" in the middle of the sentence.
                spaced = before[-1:] == " " and (before[-3:-1].isalpha() or
                                                 PRONOUN_I.search(before) is not None) and \
                    after[:1] == " " and ((after[1:3].isalpha() and after[1:3].islower()) or
                                          (after[1:2].isdigit() and
                                           before[-3:-1].islower())) and \
                    not JOINING_WORD.match(after)
                # After "we'll", "I will", "happy to": the emoji is the verb ("We'll 📞 you").
                verb = VERB_SLOT.search(before) is not None and after[:1] == " " and \
                    after[1:2].isalpha()
                # After a linking verb, before the clause goes on or ends: "is 🔜 and", "be 🔥".
                copula = COPULA_BEFORE.search(before) is not None and \
                    COPULA_AFTER.match(after) is not None and \
                    not (INVERTED_BEFORE.search(before) and CLAUSE_END_AFTER.match(after)) and \
                    not any(c in POINTERS for c in text[s:e])
                # A rebus: emoji joined by an arrow ("💷➡️🏦") or an equals or plus sign ("💳❄️
                # in the 📱 = 🔒") spell out a sentence a screen reader reads as names.
                run_text = text[s:e]
                rebus = (n >= 3 and any(c in ARROWS for c in run_text[1:-1])) or \
                    REBUS_SIGN_BEFORE.search(before) is not None or \
                    REBUS_SIGN_AFTER.match(after) is not None
                if glued or spaced or slot or verb or copula or rebus:
                    run = text[s:e]
                    yield f("emoji_between_words", s, e,
                            f"{run} stands in for a word; screen readers read its name mid-"
                            "sentence: use the word" if n == 1 else
                            f"{run} in mid-sentence is read as {n} emoji names; use words")

    def _caps(self, reply: Reply, config: Config, f: Any) -> Iterator[Finding]:
        sev = config.severities
        if not (sev["all_caps"] or sev["acronym"]):
            return
        prose = reply.prose
        text = reply.text
        # Sign-offs such as "^JK" or "-KC" are initials, and a closing line of only capitals is
        # an agent's initials more often than an acronym.
        caps = list(CAPS_WORD.finditer(prose))
        if sev["acronym"] and MIXED_HINT.search(prose):
            caps = sorted(caps + list(MIXED_ACRONYM.finditer(prose)), key=lambda m: m.start())
        if not caps:
            return  # most replies: nothing below runs, so nothing below is computed
        expanded = set(EXPANSION.findall(text))
        seen: set[str] = set()
        runs = [r.span() for r in CAPS_RUN.finditer(prose)] if len(caps) >= 3 else []
        handles = {text[s + 1:e].lower() for s, e in reply.mentions} | \
            {tag.lower() for _s, _e, tag in reply.hashtags}
        english: bool | None = None
        i = 0
        while i < len(caps):
            m = caps[i]
            i += 1
            word = m.group()
            base = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
            if base in config.acronyms or word in config.acronyms or base in seen:
                continue
            shouted = CAPS_CONTRACTION.match(prose, m.end())
            if shouted and sev["all_caps"]:
                seen.add(base)
                phrase = prose[m.start():shouted.end()]
                yield reply.finding(
                    "accessibility.all_caps", sev["all_caps"], m.start(), shouted.end(),
                    f"{phrase!r} in capitals is read letter by letter by some screen "
                    "readers and reads as shouting; use normal case (bold or italics "
                    "are not available either: choose words that carry the emphasis)",
                    suggestion=_normal_case(phrase, prose[:m.start()]),
                    source=self.rule_source(reply.voice, "all_caps"))
                continue
            # Only spaces and punctuation to the end (a match, not a copy of the rest per word)
            # trailing initials ("- RB."); an everyday word is not initials ("we appreciate
            # YOU!", "open NOW!"), nor are letters after "the" or "at" ("at the MFC.")
            if ONLY_PUNCT_TO_END.match(prose, m.end()) and len(base) <= 3 and \
                    base.lower() not in config.common_words and \
                    not NOT_INITIALS_BEFORE.search(prose, max(0, m.start() - 12), m.start()):
                continue
            after = prose[m.end():m.end() + 2]
            if after[:1] == "-":
                continue  # a prefix ("RE-TASTE")
            # A capital that opens the sentence is a name before a word in capitals ("Xbox
            # ONE"), but a verb before letters that are no word ("Reboot ONT", "Unplug ONT").
            low = base.lower()
            wordlike = low in config.common_words or low in SHOUTED_SHORT
            if len(base) <= 3 and _in_name(prose, m.start(), m.end(), config.common_words,
                                           opening_is_name=wordlike):
                seen.add(base)  # part of a name ("Spotify URI", "BA Holidays"), here and later
                continue
            if PRODUCT_AFTER.match(prose, m.end()):
                seen.add(base)  # a name here is the same name later in the reply
                continue  # a service the customer uses: "your PSN account", "COD points"
            if base.isupper() and ((len(base) >= 4 and low in config.cmu) or
                                   low in config.common_words or low in SHOUTED_SHORT):
                # One finding for a phrase in capitals ("TESCO HAS"); three or more words in
                # capitals are tone.shouting's, so not reported twice.
                end, words = m.end(), 1
                while i < len(caps) and SPACE_OR_LETTER.fullmatch(prose[end:caps[i].start()]):
                    end = caps[i].end()
                    i += 1
                    words += 1
                if words >= 3 and CAPS_RUN.search(prose[m.start():end]):
                    continue
                if words == 1 and low in handles:
                    continue  # a name the reply also tags (TESCO beside @Tesco)
                seen.add(base)
                phrase = prose[m.start():end]
                if sev["all_caps"]:
                    # A word or two in capitals is emphasis a screen reader may spell out: the
                    # rule's severity. Three or more ("TESCO HAS A FAMILY") are a slogan or
                    # banter: a hint (info), unless the voice sets the severity itself.
                    rule_sev = sev["all_caps"] if words <= 2 or \
                        self.rule_source(reply.voice, "all_caps") != "builtin" else "info"
                    yield reply.finding(
                        "accessibility.all_caps", rule_sev, m.start(), end,
                        f"{phrase!r} in capitals is read letter by letter by some screen "
                        "readers and reads as shouting; use normal case (bold or italics "
                        "are not available either: choose words that carry the emphasis)",
                        suggestion=_normal_case(phrase, prose[:m.start()]),
                        source=self.rule_source(reply.voice, "all_caps"))
            elif sev["acronym"] and base not in expanded and 2 <= len(base) <= 5 and \
                    not any(a <= m.start() < b for a, b in runs):
                # Six or more capitals are a name typed in capitals (XFINITY; jargon stops at
                # five: NOTAM, DSLAM), and words in a
                # shouted run (BAH GAWD LIDL) are tone.shouting's: not acronyms to expand.
                if english is None:
                    english = reply_is_english(reply)
                if not english or _not_an_acronym(prose, text, m.start(), m.end(), base):
                    seen.add(base)
                    continue
                seen.add(base)
                yield f("acronym", m.start(), m.end(),
                        f"{word!r} may be unfamiliar; spell it out the first time, with "
                        f"{word} in brackets")

    def _alt_text(self, reply: Reply, config: Config, f: Any) -> Iterator[Finding]:
        limit = reply.channel_config.get("alt_text_max") or config.alt_text_max
        end = len(reply.text)
        for i, image in enumerate(reply.images, start=1):
            if not (image.alt or "").strip():
                if config.severities["alt_text_missing"]:
                    yield f("alt_text_missing", 0, end,
                            f"image {i} has no alt text; describe what it shows")
            elif len(image.alt or "") > limit and config.severities["alt_text_long"]:
                yield f("alt_text_long", 0, end,
                        f"image {i} alt text is {len(image.alt or '')} characters; "
                        f"{reply.channel} shows at most {limit}")


def _first_of_overlaps(found: list[regex.Match[str]]) -> list[regex.Match[str]]:
    """Matches of two patterns in text order, a match overlapping an earlier one dropped."""
    kept: list[regex.Match[str]] = []
    for m in sorted(found, key=lambda m: (m.start(), -m.end())):
        if not kept or m.start() >= kept[-1].end():
            kept.append(m)
    return kept


def _in_name(prose: str, start: int, end: int, common: frozenset[str],
             opening_is_name: bool = True) -> bool:
    """Whether a short capitalised token is part of a name: after a name ("iPhone SE",
    "Galaxy S8", "iPhone 5 SE") or followed by one ("BA Holidays"). An everyday word before it
    ("The DD", "Your ONT") is not a name."""
    before = prose[max(0, start - 24):start]
    prev = NAME_BEFORE.search(before)
    if prev and (prev.group("camel") or (prev.group("cap").lower() not in common and
                                         (opening_is_name or not _starts_sentence(
                                             prose, start - len(before) + prev.start())))):
        return True
    return bool(NAME_AFTER.match(prose, end))


def _starts_sentence(prose: str, at: int) -> bool:
    """Whether the word at ``at`` opens a sentence: a capital there is not a name ("Reboot
    ONT and wait", "Unplug ONT")."""
    before = prose[max(0, at - 8):at].rstrip()
    return not before or before[-1] in ".!?:\n"


def _not_an_acronym(prose: str, text: str, start: int, end: int, base: str) -> bool:
    """Capitals that are not an acronym to spell out: a person's initials ("Hi, AJ!", "the
    link DW provided", "on behalf of AFC"), a code (flight "DL 1262", "the SC code
    (SC12345)", a route of airport codes "SLC to LHR") or one spelled out in brackets after
    it ("ONT (optical network terminal)")."""
    before = prose[max(0, start - 30):start]
    if len(base) <= 3 and ((ADDRESSED.search(before) and NAME_END.match(prose, end))
                           or PERSON_VERB.match(prose, end) or ON_BEHALF.search(before)):
        return True
    if CODE_AFTER.match(prose, end) or CODE_BEFORE.search(before) or \
            CODE_START_BEFORE.search(before):
        return True
    if regex.search(rf"(?<![A-Za-z]){regex.escape(base)}[-\s]?\d", text):
        return True  # the same letters start a code elsewhere in the reply: a code prefix
    if len(base) == 3 and (ROUTE_AFTER.match(prose, end) or ROUTE_BEFORE.search(before)):
        return True
    return bool(BRACKET_AFTER.match(prose, end))


def _normal_case(phrase: str, before: str) -> str:
    """Sentence case at the start of a sentence, lower case elsewhere; "I" stays."""
    low = " ".join("I" if w == "I" else w.lower() for w in phrase.split(" "))
    start = not before.strip() or before.rstrip()[-1:] in ".!?\n"
    return low[:1].upper() + low[1:] if start else low


# Initials sign a reply; they never follow an article or a preposition.
NOT_INITIALS_BEFORE = regex.compile(r"(?i)\b(?:the|a|an|your|our|my|their|at|to|from|via|in|"
                                    r"on|for|with|by|of)\s+$")
SPACE_OR_LETTER = regex.compile(r"\s+(?:[AI]\s+)?")  # "TESCO HAS A FAMILY" is one phrase
NAME_BEFORE = regex.compile(r"(?:(?P<camel>\b[a-z]+[A-Z]\w*)|\b(?P<cap>[A-Z][a-z]+))"
                            r"(?:\s\d+\w*)?\s$")
NAME_AFTER = regex.compile(r"\s[A-Z][a-z]{2,}")
TRAILING_PUNCT = regex.compile(r"[\s\p{P}]+")
ONLY_PUNCT_TO_END = regex.compile(r"[\s\p{P}]*\Z")
WORD3 = regex.compile(r"\w{3,}")
# Addressed by name: "Hi, AJ!", "Thanks JR.", "we saw that you mentioned us, JR."
ADDRESSED = regex.compile(r"(?i)(?:\b(?:hi|hey|hello|hiya|dear|thanks|thank\s+you|sorry|"
                          r"morning|afternoon|evening|congrats|welcome)\s*,?|,)\s*$")
NAME_END = regex.compile(r"\s*(?:[!.,?]|$)")
# An agent or person named by initials: "the link DW provided", "TN will call you".
PERSON_VERB = regex.compile(r"\s+(?:provided|sent|gave|shared|mentioned|posted|said|suggested|"
                            r"linked|wrote|noted|asked|replied|will\s+(?:call|email|DM|reply)|"
                            r"is\s+(?:off|away|back))\b")
ON_BEHALF = regex.compile(r"(?i)\bbehalf\s+of\s+$")
# A code, not a word: "DL 1262", "BA117", "1262 DL", "A320 XL".
CODE_AFTER = regex.compile(r"[-\s]?\d")
CODE_BEFORE = regex.compile(r"\d[-\s]?$")
# Letters a code starts or ends with: "the serial number starts with SN".
CODE_START_BEFORE = regex.compile(r"(?i)\b(?:starts?|starting|begins?|beginning|ends?|ending)"
                                  r"\s+(?:with|in)\s+$")
# Airport codes in a route: "SLC to LHR", "LAS-JFK", "from LAS JFK".
ROUTE_AFTER = regex.compile(r"\s*(?:to|-|–|/|→|>|and)?\s*[A-Z]{3}\b")
ROUTE_BEFORE = regex.compile(r"\b[A-Z]{3}\s*(?:to|-|–|/|→|>|and)?\s*$")
BRACKET_AFTER = regex.compile(r"\s*\((?:[A-Za-z][\w'’-]*\s+)+[A-Za-z][\w'’-]*\)")
# A service, product or shop the customer uses, named by its letters or styled in capitals:
# "your PSN account", "the NRC app", "COD points", "your LEGO order", "the IKEA store".
PRODUCT_AFTER = regex.compile(r"(?i)\s+(?:account|accounts|acct|app|points|network|membership|"
                              r"subscription|website|site|login|username|profile|card|pass|"
                              r"order|orders|store|stores|shop|basket|voucher|gift\s+card)\b")
# Mixed-case acronyms ("CoP", "SoF", "DoB"), read only when the reply has the shape.
MIXED_ACRONYM = regex.compile(r"(?<![\w^~*/\-–—])[A-Z][a-z][A-Z](?![\w:])")
MIXED_HINT = regex.compile(r"[A-Z][a-z][A-Z]")


@hookimpl
def brandvoice_register_checks() -> list[Check]:
    return [AccessibilityCheck()]
