"""Templates against a hostile template author: file: confined to the playbook's folder, an
immutable sandbox, and bounded time and size for every render, in draft and in lint."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from brandvoice.errors import ConfigError, TemplateError
from brandvoice.playbooks.drafting import jinja_environment, render
from brandvoice.playbooks.model import Template, load_playbook


@pytest.fixture
def playbook_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "playbooks", tmp_path / "pb")
    shutil.copytree(ROOT / "voices", tmp_path / "voices")
    return tmp_path / "pb" / "crumbly-care.yaml"


def _first_file_ref(text: str) -> str:
    return re.findall(r"file: (\S+)", text)[0]


def _with_file(playbook: Path, ref: str) -> tuple[Path, int]:
    text = playbook.read_text(encoding="utf-8")
    first = _first_file_ref(text)
    line = text[: text.index(f"file: {first}")].count("\n") + 1
    out = playbook.with_name("hostile.yaml")
    out.write_text(text.replace(f"file: {first}", f"file: {ref}", 1), encoding="utf-8")
    return out, line


@pytest.mark.parametrize("ref,why", [
    ("/proc/self/environ", "is an absolute path"),
    ("/etc/passwd", "is an absolute path"),
    ("/dev/zero", "is an absolute path"),
    ("../../../../etc/passwd", "climbs out with '..'"),
    ("templates/../../voices/crumbly.yaml", "climbs out with '..'"),
    ("templates/fifo.j2", "is a FIFO (named pipe); give a regular file"),
    ("templates/out.j2", "leads outside the playbook's folder (through a symbolic link)"),
    ("templates/big.j2", "is larger than 65,536 bytes, the limit"),
    ("templates", "is a folder; give a regular file"),
    ("templates/missing.j2", "not found"),
])
def test_template_files_stay_in_the_playbook_folder(playbook_copy, ref, why):
    folder = playbook_copy.parent / "templates"
    os.mkfifo(folder / "fifo.j2")
    os.symlink("/etc/passwd", folder / "out.j2")
    (folder / "big.j2").write_text("x" * 70_000)
    hostile, line = _with_file(playbook_copy, ref)
    with pytest.raises(ConfigError) as info:
        load_playbook(str(hostile))
    problems = [p for p in info.value.problems if p.key.endswith(".file")]
    assert len(problems) == 1 and why in problems[0].message
    assert (problems[0].path, problems[0].line) == (str(hostile), line)


def test_lint_refuses_an_environ_template_through_the_cli(playbook_copy):
    hostile, line = _with_file(playbook_copy, "/proc/self/environ")
    out = run_cli("lint", str(hostile), env={"SECRET_TOKEN": "hunter2-do-not-leak"})
    assert out.returncode in (1, 2)
    assert "hunter2" not in out.stdout + out.stderr
    assert f"{hostile}:{line}:" in out.stdout + out.stderr
    assert "is an absolute path" in out.stdout + out.stderr


def _tpl(source: str) -> Template:
    return Template("hostile", "general", source, "pb.yaml#general/hostile", (), {}, None)


BOMBS = [
    ("{{ (9**999999999) > 1 }}", "refused: 9 ** 999999999"),
    ("{{ 'a' * 10**9 }}", "refused: repeating 1 items 1,000,000,000 times"),
    ("{{ [1] * 10**9 }}", "refused: repeating 1 items 1,000,000,000 times"),
    ("{{ 'x'.center(10**9) }}", "refused: str.center(1,000,000,000)"),
    ("{{ 'x'.ljust(10**9) }}", "refused: str.ljust(1,000,000,000)"),
    ("{{ 'x'|center(10**9) }}", "refused: center(1,000,000,000)"),
    ("{{ 'x'|indent(10**9, true) }}", "refused: indent(1,000,000,000)"),
    ("{{ '{:>999999999}'.format(1) }}", "refused: str.format"),
    ("{{ '%999999999d' % 1 }}", "refused: a % format"),
    ("{{ '%999999999d'|format(1) }}", "refused: format"),
    ("{{ ('a' * 10000).replace('a', 'a' * 10000) }}", "refused: str.replace"),
    ("{{ ('a' * 10000)|replace('a', 'a' * 10000) }}", "refused: replace"),
    ("{% for i in range(100000) %}0123456789{% endfor %}",
     "refused: the reply would be longer than 50,000 characters"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
     "rendering took longer than 2 s"),
    ("{{ lipsum(10**9) }}", "'lipsum' is undefined"),
]


@pytest.mark.parametrize("source,message", BOMBS, ids=[b[0][:40] for b in BOMBS])
def test_every_render_is_bounded(source, message):
    with pytest.raises(TemplateError) as info:
        render(jinja_environment(), _tpl(source), {})
    assert message in str(info.value)
    assert str(info.value).startswith("template general/hostile (pb.yaml#general/hostile)")


def test_templates_cannot_change_what_they_are_given():
    hours = {"weekly": {"mon": ["09:00-17:00"]}}
    agents = ["jo"]
    ctx = {"hours": hours, "agents": agents}
    for source in ("{% set _ = hours.weekly.update({'mon': []}) %}",
                   "{% set _ = agents.append('mallory') %}",
                   "{% set _ = hours.weekly.pop('mon') %}",
                   "{% set _ = hours.weekly.mon.clear() %}"):
        with pytest.raises(TemplateError):
            render(jinja_environment(), _tpl(source), ctx)
    assert hours == {"weekly": {"mon": ["09:00-17:00"]}} and agents == ["jo"]


def test_the_loaded_playbook_is_unchanged_by_a_draft():
    from brandvoice.playbooks.drafting import draft

    pb = load_playbook(str(ROOT / "playbooks" / "crumbly-care.yaml"))
    before = dict(pb.hours.weekly) if pb.hours else None
    hostile = _tpl("{% set _ = hours.weekly.update({'mon': []}) %}Hi")
    with pytest.raises(TemplateError):
        render(jinja_environment(), hostile, {"hours": pb.hours})
    assert (dict(pb.hours.weekly) if pb.hours else None) == before
    assert draft("my box never arrived", pb).drafts  # still drafts normally


def test_ordinary_templates_still_work():
    env = jinja_environment()
    out = render(env, _tpl("Hi {{ customer.first_name }}, {{ 2**100 }} {{ 'ab' * 3 }} "
                           "{{ '%5d'|format(42) }} {{ '{:>4}'.format('x') }} "
                           "{{ items|join(', ') }}"),
                 {"customer": {"first_name": "Sam"}, "items": ["a", "b"]})
    assert out == "Hi Sam, 1267650600228229401496703205376 ababab    42    x a, b"


def test_draft_through_the_cli_names_the_template_line(playbook_copy):
    folder = playbook_copy.parent / "templates"
    text = playbook_copy.read_text(encoding="utf-8")
    ref = _first_file_ref(text)
    (folder / Path(ref).name).write_text("{{ (9**999999999) > 1 }}", encoding="utf-8")
    line = text[: text.index(f"file: {ref}")].count("\n") + 1
    out = run_cli("lint", str(playbook_copy))
    assert out.returncode == 1
    assert f"{playbook_copy}:{line - 1}:" in out.stdout or f"{playbook_copy}:{line}:" in out.stdout
    assert "refused: 9 ** 999999999" in out.stdout
