"""Voice and playbook files written to hurt: merge-key bombs and endless extends chains end
in a located error, quickly (the tests run under pytest-timeout, never timing anything)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from brandvoice.config.loader import MAX_EXTENDS_DEPTH
from brandvoice.errors import ConfigError
from brandvoice.playbooks.model import load_playbook
from brandvoice.voice import load_voice


def _merge_bomb(levels: int, fanout: int = 10) -> str:
    """Each anchor merges the previous one ``fanout`` times: fanout**levels pairs."""
    lines = ["voice:", "  name: bomb", "  version: '1'", "x0: &a0 {k: 1, l: 2}"]
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * fanout)
        lines.append(f"x{i}: &a{i} {{<<: [{refs}]}}")
    lines.append(f"tone: {{<<: *a{levels}}}")
    return "\n".join(lines) + "\n"


@pytest.mark.timeout(60)
@pytest.mark.parametrize("levels", [5, 9, 30])
def test_merge_key_bombs_stop_at_the_node_budget(tmp_path, levels):
    path = tmp_path / "bomb.yaml"
    path.write_text(_merge_bomb(levels))
    with pytest.raises(ConfigError) as info:
        load_voice(str(path))
    messages = [str(p) for p in info.value.problems]
    assert any("more than 50000 values after expanding aliases" in m and
               m.startswith(f"{path}:") for m in messages), messages


@pytest.mark.timeout(60)
def test_merge_key_bomb_in_a_playbook_sample_through_lint(tmp_path):
    text = (ROOT / "playbooks" / "crumbly-care.yaml").read_text(encoding="utf-8")
    bomb = ["bomb0: &b0 {k: 1, l: 2}"]
    for i in range(1, 10):
        bomb.append(f"bomb{i}: &b{i} {{<<: [{', '.join([f'*b{i - 1}'] * 10)}]}}")
    folder = tmp_path / "playbooks"
    folder.mkdir()
    (tmp_path / "voices").symlink_to(ROOT / "voices")
    (folder / "templates").symlink_to(ROOT / "playbooks" / "templates")
    path = folder / "bomb.yaml"
    assert "\nsample:\n" in text
    path.write_text(text.replace("\nsample:\n", "\nsample:\n  " + "\n  ".join(bomb)
                                 + "\n  all: {<<: *b9}\n", 1))
    out = run_cli("lint", str(path))
    assert out.returncode == 1
    assert "more than 50000 values after expanding aliases" in out.stdout
    with pytest.raises(ConfigError):
        load_playbook(str(path))


def _chain(folder: Path, n: int) -> Path:
    for i in range(n):
        parent = f"extends: v{i + 1}.yaml\n" if i < n - 1 else ""
        (folder / f"v{i}.yaml").write_text(f"{parent}voice:\n  name: v{i}\n  version: '1'\n")
    return folder / "v0.yaml"


@pytest.mark.timeout(60)
def test_extends_depth_is_capped_with_a_location(tmp_path):
    first = _chain(tmp_path, 1000)
    with pytest.raises(ConfigError) as info:
        load_voice(str(first))
    (problem,) = info.value.problems
    assert problem.path == str(tmp_path / f"v{MAX_EXTENDS_DEPTH - 1}.yaml")
    assert (problem.line, problem.key) == (1, "extends")
    assert f"extends chain deeper than {MAX_EXTENDS_DEPTH} files" in problem.message


def test_a_chain_within_the_cap_loads(tmp_path):
    voice = load_voice(str(_chain(tmp_path, MAX_EXTENDS_DEPTH)))
    assert voice.name == "v0" and len(voice.chain) == MAX_EXTENDS_DEPTH + 1  # + builtin
