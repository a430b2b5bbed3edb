"""Scammers' pitches are spam, whatever routine words they borrow: a stranger posing as the
brand's support and asking for a phone number or card, crypto "recovery" services, trading
"signals" (the built-in playbook's `outranks_routine` spam trigger). Their look-alikes (a
customer reporting such a message, a question about paying in bitcoin, a customer whose sister
works for the brand) are not spam. And the rule itself on a small playbook: an
`outranks_routine` trigger beats routine scenarios, never a serious one. Real spaCy, real
WordLlama."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import playbook_yaml

from brandvoice.playbooks.model import load_playbook
from brandvoice.playbooks.triage import Triager, triage

NOW = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.timezone.utc)

# text, the words the spam trigger names (what a care lead sees in `why`)
PITCHES = [
    ("I'm a support agent for this brand, DM me your phone number and I'll sort your refund",
     "matcher \"I'm a support agent for this brand, DM me your phone number\""),
    ("Official help desk here, send us your email and card number by DM to verify your account",
     "matcher 'send us your email and card number'"),
    ("I'm an agent on the help team, DM me your number and I'll get it sorted",
     "matcher \"I'm an agent on the help team, DM me your number\""),
    ("Lost money? Recover your frozen funds fast, whatsapp +44 7700 900123",
     "matcher 'Recover your frozen funds fast, whatsapp'"),
    (("lost your crypto to a scam? our recovery team got back £40k for me, message them on "
     "telegram"), "matcher 'recovery team got back £40k for me, message them on telegram'"),
    ("Recovered my lost bitcoin thanks to @RecoveryPro_Hackz, contact him he's legit!!!",
     ("matcher \"Recovered my lost bitcoin thanks to @RecoveryPro_Hackz, contact him he's "
     "legit\"")),
    ("Join my VIP crypto signals group, 95% win rate, link in bio",
     "keywords 'crypto signals'"),
    ("Check out my page for the BEST crypto signals, 10x guaranteed",
     "keywords 'crypto signals'"),
    ("Follow @dealhunter_uk for leaked discount codes on ALL your fave shops",
     "pattern 'Follow @dealhunter_uk for'"),
]


@pytest.mark.parametrize(("text", "words"), PITCHES)
def test_a_pitch_is_spam_whatever_routine_words_it_borrows(text, words):
    r = triage(text, now=NOW)
    assert (r.scenario, r.severity, r.escalate, r.do_not_reply) == ("spam", "low", False, True)
    assert r.why == f"spam: trigger 0 matched ({words})"


# Not spam: customers reporting a pitch, or using its words about their own business.
LOOK_ALIKES = [
    (("someone pretending to be your support team DM'd me asking for my card number, is this "
     "real?"), "security_account"),
    ("Don't get why your agent is asking for my password", "security_account"),
    ("can I DM you my phone number so someone can call me about my refund?", "billing"),
    ("My sister is a customer service agent for you lot, she says the new range is great",
     "praise"),
    ("do you accept bitcoin or any crypto at checkout?", "product_question"),
    ("I lost my receipt, can I still return the signal booster?", "billing"),
    ("we are a care team at a nursing home, can we set up an account? email us please",
     "product_question"),
    ("I follow @brand for the deals, when does the sale start?", "product_question"),
    ("@brand I follow @brandhelp for updates but nobody answers", "complaint"),
    ("your account recovery team never replied to my email", None),
    # Customers asking for a link, terms, their funds or a reply (review of the seventh
    # session): the pitch asks the reader for a secret, recovering funds needs a crypto or
    # messaging-app word, and a customer's question ("can you...", "how do I...") is no pitch.
    (("Can you send me your login page link? The app keeps crashing and I need to pay my bill "
      "today."), "billing"),
    (("Can you email me your gift card terms? I want to check the expiry date before I buy one "
      "for my mum."), "product_question"),
    (("How do I recover the funds from my closed savings account? Please ask your team to "
      "contact me, I've waited three weeks for my money."), "product_question"),
    (("I'm a verified account holder and my refund still hasn't arrived, please message me "
      "your reply rather than emailing."), "billing"),
    # ...and the same without a question, which the learned layer took for a pitch (spam now
    # has counter-examples in customers' words; the second is a real message).
    (("I want to recover the funds from my closed savings account, please ask your team to "
      "contact me"), None),
    (("@AskeBay Need to contact customer service directly. Please DM contact email for "
      "customer service"), None),
]


@pytest.mark.parametrize(("text", "scenario"), LOOK_ALIKES)
def test_a_look_alike_is_not_spam(text, scenario):
    r = triage(text, now=NOW)
    assert r.scenario != "spam" and not r.do_not_reply, r.why
    assert not any(m.scenario == "spam" and m.source == "trigger" for m in r.matches), r.why
    if scenario is not None:
        assert r.scenario == scenario, r.why


@pytest.mark.parametrize("text", [
    "someone pretending to be your support team DM'd me asking for my card number, is this real?",
    "I invested in crypto through an ad using your logo and lost everything, is this you?",
    "there's a fake page with your name offering refunds, is this page yours?",
    "There's a fake ad with your logo selling sofas for £50, is this yours?",
])
def test_a_reported_impersonator_goes_to_security(text):
    r = triage(text, now=NOW)
    assert (r.scenario, r.escalate, r.handoff) == ("security_account", True, True), r.why


@pytest.mark.parametrize("text", [
    "love the new logo on your website",
    "is this the official page for returns? can't find the form",
    # A misleading advert is a complaint, not an impersonator.
    "Total fake ad. The sofa that arrived looks nothing like the photo, I want a refund.",
    "Your Black Friday deal was a fake advert, the price was the same last week.",
])
def test_brand_words_alone_are_not_impersonation(text):
    r = triage(text, now=NOW)
    assert not any(m.scenario == "security_account" and m.source == "trigger"
                   for m in r.matches), r.why


SMALL = """
spam:
  severity: low
  route: care
  do_not_reply: true
  triggers:
    - keywords: [crypto signals]
      outranks_routine: {flag}
complaint:
  severity: normal
  route: care
  triggers:
    - keywords: [issue]
threat:
  severity: high
  route: care
  escalate: true
  triggers:
    - keywords: [burn down]
general:
  severity: low
  route: care
"""


def _triager(tmp_path, flag: str) -> Triager:
    path = tmp_path / "pb.yaml"
    path.write_text(playbook_yaml("t", SMALL.format(flag=flag), handoff="high"),
                    encoding="utf-8")
    return Triager(load_playbook(str(path)))


def test_outranks_routine_beats_a_routine_scenario_never_a_serious_one(tmp_path):
    t = _triager(tmp_path, "true")
    r = t.triage("crypto signals that fix any issue", now=NOW)
    assert (r.scenario, r.severity, r.escalate) == ("spam", "low", False)
    assert r.runner_up == "complaint"
    assert r.why_not == ("complaint: trigger 0 matched (keywords 'issue'), but spam's trigger 0 "
                         "outranks routine scenarios (outranks_routine)")
    r = t.triage("crypto signals or I burn down your shop", now=NOW)
    assert (r.scenario, r.severity, r.escalate) == ("threat", "high", True)
    # Without the flag, the more severe routine scenario wins, as rule 3 says.
    r = _triager(tmp_path, "false").triage("crypto signals that fix any issue", now=NOW)
    assert r.scenario == "complaint"
