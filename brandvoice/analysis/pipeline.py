"""The spaCy pipeline: loaded once per (locale, pipeline), lazily, so ``import brandvoice``
does not import spaCy.

By default a blank pipeline for the voice's language plus a sentencizer: fully offline and
fast (rule-based checks need tokens and sentences, not a statistical model). A voice may name
a trained pipeline (``voice.pipeline: en_core_web_sm``); when it is installed it is used,
otherwise we fall back to the blank one with a warning.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

from brandvoice.analysis.lean_imports import import_spacy
from brandvoice.caches import OwnerCache, plugin_state

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["language_of", "load_pipeline"]


class _Shared:
    """The owner of pipelines loaded without one."""


_SHARED = _Shared()


def _owner_state(owner: object) -> Hashable:
    # A plugin manager's plugins may add pipes (brandvoice_prepare_nlp): rebuild on change.
    return plugin_state(owner) if hasattr(owner, "list_name_plugin") else None


_cache: OwnerCache[Language] = OwnerCache("spaCy pipeline per owner", _owner_state)


def language_of(locale: str) -> str:
    """``en-GB`` -> ``en``."""
    return locale.replace("_", "-").split("-", 1)[0].lower() or "en"


def load_pipeline(
    locale: str = "en",
    pipeline: str | None = None,
    prepare: Callable[[Language], None] | None = None,
    owner: object = None,
) -> Language:
    """The pipeline for ``locale`` (and ``pipeline`` if installed), built once per process and
    ``owner`` (the plugin manager); ``prepare`` runs once, when it is built."""
    lang = language_of(locale)
    return _cache.get(_SHARED if owner is None else owner, (lang, pipeline),
                      lambda: _build(lang, pipeline, prepare))


def _build(lang: str, pipeline: str | None, prepare: Callable[[Language], None] | None,
           ) -> Language:
    spacy = import_spacy()

    nlp: Language | None = None
    if pipeline:
        try:
            # Only what the checks can use; NER and the parser are the slow parts.
            nlp = spacy.load(pipeline, exclude=["ner", "textcat"])
        except (OSError, ImportError) as exc:
            warnings.warn(
                f"spaCy pipeline {pipeline!r} is not installed ({exc.__class__.__name__}); "
                f"using a blank {lang!r} pipeline with rule-based checks instead",
                stacklevel=5,  # the caller of load_pipeline
            )
    if nlp is None:
        try:
            nlp = spacy.blank(lang)
        except ImportError as exc:
            # spaCy knows the language but its tokenizer needs a package brandvoice does not
            # install (ko needs mecab-ko, ja SudachiPy): the multi-language tokenizer splits on
            # spaces and punctuation, which is what the rule-based checks need, and the
            # language pack does the language's own analysis (Kiwi for Korean). Nothing for
            # the user to fix, so no warning. A language spaCy does not know is worth one.
            if "E048" in str(exc):
                warnings.warn(
                    f"spaCy has no language {lang!r}; using the multi-language tokenizer",
                    stacklevel=5,  # the caller of load_pipeline
                )
            nlp = spacy.blank("xx")
    if "sentencizer" not in nlp.pipe_names and "parser" not in nlp.pipe_names \
            and "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    if prepare is not None:
        prepare(nlp)
    return nlp
