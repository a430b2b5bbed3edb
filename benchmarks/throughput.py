"""Throughput of brandvoice's default checks against proselint and the bare spaCy tokenizer,
on the same replies, in one run on one machine.

    python benchmarks/throughput.py            # the 2,222 real replies (../shared/corpus)
    python benchmarks/throughput.py --quick    # fewer repetitions

proselint is optional (``pip install proselint==0.16.0``); without it that row is skipped.
Prints replies/s for each and the ratios; docs/performance.md records a run.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "twcs_brand_replies.csv"


def load_replies() -> list[str]:
    if not CORPUS.is_file():
        raise SystemExit(f"{CORPUS} not found: run from a checkout with ../shared beside it")
    with CORPUS.open(encoding="utf-8") as fh:
        return [row["text"] for row in csv.DictReader(fh)]


def best_rate(fn, n_items: int, repeat: int) -> float:
    """Replies per second of ``fn()`` over ``n_items`` replies: the median of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return n_items / statistics.median(times)


def bench_brandvoice(replies: list[str], repeat: int) -> float:
    from brandvoice import Checker
    from brandvoice.engine import Item

    checker = Checker()
    items = [Item(t, "x") for t in replies]
    list(checker.check_many(items[:50]))  # configure and warm up, outside the timing
    return best_rate(lambda: list(checker.check_many(items)), len(items), repeat)


def bench_spacy_floor(replies: list[str], repeat: int) -> float:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    list(nlp.pipe(replies[:50]))
    return best_rate(lambda: list(nlp.pipe(replies, batch_size=256)), len(replies), repeat)


def bench_proselint(replies: list[str], repeat: int) -> float | None:
    try:
        from proselint import checks
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    # Without this registration proselint's Python API silently returns nothing.
    CheckRegistry().register_many(checks.__register__)
    assert LintFile("<probe>", "We utilize synergy.").lint(), "proselint found nothing"
    return best_rate(lambda: [LintFile("<reply>", t).lint() for t in replies], len(replies),
                     repeat)


def bench_cli(replies: list[str]) -> tuple[float, float]:
    """Cold start of ``brandvoice check`` on one reply, and the CLI's rate on the corpus."""
    exe = [sys.executable, "-m", "brandvoice"]
    started = time.perf_counter()
    subprocess.run([*exe, "check", "Thanks, we're on it!"], capture_output=True, check=False)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run([*exe, "check", "--input", str(CORPUS), "--channel", "x", "--format",
                    "jsonl"], capture_output=True, check=False)
    return cold, len(replies) / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeat = 2 if args.quick else 5
    replies = load_replies()
    print(f"{len(replies)} real replies, median of {repeat} runs each\n")
    rows = [("spaCy blank tokenizer + sentencizer (floor)", bench_spacy_floor(replies, repeat)),
            ("brandvoice default checks (API, one process)", bench_brandvoice(replies, repeat))]
    prose = bench_proselint(replies, max(1, repeat // 2))
    if prose is not None:
        rows.append(("proselint 0.16.0 (API)", prose))
    cold, cli_rate = bench_cli(replies)
    rows.append(("brandvoice check --input (CLI, incl. start-up)", cli_rate))
    for name, rate in rows:
        print(f"{name:<50} {rate:>9,.0f} replies/s")
    bv = rows[1][1]
    print(f"\nbrandvoice / spaCy floor: {bv / rows[0][1]:.2f}")
    if prose is not None:
        print(f"brandvoice / proselint:   {bv / prose:.1f}x")
    print(f"brandvoice check, one reply, cold: {cold:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
