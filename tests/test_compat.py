"""Plugins and programs written against brandvoice 0.1's module paths keep working, with a
BrandvoiceDeprecationWarning that names the new path."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from conftest import run_cli

from brandvoice._compat import MOVED

OLD_PLUGIN = '''
from brandvoice.hookspecs import hookimpl
from brandvoice.engine import Checker
from brandvoice.schema import Field, ListOf, Record, Str
from brandvoice.checks.base import Check, Rule, rules_field


class Legal(Check):
    name = "legal"
    category = "vocabulary"
    section = "legal"
    rules = {"claim": Rule("error", "A claim the legal team forbids.")}
    schema = Record({"claims": Field(ListOf(Str()), "Forbidden claims."),
                     "rules": rules_field(rules)})

    def check(self, reply, config):
        for claim in reply.voice.get("legal", "claims", default=[]):
            at = reply.text.lower().find(claim)
            if at >= 0:
                yield reply.finding("legal.claim", "error", at, at + len(claim),
                                    f"{claim!r} is a claim legal forbids")


@hookimpl
def brandvoice_register_checks():
    assert Checker.__module__ == "brandvoice.checks.engine"
    return [Legal()]
'''


def test_a_plugin_written_against_the_old_paths_still_loads_with_a_warning(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "old_legal.py").write_text(OLD_PLUGIN)
    dist = site / "old_legal-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: old_legal\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[brandvoice]\nlegal = old_legal\n")
    voice = tmp_path / "v.yaml"
    voice.write_text("voice: {name: Acme}\nlegal: {claims: [best in the world]}\n")
    out = run_cli("check", "--voice", str(voice), "--format", "json",
                  "Hi Sam, our boxes are the best in the world. -Jo",
                  env={"PYTHONPATH": str(site)})  # shown without -W: the filter is ours
    assert out.returncode == 1, out.stderr
    assert '"rule": "legal.claim"' in out.stdout
    for old in ("brandvoice.hookspecs", "brandvoice.engine", "brandvoice.schema"):
        assert (f"{old} has moved to {MOVED[old]}; import from there (the old path goes in "
                "brandvoice 1.0)") in out.stderr
    assert "BrandvoiceDeprecationWarning" in out.stderr


@pytest.mark.parametrize("old", sorted(MOVED))
def test_every_old_path_is_the_new_module_itself(old):
    code = textwrap.dedent(f"""
        import importlib, warnings
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            old = importlib.import_module({old!r})
        new = importlib.import_module({MOVED[old]!r})
        print(old is new, [w.category.__name__ for w in caught])
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=False, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split(None, 1) == ["True", "['BrandvoiceDeprecationWarning']\n"]

