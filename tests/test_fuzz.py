"""Mangled voice and playbook files never crash the loader: every failure is a ConfigError with
a location, never another exception or a hang. Mutations are seeded, so a failure reproduces."""

from __future__ import annotations

import random
import time

import pytest

from brandvoice import ConfigError, load_voice
from brandvoice.playbook import load_playbook
from conftest import ROOT

SOURCES = sorted((ROOT / "voices").glob("*.yaml")) + [ROOT / "playbooks" / "crumbly-care.yaml"]
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
    started = time.perf_counter()
    try:
        loader(str(target))
    except ConfigError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.line >= 1 and p.column >= 1 and p.message
            assert str(p).startswith(f"{p.path}:{p.line}:{p.column}: ")
    assert time.perf_counter() - started < 30
