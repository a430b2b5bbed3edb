"""Start-up of the command line, process start to exit, for one or more checkouts,
interleaved (each round runs every command once in every checkout), medians of N rounds,
with the CPU time the command and its child processes used (on a loaded machine the wall
time follows the CPU time: work moved to a second process overlaps only on a free core):

* ``lint voices/``, cold (``BRANDVOICE_NO_CACHE=1``: every voice's examples run) and warm
  (example results cached, in a cache folder of the benchmark's own);
* ``check`` of one English reply with the built-in voice;
* ``check`` of one Korean reply with ``voices/hanbit-air-ko.yaml``: a polite one, whose
  speech levels are read without Kiwi, and one that needs Kiwi's analysis (its model loads).

    git worktree add --detach /tmp/old main~5      # the code before, detached
    python benchmarks/startup.py /tmp/old .             # before and after, 9 rounds
    python benchmarks/startup.py . --runs 5 --only lint-cold

Each checkout runs as ``python -m brandvoice`` with the checkout first on PYTHONPATH and the
checkout as working directory, so both run their own code and their own voices/; bytecode
is written and used (``__pycache__``), as it is for an installed package.
``benchmarks/throughput.py`` reports the same figures for the installed command, once.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KOREAN_REPLY = "불편을 드려 죄송합니다. 예약번호를 DM으로 보내 주시면 바로 확인해 드릴게요."
# "이미 ... 안내해 드렸는데": blame that only Kiwi's morphemes show.
KOREAN_KIWI = "이미 여러 차례 안내해 드렸는데요, 공지사항을 확인하셨어야 합니다."
COMMANDS: dict[str, tuple[list[str], dict[str, str]]] = {
    "lint-cold": (["lint", "voices/"], {"BRANDVOICE_NO_CACHE": "1"}),
    "lint-warm": (["lint", "voices/"], {}),
    "check-en": (["check", "Thanks, we're on it!"], {}),
    "check-ko": (["check", "--voice", "voices/hanbit-air-ko.yaml", KOREAN_REPLY], {}),
    "check-ko-kiwi": (["check", "--voice", "voices/hanbit-air-ko.yaml", KOREAN_KIWI], {}),
}
LABELS = {
    "lint-cold": "brandvoice lint voices/ (cold, examples run)",
    "lint-warm": "brandvoice lint voices/ (warm, example results cached)",
    "check-en": "brandvoice check of one English reply, cold",
    "check-ko": "brandvoice check of one polite Korean reply (hanbit-air-ko), cold",
    "check-ko-kiwi": "brandvoice check of one Korean reply that needs Kiwi, cold",
}


def once(checkout: Path, name: str, cache: str) -> tuple[float, float]:
    """Wall time, and CPU time (user and system) of the command and its children."""
    args, extra = COMMANDS[name]
    env = {**os.environ, "PYTHONPATH": str(checkout), "XDG_CACHE_HOME": cache, **extra}
    # Bytecode is written (by the untimed first run) and read, as for an installed package:
    # with PYTHONDONTWRITEBYTECODE set, every run would compile brandvoice's sources anew.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "brandvoice", *args], cwd=checkout, env=env,
                          capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: findings; anything else is a failure
        raise SystemExit(f"{checkout}: brandvoice {' '.join(args)} exited "
                         f"{done.returncode}:\n{done.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkouts", nargs="*", type=Path, default=[Path(".")])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--only", choices=sorted(COMMANDS), action="append",
                        help="run only this command (repeatable)")
    args = parser.parse_args()
    names = args.only or list(COMMANDS)
    checkouts = [c.resolve() for c in args.checkouts]
    with tempfile.TemporaryDirectory() as tmp:
        caches = {c: str(Path(tmp) / str(i)) for i, c in enumerate(checkouts)}
        for c in checkouts:  # fill the example cache once, outside the timing
            once(c, "lint-warm", caches[c])
        times: dict[tuple[Path, str], list[tuple[float, float]]] = {
            (c, n): [] for c in checkouts for n in names}
        for _ in range(args.runs):
            for name in names:
                for c in checkouts:
                    times[c, name].append(once(c, name, caches[c]))
    for c in checkouts:
        print(f"{c}:")
        for name in names:
            wall = [w for w, _cpu in times[c, name]]
            cpu = [u for _w, u in times[c, name]]
            print(f"  {LABELS[name]}: median {statistics.median(wall):.2f} s "
                  f"(range {min(wall):.2f}-{max(wall):.2f}, {args.runs} runs); "
                  f"CPU {statistics.median(cpu):.2f} s")


if __name__ == "__main__":
    main()
