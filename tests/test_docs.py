"""Docs stay honest: generated tables are current, every key is documented, links resolve,
and the README names the two set-up commands that the Makefile and CI use."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT

from brandvoice.config.schema import reference_rows
from brandvoice.playbooks.model import PLAYBOOK_SCHEMA
from brandvoice.plugins.manager import new_plugin_manager
from brandvoice.voice import voice_schema


def test_generated_docs_are_current():
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_docs.py"), "--check"],
                         capture_output=True, check=False, text=True)
    assert out.returncode == 0, out.stderr


def test_every_key_is_documented():
    voice_doc = (ROOT / "docs" / "voice-reference.md").read_text("utf-8")
    for path, *_ in reference_rows(voice_schema(new_plugin_manager(autoload=False))):
        assert f"`{path}`" in voice_doc, f"{path} is missing from docs/voice-reference.md"
    playbook_doc = (ROOT / "docs" / "playbook-reference.md").read_text("utf-8")
    for path, *_ in reference_rows(PLAYBOOK_SCHEMA):
        assert f"`{path}`" in playbook_doc, f"{path} is missing from docs/playbook-reference.md"


def test_every_rule_is_documented():
    from brandvoice.plugins.manager import checks

    doc = (ROOT / "docs" / "checks.md").read_text("utf-8")
    for check in checks(new_plugin_manager(autoload=False)):
        for name in check.rules:
            assert f"`{check.category}.{name}`" in doc


def test_local_links_resolve():
    for md in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", md.read_text("utf-8")):
            assert (md.parent / target).exists(), f"{md.name} links to missing {target}"


def test_readme_names_the_setup_commands():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "make demo" in readme and "make test" in readme
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^test:", makefile, re.M) and re.search(r"^demo:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_pre_commit_hook_runs_lint():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hooks[0]["id"] == "brandvoice-lint" and hooks[0]["entry"] == "brandvoice lint"
