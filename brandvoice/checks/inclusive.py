"""Inclusive language: gendered, ableist and otherwise exclusionary terms, with alternatives.

The built-in list is ours. It deliberately leaves out what makes peers noisy: pronouns
("her bicycle" is not a problem), "man" and "master" on their own (the man at the desk, a
master's degree), and words whose literal sense dominates in customer care ("blind" for
window blinds, "deaf" as a description). Phrases are preferred over bare words where the
bare word is usually innocent: "you guys" and "hi guys", not every "guys".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from brandvoice.analysis.terms import inflections
from brandvoice.checks.base import Check, Rule, rules_field
from brandvoice.checks.language import inclusive_findings, pack_of
from brandvoice.checks.termlist import Term, TermList
from brandvoice.config.schema import Bool, Field, ListOf, MapOf, Record, Str
from brandvoice.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from spacy.language import Language

    from brandvoice.analysis.reply import Reply
    from brandvoice.findings import Finding
    from brandvoice.voice import Voice

# term -> (suggestion, why). Terms are matched with inflections on lower-cased tokens.
BUILTIN_TERMS: dict[str, tuple[str, str]] = {
    # gendered
    "you guys": ("you all", "gendered group address"),
    "hi guys": ("hi everyone", "gendered group address"),
    "hey guys": ("hey everyone", "gendered group address"),
    "thanks guys": ("thanks, everyone", "gendered group address"),
    "guys and gals": ("everyone", "gendered group address"),
    "ladies and gentlemen": ("everyone", "gendered group address"),
    "manning": ("staffing", "gendered"),
    "manned": ("staffed", "gendered"),
    "manpower": ("workforce", "gendered"),
    "man-hours": ("person-hours", "gendered"),
    "man hours": ("person-hours", "gendered"),
    "mankind": ("humanity", "gendered"),
    "man-made": ("artificial", "gendered"),
    "chairman": ("chair", "gendered job title"),
    "chairwoman": ("chair", "gendered job title"),
    "salesman": ("salesperson", "gendered job title"),
    "saleswoman": ("salesperson", "gendered job title"),
    "salesmen": ("salespeople", "gendered job title"),
    "businessman": ("businessperson", "gendered job title"),
    "businessmen": ("businesspeople", "gendered job title"),
    "policeman": ("police officer", "gendered job title"),
    "policemen": ("police officers", "gendered job title"),
    "fireman": ("firefighter", "gendered job title"),
    "firemen": ("firefighters", "gendered job title"),
    "mailman": ("mail carrier", "gendered job title"),
    "postman": ("postal worker", "gendered job title"),
    "deliveryman": ("courier", "gendered job title"),
    "repairman": ("technician", "gendered job title"),
    "workman": ("worker", "gendered job title"),
    "cameraman": ("camera operator", "gendered job title"),
    "spokesman": ("spokesperson", "gendered job title"),
    "stewardess": ("flight attendant", "gendered job title"),
    "air hostess": ("flight attendant", "gendered job title"),
    "middleman": ("intermediary", "gendered"),
    "freshman": ("first-year student", "gendered"),
    "he or she": ("they", "binary pronoun pair"),
    "his or her": ("their", "binary pronoun pair"),
    "him or her": ("them", "binary pronoun pair"),
    "he/she": ("they", "binary pronoun pair"),
    "s/he": ("they", "binary pronoun pair"),
    # ableist
    "crazy": ("wild", "ableist"),
    "insane": ("unbelievable", "ableist"),
    "insanely": ("incredibly", "ableist"),
    "lame": ("disappointing", "ableist"),
    "dumb": ("silly", "ableist"),
    "retarded": ("slow", "ableist slur"),
    "spaz": ("klutz", "ableist slur"),
    "psycho": ("unpredictable", "ableist"),
    "lunatic": ("reckless", "ableist"),
    "cripple": ("disable", "ableist"),
    "crippled": ("broken", "ableist"),
    "crippling": ("severe", "ableist"),
    "handicapped": ("disabled", "outdated"),
    "wheelchair-bound": ("wheelchair user", "defines a person by equipment"),
    "confined to a wheelchair": ("uses a wheelchair", "defines a person by equipment"),
    "suffers from": ("has", "frames disability as suffering"),
    "sanity check": ("quick check", "ableist"),
    "tone-deaf": ("out of touch", "ableist"),
    "turn a blind eye": ("ignore", "ableist idiom"),
    "falls on deaf ears": ("is ignored", "ableist idiom"),
    "the disabled": ("disabled people", "defines people by disability"),
    "special needs": ("disabled", "euphemism"),
    "ocd about": ("particular about", "trivialises a condition"),
    "so ocd": ("so particular", "trivialises a condition"),
    "bipolar weather": ("changeable weather", "trivialises a condition"),
    # racial and cultural
    "blacklist": ("blocklist", "racialised metaphor"),
    "blacklisted": ("blocked", "racialised metaphor"),
    "whitelist": ("allowlist", "racialised metaphor"),
    "whitelisted": ("allowed", "racialised metaphor"),
    "master/slave": ("primary/replica", "slavery metaphor"),
    "slave": ("replica", "slavery metaphor"),
    "grandfathered": ("legacy", "origin in voter suppression"),
    "grandfather clause": ("legacy clause", "origin in voter suppression"),
    "gypped": ("cheated", "ethnic slur"),
    "gyp": ("cheat", "ethnic slur"),
    "spirit animal": ("favourite", "cultural appropriation"),
    "powwow": ("meeting", "cultural appropriation"),
    "tribe": ("team", "cultural appropriation"),
    "low man on the totem pole": ("most junior", "cultural appropriation"),
    "illegal alien": ("undocumented immigrant", "dehumanising"),
    "illegal aliens": ("undocumented immigrants", "dehumanising"),
    "third world": ("developing", "outdated"),
    "frenchman": ("French person", "gendered demonym"),
    "frenchmen": ("French people", "gendered demonym"),
    "englishmen": ("English people", "gendered demonym"),
    "committed suicide": ("died by suicide", "stigmatising"),
    "commit suicide": ("die by suicide", "stigmatising"),
    "shemale": ("trans woman", "transphobic slur"),
    "he-she": ("trans person", "transphobic slur"),
    "tranny": ("trans person", "transphobic slur"),
    "fag": ("gay man", "homophobic slur"),
    "faggot": ("gay man", "homophobic slur"),
    "wifebeater": ("tank top", "normalises violence"),
    "wife beater": ("tank top", "normalises violence"),
    "homosexual": ("gay", "clinical, often used to disparage"),
    "sexual preference": ("sexual orientation", "implies a choice"),
    "preferred pronoun": ("pronoun", "implies pronouns are optional"),
    "preferred pronouns": ("pronouns", "implies pronouns are optional"),
    "lady lawyer": ("lawyer", "needless gender marker"),
    "lady doctor": ("doctor", "needless gender marker"),
    "woman doctor": ("doctor", "needless gender marker"),
    "male nurse": ("nurse", "needless gender marker"),
    "handicapable": ("disabled", "euphemism"),
    "downs syndrome": ("Down syndrome", "outdated form"),
    "down's syndrome": ("Down syndrome", "outdated form"),
    "dummy variable": ("placeholder variable", "ableist"),
    "stupid": ("silly", "ableist"),
    "mongoloid": ("person with Down syndrome", "ableist slur"),
    "hi ladies": ("hi everyone", "gendered group address"),
    "hey ladies": ("hey everyone", "gendered group address"),
    "thanks ladies": ("thanks, everyone", "gendered group address"),
    "man up": ("be brave", "gendered"),
    "like a girl": ("weakly", "gendered insult"),
    "midget": ("short person", "ableist slur"),
    "spastic": ("clumsy", "ableist slur"),
    "retard": ("fool", "ableist slur"),
    "schizo": ("erratic", "ableist slur"),
    "psychotic": ("erratic", "ableist"),
    "wheelchair bound": ("wheelchair user", "defines a person by equipment"),
    "suffering from": ("living with", "frames disability as suffering"),
    "afflicted with": ("has", "frames disability as suffering"),
    "differently abled": ("disabled", "euphemism"),
    "handicap": ("disability", "outdated"),
    "normal people": ("non-disabled people", "implies others are abnormal"),
    "transgendered": ("transgender", "outdated form"),
    "sex change": ("transition", "outdated"),
    "illegals": ("undocumented immigrants", "dehumanising"),
    "oriental": ("Asian", "outdated"),
    "senile": ("confused", "ageist"),
    "blind to": ("unaware of", "ableist idiom"),
    "tone deaf": ("out of touch", "ableist"),
    "delivery man": ("courier", "gendered job title"),
    "delivery men": ("couriers", "gendered job title"),
    "handyman": ("handyperson", "gendered job title"),
    "foreman": ("supervisor", "gendered job title"),
    "doorman": ("door attendant", "gendered job title"),
    "barman": ("bartender", "gendered job title"),
    "weatherman": ("weather forecaster", "gendered job title"),
    "layman": ("non-specialist", "gendered"),
    "layman's terms": ("plain terms", "gendered"),
    "laymen's terms": ("plain terms", "gendered"),
    "man-hour": ("person-hour", "gendered"),
    "man hour": ("person-hour", "gendered"),
    "manhours": ("person-hours", "gendered"),
    "gentleman's agreement": ("unwritten agreement", "gendered"),
    "crazies": ("people", "ableist"),
    "nutter": ("eccentric", "ableist"),
    "nutcase": ("eccentric", "ableist"),
    "mental case": ("erratic person", "ableist"),
    "crackhead": ("person who uses drugs", "stigmatising"),
    "that's nuts": ("that's wild", "ableist"),
    "it's nuts": ("it's wild", "ableist"),
    "go nuts": ("go wild", "ableist"),
    "drive me nuts": ("frustrate me", "ableist"),
    "drive you nuts": ("frustrate you", "ableist"),
    "drive us nuts": ("frustrate us", "ableist"),
    "go mental": ("go haywire", "ableist"),
    "go loopy": ("go haywire", "ableist"),
    "loony": ("reckless", "ableist"),
    "deranged": ("erratic", "ableist"),
    "schizophrenic": ("erratic", "ableist"),
    "moron": ("fool", "ableist slur"),
    "moronic": ("foolish", "ableist slur"),
    "imbecile": ("fool", "ableist slur"),
    "cretin": ("fool", "ableist slur"),
    "a bit ocd": ("a bit particular", "trivialises a condition"),
    "little ocd": ("little particular", "trivialises a condition"),
    "blonde moment": ("lapse", "sexist"),
    "waitress": ("server", "gendered job title"),
    "manageress": ("manager", "gendered job title"),
    "headmaster": ("head teacher", "gendered job title"),
    "headmistress": ("head teacher", "gendered job title"),
    "craftsman": ("craftsperson", "gendered job title"),
    "tradesman": ("tradesperson", "gendered job title"),
    "unmanned": ("uncrewed", "gendered"),
    "manmade": ("artificial", "gendered"),
    "common man": ("ordinary people", "gendered"),
    "our girls": ("our team", "infantilising"),
    "ladies and gents": ("everyone", "gendered group address"),
    "ladies & gents": ("everyone", "gendered group address"),
    "guys & gals": ("everyone", "gendered group address"),
    "idiot-proof": ("foolproof", "ableist"),
    "deaf to": ("unmoved by", "ableist idiom"),
    "dumbass": ("fool", "ableist"),
    "nutjob": ("eccentric", "ableist"),
    "the deaf": ("deaf people", "defines people by disability"),
    "coloured people": ("people of colour", "outdated"),
    "eskimo": ("Inuit", "outdated"),
    "illegal immigrant": ("undocumented immigrant", "dehumanising"),
    "insanity": ("chaos", "ableist"),
    "that's mental": ("that's wild", "ableist"),
    "it's mental": ("it's wild", "ableist"),
    # "mental" as an intensifier ("the queues are mental", "mental queues today")
    "is mental": ("is wild", "ableist"),
    "are mental": ("are wild", "ableist"),
    "was mental": ("was wild", "ableist"),
    "been mental": ("been wild", "ableist"),
    "mental queues": ("huge queues", "ableist"),
    "be mad not to": ("not want to miss this", "ableist"),
    "be crazy not to": ("not want to miss this", "ableist"),
    # assumptions about who the customer is or lives with
    "man of the house": ("account holder", "assumes a man runs the household"),
    "little woman": ("partner", "sexist"),
    "dear sirs": ("dear team", "assumes the readers are men"),
    "even your grandma": ("anyone", "ageist stereotype"),
    "even your gran": ("anyone", "ageist stereotype"),
    "even your granny": ("anyone", "ageist stereotype"),
    "even your nan": ("anyone", "ageist stereotype"),
    "even your grandad": ("anyone", "ageist stereotype"),
    "even your mum": ("anyone", "sexist stereotype"),
    "even your mom": ("anyone", "sexist stereotype"),
    "housewife": ("homemaker", "gendered"),
    "man-power": ("workforce", "gendered"),
    "man the phones": ("staff the phones", "gendered"),
    "man the desk": ("staff the desk", "gendered"),
    "man the lines": ("staff the lines", "gendered"),
    "man the stand": ("staff the stand", "gendered"),
    "man the counter": ("staff the counter", "gendered"),
    "half-caste": ("mixed race", "outdated, offensive"),
    "red indian": ("Native American", "outdated, offensive"),
    "manic depressive": ("bipolar", "outdated"),
    "the mentally ill": ("people with mental illness", "defines people by a condition"),
    "spinster": ("single woman", "outdated, gendered"),
    "man-days": ("person-days", "gendered"),
    "man days": ("person-days", "gendered"),
    "englishman": ("English person", "gendered demonym"),
    "i'm ocd": ("I'm particular", "trivialises a condition"),
    "we're ocd": ("we're particular", "trivialises a condition"),
    "totally ocd": ("totally particular", "trivialises a condition"),
    "very ocd": ("very particular", "trivialises a condition"),
    "lamely": ("weakly", "ableist"),
    "spazzes": ("klutzes", "ableist slur"),
    # comparatives and adverbs of the ableist adjectives, with suggestions in the same form
    "crazier": ("wilder", "ableist"),
    "craziest": ("wildest", "ableist"),
    "crazily": ("wildly", "ableist"),
    "lamer": ("weaker", "ableist"),
    "lamest": ("weakest", "ableist"),
    "dumber": ("sillier", "ableist"),
    "dumbest": ("silliest", "ableist"),
    "stupider": ("sillier", "ableist"),
    "stupidest": ("silliest", "ableist"),
    "stupidly": ("foolishly", "ableist"),
    # forms the inflection of a phrase's first word does not reach (irregular past, plural)
    "fell on deaf ears": ("was ignored", "ableist idiom"),
    "fall on deaf ears": ("be ignored", "ableist idiom"),
    "fallen on deaf ears": ("been ignored", "ableist idiom"),
    "suffer from": ("have", "frames disability as suffering"),
    "suffered from": ("had", "frames disability as suffering"),
    "confined to wheelchairs": ("use wheelchairs", "defines people by equipment"),
    "housewives": ("homemakers", "gendered"),
    "able-bodied": ("non-disabled", "implies disabled bodies are not able"),
    "no-brainer": ("easy choice", "ableist"),
    "barmaid": ("bartender", "gendered job title"),
    "cleaning lady": ("cleaner", "gendered job title"),
    "cleaning ladies": ("cleaners", "gendered job title"),
    "tea lady": ("tea server", "gendered job title"),
    # age
    "elderly": ("older people", "othering"),
    "senior moment": ("lapse", "ageist"),
}

RULES = {
    "term": Rule("warning", "A non-inclusive term appears (any inflection: plural, possessive)."),
    "generic_he": Rule("warning", "'he', 'his' or 'him' for a customer or user of unknown gender."),
}

# "If a customer wants a refund, he should...": a generic person, then he/his/him in the same
# sentence. A named person ("Mr Lee said he") is not generic: the noun must be introduced by
# an indefinite or generic determiner.
GENERIC_PERSON = regex.compile(
    r"(?i)\b(?:(?P<bare>anyone|anybody|someone|somebody|no one|nobody|whoever)|"
    # "your customer" in a reply to a business is generic; "your friend" is someone known
    r"(?P<det>your)\s+(?:customer|client|user|employee|tenant|buyer|payee|supplier|"
    r"subscriber|guest)s?|"
    r"(?P<det>a|an|any|each|every|the|no|one|some|whichever)\s+(?:new\s+|existing\s+|"
    r"individual\s+|single\s+|main\s+|joint\s+|second\s+|primary\s+|secondary\s+|"
    r"additional\s+|named\s+|business\s+|other\s+|lead\s+|relationship\s+|account\s+|"
    r"case\s+|support\s+|delivery\s+|service\s+|fraud\s+|mortgage\s+|branch\s+|"
    r"dedicated\s+|personal\s+|local\s+|company\s+)?(?:customer|user|client|member|"
    r"resident|applicant|account\s?holder|account-holder|policy\s?holder|cardholder|card\s+holder|"
    r"passenger|guest|caller|person|patient|student|visitor|buyer|seller|shopper|subscriber|"
    r"driver|employee|tenant|claimant|consumer|traveller|traveler|owner|homeowner|payee|"
    r"recipient|sender|agent|adviser|advisor|colleague|engineer|technician|courier|manager|"
    r"representative|member of (?:staff|our team)|staff member|child|teenager|borrower|"
    r"lender|beneficiary|payer|signatory|investor|saver|holder|landlord|learner|reader|"
    r"director|partner|trustee|executor|guarantor|shareholder|contractor|officer|specialist|"
    r"consultant|installer|caseworker|handler|"
    r"someone|somebody|anyone|anybody|everyone|everybody)s?)\b")
# "The driver, Tom, said he ...", "the account holder, Mr Davies, ...": a named person.
NAMED = regex.compile(r",?\s+(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?\p{Lu}\p{Ll}+")
# "A customer told us he loved it": one particular person in a story, not a generic one.
# Generic uses are conditional or general ("if a customer wants ..., he should").
CONDITIONAL = regex.compile(r"(?i)\b(?:if|when|whenever|once|unless|until|before|after|where|"
                            r"who|whoever|in case)\b")
PAST = regex.compile(r"(?i)\b(?:told|said|asked|called|wrote|was|were|had|did|got|came|went|"
                     r"left|made|sent|gave|paid|bought|spoke|rang|tweeted|emailed|\w{3,}ed)\b")
MODAL = regex.compile(r"(?i)\b(?:can|could|should|must|will|would|may|might|needs?|has to|"
                      r"have to|shall)\b|['’]ll\b")
# A gendered word used to address the readers ("Morning guys!", "Good news, ladies"): the
# address, not every "guys" ("the guys in the warehouse").
VOCATIVE = regex.compile(
    r"(?i)(?:(?<=^\s*|[,;:!?.]\s*)|(?<=\b(?:hi|hey|hello|hiya|heya|morning|evening|afternoon|"
    r"night|thanks|thank you|ty|cheers|sorry|ok|okay|yo|welcome|congrats|congratulations|"
    r"alright|bye|love you)\s+))(?P<w>guys|gals|lads|fellas|gents|chaps|dudes|ladies|gentlemen|"
    r"(?<=\b(?:hi|hey|hello|hiya|morning|thanks|cheers|sorry)\s+)(?:boys|girls)|"
    # one reader: "Thanks man!", "Sorry dude,", "..., bro!" (not "Man, that's annoying")
    r"(?P<one>(?<=\b(?:hi|hey|hello|hiya|heya|morning|thanks|thank you|ty|cheers|sorry|ok|okay|"
    r"yo|welcome|congrats|alright|bye|sup)\s+)(?:dude|bro|man|lad|fella)|"
    r"(?<=,\s*)(?:dude|bro|man|fella)(?=\s*(?:[.!?]|$))))"
    r"(?=\s*(?:[,.!?:;)]|$|\p{Extended_Pictographic}))")
HE = regex.compile(r"\b(?:he['’](?:s|ll|d)|himself|he|his|him)\b", regex.I)
SHE_TOO = regex.compile(r"(?i)\b(?:he or she|he/she|s/he|his or her|his/her|him or her|him/her)\b")
THEY_FOR = {"he": "they", "his": "their", "him": "them", "himself": "themselves",
            "he's": "they're", "he'll": "they'll", "he'd": "they'd"}
SENTENCE = regex.compile(r"[^.!?\n]+")
# "your friend ... his app": someone the customer knows (and may have told us about) is not
# generic, so "your" is a generic determiner only before business roles ("your customer").
SPECIFIC_DETS = frozenset(("a", "an", "the", "one", "some", "your", "someone", "somebody"))

SCHEMA = Record({
    "enabled": Field(Bool(), "Turn the inclusive-language check on or off.", default=True),
    "terms": Field(
        MapOf(Record({
            "suggestion": Field(Str(), "What to say instead.", required=True, example="expert"),
            "reason": Field(Str(), "Why, shown with the finding.", default=""),
        }), key_doc="term"),
        "Extra terms to flag, beyond the built-in list.",
        example={"ninja": {"suggestion": "expert"}},
    ),
    "allow": Field(
        ListOf(Str(min_length=1)), "Built-in terms this voice allows.", example=["tribe"],
    ),
    "rules": rules_field(RULES),
}, doc="Inclusive language.")


# What a service, not a body, suffers from: "customers who suffered from the outage".
# Up to three words may name it ("a power outage", "a courier mix-up"), but not a body or
# mind ("mental health issues", "long COVID problems").
NOT_A_CONDITION = regex.compile(
    r"(?i)\s+(?:(?:the|this|that|these|those|our|a|an|any|some|recent|ongoing|frequent|"
    r"long|short)\s+)*(?:(?!(?:mental|health|medical|chronic|covid|anxiety|depression|memory|"
    r"hearing|sight|vision|eye|back|heart|breathing|skin|sleep|mobility|joint|stomach|"
    r"bowel|bladder)\b)[\w'’-]+\s+){0,3}?(?:outages?|delays?|bugs?|glitch(?:es)?|problems?|"
    r"issues?|faults?|errors?|crash(?:es)?|lag|downtime|disruptions?|shortages?|damage|losses?|"
    r"backlogs?|high demand|demand|strikes?|weather|storms?|flooding|power cuts?|mix-?ups?|"
    r"theft|fraud|signal|wi-?fi)\b")
VOCATIVE_WORDS = frozenset(("guys", "gals", "lads", "fellas", "gents", "chaps", "dudes", "ladies",
                            "boys", "girls", "dude", "bro", "man", "lad", "fella", "gentlemen"))
FOLLOWING_WORD = regex.compile(r"[ \t]+(\p{Lu}[\p{Ll}'’]*)")


@dataclass
class Config:
    terms: TermList
    generic_he: str | None
    vocative: str | None  # the term rule's severity, unless "guys" and the rest are allowed
    allowed: frozenset[str] = frozenset()  # words of inclusive.allow, each vocative too


class InclusiveCheck(Check):
    name = "inclusive"
    category = "inclusive"
    section = "inclusive"
    schema = SCHEMA
    rules = RULES

    def configure(self, voice: Voice, nlp: Language) -> Config:
        section = voice.section("inclusive")
        terms = TermList(nlp)
        severity = self.severity(voice, "term") if section["enabled"] else None
        if severity:
            allowed = {a.lower() for a in section.get("allow") or []}
            for term, (suggestion, why) in BUILTIN_TERMS.items():
                if term not in allowed:
                    terms.add(term, _forms(term), _term(severity, term, suggestion, why,
                                                        "builtin"), inflect=False)
            for term, spec in (section.get("terms") or {}).items():
                terms.add(term, _forms(term), _term(severity, term, spec["suggestion"],
                                                    spec["reason"],
                                                    voice.source("inclusive", "terms", term)),
                          inflect=False)
        generic_he = self.severity(voice, "generic_he") if section["enabled"] else None
        allowed = {a.lower() for a in section.get("allow") or []}
        vocative = None if "guys" in allowed or "vocative" in allowed else severity
        return Config(terms, generic_he, vocative, frozenset(allowed))

    def check(self, reply: Reply, config: Config) -> Iterator[Finding]:
        pack = pack_of(reply)
        if pack is not None:  # not English: the language pack's terms, then the voice's own
            section = reply.voice.section("inclusive")
            severity = self.severity(reply.voice, "term") if section.get("enabled", True) \
                else None
            if severity:
                yield from inclusive_findings(reply, pack, severity,
                                              self.rule_source(reply.voice, "term"))
        elif config.generic_he and \
                not {"he", "his", "him", "himself"}.isdisjoint(reply.lower_set):
            yield from self._generic_he(reply, config.generic_he)
        if pack is not None:
            yield from config.terms.findings(reply)
            return
        prose = reply.prose
        taken: list[tuple[int, int]] = []
        for f in config.terms.findings(reply):
            if _is_name(prose, f.start, f.end):
                continue  # "the Crazy Golf course", "our Insane Tuesday deals": a name
            if prose[f.start:f.start + 6].lower() == "suffer" and \
                    NOT_A_CONDITION.match(prose, f.end):
                continue  # "suffered from the outage": a service problem, not a condition
            taken.append((f.start, f.end))
            yield f
        if config.vocative and not VOCATIVE_WORDS.isdisjoint(reply.lower_set):
            for m in VOCATIVE.finditer(prose):
                if any(s <= m.start() < e for s, e in taken):
                    continue  # "hi guys" is a listed term
                word = m.group("w")
                if word.lower() in config.allowed:
                    continue  # the voice allows this one ("allow: [lads]")
                source = self.rule_source(reply.voice, "term")
                if m.group("one"):
                    yield reply.finding(
                        "inclusive.term", config.vocative, m.start(), m.end(),
                        f"{word!r} addresses the reader by gender; leave it out or use their "
                        "name", suggestion=None, source=source)
                    continue
                yield reply.finding(
                    "inclusive.term", config.vocative, m.start(), m.end(),
                    f"{word!r} addresses the readers by gender (gendered group address); "
                    "consider 'everyone'", suggestion="Everyone" if word[0].isupper()
                    else "everyone", source=source)

    def _generic_he(self, reply: Reply, severity: str) -> Iterator[Finding]:
        prose = reply.prose
        # A generic person in one sentence, "he" opening the next ("A customer can ask for a
        # refund. He needs the receipt."): the person carries over one sentence.
        carried: str | None = None
        for sent in SENTENCE.finditer(prose):
            sentence = sent.group()
            person = GENERIC_PERSON.search(sentence)
            if SHE_TOO.search(sentence):
                carried = None
                continue  # "he or she" is the term rule's
            if not person:
                opening = HE.match(sentence.lstrip())
                if carried and opening and (MODAL.search(sentence) or not PAST.search(sentence)):
                    yield from self._he_findings(reply, severity, sent.start(), sentence,
                                                 carried, len(sentence) - len(sentence.lstrip()))
                carried = None
                continue
            carried = None
            if NAMED.match(sentence, person.end()):
                continue  # "the driver, Tom, said he ..."
            det = (person.group("det") or person.group("bare")).lower()
            end = len(sentence)
            # Each search runs once, not once per "he": a reply of many "he"s was quadratic.
            # "A past verb (and no modal) before this he" is "the first one ends by then".
            if det in SPECIFIC_DETS and not CONDITIONAL.search(sentence, 0, person.start()):
                past = PAST.search(sentence, person.end())
                modal = MODAL.search(sentence, person.end())
                for m in HE.finditer(sentence, person.end()):
                    if past is not None and past.end() <= m.end() + 12 and \
                            (modal is None or modal.end() > m.end() + 12):
                        end = m.start()  # "a customer told us he loved it": one person, a story
                        break
            yield from self._he_findings(reply, severity, sent.start(), sentence[:end],
                                         person.group().strip(), person.end())
            if end == len(sentence) and (det not in SPECIFIC_DETS or
                                         MODAL.search(sentence) or
                                         CONDITIONAL.search(sentence, 0, person.start())):
                carried = person.group().strip()

    def _he_findings(self, reply: Reply, severity: str, offset: int, sentence: str,
                     person: str, pos: int) -> Iterator[Finding]:
        for m in HE.finditer(sentence, pos):
            word = m.group()
            they = THEY_FOR[word.lower().replace("’", "'")]
            if "’" in word:
                they = they.replace("'", "’")  # keep the reply's apostrophe
            start = offset + m.start()
            yield reply.finding(
                "inclusive.generic_he", severity, start, start + len(word),
                f"{word!r} assumes that {person!r} is a man; say "
                f"{they!r} (or 'you' when you mean the reader)",
                suggestion=they.capitalize() if word[0].isupper() else they,
                source=self.rule_source(reply.voice, "generic_he"))


def _is_name(prose: str, start: int, end: int) -> bool:
    """A listed word written as part of a name: one capitalised word followed by another
    ("Crazy Golf", "Insane Tuesday")."""
    word = prose[start:end]
    if " " in word or "-" in word or not word.istitle():
        return False
    nxt = FOLLOWING_WORD.match(prose, end)
    return nxt is not None and nxt.group(1) != "I"


@dataclass(frozen=True)
class VerbPhraseTerm(Term):
    """A phrase whose replacement keeps its verb ("go mental" -> "go haywire"): the
    suggestion keeps the verb as written ("gone mental" -> "gone haywire")."""

    def suggestion_for(self, matched: str) -> str | None:
        words = matched.split(" ", 1)
        rest = (self.replacement or "").split(" ", 1)
        if len(words) < 2 or len(rest) < 2:
            return super().suggestion_for(matched)
        return f"{words[0]} {rest[1]}"


def _term(severity: str, term: str, suggestion: str, why: str, source: str) -> Term:
    # A phrase's suggestion keeps its words ("you guys" -> "you all"); a word's takes the
    # matched form ("crippled" -> "broken"); a verb phrase keeps the verb's form.
    msg = "{text!r} may exclude or hurt people" + (" ({reason})" if why else "") + \
        "; consider {suggestion!r}"
    if " " in term and term.split()[0] == suggestion.split()[0]:
        return VerbPhraseTerm("inclusive.term", severity, msg, term, source, suggestion, "case",
                              why)
    return Term("inclusive.term", severity, msg, term, source, suggestion,
                "case" if " " in term else "inflect", why)


def _forms(term: str) -> list[str]:
    """The term and its inflections: "chairman" -> "chairmen", "stewardess" ->
    "stewardesses", "blacklist" -> "blacklisted"; possessives ("chairman's") are matched
    through the tokenizer, which splits the "'s" off."""
    words = term.lower().split()
    forms = set(inflections(term))
    last = words[-1]
    if last.endswith("man") and len(last) > 4:
        forms.add(" ".join([*words[:-1], last[:-3] + "men"]))
    return sorted(forms)


@hookimpl
def brandvoice_register_checks() -> list[Check]:
    return [InclusiveCheck()]
