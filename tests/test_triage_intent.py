"""Intent triggers of the built-in playbook (spaCy Matcher patterns over tokens: a plan to do
harm aimed at a person or place, knowing where someone lives, waiting where staff leave,
wishing death, injuries by verb and body part, falls, self-harm phrases), their idiom guards,
praise idioms, and ``weak`` triggers: a weak sign of a serious scenario sends the message to
a person and never makes that scenario win."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from conftest import playbook_yaml

from brandvoice.errors import ConfigError
from brandvoice.playbooks.triage import Triager, triage

MONDAY = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)


def _kinds(r) -> set[str]:
    return {x["kind"] for m in r.matches for x in m.reasons if m.scenario == r.scenario}


# text, scenario, the trigger kind that chose it. Wording not in the playbook's examples.
CHOSEN = [
    # threats_abuse: intent + harm verb + a person
    ("I'll strangle him if he serves me again", "threats_abuse", "matcher"),
    ("im gonna batter whoever answers the phone", "threats_abuse", "matcher"),
    # ...+ a place or a staff word after a determiner
    ("we're going to wreck that branch on saturday", "threats_abuse", "matcher"),
    ("I’ll firebomb your depot", "threats_abuse", "matcher"),
    ("gonna wreck the shop when I get there", "threats_abuse", "matcher"),
    ("I will set the warehouse alight", "threats_abuse", "matcher"),
    # knowing where someone lives or when they finish
    ("found out where that cashier lives lol", "threats_abuse", "matcher"),
    ("I know when your supervisor clocks off", "threats_abuse", "matcher"),
    # waiting where staff leave
    ("I'll be round there when the night manager finishes", "threats_abuse", "matcher"),
    ("someone will be parked outside her house tonight", "threats_abuse", "matcher"),
    ("we'll follow your courier home", "threats_abuse", "matcher"),
    # wishing death
    ("hope your ceo dies in agony", "threats_abuse", "matcher"),
    ("i hope u all rot", "threats_abuse", "matcher"),
    # harm to the body, what will happen to them, a place that will burn, doxxing
    ("gonna snap his neck", "threats_abuse", "matcher"),
    ("he's getting battered when I see him", "threats_abuse", "matcher"),
    ("your depot will be torched", "threats_abuse", "matcher"),
    ("I'm sharing your cashier's details on every group in town", "threats_abuse", "matcher"),
    # phrases and insults aimed at staff
    ("you'd better sleep with one eye open", "threats_abuse", "keywords"),
    ("your staff are a bunch of wankers", "threats_abuse", "keywords"),
    ("you lot are c**ts", "threats_abuse", "pattern"),
    ("he's lucky I didn't deck him", "threats_abuse", "keywords"),
    # self-harm and injuries in other words
    ("I'm going to hang myself", "safety_injury", "keywords"),
    ("my little boy got salmonella from your eggs", "safety_injury", "keywords"),
    # safety_injury: a hurting verb and a body part, a fall, sickness after eating
    ("the door crushed my son's fingers", "safety_injury", "matcher"),
    ("her fingers got trapped in the hinge", "safety_injury", "matcher"),
    ("my grandad slipped on the wet tiles by your tills", "safety_injury", "matcher"),
    ("I tripped on a loose mat at the entrance", "safety_injury", "matcher"),
    ("violently ill since having your curry", "safety_injury", "matcher"),
    # self-harm phrases
    ("honestly I can't do this anymore", "safety_injury", "keywords"),
    ("there is nothing left to live for", "safety_injury", "keywords"),
    # wishing death or illness on someone; "don't make me come down there"
    ("I wish a slow painful death on your board", "threats_abuse", "matcher"),
    ("don't make me come down there, I mean it", "threats_abuse", "keywords"),
    ("gonna crack some skulls at your Leeds branch", "threats_abuse", "matcher"),
    ("my son is in intensive care after your peanut-free cookies", "safety_injury", "keywords"),
    # injuries to someone the word list lacks; falls down or onto something; "seriously ill"
    ("the zip on the sleepsuit cut my newborn's chin", "safety_injury", "matcher"),
    ("fell down the escalator at your store, my ankle is huge", "safety_injury", "matcher"),
    ("your pie made me seriously ill for two days", "safety_injury", "pattern"),
    # seventh session: a supervisor who "won't be walking out", "he's done for", a driver's
    # number plate posted, "taking people with me", "there'll be blood", pills saved up
    ("i'll be in your store saturday and that supervisor won't be walking out of it",
     "threats_abuse", "keywords"),
    ("your app crashed again. if I meet the developer in a dark alley he's done for",
     "threats_abuse", "pattern"),
    ("if my parcel isn't here tomorrow I'm posting the driver's reg on facebook",
     "threats_abuse", "matcher"),
    ("if I lose my house over this billing mistake, I'm taking people with me",
     "threats_abuse", "keywords"),
    ("there'll be blood if my card is charged again", "threats_abuse", "keywords"),
    ("I've been saving up my pills for when it gets too much", "safety_injury", "keywords"),
    ("the wait for this refund is the last thing I'll wait for, I'm done with life",
     "safety_injury", "keywords"),
    # praise idioms
    ("your new hoodie slays", "praise", "keywords"),
    ("killer deals in the outlet today", "praise", "keywords"),
]


@pytest.mark.parametrize(("text", "scenario", "kind"), CHOSEN)
def test_intent_trigger_chooses_the_scenario(text, scenario, kind):
    r = triage(text, now=MONDAY)
    assert r.scenario == scenario, r.why
    assert kind in _kinds(r), r.why
    if scenario == "praise":
        assert (r.severity, r.escalate, r.handoff) == ("low", False, False)
    else:
        assert r.escalate and r.handoff and r.severity in ("critical", "high")


# Idiom guards: a violent word with no target, no writer's plan, or a harmless object.
HARMLESS = [
    "I'm going to murder this box of doughnuts",
    "I'd kill for a coffee right now",
    "it'll hurt the staff if you cut their hours",
    "where is the live chat on your site",
    "the toast came out burnt",
    "I had to cut back on my order",
    "I'm sick of waiting since last week",
    "I fell asleep waiting on hold",
    "my son slipped the card into the machine and it ate it",
    "I'll find another shop that sells it",
    "hope the battery doesn't die this time",
    "what's the point of an app that never loads",
    "I know where your store is, see you saturday",
    "I'll be there at noon to collect my order",
    "can you share the driver details with me, he has my phone",
    "after this you'll be dead to me",
    "the petrol station on the high street has no diesel",
    "you'll regret changing the recipe",
    "fell down the rankings on the app store, your update must have gone down badly",
    "can I bring the hammer back to the store? the head came loose",
    "me and the lads are coming to your restaurant tonight, can we book a table for 12?",
    "the courier lives near me so he dropped it round after his shift",
    "final warning from my bank about this direct debit, please sort the refund",
    "Where I'm going there's no signal, so can you email the tickets instead?",
    "tell my mum I love her new cake stand",
    "I won't be around to sign for the parcel on Tuesday",
    # ...and the seventh session's
    "he's done for the day, can I collect tomorrow?",
    "I'm counting the days till my order arrives",
    "I'd happily set fire to my old phone, this new one is so much better",
    "I won't be here for the delivery, can you leave it with a neighbour",
    "my mates are on their way to your store for the black friday sale",
    "the driver's reg was on the photo, can you confirm it was delivered",
    "I'd literally kill someone for a table at your Soho branch this Friday",
    "the cashier's joke had me in stitches",
    "the new hot sauce set my mouth on fire, brilliant stuff",
    "if I wasn't here for the delivery would they leave it next door?",
    # ...and farewell and countdown words in their everyday sense (review of the seventh
    # session): a move abroad, a gig, a delay, a leaving card, a sofa on its way.
    ("I'm moving to Canada next month so I won't be here anymore. How do I close my account "
     "and get my deposit back?"),
    "Tonight is the night! Can't wait for the gig, is the merch stand open before doors?",
    "I've made my peace with the delay, just let me know when the parcel ships please.",
    "Last shift at the store today, goodbye everyone and thanks for the lovely leaving card!",
    "Tell your delivery team I'm counting the days until my new sofa arrives! Order 44120.",
    # A customer saying goodbye to the brand.
    "Goodbye everyone, thanks for the great service over the years, switching to another bank",
    "goodbye all, closing my account today after ten years with you",
]


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_wording_is_not_serious(text):
    # The triggers stay quiet (the similarity layer may still see a resemblance).
    r = triage(text, now=MONDAY)
    assert not any(m.scenario in ("threats_abuse", "safety_injury") and m.source == "trigger"
                   for m in r.matches), r.why
    assert not any(x.startswith("weak sign") for x in r.review_reasons), r.review_reasons


# Weak signs of the built-in playbook: a person looks, the scenario does not win.
WEAK = [
    ("carrying a crowbar, heading to your depot", "threats_abuse", "high",
     ("weak sign of threats_abuse (trigger 5: 'carrying a crowbar, heading to your depot'): a "
      "person should check it")),
    ("I'm going to track down the driver who did this", "threats_abuse", "high",
     ("weak sign of threats_abuse (trigger 5: \"'m going to track down the driver\"): a person "
      "should check it")),
    ("I can't carry on like this", "safety_injury", "critical",
     "weak sign of safety_injury (trigger 5: \"can't carry on\"): a person should check it"),
    ("honestly I just wanna die", "safety_injury", "critical",
     "weak sign of safety_injury (trigger 5: 'wanna die'): a person should check it"),
    ("what's the point anymore", "safety_injury", "critical",
     "weak sign of safety_injury (trigger 5: \"what's the point\"): a person should check it"),
]


# Veiled intimidation and farewells (sixth session): weak signs, with the learned layer
# silenced so that the trigger alone is tested.
VEILED = [
    ("my cousin's out of prison next week and he's not as polite as me", "threats_abuse",
     "high", "weak sign of threats_abuse (trigger 6: 'out of prison', 'not as polite as me')"),
    ("this is your final warning, after that I stop being reasonable", "threats_abuse", "high",
     "weak sign of threats_abuse (trigger 6: 'your final warning')"),
    ("got my mates, got the dogs, coming to your depot at 6am", "threats_abuse", "high",
     "weak sign of threats_abuse (trigger 7: 'dogs, coming to your depot')"),
    ("that cashier has made a big problem for herself today", "threats_abuse", "high",
     "weak sign of threats_abuse (trigger 6: 'problem for herself')"),
    ("Your van driver lives two streets from me. Small world.", "threats_abuse", "high",
     "weak sign of threats_abuse (trigger 5: 'lives two streets from me')"),
    ("I'm bringing a hammer to your front counter tomorrow", "threats_abuse", "high",
     "weak sign of threats_abuse (trigger 5: 'bringing a hammer to')"),
    ("Won't need the money where I'm going", "safety_injury", "critical",
     "weak sign of safety_injury (trigger 5: \"need the money where I'm going\")"),
    ("Please tell my sister I'm sorry", "safety_injury", "critical",
     "weak sign of safety_injury (trigger 5: \"tell my sister I'm sorry\")"),
    # Seventh session: a message for staff that counts down or remembers; a group on its
    # way; farewells that a thank-you or a parcel word would leave in a low queue.
    ("Tell Gareth at the returns desk I'm counting the days", "threats_abuse", "high",
     ("weak sign of threats_abuse (trigger 5: \"Tell Gareth at the returns desk I'm counting "
     "the days\")")),
    ("tell that driver I haven't forgotten his face", "threats_abuse", "high",
     "weak sign of threats_abuse (trigger 5: \"tell that driver I haven't forgotten his\")"),
    ("the lads are on their way to your depot, good luck", "threats_abuse", "high",
     "weak sign of threats_abuse (trigger 7: 'lads are on their way to your depot')"),
    # (Farewells that are also everyday words have their own guarded triggers, 7 to 10.)
    ("goodbye everyone, thank you for trying", "safety_injury", "critical",
     "weak sign of safety_injury (trigger 10: 'goodbye everyone')"),
    ("thank you for nothing, I've made my peace and I'm done", "safety_injury", "critical",
     "weak sign of safety_injury (trigger 9: 'made my peace')"),
    ("my parcel still hasn't come but it doesn't matter now, I won't be here anymore",
     "safety_injury", "critical",
     "weak sign of safety_injury (trigger 7: \"won't be here anymore\")"),
    ("tonight is the night. thank you all for everything", "safety_injury", "critical",
     "weak sign of safety_injury (trigger 8: 'tonight is the night')"),
    ("tell your manager we're counting down the hours until we see him again",
     "threats_abuse", "high",
     ("weak sign of threats_abuse (trigger 5: \"tell your manager we're counting down the "
      "hours\")")),
    ("please pass on my thanks to the agent, she was the last kind voice I'll hear",
     "safety_injury", "critical", "weak sign of safety_injury (trigger 5: 'last kind voice')"),
    ("my kids would be better off with the insurance money", "safety_injury", "critical",
     "weak sign of safety_injury (trigger 5: 'better off with the insurance')"),
    ("everything is pointless, sorry to bother you", "safety_injury", "critical",
     "weak sign of safety_injury (trigger 5: 'everything is pointless')"),
    ("nobody would notice if I disappeared tonight", "safety_injury", "critical",
     "weak sign of safety_injury (trigger 5: 'if I disappeared')"),
]


@pytest.mark.parametrize(("text", "scenario", "severity", "reason"), VEILED)
def test_veiled_signs_go_to_a_person(text, scenario, severity, reason, monkeypatch):
    from brandvoice.playbooks import triage as triage_module

    monkeypatch.setattr(triage_module, "LEARN_ACCEPT", 1.01)
    monkeypatch.setattr(triage_module, "LEARN_WEAK", 1.01)
    r = triage(text, now=MONDAY)
    assert r.scenario != scenario
    assert r.review_reasons[0] == reason + ": a person should check it"
    assert (r.severity, r.escalate, r.handoff) == (severity, True, True)


@pytest.mark.parametrize(("text", "scenario", "severity", "reason"), WEAK)
def test_weak_sign_goes_to_a_person_without_winning(text, scenario, severity, reason,
                                                    monkeypatch):
    # The learned layer recognises these messages on its own (below); with it silenced, the
    # weak trigger alone brings a person in without making its scenario win.
    from brandvoice.playbooks import triage as triage_module

    r = triage(text, now=MONDAY)
    assert (r.scenario, r.severity, r.escalate, r.handoff) == (scenario, severity, True, True)
    assert r.matches[0].source == "learned", r.why
    monkeypatch.setattr(triage_module, "LEARN_ACCEPT", 1.01)
    monkeypatch.setattr(triage_module, "LEARN_WEAK", 1.01)
    r = triage(text, now=MONDAY)
    assert r.scenario != scenario
    assert r.review_reasons[0] == reason
    assert (r.severity, r.escalate, r.handoff) == (severity, True, True)
    assert reason in r.handoff_reasons


PLAYBOOK = playbook_yaml("Weak", """\
      threats:
        severity: high
        route: security
        escalate: true
        triggers:
          - keywords: [burn down]
          - weak: true
            matcher:
              - [{LOWER: petrol}, {OP: "{0,4}"}, {LOWER: shop}]
      delivery:
        severity: normal
        route: care
        triggers:
          - keywords: [parcel]
          - weak: true
            keywords: [late]
      general:
        severity: low
        route: care
""", routes=("care", "security"), handoff="high")


@pytest.fixture(scope="module")
def weak(tmp_path_factory):
    path = tmp_path_factory.mktemp("pb") / "weak.yaml"
    path.write_text(textwrap.dedent(PLAYBOOK), encoding="utf-8")
    return Triager(str(path))


def test_weak_trigger_hands_off_at_its_severity(weak):
    r = weak.triage("bought petrol near your shop", MONDAY)
    assert (r.scenario, r.matches) == ("general", [])
    assert r.review_reasons == [("weak sign of threats (trigger 1: 'petrol near your shop'): a "
                                "person should check it")]
    assert (r.severity, r.escalate, r.handoff) == ("high", True, True)
    assert r.respond_by == MONDAY + dt.timedelta(hours=1)


def test_weak_trigger_never_changes_the_winner(weak):
    r = weak.triage("my parcel and the petrol for the shop", MONDAY)
    assert r.scenario == "delivery" and [m.scenario for m in r.matches] == ["delivery"]
    assert r.severity == "high" and r.review_reasons[0].startswith("weak sign of threats")


def test_a_strong_trigger_of_the_same_scenario_needs_no_review(weak):
    r = weak.triage("I'll burn down the shop, petrol in hand", MONDAY)
    assert r.scenario == "threats" and r.review_reasons == []


def test_weak_trigger_below_the_handoff_severity_changes_nothing(weak):
    r = weak.triage("running late today", MONDAY)
    assert (r.scenario, r.severity, r.escalate, r.handoff, r.review_reasons) == (
        "general", "low", False, False, [])


def test_a_bad_matcher_pattern_names_the_token_at_fault(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent(PLAYBOOK).replace("{LOWER: shop}", "{LOWER: [shop]}"),
                    encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        Triager(str(path)).triage("x", MONDAY)
    assert "scenarios.threats.triggers[1].matcher: invalid spaCy Matcher pattern: [pattern -> 2" \
        in str(err.value)


# The Matcher skips a pattern on messages without its words; ORTH patterns still run --------


def test_an_unanchored_pattern_still_matches(tmp_path):
    path = tmp_path / "orth.yaml"
    path.write_text(textwrap.dedent(PLAYBOOK).replace(
        '[{LOWER: petrol}, {OP: "{0,4}"}, {LOWER: shop}]', '[{ORTH: Petrol}, {ORTH: Shop}]'),
        encoding="utf-8")
    r = Triager(str(path)).triage("Petrol Shop", MONDAY)
    assert r.review_reasons == [("weak sign of threats (trigger 1: 'Petrol Shop'): a person "
                                "should check it")]
