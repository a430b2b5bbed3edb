"""Vocabulary: banned words, preferred terms and product names with exact spelling.

Inflections match (a ban on "utilize" catches "utilized"), and the suggestion takes the same
form ("used"). Words inside URLs, @mentions and #hashtags are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

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
        yield from config.terms.findings(reply)

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
