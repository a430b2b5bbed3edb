"""Where one pass over the real replies spends its time: each check's share, and each
module-level regular expression's (every compiled pattern in brandvoice is wrapped in a
timer for the run). What to look at first when throughput drops.

    python benchmarks/profile_checks.py            # 3 timed passes after a warm-up pass
    python benchmarks/profile_checks.py --top 40

Shares are of wall time in one process, with the timers' own overhead (about half a
microsecond a call) included: compare two runs made in the same minutes, not across days.
A check's figure includes the per-reply values it computes first and later checks reuse
(the prose, the words): tone runs first.
"""

from __future__ import annotations

import argparse
import collections
import csv
import importlib
import pkgutil
import re
import sys
import time
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "twcs_brand_replies.csv"

spent: collections.Counter[str] = collections.Counter()
calls: collections.Counter[str] = collections.Counter()


class Timed:
    """A compiled pattern whose searches are timed under ``name`` (finditer: the whole scan)."""

    def __init__(self, pattern: Any, name: str) -> None:
        self._pattern, self._name = pattern, name

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._pattern, attr)

    def _run(self, method: str, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        out = getattr(self._pattern, method)(*args, **kwargs)
        if method == "finditer":
            out = iter(list(out))
        spent[self._name] += time.perf_counter() - started
        calls[self._name] += 1
        return out

    def search(self, *a: Any, **k: Any) -> Any: return self._run("search", *a, **k)
    def match(self, *a: Any, **k: Any) -> Any: return self._run("match", *a, **k)
    def fullmatch(self, *a: Any, **k: Any) -> Any: return self._run("fullmatch", *a, **k)
    def finditer(self, *a: Any, **k: Any) -> Any: return self._run("finditer", *a, **k)
    def findall(self, *a: Any, **k: Any) -> Any: return self._run("findall", *a, **k)
    def sub(self, *a: Any, **k: Any) -> Any: return self._run("sub", *a, **k)
    def split(self, *a: Any, **k: Any) -> Any: return self._run("split", *a, **k)


def wrap_patterns() -> None:
    import brandvoice

    for info in pkgutil.walk_packages(brandvoice.__path__, "brandvoice."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for attr, value in list(vars(module).items()):
            if isinstance(value, (regex.Pattern, re.Pattern)):
                setattr(module, attr, Timed(value, f"{info.name.rsplit('.', 1)[-1]}.{attr}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    if not CORPUS.is_file():
        raise SystemExit(f"{CORPUS} not found: run from a checkout with ../shared beside it")
    with CORPUS.open(encoding="utf-8") as fh:
        texts = [row["text"] for row in csv.DictReader(fh)]
    wrap_patterns()
    from brandvoice import Checker, Item

    checker = Checker()
    items = [Item(t, "x") for t in texts]
    list(checker.check_many(items))  # configure, load the language models
    per_check: collections.Counter[str] = collections.Counter()
    for check, _config in checker.checks:
        def timed(reply: Any, config: Any, run: Any = check.check, name: str = check.name) -> Any:
            started = time.perf_counter()
            out = list(run(reply, config))
            per_check[name] += time.perf_counter() - started
            return out
        check.check = timed  # type: ignore[method-assign]
    spent.clear()
    calls.clear()
    started = time.perf_counter()
    for _ in range(args.passes):
        list(checker.check_many(items))
    total = (time.perf_counter() - started) / args.passes
    n = args.passes
    print(f"{len(texts):,} replies, {n} passes: {total * 1000:.0f} ms a pass")
    print("per check (ms a pass):")
    for name, seconds in per_check.most_common():
        print(f"  {name:<16} {seconds / n * 1000:7.1f}")
    rest = total - sum(per_check.values()) / n
    print(f"  {'spaCy and engine':<16} {rest * 1000:7.1f}")
    print(f"regular expressions (ms a pass, calls a pass), top {args.top}; all: "
          f"{sum(spent.values()) / n * 1000:.0f} ms")
    for name, seconds in spent.most_common(args.top):
        print(f"  {name:<40} {seconds / n * 1000:6.2f} {calls[name] // n:6,}")


if __name__ == "__main__":
    main()
