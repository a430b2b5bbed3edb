"""A seeded slice of benchmarks/fuzz_hostile.py (which runs 100,000 texts): random hostile text
through the checks, triage, drafting and the review gate raises nothing but documented input
errors."""

from __future__ import annotations

import io
import sys

import pytest
from conftest import ROOT


@pytest.mark.timeout(900)
def test_random_hostile_text_raises_only_input_errors():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import fuzz_hostile
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    out = io.StringIO()
    tally = fuzz_hostile.run(400, seed=16, reviews=40, drafts=40, out=out)
    assert tally.runs["check(batch)"] == 1 and tally.runs["triage(batch)"] == 1
    assert tally.runs["review.submit"] == 40 and tally.runs["draft"] == 40
    assert tally.failures == [], out.getvalue()
    assert "400 random texts (seed 16)" in out.getvalue()
