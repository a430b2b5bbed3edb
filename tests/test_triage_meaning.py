"""Triage by meaning: examples and counter-examples, the similarity layer, explanations and
confidence, assume-the-worst review, priority and precedence lint, example self-tests in
lint, spam, languages the playbook does not cover, and author/engagement from --input."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import textwrap

import pytest
from conftest import playbook_yaml

from brandvoice.cli.app import main
from brandvoice.errors import UsageError
from brandvoice.lint.playbooks import lint_playbook
from brandvoice.playbooks.drafting import draft
from brandvoice.playbooks.model import load_playbook
from brandvoice.playbooks.triage import (
    ACCEPT,
    Message,
    Triager,
    message_from_fields,
    triage,
)

MONDAY = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)
has_languages = pytest.mark.skipif(
    importlib.util.find_spec("brandvoice.languages") is None,
    reason="the language layer (brandvoice.languages) is not in this checkout yet")


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


SMALL = playbook_yaml("Small", """\
      threats:
        severity: high
        route: security
        escalate: true
        examples:
          - "I know where your manager lives and I'm coming for him"
          - "I'm going to set fire to your shop"
          - "someone on your staff is going to get hurt"
        counter_examples:
          - "this burger is killer"
          - "your new fries are to die for"
      delivery:
        severity: normal
        route: care
        triggers:
          - keywords: [never arrived, parcel]
        examples:
          - "my parcel is late"
      praise:
        severity: low
        route: care
        examples:
          - "your new burger is killer"
          - "loved the food, thank you"
      general:
        severity: low
        route: care
""", routes=("care", "security"), handoff="high")


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return Triager(str(write(tmp_path_factory.mktemp("pb"), "small.yaml", SMALL)))


# The similarity layer ---------------------------------------------------------------------


def test_a_paraphrase_reaches_its_scenario_and_says_which_example(small):
    r = small.triage("I found out where the manager lives and I'm coming for him", MONDAY)
    assert r.scenario == "threats" and r.escalate and r.handoff
    m = r.matches[0]
    assert (m.source, m.trigger) == ("similar", -1) and m.score >= ACCEPT
    reason = m.reasons[0]
    assert reason["kind"] == "similar"
    assert reason["example"] == "I know where your manager lives and I'm coming for him"
    assert reason["location"].endswith("small.yaml:14")
    assert r.why.startswith('threats: similar to its example "I know where your manager')
    assert 0.5 <= r.confidence <= 1.0


def test_a_counter_example_vetoes_the_resemblance(small):
    r = small.triage("this burger is killer", MONDAY)
    assert r.scenario == "praise" and r.severity == "low" and not r.escalate
    assert not r.review_reasons
    near = small.examples.nearest(__import__("brandvoice.playbooks.similarity",
                                             fromlist=["embed"]).embed(["this burger is killer"]))
    assert near[0]["threats"].vetoed
    assert r.runner_up == "threats" and "counter-example 'this burger is killer'" in r.why_not


def test_nothing_similar_goes_to_the_default_with_the_nearest_named(small):
    r = small.triage("what colour is the sky on Mars", MONDAY)
    assert r.scenario == "general" and not r.matches
    assert r.why == "no trigger matched and no example was similar enough"
    assert r.runner_up and f"below the {ACCEPT:.2f} needed" in r.why_not


def test_weak_resemblance_to_a_serious_scenario_goes_to_a_person(small, monkeypatch):
    # Thresholds moved so that this message's resemblance to the threats examples (about
    # 0.5) is weak: not enough to choose threats, enough to make a person look.
    from brandvoice.playbooks import triage as triage_module

    monkeypatch.setattr(triage_module, "ACCEPT", 0.9)
    monkeypatch.setattr(triage_module, "OVERRIDE", 0.9)
    monkeypatch.setattr(triage_module, "WEAK", 0.3)
    r = small.triage("the manager was coming out of the shop", MONDAY)
    assert r.scenario == "general"
    assert r.review_reasons and r.review_reasons[0].startswith("resembles threats (0.")
    assert "nearest example" in r.review_reasons[0]
    assert r.severity == "high" and r.escalate and r.handoff
    assert r.respond_by == MONDAY + dt.timedelta(hours=1)
    monkeypatch.setattr(triage_module, "WEAK", 0.8)
    r = small.triage("the manager was coming out of the shop", MONDAY)
    assert (r.scenario, r.severity, r.escalate, r.review_reasons) == ("general", "low",
                                                                      False, [])


# The issue's own reports, with the built-in playbook ---------------------------------------


@pytest.mark.parametrize("text,scenario", [
    ("I'm going to hurt the store manager at your Leeds branch", "threats_abuse"),
    ("I have found out where one of your staff lives", "threats_abuse"),
    ("I am going to set fire to your branch on the high street", "threats_abuse"),
    ("you are a bunch of idiots and I hope you all die", "threats_abuse"),
    ("someone else changed my password and spent the balance on my account",
     "security_account"),
    ("was my order history leaked to a stranger?", "data_breach"),
    ("Buy 10k followers for $5, DM me now", "spam"),
])
def test_the_issue_reports_are_triaged_by_meaning(text, scenario):
    r = triage(text, now=MONDAY)
    assert r.scenario == scenario, r.why
    if scenario != "spam":
        assert r.escalate and r.handoff and r.severity in ("critical", "high")


def test_harmless_violent_idiom_stays_low():
    r = triage("this burger is killer", now=MONDAY)
    assert (r.scenario, r.severity, r.escalate, r.handoff) == ("praise", "low", False, False)


def test_spam_gets_no_reply():
    result = draft("Make $5000 a week from home, click the link in my bio", now=MONDAY,
                   context={"agent": "Jo"})
    assert result.triage.scenario == "spam" and result.triage.do_not_reply
    assert result.drafts == []


# Precedence: severity, then priority, then order ------------------------------------------


def test_priority_lets_an_extending_playbook_win_a_tie(tmp_path):
    write(tmp_path, "bags.yaml", """\
        extends: builtin:default
        scenarios:
          lost_bag:
            severity: normal
            route: logistics
            priority: 10
            triggers:
              - keywords: [bag never arrived, lost bag, luggage]
    """)
    r = triage("my bag never arrived", str(tmp_path / "bags.yaml"), now=MONDAY)
    assert r.scenario == "lost_bag"
    assert r.runner_up == "delivery" and "priority 0 is below lost_bag's 10" in r.why_not
    write(tmp_path, "bags0.yaml", (tmp_path / "bags.yaml").read_text().replace(
        "priority: 10", "priority: 0"))
    assert triage("my bag never arrived", str(tmp_path / "bags0.yaml"),
                  now=MONDAY).scenario == "delivery"


def test_priority_never_beats_severity(tmp_path):
    write(tmp_path, "p.yaml", """\
        extends: builtin:default
        scenarios:
          lost_bag:
            severity: low
            route: logistics
            priority: 1000
            triggers:
              - keywords: [bag]
    """)
    assert triage("I'll sue you over my bag", str(tmp_path / "p.yaml"),
                  now=MONDAY).scenario == "legal_threat"


def test_lint_warns_when_a_scenario_can_never_win(tmp_path):
    path = write(tmp_path, "p.yaml", """\
        extends: builtin:default
        scenarios:
          lost_bag:
            severity: normal
            route: logistics
            triggers:
              - keywords: [my bag never arrived]
            examples:
              - "my bag never arrived"
    """)
    problems = [str(p) for p in lint_playbook(str(path))]
    assert any(p.startswith(f"{path}:9:9: scenarios.lost_bag.examples[0]: example 'my bag "
                            "never arrived' triages to delivery, not lost_bag") for p in problems)
    assert any(f"{path}:3:3: scenarios.lost_bag: none of the 1 examples of lost_bag triages "
               "to it, so it can never win" in p for p in problems)


def test_lint_warns_when_a_trigger_repeats_one_that_takes_precedence(tmp_path):
    path = write(tmp_path, "p.yaml", """\
        playbook: {name: P, default_scenario: a}
        severities: [{id: normal, first_response: 4h, clock: calendar}]
        routes: {care: {name: Care}}
        scenarios:
          a:
            severity: normal
            route: care
            triggers: [{keywords: [refund]}]
          b:
            severity: normal
            route: care
            triggers: [{keywords: [refund]}]
    """)
    problems = lint_playbook(str(path))
    assert [(p.line, p.severity) for p in problems] == [(12, "warning")]
    assert "can never choose b: give b a higher priority" in problems[0].message
    write(tmp_path, "q.yaml", path.read_text().replace(
        "    route: care\n    triggers: [{keywords: [refund]}]\n",
        "    route: care\n    priority: 1\n    triggers: [{keywords: [refund]}]\n", 1)
        .replace("  a:\n    severity: normal\n    route: care\n    priority: 1",
                 "  a:\n    severity: normal\n    route: care"))
    # b with a higher priority: now a's identical trigger is the one that can never win.
    text = (tmp_path / "p.yaml").read_text().replace(
        "  b:\n    severity: normal\n    route: care\n",
        "  b:\n    severity: normal\n    route: care\n    priority: 1\n")
    (tmp_path / "r.yaml").write_text(text)
    problems = lint_playbook(str(tmp_path / "r.yaml"))
    assert triage("refund please", str(tmp_path / "r.yaml"), now=MONDAY).scenario == "b"
    assert problems == []  # a's trigger is listed first, so it is the one kept in mind


def test_lint_self_test_flags_counter_examples_that_still_match(tmp_path):
    path = write(tmp_path, "p.yaml", """\
        extends: builtin:default
        scenarios:
          threats_abuse:
            counter_examples:
              - "f u and your useless app"
    """)
    problems = [p for p in lint_playbook(str(path)) if "counter-example" in p.message]
    assert len(problems) == 1
    assert (problems[0].path, problems[0].line) == (str(path), 5)
    assert "still triages to threats_abuse" in problems[0].message
    assert "keywords 'f u'" in problems[0].message


def test_the_builtin_examples_all_triage_to_their_scenarios():
    pb = load_playbook()
    assert sum(len(s.examples) for s in pb.scenarios.values()) >= 2000
    problems = lint_playbook("builtin:default")
    assert [p for p in problems if p.severity == "error"] == []
    # The training examples in files that a trigger sends to a scenario at least as severe
    # are counted, one warning per file (general's "what time do you open" questions go to
    # product_question, at the same severity).
    assert problems and all(p.severity == "warning" and p.key.endswith(".examples_file")
                            for p in problems)
    # No routine example is sent by a trigger to a scenario that calls a person in for the
    # wrong reason (a bottle that leaked, a journalist friend, "a punch in the gut", "your
    # prices are a steal": tests/test_triage_guards.py), and three files are clean.
    counts = {p.key.split(".")[1]: re.search(r"at least as severe \(([^)]*)\)", p.message)
              for p in problems}
    routine = ("billing", "delivery", "product_question", "praise", "general", "spam")
    for sid in routine:
        found = counts.get(sid)
        went = {kv.split()[0] for kv in found.group(1).split(", ")} if found else set()
        assert went.isdisjoint({"data_breach", "threats_abuse", "press_enquiry",
                                "legal_threat"}), (sid, went)
    # Press files are clean. (Delivery and spam were too until the seventh session's outside
    # writer labelled a refund of a delivery fee delivery and a crypto "recovery" pitch spam:
    # billing and complaint take them, routine either way, asserted above.)
    assert "press_enquiry" not in counts


# Explanations in the outputs ----------------------------------------------------------------


def test_json_output_carries_confidence_and_why(capsys):
    assert main(["triage", "--now", "2026-11-23T12:00:00+00:00", "--format", "json",
                 "the staff were on fire today"]) == 0
    out = json.loads(capsys.readouterr().out)[0]
    assert out["scenario"] == "praise"
    assert {"confidence", "confidence_label", "why", "runner_up", "why_not",
            "review_reasons", "language", "language_covered", "do_not_reply"} <= set(out)
    match = out["matches"][0]
    assert match["source"] == "learned" and match["score"] >= 0.5
    assert match["reasons"][0]["kind"] == "learned"
    assert match["reasons"][0]["probability"] == match["score"]
    assert match["reasons"][0]["location"].startswith("builtin:default")  # its nearest example
    assert out["why"].startswith(f"praise: the learned layer gives it {match['score']:.2f} "
                                 "(words ")


def test_text_output_says_why_and_why_not(capsys):
    assert main(["triage", "--now", "2026-11-23T12:00:00+00:00",
                 "I was hacked and charged twice"]) == 0
    out = capsys.readouterr().out
    assert "(high): security_account: trigger 0 matched (keywords 'hacked')" in out
    assert ("not billing: billing: trigger 0 matched (keywords 'charged twice'), but it is "
            "normal, less severe than security_account (high)") in out


# CLI parity: author and engagement ----------------------------------------------------------


def test_cli_input_reads_author_and_engagement(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    rows = [
        {"id": "vip", "text": "your app is fine I guess", "author": {"followers": 120000}},
        {"id": "viral", "text": "meh", "engagement": {"likes": 900, "shares": 10}},
        {"id": "press", "text": "quick question about your stores",
         "author": {"press": True, "handle": "@reporter"}},
        {"id": "plain", "text": "your app is fine I guess"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["triage", "--input", str(path), "--format", "jsonl",
                 "--now", "2026-11-23T12:00:00+00:00"]) == 0
    out = {d["id"]: d for d in map(json.loads, capsys.readouterr().out.splitlines())}
    assert out["vip"]["scenario"] == "vip_influencer"
    assert out["vip"]["matches"][0]["reasons"] == [{"kind": "author",
                                                    "detail": "120000 followers"}]
    assert out["viral"]["scenario"] == "vip_influencer"
    assert out["viral"]["matches"][0]["reasons"] == [{"kind": "engagement",
                                                      "detail": "900 likes"}]
    assert out["press"]["scenario"] == "press_enquiry"
    assert out["plain"]["scenario"] != "vip_influencer"


@pytest.mark.parametrize("row,message", [
    ({"text": "hi", "author": {"followers": "lots"}},
     "in.jsonl:1: author.followers must be a whole number >= 0, not 'lots'"),
    ({"text": "hi", "author": {"famous": True}},
     "in.jsonl:1: unknown author field 'famous'; allowed: name, handle, followers"),
    ({"text": "hi", "engagement": {"likes": -1}},
     "in.jsonl:1: engagement.likes must be a whole number >= 0, not -1"),
    ({"text": "hi", "author": "vip"}, "in.jsonl:1: 'author' must be an object"),
])
def test_cli_input_bad_author_is_a_located_usage_error(tmp_path, capsys, row, message):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert main(["triage", "--input", str(path), "--now", "2026-11-23T12:00:00+00:00"]) == 2
    assert message in capsys.readouterr().err


def test_message_from_fields_builds_the_author():
    m = message_from_fields("hi", "x", "1", author={"followers": 5, "vip": True},
                            engagement={"replies": 3}, where="row 1")
    assert (m.author.followers, m.author.vip, m.replies, m.id) == (5, True, 3, "1")
    with pytest.raises(UsageError, match=r"row 1: author\.vip must be true or false"):
        message_from_fields("hi", author={"vip": "yes"}, where="row 1")


# Languages ----------------------------------------------------------------------------------


@has_languages
def test_uncovered_language_says_so_and_goes_to_a_person():
    r = triage("荷物がまだ届きません。どうなっていますか？", now=MONDAY)
    assert r.language == "ja" and not r.language_covered
    assert r.scenario == "other_language" and r.handoff and r.escalate
    assert r.severity == "high"
    assert "written in ja, which this playbook does not cover (en)" in r.why
    result = draft(Message("荷物がまだ届きません。どうなっていますか？", "email"), now=MONDAY,
                   context={"agent": "Jo"})
    assert result.drafts == []  # no English reply to a Japanese message


@has_languages
def test_uncovered_language_without_a_language_scenario_still_hands_off(tmp_path):
    path = write(tmp_path, "p.yaml", SMALL)
    r = Triager(str(path)).triage("수하물이 아직 도착하지 않았어요", MONDAY)
    assert r.language == "ko" and not r.language_covered
    assert r.scenario == "general" and r.handoff
    assert "the message is in ko, not in en" in r.handoff_reasons


@has_languages
def test_korean_keyword_matches_with_its_particle(tmp_path):
    path = write(tmp_path, "ko.yaml", """\
        playbook: {name: Ko, default_scenario: general, languages: [ko, en]}
        severities: [{id: normal, first_response: 4h, clock: calendar}]
        routes: {care: {name: Care}}
        scenarios:
          lost_bag:
            severity: normal
            route: care
            triggers: [{keywords: [수하물]}]
          general: {severity: normal, route: care}
    """)
    r = Triager(str(path)).triage("수하물이 아직 도착하지 않았어요", MONDAY)
    assert r.language == "ko" and r.language_covered
    assert r.scenario == "lost_bag"
    assert r.matches[0].reasons[0]["kind"] == "keywords"


@has_languages
def test_a_playbook_covers_the_languages_its_keywords_are_written_in(in_root):
    # A playbook extending the English one with Korean keywords, without declaring its
    # languages, covers both; Korean keywords match with their particles; Japanese still
    # goes to a person.
    text = (in_root / "playbooks" / "hanbit-air-ko.yaml").read_text("utf-8")
    path = in_root / "playbooks" / "_no_languages.yaml"
    path.write_text("\n".join(line for line in text.splitlines()
                              if not line.strip().startswith("languages:")), "utf-8")
    try:
        t = Triager(str(path))
        assert t.playbook.languages == ("en", "ko")
    finally:
        path.unlink()
    r = t.triage("수하물이 아직 도착하지 않았어요", MONDAY)
    assert (r.scenario, r.language, r.language_covered) == ("baggage", "ko", True)
    assert r.matches[0].reasons == [{"kind": "keywords", "words": ["수하물"]}]
    r = t.triage("荷物がまだ届きません", MONDAY)
    assert (r.scenario, r.language_covered) == ("other_language", False)
    assert load_playbook().languages == ("en",)


@has_languages
def test_a_short_latin_message_is_not_called_foreign():
    r = triage("meh", now=MONDAY)
    assert r.language_covered and r.scenario != "other_language"
