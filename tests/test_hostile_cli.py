"""Hostile command lines through the real CLI: each ends in ``path: what is wrong`` and exit 2
(or the right result), never a hang (every run has a timeout), an internal error (exit 3) or
a silent exit 0 when the output could not be written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

GOOD = "@sam Sorry! A new CrumbleBox ships today. -Jo"


def _run(*args: str, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, cwd: Path = ROOT,
         pass_fds=()) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "brandvoice", *args], stdin=stdin,
                          stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=cwd,
                          timeout=60, check=False, pass_fds=pass_fds)


@pytest.fixture
def fifo(tmp_path: Path) -> str:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return str(path)


@pytest.mark.parametrize("args,message", [
    (["check", "--voice", "/dev/zero", GOOD], "/dev/zero:1:1: this is a device or socket"),
    (["check", "--voice", "{fifo}", GOOD], "{fifo}:1:1: this is a FIFO (named pipe)"),
    (["triage", "--playbook", "/dev/zero", "hi"], "/dev/zero:1:1: this is a device"),
    (["triage", "--playbook", "{fifo}", "hi"], "{fifo}:1:1: this is a FIFO"),
    (["draft", "--playbook", "{fifo}", "hi"], "{fifo}:1:1: this is a FIFO"),
    (["lint", "/dev/zero"], "/dev/zero: not a file or folder"),
    (["lint", "{fifo}"], "{fifo}: not a file or folder"),
    (["check", "--input", "/dev/zero"], "/dev/zero: --input is a device; give a regular file"),
    (["check", "--file", "/dev/zero"], "/dev/zero: --file is a device; give a regular file"),
    (["check", "--file", "no/such/reply.txt"], "no/such/reply.txt: no such file"),
    (["review", "verify", "1", "--file", "/dev/zero", "--db", "{tmp}/r.db"],
     "/dev/zero: --file is a device"),
    (["review", "verify", "1", "--file", "no/such", "--db", "{tmp}/r.db"],
     "no/such: --file no such file"),
    (["review", "show", "99999999999999999999999", "--db", "{tmp}/r.db"],
     "argument id: invalid review id value"),
    (["review", "show", "0", "--db", "{tmp}/r.db"], "argument id: invalid review id value"),
    (["review", "list", "--db", "weird://x"], "weird://x: not a database URL this can use"),
    (["review", "list", "--db", "{tmp}/no/such/dir/r.db"],
     "cannot open the review database (unable to open database file)"),
    (["review", "list", "--db", "postgresql+psycopg://u:secret@127.0.0.1:1/x"],
     "postgresql+psycopg://u:***@127.0.0.1:1/x: cannot open the review database"),
    (["triage", "--now", "9999-12-31T23:00:00+00:00", "my box never arrived"],
     "the year must be between 1900 and 2999"),
    (["triage", "--now", "0001-01-01T00:00:00+00:00", "my box never arrived"],
     "the year must be between 1900 and 2999"),
    (["draft", "--now", "9999-12-31T23:00:00+00:00", "my box never arrived"],
     "the year must be between 1900 and 2999"),
    (["audit", "--out", "{tmp}/afile.txt", "{tmp}/afile.txt"],
     "{tmp}/afile.txt: --out is a file; give a folder"),
])
def test_hostile_arguments_are_usage_errors(tmp_path, fifo, args, message):
    (tmp_path / "afile.txt").write_text("hello\n")
    fill = {"fifo": fifo, "tmp": str(tmp_path)}
    out = _run(*(a.format(**fill) for a in args))
    assert out.returncode == 2, (out.returncode, out.stderr)
    assert message.format(**fill) in out.stderr
    assert "internal error" not in out.stderr and "Traceback" not in out.stderr


def test_a_fifo_nobody_writes_to_reads_as_empty(fifo):
    out = _run("check", "--input", fifo, "--input-format", "jsonl")
    assert out.returncode in (0, 2) and "internal error" not in out.stderr
    out = _run("check", "--file", fifo)
    assert out.returncode == 1 and "channel.empty" in out.stdout  # an empty reply fails


def test_a_fifo_with_a_writer_is_read(tmp_path):
    """Process substitution (``--input <(cmd)``) still works: it is a pipe with a writer."""
    read, write = os.pipe()
    os.write(write, b'{"text": "@sam Sorry! A new CrumbleBox ships today. -Jo"}\n')
    os.close(write)
    out = _run("check", "--input", f"/dev/fd/{read}", "--input-format", "jsonl",
               pass_fds=(read,))
    os.close(read)
    assert out.returncode == 0, out.stderr
    assert "1 reply checked" in out.stdout + out.stderr


def test_a_huge_line_is_refused_without_reading_it_whole(tmp_path):
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as f:
        f.write(b'{"text": "@sam Sorry! A new CrumbleBox ships today. -Jo"}\n{"text": "')
        f.write(b"a" * (8 * 1024 * 1024))
        f.write(b'"}\n')
    out = _run("check", "--input", str(path), "--format", "json")
    assert out.returncode == 2
    assert f"{path}:2:1: this line is longer than 4,194,304 bytes" in out.stderr


@pytest.mark.parametrize("args", [["check", "-"], ["check", "--input", "-"],
                                  ["triage", "-"]])
def test_closed_stdin(args):
    code = ("import os, sys, runpy; os.close(0); sys.stdin = None; "
            f"sys.argv = ['brandvoice', *{args!r}]; "
            "runpy.run_module('brandvoice', run_name='__main__')")
    proc = subprocess.run([sys.executable, "-c", code],
                          capture_output=True, text=True, timeout=60, check=False, cwd=ROOT)
    assert proc.returncode == 2, proc.stderr
    assert "standard input is closed" in proc.stderr


@pytest.mark.parametrize("args", [["check", GOOD], ["triage", "my box never arrived"],
                                  ["lint", "voices/crumbly.yaml"], ["rules"]])
def test_output_that_cannot_be_written_is_an_error(args):
    with open("/dev/full", "w") as full:
        out = _run(*args, stdout=full)
    assert out.returncode == 2, out.stderr
    assert "cannot write the output (No space left on device)" in out.stderr


def test_closed_stdout_is_an_error_not_a_silent_pass():
    proc = subprocess.run(f"{sys.executable} -m brandvoice check '{GOOD}' >&-", shell=True,
                          capture_output=False, stderr=subprocess.PIPE, text=True, timeout=60,
                          check=False, cwd=ROOT)
    assert proc.returncode == 2
    assert "standard output is closed" in proc.stderr
