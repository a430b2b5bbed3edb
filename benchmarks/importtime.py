"""``import brandvoice`` as ``python -X importtime`` reports it (the cumulative time of the
``brandvoice`` package), for one or more checkouts, interleaved; medians of N runs.

    git worktree add /tmp/old 2866e96
    python benchmarks/importtime.py /tmp/old .          # before and after, 21 runs each

Each checkout is put first on PYTHONPATH in a fresh interpreter started outside it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def once(checkout: Path) -> float:
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import brandvoice"],
                         capture_output=True, text=True, check=True, cwd=tempfile.gettempdir(),
                         env={"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin"})
    line = [x for x in out.stderr.splitlines() if x.rstrip().endswith("| brandvoice")][-1]
    return int(line.split("|")[1]) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkouts", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    times: dict[Path, list[float]] = {c.resolve(): [] for c in args.checkouts}
    for _ in range(args.runs):
        for checkout, values in times.items():
            values.append(once(checkout))
    for checkout, values in times.items():
        print(f"{checkout}: import brandvoice median {statistics.median(values):.1f} ms "
              f"(range {min(values):.1f}-{max(values):.1f}, {args.runs} runs)")


if __name__ == "__main__":
    main()
