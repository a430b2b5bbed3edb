"""Data-driven tests for every check category: tests/fixtures/checks/<category>.yaml lists
replies with the exact findings of that category expected (rule and the text each covers),
including clean replies that must produce none."""

from __future__ import annotations

import pytest
import yaml
from conftest import FIXTURES

from brandvoice import Checker
from brandvoice.findings import CATEGORIES

CHECKS = FIXTURES / "checks"


@pytest.fixture(scope="module")
def fixture_checker():
    return Checker(CHECKS / "voice.yaml")


def _cases():
    for category in CATEGORIES:
        doc = yaml.safe_load((CHECKS / f"{category}.yaml").read_text("utf-8"))
        assert doc["category"] == category
        for i, case in enumerate(doc["cases"]):
            yield pytest.param(category, case, id=f"{category}-{i}")


@pytest.mark.parametrize("category,case", list(_cases()))
def test_fixture(category, case, fixture_checker):
    report = fixture_checker.check(case["text"], case.get("channel", "x"))
    got = [[f.rule, case["text"][f.start:f.end]] for f in report.findings
           if f.category == category]
    assert sorted(got) == sorted(case["findings"]), report.findings
    if "suggestions" in case:
        assert [f.suggestion for f in report.findings if f.category == category] == \
            case["suggestions"]


def test_every_category_has_clean_and_dirty_cases():
    for category in CATEGORIES:
        cases = yaml.safe_load((CHECKS / f"{category}.yaml").read_text("utf-8"))["cases"]
        assert any(not c["findings"] for c in cases), category
        assert any(c["findings"] for c in cases), category


def test_findings_carry_positions_and_sources(fixture_checker):
    text = "Line one is fine.\nWe utilized it and it's cheap."
    report = fixture_checker.check(text, "x")
    by_rule = {f.rule: f for f in report.findings}
    banned = by_rule["vocabulary.banned"]
    assert (banned.line, banned.column) == (2, 25)
    assert text[banned.start:banned.end] == "cheap"
    assert banned.suggestion == "good value"
    assert banned.source.endswith("tests/fixtures/checks/voice.yaml:12")
    preferred = by_rule["vocabulary.preferred"]
    assert preferred.source == "builtin"  # the plain-language list of the built-in voice
    assert (preferred.line, preferred.column, preferred.suggestion) == (2, 4, "used")


def test_scenario_aware_tone(fixture_checker):
    from brandvoice import Scenario

    crisis = Scenario("safety", severity_rank=0, crisis=True, complaint=True)
    light = fixture_checker.check("Oops, haha 😅 we will look into it.", "x", scenario=crisis)
    rules = [f.rule for f in light.findings]
    assert rules.count("tone.crisis_levity") == 3  # oops, haha, the emoji
    assert "tone.no_acknowledgement" in rules
    serious = fixture_checker.check("We're so sorry. We are looking into this now and will "
                                    "call you within the hour.", "x", scenario=crisis)
    assert not {"tone.crisis_levity", "tone.no_acknowledgement"} & serious.rules()
    plain = fixture_checker.check("Oops, haha 😅 we will look into it.", "x")
    assert "tone.crisis_levity" not in plain.rules()


def test_alt_text(fixture_checker):
    from brandvoice import Image

    report = fixture_checker.check("Our new flavour is here.", "instagram",
                                   images=[Image(None), Image("A" * 150), Image("A bag")])
    assert sorted(f.rule for f in report.findings if f.category == "accessibility") == [
        "accessibility.alt_text_long", "accessibility.alt_text_missing"]


def test_inclusive_allow_covers_each_vocative_word_and_findings_point_at_the_voice(tmp_path):
    voice = tmp_path / "v.yaml"
    voice.write_text("voice: {name: T}\ninclusive:\n  allow: [ladies]\n  rules: {term: error}\n",
                     encoding="utf-8")
    findings = Checker(str(voice)).check("Morning ladies! Thanks lads.", "x").findings
    assert [(f.rule, f.severity, f.column, f.source) for f in findings] == \
        [("inclusive.term", "error", 24, f"{voice}:4")]


def test_a_swap_that_cannot_follow_the_article_says_so(fixture_checker):
    report = fixture_checker.check("Thanks for the additional details.", "x")
    (finding,) = [f for f in report.findings if f.category == "vocabulary"]
    assert finding.suggestion is None
    assert finding.message == ("prefer 'more' to 'additional' (plain language); reword it: "
                               "'more' does not fit after 'the'")
