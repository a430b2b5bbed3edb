"""Privacy: customer personal data in public replies, and invisible or bidirectional control
characters anywhere.

In a public channel (``channels.<name>.public: true``) an email address, a phone number, a
card number (Luhn-valid), a street address or an account or order number (by the voice's
patterns) is an error whose fix is to move the conversation to a private message. Brand
contact details on the voice's allowlist are fine, and so are toll-free numbers (800, 0800
...), which belong to businesses, not customers. Private channels (DM, email, SMS) skip the
personal-data rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from brandvoice.checks.base import Check, Rule, rules_field
from brandvoice.checks.language import pack_of, privacy_findings
from brandvoice.config.schema import Field, ListOf, MapOf, Record, Regex, Str
from brandvoice.patterns import PatternTimeout, UserPattern
from brandvoice.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from spacy.language import Language

    from brandvoice.analysis.reply import Reply
    from brandvoice.findings import Finding
    from brandvoice.voice import Voice

RULES = {
    "email": Rule("error", "An email address not on the allowlist, in a public reply."),
    "phone": Rule("error", "A phone number not on the allowlist, in a public reply."),
    "card_number": Rule("error", "A payment card number (Luhn-valid), in a public reply."),
    "address": Rule("error", "A street address, in a public reply."),
    "account_number": Rule("error", "An account or order number (voice patterns), in public."),
    "invisible_characters": Rule("error", "Invisible or bidirectional control characters."),
    "data_request": Rule("error", "Asking for personal data in a public reply, or for a "
                         "password or security code anywhere (language packs)."),
    "national_id": Rule("error", "A national id (Korean resident registration number, Spanish "
                        "DNI/NIE) in a public reply."),
    "bank_account": Rule("error", "A bank account number or IBAN, in a public reply."),
}

SCHEMA = Record({
    "allowed_emails": Field(ListOf(Str(min_length=3)), "Brand email addresses that may appear "
                            "in public replies.", example=["help@crumbly.example"]),
    "allowed_domains": Field(ListOf(Str(min_length=3)), "Email domains that may appear in "
                             "public replies.", example=["crumbly.example"]),
    "allowed_phones": Field(ListOf(Str(min_length=3)), "Brand phone numbers that may appear "
                            "in public replies (any formatting).", example=["0800 123 4567"]),
    "account_patterns": Field(MapOf(Regex(), key_doc="name"), "Regular expressions for "
                              "account, order or case numbers, by name.",
                              example={"order number": r"\bCR-\d{6}\b"}),
    "rules": rules_field(RULES),
}, doc="What may appear in public replies.")

EMAIL = regex.compile(r"(?i)(?<![\w.+-])[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}(?![\w-])")
PHONE = regex.compile(r"(?<![\w/+.-])(?:\+|00)?\d[\d\s().-]{6,18}\d(?![\w/-])")
CARD = regex.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
ADDRESS = regex.compile(
    r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|"
    r"Boulevard|Blvd|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Close|Crescent|Parkway|Pkwy|"
    r"Highway|Hwy|Square|Sq)\b\.?"
)
DIGITS = regex.compile(r"\d\D?\d\D?\d")  # phone, card and address rules need digits
DATE_LIKE = regex.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$")
# Numbers that belong to organisations: toll-free (US 8xx, UK 0800/0808, AU 1800/1300) and
# UK non-geographic 03/084/087 numbers.
BUSINESS_NUMBER = regex.compile(
    r"^(?:1)?(?:800|888|877|866|855|844|833)\d{7}$|^0800\d{6,7}$|^0808\d{6,7}$|^1800\d{6}$|"
    r"^1300\d{6}$|^44800\d{6,7}$|^03\d{9}$|^08[47]\d{8}$"
)
# "call us on", "contact our Lagos office on": the number that follows is the brand's.
BRAND_CONTEXT = regex.compile(
    r"(?i)\b(?:call|contact|ring|phone|reach|text)\s+(?:us|our\b[^.!?\n]{0,40})"
    r"(?:\s+(?:on|at))?[\s:]*$|\b(?:our|the)\s+(?:\w+\s+){0,3}(?:number|line|team|office|"
    r"helpline|hotline|reps?)\s+(?:is|on|at)?[\s:]*$"
)
# Zero-width and bidirectional controls. ZWJ (U+200D) inside an emoji sequence is legitimate.
INVISIBLE = regex.compile(r"[\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
                          r"\ufeff\u00ad\u180e]|(?<!\p{Extended_Pictographic}[\ufe0f\p{Emoji_Modifier}]*)\u200d")


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


@dataclass
class Config:
    severities: dict[str, str | None]
    emails: frozenset[str]
    domains: frozenset[str]
    phones: frozenset[str]
    accounts: list[tuple[str, UserPattern, str]]


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


class PrivacyCheck(Check):
    name = "privacy"
    category = "privacy"
    section = "privacy"
    schema = SCHEMA
    rules = RULES

    def configure(self, voice: Voice, nlp: Language) -> Config:
        section = voice.section("privacy")
        return Config(
            severities={rule: self.severity(voice, rule) for rule in RULES},
            emails=frozenset(e.lower() for e in section.get("allowed_emails") or ()),
            domains=frozenset(d.lower().lstrip("@") for d in section.get("allowed_domains") or ()),
            phones=frozenset(_digits(p) for p in section.get("allowed_phones") or ()),
            accounts=[(name, UserPattern(p, 0, src), src)
                      for name, p in (section.get("account_patterns") or {}).items()
                      for src in [voice.source("privacy", "account_patterns", name)]],
        )

    def check(self, reply: Reply, config: Config) -> Iterator[Finding]:
        sev = config.severities
        voice = reply.voice
        text = reply.text
        if sev["invisible_characters"] and not reply.ascii:
            for m in INVISIBLE.finditer(text):
                yield reply.finding(
                    "privacy.invisible_characters", sev["invisible_characters"], m.start(),
                    m.end(), f"invisible character U+{ord(m.group()):04X}; it can hide or "
                    "reorder text (a spoofing risk): remove it", suggestion="",
                    source=self.rule_source(voice, "invisible_characters"))
        taken: list[tuple[int, int]] = []
        pack = pack_of(reply)
        if pack is not None:  # the language pack's requests, ids, accounts and addresses
            for f in privacy_findings(reply, pack, sev.__getitem__,
                                      lambda rule: self.rule_source(voice, rule)):
                taken.append((f.start, f.end))
                yield f
        if not reply.public:
            return
        move = "move this to a private message (DM) and remove it from the public reply"
        if sev["email"] and "@" in text:
            for m in EMAIL.finditer(text):
                addr = m.group().lower()
                if addr in config.emails or addr.rsplit("@", 1)[1] in config.domains:
                    continue
                taken.append(m.span())
                yield reply.finding("privacy.email", sev["email"], m.start(), m.end(),
                                    f"email address in a public reply; {move}", suggestion="",
                                    source=self.rule_source(voice, "email"))
        for name, pattern, source in config.accounts:
            if not sev["account_number"]:
                break
            try:
                hits = list(pattern.finditer(text))
            except PatternTimeout:
                # Fail closed: a reply the pattern could not finish on is not known clean.
                yield reply.finding("privacy.account_number", sev["account_number"], 0, 0,
                                    f"the {name} pattern timed out on this reply, so it could "
                                    "not be checked for one; check it by hand, and simplify "
                                    "the pattern (lint flags it)", suggestion="", source=source)
                continue
            for m in hits:
                taken.append(m.span())
                yield reply.finding("privacy.account_number", sev["account_number"], m.start(),
                                    m.end(), f"{name} in a public reply; {move}",
                                    suggestion="", source=source)
        # Numbers are looked for in the prose: a handle like @115712 or a URL is not a phone.
        prose = reply.prose
        has_digits = DIGITS.search(prose) is not None
        if sev["card_number"] and has_digits:
            for m in CARD.finditer(prose):
                digits = _digits(m.group())
                if 13 <= len(digits) <= 19 and luhn(digits) and not _inside(m.span(), taken):
                    taken.append(m.span())
                    yield reply.finding("privacy.card_number", sev["card_number"], m.start(),
                                        m.end(), f"card number in a public reply; {move}, and "
                                        "never ask for a full card number", suggestion="",
                                        source=self.rule_source(voice, "card_number"))
        if sev["phone"] and has_digits:
            for m in PHONE.finditer(prose):
                raw = m.group().strip()
                digits = _digits(raw)
                if not 9 <= len(digits) <= 15 or DATE_LIKE.match(raw) or reply.in_url(m.start()):
                    continue
                context = text[max(0, m.start() - 60):m.start()]
                if digits in config.phones or BUSINESS_NUMBER.match(digits) or \
                        BRAND_CONTEXT.search(context) or \
                        _inside(m.span(), taken) or (len(digits) >= 13 and luhn(digits)):
                    continue
                yield reply.finding("privacy.phone", sev["phone"], m.start(), m.start() + len(raw),
                                    f"phone number in a public reply; {move}", suggestion="",
                                    source=self.rule_source(voice, "phone"))
        if sev["address"] and has_digits:
            for m in ADDRESS.finditer(prose):
                yield reply.finding("privacy.address", sev["address"], m.start(), m.end(),
                                    f"street address in a public reply; {move}", suggestion="",
                                    source=self.rule_source(voice, "address"))


def _inside(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in taken)


@hookimpl
def brandvoice_register_checks() -> list[Check]:
    return [PrivacyCheck()]
