"""The Welsh pack: a small one, for bilingual councils and public services in Wales.

Welsh public bodies answer in Welsh and English (the Welsh Language Standards), so a Welsh
reply must be checked rather than reported as an unknown language. This pack carries the
stock phrasing, blame and hedging a Welsh care reply most often shows, and inclusive terms;
readability formulas are not available for Welsh, so only sentence length is checked.
Matching is case-insensitive and allows for soft mutation where it matters (``ch``/``c``).
"""

from __future__ import annotations

from brandvoice.languages.pack import LanguagePack, Phrase
from brandvoice.plugins.hookspecs import hookimpl

__all__ = ["WELSH"]

_BOILERPLATE = (
    Phrase(r"\b(?:ymddiheuriadau|ymddiheurwn|mae'n\s+ddrwg\s+gennym)\s+am\s+unrhyw\s+"
           r"anghyfleustra\b", None, "'sorry for any inconvenience'"),
    Phrase(r"\bdiolch\s+(?:i\s+chi\s+)?am\s+eich\s+amynedd\b", None,
           "'thank you for your patience'"),
    Phrase(r"\bpeidiwch\s+ag\s+oedi\s+cyn\s+cysylltu\b", None, "'do not hesitate to contact'"),
    Phrase(r"\byn\s+unol\s+â'?n\s+(?:polisi|gweithdrefn)\b", None, "'in line with our policy'"),
    Phrase(r"\bcwsmer\s+gwerthfawr\b", None, "'valued customer'"),
)
_BLAME = (
    Phrase(r"\b(?:eich\s+bai\s+chi|arnoch\s+chi\s+mae'r\s+bai)\b", None, "'your fault'"),
    Phrase(r"\bnid\s+ein\s+bai\s+ni\b", None, "'not our fault'"),
    Phrase(r"\bfel\s+y\s+dywedwyd\s+(?:wrthych\s+)?(?:eisoes|o'r\s+blaen)\b", None,
           "'as you were already told'"),
    Phrase(r"\bdoes\s+dim\s+(?:byd\s+)?y\s+gallwn\s+ei\s+wneud\b", None,
           "'nothing we can do'"),
)
_CONDESCENSION = (
    Phrase(r"\b(?:yn\s+amlwg|wrth\s+gwrs\s+dylech)\b", "", "'obviously'"),
    Phrase(r"\bmae'n\s+hawdd\b", "", "'it's easy'"),
)
_HEDGING = (
    Phrase(r"\befallai\b", "", "'perhaps'"),
    Phrase(r"\bmae'n\s+debyg\b", "", "'probably'"),
    Phrase(r"\b(?:rwy'n|dw\s+i'n)\s+meddwl\b", "", "'I think'"),
)
_INCLUSIVE = (
    Phrase(r"\b(?:dyn|gwr)\s+tân\b", "diffoddwr tân", "names only men"),
    Phrase(r"\bcadeirydd\s*ddyn\b", "cadeirydd", "names only men"),
)

WELSH = LanguagePack(
    code="cy",
    name="Welsh",
    phrases={"boilerplate": _BOILERPLATE, "blame": _BLAME, "condescension": _CONDESCENSION,
             "hedging": _HEDGING},
    inclusive=_INCLUSIVE,
    greeting=r"(?:helo|shwmae|s'mae|bore\s+da|prynhawn\s+da|noswaith\s+dda|annwyl|"
             r"diolch\s+am\s+gysylltu)\b",
    sentence_unit="words",
    max_sentence_units=25,
)


@hookimpl
def brandvoice_language_packs() -> list[LanguagePack]:
    return [WELSH]
