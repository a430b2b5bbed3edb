"""Rule-based grammar helpers shared by checks: passive voice without a parser.

A form of "be" (or "get"), an optional adverb, then a past participle: a regular "-ed" form
or an irregular one (from :mod:`brandvoice.analysis.verbs`). Adjectival participles that customer care uses all the time ("we're
excited", "I'm sorry you're disappointed") are not counted.
"""

from __future__ import annotations

import regex

from brandvoice.analysis.verbs import PARTICIPLES

__all__ = ["BE_FORMS", "passive_spans"]

BE_FORMS = frozenset("am is are was were be been being get gets got gotten getting".split())


# Participles used as adjectives: "we're excited", "is closed" (a state), "are located".
ADJECTIVAL = frozenset("""
excited interested pleased delighted disappointed tired worried concerned surprised
based supposed used located married engaged confused frustrated annoyed amazed
thrilled scared satisfied dissatisfied qualified prepared involved related committed
determined allowed required advised closed open opened done finished gone dedicated
limited experienced stuck signed logged blessed obsessed upset
""".split())

# A form of "be" or "get", an optional negation or adverb, and the next word, which Python
# then tests: one small regex and a set lookup beat one regex with 200 alternatives.
_BE_NEXT = regex.compile(
    r"(?i)\b(?:am|is|are|was|were|be|been|being|get|gets|got|gotten|getting)\s+"
    r"(?:(?:not|never|already|just|\w+ly)\s+)?(?=(\w+)\b)"  # lookahead: "being" stays
)                                                            # available for "being taken"


def passive_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, matched text)`` of each passive construction in ``text``."""
    out = []
    for m in _BE_NEXT.finditer(text):
        word = m.group(1).lower()
        if not (word.endswith("ed") or word in PARTICIPLES):
            continue
        if word in ADJECTIVAL or word in ("need", "feed", "seed", "bed", "red", "started"):
            continue
        end = m.end() + len(m.group(1))
        out.append((m.start(), end, text[m.start():end]))
    return out
