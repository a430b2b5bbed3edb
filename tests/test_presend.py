"""Pre-send checks through the real CLI (a subprocess): standard input, blank replies, exit
codes that match docs/checks.md, --min-score, and the lint summary on stdout."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, run_cli

GOOD = "Thanks, Ana! Your parcel ships today."
BAD = "We apologize for any inconvenience. Kindly be advised you should have read the FAQ!!"


def test_dash_reads_the_reply_from_stdin():
    out = run_cli("check", "-", "--format", "json", input=BAD)
    assert out.returncode == 1, out.stderr
    [report] = json.loads(out.stdout)
    assert report["text"] == BAD
    assert "tone.blame" in {f["rule"] for f in report["findings"]}
    out = run_cli("check", "-", input=GOOD + "\n")
    assert out.returncode == 0, out.stderr + out.stdout


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_blank_replies_are_an_error(text):
    out = run_cli("check", text, "--format", "json")
    assert out.returncode == 1, out.stderr
    [report] = json.loads(out.stdout)
    assert report["passed"] is False
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("channel.empty", "error")]
    assert report["findings"][0]["message"].startswith("the reply is empty or only whitespace")
    # From standard input too: an empty pipe is a blank reply, not a pass.
    out = run_cli("check", "-", input=text)
    assert out.returncode == 1 and "channel.empty" in out.stdout


def test_blank_replies_cannot_be_switched_off(tmp_path):
    voice = tmp_path / "v.yaml"
    voice.write_text("voice: {name: V, version: '1'}\nchannel_rules:\n  empty: off\n")
    out = run_cli("lint", "--no-examples", str(voice))
    assert out.returncode == 1
    assert f"{voice}:3:3: channel_rules.empty: unknown key 'empty'" in out.stdout


def test_blank_replies_cannot_be_submitted_for_review(tmp_path):
    db = f"sqlite:///{tmp_path / 'r.db'}"
    out = run_cli("review", "submit", "  ", "--author", "jo", "--db", db)
    assert out.returncode == 2
    assert "the reply is empty or only whitespace" in out.stderr
    out = run_cli("review", "list", "--format", "json", "--db", db)
    assert out.returncode == 0 and json.loads(out.stdout) == []


def test_min_score_fails_a_low_scoring_reply():
    text = "We utilized a new courier, kindly check your inbox."
    out = run_cli("check", text, "--format", "json")
    [report] = json.loads(out.stdout)
    assert out.returncode == 0 and 0 < report["score"] < 100, out.stdout
    out = run_cli("check", text, "--min-score", str(report["score"] + 1), "--format", "json")
    assert out.returncode == 1 and json.loads(out.stdout)[0]["passed"] is False
    out = run_cli("check", text, "--min-score", str(report["score"]))
    assert out.returncode == 0
    out = run_cli("check", text, "--min-score", "101")
    assert out.returncode == 2 and "not a score" in out.stderr


def test_audit_fail_on_sets_the_exit_code(tmp_path):
    src = tmp_path / "replies.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n"
                           for i, t in enumerate([GOOD, BAD, GOOD, BAD, GOOD])))
    out = run_cli("audit", str(src), "--out", str(tmp_path / "a"), "--jobs", "1", "--quiet")
    assert out.returncode == 1, out.stderr
    assert "5 replies audited: 60.0% passed" in out.stdout
    ok = tmp_path / "ok.jsonl"
    ok.write_text(json.dumps({"id": 1, "text": GOOD}) + "\n")
    out = run_cli("audit", str(ok), "--out", str(tmp_path / "b"), "--jobs", "1", "--quiet")
    assert out.returncode == 0, out.stderr
    # A warning fails the run only when --fail-on says so.
    warn = tmp_path / "warn.jsonl"
    warn.write_text(json.dumps({"id": 1, "text": "We utilized a new courier."}) + "\n")
    out = run_cli("audit", str(warn), "--out", str(tmp_path / "c"), "--jobs", "1", "--quiet")
    assert out.returncode == 0, out.stderr
    out = run_cli("audit", str(warn), "--out", str(tmp_path / "d"), "--jobs", "1", "--quiet",
                  "--fail-on", "warning")
    assert out.returncode == 1, out.stderr


def test_lint_summary_goes_to_stdout():
    out = run_cli("lint", "--no-examples", str(ROOT / "voices"))
    assert out.returncode == 0, out.stderr
    n = len(list((ROOT / "voices").glob("*.yaml")))
    assert out.stdout == f"{n} files linted, 0 errors, 0 warnings\n"
    assert out.stderr == ""
