"""Findings (one problem in one reply) and reports (all findings for a reply, a score, a verdict)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["CATEGORIES", "SEVERITIES", "Finding", "Report", "score", "severity_rank"]

CATEGORIES = (
    "tone", "readability", "accessibility", "vocabulary", "inclusive", "channel", "privacy",
    "language",
)
SEVERITIES = ("error", "warning", "info")
# How much one finding of each severity costs out of 100. Documented in docs/checks.md.
PENALTY = {"error": 25, "warning": 8, "info": 2}


def severity_rank(severity: str) -> int:
    """0 for error, 1 for warning, 2 for info: lower is more severe."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Finding:
    """One thing off-voice or unsafe in a reply.

    ``start``/``end`` are character offsets into the reply; ``line``/``column`` are 1-based.
    ``source`` is the voice file and line that defined the rule (``voices/bank.yaml:42``),
    or ``builtin``.
    """

    rule: str
    category: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int
    suggestion: str | None = None
    source: str = "builtin"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def score(findings: list[Finding]) -> int:
    """100 minus a penalty per finding (error 25, warning 8, info 2), floored at 0."""
    return max(0, 100 - sum(PENALTY[f.severity] for f in findings))


@dataclass
class Report:
    """The result of checking one reply."""

    text: str
    channel: str
    findings: list[Finding]
    fail_on: str = "error"
    id: str | None = None
    voice: str = ""
    voice_version: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    min_score: int = 0  # a score below this fails the reply too (``check --min-score``)

    @property
    def score(self) -> int:
        return score(self.findings)

    @property
    def passed(self) -> bool:
        """True when no finding is at or above the failing level and the score reaches
        ``min_score``."""
        limit = severity_rank(self.fail_on)
        return self.score >= self.min_score and not any(severity_rank(f.severity) <= limit for f in self.findings)

    @property
    def blocking(self) -> list[Finding]:
        limit = severity_rank(self.fail_on)
        return [f for f in self.findings if severity_rank(f.severity) <= limit]

    def rules(self) -> set[str]:
        return {f.rule for f in self.findings}

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "channel": self.channel,
            "score": self.score,
            "passed": self.passed,
            "voice": self.voice,
            "voice_version": self.voice_version,
            "text": self.text,
            "findings": [f.to_dict() for f in self.findings],
            **self.extra,
        }
