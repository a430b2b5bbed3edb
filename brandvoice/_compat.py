"""Old import paths that still work: modules that moved into subpackages keep answering at
their old names, with a :class:`BrandvoiceDeprecationWarning` that names the new path.

One import hook serves every moved module, so there is no shim file per old path; the
table below is the whole list. Plugins written against brandvoice 0.1 load unchanged.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

__all__ = ["MOVED", "BrandvoiceDeprecationWarning", "install"]


class BrandvoiceDeprecationWarning(DeprecationWarning):
    """A brandvoice name or path that will be removed in 1.0; the message says what to use."""


# Shown once per place by default: the category is ours, so this filter changes nothing else.
warnings.filterwarnings("default", category=BrandvoiceDeprecationWarning)

MOVED: dict[str, str] = {
    "brandvoice.audit": "brandvoice.batch.audit",
    "brandvoice.audit_report": "brandvoice.batch.report",
    "brandvoice.checks.grammar": "brandvoice.analysis.grammar",
    "brandvoice.checks.tone_lexicon": "brandvoice.analysis.lexicons",
    "brandvoice.dask_adapter": "brandvoice.batch.dask_adapter",
    "brandvoice.drafting": "brandvoice.playbooks.drafting",
    "brandvoice.engine": "brandvoice.checks.engine",
    "brandvoice.formatters": "brandvoice.cli.formatters",
    "brandvoice.hookspecs": "brandvoice.plugins.hookspecs",
    "brandvoice.hours": "brandvoice.playbooks.hours",
    "brandvoice.inputs": "brandvoice.batch.inputs",
    "brandvoice.lean_imports": "brandvoice.analysis.lean_imports",
    "brandvoice.loader": "brandvoice.config.loader",
    "brandvoice.matching": "brandvoice.analysis.terms",
    "brandvoice.nlp": "brandvoice.analysis.pipeline",
    "brandvoice.playbook": "brandvoice.playbooks.model",
    "brandvoice.readability_backend": "brandvoice.analysis.readability",
    "brandvoice.reply": "brandvoice.analysis.reply",
    "brandvoice.review_cli": "brandvoice.review.commands",
    "brandvoice.reviewdb": "brandvoice.review.store",
    "brandvoice.reviews": "brandvoice.review.gate",
    "brandvoice.schema": "brandvoice.config.schema",
    "brandvoice.schemas": "brandvoice.lint.jsonschema",
    "brandvoice.triage": "brandvoice.playbooks.triage",
    "brandvoice.yamlio": "brandvoice.config.yamlio",
}


class _MovedModules:
    """Resolves an old module path to the module now at the new one (the same object, so
    ``isinstance`` checks and monkeypatching see one module).

    A meta path finder and loader by protocol, not by subclassing ``importlib.abc``: that
    module imports ``importlib.resources`` and with it pathlib, tempfile and shutil, which
    made ``import brandvoice`` eight times slower."""

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, cast("Loader", self))

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        new = MOVED[spec.name]
        warnings.warn(f"{spec.name} has moved to {new}; import from there (the old path "
                      "goes in brandvoice 1.0)", BrandvoiceDeprecationWarning, stacklevel=2)
        return importlib.import_module(new)

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the module was imported under its new name."""


_FINDER = _MovedModules()


def install() -> None:
    """Put the finder on ``sys.meta_path`` (once)."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.append(_FINDER)
