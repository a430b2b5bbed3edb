"""Recall of brandvoice's checks on held-out replies written by someone else.

``benchmarks/data/replies_en.jsonl`` (copied from the held-out evaluation sets, written
blind by people outside the team) holds English replies, each with a ``voice`` (``default``
or ``northmoor-bank``), a ``channel``, the ``text`` and what is ``expected``: ``clean`` (a good
reply) or the category of its problem (tone, readability, accessibility, vocabulary,
inclusive, channel, privacy). No rule was written or tuned on these replies: they are for
measuring only.

    python benchmarks/recall.py                    # tables
    python benchmarks/recall.py --misses out.csv   # ... and every miss and false alarm

A tuning set may mark rows ``"slice": "heldout"``: written in the same sitting as the rows
that rules are tuned on and never tuned on themselves. Their figures are printed in tables of
their own, and their misses are never written (``--misses`` lists the other rows' only).

An off-voice reply is **caught** when the checks report a warning or an error in its expected
category (what an agent sees before sending); the tables also show how many were caught
only at ``info`` (shown, but not as a problem) and how many were flagged in another
category only. A clean reply has a **false alarm** when any warning or error is reported.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

DEFAULT_DATA = ROOT / "benchmarks" / "data" / "replies_en.jsonl"
SHOWN = frozenset(("warning", "error"))
CATEGORIES = ("tone", "readability", "accessibility", "vocabulary", "inclusive", "channel",
              "privacy")


def voice_path(name: str) -> str | None:
    return None if name == "default" else str(ROOT / "voices" / f"{name}.yaml")


def load(path: Path) -> list[dict[str, str]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise SystemExit(f"{path}:{n}: not JSON ({exc.msg})") from None
    return rows


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "–"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--misses", type=Path, metavar="PATH",
                        help="write every miss and false alarm to this CSV")
    args = parser.parse_args(argv)

    import brandvoice
    from brandvoice.checks.engine import Item

    rows = load(args.data)
    started = time.perf_counter()
    by_voice: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_voice[r["voice"]].append(r)
    # (slice, voice, expected) -> [n, caught, info only, other category only]
    tally: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    misses: list[list[object]] = []
    for voice, cases in sorted(by_voice.items()):
        checker = brandvoice.Checker(voice_path(voice))
        reports = checker.check_many([Item(c["text"], c.get("channel") or "x", c.get("id"))
                                      for c in cases])
        for case, report in zip(cases, reports, strict=True):
            expected = case["expected"]
            part = "heldout" if case.get("slice") == "heldout" else ""
            shown = [f for f in report.findings if f.severity in SHOWN]
            t = tally[(part, voice, expected)]
            t[0] += 1
            rules = " ".join(sorted({f.rule for f in shown})) or "-"
            if expected == "clean":
                if shown:
                    t[1] += 1
                    if not part:
                            misses.append([case.get("id"), voice, case.get("channel"),
                                       expected, "false alarm", rules])
                continue
            if any(f.category == expected for f in shown):
                t[1] += 1
                continue
            if any(f.category == expected for f in report.findings):
                t[2] += 1
                why = "info only"
            elif shown:
                t[3] += 1
                why = "other category"
            else:
                why = "nothing"
            if not part:  # a held-out row's miss is never shown
                misses.append([case.get("id"), voice, case.get("channel"), expected, why,
                               rules])
    seconds = time.perf_counter() - started

    where = args.data.relative_to(ROOT) if args.data.is_relative_to(ROOT) else args.data
    parts = sorted({p for p, _v, _e in tally})
    held = sum(tally[k][0] for k in tally if k[0] == "heldout")
    if held:
        out = ["# brandvoice recall on a tuning set and its held-out slice\n",
               (f"{len(rows)} replies from `{where}`: {len(rows) - held} tuned on, {held} in "
                "the held-out slice (`\"slice\": \"heldout\"`), never tuned on, whose misses "
                "are never listed. Caught = a warning or error in the expected category.\n")]
    else:
        out = ["# brandvoice recall on held-out replies\n",
               (f"{len(rows)} replies from `{where}` (written blind by people outside the team; "
                "never used to write or tune rules). Caught = a warning or error in the "
                "expected category.\n")]
    for part in parts:
        label = " (held-out slice)" if part else (" (tuned on)" if held else "")
        for voice in sorted(by_voice):
            out.append(f"\n## {voice}{label}\n")
            out.append("| category | replies | caught | recall | info only | other category only |")
            out.append("|---|---:|---:|---:|---:|---:|")
            n_all = c_all = 0
            for cat in CATEGORIES:
                n, c, info, other = tally[(part, voice, cat)]
                n_all += n
                c_all += c
                out.append(f"| {cat} | {n} | {c} | {pct(c, n)} | {info} | {other} |")
            out.append(f"| **all off-voice** | {n_all} | {c_all} | {pct(c_all, n_all)} | | |")
            n, fa, _i, _o = tally[(part, voice, "clean")]
            out.append(f"\nClean replies: {n}; with a false alarm (any warning or error): {fa} "
                       f"({pct(fa, n)}).")
    print("\n".join(out))
    print(f"\nchecked {len(rows)} replies in {seconds:.1f} s", file=sys.stderr)
    if args.misses:
        with args.misses.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["id", "voice", "channel", "expected", "outcome", "rules reported"])
            w.writerows(misses)
        print(f"wrote {len(misses)} misses and false alarms to {args.misses}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
