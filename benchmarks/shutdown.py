"""How long the ``brandvoice`` command takes to shut down after its work is done: a normal
exit, a normal exit after :func:`gc.freeze` (what ``brandvoice.cli.app.run`` does), and
``os._exit`` (skipping shutdown altogether, for reference). Measured from the moment the
command's output is flushed to the moment the parent sees the process end; medians of N runs.

    python benchmarks/shutdown.py           # 9 runs of each
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["check", "--voice", str(ROOT / "voices" / "crumbly.yaml"),
        "Thanks for waiting, Sam! Your parcel is on its way. -Jo"]
PRELUDE = ("import gc, os, sys, time\nfrom brandvoice.cli.app import main\n"
           f"code = main({ARGS!r})\nsys.stdout.flush()\n"
           "print('T', time.time(), file=sys.stderr, flush=True)\n")
VARIANTS = {
    "normal exit": "sys.exit(code)",
    "gc.freeze(), normal exit (run)": "gc.freeze()\nsys.exit(code)",
    "os._exit (no shutdown)": "os._exit(code)",
}


def teardown(ending: str) -> float:
    out = subprocess.run([sys.executable, "-c", PRELUDE + ending], capture_output=True,
                         text=True, check=False)
    end = time.time()
    marks = [line for line in out.stderr.splitlines() if line.startswith("T ")]
    if not marks:
        raise SystemExit(f"the command failed: {out.stderr}")
    return (end - float(marks[0].split()[1])) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for _ in range(args.runs):  # interleaved, so a burst of load hits every variant alike
        for name, ending in VARIANTS.items():
            times[name].append(teardown(ending))
    for name, values in times.items():
        print(f"{name:32} shutdown median {statistics.median(values):6.0f} ms  "
              f"(range {min(values):.0f}-{max(values):.0f}, {args.runs} runs)")


if __name__ == "__main__":
    main()
