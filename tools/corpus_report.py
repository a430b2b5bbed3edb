"""Regenerate the corpus reports in docs/ from ../shared/corpus.

    python tools/corpus_report.py

- docs/corpus-report.md: all 2,222 real brand replies through ``brandvoice check --input``
  (the real CLI, in a subprocess), counts per rule and samples of what each rule flagged.
- docs/triage-report.md: all 2,188 real customer messages through ``brandvoice triage
  --input``, the distribution of scenarios and a sample of each.

Only the blocks between ``<!-- BEGIN GENERATED: ... -->`` markers are rewritten; the
reviewers' notes around them are prose written by people who read the samples.
"""

from __future__ import annotations

import collections
import json
import random
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
NOW = "2026-11-24T15:00:00+00:00"  # a Tuesday afternoon in London: the team is open


def run(*args: str) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "brandvoice", *args], capture_output=True, check=False,
                         text=True, cwd=ROOT)
    if out.returncode not in (0, 1):
        raise SystemExit(f"brandvoice {' '.join(args)} failed ({out.returncode}):\n{out.stderr}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def short(text: str, n: int = 110) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= n else text[: n - 1] + "…"


def replace_block(path: Path, name: str, body: str) -> None:
    text = path.read_text("utf-8")
    pattern = re.compile(rf"(<!-- BEGIN GENERATED: {name} -->\n)(?:.*?\n)?"
                         rf"(<!-- END GENERATED: {name} -->)", re.S)
    path.write_text(pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text), "utf-8")


def replies_report() -> None:
    results = run("check", "--input", str(CORPUS / "twcs_brand_replies.csv"),
                  "--id-column", "tweet_id", "--channel", "x", "--format", "jsonl")
    per_rule: collections.Counter[str] = collections.Counter()
    replies_with: collections.Counter[str] = collections.Counter()
    samples: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for r in results:
        seen = set()
        for f in r["findings"]:
            per_rule[f["rule"]] += 1
            if f["rule"] not in seen:
                replies_with[f["rule"]] += 1
                seen.add(f["rule"])
            samples[f["rule"]].append((r["text"][f["start"]:f["end"]], r["text"]))
    failed = sum(not r["passed"] for r in results)
    clean = sum(not r["findings"] for r in results)
    scores = sorted(r["score"] for r in results)
    lines = [
        f"- replies checked: **{len(results)}** (no crash; exit code 1 because some fail)",
        f"- replies with no finding: **{clean}** ({clean / len(results):.0%})",
        (f"- replies that fail (an error-level finding): **{failed}** "
        f"({failed / len(results):.1%})"),
        f"- median score: **{scores[len(scores) // 2]}**",
        "",
        "| rule | findings | replies |",
        "|---|---|---|",
    ]
    lines += [f"| `{rule}` | {n} | {replies_with[rule]} |" for rule, n in per_rule.most_common()]
    lines += ["", "### Samples (up to 4 per rule, chosen at random with a fixed seed)", ""]
    rng = random.Random(7)
    for rule, _n in per_rule.most_common():
        picks = rng.sample(samples[rule], min(4, len(samples[rule])))
        lines.append(f"**`{rule}`**")
        lines.append("")
        for span, text in picks:
            lines.append(f"- `{short(span, 50)}` in: {short(text)}")
        lines.append("")
    replace_block(ROOT / "docs" / "corpus-report.md", "replies", "\n".join(lines).rstrip())


def triage_report() -> None:
    results = run("triage", "--input", str(CORPUS / "twcs_customer_messages.csv"),
                  "--id-column", "inbound_tweet_id", "--now", NOW, "--format", "jsonl")
    dist = collections.Counter(r["scenario"] for r in results)
    lines = [f"- messages triaged: **{len(results)}** (no errors)",
             (f"- handed off to a person: **{sum(r['handoff'] for r in results)}**; escalated: "
             f"**{sum(r['escalate'] for r in results)}**"),
             "", "| scenario | messages | share |", "|---|---|---|"]
    lines += [f"| `{s}` | {n} | {n / len(results):.1%} |" for s, n in dist.most_common()]
    lines += ["", "### Sample (up to 6 per scenario, fixed seed)", ""]
    rng = random.Random(11)
    for scenario, _n in dist.most_common():
        pick = [r for r in results if r["scenario"] == scenario]
        lines.append(f"**`{scenario}`**")
        lines.append("")
        for r in rng.sample(pick, min(6, len(pick))):
            why = "; ".join(f"{x['kind']}: {', '.join(x['words'])}" if "words" in x else x["kind"]
                            for x in (r["matches"][0]["reasons"] if r["matches"] else []))
            lines.append(f"- {short(r['text'])}" + (f" — *{short(why, 60)}*" if why else ""))
        lines.append("")
    replace_block(ROOT / "docs" / "triage-report.md", "triage", "\n".join(lines).rstrip())


if __name__ == "__main__":
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is not here; it sits beside the project as ../shared")
    replies_report()
    triage_report()
