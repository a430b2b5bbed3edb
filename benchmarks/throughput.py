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


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def contenders(replies: list[str]) -> dict[str, object]:
    """name -> a function that processes every reply once; each set up and warmed up."""
    import spacy

    from brandvoice import Checker
    from brandvoice.engine import Item

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    checker = Checker()
    items = [Item(t, "x") for t in replies]
    list(checker.check_many(items[:50]))  # configure and warm up, outside the timing
    out: dict[str, object] = {
        "spaCy blank tokenizer (floor)":
            lambda: list(nlp.pipe(replies, batch_size=256, disable=["sentencizer"])),
        "brandvoice default checks (API, one process)": lambda: list(checker.check_many(items)),
    }
    try:
        from proselint import checks
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return out
    # Without this registration proselint's Python API silently returns nothing.
    CheckRegistry().register_many(checks.__register__)
    assert LintFile("<probe>", "We utilize synergy.").lint(), "proselint found nothing"
    out["proselint 0.16.0 (API)"] = lambda: [LintFile("<reply>", t).lint() for t in replies]
    return out


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
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    rounds = 2 if args.quick else args.rounds
    replies = load_replies()
    print(f"{len(replies)} real replies; {rounds} rounds, each timing every contender once, "
          "interleaved so that machine noise hits all alike; medians shown\n")
    fns = contenders(replies)
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            times[name].append(timed(fn))
    rates = {name: len(replies) / statistics.median(t) for name, t in times.items()}
    cold, cli_rate = bench_cli(replies)
    for name, rate in rates.items():
        print(f"{name:<50} {rate:>9,.0f} replies/s")
    print(f"{'brandvoice check --input (CLI, incl. start-up)':<50} {cli_rate:>9,.0f} replies/s")
    bv, floor = "brandvoice default checks (API, one process)", "spaCy blank tokenizer (floor)"
    print(f"\nbrandvoice / spaCy floor: {rates[bv] / rates[floor]:.2f}")
    prose = "proselint 0.16.0 (API)"
    if prose in times:
        ratios = [p / b for b, p in zip(times[bv], times[prose])]
        print(f"brandvoice / proselint, median of per-round ratios: "
              f"{statistics.median(ratios):.1f}x (range {min(ratios):.1f}-{max(ratios):.1f})")
    print(f"brandvoice check of one reply, cold (process start to exit): {cold:.2f} s")
    for label, env in (("cold, examples run", {"BRANDVOICE_NO_CACHE": "1"}),
                       ("warm, example results cached", {})):
        import os

        cmd = [sys.executable, "-m", "brandvoice", "lint", str(ROOT / "voices")]
        subprocess.run(cmd, capture_output=True, env={**os.environ, **env})  # fill the cache
        started = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env={**os.environ, **env})
        print(f"brandvoice lint voices/ ({label}): {time.perf_counter() - started:.2f} s")
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process (brandvoice + spaCy + proselint): {peak:.0f} MiB")
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import brandvoice"],
                         capture_output=True, text=True)
    total = sum(int(line.split("|")[1]) for line in out.stderr.splitlines()
                if line.startswith("import time:") and line.split("|")[1].strip().isdigit()
                and line.split("|")[2].strip() == "brandvoice")
    print(f"import brandvoice: {total / 1e6:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
