"""Mangled voice and playbook files never crash the loader: every failure is a ConfigError with
a location, never another exception or a hang. Mutations are seeded, so a failure reproduces."""

from __future__ import annotations

import random

import pytest
import yaml
from conftest import ROOT

from brandvoice import ConfigError, load_voice
from brandvoice.config import yamlio
from brandvoice.playbooks.model import load_playbook

# Every test here is a fuzz seed: make test runs and counts them apart from the real tests.
pytestmark = pytest.mark.fuzz

SOURCES = [*sorted((ROOT / "voices").glob("*.yaml")), ROOT / "playbooks" / "crumbly-care.yaml"]
JUNK = ["\t", ":", "- ", "{", "}", "[", "]", "&a ", "*a", "'", '"', "\n", "  ", "#", "|", "\x00",
        "!!python/object:os.system ", "<<: *a\n", "? ", "%YAML 1.1\n", "---\n", "\ufeff", "ü"]


def mutate(text: str, rng: random.Random) -> bytes:
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.35:
            del chars[i:i + rng.randint(1, 20)]
        elif op < 0.7:
            chars.insert(i, rng.choice(JUNK))
        elif op < 0.85:
            j = rng.randrange(len(chars))
            chars[i], chars[j] = chars[j], chars[i]
        else:
            chars[i:i] = chars[i:i + rng.randint(1, 40)]  # duplicate a stretch
    data = "".join(chars).encode("utf-8")
    if rng.random() < 0.05:
        data += bytes([0xFF, 0xFE, 0x80])
    return data


@pytest.mark.timeout(60)  # a mangling that makes the loader run away fails, not hangs
@pytest.mark.parametrize("seed", range(300))
def test_mangled_files_fail_cleanly(seed, tmp_path):
    rng = random.Random(seed)
    source = rng.choice(SOURCES)
    # Mirror voices/ and playbooks/ so that relative references (extends, the playbook's
    # voice, template files) still resolve from the mangled copy.
    for folder in ("voices", "playbooks", "playbooks/templates"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        for f in (ROOT / folder).glob("*.*"):
            (tmp_path / folder / f.name).write_bytes(f.read_bytes())
    target = tmp_path / source.parent.name / source.name
    target.write_bytes(mutate(source.read_text("utf-8"), rng))
    loader = load_playbook if source.parent.name == "playbooks" else load_voice
    try:
        loader(str(target))
    except ConfigError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.line >= 1 and p.column >= 1 and p.message
            assert str(p).startswith(f"{p.path}:{p.line}:{p.column}: ")


def _outcome(text: str) -> tuple[str, object]:
    """What the parser makes of ``text``: the node tree (tags, values and the start marks that
    errors point at), or the problems."""

    def tree(node: yaml.Node) -> object:
        where = (node.start_mark.line, node.start_mark.column)
        if isinstance(node, yaml.ScalarNode):
            if node.value == "" and not node.style:  # "{a:, b: 1}": an empty value has no
                where = where[:1]  # characters; the parsers put it a column apart
            return (node.tag, node.value, where)
        if isinstance(node, yaml.SequenceNode):
            return (node.tag, [tree(n) for n in node.value], where)
        return (node.tag, [(tree(k), tree(v)) for k, v in node.value], where)

    try:
        return "ok", tree(yamlio.compose_text(text, "f.yaml"))
    except ConfigError as exc:
        return "error", [str(p) for p in exc.problems]


@pytest.mark.skipif(yamlio._FAST_LOADER is None, reason="PyYAML was built without LibYAML")
@pytest.mark.timeout(60)
@pytest.mark.parametrize("seed", range(1000))
def test_libyaml_and_the_pure_python_parser_agree(seed, monkeypatch):
    """LibYAML parses; the pure-Python parser words the errors. On the bundled files and 1,000
    manglings of them, both give the same tree, or the same messages. The one allowed
    difference (20,000 manglings tried): LibYAML accepts a '?' in a flow collection
    ("[a, ?b]") that PyYAML rejects; the schema then judges the value."""
    rng = random.Random(seed)
    source = SOURCES[seed % len(SOURCES)]
    text = source.read_text("utf-8") if seed < len(SOURCES) else \
        mutate(source.read_text("utf-8"), rng).decode("utf-8", errors="replace")
    fast = _outcome(text)
    monkeypatch.setattr(yamlio, "_FAST_LOADER", None)
    pure = _outcome(text)
    if fast[0] == "ok" and pure[0] == "error" and "but got '?'" in str(pure[1]):
        return
    assert pure == fast
