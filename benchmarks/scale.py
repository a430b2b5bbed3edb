"""How brandvoice scales: with reply length, with the number of vocabulary terms, on a large
generated corpus, and auditing a million replies.

    python benchmarks/scale.py               # length, vocabulary, 100,000 replies
    python benchmarks/scale.py --million     # also: brandvoice audit of 1,000,000 replies

Prints the figures; docs/performance.md records a run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import rows, sentences  # noqa: E402


def median_time(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def by_length() -> None:
    from brandvoice import Checker, Item

    checker = Checker()
    pool = sentences()
    rng = random.Random(3)
    print("time per reply by length (default checks, one process)")
    for words in (10, 25, 50, 100, 200, 400):
        batch = []
        for _ in range(200):
            text, n = [], 0
            while n < words:
                s = rng.choice(pool)
                text.append(s)
                n += len(s.split())
            batch.append(Item(" ".join(text), "email"))
        list(checker.check_many(batch[:5]))
        t = median_time(lambda b=batch: list(checker.check_many(b)))
        print(f"  ~{words:>3} words: {t / len(batch) * 1e3:7.3f} ms/reply")


def by_vocabulary() -> None:
    from brandvoice import Checker, Item, load_voice

    replies = [r["text"] for r in rows(3000, 30)]
    items = [Item(t, r) for t, r in zip(replies, ["x"] * len(replies), strict=True)]
    rng = random.Random(5)
    letters = "abcdefghijklmnopqrstuvwxyz"
    print("replies/s by number of banned terms in the voice")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1, 100, 10_000):
            terms = {"".join(rng.choice(letters) for _ in range(9)) for _ in range(n)}
            path = Path(tmp) / f"v{n}.yaml"
            body = "\n".join(f"    {t}: {{replacement: x}}" for t in sorted(terms))
            path.write_text(f"voice: {{name: V{n}}}\nvocabulary:\n  banned:\n{body}\n")
            started = time.perf_counter()
            checker = Checker(load_voice(path))
            list(checker.check_many(items[:10]))
            setup = time.perf_counter() - started
            t = median_time(lambda c=checker: list(c.check_many(items)), 3)
            print(f"  {n:>6} terms: {len(items) / t:8,.0f} replies/s "
                  f"(voice load and matcher build {setup:.2f} s)")


def large_corpus(n: int) -> None:
    from brandvoice import Checker, Item

    items = [Item(r["text"], r["channel"], r["id"]) for r in rows(n, 90)]
    checker = Checker()
    list(checker.check_many(items[:50]))
    started = time.perf_counter()
    count = sum(1 for _ in checker.check_many(items))
    t = time.perf_counter() - started
    print(f"generated corpus: {count:,} replies in {t:.1f} s = {count / t:,.0f} replies/s "
          "(API, one process)")


def million() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "million.jsonl"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "1000000",
                        str(src), "--days", "365"], check=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "brandvoice", "audit", str(src), "--out",
                        str(Path(tmp) / "out"), "--jobs", "2", "--quiet"], check=True)
        t = time.perf_counter() - started
        print(f"brandvoice audit of 1,000,000 replies, --jobs 2: {t / 60:.1f} min "
              f"({1_000_000 / t:,.0f} replies/s, reading and writing included)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--million", action="store_true")
    args = parser.parse_args()
    by_length()
    by_vocabulary()
    large_corpus(100_000)
    if args.million:
        million()
    return 0


if __name__ == "__main__":
    sys.exit(main())
