"""What a check is: the contract every built-in and third-party check follows.

A check owns (optionally) one section of the voice file and declares its schema, so plugins
add YAML keys without touching the core. ``configure`` turns the voice's section into
compiled rules once per voice; ``check`` runs them on one reply and yields findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from brandvoice.config.schema import Choice, Field, Record, Type

if TYPE_CHECKING:
    from spacy.language import Language

    from brandvoice.analysis.reply import Reply
    from brandvoice.findings import Finding
    from brandvoice.voice import Voice

__all__ = ["SEVERITY_OR_OFF", "Check", "Rule", "rules_field"]

SEVERITY_OR_OFF = Choice(("error", "warning", "info", "off"))


@dataclass(frozen=True)
class Rule:
    """A rule a check can report: its default severity and what it catches."""

    severity: str
    doc: str


def rules_field(rules: Mapping[str, Rule]) -> Field:
    """The ``rules:`` key of a section: severity (or ``off``) per rule of the check."""
    return Field(
        Record({
            name: Field(SEVERITY_OR_OFF, rule.doc, default=rule.severity)
            for name, rule in rules.items()
        }),
        "Severity of each rule of this check: error, warning, info, or off.",
    )


class Check:
    """Base class for checks. Subclasses set the class attributes and implement
    :meth:`configure` and :meth:`check`."""

    name: ClassVar[str]
    category: ClassVar[str]
    section: ClassVar[str | None] = None
    schema: ClassVar[Record | None] = None
    rules: ClassVar[Mapping[str, Rule]] = {}

    def sections(self) -> dict[str, Type]:
        """The voice-file sections this check owns, with their schemas."""
        if self.section and self.schema is not None:
            return {self.section: self.schema}
        return {}

    def configure(self, voice: Voice, nlp: Language) -> Any:
        """Prepare this check's rules for ``voice`` (compile patterns, build matchers).

        Called once per voice and pipeline; the result is passed to :meth:`check`.
        """
        return None

    def check(self, reply: Reply, config: Any) -> Iterable[Finding]:
        """Yield the findings for one reply."""
        raise NotImplementedError

    # Helpers shared by checks -------------------------------------------------------------

    def severity(self, voice: Voice, rule: str) -> str | None:
        """The severity the voice sets for ``rule`` (short name), or None when it is off."""
        value = voice.get(self.section or self.name, "rules", rule) if self.section else None
        if value is None:
            value = self.rules[rule].severity
        return None if value == "off" else str(value)

    def rule_source(self, voice: Voice, rule: str) -> str:
        if self.section is None:
            return "builtin"
        return voice.source(self.section, "rules", rule)

