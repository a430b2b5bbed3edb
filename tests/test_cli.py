"""The command line: exit codes, output formats, input formats, errors without tracebacks."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, run_cli

from brandvoice.cli.app import main

BAD = "We apologize for any inconvenience. You should have read the FAQ!!"
GOOD = "@ana Sorry about the wait, Ana! We've sent a new one. -Jo"


def test_check_exit_codes(capsys):
    assert main(["check", GOOD]) == 0
    assert main(["check", BAD]) == 1
    assert main(["check", "--fail-on", "warning", "We apologize for any inconvenience."]) == 1
    assert main(["check", "--fail-on", "error", "We apologize for any inconvenience."]) == 0


def test_check_text_output_underlines_and_suggests(capsys):
    main(["check", "We utilized the courier."])
    out = capsys.readouterr().out
    assert "1:4 warning vocabulary.preferred: prefer 'used' to 'utilized' (plain language)" in out
    assert "    We utilized the courier.\n       ^^^^^^^^" in out
    assert "suggestion: 'used'" in out


def test_check_json_fields(capsys):
    main(["check", "--format", "json", "--channel", "x", BAD])
    [result] = json.loads(capsys.readouterr().out)
    assert {"id", "channel", "score", "passed", "findings"} <= set(result)
    f = result["findings"][0]
    assert set(f) == {"rule", "category", "severity", "message", "start", "end", "line",
                      "column", "suggestion", "source"}
    assert result["passed"] is False and result["channel"] == "x"


def test_check_jsonl_input_echoes_ids_in_order(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": GOOD}) + "\n\n"
                    '{"id": 7, "text": "Thanks!", "channel": "email"}\n')
    assert main(["check", "--input", str(path), "--format", "jsonl"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(r["id"], r["channel"]) for r in lines] == [("a1", "x"), ("7", "email")]


def test_check_jsonl_streams_in_batches(tmp_path, capsys, monkeypatch):
    import brandvoice.cli.check as cli

    monkeypatch.setattr(cli, "STREAM_BATCH", 4)
    rows = [{"id": f"r{i}", "text": BAD if i == 1 else GOOD} for i in range(10)]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    # The one failing reply is in the first batch: the exit code still says so at the end.
    assert main(["check", "--input", str(path), "--format", "jsonl"]) == 1
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(r["id"], r["input_line"], r["passed"]) for r in out] == [
        (f"r{i}", i + 1, i != 1) for i in range(10)]
    # A bad line part-way through a batch: every reply before it is written, then the error.
    path.write_text("".join(json.dumps(r) + "\n" for r in rows[:6]) + "{oops\n")
    assert main(["check", "--input", str(path), "--format", "jsonl"]) == 2
    captured = capsys.readouterr()
    assert [json.loads(x)["id"] for x in captured.out.splitlines()] == [
        "r0", "r1", "r2", "r3", "r4", "r5"]
    assert f"{path}:7:2: invalid JSON" in captured.err


def test_check_csv_and_text_input(tmp_path, capsys):
    csv_path = tmp_path / "in.csv"
    csv_path.write_text(f'tweet_id,body\n1,"Thanks, Ana!"\n2,"{BAD}"\n')
    assert main(["check", "--input", str(csv_path), "--text-column", "body",
                 "--id-column", "tweet_id", "--format", "json"]) == 1
    results = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["passed"]) for r in results] == [("1", True), ("2", False)]
    txt = tmp_path / "in.txt"
    txt.write_text(f"{GOOD}\n\n{BAD}\n")
    assert main(["check", "--input", str(txt), "--format", "json"]) == 1
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == ["1", "3"]


@pytest.mark.parametrize("content,name,message", [
    ('{"text": "ok"}\n{not json}\n', "bad.jsonl", "bad.jsonl:2:2: invalid JSON"),
    ('{"body": "ok"}\n', "bad.jsonl", ("bad.jsonl:1:1: each line must be a JSON object with a "
                                     "string 'text'")),
    ("id,body\n1,hi\n", "bad.csv", ("bad.csv:1:1: no 'text' column (columns: id, body); name it "
                                  "with --text-column")),
])
def test_bad_input_files_exit_2_with_location(tmp_path, capsys, content, name, message):
    path = tmp_path / name
    path.write_text(content)
    assert main(["check", "--input", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_usage_errors_exit_2(capsys, tmp_path):
    assert main(["check"]) == 2
    assert "give the reply as TEXT (- for standard input), with --file FILE" in \
        capsys.readouterr().err
    assert main(["check", "--input", str(tmp_path / "nope.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["check", "--channel", "myspace", "hi"]) == 2
    assert "unknown channel 'myspace'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["check", "--format", "xml", "hi"])
    assert info.value.code == 2
    assert main([]) == 2


def test_voice_errors_exit_2_with_location(capsys, in_root):
    assert main(["check", "--voice", "tests/fixtures/broken/unknown_key.yaml", "hi"]) == 2
    assert capsys.readouterr().err.startswith(
        "tests/fixtures/broken/unknown_key.yaml:5:5: channels.x.max_lenght: unknown key")


def test_sarif_and_github_formats(tmp_path, capsys):
    path = tmp_path / "in.txt"
    path.write_text(f"{GOOD}\n{BAD}\n")
    main(["check", "--input", str(path), "--format", "sarif"])
    sarif = json.loads(capsys.readouterr().out)
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"tone.blame", "tone.boilerplate"}
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    main(["check", "--input", str(path), "--format", "github"])
    lines = capsys.readouterr().out.splitlines()
    # A plain-text input holds one reply a line: positions map exactly, columns included.
    start = BAD.index("You should have read") + 1
    assert (f"::error file={path},line=2,col={start},endLine=2,endColumn={start + 20},"
            "title=tone.blame::") in "\n".join(lines)


def test_internal_errors_exit_3_without_traceback(monkeypatch, capsys):
    import brandvoice.checks.engine as engine

    def boom(self, items, **kw):
        raise RuntimeError("simulated bug")
        yield  # pragma: no cover

    monkeypatch.setattr(engine.Checker, "check_many", boom)
    assert main(["check", "hi"]) == 3
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: simulated bug" in err and "Traceback" not in err


def test_lint_exit_codes_and_json(capsys, in_root):
    assert main(["lint", "voices/", "playbooks/"]) == 0
    assert capsys.readouterr().out.endswith(" linted, 0 errors, 0 warnings\n")
    assert main(["lint", "--format", "json", "tests/fixtures/broken/wrong_type.yaml"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["problems"][0] == {
        "path": "tests/fixtures/broken/wrong_type.yaml", "line": 5, "column": 17,
        "key": "channels.x.max_length", "severity": "error",
        "message": "expected a whole number from 1 to 1000000, got the string 'lots'"}
    assert main(["lint", "no/such/place"]) == 2


def test_schemas_are_committed_and_current(capsys):
    for kind in ("voice", "playbook"):
        assert main(["schema", kind]) == 0
        generated = capsys.readouterr().out
        committed = (ROOT / "schemas" / f"{kind}.schema.json").read_text("utf-8")
        assert generated == committed, f"run: brandvoice schema {kind} > schemas/{kind}.schema.json"


def test_schema_validates_the_bundled_voices():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads((ROOT / "schemas" / "voice.schema.json").read_text())
    for path in (ROOT / "voices").glob("*.yaml"):
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)
    bad = yaml.safe_load((ROOT / "tests/fixtures/broken/unknown_key.yaml").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_triage_cli(capsys):
    assert main(["triage", "--now", "2026-11-23T12:00:00+00:00", "--format", "json",
                 "my lawyer will be in touch"]) == 0
    [r] = json.loads(capsys.readouterr().out)
    assert (r["scenario"], r["severity"], r["severity_rank"], r["route"]) == \
        ("legal_threat", "critical", 0, "legal")
    assert r["respond_by"] == "2026-11-23T12:15:00+00:00"
    assert main(["triage", "--now", "2026-11-23T12:00:00", "hi"]) == 2
    assert "no time zone" in capsys.readouterr().err


def test_triage_cli_input_jsonl(tmp_path, capsys):
    path = tmp_path / "msgs.jsonl"
    path.write_text('{"id": "m1", "text": "where is my parcel"}\n'
                    '{"id": "m2", "text": "please add dark mode"}\n')
    assert main(["triage", "--input", str(path), "--format", "jsonl",
                 "--now", "2026-11-23T12:00:00+00:00"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(r["id"], r["scenario"]) for r in rows] == [("m1", "delivery"),
                                                        ("m2", "feature_request")]


def test_draft_cli(capsys):
    code = main(["draft", "--set", "agent=Jo", "--set", "customer.name=Sam Lee",
                 "--now", "2026-11-23T12:00:00+00:00", "--format", "json",
                 "my parcel never arrived"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["triage"]["scenario"] == "delivery"
    assert out["drafts"][0]["text"].startswith("Sorry your order is causing trouble, Sam.")
    assert main(["draft", "--set", "agent", "hi"]) == 2
    assert "use key=value" in capsys.readouterr().err


def test_python_dash_m_and_version():
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.startswith("brandvoice ")
    out = run_cli("check", GOOD)
    assert out.returncode == 0 and "score 100, passed" in out.stdout
