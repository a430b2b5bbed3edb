"""Playbooks: loading and references, every trigger kind, tie-breaking, SLA deadlines on the
business clock across nights, weekends and holidays in a non-UTC zone, handoff, and lint."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from conftest import FIXTURES

from brandvoice import ConfigError
from brandvoice.lint.playbooks import lint_playbook
from brandvoice.playbooks.hours import BusinessHours, parse_duration
from brandvoice.playbooks.model import load_playbook
from brandvoice.playbooks.triage import Author, Message, Triager, triage

NY = ZoneInfo("America/New_York")
PB = FIXTURES / "playbooks" / "tz.yaml"


@pytest.fixture(scope="module")
def triager():
    return Triager(str(PB))


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=NY)


# Business hours ----------------------------------------------------------------------------


def test_parse_duration():
    assert parse_duration("15m") == dt.timedelta(minutes=15)
    assert parse_duration("1d 2h") == dt.timedelta(days=1, hours=2)
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration("soon")


@pytest.mark.parametrize("now,duration,expected", [
    (at(2026, 11, 23, 10, 0), "4h", at(2026, 11, 23, 14, 0)),   # inside one day
    (at(2026, 11, 23, 16, 0), "4h", at(2026, 11, 24, 12, 0)),   # across a night
    (at(2026, 11, 20, 16, 0), "4h", at(2026, 11, 23, 12, 0)),   # Friday -> Monday
    (at(2026, 11, 21, 11, 0), "1h", at(2026, 11, 23, 10, 0)),   # arrives on a Saturday
    (at(2026, 11, 25, 16, 0), "4h", at(2026, 11, 27, 12, 0)),   # Thanksgiving, half day
    (at(2026, 11, 27, 11, 0), "2h", at(2026, 11, 30, 10, 0)),   # half day, weekend, Monday
    (at(2026, 11, 23, 3, 0), "30m", at(2026, 11, 23, 9, 30)),  # before opening
])
def test_business_clock(now, duration, expected):
    pb = load_playbook(str(PB))
    assert pb.hours.add(now, parse_duration(duration)) == expected


def test_business_clock_across_daylight_saving():
    # US clocks go back on 1 November 2026: an hour of business time is still an hour.
    hours = BusinessHours("America/New_York", {d: ["00:00-24:00"] for d in
                                               ("mon", "tue", "wed", "thu", "fri", "sat", "sun")})
    start = dt.datetime(2026, 11, 1, 0, 30, tzinfo=NY)
    end = hours.add(start, dt.timedelta(hours=3))
    assert (end.hour, end.minute) == (2, 30)  # 00:30 EDT + 3h = 02:30 EST
    assert end.astimezone(dt.timezone.utc) - start.astimezone(dt.timezone.utc) == \
        dt.timedelta(hours=3)


def test_is_open_and_next_open():
    pb = load_playbook(str(PB))
    assert pb.hours.is_open(at(2026, 11, 23, 10, 0))
    assert not pb.hours.is_open(at(2026, 11, 26, 10, 0))  # Thanksgiving
    assert pb.hours.next_open(at(2026, 11, 25, 18, 0)) == at(2026, 11, 27, 9, 0)
    assert pb.hours.describe() == "Mon-Fri 09:00-17:00 (America/New_York)"


# Triage ------------------------------------------------------------------------------------

NOW = at(2026, 11, 23, 10, 0)  # a Monday morning, open


def test_keywords_match_inflections(triager):
    r = triager.triage("We are suing you", NOW)
    assert r.scenario == "legal"
    assert r.matches[0].reasons == [{"kind": "keywords", "words": ["suing"]}]
    assert (r.severity, r.severity_rank, r.route) == ("critical", 0, "legal")
    assert r.respond_by == NOW + dt.timedelta(minutes=30)  # calendar clock


def test_regex_trigger(triager):
    r = triager.triage("Still waiting for refund #12345", NOW)
    assert r.scenario == "refund_regex"
    assert r.matches[0].reasons[0]["words"] == ["refund #12345"]
    assert r.respond_by == at(2026, 11, 23, 14, 0)


def test_spacy_matcher_trigger(triager):
    r = triager.triage("Is there a data leak? I got spam.", NOW)
    assert r.scenario == "breach_matcher"
    assert r.matches[0].reasons == [{"kind": "matcher", "words": ["data leak"]}]


def test_author_and_engagement_and_channel(triager):
    big = Message("hello", "x", Author(handle="someone", followers=25000))
    assert triager.triage(big, NOW).scenario == "vip"
    listed = Message("hello", "x", Author(handle="@BigCritic"))
    assert triager.triage(listed, NOW).matches[0].reasons[0]["detail"] == \
        "@bigcritic is on the list"
    viral = Message("meh", "x", likes=150)
    assert triager.triage(viral, NOW).scenario == "viral"
    elsewhere = Message("meh", "facebook", likes=150)
    assert triager.triage(elsewhere, NOW).scenario == "general"


def test_sentiment_trigger(triager):
    assert triager.triage("Worst service ever, absolutely useless and terrible", NOW).scenario \
        == "angry"
    assert triager.triage("Lovely, thanks", NOW).scenario == "general"


def test_most_severe_wins_and_ties_go_to_the_first_listed(triager):
    r = triager.triage("I will sue over this pancake, worst ever, terrible", NOW)
    assert [m.scenario for m in r.matches] == ["legal", "angry", "tie_first", "tie_second"]
    assert r.scenario == "legal"
    r = triager.triage("pancake", NOW)
    assert [m.scenario for m in r.matches] == ["tie_first", "tie_second"]
    assert r.scenario == "tie_first"


def test_unless_vetoes_a_trigger(triager):
    r = triager.triage("pancake, changed my mind", NOW)
    assert [m.scenario for m in r.matches] == ["tie_first"]


def test_no_match_uses_default_scenario(triager):
    r = triager.triage("hello there", NOW)
    assert (r.scenario, r.matches) == ("general", [])
    # 1d = 24 business hours: Mon 7h, Tue 8h, Wed 8h, Thanksgiving closed, Fri 1h.
    assert r.respond_by == at(2026, 11, 27, 10, 0)
    assert not r.out_of_hours


def test_out_of_hours(triager):
    r = triager.triage("hello there", at(2026, 11, 21, 11, 0))  # Saturday
    assert r.scenario == "out_of_hours" and r.out_of_hours
    assert r.next_open == at(2026, 11, 23, 9, 0)


def test_handoff_rules(triager):
    r = triager.triage(Message("Can I speak to a human please", "x", bot_turns=2), NOW)
    assert r.handoff
    assert r.handoff_reasons == ["the customer asked for a person ('speak to a human')",
                                 "2 bot replies already"]
    assert triager.triage("sue", NOW).handoff_reasons == [
        "severity critical is at or above critical"]
    assert not triager.triage("hello", NOW).handoff


@pytest.mark.timeout(60)  # a regex that ran away would hang here: pytest-timeout fails it
def test_slow_user_regex_is_skipped_with_a_warning(tmp_path):
    pb = (FIXTURES / "playbooks" / "tz.yaml").read_text().replace(
        r"'\brefund(?:ed)?\s+#?\d{4,}\b'", "'(x+x+)+y'")
    path = tmp_path / "slow.yaml"
    path.write_text(pb)
    r = Triager(str(path)).triage("x" * 5000, NOW)
    assert r.warnings and "timed out" in r.warnings[0]


def test_now_must_be_aware(triager):
    from brandvoice import UsageError

    with pytest.raises(UsageError, match="time zone"):
        triager.triage("hi", dt.datetime(2026, 11, 23, 10, 0))


def test_triage_result_json_fields(triager):
    d = triager.triage("We are suing you", NOW).to_dict()
    for key in ("scenario", "matches", "severity", "severity_rank", "route", "escalate",
                "handoff", "move_to_dm", "respond_by"):
        assert key in d
    assert d["respond_by"] == "2026-11-23T10:30:00-05:00"


# Loading and lint --------------------------------------------------------------------------


def test_bad_references_are_load_errors(in_root):
    with pytest.raises(ConfigError) as info:
        load_playbook("tests/fixtures/playbooks/bad_refs.yaml")
    assert [str(p) for p in info.value.problems] == [
        ("tests/fixtures/playbooks/bad_refs.yaml:3:21: playbook.default_scenario: unknown "
        "scenario 'nothing'; defined: delivery"),
        ("tests/fixtures/playbooks/bad_refs.yaml:10:15: scenarios.delivery.severity: unknown "
        "severity 'urgent'; defined: high"),
        ("tests/fixtures/playbooks/bad_refs.yaml:11:12: scenarios.delivery.route: unknown route "
        "'logistics'; defined: care"),
        ("tests/fixtures/playbooks/bad_refs.yaml:15:23: scenarios.delivery.templates[0].file: "
        "template file 'templates/missing.j2' not found (looked for "
        "tests/fixtures/playbooks/templates/missing.j2); give a path relative to the playbook"),
    ]


def test_lint_reports_template_and_reachability_problems(in_root):
    problems = lint_playbook("tests/fixtures/playbooks/bad_templates.yaml")
    text = "\n".join(str(p) for p in problems)
    assert "bad_templates.yaml:9:3: scenarios.orphan: scenario orphan has no triggers" in text
    assert ("scenarios.slow_regex.triggers[0].patterns[0]: this pattern backtracks "
            "catastrophically") in text
    assert ("template general/missing_var (tests/fixtures/playbooks/bad_templates.yaml:21), "
            "template line 2: 'order_id' is undefined") in text
    assert "template general/escape" in text and "refused by the sandbox" in text
    assert "template off_voice is off-voice on x (tone.blame" in text
    assert len(problems) == 5


def test_bundled_playbooks_lint_clean(in_root):
    # Only the per-file counts of training examples that triage elsewhere, at least as severe
    # (tests/test_triage_meaning.py::test_the_builtin_examples_all_triage_to_their_scenarios).
    assert [p for p in lint_playbook("builtin:default")
            if not p.key.endswith(".examples_file") or p.severity != "warning"] == []
    assert lint_playbook("playbooks/crumbly-care.yaml") == []


def test_extended_playbook_merges(in_root):
    pb = load_playbook("playbooks/crumbly-care.yaml")
    assert pb.name == "Crumbly care playbook"
    assert pb.hours.timezone == "America/New_York"
    assert "allergy" in pb.scenarios and "legal_threat" in pb.scenarios
    assert [t.id for t in pb.scenarios["praise"].templates] == ["thanks"]
    assert pb.scenarios["allergy"].templates[0].source.startswith("{#")
    assert pb.voice().name == "Crumbly"


def test_builtin_playbook_covers_the_required_scenarios():
    pb = load_playbook()
    assert set(pb.scenarios) >= {
        "legal_threat", "safety_injury", "security_account", "data_breach",
        "data_protection_request", "press_enquiry", "threats_abuse", "vip_influencer",
        "human_request", "billing", "delivery", "product_question", "praise",
        "feature_request", "out_of_hours"}


@pytest.mark.parametrize("text,scenario", [
    # Wording not taken from the playbook's own lists.
    ("my lawyer will be contacting you about this", "legal_threat"),
    ("I'm going to sue you lot", "legal_threat"),
    ("my daughter found a piece of glass in her yoghurt", "safety_injury"),
    ("your burger made me really sick last night", "safety_injury"),
    ("someone hacked my account and changed my email", "security_account"),
    ("I can see someone else's address in my order history", "data_breach"),
    ("please delete my data under GDPR", "data_protection_request"),
    ("I'm a reporter at the Post, can I get a comment on the recall?", "press_enquiry"),
    ("can I talk to a real person", "human_request"),
    ("you charged me twice for one order", "billing"),
    ("my parcel still hasn't arrived", "delivery"),
    ("where's my box??", "delivery"),
    ("does the large box come in chocolate?", "product_question"),
    ("would be great if you did a vegan one", "feature_request"),
    ("absolutely love the new flavour, thanks!", "praise"),
    ("f u and your useless app", "threats_abuse"),
    # Mistakes found reading the triage of the real messages (docs/triage-report.md).
    ("my driver crashed and I hit my head happy Halloween", "safety_injury"),
    ("thanks for sending me a new modem that doesn’t work.", "complaint"),
    ("Drivers install and windows finds printer but I get an error", "complaint"),
    ("please make this stop!!!", "general"),
    ("You couldn't deliver EVEN AFTER A MONTH", "delivery"),
    ("My family planned a trip and it got ruined", "general"),
])
def test_builtin_triggers_generalise(text, scenario):
    monday = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)
    assert triage(text, now=monday).scenario == scenario


def test_an_option_is_not_a_feature_request():
    # Found reading the real messages: "option" was a feature-request keyword. With no keyword
    # left, the similarity layer may place this message by a weak resemblance (a routine
    # mis-sort, recorded in docs/triage-report.md); what matters here: not a feature request.
    monday = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)
    r = triage("I can not find an option to get it there.", now=monday)
    assert r.scenario != "feature_request" and not r.escalate


def test_triage_without_playbook_uses_the_builtin(in_root):
    assert triage("hello", now=dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)) \
        .scenario == "general"
