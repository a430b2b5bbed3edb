"""Shared fixtures. Tests run the real thing: real spaCy, real textstat, real files, the real
CLI (in-process through ``main`` and, where the process boundary matters, as a subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# The lint cache lives in a folder of this test run, never in the user's ~/.cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="brandvoice-test-cache-")
# The review log's HMAC key, likewise: a key file of this run (created on first use), never
# the user's ~/.config/brandvoice/review.key.
os.environ.pop("BRANDVOICE_REVIEW_KEY", None)
os.environ["BRANDVOICE_REVIEW_KEY_FILE"] = os.path.join(
    tempfile.mkdtemp(prefix="brandvoice-test-key-"), "review.key")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# The first response of each severity in the small playbooks the tests write.
_FIRST_RESPONSE = {"critical": "15m", "high": "1h", "normal": "4h", "low": "1d"}


def playbook_yaml(name: str, scenarios: str, *, severities: tuple[str, ...] = ("high", "normal",
                  "low"), routes: tuple[str, ...] = ("care",), handoff: str | None = None,
                  default: str = "general") -> str:
    """A small playbook for a test: the header every triage test repeats (name, default
    scenario, severities on the calendar clock, routes, optional hand-off) and ``scenarios``,
    a YAML block of scenarios at any indentation. The header has one line per item, so the
    scenarios start at line 4 + len(severities) (+1 with a hand-off), as written out by hand."""
    import textwrap

    lines = [f"playbook: {{name: {name}, default_scenario: {default}}}", "severities:"]
    lines += [f"  - {{id: {s}, first_response: {_FIRST_RESPONSE[s]}, clock: calendar}}"
              for s in severities]
    lines.append("routes: {" + ", ".join(f"{r}: {{name: {r.capitalize()}}}" for r in routes)
                 + "}")
    if handoff:
        lines.append(f"handoff: {{at_or_above: {handoff}}}")
    lines.append("scenarios:")
    return "\n".join(lines) + "\n" + textwrap.indent(textwrap.dedent(scenarios), "  ")


needs_shared = pytest.mark.skipif(
    not (SHARED / "corpus").is_dir(),
    reason="../shared (the corpus and peer cases) is not beside this checkout; "
    "it is present in the project's CI and development machines",
)


@pytest.fixture(scope="session")
def checker():
    from brandvoice import Checker

    return Checker()


@pytest.fixture
def in_root(monkeypatch):
    """Run with the repository root as the working directory (for relative paths)."""
    monkeypatch.chdir(ROOT)
    return ROOT


def run_cli(*args: str, input: str | None = None, env: dict[str, str] | None = None,
            cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the installed ``brandvoice`` CLI as a separate process."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "brandvoice", *args], capture_output=True, check=False, text=True,
        input=input, env=full_env, cwd=cwd, timeout=120,
    )
