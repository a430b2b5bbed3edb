"""Hostile patterns and hostile text: user regexes are time-bounded everywhere and lint flags
catastrophic ones in voices as in playbooks; lone surrogates, oversized replies and padded
messages end in findings or fail-safe triage, never in an internal error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from brandvoice import Checker
from brandvoice.checks.channel import x_length, x_urls
from brandvoice.playbooks.triage import MAX_TRIAGE_CHARS, Triager
from brandvoice.voice import load_voice

REDOS = "^(a|a)*$"


@pytest.fixture
def redos_voice(tmp_path: Path) -> Path:
    text = (ROOT / "voices" / "crumbly.yaml").read_text(encoding="utf-8")
    text = text.replace("channels:\n  x:\n", "channels:\n  x:\n"
                        f"    sign_off_pattern: '{REDOS}'\n"
                        "    greeting_pattern: '(\\w+\\s?)+$'\n", 1)
    text = text.replace("    order number: '\\bCR-\\d{6}\\b'\n",
                        "    order number: '(\\d+)+$'\n", 1)
    path = tmp_path / "redos.yaml"
    path.write_text(text.replace("../schemas/", str(ROOT / "schemas") + "/"), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return path.read_text(encoding="utf-8").split(needle)[0].count("\n") + 1


@pytest.mark.timeout(120)
def test_voice_lint_flags_catastrophic_patterns(redos_voice):
    out = run_cli("lint", str(redos_voice), "--no-examples")
    assert out.returncode == 1
    for key, needle in (("channels.x.sign_off_pattern", "sign_off_pattern"),
                        ("channels.x.greeting_pattern", "greeting_pattern"),
                        ("privacy.account_patterns.order number", "order number:")):
        line = _line_of(redos_voice, needle)
        assert f"{redos_voice}:{line}:" in out.stdout and key in out.stdout, out.stdout
    assert out.stdout.count("backtracks catastrophically") == 3


@pytest.mark.timeout(120)
def test_redos_patterns_are_stopped_and_reported_not_crashed(redos_voice):
    report = Checker(load_voice(str(redos_voice))).check("a" * 28 + "! " + "1" * 3000 + "!",
                                                         "x")
    by_rule = {f.rule: f for f in report.findings}
    sign_off = by_rule["channel.sign_off"]
    assert sign_off.severity == "warning"
    assert sign_off.message.startswith("the sign-off pattern timed out on this reply")
    assert sign_off.source == f"{redos_voice}:{_line_of(redos_voice, 'sign_off_pattern')}"
    account = by_rule["privacy.account_number"]
    assert account.message.startswith("the order number pattern timed out on this reply")
    # Through the real CLI: a finding and exit 1, never exit 3.
    out = run_cli("check", "--voice", str(redos_voice), "--channel", "x", "--format", "json",
                  "1" * 3000 + "!")
    assert out.returncode == 1, out.stderr
    rules = {f["rule"] for f in json.loads(out.stdout)["results"][0]["findings"]} \
        if "results" in json.loads(out.stdout) else \
        {f["rule"] for r in json.loads(out.stdout) for f in r["findings"]}
    assert "privacy.account_number" in rules


def test_lone_surrogates_are_reported_not_crashed(checker):
    report = checker.check("Sorry about that \ud83d we're on it. -Jo", "x")
    finding = next(f for f in report.findings if f.rule == "channel.encoding")
    assert (finding.severity, finding.column) == ("error", 18)
    assert "1 lone surrogate(s)" in finding.message and not report.passed
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")


def test_lone_surrogates_through_the_cli(tmp_path):
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text('{"text": "Sorry \\ud83d we are on it. -Jo"}\n', encoding="utf-8")
    out = run_cli("check", "--input", str(jsonl), "--format", "json")
    assert out.returncode == 1 and "channel.encoding" in out.stdout, out.stderr
    db = tmp_path / "r.db"
    # Invalid UTF-8 bytes on the command line arrive as lone surrogates (surrogateescape).
    import subprocess
    import sys

    for command in (["triage", "--format", "json"], ["draft", "--format", "json"]):
        proc = subprocess.run([sys.executable, "-m", "brandvoice", *command,
                               b"my box \xff never arrived"], capture_output=True, timeout=120, check=False)
        assert proc.returncode in (0, 1), proc.stderr
        json.loads(proc.stdout)

    proc = subprocess.run([sys.executable, "-m", "brandvoice", "review", "submit", "--db",
                           str(db), "--author", "jo", b"Sorry \xff we are on it. -Jo"],
                          capture_output=True, timeout=120, check=False)
    assert proc.returncode == 2, proc.stderr
    assert b"is a lone surrogate" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "brandvoice", "check", "--format", "json",
                           b"Sorry \xff we are on it. -Jo"], capture_output=True, timeout=120, check=False)
    assert proc.returncode == 1 and b"channel.encoding" in proc.stdout, proc.stderr


def test_oversized_replies_are_a_finding(checker):
    report = checker.check("a" * 1_000_001, "x")
    assert [(f.rule, f.severity) for f in report.findings] == [("channel.too_large", "error")]
    assert "1,000,001 characters" in report.findings[0].message


def test_padding_cannot_hide_a_safety_message():
    triager = Triager()
    result = triager.triage("lol " * 150_000 + "my son choked on a piece of glass in the bar")
    assert result.scenario == "safety_injury"
    assert result.handoff
    assert any(f"over {MAX_TRIAGE_CHARS:,}" in r for r in result.handoff_reasons)


def test_a_pattern_timeout_fails_safe(tmp_path):
    folder = tmp_path / "pb"
    shutil.copytree(ROOT / "playbooks", folder)
    shutil.copytree(ROOT / "voices", tmp_path / "voices")
    path = folder / "crumbly-care.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    triggers:\n      - keywords: [allergy,",
                        "    triggers:\n      - patterns: ['(a|a)*$']\n      - keywords: [allergy,",
                        1)
    path.write_text(text, encoding="utf-8")
    result = Triager(str(path)).triage("a" * 40 + "! thanks")
    assert result.scenario == "allergy" and result.handoff
    assert any("timed out; counted as a match" in w for w in result.warnings)
    assert result.matches[0].reasons[0]["kind"] == "pattern_timeout"


@pytest.mark.timeout(60)
def test_long_hangul_runs_cannot_stall_the_korean_pack(checker):
    # A Korean phrase pattern that opens with [가-힣]+ rescanned a run from every position:
    # 80,000 syllables without a space took 84 s. Runs are now broken for the pack's patterns
    # and for Kiwi, with offsets unchanged, so a request after the padding is still found
    # where it is.
    padding = "가나다라" * 24_000
    text = f"{padding} 카드번호를 댓글로 남겨 주세요"
    report = checker.check(text, "x")
    request = next(f for f in report.findings if f.rule == "privacy.data_request")
    assert text[request.start:].startswith("카드번호"), request


@pytest.mark.timeout(60)
def test_a_long_run_with_hangul_cannot_stall_triage():
    # Kiwi's time grows with the square of a run without spaces (1.5 million characters:
    # minutes): triage reads its window, and Kiwi gets the runs broken up.
    triager = Triager(str(ROOT / "playbooks" / "hanbit-air-ko.yaml"))
    result = triager.triage("가" + "A" * 500_000 + " 수하물이 아직 안 나왔어요")
    assert result.scenario != "general", result.to_dict()


# Replies built to make a per-match scan of the whole reply quadratic: many "he"s after a
# generic person, many capitalised codes, many emoji, many matches in one endless sentence,
# many card or phone numbers. Each took 2.5-176 s at about 50,000 characters before the
# scans were bounded to the sentence around the match (at most 200 characters each way).
QUADRATIC_BAIT = {
    "generic_he": ("A customer " + "he " * 16_000, "inclusive.generic_he"),
    "capitals": ("booking ref AB12CD " * 2_700, None),
    "emoji": ("the 😂 and " * 5_000, "accessibility.emoji_between_words"),
    "told": ("you were told " * 3_500, None),
    "link_text": ("find it here https://x.co/a " * 1_800, None),
    "click_here": ("click here " * 5_000, "accessibility.link_text"),
    "card_numbers": ("card 4111 1111 1111 1111 " * 2_000, "privacy.card_number"),
}


@pytest.mark.timeout(60)
def test_replies_of_repeated_matches_are_checked_in_linear_time(checker):
    for name, (text, rule) in QUADRATIC_BAIT.items():
        report = checker.check(text, "x")
        assert report.findings, name
        if rule is not None:
            assert rule in report.rules(), (name, sorted(report.rules()))


# Runs of dotted labels that end in no known top-level domain: X's URL pattern tried every
# number of labels from every start (cubic: 8 s for one run of 8,000 characters, 204 s for
# 20,000; "https://" and 50,000 characters never ended). Runs under 4,000 characters (the
# longest run without a space still scanned for URLs: 0.8 s each before, so 100 of them
# outlast the timeout) and runs beyond it.
DOTTED_BAIT = {
    "short_runs": "Thanks! " + ("a." * 1_990 + "zz@ ") * 100,
    "long_run": "https://" + "a." * 25_000,
    "long_run_before_an_at": "Thanks! " + "a." * 10_000 + "zz@",
}


@pytest.mark.timeout(60)
def test_dotted_runs_cannot_stall_x_counting(checker):
    url = "https://example.com/help"
    for name, bait in DOTTED_BAIT.items():
        text = f"See {url} {bait}"
        # No URL in the bait: the real one is found and counts 23, the rest as written.
        assert x_urls(text) == [(4, 4 + len(url))], name
        assert x_length(text) == len(text) - len(url) + 23, name
        # The checker takes up to 100,000 characters (beyond: channel.too_large).
        report = checker.check(text[:99_000], "x")
        assert "channel.length" in report.rules(), (name, sorted(report.rules()))


@pytest.mark.timeout(20)
def test_a_sentence_of_repeated_notice_words_cannot_stall_the_korean_pack(checker):
    # The "메일에 ... 적혀 있었어요" blame pattern looked back over the whole sentence from every
    # position: 8 s at 40,000 characters, about 45 s at this length; bounded, about 1 s.
    report = checker.check("메일에 " * 24_000, "x")
    assert "channel.length" in report.rules(), sorted(report.rules())
