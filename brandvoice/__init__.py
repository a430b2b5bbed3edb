"""brandvoice: check customer-care replies against a brand's voice guide and escalation
playbook before they are sent.

The public API is imported lazily, so ``import brandvoice`` stays fast and does not import
spaCy or textstat::

    import brandvoice
    report = brandvoice.check("We apologize for any inconvenience.", channel="x")
    print(report.score, [f.rule for f in report.findings])
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from brandvoice import _compat

__version__ = "0.1.0"

_compat.install()

if TYPE_CHECKING:
    from brandvoice.analysis.reply import Image, Scenario
    from brandvoice.checks.base import Check, Rule
    from brandvoice.checks.engine import Checker, Item, check
    from brandvoice.errors import BrandvoiceError, ConfigError, PluginError, Problem, UsageError
    from brandvoice.findings import Finding, Report
    from brandvoice.plugins.hookspecs import hookimpl
    from brandvoice.voice import Voice, load_voice

__all__ = [
    "BrandvoiceError",
    "Check",
    "Checker",
    "ConfigError",
    "Finding",
    "Image",
    "Item",
    "PluginError",
    "Problem",
    "Report",
    "Rule",
    "Scenario",
    "UsageError",
    "Voice",
    "__version__",
    "check",
    "hookimpl",
    "load_voice",
]

_WHERE = {
    "Check": "checks.base", "Rule": "checks.base",
    "Checker": "checks.engine", "Item": "checks.engine", "check": "checks.engine",
    "BrandvoiceError": "errors", "ConfigError": "errors", "PluginError": "errors",
    "Problem": "errors", "UsageError": "errors",
    "Finding": "findings", "Report": "findings",
    "hookimpl": "plugins.hookspecs",
    "Image": "analysis.reply", "Scenario": "analysis.reply",
    "Voice": "voice", "load_voice": "voice",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'brandvoice' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
