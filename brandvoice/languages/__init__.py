"""Languages: which language a reply is in, and language packs that tell the checks how to
handle it.

Stable API (for triage, drafting and plugins)::

    from brandvoice.languages import detect, pack_for, packs, display_width
    detect("주문번호를 DM으로 보내 주세요")   # 'ko'
    detect("Lo sentimos, ya lo revisamos")    # 'es'
    detect("👍")                              # 'und': no letters, no language
    pack = pack_for("ko")                     # the Korean LanguagePack (None if none)
    pack.find("boilerplate", text)            # [Match(start, end, text, phrase), ...]
    display_width("한국어")                    # 6 columns

    from brandvoice.languages import korean  # Korean morphology (Kiwi, loaded lazily)
    korean.lemmas("수하물이 안 왔어요")        # ['수하물', '안', '오다']
    korean.contains("수하물이 안 왔어요", "수하물")  # True

* :func:`detect` (:mod:`.detection`): per-reply detection, offline — Unicode script first
  (Hangul, kana, Han, Arabic, ...), an English fast path, then lingua-language-detector
  restricted to a few Latin-script languages (:data:`LATIN_LANGUAGES`).
* :class:`LanguagePack` (:mod:`.pack`): tokenisation and sentences, tone phrase lists,
  inclusive terms, privacy patterns, readability, speech levels, display width. Packs are
  registered through the ``brandvoice_language_packs`` hook (docs/plugins.md); the built-in
  ones are :mod:`.korean`, :mod:`.spanish` and the English pack in
  :mod:`brandvoice.checks.language`, which wraps the English lists the checks use.
* A voice declares the languages it covers in ``voice.languages``; a reply in any other
  language gets the finding ``language.unsupported``, never a silent pass.
"""

from __future__ import annotations

from brandvoice.languages.detection import (
    DETECTABLE,
    LATIN_LANGUAGES,
    UNDETERMINED,
    detect,
    script_of,
)
from brandvoice.languages.pack import (
    LanguagePack,
    Match,
    Phrase,
    PrivacyPattern,
    display_width,
    pack_for,
    packs,
)

__all__ = [
    "DETECTABLE",
    "LATIN_LANGUAGES",
    "UNDETERMINED",
    "LanguagePack",
    "Match",
    "Phrase",
    "PrivacyPattern",
    "detect",
    "display_width",
    "pack_for",
    "packs",
    "script_of",
]
