"""Vocabulary: banned words, preferred terms and product names with exact spelling.

Inflections match (a ban on "utilize" catches "utilized"), and the suggestion takes the same
form ("used"). Words inside URLs, @mentions and #hashtags are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from brandvoice.analysis.terms import TermMatcher, inflect_like
from brandvoice.checks.base import SEVERITY_OR_OFF, Check, Rule, rules_field
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
    matcher: TermMatcher
    severities: dict[str, str | None] = field(default_factory=dict)


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
        matcher = TermMatcher(nlp)
        for term, spec in (section.get("banned") or {}).items():
            sev = spec.get("severity") or self.severity(voice, "banned")
            if sev and sev != "off":
                matcher.add(f"banned:{term}", [term], {
                    "rule": "vocabulary.banned", "severity": sev, "term": term,
                    "replacement": spec.get("replacement"), "reason": spec.get("reason", ""),
                    "source": voice.source("vocabulary", "banned", term),
                })
        for term, spec in (section.get("preferred") or {}).items():
            sev = spec.get("severity") or self.severity(voice, "preferred")
            if not sev or sev == "off":
                continue
            for old in spec["instead_of"]:
                matcher.add(f"preferred:{old}", [old], {
                    "rule": "vocabulary.preferred", "severity": sev, "term": old,
                    "replacement": term, "reason": spec.get("reason", ""),
                    "source": voice.source("vocabulary", "preferred", term),
                })
        sev = self.severity(voice, "product_name")
        if sev:
            for i, product in enumerate(section.get("products") or []):
                matcher.add(f"product:{product}", _product_variants(product), {
                    "rule": "vocabulary.product_name", "severity": sev, "term": product,
                    "replacement": product, "reason": "",
                    "source": voice.source("vocabulary", "products", i),
                }, inflect=False)
        return Config(matcher)

    def check(self, reply: Reply, config: Config) -> Iterator[Finding]:
        yield from self._never_say(reply)
        prose = reply.prose
        for m in config.matcher(reply.doc):
            if prose[m.start] == " ":
                continue  # inside a URL, mention or hashtag
            d: dict[str, Any] = m.data
            if d["rule"] == "vocabulary.product_name":
                if m.text == d["term"]:
                    continue
                yield reply.finding(
                    d["rule"], d["severity"], m.start, m.end,
                    f"write the product name as {d['term']!r}, not {m.text!r}",
                    suggestion=d["term"], source=d["source"],
                )
                continue
            suggestion = inflect_like(d["replacement"], d["term"], m.text) \
                if d.get("replacement") else None
            if d["rule"] == "vocabulary.banned":
                msg = f"{m.text!r} is banned in this voice"
            else:
                msg = f"prefer {suggestion!r} to {m.text!r}"
            if suggestion and d["rule"] == "vocabulary.banned":
                msg += f"; say {suggestion!r}"
            if d["reason"]:
                msg += f" ({d['reason']})"
            yield reply.finding(d["rule"], d["severity"], m.start, m.end, msg,
                                suggestion=suggestion, source=d["source"])


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
