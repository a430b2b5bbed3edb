"""What brandvoice.analysis.lean_imports saves: spaCy and textstat imported the supported way
(``import spacy``, ``import textstat``) against the lean way, each in a fresh interpreter;
and ``import brandvoice`` itself. Medians of N runs, in milliseconds.

    python benchmarks/imports.py            # 9 runs of each
    python benchmarks/imports.py --runs 21

Decides whether the stand-ins are still worth their keep: if the supported imports cost
about the same, lean_imports should go.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

CASES = {
    "import brandvoice": "import brandvoice",
    "import spacy (supported)": "import spacy",
    "import_spacy() (lean)":
        "from brandvoice.analysis.lean_imports import import_spacy; import_spacy()",
    "import textstat (supported)": "import textstat",
    "import_textstat() (lean)":
        "from brandvoice.analysis.lean_imports import import_textstat; import_textstat()",
}

TIMED = """
import time
t = time.perf_counter()
{code}
print((time.perf_counter() - t) * 1000)
"""


def once(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", TIMED.format(code=code)], capture_output=True,
                         text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.runs):  # interleaved, so a burst of load hits every case alike
        for name, code in CASES.items():
            times[name].append(once(code))
    for name, values in times.items():
        print(f"{name:32} median {statistics.median(values):7.1f} ms  "
              f"(range {min(values):.1f}-{max(values):.1f}, {args.runs} runs)")


if __name__ == "__main__":
    main()
