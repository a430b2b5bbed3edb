"""Guards on the built-in playbook's triggers: a word with a harmless sense ("leaked" about a
bottle, "bleeding me dry", "a punch in the gut", setting up two-factor, a journalist friend,
"prices are a steal") no longer sends a routine message to a serious scenario, while the
serious sense still does. Real spaCy, real WordLlama, the bundled playbook."""

from __future__ import annotations

import datetime as dt

import pytest

from brandvoice.playbooks.triage import triage

NOW = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.timezone.utc)


def triggered(text: str) -> set[str]:
    """The scenarios whose triggers (not the learned layer) match ``text``."""
    return {m.scenario for m in triage(text, now=NOW).matches if m.source == "trigger"}


@pytest.mark.parametrize("scenario,harmless,serious", [
    ("data_breach", "One bottle of shampoo leaked all over the box, can you send another?",
     "your app leaked my home address to another customer"),
    ("data_breach", "the pipe under my new sink is leaking, when can the plumber come back",
     "my card details were leaked online after I ordered from you"),
    ("safety_injury", "these overdraft fees are bleeding me dry",
     "my son's hand was bleeding after the blade came loose"),
    ("threats_abuse", "that price rise was a punch in the gut",
     "I'm going to punch your manager when I see him"),
    ("security_account", "how do I turn on two-factor for the app?",
     "someone switched off my two-factor and got into my account"),
    ("press_enquiry", "my journalist friend recommended your shop, love it",
     "I'm a journalist at the Evening Post, can you comment on the recall?"),
    ("press_enquiry", "the new season of your podcast is a knockout",
     "I produce a consumer podcast and we'd like a comment on the refunds"),
    ("legal_threat", "my lawyer friend says your coffee is the best in town",
     "my lawyer will be in touch about the damage to my car"),
    ("billing", "your prices are a steal, love it",
     "why did the price go up again without any notice"),
    ("billing", "do the earbuds get warm when charging?",
     "you charged me twice for one order"),
    ("security_account", "I recover hacked accounts, message me on telegram",
     "my account was hacked last night and my points are gone"),
    ("threats_abuse", "bit of a stab in the dark, but do you stock spare blender jugs?",
     "if I see that driver again I'll stab him"),
    ("safety_injury", ("News desk here: reports of a crash at your depot, can you confirm "
                       "whether anyone was hurt?"),
     "my dad was hurt when the shelf came down on him"),
    ("safety_injury", ("we're recording an episode on the salmonella recall, could someone "
                       "from your team join us?"),
     "my whole family has salmonella after your chicken wraps"),
    ("billing", "Our brand ambassador programme is open! Send your payment details to join",
     "the payment went out twice this month"),
    ("delivery", "Your parcel is on hold. Pay the £2.49 redelivery fee at royal-redeliver.top",
     "my parcel was marked delivered but it never came"),
])
def test_the_harmless_sense_stays_out_and_the_serious_sense_matches(scenario, harmless, serious):
    assert scenario not in triggered(harmless)
    assert scenario in triggered(serious)


@pytest.mark.parametrize("text", [
    "I doubled my bitcoin in a week thanks to @coinwizard, contact him",
    "click here to claim free vouchers bit.ly/xyz",
])
def test_get_rich_and_free_prize_offers_are_spam(text):
    r = triage(text, now=NOW)
    assert "spam" in triggered(text)
    assert r.scenario == "spam" and not r.escalate


def test_thanks_from_a_customer_is_still_praise():
    assert triage("thanks so much, the new blender is brilliant", now=NOW).scenario == "praise"
