"""Every error kind of the loader, on a real broken file, asserting the exact
``path:line:col: key: message`` lines. Data-driven: tests/fixtures/broken/NAME.yaml and the
output expected from ``brandvoice lint --no-examples`` in NAME.expected."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, ROOT

from brandvoice.cli.app import main

BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))


# Hostile input (alias bombs, deep nesting) must be rejected, not hang: pytest-timeout fails
# a test that runs away instead of letting it stall the suite.
@pytest.mark.timeout(60)
@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_file_reports_exact_problems(path, in_root, capsys):
    rel = path.relative_to(ROOT).as_posix()
    code = main(["lint", "--no-examples", rel])
    out = capsys.readouterr().out
    expected = path.with_suffix(".expected").read_text("utf-8")
    assert out == expected
    assert code == 1


def test_every_broken_file_has_an_expectation():
    for path in BROKEN:
        assert path.with_suffix(".expected").is_file(), path.name
        assert path.with_suffix(".expected").read_text("utf-8").strip(), path.name


def test_key_typo_suggests_the_right_key(in_root, capsys):
    main(["lint", "--no-examples", "tests/fixtures/broken/unknown_key.yaml"])
    assert "did you mean 'max_length'?" in capsys.readouterr().out


def test_duplicate_key_names_both_lines(in_root, capsys):
    main(["lint", "--no-examples", "tests/fixtures/broken/duplicate_key.yaml"])
    out = capsys.readouterr().out
    assert out.startswith("tests/fixtures/broken/duplicate_key.yaml:7:5:")
    assert "first defined at line 5" in out


def test_load_voice_raises_config_error_with_problems(in_root):
    from brandvoice import ConfigError, load_voice

    with pytest.raises(ConfigError) as info:
        load_voice("tests/fixtures/broken/wrong_type.yaml")
    problems = info.value.problems
    assert [(p.line, p.column, p.key) for p in problems] == [
        (5, 17, "channels.x.max_length"), (7, 14, "readability.max_grade"),
    ]
    assert str(info.value).splitlines()[0] == (
        "tests/fixtures/broken/wrong_type.yaml:5:17: channels.x.max_length: expected a whole "
        "number from 1 to 1000000, got the string 'lots'"
    )


def test_new_user_mistakes_point_at_the_right_line(tmp_path, capsys):
    """Write a voice from the docs, then break it as an editor would."""
    good = (
        "voice:\n"
        "  name: Acme\n"
        "tone:\n"
        "  warmth: {min: 0.3}\n"
        "channels:\n"
        "  x:\n"
        "    max_length: 280\n"
        "    sign_off: required\n"
        "vocabulary:\n"
        "  banned:\n"
        "    cheap: {replacement: good value}\n"
    )
    path = tmp_path / "acme.yaml"
    path.write_text(good)
    assert main(["lint", str(path)]) == 0
    assert capsys.readouterr().out == "1 file linted, 0 errors, 0 warnings\n"
    breaks = {
        "sign_of: required": ("    sign_of: required", 8, 5, "did you mean 'sign_off'?"),
        "tab": ("\tsign_off: required", 8, 1, "tab character in indentation"),
        "dup": ("    max_length: 140", 8, 5, "duplicate key 'max_length'"),
        "type": ("    sign_off: yes", 8, 15, "expected one of required, optional, forbidden"),
    }
    for _name, (line8, line, col, message) in breaks.items():
        lines = good.splitlines()
        lines[7] = line8
        path.write_text("\n".join(lines) + "\n")
        assert main(["lint", str(path)]) == 1
        out = capsys.readouterr().out
        assert out.startswith(f"{path}:{line}:{col}:"), out
        assert message in out


LINT_AND_REPORT = (
    "import sys; from brandvoice.cli.app import main; code = main(['lint', sys.argv[1]]); "
    "print('spacy loaded' if 'spacy' in sys.modules else 'spacy not loaded'); sys.exit(code)"
)


def test_lint_remembers_example_results(tmp_path):
    import subprocess
    import sys

    voice = tmp_path / "acme.yaml"
    voice.write_text("voice: {name: Acme}\nexamples:\n  - text: 'Thanks, Sam! -Jo'\n")
    env = {**__import__("os").environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    run = lambda: subprocess.run([sys.executable, "-c", LINT_AND_REPORT, str(voice)],  # noqa: E731
                                 capture_output=True, check=False, text=True, env=env, timeout=120)
    first, second = run(), run()
    assert first.returncode == second.returncode == 0
    assert "spacy loaded" in first.stdout and "spacy not loaded" in second.stdout
    # Editing the voice invalidates the cache: the new expectation is really checked.
    voice.write_text("voice: {name: Acme}\nexamples:\n  - text: 'Thanks, Sam! -Jo'\n"
                     "    expect: [tone.blame]\n")
    third = run()
    assert third.returncode == 1 and "spacy loaded" in third.stdout
    assert "expected the checks to report tone.blame" in third.stdout
