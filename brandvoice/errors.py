"""Exceptions. Every error a user can cause is a :class:`BrandvoiceError`; the CLI maps them
to exit code 2 and anything else to exit code 3."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = [
    "BrandvoiceError",
    "ConfigError",
    "Location",
    "PluginError",
    "Problem",
    "TemplateError",
    "UsageError",
    "closest",
    "did_you_mean",
]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a voice or playbook file.

    ``key`` is the dotted key path (``channels.x.max_length``), empty for problems that are
    not about one key (a syntax error).
    """

    path: str
    line: int
    column: int
    key: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "key": self.key,
            "message": self.message,
            "severity": self.severity,
        }


class BrandvoiceError(Exception):
    """Base of every error caused by input: bad files, bad arguments, bad plugins."""


@dataclass
class ConfigError(BrandvoiceError):
    """A voice or playbook file that cannot be used; carries every problem found."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class UsageError(BrandvoiceError):
    """Bad command-line or API arguments."""


class PluginError(BrandvoiceError):
    """A plugin that failed to load or misbehaved; the message names the plugin."""


class TemplateError(BrandvoiceError):
    """A reply template that cannot be rendered; the message names template, line and variable."""


def closest(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The choice most like ``word`` (a misspelt key, channel or value), or None."""
    import difflib  # only on the error path

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str:
    """``"did you mean 'tone'? "`` for the closest choice, or ``""``: the hint that every
    "unknown name" message gives before listing what is allowed."""
    hint = closest(word, choices, cutoff=cutoff)
    return f"did you mean {hint!r}? " if hint else ""
