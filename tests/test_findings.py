"""Whole-finding fixtures: tests/fixtures/findings/<category>.yaml lists replies with every
finding of that category in full (rule, severity, message, line, column, the text it covers,
suggestion and the voice line that defined the rule). Every rule of every built-in check has
at least one, here or (rules that need a Korean or Spanish voice) in tests/fixtures/languages. tests/test_checks.py keeps the broader rule-and-text cases."""

from __future__ import annotations

import pytest
import yaml
from conftest import FIXTURES, ROOT

from brandvoice import Checker
from brandvoice.analysis.reply import Image, Scenario
from brandvoice.checks.engine import Item
from brandvoice.findings import CATEGORIES
from brandvoice.plugins.manager import checks

FINDINGS = FIXTURES / "findings"
# Rules whose input a YAML fixture cannot hold, and where they are tested instead.
ELSEWHERE = {
    "channel.encoding": "tests/test_hostile_input.py (lone surrogates)",
    "channel.too_large": "tests/test_hostile_input.py (a reply over 100,000 characters)",
}


@pytest.fixture(scope="module")
def checker():
    return Checker(FINDINGS / "voice.yaml")


def _load(category):
    doc = yaml.safe_load((FINDINGS / f"{category}.yaml").read_text("utf-8"))
    assert doc["category"] == category
    return doc["cases"]


def _cases():
    for category in CATEGORIES:
        for i, case in enumerate(_load(category)):
            yield pytest.param(category, case, id=f"{category}-{i}")


@pytest.mark.parametrize("category,case", list(_cases()))
def test_whole_findings(category, case, checker):
    scenario = Scenario(**case["scenario"]) if "scenario" in case else None
    images = tuple(Image(alt) for alt in case.get("images", []))
    [report] = checker.check_many([Item(case["text"], case.get("channel", "x"),
                                        scenario=scenario, images=images)])
    prefix = f"{ROOT}/"
    got = [{"rule": f.rule, "severity": f.severity, "line": f.line, "column": f.column,
            "text": case["text"][f.start:f.end], "message": f.message,
            "suggestion": f.suggestion, "source": f.source.replace(prefix, "")}
           for f in report.findings if f.category == category]
    assert got == case["findings"]


def _language_pack_rules() -> set[str]:
    """Rules the language-pack fixtures (tests/fixtures/languages, run by test_languages.py)
    assert in full: rule, severity, message, position and suggestion."""
    found = set()
    for path in (FIXTURES / "languages").glob("*.yaml"):
        for case in yaml.safe_load(path.read_text("utf-8")).get("cases", []):
            found |= {f["rule"] for f in case.get("findings", [])
                      if {"severity", "message", "suggestion"} <= set(f)}
    return found


def test_every_rule_has_a_whole_finding_fixture():
    fixtured = {f["rule"] for category in CATEGORIES for case in _load(category)
                for f in case["findings"]} | _language_pack_rules()
    rules = {f"{check.name}.{rule}" for check in checks() for rule in check.rules}
    assert rules - fixtured == set(ELSEWHERE)
