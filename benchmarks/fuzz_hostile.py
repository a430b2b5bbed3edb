"""Fuzz the public entry points with random hostile text: the checks, triage, drafting (text
as template variables) and the review gate. Any exception other than a documented input
error (:class:`brandvoice.errors.BrandvoiceError`) is a failure.

    python benchmarks/fuzz_hostile.py                 # 100,000 texts (about 35 CPU-minutes)
    python benchmarks/fuzz_hostile.py --count 2000 --seed 7
    python benchmarks/fuzz_hostile.py --jobs 2 --progress   # split over two processes

Prints the number of texts through each entry point, the input errors by message, and
every unexpected exception with the seed and index that reproduce it; exits 1 if there was
any. tests/test_fuzz_hostile.py runs a seeded slice of it in CI.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

# Pieces that have broken text handling somewhere: surrogates, controls, bidi and zero-width
# characters, combining marks, emoji with joiners, template and format syntax, markup, URLs,
# digits that look like cards and phones, very long words.
PIECES = [
    "\ud83d", "\udc00", "\x00", "\x1b[31m", "\r\n", "\u2028", "\u202e", "\u200b", "\ufeff",
    "\u0301" * 30, "👩‍👩‍👧‍👦", "🏳️‍🌈", "{{ 7*7 }}", "{% for x in range(9) %}", "{#", "%s%n%d",
    "{0}{1}", "<script>alert(1)</script>", "https://example.com/" + "a" * 50, "@" * 40,
    "#tag" * 30, "4111 1111 1111 1111", "+44 20 7946 0958", "jo@example.com", "A" * 500,
    "!!!!????", "ＦＵＬＬＷＩＤＴＨ", "Ǆ ǅ ǆ", "İstanbul", "ß" * 20, "مرحبا", "שלום", "你好世界",
    "\t" * 20, " " * 200, "-Jo", "Hi @sam", "glass", "lawyer", "refund", "\\", "'\"`",
]
ALPHABET = [chr(c) for c in range(32, 127)] + [" "] * 20


def random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 12)):
        roll = rng.random()
        if roll < 0.45:
            parts.append(rng.choice(PIECES))
        elif roll < 0.8:
            parts.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 40))))
        elif roll < 0.95:
            parts.append(chr(rng.randint(0x80, 0x2FFFF)) * rng.randint(1, 5))
        else:
            parts.append(rng.choice(PIECES) * rng.randint(50, 3000))
    return "".join(parts)


def texts(count: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(count):
        yield random_text(rng)


class Tally:
    def __init__(self) -> None:
        self.runs: collections.Counter[str] = collections.Counter()
        self.input_errors: collections.Counter[str] = collections.Counter()
        self.failures: list[str] = []

    def call(self, where: str, index: int, seed: int, fn: Callable[[], Any]) -> Any:
        from brandvoice.errors import BrandvoiceError

        self.runs[where] += 1
        try:
            return fn()
        except BrandvoiceError as exc:
            self.input_errors[f"{where}: {str(exc).split(':')[0][:60]}"] += 1
        except Exception as exc:  # noqa: BLE001 - the point: record anything else
            self.failures.append(f"{where} (seed {seed}, text {index}): {type(exc).__name__}: "
                                 f"{exc}\n{traceback.format_exc(limit=4)}")
        return None


def run_range(count: int, seed: int, reviews: int, drafts: int, start: int, stop: int,
              show_progress: bool = False) -> Tally:
    """Texts ``start`` to ``stop`` of the seeded stream (the stream itself does not change with
    the split, so a run in several processes covers exactly the texts of a run in one)."""
    from brandvoice import Checker
    from brandvoice.checks.engine import Item
    from brandvoice.playbooks.drafting import draft
    from brandvoice.playbooks.model import load_playbook
    from brandvoice.playbooks.triage import Triager
    from brandvoice.review.gate import ReviewDesk

    tally = Tally()
    checker = Checker()
    playbook = load_playbook(None)
    triager = Triager(playbook)
    batch: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        desk = ReviewDesk(f"sqlite:///{tmp}/fuzz.db", keys=["fuzz-key-0123456789abcdef"])
        for i, text in enumerate(texts(count, seed)):
            if i < start:
                continue
            if i >= stop:
                break
            batch.append(text)
            if i < reviews:
                tally.call("review.submit", i, seed,
                           lambda text=text: desk.submit(text, author=text[:30] or "x"))
            if i < drafts:
                tally.call("draft", i, seed, lambda text=text: draft(
                    text, playbook, context={"customer": {"name": text[:80]},
                                             "agent": text[:20]}))
            if len(batch) == 500 or i == stop - 1:
                first = i - len(batch) + 1

                def check_all(batch: list[str] = batch) -> None:
                    for report in checker.check_many([Item(t, "x") for t in batch]):
                        report.to_dict()

                def triage_all(batch: list[str] = batch) -> None:
                    for result in triager.triage_many(batch):
                        result.to_dict()

                # A batch that fails is rerun one text at a time, to name the text.
                if tally.call("check(batch)", first, seed, check_all) is None and \
                        tally.failures and "check(batch)" in tally.failures[-1]:
                    tally.failures.pop()
                    for j, t in enumerate(batch):
                        tally.call("check", first + j, seed,
                                   lambda t=t: checker.check(t, "x").to_dict())
                if tally.call("triage(batch)", first, seed, triage_all) is None and \
                        tally.failures and "triage(batch)" in tally.failures[-1]:
                    tally.failures.pop()
                    for j, t in enumerate(batch):
                        tally.call("triage", first + j, seed,
                                   lambda t=t: triager.triage(t).to_dict())
                batch = []
                if show_progress:
                    print(f"  [{start:,}-{stop:,}] {i + 1 - start:,} done", file=sys.stderr,
                          flush=True)
    return tally


def _run_part(args: tuple[int, int, int, int, int, int, bool]) -> Tally:
    return run_range(*args)


def run(count: int, seed: int, reviews: int, drafts: int, out: Any = sys.stdout,
        jobs: int = 1, show_progress: bool = False) -> Tally:
    started = time.perf_counter()
    bounds = [count * k // jobs for k in range(jobs + 1)]
    parts = [(count, seed, reviews, drafts, bounds[k], bounds[k + 1], show_progress)
             for k in range(jobs)]
    if jobs == 1:
        tallies = [_run_part(parts[0])]
    else:
        import multiprocessing

        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            tallies = pool.map(_run_part, parts)
    tally = Tally()
    for part in tallies:
        tally.runs.update(part.runs)
        tally.input_errors.update(part.input_errors)
        tally.failures.extend(part.failures)
    elapsed = time.perf_counter() - started
    print(f"{count:,} random texts (seed {seed}) in {elapsed:.0f} s"
          + (f" over {jobs} processes" if jobs > 1 else ""), file=out)
    print(f"  checks: {count:,} texts in batches of 500; triage: {count:,}; "
          f"drafts: {min(drafts, count):,}; review submissions: {min(reviews, count):,}",
          file=out)
    for what, n in sorted(tally.input_errors.items()):
        print(f"  input error x{n}: {what}", file=out)
    print(f"  unexpected exceptions: {len(tally.failures)}", file=out)
    for failure in tally.failures[:20]:
        print("  " + failure.replace("\n", "\n    "), file=out)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--reviews", type=int, default=2_000,
                        help="texts also submitted for review (each is a transaction)")
    parser.add_argument("--drafts", type=int, default=2_000,
                        help="texts also used as template variables in a draft")
    parser.add_argument("--jobs", type=int, default=1,
                        help="processes; each takes a contiguous share of the same stream")
    parser.add_argument("--progress", action="store_true",
                        help="print a line to stderr after every batch of 500")
    args = parser.parse_args()
    tally = run(args.count, args.seed, args.reviews, args.drafts, jobs=args.jobs,
                show_progress=args.progress)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
