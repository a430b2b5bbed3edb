"""Triage speed with the built-in playbook, in one process: messages per second (median of
several rounds over the 2,188 real customer messages in ../shared/corpus, or over generated
messages without it) and the start-up cost (import, playbook load, trigger compilation and
embedding the examples, with the first message), each in a fresh interpreter.

    python benchmarks/triage_speed.py [--rounds 5]

The figures depend on the machine and on what else runs on it: take the medians, and rerun
on an idle machine before comparing. docs/triage-report.md records a run.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "twcs_customer_messages.csv"
NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.timezone.utc)

STARTUP = """
import time, datetime as dt
t0 = time.perf_counter()
from brandvoice.playbooks.triage import Triager
t1 = time.perf_counter()
t = Triager()
t.triage("hello", dt.datetime(2026, 11, 24, 12, tzinfo=dt.timezone.utc))
t2 = time.perf_counter()
print(f"{t1 - t0:.3f} {t2 - t1:.3f}")
"""


def messages() -> list[str]:
    if CORPUS.is_file():
        with CORPUS.open(encoding="utf-8") as fh:
            return [row["text"] for row in csv.DictReader(fh)]
    rows = [json.loads(line) for line in
            (ROOT / "benchmarks/data/triage_paraphrases.jsonl").open(encoding="utf-8")]
    return [r["text"] for r in rows] * 20


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    starts = []
    for _ in range(args.rounds):
        out = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout.split()
        starts.append((float(out[0]), float(out[1])))
    imp = statistics.median(s[0] for s in starts)
    load = statistics.median(s[1] for s in starts)
    print(f"start-up (median of {args.rounds} fresh interpreters): import {imp:.2f} s, "
          f"playbook + triggers + example embeddings + first message {load:.2f} s")

    from brandvoice.playbooks.triage import Triager

    triager = Triager()
    triager.triage("warm up", NOW)
    texts = messages()
    rates, cpu_rates = [], []
    for _ in range(args.rounds):
        t, c = time.perf_counter(), time.process_time()
        n = sum(1 for _ in triager.triage_many(texts, now=NOW))
        rates.append(n / (time.perf_counter() - t))
        cpu_rates.append(n / (time.process_time() - c))
    print(f"throughput: {statistics.median(rates):,.0f} messages/s wall clock (median of "
          f"{args.rounds} rounds of {len(texts):,} messages; min {min(rates):,.0f}, max "
          f"{max(rates):,.0f})")
    # On a shared machine the wall clock counts time spent waiting for a core; CPU time
    # counts only this process's work, which is what one process on an idle core gets.
    print(f"throughput per CPU-second of this process: {statistics.median(cpu_rates):,.0f} "
          "messages/s")


if __name__ == "__main__":
    main()
