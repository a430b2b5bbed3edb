"""The spaCy pipeline: loaded once per (locale, pipeline), lazily, so ``import brandvoice``
does not import spaCy.

By default a blank pipeline for the voice's language plus a sentencizer: fully offline and
fast (rule-based checks need tokens and sentences, not a statistical model). A voice may name
a trained pipeline (``voice.pipeline: en_core_web_sm``); when it is installed it is used,
otherwise we fall back to the blank one with a warning.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING

from brandvoice.analysis.lean_imports import import_spacy

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["language_of", "load_pipeline"]

_cache: dict[tuple[str, str | None, int], Language] = {}


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
    key = (language_of(locale), pipeline, id(owner))
    if key in _cache:
        return _cache[key]
    spacy = import_spacy()

    nlp: Language | None = None
    if pipeline:
        try:
            # Only what the checks can use; NER and the parser are the slow parts.
            nlp = spacy.load(pipeline, exclude=["ner", "textcat"])
        except (OSError, ImportError) as exc:
            warnings.warn(
                f"spaCy pipeline {pipeline!r} is not installed ({exc.__class__.__name__}); "
                f"using a blank {key[0]!r} pipeline with rule-based checks instead",
                stacklevel=2,
            )
    if nlp is None:
        try:
            nlp = spacy.blank(key[0])
        except ImportError:
            warnings.warn(
                f"spaCy has no language {key[0]!r}; using the multi-language tokenizer",
                stacklevel=2,
            )
            nlp = spacy.blank("xx")
    if "sentencizer" not in nlp.pipe_names and "parser" not in nlp.pipe_names \
            and "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    if prepare is not None:
        prepare(nlp)
    _cache[key] = nlp
    return nlp
