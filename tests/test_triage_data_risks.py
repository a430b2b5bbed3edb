"""Data risks in the built-in playbook: account takeover, data exposure, data-protection
requests, legal threats, press and spam described without their keywords, the lemma-aware
Matcher patterns that catch them, and the routine near misses those patterns must leave
alone."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from conftest import playbook_yaml

from brandvoice import ConfigError
from brandvoice.playbooks.triage import Triager, _lemma_aware, triage

MONDAY = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)


# LEMMA in a Matcher pattern: every inflection, as keywords ---------------------------------


def test_lemma_becomes_every_inflection():
    assert _lemma_aware([{"LEMMA": "spend"}, {"LOWER": "my"}]) == [
        {"LOWER": {"IN": ["spend", "spended", "spending", "spends", "spent"]}},
        {"LOWER": "my"}]
    assert _lemma_aware([{"LEMMA": {"IN": ["log", "get"]}, "OP": "?"}]) == [
        {"OP": "?", "LOWER": {"IN": ["get", "geted", "geting", "gets", "getted", "getting",
                                     "got", "gotten", "log", "loged", "logged", "logging",
                                     "loging", "logs"]}}]
    assert _lemma_aware([{"LEMMA": {"NOT_IN": ["see"]}}]) == [
        {"LOWER": {"NOT_IN": ["saw", "see", "seed", "seeing", "seen", "sees"]}}]


def test_lemma_left_alone_when_lower_is_given_or_it_is_a_regex():
    both = [{"LEMMA": "spend", "LOWER": "spent"}]
    assert _lemma_aware(both) == both
    regex = [{"LEMMA": {"REGEX": "^spen"}}]
    assert _lemma_aware(regex) == regex


PLAYBOOK = playbook_yaml("Lemmas", """\
      takeover:
        severity: high
        route: care
        triggers:
          - matcher:
              - [{LOWER: {IN: [someone, somebody]}}, {OP: "{0,3}"}, {LEMMA: {IN: [change, spend]}}, {OP: "{0,2}"}, {LOWER: my}, {LEMMA: {IN: [password, balance]}}]
      general:
        severity: low
        route: care
""", severities=("high", "low"))


@pytest.fixture(scope="module")
def lemmas(tmp_path_factory):
    path = tmp_path_factory.mktemp("pb") / "lemmas.yaml"
    path.write_text(textwrap.dedent(PLAYBOOK), encoding="utf-8")
    return Triager(str(path))


@pytest.mark.parametrize("text,words", [
    ("someone changed my password", ["someone changed my password"]),
    ("somebody has been changing my passwords", ["somebody has been changing my passwords"]),
    ("somebody else spent all of my balance", ["somebody else spent all of my balance"]),
])
def test_a_lemma_pattern_matches_the_inflected_word(lemmas, text, words):
    r = lemmas.triage(text, MONDAY)
    assert r.scenario == "takeover"
    assert r.matches[0].reasons == [{"kind": "matcher", "words": words}]
    assert r.why == f"takeover: trigger 0 matched (matcher {', '.join(map(repr, words))})"


def test_a_lemma_pattern_does_not_match_other_words(lemmas):
    assert lemmas.triage("I changed my password", MONDAY).scenario == "general"
    assert lemmas.triage("someone changed my delivery date", MONDAY).scenario == "general"


def test_an_invalid_pattern_is_still_a_located_config_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent(PLAYBOOK).replace('{OP: "{0,3}"}', '{OP: "sometimes"}'),
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml:\d+:\d+: scenarios\.takeover\.triggers"
                                          r"\[0\]\.matcher: invalid spaCy Matcher pattern"):
        Triager(str(path)).triage("someone changed my password", MONDAY)


# The built-in playbook: meaning without the keywords ---------------------------------------


@pytest.mark.parametrize("text,scenario,words", [
    # Account takeover: someone else acted on my account; activity I did not make.
    ("a stranger has switched the email address on my account", "security_account",
     ["stranger has switched the email address on my account"]),
    ("there's a payment on my statement from you that I never authorised", "security_account",
     ["payment on my statement from you that I never authorised"]),
    ("my voucher balance went to zero overnight", "security_account",
     ["balance went to zero"]),
    # Data exposure: my details given or shown to someone else; staff passing them on.
    ("your shop gave my mobile number to a stranger", "data_breach",
     ["gave my mobile number to a stranger"]),
    ("one of your employees posted my home address online", "data_breach",
     ["employees posted my home address"]),
    # Data-protection requests: correcting records; data used for marketing.
    ("your records have my surname wrong, please rectify them", "data_protection_request",
     ["records have my surname wrong, please rectify"]),
    ("stop passing my email address to your marketing partners", "data_protection_request",
     ["passing my email address to your marketing partners"]),
])
def test_builtin_matcher_patterns_catch_paraphrases(text, scenario, words):
    r = triage(text, now=MONDAY)
    assert r.scenario == scenario, r.why
    reason = next(x for x in r.matches[0].reasons if x["kind"] == "matcher")
    assert reason["words"][:1] == words
    assert r.escalate and r.severity in ("critical", "high")


@pytest.mark.parametrize("text,scenario", [
    ("I'm going to issue proceedings in the county court", "legal_threat"),
    ("a no win no fee firm is taking my case", "legal_threat"),
    ("I'm a researcher at a TV production company, who handles media requests?",
     "press_enquiry"),
    ("follow for follow? I always follow back", "spam"),
    ("earn $400 a week from your phone, message me", "spam"),
])
def test_builtin_keywords_for_legal_press_and_spam(text, scenario):
    r = triage(text, now=MONDAY)
    assert r.scenario == scenario, r.why
    assert r.matches[0].source == "trigger"
    assert r.do_not_reply == (scenario == "spam")


@pytest.mark.parametrize("text,not_scenario", [
    # Staff acting on an account is not a takeover; a first-person change is not either.
    ("someone from your team changed my delivery date without asking", "security_account"),
    ("someone at your shop put a note on my account about the return", "security_account"),
    ("my points haven't gone on my account after my last shop", "security_account"),
    ("I don't know why my stats were reset", "security_account"),
    # Staff reading my own order back to me, a parcel left with a neighbour: not a leak.
    ("your agent read out my order number to confirm it, very helpful", "data_breach"),
    ("the staff showed me my order history on the till", "data_breach"),
    ("the driver gave my parcel to my neighbour", "data_breach"),
    # A customer asking to be messaged, or about a giveaway, is not spam.
    ("can you whatsapp me the tracking details?", "spam"),
    ("I clicked the link in your email and nothing happened", "spam"),
    ("is this jacket a good investment? what are the returns like?", "spam"),
    # A lawyer or a court that is not a threat; press that is not an enquiry.
    ("I'm on jury service this week, can I collect my order next week?", "legal_threat"),
    ("love your podcast ads, so funny", "press_enquiry"),
    # "feed" is not the past tense of the billing keyword "fee".
    ("love your feed, we'd like to feature you", "billing"),
])
def test_routine_near_misses_do_not_fire_the_new_triggers(text, not_scenario):
    r = triage(text, now=MONDAY)
    assert not any(m.scenario == not_scenario and m.source == "trigger" for m in r.matches), \
        r.why


# Matcher patterns run only on messages that have the words they require ------------------


def test_needs_lists_the_words_of_each_required_token():
    from brandvoice.playbooks.triage import _needs

    assert _needs([{"LOWER": {"IN": ["someone", "Somebody"]}}, {"OP": "{0,3}"},
                   {"LOWER": "changed", "OP": "+"}, {"LOWER": "my", "OP": "?"},
                   {"LOWER": {"NOT_IN": ["your"]}}, {"TEXT": "PIN", "OP": "{1,2}"},
                   {"LOWER": "x", "OP": "*"}, {"LOWER": "y", "OP": "!"},
                   {"LOWER": "z", "OP": "{,2}"}, {"IS_CURRENCY": True}]) == [
        frozenset({"someone", "somebody"}), frozenset({"changed"}), frozenset({"pin"})]
    assert _needs([{"OP": "?"}, {"LIKE_NUM": True}]) == []


def test_skipping_patterns_without_their_words_changes_no_result(monkeypatch):
    import brandvoice.playbooks.triage as triage_module

    texts = ["someone changed the email on my account and spent my points",
             "a stranger rang me and read out what I ordered", "hello there",
             "your staff posted my address online", "can I change my email?",
             "I'm going to hurt the manager", "earn $300 a day with crypto, DM me"]

    def run() -> list[tuple[str, str]]:
        return [(r.scenario, r.why) for r in Triager().triage_many(texts, now=MONDAY)]

    gated = run()
    monkeypatch.setattr(triage_module, "_needs", lambda pattern: [])
    assert run() == gated
    assert gated[0][0] == "security_account" and gated[2][0] == "general"


def test_a_fee_is_still_billing():
    r = triage("they added a fee to my order", now=MONDAY)
    assert r.scenario == "billing"
    assert r.matches[0].reasons == [{"kind": "keywords", "words": ["fee"]}]
