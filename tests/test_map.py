"""The map in CONTRIBUTING.md holds: a rule named <check>.<rule> is one hop from its code
(brandvoice/checks/<check>.py), its YAML key (<section>.rules.<rule>, or channel_rules.<rule>),
its docs (docs/checks.md and docs/voice-reference.md) and its tests
(tests/fixtures/findings/<category>.yaml)."""

from __future__ import annotations

import inspect

import pytest
from conftest import FIXTURES, ROOT

from brandvoice.config.schema import Record
from brandvoice.plugins.manager import checks
from brandvoice.voice import voice_schema

CHECKS_DOC = (ROOT / "docs" / "checks.md").read_text("utf-8")
REFERENCE = (ROOT / "docs" / "voice-reference.md").read_text("utf-8")
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
RULES = [(check, rule) for check in checks() for rule in check.rules]
# Rules a voice cannot switch off, so they have no YAML key.
ALWAYS_ON = {"channel.empty"}


def _rules_key(check) -> str:
    # The channel check's settings are per channel; its severities have their own section.
    return "channel_rules" if check.name == "channel" else f"{check.section}.rules"


@pytest.mark.parametrize("check,rule", RULES, ids=[f"{c.name}.{r}" for c, r in RULES])
def test_a_rule_is_one_hop_from_its_code_key_docs_and_tests(check, rule):
    module = inspect.getfile(type(check))
    assert module == str(ROOT / "brandvoice" / "checks" / f"{check.name}.py")
    assert f"| `{check.name}.{rule}` |" in CHECKS_DOC
    assert (FIXTURES / "findings" / f"{check.category}.yaml").is_file()
    if f"{check.name}.{rule}" in ALWAYS_ON:
        return
    schema = voice_schema()
    section, *rest = _rules_key(check).split(".")
    node = schema.fields[section].type
    for part in rest:
        assert isinstance(node, Record)
        node = node.fields[part].type
    assert isinstance(node, Record) and rule in node.fields, f"{_rules_key(check)}.{rule}"
    assert f"| `{_rules_key(check)}.{rule}` |" in REFERENCE


def test_every_subpackage_is_on_the_map():
    packages = sorted(p.name for p in (ROOT / "brandvoice").iterdir()
                      if (p / "__init__.py").is_file())
    missing = [p for p in packages if f"`{p}/`" not in CONTRIBUTING]
    assert not missing, f"add these to the map in CONTRIBUTING.md: {missing}"
