"""Vocabulary: banned words, preferred terms and product names with exact spelling.

Inflections match (a ban on "utilize" catches "utilized"), and the suggestion takes the same
form ("used") and case. Words inside URLs, @mentions and #hashtags are left alone, and so
are a banned word under negation ("we can't guarantee"), a term inside a capitalised name
("Money Back Guarantee") or a short quoted UI label, and a preferred swap that would break
an idiom or a product term ("keep us informed", "additional content").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import regex

from brandvoice.checks.base import SEVERITY_OR_OFF, Check, Rule, rules_field
from brandvoice.checks.termlist import Term, TermList
from brandvoice.config.schema import Field, ListOf, MapOf, Record, Str
from brandvoice.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from spacy.language import Language

    from brandvoice.analysis.reply import Reply
    from brandvoice.findings import Finding
    from brandvoice.voice import Voice

RULES = {
    "banned": Rule("error", "A banned word or phrase appears."),
    "preferred": Rule("warning", "A word the voice replaces with a preferred term appears."),
    "product_name": Rule("warning", "A product name is spelled or capitalised differently."),
    "never_say": Rule("error", "A phrase the scenario's playbook forbids in public replies."),
}

SCHEMA = Record({
    "preferred": Field(
        MapOf(Record({
            "instead_of": Field(ListOf(Str(min_length=1), min_items=1),
                                "Words and phrases to replace with this term.", required=True,
                                example=["utilize", "make use of"]),
            "reason": Field(Str(), "Why, shown with the finding.", default=""),
            "severity": Field(SEVERITY_OR_OFF, "Overrides rules.preferred for this term."),
        }), key_doc="preferred term"),
        "Preferred terms, each with the words it replaces.",
        example={"use": {"instead_of": ["utilize"]}},
    ),
    "banned": Field(
        MapOf(Record({
            "replacement": Field(Str(), "What to say instead (optional).", example="affordable"),
            "reason": Field(Str(), "Why it is banned, shown with the finding.", default=""),
            "severity": Field(SEVERITY_OR_OFF, "Overrides rules.banned for this term."),
        }), key_doc="banned term"),
        "Words and phrases never to use.",
        example={"cheap": {"replacement": "affordable", "reason": "Sounds low quality."}},
    ),
    "products": Field(
        ListOf(Str(min_length=1)),
        "Product and brand names in their exact spelling and casing.",
        example=["CrumbleBox", "iPhone"],
    ),
    "rules": rules_field(RULES),
}, doc="Preferred, banned and product terms.")


# "We can't guarantee", "we are not able to guarantee seats", "no guarantee": a banned word
# under negation (a negated verb, "no", "never") says the opposite of what the ban is about.
NEGATION_BEFORE = regex.compile(
    r"(?i)\b(?:can[’']?t|cannot|can not|couldn[’']?t|could not|won[’']?t|will not|wouldn[’']?t|"
    r"unable to|not able to|never|no|without|don[’']?t|do not|doesn[’']?t|does not|didn[’']?t|"
    r"did not)(?:\s+\w+){0,2}\s*$")
# A copula ("aren't cheap") is not in the list: the banned word is still said.
COMPOUND_AFTER = regex.compile(r"(?i)\s+(?:voucher|scheme|programme|program|policy|card|"
                               r"certificate|period|terms|claim|form|page|team)s?\b")
CONTINUED = regex.compile(r"^(?:\s*@\w+)*\s*(?:\.{2,}|…)\s*\S*$")
# Fixed phrases where the plain-language swap breaks the idiom or a product term.
FIXED_PHRASES = regex.compile(
    r"(?i)\b(?:keep(?:s|ing)?|kept|stay(?:s|ed|ing)?)\s+(?:\w+\s+)?informed\b|\bwell[- ]informed\b"
    r"|\binformed\s+(?:decision|choice|consent)s?\b|\badditional\s+content\b"
    r"|\bprior\s+(?:authori[sz]ation|approval|consent)\b")
# A swap that cannot follow a determiner. "A failed attempt to deliver" is the noun, which is
# plain English: not the verb the voice replaces with "try to", so it is not flagged.
# "An additional fee" is still the wordier word, but "an more fee" is not English: the finding
# stays, without a suggestion to apply.
NOUN_NOT_VERB = regex.compile(
    r"(?i)\b(?:a|an|the|our|your|their|his|her|its|this|that|every|each|another|one|"
    r"first|second|third|final|last|further|no|any|several|two|three|"
    # a possessive ("the driver's attempts to deliver"), not "let's" or "it's"
    r"(?!(?:let|it|that|he|she|there)['’]s)\w+['’]s)\s+(?:\w+\s+)?$")
ARTICLE_BEFORE = regex.compile(r"(?i)\b(?:a|an|the|this|that|our|your|their|its)\s+$")
QUOTES = (('"', '"'), ("'", "'"), ("‘", "’"), ("“", "”"))


def _in_name(text: str, start: int, end: int) -> bool:
    """Inside a capitalised name ("our Money Back Guarantee"): the match is capitalised and
    so is a word right before or after it, and it does not merely open a sentence."""
    if not text[start:start + 1].isupper() or text[start:end].isupper():
        return False  # lower case, or capitals for emphasis ("LOG IN")
    before = text[:start].rstrip()
    prev = regex.search(r"(\w+)$", before)
    nxt = regex.match(r"\s+(\w+)", text[end:])
    starts_sentence = not before or before[-1] in ".!?:\n"
    prev_cap = bool(prev and prev.group(1)[:1].isupper() and not starts_sentence
                    and not before.endswith((",", ";")))
    next_cap = bool(nxt and nxt.group(1)[:1].isupper())
    return prev_cap or (next_cap and not starts_sentence) or (next_cap and prev_cap)


def _quoted(text: str, start: int, end: int) -> bool:
    """Inside a short quoted label on one line: tap 'Guarantee', the "Log in" button."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    for op, cl in QUOTES:
        i = text.rfind(op, line_start, start)
        if i == -1 or (op == "'" and i > 0 and text[i - 1].isalpha()):
            continue  # an apostrophe ("we're"), not a quote
        j = text.find(cl, end, line_end)
        if j != -1 and j - i <= 40 and (op != "'" or j + 1 >= len(text)
                                        or not text[j + 1].isalpha()):
            return True
    return False


def _keep_case(suggestion: str, matched: str) -> str:
    if matched.isupper() and len(matched) > 1:
        return suggestion.upper()
    return suggestion


@dataclass
class Config:
    terms: TermList


def _product_variants(name: str) -> set[str]:
    """Spellings that are the product name with other spacing, hyphens or case."""
    import regex

    parts = regex.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", name) or [name]
    joined = "".join(parts)
    return {name, joined, " ".join(parts), "-".join(parts)} | ({name.replace(" ", "")}
                                                              if " " in name else set())


class VocabularyCheck(Check):
    name = "vocabulary"
    category = "vocabulary"
    section = "vocabulary"
    schema = SCHEMA
    rules = RULES

    def configure(self, voice: Voice, nlp: Language) -> Config:
        section = voice.section("vocabulary")
        terms = TermList(nlp)
        for term, spec in (section.get("banned") or {}).items():
            sev = spec.get("severity") or self.severity(voice, "banned")
            if sev and sev != "off":
                replacement, reason = spec.get("replacement") or None, spec["reason"]
                msg = "{text!r} is banned in this voice"
                msg += "; say {suggestion!r}" if replacement else ""
                msg += " ({reason})" if reason else ""
                terms.add(f"banned:{term}", [term], Term(
                    "vocabulary.banned", sev, msg, term,
                    voice.source("vocabulary", "banned", term), replacement, "inflect", reason))
        for term, spec in (section.get("preferred") or {}).items():
            sev = spec.get("severity") or self.severity(voice, "preferred")
            if not sev or sev == "off":
                continue
            reason = spec["reason"]
            msg = "prefer {suggestion!r} to {text!r}" + (" ({reason})" if reason else "")
            for old in spec["instead_of"]:
                terms.add(f"preferred:{old}", [old], Term(
                    "vocabulary.preferred", sev, msg, old,
                    voice.source("vocabulary", "preferred", term), term, "inflect", reason))
        sev = self.severity(voice, "product_name")
        if sev:
            for i, product in enumerate(section.get("products") or []):
                terms.add(f"product:{product}", _product_variants(product), Term(
                    "vocabulary.product_name", sev,
                    "write the product name as {suggestion!r}, not {text!r}", product,
                    voice.source("vocabulary", "products", i), product, keep_exact=True),
                    inflect=False)
        return Config(terms)

    def check(self, reply: Reply, config: Config) -> Iterator[Finding]:
        yield from self._never_say(reply)
        text = reply.text
        for f in config.terms.findings(reply):
            if f.rule == "vocabulary.product_name":
                yield f
                continue
            s, e = f.start, f.end
            if _quoted(text, s, e) or _in_name(text, s, e):
                continue  # a UI label or a name ("Money Back Guarantee") is not our wording
            if f.rule == "vocabulary.banned" and (
                    NEGATION_BEFORE.search(text[max(0, s - 40):s])
                    or COMPOUND_AFTER.match(text, e) or CONTINUED.match(text[:s])):
                # "can't guarantee"; "the guarantee voucher" names a product; "...guaranteed"
                # opens a later part of a thread whose negation was in the part before.
                continue
            if f.rule == "vocabulary.preferred" and any(
                    p.start() <= s and e <= p.end()
                    for p in FIXED_PHRASES.finditer(text, max(0, s - 30), min(len(text), e + 30))):
                continue  # "keep us informed", "additional content": the swap breaks it
            if f.rule == "vocabulary.preferred":
                word = text[s:e].lower()
                before = text[max(0, s - 40):s]
                # Only "attempt(s) to" can be the noun: "the driver attempted to deliver" is the
                # verb after its subject, however many words the subject has.
                if word.startswith(("attempt", "endeavo")) and \
                        not word.split()[0].endswith(("ed", "ing")) and \
                        NOUN_NOT_VERB.search(before):
                    continue
                if word.startswith("additional") and ARTICLE_BEFORE.search(before):
                    f = replace(f, suggestion=None, message=(
                        f"{f.message}; reword it: {f.suggestion!r} does not fit after "
                        f"{before.split()[-1]!r}"))
            yield f

    def _never_say(self, reply: Reply) -> Iterator[Finding]:
        scenario = reply.scenario
        if scenario is None or not scenario.never_say or not reply.public:
            return
        severity = self.severity(reply.voice, "never_say")
        if not severity:
            return
        import regex

        for phrase in scenario.never_say:
            for m in regex.finditer(rf"(?i)\b{regex.escape(phrase)}\b", reply.text):
                yield reply.finding(
                    "vocabulary.never_say", severity, m.start(), m.end(),
                    f"the {scenario.name} playbook forbids saying {m.group()!r} in public; "
                    "take it out and let the route's team decide what to say", suggestion="",
                    source="playbook")


@hookimpl
def brandvoice_register_checks() -> list[Check]:
    return [VocabularyCheck()]
