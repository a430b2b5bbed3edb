"""The engine: reports, scores, determinism, batching, and what importing costs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from brandvoice import Checker, Item, UsageError, check
from brandvoice.findings import Finding, Report

REPLIES = [
    "@ana Sorry about the wait, Ana! We've sent a new one. -Jo",
    "We apologize for any inconvenience. You should have read the FAQ!!",
    "Kindly be advised that your request has been received.",
    "Hey guys, call 07700 900123 or email ana@gmail.com 😂😂😂",
    "",
]


def _finding(severity: str) -> Finding:
    return Finding(rule="tone.blame", category="tone", severity=severity, message="m",
                   start=0, end=1, line=1, column=1)


@pytest.mark.parametrize("severities,score", [
    ([], 100),
    (["info"], 98),                              # error 25, warning 8, info 2 (docs/checks.md)
    (["error", "warning", "info"], 65),
    (["warning"] * 12, 4),
    (["error"] * 4, 0),
    (["error"] * 5, 0),                          # floored at 0, not negative
])
def test_score_is_100_less_the_documented_penalties(severities, score):
    assert Report("t", "x", [_finding(s) for s in severities]).score == score


def test_check_returns_report_with_score_and_verdict(checker):
    report = checker.check(REPLIES[1], "x")
    assert not report.passed and "tone.blame" in report.rules()  # an error fails the reply
    assert report.score < 100
    clean = checker.check(REPLIES[0], "x")
    assert clean.passed and clean.score == 100 and clean.findings == []


def test_fail_on_levels():
    text = "We apologize for any inconvenience."  # one warning
    assert Checker(fail_on="error").check(text).passed
    assert not Checker(fail_on="warning").check(text).passed
    with pytest.raises(UsageError, match="fail_on must be one of"):
        Checker(fail_on="fatal")


def test_check_many_matches_check_and_keeps_order(checker):
    items = [Item(t, "x", id=str(i)) for i, t in enumerate(REPLIES)]
    many = [r.to_dict() for r in checker.check_many(items, batch_size=2)]
    one = [checker.check(t, "x", id=str(i)).to_dict() for i, t in enumerate(REPLIES)]
    assert many == one
    assert [r["id"] for r in many] == ["0", "1", "2", "3", "4"]


def test_deterministic_across_processes():
    code = ("import json, brandvoice; c = brandvoice.Checker(); "
            f"print(json.dumps([r.to_dict() for r in c.check_many({REPLIES!r})]))")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
            for seed in ("1", "2")]
    assert runs[0] == runs[1]
    assert len(json.loads(runs[0])) == len(REPLIES)


def test_unknown_channel_is_a_usage_error(checker):
    with pytest.raises(UsageError, match="unknown channel 'myspace'; this voice defines: "):
        checker.check("hi", "myspace")


def test_non_string_text_is_a_usage_error(checker):
    with pytest.raises(UsageError, match="must be a string"):
        list(checker.check_many([Item(42)]))  # type: ignore[arg-type]


def test_module_level_check_caches_checker():
    first = check("Thanks!")
    second = check("We apologize for any inconvenience.")
    assert first.passed and second.rules() == {"tone.boilerplate"}


def test_import_does_not_load_spacy_or_textstat():
    code = ("import sys, brandvoice; brandvoice.__version__; "
            "print(sorted(m for m in ('spacy', 'textstat', 'nltk', 'jinja2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_api_is_listed():
    import brandvoice

    for name in brandvoice.__all__:
        assert getattr(brandvoice, name) is not None
    with pytest.raises(AttributeError):
        brandvoice.not_a_thing  # noqa: B018


def test_voice_hash_changes_with_content(tmp_path):
    from brandvoice import load_voice

    a = tmp_path / "a.yaml"
    a.write_text("voice: {name: A}\n")
    h1 = load_voice(a).sha256
    assert load_voice(a).sha256 == h1
    a.write_text("voice: {name: A}\ntone: {warmth: {min: 0.5}}\n")
    assert load_voice(a).sha256 != h1


def test_voices_with_the_same_terms_share_a_matcher_but_keep_their_own_rules(tmp_path):
    from brandvoice import load_voice
    from brandvoice.analysis.terms import _phrase_matchers

    # The same banned word, defined on different lines of two files.
    first = tmp_path / "first.yaml"
    first.write_text("voice: {name: First}\nvocabulary:\n  banned:\n    cheap: {replacement: "
                     "good value}\n")
    second = tmp_path / "second.yaml"
    second.write_text("voice: {name: Second}\n# a comment\n\nvocabulary:\n  banned:\n"
                      "    cheap: {replacement: good value, severity: warning}\n")
    text = "Our cheap boxes ship today."
    before = _phrase_matchers.hits
    a = Checker(load_voice(first)).check(text)
    b = Checker(load_voice(second)).check(text)
    assert _phrase_matchers.hits > before  # the second voice reused the first one's matchers
    [fa] = [f for f in a.findings if f.rule == "vocabulary.banned"]
    [fb] = [f for f in b.findings if f.rule == "vocabulary.banned"]
    assert (fa.severity, fa.source) == ("error", f"{first}:4")
    assert (fb.severity, fb.source) == ("warning", f"{second}:6")
