"""The term-list rule type that tone, vocabulary and inclusive share: a term validates
itself, suggestions take the matched form, and every finding points at the YAML line that
defined its term."""

from __future__ import annotations

import pytest

from brandvoice import Checker, load_voice
from brandvoice.checks.termlist import Term


def test_a_term_names_itself_when_its_message_uses_an_unknown_field():
    with pytest.raises(ValueError, match=r"term 'cheap' of vocabulary.banned \(v.yaml:3\): "
                                         r"message uses \['replacment'\]"):
        Term("vocabulary.banned", "error", "say {replacment!r}", "cheap", "v.yaml:3")


@pytest.mark.parametrize("kwargs,error", [
    ({"rule": "banned"}, "a rule is named check.rule"),
    ({"severity": "fatal"}, "severity 'fatal'; use one of error, warning, info"),
    ({"suggest": "guess"}, "suggest='guess'; use one of fixed, inflect, case"),
    ({"message": "{text!r} is {"}, "is not a valid template"),
])
def test_a_bad_term_is_refused(kwargs, error):
    args = {"rule": "vocabulary.banned", "severity": "error", "message": "{text!r}",
            "term": "cheap", **kwargs}
    with pytest.raises(ValueError, match=error.replace("(", r"\(").replace(")", r"\)")):
        Term(**args)


@pytest.mark.parametrize("suggest,replacement,matched,expected", [
    ("inflect", "use", "utilized", "used"),
    ("inflect", "use", "Utilizing", "Using"),
    ("inflect", None, "utilized", None),
    ("fixed", "Hi", "dear customer", "Hi"),
    ("fixed", "", "simply", ""),
    ("case", "you all", "You guys", "You all"),
    ("case", "you all", "you guys", "you all"),
])
def test_suggestion_modes(suggest, replacement, matched, expected):
    term = Term("x.y", "warning", "{text!r}", "utilize" if suggest == "inflect" else matched,
                replacement=replacement, suggest=suggest)
    assert term.suggestion_for(matched) == expected


def test_findings_of_all_three_checks_point_at_the_line_that_defined_the_term(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text("voice: {name: Acme}\n"
                    "tone:\n  boilerplate: [we value your feedback]\n"
                    "vocabulary:\n  banned:\n    cheap: {replacement: affordable, reason: "
                    "Sounds low quality.}\n"
                    "  products: [CrumbleBox]\n"
                    "inclusive:\n  terms:\n    ninja: {suggestion: expert}\n")
    report = Checker(load_voice(path)).check(
        "Hi Sam, we value your feedback: our cheapest Crumble Box ninjas ship today. -Jo")
    assert [(f.rule, f.severity, f.message, f.suggestion, f.source, f.line, f.column)
            for f in report.findings if f.rule in ("tone.boilerplate", "vocabulary.banned",
                                                    "vocabulary.product_name",
                                                    "inclusive.term")] == [
        ("tone.boilerplate", "warning",
         ("'we value your feedback' is stock corporate phrasing; say plainly what happened and "
         "what you will do"), None, f"{path}:3", 1, 9),
        ("vocabulary.product_name", "warning",
         "write the product name as 'CrumbleBox', not 'Crumble Box'", "CrumbleBox",
         f"{path}:7", 1, 46),
        ("inclusive.term", "warning",
         "'ninjas' may exclude or hurt people; consider 'experts'", "experts",
         f"{path}:10", 1, 58),
    ]


def test_a_substitution_keeps_the_form_and_reason(tmp_path):
    path = tmp_path / "v.yaml"
    # The built-in voice prefers "use" to "utilize" for plain language: the reason is kept,
    # the line is this file's.
    path.write_text("voice: {name: Acme}\nvocabulary:\n  banned:\n"
                    "    cheap: {replacement: affordable, reason: Sounds low quality.}\n"
                    "  preferred:\n    use: {instead_of: [utilize]}\n")
    report = Checker(load_voice(path)).check("Hi Sam, we utilized a cheap box. -Jo")
    found = [(f.rule, f.severity, f.message, f.suggestion, f.source, f.start, f.end)
             for f in report.findings if f.category == "vocabulary"]
    assert found == [
        ("vocabulary.preferred", "warning",
         "prefer 'used' to 'utilized' (plain language)", "used",
         f"{path}:6", 11, 19),
        ("vocabulary.banned", "error",
         "'cheap' is banned in this voice; say 'affordable' (Sounds low quality.)",
         "affordable", f"{path}:4", 22, 27),
    ]
