"""Throughput of brandvoice's default checks against proselint and the bare spaCy tokenizer,
on the same replies, in one run on one machine: the 2,222 real replies in ../shared/corpus,
then a generated corpus of 100,000 (benchmarks/generate.py), then start-up times.

    python benchmarks/throughput.py                 # about 8 minutes
    python benchmarks/throughput.py --quick         # fewer rounds, 10,000 generated replies

proselint is optional (``pip install proselint==0.16.0``); without it that row is skipped.
Prints replies/s for each and the ratios; docs/performance.md records a run.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import rows

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "twcs_brand_replies.csv"
# The installed command, as users run it (``python -m brandvoice`` where it is not installed).
_SCRIPT = Path(sys.executable).parent / "brandvoice"
BRANDVOICE = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "brandvoice"]


def load_replies() -> list[str]:
    if not CORPUS.is_file():
        raise SystemExit(f"{CORPUS} not found: run from a checkout with ../shared beside it")
    with CORPUS.open(encoding="utf-8") as fh:
        return [row["text"] for row in csv.DictReader(fh)]


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def contenders(replies: list[str], channels: list[str]) -> dict[str, object]:
    """name -> a function that processes every reply once; each set up and warmed up."""
    import spacy

    from brandvoice import Checker
    from brandvoice.checks.engine import Item

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    checker = Checker()
    items = [Item(t, c) for t, c in zip(replies, channels, strict=True)]
    # Configure and warm up outside the timing, over every reply: the language layer loads
    # its models (lingua for Latin-script languages, Kiwi for Korean) on the first reply that
    # needs them, a one-time cost that docs/languages.md states apart from throughput.
    list(checker.check_many(items))
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


def process_times(cmd: list[str], env: dict[str, str] | None = None, runs: int = 9
                  ) -> tuple[float, float, float]:
    """Wall time of ``cmd`` from process start to exit: median, fastest and slowest of
    ``runs`` (this VM's speed drifts, so one run says little)."""
    full_env = {**os.environ, **(env or {})}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=full_env, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), max(times)


# Runs the CLI's main() and reports the process's peak memory (VmHWM, Linux). Not
# getrusage: a child's ru_maxrss starts from its parent's at fork, the benchmark's own.
PEAK = """
import sys
from brandvoice.cli.app import main
code = main(sys.argv[1:])
with open("/proc/self/status") as fh:
    peak = next(line.split()[1] for line in fh if line.startswith("VmHWM:"))
sys.stderr.write(f"peak-kib {peak}\\n")
sys.exit(code)
"""


def cli_run(path: Path, channel: str | None) -> tuple[float, float | None]:
    """``brandvoice check --input path``: wall time of the installed command (start-up
    included), then, in a second run, the process's peak memory in MiB (None off Linux)."""
    args = ["check", "--input", str(path), "--format", "jsonl",
            *(["--channel", channel] if channel else [])]
    started = time.perf_counter()
    subprocess.run([*BRANDVOICE, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    seconds = time.perf_counter() - started
    if not Path("/proc/self/status").is_file():
        return seconds, None
    out = subprocess.run([sys.executable, "-c", PEAK, *args], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, check=False)
    kib = [line.split()[1] for line in out.stderr.splitlines() if line.startswith("peak-kib")]
    return seconds, int(kib[0]) / 1024 if kib else None


def compare(title: str, replies: list[str], channels: list[str], path: Path,
            rounds: int) -> None:
    """Time every contender on ``replies``, interleaved over ``rounds``, and print the rates
    and ratios; ``path`` holds the same replies for the CLI."""
    print(f"{title}: {len(replies):,} replies; {rounds} round(s), each timing every contender "
          "once, interleaved so that machine noise hits all alike; medians shown\n")
    fns = contenders(replies, channels)
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            times[name].append(timed(fn))
    rates = {name: len(replies) / statistics.median(t) for name, t in times.items()}
    for name, rate in rates.items():
        print(f"  {name:<50} {rate:>9,.0f} replies/s")
    cli = "brandvoice check --input (CLI, incl. start-up)"
    same = channels[0] if len(set(channels)) == 1 else None  # else the file's channel column
    seconds, peak = cli_run(path, same)
    print(f"  {cli:<50} {len(replies) / seconds:>9,.0f} replies/s")
    if peak is not None:
        print(f"  {'  its peak memory (the input is streamed)':<50} {peak:>9,.0f} MiB")
    bv, floor = "brandvoice default checks (API, one process)", "spaCy blank tokenizer (floor)"
    print(f"\n  brandvoice / spaCy floor: {rates[bv] / rates[floor]:.2f}")
    prose = "proselint 0.16.0 (API)"
    if prose in times:
        ratios = [p / b for b, p in zip(times[bv], times[prose], strict=True)]
        print(f"  proselint time / brandvoice time, median of per-round ratios: "
              f"{statistics.median(ratios):.1f}x (range {min(ratios):.1f}-{max(ratios):.1f})")
    print()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--generated", type=int, default=100_000, metavar="N",
                        help="replies in the generated corpus (default 100,000)")
    args = parser.parse_args()
    rounds = 2 if args.quick else args.rounds
    replies = load_replies()
    compare("Real replies (../shared/corpus)", replies, ["x"] * len(replies), CORPUS, rounds)
    n = 10_000 if args.quick else args.generated
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.jsonl"
        generated = list(rows(n, 90))
        with path.open("w", encoding="utf-8") as fh:
            for row in generated:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        compare("Generated corpus (benchmarks/generate.py)", [r["text"] for r in generated],
                [r["channel"] for r in generated], path, 1)
    print("Start-up")
    cold = process_times([*BRANDVOICE, "check", "Thanks, we're on it!"])
    print("  brandvoice check of one reply, cold (process start to exit): "
          "median {:.2f} s (range {:.2f}-{:.2f})".format(*cold))
    lint = [*BRANDVOICE, "lint", str(ROOT / "voices")]
    for label, env in (("cold, examples run", {"BRANDVOICE_NO_CACHE": "1"}),
                       ("warm, example results cached", {})):
        subprocess.run(lint, capture_output=True, check=False, env={**os.environ, **env})  # fill the cache
        print(f"  brandvoice lint voices/ ({label}): "
              "median {:.2f} s (range {:.2f}-{:.2f})".format(*process_times(lint, env)))
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import brandvoice"],
                         capture_output=True, check=False, text=True)
    total = sum(int(line.split("|")[1]) for line in out.stderr.splitlines()
                if line.startswith("import time:") and line.split("|")[1].strip().isdigit()
                and line.split("|")[2].strip() == "brandvoice")
    print(f"  import brandvoice: {total / 1e6:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
