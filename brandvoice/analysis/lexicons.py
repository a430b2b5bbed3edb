"""Word and phrase lists behind the tone check, written for customer-care replies.

Phrases are matched with inflections on lower-cased tokens (see :mod:`brandvoice.analysis.terms`).
"""

from __future__ import annotations

from typing import Any

import regex

# Three or more words in capitals: shouting (tone), and not also all_caps (accessibility).
CAPS_RUN = regex.compile(r"\b[A-Z][A-Z']+(?:\s+[A-Z][A-Z']+){2,}\b")

BOILERPLATE = (
    "we apologize for any inconvenience", "we apologise for any inconvenience",
    "apologize for any inconvenience", "apologise for any inconvenience",
    "sorry for any inconvenience", "sorry for the inconvenience",
    "apologies for any inconvenience", "apologies for the inconvenience",
    "we apologize for the inconvenience", "we apologise for the inconvenience",
    "any inconvenience this may have caused", "any inconvenience caused",
    "your call is important to us", "your business is important to us",
    "your feedback is important to us", "your satisfaction is our top priority",
    "your satisfaction is our priority", "as per our policy", "per our policy",
    "as per policy", "kindly be advised", "please be advised", "be advised that",
    "we regret to inform you", "regret to inform you",
    "we value your feedback", "we value your business",
    "thank you for your continued patience", "we appreciate your patience and understanding",
    "we appreciate your understanding", "thank you for your understanding",
    "for further assistance", "further assist you", "do not hesitate to contact us",
    "don't hesitate to contact us", "don't hesitate to reach out",
    "do not hesitate to reach out", "at this point in time",
    "we are currently experiencing a high volume", "due to high call volumes",
    "this is to inform you", "please be informed", "as previously mentioned",
    "we have received your request", "your request has been received",
    "your concern has been noted", "your complaint has been logged",
    "we strive to provide", "the best possible service", "valued customer",
    "rest assured", "i understand your frustration", "we understand your frustration",
    "thank you for bringing this to our attention", "for bringing this to our attention",
    "we are sorry to hear that you are experiencing",
    "circle back", "touch base", "reach out to you at your earliest convenience",
    "meets with your approval", "going forward", "at your earliest convenience",
    "please find attached", "as per your request",
    # Letter-office phrasing: cold, and it says nothing about what happens or when.
    "we wish to inform you", "wish to inform you", "acknowledge receipt", "in receipt of",
    "in due course", "in accordance with our policy", "in accordance with policy",
    "in accordance with our procedures", "the relevant department", "relevant department",
    "do not reply to this message", "do not reply to this email", "please do not reply",
    "as per our terms", "as per the terms", "further to your correspondence",
    "further to your letter", "further to your email", "further to your enquiry",
    "further to your inquiry", "has been duly noted", "duly noted",
    "your query has been noted", "your enquiry has been noted",
)

BLAME = (
    "not our problem", "not our fault", "your fault", "your own fault", "your mistake",
    "you failed to", "you didn't read", "you did not read", "you need to read",
    "if you had read", "if you had followed", "as we already told you",
    "as i already told you", "as i said before", "as we said before", "as stated previously",
    "as clearly stated", "user error", "it is your responsibility", "it's your responsibility",
    "you were supposed to", "you ignored",
    "that's on you", "that is on you", "it's on you", "it is on you", "that's not on us",
    "that is not on us", "that's not really on us", "you clearly", "you obviously",
    "you have to understand", "we are not responsible", "we're not responsible",
    "not our responsibility", "you caused", "you broke", "stop contacting us",
    "stop messaging us", "stop tweeting us", "stop emailing us", "stop calling us",
    "please stop contacting", "please stop messaging", "no need to keep contacting",
    "no need to contact us again", "don't contact us again", "do not contact us again",
    "we will not respond further", "we won't respond further", "we will not be responding",
    "we won't be responding", "we will no longer respond", "we have nothing more to add",
    "we've nothing more to add", "we have nothing further to add", "this conversation is over",
    "this matter is closed", "end of discussion", "take it or leave it",
    "not worth our time", "we're done here", "we are done here", "deal with it",
    "that's not our concern", "that is not our concern", "not our concern",
    "you'll have to live with", "you will have to live with", "that's just how it is",
    "that is just how it is", "it is what it is", "you'll just have to wait",
    "you will just have to wait", "you agreed to the terms", "you accepted the terms",
    "check the faq yourself",
    # "take it up with" is a pattern (tone_patterns.go_elsewhere): "we'll take it up with the
    # courier" is us acting, not a brush-off.
    "not our department", "not my department", "not my job", "not my problem",
    "complain to someone else", "we don't have time for",
    "we do not have time for", "good luck with that", "whatever you say", "if you say so",
    "stop wasting our time", "you're wasting our time", "we've answered this",
    "we have answered this", "we won't discuss this", "we will not discuss this further",
    "no further correspondence", "that's not happening", "that is not happening",
    "not gonna happen", "user issue", "user problem", "without merit", "we consider this matter closed", "per our previous response",
    "as per our previous response", "as stated in our previous",
)

# "as we said", "like I said", "as we've explained" and other reminders that the customer was
# already told are patterns in brandvoice.checks.tone_patterns (every wording, and "just as
# we said we would" left alone), not strings here.
CONDESCENSION = (
    "calm down", "obviously", "simply", "clearly", "of course you", "as you should know",
    "as you know", "as everyone knows", "everyone knows", "it's easy", "it is easy",
    "it's simple", "it is simple", "it's not rocket science", "it's not hard",
    "no offense", "no offence", "with all due respect", "relax", "chill out",
    "settle down", "you need to calm", "try to understand", "let me explain again",
    "just follow the instructions", "not that difficult", "not that hard",
    "sweetie", "honey", "hun", "dear customer, please", "as you were told",
    "as you've been told", "as you have been told",
    "as already explained", "as already mentioned", "as previously advised",
    "as previously explained",
    "we've already told you", "we have already told you",
    "i've already told you", "i have already told you", "you've already been told",
    "you have already been told", "you were already told", "you've been told",
    "read it again", "read the instructions", "if you had bothered", "for the last time",
    "it's really not that complicated", "it's not complicated", "it is not complicated",
    "any child could", "even a child", "pay attention", "listen carefully",
    "as mentioned before", "as mentioned previously", "as mentioned earlier",
    "as already stated", "as previously stated",
    "like we told you", "we already told you", "i already told you",
    "you would know", "if you had read", "if you'd read", "did you even read",
    "did you not read", "didn't you read", "try reading", "it's really not hard",
    "it's really simple", "it's quite simple", "it's pretty simple", "it is quite simple",
    "any idiot", "surely you", "surely you know", "sweetheart", "darling",
    "my dear", "young lady", "young man", "mate, calm",
    "with the greatest respect", "skill issue", "ok boomer", "a you problem",
    "first world problem", "get a grip", "get over it", "keep some perspective",
    "love to complain", "imagine complaining", "it's only money", "cheer up",
    "simple as that", "we're not a charity", "we are not a charity", "take a deep breath",
)

# Hedges that make a promise or an answer sound unsure. "maybe", "perhaps", "I think" and
# "I believe" are left out: in replies they are mostly honest ("maybe this will help"),
# rhetorical ("we think not") or jokes, and a care lead does not want them flagged.
# Hedges that make a promise or an answer sound unsure. "maybe", "perhaps", "hopefully", "I
# think", "I believe", "I'm not sure", "should be fine", "fingers crossed" and "we can try"
# are left out: in replies they are mostly
# honest ("hopefully we'll have it back soon", "I'm not sure what you mean"), rhetorical or
# offers of help, and a care lead does not want them flagged.
HEDGING = (
    "i guess", "we guess", "kinda", "sorta", "we'll try", "we will try",
    "i'll try", "i suppose", "we suppose", "i would argue",
    "we would argue", "so to speak", "more or less", "to some extent", "probably",
    "not sure if we can",
)  # "might be able to" is a pattern (tone_patterns.might_be_able): not after "so we"

IMPERSONAL_GREETING = (
    "dear customer", "dear valued customer", "dear sir or madam", "dear sir/madam",
    "dear sir", "dear madam", "hello customer", "hi customer", "dear user",
    "dear account holder", "dear client", "to whom it may concern", "dear member",
)

JOKES = (
    "lol", "lmao", "haha", "hahaha", "hehe", "rofl", "jk", "just kidding", "joking",
    "oops", "whoops", "yikes", "lmfao",
)

ACKNOWLEDGE = (
    "sorry", "apologise", "apologize", "apologies", "apology", "understand", "frustrating",
    "frustrated", "not what we want", "not the experience", "not okay", "not ok",
    "shouldn't have happened", "should not have happened", "that's not right",
    "hear that", "hear about", "let you down", "disappointing", "disappointed",
    "concerning", "worrying", "upsetting", "awful", "unacceptable",
)

# Formality markers, weighted. Contractions are not informality ("we've looked into it" is as
# formal as "we have looked into it" in a bank reply), and neither is one "!": the markers
# are words and signs a careful editor would call casual or stiff.
# Strongly formal (stiff, legalistic): weight 1.5 (one such word in a casual reply is not too formal). Mildly formal (normal in careful prose): 0.5.
# Legalistic words no care reply needs: weight 3, so that a letter-office reply ("pursuant to
# your correspondence, we hereby confirm that the aforementioned account...") is too formal
# even for a voice that allows careful, formal writing.
FORMAL_LEGAL = frozenset("""
hereby herein hereto thereof pursuant whereby aforementioned aforesaid henceforth heretofore
forthwith undersigned duly esteemed requisite hitherto notwithstanding thereto therein
""".split())
FORMAL_STRONG = frozenset("""
kindly furnish furnished regrettably endeavour endeavor commence commenced utilize utilise
utilized utilised facilitate sincerely furthermore thus hence accordingly subsequently
""".split())
FORMAL_MILD = frozenset("""
regarding therefore dear apologize apologise assistance inquiry enquiry however shall
ensure advise advised notify notified request requested require required prior obtain
additional approximately sufficient inform informed purchase residence respectively
correspondence acknowledge acknowledged appreciate regret undertake
""".split())
FORMAL = FORMAL_LEGAL | FORMAL_STRONG | FORMAL_MILD

# Textspeak and slang: weight 2 (one "lol" or "pls" is enough to be casual).
INFORMAL_SLANG = frozenset("""
lol lmao lmfao rofl omg btw thx tx pls plz gonna wanna gotta ya y'all ya'll u ur dude
buddy bro babe yeah yea nah imo tbh idk ikr smh af fam rgds tks gimme lemme dunno probs
innit pal yo cuz coz dosh soz totes babes rn peeps oopsie defo deffo thnx thanx cya ppl luv
legend bestie besties ngl lowkey highkey iykyk bussin periodt deadass rizz
""".split())
# Casual words: weight 1.
INFORMAL_CASUAL = frozenset("""
hey hiya heya yay awesome gotcha yep yup nope folks totally haha hahaha hehe woohoo woot
whoa yikes stoked pumped bummer ugh dude epic legit kinda sorta oops whoops mate chill
sucks msg biggie blimey righto eek ooh pronto dodgy wicked cracking ta ha
""".split())
# Mildly casual: weight 0.5 (emoji count here too, each).
INFORMAL_MILD = frozenset("""
okay ok cool super amazing cheers hmm wow fab
""".split())
INFORMAL = INFORMAL_SLANG | INFORMAL_CASUAL | INFORMAL_MILD
# Casual idioms of more than one word, with their weight: "no dramas" and "our bad" are as
# casual as textspeak; "nice one" or "sure thing" as a casual word; "no worries" mildly.
INFORMAL_PHRASES = {
    "no dramas": 2.0, "no biggie": 2.0, "our bad": 2.0, "my bad": 2.0, "sweet as": 2.0,
    "oh snap": 2.0, "slide into": 2.0, "in the hood": 2.0, "get cracking": 1.0,
    "no cap": 2.0, "nice one": 1.0, "sure thing": 1.0, "have a peek": 1.0, "have a nosey": 1.0,
    "what's up": 1.0, "you're a star": 1.0, "happy days": 1.0, "no stress": 1.0,
    "no worries": 0.5, "fair enough": 0.5,
    # chummy about the customer's mistakes (a bank does not laugh along with an overspend)
    "happens to the best of us": 1.0, "we've all been there": 1.0, "we have all been there": 1.0,
    "we’ve all been there": 1.0, "treat yourself": 1.0, "cheers for": 0.5,
}

WARM = frozenset("""
sorry thanks thank appreciate glad happy love welcome understand hear care hope
apologies apologise apologize delighted pleased enjoy enjoyed grateful wonderful great
lovely help helping together kind patience feel
""".split())

COLD = frozenset("""
must required mandatory unable cannot can't denied refused policy advised noted
procedure regulations violation terminated forbidden prohibited comply compliance
insufficient invalid ineligible non-refundable nonrefundable
""".split())

POSITIVE = frozenset("""
good great glad happy love thanks thank appreciate welcome awesome excellent wonderful
amazing perfect enjoy enjoyed delighted pleased fantastic nice best fixed resolved
solved sure absolutely lovely brilliant excited success successful easy quick fast
helpful help safe free better win congrats congratulations yay fun
""".split())

# Negativity is what the brand itself delivers: refusals and bad news ("unfortunately we
# cannot"). Naming or acknowledging the customer's problem ("sorry about the delay", "what
# error do you see?") is empathy, not negativity, so problem words (delay, error, issue,
# broken, lost...) and apologies are not counted.
NEGATIVE = frozenset("""
unfortunately unable cannot can't won't denied refused declined impossible
unacceptable terrible awful worst ineligible rejected
""".split())

CONTRACTION_SUFFIXES = ("'re", "'m", "'ll", "'ve", "'d", "n't", "’re", "’m", "’ll", "’ve",
                        "’d", "n’t", "'s", "’s")
FIRST_PERSON = frozenset("i we me us our ours my mine i'm we're i've we've i'll we'll "
                         "i’m we’re i’ve we’ve i’ll we’ll let's let’s".split())

# Function words of English and of languages often mixed into English care queues. Words the
# languages share with English ("a", "in", "no", "me") are left out. Used to keep English
# formulas and word lists off replies in another language.
ENGLISH_WORDS = frozenset("""
the and you your we our is are to of for with this that it be have has will can please
thanks thank us i my was not if what how when hi hello sorry there they them an by from
would could should let know here help
""".split())
OTHER_WORDS = frozenset("""
el la los las de que por para con una es su tu te nos gracias hola favor del al lo se y
muy pero como esta está estamos puedes podemos le les mensaje cuenta
le les des est pour vous nous avec merci bonjour une du au et pas votre sont
der die das und ist nicht sie wir mit für ein eine danke bitte ihr ihre zu den dem auf
não obrigado obrigada você voce com uma os da
het een niet wij jij bedankt voor van
il della grazie non sono che
""".split())


def reply_is_english(reply: Any) -> bool:
    """:func:`looks_english` for a reply, computed once and kept on it (tone and readability
    both ask)."""
    cached = reply.__dict__.get("_is_english")
    if cached is None:
        cached = reply.__dict__["_is_english"] = looks_english(reply.lower_set, reply.text)
    return bool(cached)


def looks_english(words: frozenset[str], text: str) -> bool:
    """Whether a reply reads as English, from its lower-cased tokens and text: more English
    function words than those of other languages, and mostly Latin letters."""
    if not text.isascii():
        letters = [c for c in text if c.isalpha()]
        if letters and sum(c < "\u0250" for c in letters) / len(letters) < 0.8:
            return False
    english = len(words & ENGLISH_WORDS)
    other = len(words & OTHER_WORDS)
    return english >= other and (english > 0 or other == 0)
