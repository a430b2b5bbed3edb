"""The project config (``[tool.brandvoice]`` in pyproject.toml, or brandvoice.toml), found
upwards from the working directory; environment variables override it; errors are located.
Through the real CLI."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT, run_cli

WARNS = "We utilized a new courier. -Jo"  # one warning (vocabulary.preferred), no error


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "voices", tmp_path / "voices")
    (tmp_path / "src" / "deep").mkdir(parents=True)
    return tmp_path


def _env(**extra: str) -> dict[str, str]:
    env = {"BRANDVOICE_VOICE": "", "BRANDVOICE_FAIL_ON": "", "BRANDVOICE_FORMAT": "",
           "BRANDVOICE_MIN_SCORE": "", "BRANDVOICE_CHANNEL": "", "BRANDVOICE_PLAYBOOK": ""}
    env.pop("BRANDVOICE_CONFIG", None)
    return {**env, **extra}


def test_pyproject_table_is_found_from_a_subfolder(project):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "care"\n\n[tool.brandvoice]\nvoice = "voices/crumbly.yaml"\n'
        'fail-on = "warning"\nformat = "json"\n')
    out = run_cli("check", WARNS, cwd=project / "src" / "deep", env=_env())
    assert out.returncode == 1, out.stderr
    [report] = json.loads(out.stdout)
    assert report["voice"] == "Crumbly" and report["passed"] is False
    # The command line beats the environment, which beats the file.
    out = run_cli("check", WARNS, cwd=project / "src", env=_env(BRANDVOICE_FAIL_ON="error"))
    assert out.returncode == 0 and json.loads(out.stdout)[0]["passed"] is True
    out = run_cli("check", WARNS, "--fail-on", "warning", "--format", "text",
                  cwd=project / "src", env=_env(BRANDVOICE_FAIL_ON="error"))
    assert out.returncode == 1 and out.stdout.startswith("reply 1 (x): score")


def test_brandvoice_toml_wins_and_per_command_tables(project):
    (project / "pyproject.toml").write_text('[tool.brandvoice]\nfail-on = "info"\n')
    (project / "src" / "brandvoice.toml").write_text(
        'voice = "../voices/crumbly.yaml"\nmin_score = 95\n\n[lint]\nformat = "github"\n'
        'fail-on = "warning"\n')
    out = run_cli("check", WARNS, "--format", "json", cwd=project / "src" / "deep", env=_env())
    [report] = json.loads(out.stdout)
    assert out.returncode == 1 and report["voice"] == "Crumbly" and report["score"] < 95
    broken = project / "voices" / "broken.yaml"
    broken.write_text("voice: {name: B, version: '1'}\nchannels:\n  x: {max_length: lots}\n")
    out = run_cli("lint", "--no-examples", str(broken), cwd=project / "src", env=_env())
    assert out.returncode == 1
    assert out.stdout.startswith(f"::error file={broken},line=3,col=")


def test_pyproject_without_the_table_is_skipped(project):
    (project / "brandvoice.toml").write_text('format = "json"\n')
    (project / "src" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    out = run_cli("check", "Thanks, Ana! -Jo", cwd=project / "src", env=_env())
    assert out.returncode == 0 and json.loads(out.stdout)[0]["passed"] is True


@pytest.mark.parametrize("text,message", [
    ('[tool.brandvoice]\nvoice = "v.yaml"\nfail-on = "loud"\n',
     ("pyproject.toml:3:1: tool.brandvoice.fail-on: 'loud' is not allowed; expected one of "
     "error, warning, info")),
    ('[tool.brandvoice]\n  fail_onn = "error"\n',
     ("pyproject.toml:2:3: tool.brandvoice.fail_onn: unknown key 'fail_onn'; did you mean "
     "'fail-on'? allowed here: voice, playbook")),
    ('[tool.brandvoice]\nmin-score = 120\n',
     ("pyproject.toml:2:1: tool.brandvoice.min-score: 120 is not allowed; expected a whole "
     "number from 0 to 100")),
    ('[tool.brandvoice]\nvoice = \n', "pyproject.toml:2:9: invalid TOML: Invalid value"),
    ('[tool.brandvoice.check]\nformat = "html"\n',
     "pyproject.toml:2:1: format 'html' is not one check writes; use one of text, json"),
])
def test_config_errors_are_located(project, text, message):
    (project / "pyproject.toml").write_text(text)
    out = run_cli("check", "hi", cwd=project, env=_env())
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr


def test_a_shared_format_applies_where_the_command_writes_it(project):
    (project / "brandvoice.toml").write_text('format = "sarif"\n')
    out = run_cli("check", "Thanks, Ana! -Jo", cwd=project, env=_env())
    assert json.loads(out.stdout)["version"] == "2.1.0"
    out = run_cli("triage", "Where is my order?", cwd=project, env=_env())
    assert out.returncode == 0 and out.stdout.startswith("delivery (")


def test_environment_variables(project):
    out = run_cli("check", WARNS, cwd=project, env=_env(
        BRANDVOICE_VOICE=str(project / "voices" / "crumbly.yaml"), BRANDVOICE_FORMAT="json",
        BRANDVOICE_MIN_SCORE="99"))
    assert out.returncode == 1 and json.loads(out.stdout)[0]["voice"] == "Crumbly"
    out = run_cli("check", WARNS, cwd=project, env=_env(BRANDVOICE_FAIL_ON="fatal"))
    assert out.returncode == 2
    assert ("environment variable BRANDVOICE_FAIL_ON: 'fatal' is not allowed; expected one of "
            "error, warning, info") in out.stderr
    (project / "elsewhere.toml").write_text('format = "json"\n')
    out = run_cli("check", "Thanks, Ana! -Jo", cwd=project,
                  env=_env(BRANDVOICE_CONFIG=str(project / "elsewhere.toml")))
    assert out.returncode == 0 and json.loads(out.stdout)[0]["passed"] is True
