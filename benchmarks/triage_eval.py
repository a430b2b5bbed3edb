"""How well the built-in playbook triages messages it has never seen.

Each set is JSONL: ``id``, ``text``, ``expected`` (scenario), ``also_ok`` (other acceptable
scenarios), ``min_severity`` (the least severe acceptable severity), ``escalate`` (whether a
person should be brought in now) and ``category``. Sets:

* ``benchmarks/data/triage_heldout.jsonl``: 494 messages written blind by people outside the
  team. Never used for tuning.
* ``benchmarks/data/triage_heldout_v2.jsonl``: 380 messages written later, blind, by another
  writer outside the team, and first run after the fourth session's last tuning round.
* ``benchmarks/data/triage_heldout_v3.jsonl``: 400 messages written blind by a third writer,
  and first run after the fifth session's last tuning round.
* ``benchmarks/data/triage_heldout_v4.jsonl``: 400 messages written blind by a fourth writer
  at the start of the sixth session, read by a second reader who agreed with every label, kept
  outside the repository while that session tuned, and first run after its last tuning round.
* ``benchmarks/data/triage_heldout_v5.jsonl``: 400 messages written blind by a fifth writer at
  the start of the seventh session, read by a second reader who agreed with every label, kept
  outside the repository while that session tuned, and first run after its last tuning round
  (the freshest measure).
* ``benchmarks/data/triage_own_heldout.jsonl``: 140 messages we wrote before the last round
  of tuning, kept apart from the playbook's examples.
* ``benchmarks/data/triage_paraphrases.jsonl``: 127 paraphrases used to choose the
  similarity method and its thresholds (a validation set: figures on it are optimistic).
* ``benchmarks/data/tuning_triage_data_heldout.jsonl``: 87 data-risk messages (account
  takeover, data exposure, data-protection requests, legal, press, spam, routine near misses)
  written before the data-risk tuning rounds and never tuned on (only its totals were read).
* ``benchmarks/data/tuning_triage_data.jsonl``: 255 data-risk messages whose misses were read
  to tune those scenarios: figures on it are optimistic.
* ``benchmarks/data/tuning_triage_safety.jsonl``: threats, self-harm, injuries, violent
  idioms and angry complaints, written in three waves, each before the triggers were tuned on
  it (a tuning set: figures on it are optimistic).
* ``benchmarks/data/tuning_triage_safety_heldout.jsonl``: its held-out slice, written with
  each wave and never tuned on.
* ``benchmarks/data/learned_validation.jsonl``: 240 messages (a fixed-seed 20% of the
  training messages written for the learned layer) that it never trains on; its thresholds
  and settings were chosen on them (a validation set: optimistic).
* ``benchmarks/data/learned_validation_s6.jsonl``: 100 messages (a fixed-seed 25% of 400
  training messages by an independent writer) never trained or tuned on; figures only, its
  misses are not listed.

The tuning sets and the paraphrases are training data of the learned layer (they are among
the playbook's examples, ``brandvoice/data/examples/``): figures on them are optimistic.

Misses are listed for our own sets only: the blind set's texts are not for reading (its
figures per scenario and category are enough to see where triage fails).

Measures: scenario accuracy (expected or also_ok) per scenario and per category; escalate
agreement (the result escalates exactly when the set says so); severity agreement (the result
is at least as severe as ``min_severity``; exact too); and the count that must be zero:
critical or high messages triaged low *and* left without a person (no escalation, no
hand-off). Messages in a language the playbook does not cover are routed to a person by
design; they are counted and shown apart.

A tuning file may mark rows ``"slice": "heldout"`` before anything is tuned on it:
``--slice heldout`` measures those rows alone (figures only, misses never listed) and
``--slice tuning`` the others (``benchmarks/data/tuning_triage_s7.jsonl``).

Run: ``python benchmarks/triage_eval.py [SET.jsonl ...] [--slice tuning|heldout] [--markdown FILE] [--misses]
[--report]`` (``--report`` rewrites the generated block of docs/triage-report.md).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from brandvoice.playbooks.triage import Triager  # noqa: E402

SEVERITY_RANK = {"critical": 0, "high": 1, "normal": 2, "low": 3}
DEFAULT_SETS = ["benchmarks/data/triage_heldout.jsonl",
                "benchmarks/data/triage_heldout_v2.jsonl",
                "benchmarks/data/triage_heldout_v3.jsonl",
                "benchmarks/data/triage_heldout_v4.jsonl",
                "benchmarks/data/triage_heldout_v5.jsonl",
                "benchmarks/data/triage_own_heldout.jsonl",
                "benchmarks/data/triage_paraphrases.jsonl",
                "benchmarks/data/tuning_triage_data_heldout.jsonl",
                "benchmarks/data/tuning_triage_data.jsonl",
                "benchmarks/data/tuning_triage_safety.jsonl",
                "benchmarks/data/tuning_triage_safety_heldout.jsonl",
                "benchmarks/data/learned_validation.jsonl",
                "benchmarks/data/learned_validation_s6.jsonl"]
BLIND = {"benchmarks/data/triage_heldout.jsonl", "benchmarks/data/triage_heldout_v2.jsonl",
         "benchmarks/data/triage_heldout_v3.jsonl", "benchmarks/data/triage_heldout_v4.jsonl",
         "benchmarks/data/triage_heldout_v5.jsonl",
         # Ours, but validation slices never tuned on: their figures only, like a blind set's.
         "benchmarks/data/learned_validation_s6.jsonl",
         "benchmarks/data/learned_validation_s7.jsonl"}
# A weekday at noon in the playbook's time zone: out-of-hours rules stay quiet.
NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.timezone.utc)


def evaluate(path: Path, triager: Triager, part: str | None = None) -> dict[str, Any]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    # A tuning file's rows marked "slice": "heldout" before any change are measured apart.
    if part == "heldout":
        rows = [r for r in rows if r.get("slice") == "heldout"]
    elif part == "tuning":
        rows = [r for r in rows if r.get("slice") != "heldout"]
    results = list(triager.triage_many([r["text"] for r in rows], now=NOW))
    # A set outside the repository (a writer's file before it is copied in) is named in full.
    name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    if part:
        name += f" ({part} slice)"
    out: dict[str, Any] = {"set": name, "n": len(rows), "rows": []}
    for row, r in zip(rows, results, strict=True):
        ok = {row["expected"], *row.get("also_ok", [])}
        want = SEVERITY_RANK.get(row.get("min_severity") or "")
        person = r.escalate or r.handoff
        out["rows"].append({
            "id": row["id"], "text": row["text"], "category": row.get("category", ""),
            "expected": row["expected"], "got": r.scenario, "right": r.scenario in ok,
            "severity": r.severity, "min_severity": row.get("min_severity"),
            "severity_ok": want is None or r.severity_rank <= want,
            "severity_exact": want is None or r.severity_rank == want,
            "escalate": r.escalate, "want_escalate": row.get("escalate"),
            "escalate_ok": row.get("escalate") is None or r.escalate == row["escalate"],
            "silent_low": want is not None and want <= 1 and r.severity == "low"
            and not person,
            "low": want is not None and want <= 1 and r.severity == "low",
            "covered": r.language_covered, "language": r.language,
            "confidence": r.confidence, "why": r.why, "review": bool(r.review_reasons),
        })
    return out


def pct(a: int, b: int) -> str:
    return f"{a / b:.1%}" if b else "-"


def table(rows: list[dict[str, Any]], key: str, title: str) -> list[str]:
    groups: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for r in rows:
        groups[r[key]].append(r)
    lines = [f"| {title} | n | scenario right | escalate agrees | at least as severe |",
             "|---|---:|---:|---:|---:|"]
    for name in sorted(groups, key=lambda g: (-len(groups[g]), g)):
        g = groups[name]
        lines.append(f"| {name} | {len(g)} | {pct(sum(r['right'] for r in g), len(g))} | "
                     f"{pct(sum(r['escalate_ok'] for r in g), len(g))} | "
                     f"{pct(sum(r['severity_ok'] for r in g), len(g))} |")
    return lines


def summary(ev: dict[str, Any]) -> list[str]:
    rows = ev["rows"]
    n = len(rows)
    covered = [r for r in rows if r["covered"]]
    other = [r for r in rows if not r["covered"]]
    lines = [f"### {ev['set']} ({n} messages)", ""]
    lines.append("| measure | all | in a covered language |")
    lines.append("|---|---:|---:|")
    for label, key in (("scenario right (expected or also_ok)", "right"),
                       ("escalate agrees", "escalate_ok"),
                       ("severity at least the minimum", "severity_ok"),
                       ("severity exactly the minimum", "severity_exact")):
        lines.append(f"| {label} | {pct(sum(r[key] for r in rows), n)} | "
                     f"{pct(sum(r[key] for r in covered), len(covered))} |")
    serious = [r for r in rows if SEVERITY_RANK.get(r["min_severity"] or "", 9) <= 1]
    lines.append(f"| critical/high messages triaged low | {sum(r['low'] for r in rows)} of "
                 f"{len(serious)} | {sum(r['low'] for r in covered)} |")
    lines.append(f"| ...and left without a person (no escalation, no hand-off) | "
                 f"**{sum(r['silent_low'] for r in rows)}** | "
                 f"{sum(r['silent_low'] for r in covered)} |")
    lines.append(f"| sent to a person for review (weak match to a serious scenario) | "
                 f"{sum(r['review'] for r in rows)} | {sum(r['review'] for r in covered)} |")
    if other:
        langs = collections.Counter(r["language"] for r in other)
        lines.append(f"| in a language the playbook does not cover (handed to a person) | "
                     f"{len(other)} ({', '.join(f'{k} {v}' for k, v in langs.most_common())})"
                     " | - |")
    lines += ["", *table(rows, "expected", "expected scenario"), ""]
    if any(r["category"] for r in rows):
        lines += [*table(rows, "category", "category"), ""]
    return lines


def misses(ev: dict[str, Any]) -> list[str]:
    lines = [f"Misses in {ev['set']} (scenario wrong, or escalation or severity disagrees):",
             "", "| id | category | expected | got | severity (min) | escalate (want) | why |",
             "|---|---|---|---|---|---|---|"]
    for r in ev["rows"]:
        if r["right"] and r["escalate_ok"] and r["severity_ok"]:
            continue
        why = r["why"].replace("|", "/")
        if len(why) > 110:
            why = why[:109] + "…"
        lines.append(f"| {r['id']} | {r['category']} | {r['expected']} | "
                     f"{'' if r['right'] else '**'}{r['got']}{'' if r['right'] else '**'} | "
                     f"{r['severity']} ({r['min_severity']}) | "
                     f"{str(r['escalate']).lower()} ({str(r['want_escalate']).lower()}) | "
                     f"{why} |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*", default=DEFAULT_SETS)
    ap.add_argument("--markdown", help="write the report (misses included) to this file")
    ap.add_argument("--report", action="store_true", help="rewrite the generated block of "
                    "docs/triage-report.md with the report (misses included)")
    ap.add_argument("--misses", action="store_true", help="print the misses too")
    ap.add_argument("--slice", choices=["tuning", "heldout"],
                    help='only the rows of a tuning file marked "slice": "heldout" (figures '
                    "only, never misses) or only the others")
    args = ap.parse_args()
    triager = Triager()
    evs = [evaluate(ROOT / s, triager, args.slice) for s in args.sets]
    text: list[str] = []
    for ev in evs:
        text += summary(ev)
    print("\n".join(text))
    own = [ev for ev in evs if ev["set"] not in BLIND and args.slice != "heldout"]
    if args.misses:
        for ev in own:
            print("\n".join(misses(ev)))
    full = list(text)
    for ev in own:
        full += [*misses(ev), ""]
    if args.markdown:
        Path(args.markdown).write_text("\n".join(full) + "\n", encoding="utf-8")
    if args.report:
        doc = ROOT / "docs" / "triage-report.md"
        pattern = re.compile(r"(<!-- BEGIN GENERATED: triage-eval -->\n)(?:.*?\n)?"
                             r"(<!-- END GENERATED: triage-eval -->)", re.S)
        body = "\n".join(full).rstrip() + "\n"
        doc.write_text(pattern.sub(lambda m: m.group(1) + body + m.group(2),
                                   doc.read_text("utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
