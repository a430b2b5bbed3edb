"""The docs run: every ``console`` block of docs/getting-started.md is executed in a fresh
folder with the real ``brandvoice`` command, after writing the files the tutorial tells the
reader to create, and its output must match what the page shows (a line ``...`` stands for
any lines). The "Break it" edits are applied to the line numbers the page names.

The sample pre-commit config and GitHub Actions workflow in docs/examples run against a
sample voice repository: each hook's entry on the files its pattern selects, and each
workflow step that needs no network."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

DOC = ROOT / "docs" / "getting-started.md"
BIN = Path(sys.executable).parent
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRANDVOICE_")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["BRANDVOICE_FAST_EXIT"] = os.environ.get("BRANDVOICE_FAST_EXIT", "1")
    env["XDG_CACHE_HOME"] = os.environ["XDG_CACHE_HOME"]
    return env


def _matches(expected: list[str], actual: list[str]) -> bool:
    """``expected`` equals ``actual`` where a ``...`` line matches any run of lines."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head.strip() == "...":
        return any(_matches(rest, actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and actual[0] == head and _matches(rest, actual[1:])


def _sh(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=_env(), capture_output=True,
                          text=True, timeout=300, check=False)


def test_the_tutorial_runs_as_written(tmp_path):
    if not (BIN / "brandvoice").exists():
        pytest.skip(f"the brandvoice command is not installed beside {sys.executable}")
    text = DOC.read_text("utf-8")
    originals: dict[str, str] = {}
    ran = 0
    last = 0
    for block in FENCE.finditer(text):
        lang, body = block.group(1), block.group(2)
        before = text[last:block.start()]
        last = block.end()
        para = before.strip().split("\n\n")[-1]
        create = re.search(r"Create `([^`]+)`:?\s*$", para)
        if create and lang in ("yaml", "toml"):
            path = tmp_path / create.group(1)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, "utf-8")
            originals[create.group(1)] = body
            continue
        if lang != "console":
            continue
        # Each "Break it" step edits the voice the reader wrote; the next step starts clean.
        voice = "voices/acme.yaml"
        if voice in originals:
            lines = originals[voice].split("\n")
            edit = re.search(r"Change line (\d+) to `([^`]*)`", para)
            if edit:
                n, new = int(edit.group(1)), edit.group(2).replace("\\t", "\t")
                # The edit replaces a line of the channels section the page just showed.
                assert lines[n - 1].startswith("    ") and ":" in lines[n - 1], lines[n - 1]
                lines[n - 1] = new
            (tmp_path / voice).write_text("\n".join(lines), "utf-8")
        steps = re.split(r"^\$ ", body, flags=re.M)[1:]
        for step in steps:
            command, _, expected = step.partition("\n")
            out = _sh(command, tmp_path)
            want = expected.rstrip("\n").split("\n") if expected.strip() else []
            got = (out.stdout + out.stderr).rstrip("\n").split("\n") if (
                out.stdout + out.stderr).strip() else []
            assert _matches(want, got), (
                f"$ {command}\n--- the page shows:\n{expected}--- brandvoice printed:\n"
                f"{out.stdout}{out.stderr}")
            assert out.returncode in (0, 1), out.stderr
            ran += 1
    assert ran >= 10


# The sample voice repository for pre-commit and GitHub Actions -----------------------------

def _sample_repo(root: Path, *, broken: bool = False) -> Path:
    (root / "voices").mkdir(parents=True)
    (root / "playbooks").mkdir()
    (root / "replies").mkdir()
    body = DOC.read_text("utf-8")
    voice = re.search(r"Create `voices/acme.yaml`:\s*\n```yaml\n(.*?)^```", body,
                      re.M | re.S).group(1)
    if broken:
        voice = voice.replace("sign_off: required", "sign_of: required")
    (root / "voices" / "acme.yaml").write_text(voice)
    (root / "playbooks" / "care.yaml").write_text(
        (ROOT / "playbooks" / "crumbly-care.yaml").read_text())
    for name in ("templates",):
        src = ROOT / "playbooks" / name
        dst = root / "playbooks" / name
        dst.mkdir()
        for f in src.iterdir():
            (dst / f.name).write_text(f.read_text())
    (root / "voices" / "crumbly.yaml").write_text((ROOT / "voices" / "crumbly.yaml").read_text())
    (root / "brandvoice.toml").write_text('voice = "voices/acme.yaml"\n')
    (root / "replies" / "late-parcel.md").write_text(
        "@sam Sorry your AcmeBox is late! A new one ships today. -Jo\n")
    (root / "notes.txt").write_text("not a reply: outside replies/, no hook looks at it\n")
    return root


def _run_hooks(repo: Path) -> list[tuple[str, subprocess.CompletedProcess[str]]]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    config = yaml.safe_load((ROOT / "docs" / "examples" / "pre-commit-config.yaml").read_text())
    wanted = [h["id"] for r in config["repos"] for h in r["hooks"]]
    files = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file())
    results = []
    for hook in hooks:
        if hook["id"] not in wanted:
            continue
        chosen = [f for f in files if re.search(hook["files"], f)
                  and not (hook.get("exclude") and re.search(hook["exclude"], f))]
        assert chosen, f"{hook['id']} selects no file of the sample repository"
        # What pre-commit runs: the entry, then the selected file names.
        command = hook["entry"] + " " + " ".join(shlex.quote(f) for f in chosen)
        results.append((hook["id"], _sh(command, repo)))
    return results


def test_the_pre_commit_hooks_run_on_a_voice_repository(tmp_path):
    results = dict(_run_hooks(_sample_repo(tmp_path / "good")))
    assert set(results) == {"brandvoice-lint", "brandvoice-check"}
    lint, check = results["brandvoice-lint"], results["brandvoice-check"]
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert lint.stdout.endswith("files linted, 0 errors, 0 warnings\n")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "1 reply checked, 0 findings, 0 failed" in check.stdout
    broken = dict(_run_hooks(_sample_repo(tmp_path / "bad", broken=True)))
    lint = broken["brandvoice-lint"]
    assert lint.returncode == 1
    assert lint.stdout.startswith("voices/acme.yaml:20:5: channels.x.sign_of: unknown key")


def test_the_github_workflow_runs_on_a_voice_repository(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    import json

    workflow = yaml.safe_load((ROOT / "docs" / "examples" / "github-workflow.yml").read_text())
    steps = workflow["jobs"]["voice"]["steps"]
    runs = [s for s in steps if "run" in s and "pip install" not in s["run"]]
    assert [s["name"] for s in runs] == ["Lint the voices and playbooks",
                                        "Check the reply drafts"]
    repo = _sample_repo(tmp_path / "repo")
    (repo / "replies" / "refund.md").write_text(
        "We apologize for any inconvenience. You should have read the FAQ!! -Jo\n")
    lint = _sh(runs[0]["run"], repo)
    assert lint.returncode == 0 and lint.stdout == "", lint.stdout + lint.stderr
    check = _sh(runs[1]["run"], repo)
    assert check.returncode == 1  # the job fails; the SARIF upload still runs (if: always())
    sarif = json.loads((repo / "brandvoice.sarif").read_text())
    schema = json.loads((ROOT / "tests" / "fixtures" / "sarif" / "sarif-schema-2.1.0.json")
                        .read_text())
    jsonschema.Draft4Validator(schema).validate(sarif)
    located = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"])
               for r in sarif["runs"][0]["results"]}
    assert ("tone.blame", "replies/refund.md", 1) in located
    assert not any(uri == "replies/late-parcel.md" for _r, uri, _l in located)
    upload = [s for s in steps if "upload-sarif" in s.get("uses", "")]
    assert upload[0]["with"]["sarif_file"] == "brandvoice.sarif"
    assert upload[0]["if"] == "always()"
    # Broken voice: annotations on the lines, and the job fails.
    bad = _sample_repo(tmp_path / "bad", broken=True)
    lint = _sh(runs[0]["run"], bad)
    assert lint.returncode == 1
    assert lint.stdout.startswith("::error file=voices/acme.yaml,line=20,col=5,"
                                  "title=channels.x.sign_of::unknown key 'sign_of'")


# Install from a built wheel, as the tutorial says: the wheel carries the data files --------

def test_a_built_wheel_carries_the_data_files(tmp_path):
    import zipfile

    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(ROOT),
                          "-w", str(tmp_path / "dist")], capture_output=True, text=True,
                         timeout=600, check=False)
    if out.returncode != 0:
        pytest.skip(f"pip could not build the wheel here (no build backend offline?): "
                    f"{out.stderr.strip()[-300:]}")
    [wheel] = (tmp_path / "dist").glob("brandvoice-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    package = ROOT / "brandvoice"
    data = {p.relative_to(ROOT).as_posix() for p in package.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}
    assert {"brandvoice/data/default.yaml", "brandvoice/data/playbook.yaml",
            "brandvoice/py.typed"} <= data
    assert not data - names, f"missing from the wheel: {sorted(data - names)}"
    # Run from the unpacked wheel alone: the built-in voice, playbook and templates load.
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    env = {**_env(), "PYTHONPATH": str(unpacked), "PYTHONSAFEPATH": "1"}
    probe = subprocess.run(
        [sys.executable, "-c", ("import brandvoice, sys; print(brandvoice.__file__); "
         "from brandvoice.cli.app import main; sys.exit(main(['draft', 'Where is my order? "
         "It is two weeks late', '--format', 'json']))")],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300, check=False)
    where, _, doc = probe.stdout.partition("\n")
    assert where.startswith(str(unpacked)), probe.stdout + probe.stderr
    assert probe.returncode in (0, 1), probe.stderr
    import json

    drafts = json.loads(doc)["drafts"]
    assert drafts and drafts[0]["template"] == "delivery/delivery_public" and drafts[0]["text"]
