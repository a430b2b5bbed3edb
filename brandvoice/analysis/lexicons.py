"""Word and phrase lists behind the tone check, written for customer-care replies.

Phrases are matched with inflections on lower-cased tokens (see :mod:`brandvoice.analysis.terms`).
"""

from __future__ import annotations

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
    "please note that", "we regret to inform you", "regret to inform you",
    "we value your feedback", "we value your business", "thank you for your patience",
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
    "per my last message", "we are sorry to hear that you are experiencing",
    "circle back", "touch base", "reach out to you at your earliest convenience",
    "meets with your approval", "going forward", "at your earliest convenience",
    "please find attached", "as per your request",
)

BLAME = (
    "not our problem", "not our fault", "your fault", "your own fault", "your mistake",
    "you failed to", "you didn't read", "you did not read", "you need to read",
    "if you had read", "if you had followed", "as we already told you",
    "as i already told you", "as i said before", "as we said before", "as stated previously",
    "as clearly stated", "user error", "it is your responsibility", "it's your responsibility",
    "there is nothing we can do", "there's nothing we can do", "nothing we can do",
    "you were supposed to", "you were told", "you ignored",
    "that's on you", "that is on you", "you clearly", "you obviously",
    "you have to understand", "we are not responsible", "we're not responsible",
    "not our responsibility", "you caused", "you broke",
)

CONDESCENSION = (
    "calm down", "obviously", "simply", "clearly", "of course you", "as you should know",
    "as you know", "as everyone knows", "everyone knows", "it's easy", "it is easy",
    "it's simple", "it is simple", "it's not rocket science", "it's not hard",
    "no offense", "no offence", "with all due respect", "relax", "chill out",
    "settle down", "you need to calm", "try to understand", "let me explain again",
    "just follow the instructions", "not that difficult", "not that hard",
    "sweetie", "honey", "hun", "dear customer, please",
)

HEDGING = (
    "i think", "we think", "i guess", "we guess", "maybe", "perhaps", "possibly",
    "kinda", "sorta", "hopefully", "i believe", "we believe",
    "might be able to", "may be able to", "we'll try", "we will try", "i'll try",
    "should be fine", "probably", "i'm not sure", "not sure if", "it seems",
    "it appears", "somewhat", "more or less", "to some extent", "i suppose",
    "i would argue", "we would argue", "so to speak", "in a sense", "arguably",
)

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

FORMAL = frozenset("""
kindly regarding hereby herein furthermore therefore thus hence sincerely dear pursuant
accordingly apologize apologise assistance inquiry enquiry however shall ensure advise
advised notify notified request requested require required whereby aforementioned
subsequently prior commence commenced endeavour endeavor facilitate utilize utilise
obtain additional approximately sufficient inform informed purchase residence respectively
correspondence acknowledge acknowledged appreciate regret regrettably undertake
""".split())

INFORMAL = frozenset("""
hey hiya yay awesome cool gonna wanna gotta lol omg btw thx pls plz oops yep yup nope
folks super totally okay ok yeah ya haha hehe woohoo wow whoa yikes stoked pumped
bummer ugh hmm dude buddy pal ya'll y'all cheers fab amazing epic legit kinda sorta
""".split())

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

# An apology ("sorry") and plain negation ("not", "no") are not negativity: a reply that
# apologises is empathetic, and "no problem" is not bad news.
NEGATIVE = frozenset("""
unfortunately unable cannot can't won't never bad problem issue issues
error errors fail failed failure wrong broken delay delayed late lost missing damaged
frustrating frustrated disappointed disappointing annoying angry upset terrible awful
worst unacceptable denied refused declined cancelled canceled problems trouble
difficult inconvenience complaint outage down
""".split())

CONTRACTION_SUFFIXES = ("'re", "'m", "'ll", "'ve", "'d", "n't", "’re", "’m", "’ll", "’ve",
                        "’d", "n’t", "'s", "’s")
FIRST_PERSON = frozenset("i we me us our ours my mine i'm we're i've we've i'll we'll "
                         "i’m we’re i’ve we’ve i’ll we’ll let's let’s".split())
