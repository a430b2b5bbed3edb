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


# Streams: good results before a bad line are kept; bad lines can be skipped and counted ----


def _rows(n: int) -> str:
    return "".join(json.dumps({"id": f"r{i}", "text": GOOD}) + "\n" for i in range(n))


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_a_bad_line_keeps_every_result_before_it(tmp_path, fmt):
    src = tmp_path / "in.jsonl"
    src.write_text(_rows(30) + "{oops\n" + _rows(2))
    out = run_cli("check", "--input", str(src), "--format", fmt)
    assert out.returncode == 2
    results = ([json.loads(x) for x in out.stdout.splitlines()] if fmt == "jsonl"
               else json.loads(out.stdout))
    assert [r["id"] for r in results] == [f"r{i}" for i in range(30)]
    assert out.stderr.strip() == (f"brandvoice: error: {src}:31:2: invalid JSON (Expecting "
                                  "property name enclosed in double quotes); each line must be "
                                  'an object like {"id": 1, "text": "..."}')


def test_skip_bad_lines_reports_and_counts_them(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(_rows(3) + "{oops\n" + '{"body": "no text"}\n'
                   + json.dumps({"id": "x", "text": GOOD, "channel": "myspace"}) + "\n"
                   + _rows(2))
    out = run_cli("check", "--input", str(src), "--format", "jsonl", "--skip-bad-lines")
    assert out.returncode == 0, out.stderr
    assert [json.loads(x)["id"] for x in out.stdout.splitlines()] == ["r0", "r1", "r2", "r0",
                                                                      "r1"]
    err = out.stderr.splitlines()
    assert err[0].startswith(f"{src}:4:2: invalid JSON")
    assert err[1] == (f"{src}:5:1: each line must be a JSON object with a string 'text'; "
                      "skipped (--skip-bad-lines)")
    assert err[2].startswith(f"{src}:6:1: unknown channel 'myspace'; this voice defines: ")
    assert err[3] == "brandvoice: 3 bad lines skipped"


def test_unknown_channel_in_a_row_names_the_file_and_line(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(f'id,text,channel\n1,"{GOOD}",x\n2,"{GOOD}",myspace\n')
    out = run_cli("check", "--input", str(src), "--format", "jsonl")
    assert out.returncode == 2
    assert [json.loads(x)["id"] for x in out.stdout.splitlines()] == ["1"]
    assert f"{src}:3:1: unknown channel 'myspace'; this voice defines: " in out.stderr


# SARIF 2.1.0, validated against the official OASIS schema (tests/fixtures/sarif) ----------


def _sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "tests" / "fixtures" / "sarif" / "sarif-schema-2.1.0.json")
                        .read_text("utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def _regions(doc):
    return [(r["ruleId"], r["locations"][0]["physicalLocation"].get("artifactLocation",
                                                                    {}).get("uri"),
             r["locations"][0]["physicalLocation"]["region"]) for r in doc["runs"][0]["results"]]


def test_sarif_for_a_reply_given_as_an_argument_has_locations():
    validator = _sarif_validator()
    out = run_cli("check", BAD, "--format", "sarif")
    assert out.returncode == 1
    doc = json.loads(out.stdout)
    validator.validate(doc)
    start = BAD.index("you should have read")
    assert ("tone.blame", "brandvoice:argument", {"startLine": 1, "startColumn": start + 1,
                                                  "endLine": 1, "endColumn": start + 21}
            ) in _regions(doc)
    out = run_cli("check", "-", "--format", "sarif", input=BAD)
    doc = json.loads(out.stdout)
    validator.validate(doc)
    assert {uri for _r, uri, _g in _regions(doc)} == {"brandvoice:stdin"}
    out = run_cli("check", "--input", "-", "--format", "sarif", input=f"{GOOD}\n{BAD}\n")
    doc = json.loads(out.stdout)
    validator.validate(doc)
    assert ("tone.blame", "brandvoice:stdin", {"startLine": 2, "startColumn": start + 1,
                                               "endLine": 2, "endColumn": start + 21}
            ) in _regions(doc)


def test_sarif_for_files_and_rows(tmp_path):
    validator = _sarif_validator()
    md = tmp_path / "reply.md"
    md.write_text(f"{GOOD}\n\n{BAD}\n")
    out = run_cli("check", "--file", str(md), "--format", "sarif")
    assert out.returncode == 1
    doc = json.loads(out.stdout)
    validator.validate(doc)
    start = BAD.index("you should have read")
    assert ("tone.blame", str(md), {"startLine": 3, "startColumn": start + 1, "endLine": 3,
                                    "endColumn": start + 21}) in _regions(doc)
    rows = tmp_path / "rows.jsonl"
    rows.write_text(_rows(2) + json.dumps({"id": "b", "text": BAD}) + "\n")
    doc = json.loads(run_cli("check", "--input", str(rows), "--format", "sarif").stdout)
    validator.validate(doc)
    # A JSONL row gives its line; a column inside the JSON string would mislead.
    assert ("tone.blame", str(rows), {"startLine": 3}) in _regions(doc)


def test_sarif_validation_catches_a_broken_log():
    validator = _sarif_validator()
    doc = json.loads(run_cli("check", BAD, "--format", "sarif").stdout)
    doc["runs"][0]["results"][0]["level"] = "fatal"
    assert not validator.is_valid(doc)


def test_one_file_one_reply(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.md"
    good.write_text(GOOD + "\n")
    bad.write_text("# Draft\n\n" + BAD + "\n")
    out = run_cli("check", "--file", str(good), str(bad), "--format", "json")
    assert out.returncode == 1
    results = json.loads(out.stdout)
    assert [(r["input_path"], r["passed"]) for r in results] == [(str(good), True),
                                                                 (str(bad), False)]
    out = run_cli("check", "--file", str(good), "--format", "github")
    assert out.returncode == 0 and out.stdout == ""
    out = run_cli("check", "--file", str(bad), "--format", "github")
    assert f"::error file={bad},line=3,col=" in out.stdout
    out = run_cli("check", "--file", str(tmp_path / "nope.txt"))
    assert out.returncode == 2 and "nope.txt: no such file" in out.stderr


# Playbook-aware checks ---------------------------------------------------------------------

PLAYBOOK = str(ROOT / "playbooks" / "crumbly-care.yaml")
UNSAFE = "@sam So sorry! Don't worry, it's safe, the cookies are nut-free. -Kai"


def test_check_with_a_playbook_and_the_customer_message_applies_never_say():
    plain = run_cli("check", "--voice", str(ROOT / "voices" / "crumbly.yaml"), UNSAFE,
                    "--format", "json")
    assert plain.returncode == 0
    assert "vocabulary.never_say" not in plain.stdout
    out = run_cli("check", "--playbook", PLAYBOOK, "--message",
                  "My daughter has a nut allergy, do these contain nuts?", UNSAFE,
                  "--format", "json")
    assert out.returncode == 1, out.stderr
    [report] = json.loads(out.stdout)
    assert report["scenario"] == "allergy"
    said = [(f["rule"], UNSAFE[f["start"]:f["end"]], f["source"]) for f in report["findings"]
            if f["rule"] == "vocabulary.never_say"]
    assert said == [("vocabulary.never_say", "it's safe", "playbook"),
                    ("vocabulary.never_say", "nut-free", "playbook")]
    out = run_cli("check", "--playbook", PLAYBOOK, "--scenario", "allergy", UNSAFE)
    assert out.returncode == 1 and "the allergy playbook forbids saying" in out.stdout
    out = run_cli("check", "--playbook", PLAYBOOK, "--scenario", "nope", UNSAFE)
    assert out.returncode == 2 and "unknown scenario 'nope'" in out.stderr


def test_rows_carry_their_own_message_and_scenario(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "text": UNSAFE, "message": "Is there sesame in the bagels? allergy"},
        {"id": "b", "text": UNSAFE, "scenario": "praise"},
        {"id": "c", "text": UNSAFE, "scenario": "lost"},
    ]) + "\n")
    out = run_cli("check", "--playbook", PLAYBOOK, "--input", str(src), "--format", "jsonl")
    assert out.returncode == 2
    got = [json.loads(x) for x in out.stdout.splitlines()]
    assert [(r["id"], r["scenario"], r["passed"]) for r in got] == [
        ("a", "allergy", False), ("b", "praise", True)]
    assert f"{src}:3:1: unknown scenario 'lost'" in out.stderr


# lint: every output format; rules --voice ---------------------------------------------------

BROKEN = ROOT / "tests" / "fixtures" / "broken" / "wrong_type.yaml"


def test_lint_sarif_github_jsonl():
    validator = _sarif_validator()
    out = run_cli("lint", str(BROKEN), "--format", "sarif")
    assert out.returncode == 1
    doc = json.loads(out.stdout)
    validator.validate(doc)
    result = doc["runs"][0]["results"][0]
    assert len(doc["runs"][0]["results"]) == 2
    assert result["message"]["text"] == ("channels.x.max_length: expected a whole number from "
                                         "1 to 1000000, got the string 'lots'")
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": str(BROKEN)}, "region": {"startLine": 5, "startColumn": 17}}
    out = run_cli("lint", str(BROKEN), "--format", "github")
    assert out.stdout.startswith(f"::error file={BROKEN},line=5,col=17,"
                                 "title=channels.x.max_length::expected a whole number from 1 "
                                 "to 1000000, got the string 'lots'\n::error ")
    out = run_cli("lint", str(BROKEN), "--format", "jsonl")
    assert [json.loads(x)["line"] for x in out.stdout.splitlines()] == [5, 7]
    out = run_cli("lint", "--format", "sarif", str(ROOT / "voices"))
    assert out.returncode == 0 and json.loads(out.stdout)["runs"][0]["results"] == []


def test_lint_fail_on_warning(tmp_path):
    voice = tmp_path / "v.yaml"
    # A channel name one letter off a known one is a warning, not an error.
    voice.write_text("voice: {name: V, version: '1'}\nchannels:\n  whatsap: {max_length: 500}\n")
    loose = run_cli("lint", "--no-examples", str(voice))
    assert loose.returncode == 0
    assert loose.stdout.startswith(f"{voice}:3:3: warning: channels.whatsap: channel 'whatsap' "
                                   "looks like a misspelling of 'whatsapp'")
    strict = run_cli("lint", "--no-examples", "--fail-on", "warning", str(voice))
    assert strict.returncode == 1 and strict.stdout == loose.stdout


def test_rules_for_a_voice_show_its_severities_and_sources(tmp_path):
    voice = tmp_path / "v.yaml"
    voice.write_text("voice: {name: V, version: '1'}\ntone:\n  rules:\n    hedging: 'off'\n"
                     "    blame: warning\n")
    out = run_cli("rules", "--voice", str(voice), "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = {r["rule"]: r for r in json.loads(out.stdout)}
    assert rows["tone.hedging"]["severity"] == "off"
    assert rows["tone.blame"] | {} == {**rows["tone.blame"], "severity": "warning",
                                       "default": "error", "source": f"{voice}:5"}
    assert rows["channel.empty"]["severity"] == "error"
    out = run_cli("rules", "--voice", str(voice))
    assert any(line.startswith("tone.hedging") and " off " in line
               for line in out.stdout.splitlines())


# --fix: the safe suggestions only --------------------------------------------------------

CRUMBLY = str(ROOT / "voices" / "crumbly.yaml")
FIXABLE = ("We utilized a new courier, so your crumblebox is cheap to send "
           "#freshcookiesdaily. Call 07700 900123 -Kai")
FIXED = ("We used a new courier, so your CrumbleBox is good value to send "
         "#FreshCookiesDaily. Call 07700 900123 -Kai")


def test_fix_prints_the_fixed_reply_and_the_diff():
    out = run_cli("check", "--voice", CRUMBLY, "--fix", FIXABLE)
    assert out.stdout == FIXED + "\n"
    assert ("--- a/reply\n+++ b/reply\n@@ -1 +1 @@\n-" + FIXABLE) in out.stderr
    assert "reply: 4 fixes applied" in out.stderr
    # The phone number is meaning-bearing: it is reported, never removed.
    assert "privacy.phone" in out.stderr and out.returncode == 1
    out = run_cli("check", "--voice", CRUMBLY, "--fix", "-", input=FIXABLE + "\n")
    assert out.stdout == FIXED + "\n" and "--- a/stdin" in out.stderr


def test_fix_rewrites_files_and_reports_what_is_left(tmp_path):
    reply = tmp_path / "reply.md"
    reply.write_text("Hi Sam,\n\n" + FIXABLE.replace(" Call 07700 900123", "") + "\n")
    out = run_cli("check", "--voice", CRUMBLY, "--fix", "--file", str(reply), "--format",
                  "json")
    assert reply.read_text() == "Hi Sam,\n\n" + FIXED.replace(" Call 07700 900123", "") + "\n"
    [report] = json.loads(out.stdout)
    assert report["text"] == reply.read_text()
    assert not {f["rule"] for f in report["findings"]} & {
        "vocabulary.preferred", "vocabulary.banned", "vocabulary.product_name",
        "accessibility.hashtag_case"}
    assert f"--- a/{reply}\n+++ b/{reply}\n" in out.stderr
    assert out.returncode == (0 if report["passed"] else 1)
    again = run_cli("check", "--voice", CRUMBLY, "--fix", "--file", str(reply))
    assert "fixes applied" not in again.stderr and "---" not in again.stderr


def test_fix_leaves_meaning_bearing_text_alone():
    out = run_cli("check", "--playbook", PLAYBOOK, "--scenario", "allergy", "--fix", UNSAFE)
    assert out.stdout == UNSAFE + "\n"  # never_say phrases are for a person to rewrite
    assert out.returncode == 1 and "vocabulary.never_say" in out.stderr
    out = run_cli("check", "--fix", "--input", str(ROOT / "README.md"))
    assert out.returncode == 2 and "--fix works on a reply given as TEXT" in out.stderr


def test_the_published_schema_takes_a_numeric_version_as_lint_does(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    voice = tmp_path / "v.yaml"
    voice.write_text("voice:\n  name: V\n  version: 2.0\n")
    assert run_cli("lint", "--no-examples", str(voice)).returncode == 0
    out = run_cli("schema", "voice")
    schema = json.loads(out.stdout)
    assert out.stdout == (ROOT / "schemas" / "voice.schema.json").read_text("utf-8")
    jsonschema.validate(yaml.safe_load(voice.read_text()), schema)
    with pytest.raises(jsonschema.ValidationError):  # a locale is never a bare number
        jsonschema.validate({"voice": {"name": "V", "locale": 12}}, schema)


# Progress bars: on a terminal only ---------------------------------------------------------


def _run_with_tty_stderr(*args: str) -> tuple[int, str, str]:
    """Run the CLI with standard error on a pseudo-terminal (stdout goes to a file, which
    never fills up while the terminal is read)."""
    import os
    import pty
    import subprocess
    import sys
    import tempfile

    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRANDVOICE_")}
    env["BRANDVOICE_CONFIG"] = ""
    with tempfile.TemporaryFile() as stdout:
        proc = subprocess.Popen([sys.executable, "-m", "brandvoice", *args], stdout=stdout,
                                stderr=follower, stdin=subprocess.DEVNULL, cwd=ROOT, env=env)
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not data:
                break
            chunks.append(data)
        code = proc.wait(timeout=300)
        os.close(leader)
        stdout.seek(0)
        out = stdout.read().decode()
    return code, out, b"".join(chunks).decode(errors="replace")


def test_progress_bars_show_on_a_terminal_only(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(_rows(1500))
    code, out, tty = _run_with_tty_stderr("check", "--input", str(src), "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 1500
    assert "checking: 0 replies [00:00, ? replies/s]" in tty  # tqdm's first draw
    piped = run_cli("check", "--input", str(src), "--format", "jsonl")
    assert piped.returncode == 0 and piped.stderr == ""
    code, out, tty = _run_with_tty_stderr("audit", str(src), "--out", str(tmp_path / "a"),
                                          "--jobs", "1", "--chunk-size", "500")
    assert code == 0 and out.startswith("1,500 replies audited")
    assert "auditing:" in tty
    piped = run_cli("audit", str(src), "--out", str(tmp_path / "b"), "--jobs", "1")
    assert piped.returncode == 0 and piped.stderr == ""


# audit: bad rows, formats ------------------------------------------------------------------


def test_audit_bad_rows_and_output_formats(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(_rows(3) + "{oops\n" + json.dumps({"id": "m", "text": GOOD,
                                                      "channel": "myspace"}) + "\n"
                   + json.dumps({"id": "b", "text": BAD}) + "\n")
    out = run_cli("audit", str(src), "--out", str(tmp_path / "a"), "--jobs", "1")
    assert out.returncode == 2 and f"{src}:4:2: invalid JSON" in out.stderr
    out = run_cli("audit", str(src), "--out", str(tmp_path / "b"), "--jobs", "1",
                  "--skip-bad-lines", "--format", "sarif")
    assert out.returncode == 1, out.stderr
    err = out.stderr.splitlines()
    assert err[0].startswith(f"{src}:4:2: invalid JSON") and err[0].endswith(
        "; skipped (--skip-bad-lines)")
    assert err[1].startswith(f"{src}:5:1: unknown channel 'myspace'")
    assert err[2] == "brandvoice: 2 bad lines skipped"
    doc = json.loads(out.stdout)
    _sarif_validator().validate(doc)
    assert {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in doc["runs"][0]["results"]} >= {("tone.blame", 6)}
    summary = json.loads((tmp_path / "b" / "summary.json").read_text())
    assert summary["bad_lines_skipped"] == 2
    out = run_cli("audit", str(src), "--out", str(tmp_path / "b"), "--jobs", "1",
                  "--skip-bad-lines", "--format", "github")
    assert f"::error file={src},line=6,title=tone.blame::" in out.stdout
    assert "4 replies resumed from an earlier run" in out.stderr
    out = run_cli("audit", str(src), "--out", str(tmp_path / "b"), "--jobs", "1",
                  "--skip-bad-lines", "--format", "json")
    assert json.loads(out.stdout)["replies"] == 4


# draft --input: a file of customer messages -------------------------------------------------


def test_draft_a_file_of_messages(tmp_path):
    src = tmp_path / "messages.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "a", "text": "Where is my order? It is two weeks late"},
        {"id": "b", "text": "My son had an allergic reaction to your cookies"},
    ]) + "{oops\n" + json.dumps({"id": "c", "text": "hi", "channel": "myspace"}) + "\n")
    out = run_cli("draft", "--input", str(src), "--format", "jsonl")
    assert out.returncode == 2
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert [(r["id"], r["input_line"], r["triage"]["scenario"], r["drafts"][0]["template"])
            for r in rows] == [("a", 1, "delivery", "delivery/delivery_public"),
                               ("b", 2, "safety_injury", "safety_injury/holding_public")]
    assert f"{src}:3:2: invalid JSON" in out.stderr
    out = run_cli("draft", "--input", str(src), "--format", "json", "--skip-bad-lines")
    assert [r["id"] for r in json.loads(out.stdout)] == ["a", "b"]
    assert f"{src}:4:1: unknown channel 'myspace'" in out.stderr
    assert out.stderr.rstrip().endswith("brandvoice: 2 bad lines skipped")
    assert out.returncode == 0
    out = run_cli("draft", "Where is my order?", "--input", str(src))
    assert out.returncode == 2 and "one of the two" in out.stderr
