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
