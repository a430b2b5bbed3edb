"""The plugin system: a real plugin installed through the entry-point group (the example
from docs/plugins.md), plugins registered in Python, each hook exercised, broken plugins
reported by name, and a meta-test that every hook is documented and tested."""

from __future__ import annotations

import inspect
import re
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

import brandvoice
from brandvoice import Checker, load_voice
from brandvoice.cli.app import main
from brandvoice.plugins import hookspecs
from brandvoice.plugins.manager import new_plugin_manager

DOCS = (ROOT / "docs" / "plugins.md").read_text("utf-8")


def _example_plugin_source() -> str:
    section = DOCS.split("## A complete example", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def _install(site: Path, module: str, source: str, entry: str | None = None) -> None:
    """Install a plugin as pip would: the module plus a dist-info with an entry point."""
    (site / f"{module}.py").write_text(source)
    dist = site / f"{module}-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[brandvoice]\n{entry or module} = {module}\n")


VOICE = "voice: {name: Acme}\nlegal:\n  forbidden_claims: [best in the world, guaranteed results]\n"


def test_docs_example_plugin_installed_through_entry_point(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    _install(site, "brandvoice_legal", _example_plugin_source(), entry="legal")
    (tmp_path / "acme.yaml").write_text(VOICE)
    env = {"PYTHONPATH": str(site)}
    out = run_cli("check", "--voice", str(tmp_path / "acme.yaml"), "--format", "json",
                  "The best in the world, guaranteed results.", env=env)
    assert out.returncode == 1, out.stderr
    import json

    findings = json.loads(out.stdout)[0]["findings"]
    legal = [f for f in findings if f["rule"] == "vocabulary.legal_claim"]
    assert [(f["start"], f["end"], f["source"]) for f in legal] == [
        (4, 21, f"{tmp_path / 'acme.yaml'}:3"), (23, 41, f"{tmp_path / 'acme.yaml'}:3")]
    # The plugin's section is validated by the plugin's own schema.
    (tmp_path / "bad.yaml").write_text("voice: {name: Acme}\nlegal:\n  forbiden_claims: [x]\n")
    out = run_cli("lint", str(tmp_path / "bad.yaml"), env=env)
    assert out.returncode == 1
    assert ("bad.yaml:3:3: legal.forbiden_claims: unknown key 'forbiden_claims'; did you mean "
            "'forbidden_claims'?") in out.stdout
    # Autoload off: the section is unknown again.
    out = run_cli("lint", str(tmp_path / "acme.yaml"),
                  env={**env, "BRANDVOICE_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert out.returncode == 1 and "unknown key 'legal'" in out.stdout


def test_broken_plugin_is_reported_by_name(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    _install(site, "brandvoice_broken", "raise ImportError('needs the moon')\n", entry="broken")
    out = run_cli("check", "hello", env={"PYTHONPATH": str(site)})
    assert out.returncode == 2
    assert "plugin 'broken' (brandvoice_broken) failed to load: ImportError: needs the moon" \
        in out.stderr
    assert "Traceback" not in out.stderr
    # --debug (or BRANDVOICE_DEBUG) shows the plugin's own traceback, down to its line.
    for args, env in ((["--debug", "check", "hello"], {}), (["check", "hello"],
                                                             {"BRANDVOICE_DEBUG": "1"})):
        out = run_cli(*args, env={"PYTHONPATH": str(site), **env})
        assert out.returncode == 2
        assert "Traceback" in out.stderr and "brandvoice_broken.py\", line 1" in out.stderr
        assert "ImportError: needs the moon" in out.stderr


def test_a_misspelt_hook_is_an_error_naming_plugin_and_hook(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    _install(site, "brandvoice_typo", "import brandvoice\n\n@brandvoice.hookimpl\n"
             "def brandvoice_register_check():\n    return []\n", entry="typo")
    out = run_cli("check", "hello", env={"PYTHONPATH": str(site)})
    assert out.returncode == 2
    assert ("brandvoice: error: plugin 'typo' implements 'brandvoice_register_check', which "
            "is not a brandvoice hook; did you mean 'brandvoice_register_checks'?") in out.stderr


def test_a_misspelt_hook_registered_in_python_is_refused_before_checks_run():
    from brandvoice.errors import PluginError

    class Typo:
        @brandvoice.hookimpl
        def brandvoice_modify_finding(self, findings, reply):
            findings.clear()

    class Newer:
        @brandvoice.hookimpl(optionalhook=True)
        def brandvoice_hook_from_the_future(self):
            return None

    pm = new_plugin_manager(autoload=False)
    pm.register(Newer(), name="newer")  # optional: accepted
    assert Checker(plugin_manager=pm).check("Thanks, Sam! -Jo").score > 0
    pm.register(Typo(), name="typo")
    with pytest.raises(PluginError, match=re.escape(
            "plugin 'typo' implements 'brandvoice_modify_finding', which is not a brandvoice "
            "hook; did you mean 'brandvoice_modify_findings'?")):
        Checker(plugin_manager=pm).check("Thanks, Sam! -Jo")


class _Recorder:
    """A plugin implementing every other hook, registered in Python."""

    def __init__(self) -> None:
        self.prepared = []

    @brandvoice.hookimpl
    def brandvoice_prepare_nlp(self, nlp, voice):
        self.prepared.append((nlp.lang, voice.name))
        nlp.meta["prepared_by"] = "recorder"

    @brandvoice.hookimpl
    def brandvoice_modify_findings(self, findings, reply):
        findings[:] = [f for f in findings if f.severity != "info"]

    @brandvoice.hookimpl
    def brandvoice_report_formats(self):
        return ["csv"]

    @brandvoice.hookimpl
    def brandvoice_format_report(self, reports, fmt, options):
        if fmt != "csv":
            return None
        return "\n".join(f"{r.id},{r.score},{r.passed}" for r in reports)

    @brandvoice.hookimpl
    def brandvoice_register_commands(self, subparsers):
        p = subparsers.add_parser("hello", help="say hello")
        p.set_defaults(handler=lambda args: print("hello from a plugin") or 0)

    @brandvoice.hookimpl
    def brandvoice_prepare_jinja_env(self, env):
        env.filters["shout_free"] = lambda s: s.capitalize()


@pytest.fixture
def recorder(monkeypatch):
    import brandvoice.plugins.manager as plugins

    pm = new_plugin_manager(autoload=False)
    rec = _Recorder()
    pm.register(rec, name="recorder")
    monkeypatch.setattr(plugins, "_default", pm)
    return pm, rec


def test_prepare_nlp_and_modify_findings(recorder):
    pm, rec = recorder
    checker = Checker(load_voice(plugin_manager=pm), plugin_manager=pm)
    text = "Your order was cancelled by mistake, so we fixed it."
    report = checker.check(text)
    assert checker.nlp.meta["prepared_by"] == "recorder"
    assert rec.prepared == [("en", "brandvoice default")]
    assert report.findings == []  # the passive-voice info finding was removed
    plain = Checker(load_voice(plugin_manager=new_plugin_manager(autoload=False)))
    assert plain.check(text).rules() == {"readability.passive_voice"}


def test_format_report_and_register_commands(recorder, capsys):
    assert main(["check", "--format", "csv", "Thanks!"]) == 0
    assert capsys.readouterr().out == "None,100,True\n"
    assert main(["hello"]) == 0
    assert capsys.readouterr().out == "hello from a plugin\n"


def test_prepare_jinja_env(recorder):
    from brandvoice.playbooks.drafting import jinja_environment

    pm, _rec = recorder
    env = jinja_environment(pm)
    assert env.from_string("{{ 'hello there' | shout_free }}").render() == "Hello there"


def test_duplicate_check_names_are_an_error():
    from brandvoice.errors import PluginError
    from brandvoice.plugins.manager import checks

    class Dup:
        @brandvoice.hookimpl
        def brandvoice_register_checks(self):
            from brandvoice.checks.tone import ToneCheck
            return [ToneCheck()]

    pm = new_plugin_manager(autoload=False)
    pm.register(Dup(), name="dup")
    with pytest.raises(PluginError, match=re.escape("two plugins register a check named 'tone': "
                                                    "brandvoice.checks.tone and dup")):
        checks(pm)


def test_every_hook_is_documented_and_tested():
    tests = Path(__file__).read_text("utf-8")
    hooks = [name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
             if name.startswith("brandvoice_")]
    assert len(hooks) >= 7
    for name in hooks:
        fn = getattr(hookspecs, name)
        doc = inspect.getdoc(fn) or ""
        assert ":return:" in doc, f"{name}: docstring must say what the return means"
        params = list(inspect.signature(fn).parameters)
        for p in params:
            assert f":param {p}:" in doc or "subparsers" in p, f"{name}: document {p}"
        assert f"### {name}" in DOCS, f"{name} is not documented in docs/plugins.md"
        impl = f"def {name}("
        assert impl in tests, f"{name} has no implementation exercised in test_plugins.py"


def test_builtin_checks_are_ordinary_plugins():
    from brandvoice.plugins.manager import DEFAULT_PLUGINS

    pm = new_plugin_manager(autoload=False)
    names = [impl.plugin_name for impl in pm.hook.brandvoice_register_checks.get_hookimpls()]
    assert names == [n for n in DEFAULT_PLUGINS if n.startswith("brandvoice.checks.")]
    assert textwrap.dedent(inspect.getsource(brandvoice.plugins.manager.checks)).count("builtin") == 0


class _JapanesePack:
    """A third-party language pack, registered through the hook like any plugin."""

    @brandvoice.hookimpl
    def brandvoice_language_packs(self):
        from brandvoice.languages import LanguagePack, Phrase

        return [LanguagePack(
            code="ja", name="Japanese",
            phrases={"boilerplate": (Phrase(r"ご迷惑をおかけして(?:誠に)?申し訳ございません",
                                            None, "a stock apology"),)},
            inclusive=(Phrase(r"肌色", "ベージュ", "assumes one skin colour"),),
        )]


def test_language_packs_hook_adds_a_language(tmp_path, monkeypatch):
    import brandvoice.plugins.manager as plugins

    pm = new_plugin_manager(autoload=False)
    pm.register(_JapanesePack(), name="japanese-pack")
    monkeypatch.setattr(plugins, "_default", pm)
    text = "ご迷惑をおかけして申し訳ございません。肌色のケースを送ります。"
    # Without the voice listing it, Japanese is reported, not passed.
    default = Checker(load_voice(plugin_manager=pm), plugin_manager=pm).check(text)
    assert [(f.rule, f.severity) for f in default.findings] == \
        [("language.unsupported", "error")]
    voice_file = tmp_path / "ja.yaml"
    voice_file.write_text("voice: {name: JP, languages: [en, ja]}\n", "utf-8")
    report = Checker(load_voice(voice_file, plugin_manager=pm), plugin_manager=pm).check(text)
    assert report.extra["language"] == "ja"
    assert [(f.rule, text[f.start:f.end], f.suggestion) for f in report.findings] == [
        ("tone.boilerplate", "ご迷惑をおかけして申し訳ございません", None),
        ("inclusive.term", "肌色", "ベージュ"),
    ]


def test_every_builtin_language_pack_pattern_compiles():
    # Built-in packs compile their patterns on first use (start-up); this is their check.
    from brandvoice.languages import packs

    found = packs(new_plugin_manager(autoload=False))
    assert {"en", "ko", "es", "cy"} <= set(found)
    for pack in found.values():
        pack.validate()


def test_a_third_party_pack_with_a_bad_pattern_is_refused_when_registered():
    from brandvoice.errors import PluginError
    from brandvoice.languages import LanguagePack, Phrase, packs

    bad = LanguagePack(code="ja", name="Japanese",
                       phrases={"boilerplate": (Phrase(r"申し訳(ございません", None, "stock"),)})

    class Broken:
        @brandvoice.hookimpl
        def brandvoice_language_packs(self):
            return [bad]

    pm = new_plugin_manager(autoload=False)
    pm.register(Broken(), name="broken-pack")
    with pytest.raises(PluginError, match=r"language pack 'ja': invalid pattern "
                                          r"'申し訳\(ございません': missing \)"):
        packs(pm)
    # Unregistered, the same pack says so on first use, in the same words.
    with pytest.raises(PluginError, match=r"language pack 'ja': invalid pattern"):
        bad.find("boilerplate", "申し訳ございません")


def test_duplicate_language_packs_are_an_error():
    from brandvoice.errors import PluginError
    from brandvoice.languages import packs
    from brandvoice.languages.korean import KOREAN

    class Dup:
        @brandvoice.hookimpl
        def brandvoice_language_packs(self):
            return [KOREAN]

    pm = new_plugin_manager(autoload=False)
    pm.register(Dup(), name="dup")
    with pytest.raises(PluginError, match=r"two plugins register a language pack for 'ko': "
                                          r"brandvoice\.languages\.korean and dup"):
        packs(pm)
