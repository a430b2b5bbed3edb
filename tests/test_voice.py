"""Loading voices: extends and its merge rules, locations, defaults, the bundled voices."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from brandvoice import ConfigError, load_voice
from brandvoice.voice import BUILTIN_DEFAULT

VOICES = sorted((ROOT / "voices").glob("*.yaml"))


def test_builtin_default_voice():
    voice = load_voice()
    assert voice.path == BUILTIN_DEFAULT
    assert voice.get("readability", "max_grade") == 8
    assert voice.get("inclusive", "enabled") is True
    assert set(voice.channel_names) >= {"x", "instagram_dm", "facebook", "linkedin", "email",
                                        "sms", "whatsapp", "app_review"}
    assert voice.channel("x")["public"] is True and voice.channel("email")["public"] is False


def test_merge_rules(tmp_path: Path):
    (tmp_path / "parent.yaml").write_text(
        "voice: {name: Parent, version: '1'}\n"
        "vocabulary:\n"
        "  banned:\n"
        "    cheap: {replacement: good value}\n"
        "    diet: {reason: no diets}\n"
        "  products: [A, B]\n"
        "channels:\n"
        "  x: {max_hashtags: 1, sign_off: required}\n"
    )
    (tmp_path / "child.yaml").write_text(
        "extends: parent.yaml\n"
        "voice: {name: Child}\n"
        "vocabulary:\n"
        "  banned:\n"
        "    diet: null\n"
        "    cheap: {reason: sounds low quality}\n"
        "  products: [C]\n"
        "channels:\n"
        "  x: {max_hashtags: 2}\n"
    )
    child = load_voice(tmp_path / "child.yaml")
    assert child.name == "Child" and child.version == "1"  # version inherited
    banned = child.get("vocabulary", "banned")
    assert set(banned) == {"cheap"}  # null removed diet
    assert banned["cheap"]["replacement"] == "good value"  # mappings merge key by key
    assert banned["cheap"]["reason"] == "sounds low quality"
    assert child.get("vocabulary", "products") == ["C"]  # lists replace
    assert child.channel("x")["max_hashtags"] == 2
    assert child.channel("x")["sign_off"] == "required"
    assert child.channel("x")["max_length"] == 280  # from the built-in default voice
    assert child.chain == (BUILTIN_DEFAULT, str(tmp_path / "parent.yaml"),
                           str(tmp_path / "child.yaml"))
    # Locations follow the file that set each value.
    assert child.source("vocabulary", "banned", "cheap", "reason") == \
        f"{tmp_path / 'child.yaml'}:6"
    assert child.source("vocabulary", "banned", "cheap", "replacement") == \
        f"{tmp_path / 'parent.yaml'}:4"
    assert child.source("channels", "x", "max_length") == "builtin"


@pytest.mark.parametrize("path", VOICES, ids=[p.stem for p in VOICES])
def test_bundled_voices_load_and_declare_the_schema(path: Path):
    voice = load_voice(path)
    assert voice.name and voice.version
    first = path.read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/voice.schema.json"


def test_each_bundled_voice_family_uses_extends():
    parents = {load_voice(p).chain[-2] for p in VOICES}
    assert {str(ROOT / "voices" / n) for n in
            ("crumbly.yaml", "northmoor-bank.yaml", "fairhaven-council.yaml")} <= \
        {str(Path(p).resolve()) if p != BUILTIN_DEFAULT else p for p in parents}


def test_extends_absolute_and_builtin(tmp_path: Path):
    (tmp_path / "v.yaml").write_text("extends: builtin:default\nvoice: {name: V}\n")
    assert load_voice(tmp_path / "v.yaml").chain[0] == BUILTIN_DEFAULT


def test_plugin_section_unknown_without_plugin(tmp_path: Path):
    (tmp_path / "v.yaml").write_text("voice: {name: V}\nlegal:\n  forbidden_claims: [x]\n")
    with pytest.raises(ConfigError, match="unknown key 'legal'"):
        load_voice(tmp_path / "v.yaml")
