"""Tone patterns: condescension, dismissal, blame and hedges in the many ways people word them.

The phrase lists in :mod:`brandvoice.analysis.lexicons` hold fixed wordings; these patterns hold
the shapes behind them, as spaCy ``Matcher`` token patterns on lower-cased tokens: "as I
already explained", "as we have told you before", "like I said in my last message" are one
pattern (*as/like* + *we/I* + optional *have/already* + a verb of telling), not three strings.
Verbs are written as lemmas (``~stop``) and expanded to their inflections, because the blank
pipeline has no lemmatizer ("stopped messaging us" matches ``~stop messaging us``).

Each pattern may carry context tests on the text around the match, read from the prose (no
sentence splitting needed):

* ``unless_after``: a kind refusal goes on to an alternative ("there's nothing more we can do
  on the fee, but we can set up a payment plan") and is not dismissive;
* ``unless_before``: a condition is not an accusation ("if you didn't update the app, ...");
* ``requires_before`` / ``requires_after``: the cue that makes the match mean what it says
  ("before contacting us" is condescending only after "read the FAQ").

The spelling of a pattern: tokens separated by spaces; ``a|b`` alternatives; a trailing
``?`` makes a token optional; ``~verb`` is every inflection of the verb; ``_`` any one token;
a ``!`` in a token marks the token whose words gate the pattern (see ``keys``; otherwise the
first required token that is not a common word).
A straight apostrophe also matches a curly one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from brandvoice.analysis.terms import inflections
from brandvoice.caches import OwnerCache

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["KEYS", "PATTERNS", "PatternMatch", "TonePattern", "compile_token_pattern", "find",
           "sentence_around"]

# Messages per kind of pattern: say what is wrong and what to do instead.
ALREADY_TOLD = ("{text!r} tells the customer they were already told; answer again as if it "
                "were the first time")
READ_FIRST = ("{text!r} sends the customer away to read; answer the question and add the link "
              "as a help")
DISMISS = "{text!r} shuts the customer out; say what you can do or who can help"
BLAME = "{text!r} blames the customer; say what happened and what you will do"
SNEER = "{text!r} talks down to the customer; say it plainly and kindly"
SARCASM = "{text!r} reads as sarcasm; say it plainly"
HEDGE = "{text!r} hedges a promise; say what you will do, or what you cannot"
NEXT_TIME = ("{text!r} lectures the customer on what to do next time; say what you will do "
             "now, and offer the tip as a help")
NON_APOLOGY = ("{text!r} apologises for the customer's feelings, not for what happened; say "
               "sorry for the problem and what you will do")
STOCK = ("{text!r} is stock corporate phrasing; say plainly what happened and what you will "
         "do")

WE = "we|i"
HAVE = "have|'ve|had|'d"
TELL = "said|told|explained|stated|advised|informed|answered"
COMM = ("message|messages|reply|replies|response|responses|email|emails|tweet|tweets|dm|dms|"
        "correspondence|letter|letters|post|note|comment|answer")
EARLIER = "last|previous|earlier|prior|original|first|other"
CONTACTING = ("contacting|messaging|tweeting|emailing|calling|writing|dming|chasing|texting|"
              "pinging|sending|spamming|phoning|tagging|mentioning")
CONTACT = "contact|message|tweet|email|call|write|dm|chase|text|ping|phone"
# The rest of the sentence (or the start of the next) offers something: a kind refusal.
OFFER_AFTER = regex.compile(
    r"(?i)^[^.!?\n]{0,120}?\b(?:but|however|though|although|except|instead|other than)\b"
    r"|^[^.!?\n]*[.!?;:]\s*(?:but|however|instead|what (?:we|i) can|we can|we could|i can|"
    r"i could|we(?:'|’)d be happy|we(?:'|’)re happy)\b")
# A refusal followed by what the customer can do next is firm, not dismissive.
NEXT_STEP_AFTER = regex.compile(
    OFFER_AFTER.pattern + r"|^[^.!?\n]*[.!?;:]\s*(?:you can|you could|you may|you(?:'|’)re "
    r"welcome to|you are welcome to|if you(?:'d| would)? like|please (?:contact|call|visit|"
    r"get in touch|speak|refer|ask|dm|message|send|email|write)|the (?:financial )?ombudsman)\b|^[^\n]{0,200}?"
    r"\b(?:ombudsman|appeal to|refer (?:it|this|your complaint) to|independent review|"
    r"if you remain (?:unhappy|dissatisfied)|you can (?:ask|refer|contact|appeal|take))\b")
# Start of a sentence (mentions and URLs are blanked to spaces in the prose).
SENTENCE_START = regex.compile(r"(?:^|[.!?:;\n\-–—])\s*$")
# "Once again, thank you" and "again, sorry" are kind; "once again, we don't ship" is not.
KIND_AFTER = regex.compile(r"(?i)^\s*,?\s*(?:(?:a |so |many |big |huge |really )?"
                           r"(?:sorry|apolog|thank|thanks|we(?:'|’)re (?:so |really )?sorry|"
                           r"i(?:'|’)m (?:so |really )?sorry|my apologies|our apologies|"
                           r"well done|congrat|welcome|happy|hello|hi|good|great))")
# "We", "I" or "let us" before the verb: we are the ones acting ("we'll take this up with").
WE_BEFORE = regex.compile(r"(?i)\b(?:we|i|us|we(?:'|’)ll|i(?:'|’)ll|we(?:'|’)d|i(?:'|’)d|"
                          r"we(?:'|’)re|i(?:'|’)m|we will|i will|we can|i can|going to|"
                          r"happy to|glad to|like to|want to)\s+(?:\w+\s+)?$")
UNHAPPY_BEFORE = regex.compile(r"(?i)\b(?:unhappy|not happy|don(?:'|’)t like|do not like|"
                               r"dissatisfied|displeased|don(?:'|’)t agree|disagree)\b"
                               r"[^.!?\n]*$")
LOOK_BEFORE = regex.compile(r"(?i)\b(?:look|glance|check|read|search|visit|peek)\b[^.!?\n]*$")
CONDITION_BEFORE = regex.compile(r"(?i)\b(?:if|when|unless|in case|whether|once)\s*$")
# "you were told the wrong date, and I'm sorry": owning our mistake, not blaming.
OWN_ERROR = regex.compile(r"(?i)\b(?:wrong|wrongly|incorrect|incorrectly|sorry|apologi[sz]e|"
                          r"apologies|mistake|shouldn(?:'|’)t have|should not have|"
                          r"didn(?:'|’)t happen|our error|our fault)\b")


@dataclass(frozen=True)
class TonePattern:
    rule: str  # short rule name: condescension, blame, hedging
    name: str
    message: str
    patterns: tuple[str, ...]
    unless_after: regex.Pattern[str] | None = None
    unless_before: regex.Pattern[str] | None = None
    # Tested on the whole sentence around the match (up to the previous / next . ! ? or line).
    unless_sentence: regex.Pattern[str] | None = None
    requires_before: regex.Pattern[str] | None = None
    requires_after: regex.Pattern[str] | None = None
    tokens: tuple[list[dict[str, Any]], ...] = field(default=(), compare=False)
    # Words of which every spelling needs at least one: the Matcher runs only on replies
    # that have one (most replies have none, and the Matcher costs more than the set test).
    keys: frozenset[str] = field(default=frozenset(), compare=False)
    # Per spelling, the words of each required token: a spelling can only match a reply that
    # has one word of each (a second, exact gate before the Matcher runs).
    required: tuple[tuple[frozenset[str], ...], ...] = field(default=(), compare=False)

    def could_match(self, words: frozenset[str]) -> bool:
        return any(all(not words.isdisjoint(forms) for forms in spelling)
                   for spelling in self.required)


def _forms(alt: str) -> list[str]:
    forms = set(inflections(alt[1:])) if alt.startswith("~") else {alt}
    forms |= {f.replace("'", "’") for f in forms if "'" in f}
    return sorted(forms)


def compile_token_pattern(spec: str) -> list[dict[str, Any]]:
    """A spaCy ``Matcher`` pattern from the spelling in the module docstring."""
    out: list[dict[str, Any]] = []
    for word in spec.split():
        optional = word.endswith("?") and len(word) > 1
        if optional:
            word = word[:-1]
        # "!" anywhere in a token marks it ("wrong!|incorrectly" as "wrong|incorrectly!"); a
        # lone "!" is the mark itself
        key = "!" in word and len(word) > 1
        if key:
            word = word.replace("!", "")
        if word == "_":
            tok: dict[str, Any] = {}
        else:
            forms = sorted({f for alt in word.split("|") for f in _forms(alt)})
            tok = {"LOWER": {"IN": forms}} if len(forms) > 1 else {"LOWER": forms[0]}
        if optional:
            tok["OP"] = "?"
        if key:
            tok["_key"] = True
        out.append(tok)
    return out


# Words too common to gate on: a spelling's key is its first required token with none of these.
_COMMON = frozenset("""
we i you as like the our my to is are was were have had has do did can ca could n't not be
been that this it a 's 're 'll 've 'd will please if your me us no any all so out much lot
anything need good great nice well issue problem error end side call contact reply answer
only oh ah how let made must
""".split()) | {"n’t", "’s", "’re", "’ll", "’ve", "’d"}


def _forms_of(tok: dict[str, Any]) -> set[str]:
    low = tok["LOWER"]
    return set(low["IN"]) if isinstance(low, dict) else {low}


def _key_forms(tokens: list[dict[str, Any]]) -> set[str]:
    marked = [t for t in tokens if t.pop("_key", False)]
    if marked:
        return _forms_of(marked[0])
    required = [t for t in tokens if t.get("OP") != "?" and "LOWER" in t]
    for tok in required:
        low = tok["LOWER"]
        forms = set(low["IN"]) if isinstance(low, dict) else {low}
        if forms.isdisjoint(_COMMON):
            return forms
    low = required[0]["LOWER"]
    return set(low["IN"]) if isinstance(low, dict) else {low}


def _p(rule: str, name: str, message: str, *patterns: str, **context: Any) -> TonePattern:
    tokens = tuple(compile_token_pattern(p) for p in patterns)
    keys = frozenset().union(*(_key_forms(t) for t in tokens))
    # Rare words first: could_match() gives up at the first word the reply does not have.
    required = tuple(tuple(sorted((frozenset(_forms_of(t)) for t in spelling
                                   if t.get("OP") != "?" and "LOWER" in t),
                                  key=lambda forms: (not forms.isdisjoint(_COMMON), len(forms))))
                     for spelling in tokens)
    return TonePattern(rule, name, message, patterns, **context, tokens=tokens, keys=keys,
                       required=required)


def _re(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.IGNORECASE)


PATTERNS: tuple[TonePattern, ...] = (
    # --- "you were already told" -------------------------------------------------------
    _p("condescension", "as_we_said", ALREADY_TOLD,
       f"as|like {WE} {HAVE}? already|previously|just|clearly|repeatedly? {TELL}",
       # "just as we said we would, we've refunded it" is a promise kept
       unless_after=_re(r"^\s*(?:we|i)\s*(?:would|will|(?:'|’)d|(?:'|’)ll)\b")),
    _p("condescension", "as_stated_before", ALREADY_TOLD,
       "as|like already|previously|repeatedly said|stated|explained|mentioned|advised|answered",
       "as|like said|stated|explained|mentioned|advised|answered|noted "
       "before|previously|earlier|already|several|multiple|many|numerous|repeatedly|twice"),
    _p("condescension", "again_as", ALREADY_TOLD,
       f"again ,? as {WE}? {HAVE}? said|told|explained|stated|mentioned|advised|noted"),
    _p("condescension", "per_last_message", ALREADY_TOLD,
       f"as? per my|our {EARLIER} {COMM}",
       f"said|told|explained|stated|mentioned|advised|outlined|detailed|noted in my|our "
       f"{EARLIER} {COMM}",
       f"~refer you? to my|our|the {EARLIER}|above {COMM}"),
    _p("condescension", "you_were_told", ALREADY_TOLD,
       "you were|was already|previously|clearly|just? told|informed|advised|notified",
       "you 've|have|had|'d been already|previously|clearly|just? told|informed|advised|notified",
       unless_sentence=OWN_ERROR),
    _p("condescension", "explained_to_you", ALREADY_TOLD,
       "was|were|been explained|clarified|outlined to you",
       "was|were|been pointed out to you",
       # "made clear to you", not "the cheque was made out to you"
       "was|were|been made clear to you"),
    _p("condescension", "told_many_times", ALREADY_TOLD,
       f"{TELL}|mentioned you? this|that|it? several|multiple|many|numerous|countless times",
       f"{TELL}|mentioned you? this|that|it? twice|repeatedly",
       f"second|third|fourth|fifth|umpteenth|nth time {WE} {HAVE}? {TELL}|mentioned|sent|given|"
       "answered",
       unless_sentence=OWN_ERROR),
    # "We've now sent this info 4 times.", "we have given you this information twice": a count
    # of our own answers that ends the sentence. "We've sent the code three times and it still
    # hasn't arrived" (our failure, the sentence goes on) and "sorry" are left alone.
    _p("condescension", "answered_n_times", ALREADY_TOLD,
       f"{WE} {HAVE} now|already? explained|sent|given|shared|provided|told|answered|covered|"
       "repeated|gone _? _? _? _? _? 2|3|4|5|6|two|three|four|five|six|several|multiple|numerous "
       "times!",
       f"{WE} {HAVE} now|already? explained|sent|given|shared|provided|told|answered|covered|"
       "repeated|gone _? _? _? _? _? twice!",
       requires_after=_re(r"^\s*(?:now\s*)?(?:[.!;:]|$)"),
       unless_sentence=OWN_ERROR),
    _p("condescension", "been_over_this", ALREADY_TOLD,
       f"{WE} {HAVE} already? been|gone over this|that|it",
       f"{WE} {HAVE} already answered|covered|explained this|that"),
    _p("condescension", "explain_again", ALREADY_TOLD,
       "let me|us explain|repeat this|it|that|myself? again|slowly",
       f"{WE} will|'ll explain|repeat this|it|that|myself? again|slowly",
       "how many times do|must|will|should|did we|i",
       "~spell it|this|that out"),
    # --- "read the FAQ before contacting us" ----------------------------------------------
    _p("condescension", "read_before_contacting", READ_FIRST,
       "before contacting|messaging|tweeting|emailing|calling|writing|dming|asking|getting|"
       "reaching|raising|commenting|posting|complaining|reviewing",
       "before! you ~contact|~message|~tweet|~email|~call|~write|~dm|~ask|~get|~reach|~raise",
       requires_before=_re(r"\b(?:read(?:ing)?|check(?:ing)?|consult|look|see|visit|review|"
                           r"search|browse)\b"
                           r"[^.!?\n]*\b(?:faqs?|help|website|site|terms|instructions|guide|"
                           r"manual|pages?|articles?|cent(?:re|er)|community|policy|t&cs|caption|"
                           r"pinned|description|post|thread|bio|email|letter)\b"
                           r"[^.!?\n]*$")),
    _p("condescension", "if_you_bothered", READ_FIRST,
       "if|had you 'd|had? bothered|taken|took the? time? to",
       "if you 'd|had read|checked|looked|followed|listened|paid",
       "had you read|checked|looked|followed|listened|paid",
       # "if you'd actually read the email", "if you had watched the whole video"
       "if you 'd|had actually|just|only|even|properly! read|checked|looked|followed|"
       "listened|watched|opened",
       "if you 'd|had watched! the|our|this|that"),
    # "Had you set up a standing order, you would not have missed it": any verb
    _p("blame", "had_you", BLAME, "had! you",
       requires_before=SENTENCE_START,
       requires_after=_re(r"^[^.!?\n]{0,100},\s*(?:you|this|it|that|we)\s+(?:would|could|"
                          r"wouldn(?:'|’)t|couldn(?:'|’)t|(?:'|’)d)\b")),
    _p("condescension", "did_you_even", READ_FIRST,
       "did|have|do you even ~read|~try|~check|~look|~bother|~open",
       "have you tried|considered reading"),
    _p("condescension", "read_properly", READ_FIRST,
       "~read the|our|your|my? instructions|terms|email|message|reply|faq|guide|letter|post|"
       "it|them|this|that properly|again"),
    _p("condescension", "answer_is_there", READ_FIRST, "the answer is|'s right|all? there"),
    # --- "there's nothing more we can do", "stop contacting us" ---------------------------
    _p("blame", "nothing_we_can_do", DISMISS,
       f"nothing more|else|further? that? {WE} can|could|are|'re able? to? do",
       f"n't|not anything! more|else|further? that? {WE} can|could|are|'re able? to? do",
       f"not much! more? {WE} can|could do",
       f"not a lot! more? {WE} can|could do",
       f"little! more? {WE} can|could do",
       "out of our|my hands!",
       f"that|this 's|is all! {WE} can|could do",
       unless_after=OFFER_AFTER),
    _p("blame", "nothing_to_add", DISMISS,
       "nothing more|further|else to add|say|discuss"),
    _p("blame", "stop_contacting", DISMISS,
       f"~stop|~quit|~cease {CONTACTING} to|in? us|me",
       # "Stop leaving reviews and contact support"
       "~stop leaving|posting|writing! reviews|comments|posts|complaints",
       # "Please stop calling until we reply", not "please stop calling that number"
       f"please|kindly|just stop! {CONTACTING}",
       # nor "please stop calling our old number": a number or line, not us
       unless_after=_re(r"^\s+(?:the|that|this|those|these|any|them|him|her|it|other|our|your|"
                        r"my|old|previous|former)\b")),
    _p("blame", "refrain", DISMISS,
       f"~refrain from {CONTACTING}|contact|raising"),
    _p("blame", "dont_contact_again", DISMISS,
       f"do|please n't|not ~{CONTACT.replace('|', '|~')} us|me again|anymore|further",
       # "Please don't reply to this thread again" (not the no-reply notice "please do not
       # reply to this email", which tone.boilerplate lists: the "again" makes it a brush-off)
       "do|please n't|not ~reply|~respond|~write to? this|that|the|our|my? thread|email|message|"
       "number|chat|post|chain|ticket|conversation? again!|anymore",
       # "we must ask you to stop replying to this thread"
       "~stop replying|responding|writing! to this|that|the thread|email|chain|ticket|post|"
       "conversation",
       f"never ~{CONTACT.replace('|', '|~')} us|me again",
       # "please don't reply again with your card number: for your safety, call us" keeps
       # the customer's data safe, it does not shut them out
       unless_after=_re(r"^\s*(?:with|including|containing|to (?:send|share|give))\b[^.!?\n]{0,40}?"
                        r"\b(?:card|password|pin|passcode|passwords|details|cvv|cvc|code|codes|"
                        r"account|bank|sort code|security|personal|data|login|number)\b"
                        r"|^[^.!?\n]{0,80}?\b(?:for (?:your (?:own )?)?(?:safety|security|protection)|"
                        r"for (?:security|safety) reasons|to keep (?:you|your \w+) safe)\b")),
    _p("blame", "further_messages", DISMISS,
       "any|all further messages|correspondence|emails|tweets|contact|communication|replies|"
       "calls|complaints|enquiries|queries|dms",
       # "any further messages will not be answered", not "any further queries, please
       # don't hesitate to ask"
       requires_after=_re(r"^[^.!?\n]*\b(?:(?:will|shall|would)\s+not|won(?:'|’)t|"
                          r"ignored|unanswered|no (?:reply|response))\b")),
    _p("blame", "no_more_replies", DISMISS,
       f"{WE} will|'ll|wo|shall|can|ca n't|not|no longer? be? responding|replying|engaging|"
       "discussing|corresponding|commenting|respond|reply|engage|discuss|correspond|comment|"
       "answer|entertain!",
       requires_after=_re(r"^\s*(?:to\s+you\s+)?(?:(?:this|it|the matter|any)\s+)?"
                          r"(?:further|again|anymore|any (?:more|further)|"
                          r"to (?:this|any|further|these)|"
                          r"(?:on|about|regarding) (?:this|that|the)(?: matter| issue| topic)?)\b")),
    _p("blame", "done_discussing", DISMISS,
       f"{WE} 're|are|am|'m done discussing|talking|arguing|here"),
    # --- blame for the past --------------------------------------------------------------
    _p("blame", "you_probably_did", BLAME,
       "you probably|obviously|clearly|likely|must entered|typed|mistyped|put|selected|chose|"
       "clicked|pressed|misread|misunderstood|forgot|deleted|missed|ignored|used"),
    _p("blame", "you_didnt", BLAME,
       "you did n't|not never? follow|followed|read|check|checked|listen|listened|update|"
       "updated|keep|kept|provide|provided|fill|filled|complete|completed|wait|waited",
       "you never followed|read|checked|listened|updated|kept|provided|filled|completed|waited",
       unless_before=CONDITION_BEFORE),
    # "You are responsible for your login details, and you didn't." ends on the failure
    # Only after what the customer was asked or bound to do: "some customers had to reset
    # their password, but you didn't." is good news
    _p("blame", "and_you_didnt", BLAME,
       "and|but you did! n't|not", "and|but you never!",
       requires_after=_re(r"^\s*(?:[.!]|$)"), unless_sentence=OWN_ERROR,
       requires_before=_re(r"\b(?:(?:we|i|they|the \w+)\s+(?:\w+\s+)?(?:asked|told|reminded|"
                           r"advised|warned|instructed|requested|begged)\s+you|you\s+(?:were|are|"
                           r"was)\s+(?:\w+\s+)?(?:asked|told|reminded|advised|warned|instructed|"
                           r"supposed|meant|required|expected|responsible|obliged)|you\s+(?:had|"
                           r"needed|need|have|agreed|promised|said you(?:'|’)?d|said you would)\s+to|"
                           r"you\s+(?:should|must|were to|ought)|all you had to do)\b[^.!?\n]*$")),
    # "The courier can't deliver if you're never home."; not "if you're never home during the
    # day, we can send it to a locker" (an offer follows)
    _p("blame", "never_home", BLAME,
       "if|when you 're|are never! home|in|there|around|available|in",
       unless_after=regex.compile(
           OFFER_AFTER.pattern + r"|^[^.!?\n]{0,120}?\b(?:we|i|you)\s*(?:can|could|will|"
           r"(?:'|’)ll|would|(?:'|’)d|are welcome to|(?:'|’)re welcome to|may)\b"
           r"(?!\s*(?:n(?:'|’)t|(?:'|’)t|not)\b)|^[^.!?\n]{0,120}?\b(?:just|simply)\s+(?:reply|"
           r"let us know|tell us|choose|pick|select|message|dm)\b")),
    _p("blame", "what_happens_when", BLAME,
       "that|this 's|is what happens! when|if you"),
    _p("blame", "your_end", BLAME,
       "problem|issue|fault|error|mistake|glitch is|'s|was|lies on|at|with|from your end|side!",
       "your end|side! , not ours|us"),
    _p("condescension", "only_you", SNEER,
       "everyone|everybody else manages|managed|seems|can|copes|understands|gets",
       "you 're|are the only! one|customer|person|people",
       # "you're the only person who can authorise this" is a fact about access
       unless_after=_re(r"^\s*(?:who|that)\s+(?:can|could|may|is able|are able|has access|"
                        r"have access)|^\s*(?:able|allowed|authori[sz]ed|permitted)\b")),
    _p("condescension", "nth_person", SNEER,
       "you 're|are the second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|umpteenth|"
       "nth|hundredth|millionth! person|customer|one|user|people _? _? to ask|complain|moan"),
    _p("condescension", "at_least_get_right", SNEER,
       "at least! ~get|~spell the|our|my|your? _ _? right|correct",
       requires_after=_re(r"^\s*(?:[.,!?;]|$|before|first|next|this time)")),
    # "Maybe watch it again?", "maybe read it again": talking down
    _p("condescension", "maybe_read_again", SNEER,
       "maybe|perhaps ~watch|~read|~reread|~rewatch|~check it|this|that|them again!",
       # "could you maybe check it again in an hour?": waiting for an update, not talking down
       unless_after=_re(r"^\s*(?:in\b|later|tomorrow|tonight|after|once|when|this (?:evening|"
                        r"afternoon|morning)|next week)")),
    _p("condescension", "dismissive_asides", SNEER,
       "that 's|is literally! what",
       # "that's literally what we're here for!" is warmth, not "what the help page is for"
       unless_after=_re(r"^\s*(?:we|i)\s*(?:'|’)?(?:re|m|are|am)\s+(?:here|there|all about)\b")),
    _p("condescension", "most_customers_find", SNEER,
       "most|many|other|all of? our? customers|users|people find! it|the|this|our|that _? "
       "quick|easy|simple|fine|straightforward|intuitive|clear|fast"),
    _p("condescension", "dismissive_asides", SNEER,
       "a|any bigger deal! than",
       "~make|~making a|such a big? fuss|song and dance! about|over|of",
       "you 'll|will survive!",
       "hate to break! it to you",
       "do|did you really! think|believe|expect",
       "we|i do actually! know|understand|read|check",
       "a little|bit|some of? patience! would|'d be nice|appreciated|great|lovely",
       "the whole|entire internet|world|twitter! know|knows|hear|now",
       unless_sentence=OWN_ERROR),
    _p("condescension", "sorry_not_sorry", SARCASM, "sorry not! sorry"),
    # "Could've just DM'd us" ("you could have just asked" is tone.blame's modal perfect)
    _p("condescension", "could_have_just", SNEER,
       "could 've|have just! dm|dmed|dm'd|dmd|~message|~email|~call|~ask|~check|~read|~look",
       unless_before=_re(r"\b(?:we|i|you)\s+$")),
    _p("condescension", "wont_listen", SNEER,
       "you wo|will|do|refuse n't|not|to listen|cooperate|co-operate"),
    _p("condescension", "no_need_upset", SNEER,
       "no need to get|be upset|angry|rude|aggressive|shouty|emotional|hysterical|cross|"
       "abusive|nasty|snippy|sarcastic|like!",
       "no need for the|that|this|your? attitude|rudeness|language|tone|aggression|sarcasm|"
       "abuse|shouting|swearing!"),
    # "I'm sure you'll understand that...", "we're confident you can appreciate why...": the
    # customer told what they must accept (not "you'll love it" or "you'll be pleased")
    _p("condescension", "sure_you_understand", SNEER,
       f"{WE} 'm|'re|am|are sure|confident|certain you 'll|will|can|'d|would "
       "understand!|realise|realize"),
    # "I'm sure you'll appreciate that/why ...", not "... appreciate the extra legroom" (a
    # thing to enjoy)
    _p("condescension", "sure_you_understand", SNEER,
       f"{WE} 'm|'re|am|are sure|confident|certain you 'll|will|can|'d|would appreciate!",
       requires_after=_re(r"^\s*(?:[.,;!?]|$|that|why|how|what|whether|our (?:position|"
                          r"situation|policy|decision|hands)|the (?:need|reason|position|"
                          r"situation|circumstances|difficult\w*|rules?|policy|decision|"
                          r"constraints?|limits?)\b|(?:we|it|this|there|these|they)\s+(?:is|are|"
                          r"was|were|(?:'|’)s|(?:'|’)re|has|have|can|cannot|can(?:'|’)t|must|need|"
                          r"isn(?:'|’)t|won(?:'|’)t|will not|means?)\b)")),
    # "That's not how returns work.", "that isn't how gift cards work, I'm afraid": the
    # customer's idea of it is wrong. Not "that's not how it should work" (ours) nor "not how
    # it works for business accounts: they..." (a fact about a case, the clause goes on).
    _p("condescension", "not_how_it_works", SNEER,
       "that|this 's|is not|n't how! _ _? work|works",
       requires_after=_re(r"^\s*(?:[.,!?;:)\-–—]|$)"),
       unless_sentence=_re(r"\b(?:should|supposed|meant|want|wanted|hoped|expected|sorry|"
                           r"apologi[sz]e|apologies|our (?:mistake|fault|error))\b")),
    # "I'm not sure what part of 'five working days' was unclear"; not "what part of our
    # plan are you asking about?"
    _p("condescension", "what_part_of", SNEER, "what part! of",
       requires_after=_re(r"^[^.!?\n]{0,60}?\b(?:(?:was|is|were|are)\s+(?:so\s+)?(?:unclear|"
                          r"confusing|hard|difficult)|(?:do|did)(?:n(?:'|’)t|\s+not)\s+you\s+"
                          r"(?:get|understand))\b")),
    # "Anyone can do it in two minutes": not "we made it simple so anyone can do it"
    _p("condescension", "anyone_can", SNEER,
       "anyone|anybody! can|could do|manage it|this|that",
       unless_before=_re(r"\bso(?:\s+that)?\s+$")),
    # "Whatever." as a sentence of its own
    _p("condescension", "whatever", SNEER, "whatever!",
       requires_before=SENTENCE_START, requires_after=_re(r"^\s*(?:[.!]|$)")),
    # "It's really quite simple: hold the button" (the plain "it's simple" is a listed phrase)
    _p("condescension", "quite_simple", SNEER,
       "it|this|that 's|is really|quite|pretty|very|actually|honestly|fairly|super "
       "quite|pretty|really? simple!|easy|straightforward",
       requires_after=_re(r"^\s*[:.!—–-]")),
    _p("condescension", "reasonable_person", SNEER,
       "any reasonable|sensible|normal! person|adult|customer|one",
       "surprised|puzzled|amazed|baffled|astonished! that? a|an|any professional|business|adult|"
       "customer|person|grown|company|owner|someone|anyone",
       f"{WE} 've|have had|received zero! other? complaints|reports|issues|problems"),
    _p("condescension", "not_that_hard", SNEER,
       "n't|not that|so|really|exactly hard|difficult|complicated|complex|tricky"),
    _p("condescension", "even_you", SNEER, "even you can|could|will|'ll|should|manage"),
    _p("condescension", "nothing_better", SARCASM, "nothing better to do"),
    _p("condescension", "oh_great_another", SARCASM,
       "oh|ah great|wonderful|brilliant|fantastic|lovely|perfect|marvellous|super|joy|goody "
       ",? another"),
    _p("condescension", "well_done_again", SARCASM,
       "well done", "nice going", "nice work", "good job", "great job", "bravo", "congrats",
       "congratulations",
       requires_after=_re(r"^[^.!?\n]*\b(?:again|yourself|finally (?:read|check|repl|answer|"
                          r"open|look|manag|rememb|notic))")),
    # --- more ways of saying "you were told" (tuning_tone_2) --------------------------------
    _p("condescension", "once_again", ALREADY_TOLD,
       "once|yet again!",
       "again!",
       "once more!",
       "once more|again for clarity|emphasis!",
       # "Again." on its own after a repeated answer: the same reminder
       # at the start of a sentence, before a comma ("sorry again" is kind); "once again,
       # thank you" is kind too
       requires_before=SENTENCE_START, requires_after=_re(r"^\s*[,.:]"), unless_after=KIND_AFTER),
    _p("condescension", "reiterate", ALREADY_TOLD,
       "to reiterate|restate!",
       "to repeat! what|myself|ourselves|this|that",
       f"{WE} can|must|'ll|will|have to? only? repeat|reiterate! what|that|this|myself|ourselves",
       f"{WE} keep|kept telling|repeating! you",
       f"{WE} keep|kept saying|explaining|repeating! this|that|it"),
    _p("condescension", "scroll_up", READ_FIRST,
       "scroll! up|back",
       "~see|~read|~check|~reread our|my earlier!|previous|last|above|original "
       "message|messages|reply|replies|response|responses|tweet|tweets|dm|dms|email|emails|"
       "letter|answer",
       "please|kindly|just re! -? ~read",
       unless_before=WE_BEFORE),
    _p("condescension", "told_you_already", ALREADY_TOLD,
       f"{TELL}|mentioned|said|covered|addressed this|that|it to you already|before|"
       "previously|twice|earlier",
       f"{WE} {HAVE}? did? already|previously {TELL}|tell|mentioned|mention|said|say|covered|"
       "addressed you? this|that",
       f"{WE} did already|previously? tell|say|explain|mention you? this|that|it",
       unless_after=_re(r"^\s*(?:to|with)\s+(?:the|our|my)\b"), unless_sentence=OWN_ERROR),
    _p("condescension", "already_answered", ALREADY_TOLD,
       "this|that|question|these|query has|'s|have|was|were already|previously been "
       "answered|addressed|covered|explained|clarified|dealt",
       "this|that|question has|'s|have|was|were been answered|addressed|covered|explained|"
       "clarified already|before|previously",
       unless_sentence=OWN_ERROR),
    # (inflections() leaves words under three letters alone: "go" is spelt out)
    _p("condescension", "round_in_circles", ALREADY_TOLD,
       "go|goes|going|went|gone round|around in circles!"),
    _p("condescension", "as_was_made_clear", ALREADY_TOLD,
       "as was|has|had been? made? clear|explained|stated|mentioned|advised|outlined|noted|"
       "pointed",
       "as you can see from|in our|my earlier|previous|last|first|original "
       f"{COMM}"),
    _p("condescension", "in_earlier_message", ALREADY_TOLD,
       f"addressed|covered|answered|outlined|clear in|from our|my {EARLIER} {COMM}",
       f"same answer|reply|response {WE}? {HAVE}? gave|given|sent you",
       "same answer|reply|response as before|previously|last time",
       f"~refer you? back? to that|this|our|my {EARLIER}? {COMM}",
       f"{WE} keep|kept going over! this|it|that",
       f"{WE} ca|can n't|not keep going over! this|it|that",
       unless_sentence=OWN_ERROR),
    _p("condescension", "nth_time", ALREADY_TOLD,
       "for the hundredth|umpteenth|nth|millionth|thousandth|fiftieth|tenth! time",
       "for the third|fourth|fifth|final! time",
       unless_sentence=OWN_ERROR),
    # --- talking down ---------------------------------------------------------------------
    _p("condescension", "how_much_clearer", SNEER,
       "how much clearer|plainer|simpler",
       "how many! more ways|times",
       "how else! to|can|could we|i? explain|put|say",
       "clear|simple|plain|easy|straightforward|obvious enough! for you",
       f"{WE} 'd|would have thought|assumed! it|that was|is clear|obvious|plain",
       f"{WE} 'd|would have thought|assumed! it|that would be clear|obvious|plain",
       unless_after=_re(r"^\s*(?:to|with)\s+(?:get|have|help|get in touch)")),
    # "I hope this clears it up once and for all", not "we'll fix it once and for all"
    _p("condescension", "once_and_for_all", SNEER, "once! and for all",
       unless_sentence=_re(r"\b(?:fix|sort|solve|resolve|stop|end)\w*\b")),
    _p("condescension", "you_do_realise", SNEER,
       "you do|did realise|realize|understand|appreciate! that?",
       unless_before=CONDITION_BEFORE),
    _p("condescension", "what_did_you_expect", SNEER,
       "what did|do you expect!",
       "what else did|do you expect!",
       # ("expected|were expecting!" was one token "expected|were" then "expecting")
       "not|n't sure what you expected!",
       "not|n't sure what you were expecting!"),
    _p("condescension", "you_are_mistaken", SNEER,
       "you are|'re|were simply|clearly|quite|completely|totally|entirely? mistaken|"
       "misinformed|confused!",
       "i think you 'll|will find!",
       "you appear|seem to have misunderstood!|misread|confused",
       "you 've|have misunderstood!|misread",
       unless_before=CONDITION_BEFORE),
    _p("condescension", "little_head", SNEER, "your little|pretty head!"),
    _p("condescension", "anyone_knows", SNEER,
       "as any|every|most _? customer!|customers|shopper|shoppers|user|users knows|know|should",
       "it|that|this? 's|is just? common! sense",
       "it|that|this? 's|is literally! written|there|on|in|says|printed|stated",
       "it literally! says|states",
       "it|that|this? 's|is basic! banking|maths|math|stuff|knowledge|english|arithmetic",
       "a fairly|very|pretty basic! point|thing|feature|question",
       "hold your|everyone|everybody 's? hand!",
       "if you use it properly!|correctly|right",
       "fine|perfectly|ok|okay for everyone|everybody! else",
       "other customers|people manage!|managed",
       "try actually!",
       "a? bit|little dramatic!|overdramatic",
       "however will! you"),
    _p("condescension", "watch_your_tone", SNEER,
       "lower|watch|mind|moderate|check your tone|language|attitude!",
       "no need|reason to get|be so|that? worked! up",
       "no reason! to get|be so|that? upset|angry|rude|aggressive|cross|abusive"),
    _p("condescension", "would_have_told_you", READ_FIRST,
       "would|'d have|'ve told|shown you",
       requires_before=LOOK_BEFORE),
    _p("condescension", "next_time", NEXT_TIME,
       "next time ,? please? make|ensure|read|check|double|remember|try|pay",
       "next time ,? maybe|perhaps! ~try|~update|~read|~check|~make|~be|~pay|~look|~ask|~wait",
       "for next time!",
       requires_before=SENTENCE_START),
    # "Maybe try being home next time", "perhaps update the app next time"
    _p("condescension", "maybe_next_time", NEXT_TIME,
       "maybe|perhaps _ _? _? _? next! time",
       requires_before=SENTENCE_START,
       unless_sentence=_re(r"\b(?:maybe|perhaps)\s+(?:we|i|we(?:'|’)ll|i(?:'|’)ll|see|it|this|"
                           r"there|you(?:'|’)ll|you will|you(?:'|’)ll have)\b")),
    # --- sarcasm --------------------------------------------------------------------------
    _p("condescension", "thanks_for_the_lecture", SARCASM,
       "thanks|thank you? for the|your lecture|sermon|essay|rant|tirade|lesson|novel!"),
    _p("condescension", "read_your_mind", SARCASM,
       "read your mind|minds!", "mind! readers|reader",
       "we 're|are not|n't psychic!|psychics|magicians|magician",
       "not|n't a? miracle workers|worker!"),
    _p("condescension", "how_to_do_our_job", SARCASM, "how to do our|my job|jobs!"),
    _p("condescension", "nice_try", SARCASM, "nice|good try!",
       requires_before=SENTENCE_START, requires_after=_re(r"^\s*(?:[,.!]|but\b|-|–|—)")),
    _p("condescension", "cool_story", SARCASM, "cool story!",
       "thanks|cheers|ok|okay|well|nice try ,? sherlock|einstein!"),
    _p("condescension", "what_a_surprise", SARCASM,
       "what a shock|shocker!",
       "oh|well|wow ,? what a surprise!",
       "what a surprise! ,|. another"),
    _p("condescension", "finally", SARCASM,
       "of you to finally|eventually|bother!",
       "you finally! read|replied|noticed|realised|realized|bothered|decided|checked|"
       "listened|understood"),
    _p("condescension", "funny_how", SARCASM,
       "funny|strange|odd|interesting|curious how|that no one! else",
       "funny|strange|odd|interesting|curious how|that nobody|noone! else",
       "funny|strange|odd|interesting|curious how|that you only! complain|complained|post|"
       "posted|tweet|tweeted|got|get",
       "who could have predicted!|guessed|imagined"),
    # --- blame ----------------------------------------------------------------------------
    _p("blame", "you_got_it_wrong", BLAME,
       "you ~enter|~type|~select|~choose|~pick|~put|~give|~use|~provide|~book|~order|~buy|"
       "~click|~press|~send|~add|~input|~key us|me? the|a|an wrong|incorrect|invalid!",
       unless_before=_re(r"(?:\b(?:if|when|unless|in case|whether|once|looks like|seems|"
                         r"might|may|think|possible|perhaps|maybe|sure)\b[^.!?\n]{0,20}|"
                         r"\b(?:if|in case|whether)\s+)$")),
    _p("blame", "caused_by_you", BLAME,
       "caused|triggered! by you|yourself",
       "your own? failure! to",
       "your own? error|negligence|carelessness!",
       # "your error message" is the customer's screen, not their fault
       unless_after=_re(r"^\s*(?:message|code|screen|page|log|report|number)"),
       unless_sentence=OWN_ERROR),
    _p("blame", "your_choice", BLAME,
       "that|it|this was your own? choice|decision|responsibility|call!",
       "you were|are the one! who|that",
       "it was you who!",
       "this|that 's|is what you get!",
       "does|do n't|not entitle! you"),
    _p("blame", "you_forgot", BLAME,
       "you forgot|neglected|omitted! to",
       "you did n't|not bother! to?",
       "you did n't|not even bother!",
       "you messed|screwed|mucked|cocked! up",
       "you ~enter|~type|~write|~put|~key|~use|~fill|~select|~choose|~spell your|the|a|an? _ _? "
       "wrong!|incorrectly",
       "should|could 've|have known! better",
       "be more careful!|attentive",
       "keep better! track",
       "pay more attention!",
       "you must|ca|can|could n't|not have read|checked|looked|noticed|listened|followed!",
       unless_before=CONDITION_BEFORE),
    _p("blame", "on_you", BLAME,
       "responsibility|fault|blame! lies|rests|sits|is|was with you|yourself",
       "fault|mistake|error|responsibility is|was|'s entirely|all|totally|completely? yours!",
       "yourself to blame!",
       "is|are|remain|remains your own? responsibility!",
       "not|n't our|the company|bank|store|shop|brand? 's? job!|role|duty to",
       "it 's|is down! to you to ~keep|~make|~check|~ensure|~remember|~provide|~update|~read"),
    _p("blame", "you_chose_to", BLAME,
       "you chose|decided|opted! to ~carry|~continue|~proceed|~ignore|~override|~skip|~dismiss",
       # "you opted to go paperless" states a setting; "you chose to go ahead anyway" blames
       "you chose|decided|opted! to ~go ahead|anyway|through|against",
       unless_before=_re(r"\b(?:if|when|unless|once|whether|after|because|since|as|that|"
                         r"where|so)\s+$"),
       unless_sentence=OWN_ERROR),
    # "The warning screen did ask you to check the payee": emphatic "did", in a statement
    _p("blame", "did_warn_you", BLAME,
       "did! ask|tell|warn|advise|remind|show you",
       unless_before=_re(r"(?:^|[.!?:;\n]|\b(?:why|how|when|if|who|what|where|which|whether|"
                         r"and|or|we|i|you|nobody|no one|never)\b)\s*$"),
       unless_sentence=OWN_ERROR),
    _p("blame", "rules_are_rules", DISMISS,
       "rules are rules!",
       "these|such things happen!",
       "these|such things do happen!",
       # "...and we're really sorry it happened to you" apologises; a bare ", sorry." does not
       unless_sentence=_re(r"\b(?:shouldn(?:'|’)t|should not|not okay|not ok|our (?:mistake|fault)|"
                           r"sorry (?:it|that|this|for|about|to|you)|apologi[sz]e|apologies)\b")),
    _p("blame", "you_did_choose", BLAME,
       "you did! choose|pick|select|agree|sign|accept|opt|tick|click|press|ignore",
       unless_before=_re(r"(?:^|[.!?:;\n]|\b(?:if|when|unless|whether|why|how|and|or|as|that)\b)\s*$"),
       unless_sentence=OWN_ERROR),
    _p("blame", "one_on_you", BLAME,
       "that|this one! 's|is on you",
       unless_after=_re(r"^\s*to\b")),
    _p("blame", "if_you_had", BLAME,
       "n't|not have happened|occurred! if you|had",
       "if you 'd|had updated|kept|called|told|used|done|contacted|noticed|paid|waited|"
       "asked|taken|given|entered|logged|registered|ordered|booked!",
       "you agreed|accepted|consented to this|that|these|them|our fee|fees|charge|charges|"
       "when!"),
    _p("blame", "their_problem", BLAME,
       "problem|issue|fault|error|mistake|glitch occurred|happened|originated|lies|lay|"
       "sits! on|at|with|from your end|side"),
    # --- dismissal ------------------------------------------------------------------------
    _p("blame", "nothing_more_to_say", DISMISS,
       f"nothing more|else|further that? {WE} can|could add|say!",
       f"not much|a more|else? {WE} can|could add|say!",
       unless_after=_re(r"^\s*(?:than|but|except)\b")),
    _p("blame", "leave_it_there", DISMISS,
       "leave! it|things|this there",
       "leave! it|things|this at that",
       requires_after=_re(r"^\s*(?:[.!,;]|$|for now)"),
       unless_before=_re(r"\b(?:can|could|you|to)\s+$")),
    _p("blame", "final_word", DISMISS,
       # "our final response" with the ombudsman named after it is the regulated last letter
       # of a complaint, not a brush-off (NEXT_STEP_AFTER)
       "this|that is|'s our|my final|last word|answer|response|reply|position!",
       "the|our|this|that decision is|'s final! and",
       "not up|open for|to discussion|debate|negotiation|appeal!",
       "there is|'s no right? of? appeal!",
       unless_after=NEXT_STEP_AFTER),
    _p("blame", "not_something_we", DISMISS,
       f"not|n't something {WE} deal|handle|cover|discuss! with?",
       f"not|n't something! {WE} can|could help with?",
       f"not|n't really? something! {WE} can|could do anything|much about",
       "does|do|will n't|not change the|our outcome!|decision|position",
       "please accept! our|the|this decision|outcome|answer",
       f"{WE} do n't|not provide|give reasons!|explanations",
       f"{WE} do n't|not owe you|anyone an? explanation!",
       "not|n't willing|prepared|going to discuss|debate|argue|engage!",
       f"{WE} 're|are|am|'m not going to change|reconsider|budge|revisit!",
       f"{WE} wo|will n't|not change|reconsider|revisit our|my decision|minds|mind|position!",
       unless_after=NEXT_STEP_AFTER),
    _p("blame", "cant_help", DISMISS,
       "ca|can n't|not help|assist! you?",
       "ca|can n't|not help! people|customers|anyone|those who",
       requires_after=_re(r"^\s*(?:with (?:this|that)\s*)?(?:here\s*)?(?:,\s*sorry\s*)?"
                          r"(?:[.!]|$)"),
       unless_after=NEXT_STEP_AFTER,
       unless_before=_re(r"\b(?:if|unless|but|so|because|and|which|that|why|who|"
                         r"sorry (?:we|i))\b[^.!?\n]*$")),
    # "We are not able to assist with this request.": a refusal that ends there
    _p("blame", "unable_to_help", DISMISS,
       "not able! to help|assist you?", "unable! to help|assist you?",
       requires_after=_re(r"^\s*(?:with\s+(?:this|that|your|the)?\s*(?:request|query|enquiry|"
                          r"inquiry|matter|issue|one|case)?\s*)?(?:,\s*sorry\s*)?(?:[.!]|$)"),
       unless_after=NEXT_STEP_AFTER,
       unless_before=_re(r"\b(?:if|unless|but|so|because|and|which|that|why|who|"
                         r"sorry (?:we|i))\b[^.!?\n]*$")),
    # "We don't have time to go through all this again": not "I don't have the time to check
    # today, so I've asked Sam" (the speaker's day), nor "time slots"
    _p("blame", "no_time", DISMISS, "we do n't|not have the? time! to|for",
       requires_after=_re(r"^\s*(?:go (?:over|through)|discuss|explain|argue|debate|deal with|"
                          r"keep|answer|respond|reply|repeat|this|that|these|all this|every)\b"),
       unless_after=OFFER_AFTER),
    _p("blame", "good_luck_elsewhere", DISMISS, "good luck! finding|getting|trying",
       requires_after=_re(r"^[^.!?\n]*\b(?:cheaper|better|elsewhere|anywhere|anyone else)\b")),
    _p("blame", "do_not_comment", DISMISS, "do|does n't|not comment! on",
       unless_after=regex.compile(NEXT_STEP_AFTER.pattern + r"|^[^.!?\n]{0,120}?\b(?:please|"
                                  r"dm|message us|you can)\b", regex.IGNORECASE)),
    _p("blame", "not_our_call", DISMISS, "not|n't our|my call!",
       unless_after=NEXT_STEP_AFTER),
    _p("blame", "no_point_contacting", DISMISS,
       f"no point|use in? {CONTACTING}|chasing|tagging|complaining|asking! us|me|again?",
       f"{CONTACTING}|tagging|complaining|shouting|yelling|ranting|moaning! at? us|me _? _? _? "
       "wo|will|is|does|do n't|not going? to? "
       "~change|~help|~speed|~make|~get|~alter|~affect",
       f"do|please n't|not keep {CONTACTING}|tagging|mentioning|asking!",
       f"why you 're|are still! {CONTACTING}|complaining|asking",
       "review|reviews|tweet|tweets|complaint|complaints|post|posts|comment|comments wo|will "
       "n't|not change|alter! our|the",
       "~clog|~spam|~flood up? our|my replies|mentions|inbox|feed|timeline|dms|page!",
       f"do|please n't|not ~{CONTACT.replace('|', '|~')} this|our team|account|page|department|"
       "number|channel again|anymore|further!",
       "please|just stop asking|complaining|arguing|repeating!",
       unless_before=WE_BEFORE),
    _p("blame", "go_elsewhere", DISMISS,
       "~shop|go|goes|going|went|~look|~take|~direct|~send|~complain|~bank|business|complaint|complaints|"
       "custom|query|queries|concerns elsewhere!",
       "~sort|~figure|~work|~deal|~handle|~fix that|this|it out|with? yourself|yourselves!",
       "~take! it|that|this|the|your matter|complaint? up with",
       unless_before=WE_BEFORE),
    # "If you're unhappy, you're free to close your account": not "you're welcome to cancel
    # at any time" (information)
    _p("blame", "free_to_leave", DISMISS,
       "you 're|are free|welcome! to close|leave|switch|move|take|go|cancel",
       requires_before=UNHAPPY_BEFORE),
    _p("blame", "closed_conversation", DISMISS,
       "this|the conversation|discussion|chat|thread|matter is|'s|has now? been? closed|over|"
       "ended|finished!",
       f"last time! {WE} 'll|will reply|respond|answer|comment|explain|repeat|say",
       "do n't|not intend! to repeat|discuss|respond|reply|comment|explain|engage|revisit",
       "entertain! any? further|more correspondence|discussion|complaints|messages",
       "~enter into any? further|more correspondence|discussion|debate|dialogue!",
       "will|'ll|shall|wo n't|not be? reply|respond|answer|comment|responding|replying|"
       "answering|commenting|reviewing|revisiting|corresponding it|this? again|further!",
       unless_after=NEXT_STEP_AFTER),
    # "Ticket closed." as a sentence of its own
    _p("blame", "case_closed", DISMISS, "case|ticket|complaint closed!",
       requires_before=_re(r"(?:^|[.!?:;\n\-–—])\s*(?:outcome:\s*)?(?:\w+\s+)?$"),
       requires_after=_re(r"^\s*(?:[.!]|$)"), unless_after=NEXT_STEP_AFTER),
    # --- apologies for the customer's feelings, and stock phrases -------------------------
    _p("condescension", "non_apology", NON_APOLOGY,
       "sorry|apologise|apologize|regret! that? you feel|felt|see it? that|this way",
       "sorry|apologise|apologize|regret! that? you feel|felt like that",
       "sorry|apologise|apologize|apologies|regret! if you|anyone feel|felt|feels|were|was|"
       "found|took|take|perceived|thought",
       "regret! that you are|'re|were|feel|felt dissatisfied|unhappy|disappointed|upset",
       "sorry! you did n't like it|this|that",
       "sorry|apologise|apologize|regret! that? you feel|felt|think|thought|believe the|our|"
       "this|that|it",
       # "sorry you feel that way: it was our mistake" goes on to own the problem
       unless_after=_re(r"^[^\n]{0,120}?\b(?:(?:our|my) (?:mistake|fault|error)|(?:was|is) a "
                        r"mistake|we got (?:it|this) wrong|you(?:'|’)re right|you are right)\b")),
    # Cold stock lines of a reply that will not help: the crowd of other customers and a
    # team nobody names ("due to high volumes we cannot respond to every query; your comment
    # has been passed to the relevant team").
    _p("boilerplate", "high_volumes", STOCK,
       "due|owing to the? high|heavy|large|increased|unprecedented|unusually|exceptionally? "
       "high? volume!|volumes|demand"),
    _p("boilerplate", "cannot_answer_all", STOCK,
       "~respond|~reply to every|each|all|individual query|queries|message|messages|comment|"
       "comments|tweet|tweets|enquiry|enquiries|inquiry|inquiries|email|emails|review|reviews!",
       "~respond|~reply individually|personally!",
       unless_after=OFFER_AFTER,
       requires_before=_re(r"\b(?:cannot|can(?:'|’)t|can not|unable to|not able to|"
                           r"won(?:'|’)t|will not|don(?:'|’)t|do not)\s+(?:\w+\s+)?$")),
    _p("boilerplate", "relevant_team", STOCK,
       "been passed|forwarded|referred|sent|escalated|raised|shared on? to|with the relevant|"
       "appropriate! team|teams|department|departments|person|people|area"),
    _p("boilerplate", "any_distress", STOCK,
       "any distress|upset|frustration|confusion|disappointment|inconvenience|trouble|worry|"
       "stress|anxiety! this|that|which|it may|might|has|could have? caused|cause"),
    _p("boilerplate", "take_seriously", STOCK,
       f"{WE}? take|takes all? your? complaints|concerns|feedback|this|matters|issues|these|"
       "such|it _? very|extremely|really? seriously!",
       "feedback|comments|concerns|complaint|views|which has|have been noted!",
       "are|is valuable! to us",
       "we value you as a customer!"),
    _p("boilerplate", "refer_to_terms", STOCK,
       "~refer|~consult to? our|the terms|t&cs|t&c|conditions|policy|policies|section|clause!",
       "~refer! to section|clause|paragraph"),
    # "Please refer to our website." and nothing more
    _p("boilerplate", "refer_to_website", STOCK,
       "~refer to our|the website!|site|faqs|faq|app",
       requires_after=_re(r"^\s*(?:[.!]|$)")),
    _p("boilerplate", "stiff_closing", STOCK,
       "should you require! any? further? assistance|help|information",
       "we trust! this|that|the",
       "please|rest be assured! that?",
       "we note! your|that|you",
       "kindly note!",
       "no further action!",
       "no exceptions! will|can be made",
       unless_after=_re(r"^\s*(?:you|everything|it)\s+(?:will|'ll|’ll|are|is|'re|’re)\s+"
                        r"(?:enjoy|love|like|have a)")),
    # --- hedges on promises ---------------------------------------------------------------
    _p("hedging", "possibly", HEDGE, f"{WE} can|could|may|might possibly"),
    _p("hedging", "might_be_able", HEDGE,
       "might be able! to",
       # "tell us more so we might be able to help": a reason to answer, not a promise
       unless_before=_re(r"\bso(?:\s+that)?\s+(?:we|i)\s+$")),
    _p("hedging", "no_promises", HEDGE, "no promises|guarantees"),
    _p("hedging", "stacked_hedges", HEDGE,
       "hopefully|maybe|perhaps|possibly|probably maybe|perhaps|possibly|hopefully!",
       "could|may|might potentially!",
       "may|might! or may|might not",
       "not 100 %? sure|certain!",
       "it 's|is hard|difficult|tricky to say|tell!",
       "there 's|is no telling!",
       "who knows!",
       "in theory!",
       "do n't hold your breath!",
       f"{WE} 'll|will see what happens!",
       "not sure though|tho!",
       "i|we reckon!"),
    # "Might be a glitch, might not be", "maybe the team can help, maybe not"
    _p("hedging", "maybe_not", HEDGE,
       "maybe|perhaps|possibly! not", "might|may! not be?",
       requires_before=_re(r"\b(?:maybe|perhaps|possibly|might be|may be|could be)\b"
                           r"[^.!\n]{1,60}(?:,|\?)\s*(?:or\s+)?$"),
       requires_after=_re(r"^\s*(?:[.!?,;]|$)")),
    # "your refund will arrive at some point": no time is a hedged promise; "we'll get there
    # at some point!" (banter about a wish) names nothing the customer waits for
    _p("hedging", "at_some_point", HEDGE, "at some! point",
       requires_before=_re(r"\b(?:refund|money|card|payment|parcel|order|delivery|call|"
                           r"callback|reply|update|engineer|fix|replacement|statement|transfer|"
                           r"funds|cash|someone|team|back)\w*\b[^.!?\n]*$")),
    _p("hedging", "cant_promise_anything", HEDGE,
       "ca|can n't|not really|honestly? promise|guarantee anything!"),
    _p("hedging", "cant_promise", HEDGE,
       "ca|can n't|not promise",
       # "we can't promise a date yet, but we'll message you": honest, and it says what next
       unless_after=regex.compile(r"(?i)^(?!\s+(?:anything|much|you anything)\b)"
                                  r"[^.!?\n]{0,120}?\b(?:but|however|though)\b")),
)


@dataclass(frozen=True)
class PatternMatch:
    pattern: TonePattern
    start: int
    end: int
    text: str


KEYS: frozenset[str] = frozenset().union(*(p.keys for p in PATTERNS))


def _spelling_index() -> tuple[dict[str, tuple[tuple[int, tuple[frozenset[str], ...]], ...]],
                               frozenset[int]]:
    """Each spelling filed under the forms of its rarest required token, with the rest of
    its required tokens: a reply then tests only the spellings whose rarest word it has
    (testing every spelling of every pattern a key word named cost more than the Matcher).
    Spellings with no required word are always tried."""
    index: dict[str, list[tuple[int, tuple[frozenset[str], ...]]]] = {}
    always: set[int] = set()
    for i, pat in enumerate(PATTERNS):
        for spelling in pat.required:
            if not spelling:
                always.add(i)
                continue
            for form in spelling[0]:
                index.setdefault(form, []).append((i, spelling[1:]))
    return {k: tuple(v) for k, v in index.items()}, frozenset(always)


_BY_WORD, _ALWAYS = _spelling_index()
_INDEXED: frozenset[str] = frozenset(_BY_WORD)

# Per pipeline: a Matcher per pattern (run only when its keys occur); they hold the
# pipeline's vocabulary and die with it.
_matchers: OwnerCache[list[Any]] = OwnerCache("tone pattern matchers per pipeline")


def _matchers_for(nlp: Language) -> list[Any]:
    def build() -> list[Any]:
        from spacy.matcher import Matcher

        out = []
        for pat in PATTERNS:
            matcher = Matcher(nlp.vocab)
            matcher.add(pat.name, list(pat.tokens))
            out.append(matcher)
        return out
    return _matchers.get(nlp, "tone-patterns", build)


def sentence_around(prose: str, start: int, end: int) -> str:
    """The sentence around ``start:end``, at most 200 characters each way (without a sentence
    break, the whole reply per match made many matches quadratic)."""
    lo, hi = max(0, start - 200), min(len(prose), end + 200)
    left = max(lo, max(prose.rfind(c, lo, start) for c in ".!?\n") + 1)
    rights = [i for i in (prose.find(c, end, hi) for c in ".!?\n") if i != -1]
    return prose[left:min(rights) if rights else hi]


def find(nlp: Language, doc: Doc, prose: str, words: frozenset[str]) -> list[PatternMatch]:
    """The tone patterns in ``doc`` (whose text ``prose`` has URLs and mentions blanked, and
    whose lower-cased tokens are ``words``), longest first where they overlap, after their
    context tests."""
    if words.isdisjoint(KEYS):
        return []
    found = set(_ALWAYS)
    for word in words & _INDEXED:
        for i, rest in _BY_WORD[word]:
            if i in found:
                continue
            for forms in rest:  # a loop, not all() over a generator: this runs per reply
                if words.isdisjoint(forms):
                    break
            else:
                found.add(i)
    if not found:
        return []
    which = sorted(found)
    matchers = _matchers_for(nlp)
    cands = []
    for i in which:
        for _match_id, s, e in matchers[i](doc):
            span = doc[s:e]
            cands.append((span.start_char, span.end_char, PATTERNS[i]))
    if not cands:
        return []
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[PatternMatch] = []
    last_end = -1
    for start, end, pat in cands:
        if start < last_end or prose[start] == " ":
            continue  # overlaps a longer match, or inside a URL or mention
        if pat.unless_after and pat.unless_after.search(prose[end:end + 200]):
            continue
        if pat.unless_before and pat.unless_before.search(prose[max(0, start - 20):start]):
            continue
        if pat.requires_after and not pat.requires_after.search(prose[end:end + 200]):
            continue
        if pat.requires_before and not pat.requires_before.search(
                prose[max(0, start - 200):start]):
            continue
        if pat.unless_sentence and pat.unless_sentence.search(sentence_around(prose, start, end)):
            continue
        out.append(PatternMatch(pat, start, end, prose[start:end]))
        last_end = end
    return out
