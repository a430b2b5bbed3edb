"""Throughput of two (or more) checkouts on the real replies, interleaved, with spaCy's bare
tokenizer timed in the same process as the yardstick: on a loaded machine the absolute rates
drift, the ratio to the floor and the comparison between checkouts do not. Replies per
CPU-second of each process are printed too: on a shared VM they drift least.

    git worktree add /tmp/old 2866e96
    python benchmarks/compare_throughput.py /tmp/old .     # 5 runs each
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / \
    "twcs_brand_replies.csv"
RUN = """
import csv, sys, time
import spacy
from brandvoice import Checker, Item
with open(sys.argv[1], encoding="utf-8") as fh:
    rows = [r["text"] for r in csv.DictReader(fh)]
checker = Checker()
items = [Item(t, "x") for t in rows]
# Configure and warm up over every reply, outside the timing: the language layer loads its
# models on the first reply that needs one (seconds), a one-time cost throughput.py also
# leaves out. Warming on 50 replies left that load inside the timed pass.
list(checker.check_many(items))
nlp = spacy.blank("en")
t = time.perf_counter(); list(nlp.pipe(rows, batch_size=256)); floor = time.perf_counter() - t
t = time.perf_counter(); c = time.process_time()
list(checker.check_many(items))
ours, cpu = time.perf_counter() - t, time.process_time() - c
print(len(rows) / ours, len(rows) / floor, len(rows) / cpu)
"""


def once(checkout: Path) -> tuple[float, float, float]:
    out = subprocess.run([sys.executable, "-c", RUN, str(CORPUS)], capture_output=True,
                         text=True, check=True, cwd=tempfile.gettempdir(),
                         env={"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin"})
    ours, floor, cpu = map(float, out.stdout.split())
    return ours, floor, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkouts", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not CORPUS.is_file():
        raise SystemExit(f"{CORPUS} not found: run from a checkout with ../shared beside it")
    results: dict[Path, list[tuple[float, float, float]]] = {c.resolve(): [] for c in args.checkouts}
    for _ in range(args.runs):
        for checkout, values in results.items():
            values.append(once(checkout))
    for checkout, values in results.items():
        ours = statistics.median(o for o, _, _ in values)
        floor = statistics.median(f for _, f, _ in values)
        ratio = statistics.median(o / f for o, f, _ in values)
        cpu = sorted(c for _, _, c in values)
        print(f"{checkout}: {ours:,.0f} real replies/s; spaCy floor {floor:,.0f}/s; "
              f"ratio {ratio:.2f} (medians of {args.runs}); per CPU-second "
              f"{cpu[0]:,.0f}-{cpu[-1]:,.0f}, median {statistics.median(cpu):,.0f}")


if __name__ == "__main__":
    main()
