"""How brandvoice's checks agree with peer linters on the peers' own test cases.

    python benchmarks/peers.py            # print and rewrite docs/peers.md
    python benchmarks/peers.py --stdout   # print only

Reads ../shared/peers (cases from write-good, proselint, retext-equality and Vale's
readability tests) and rewrites the generated block of docs/peers.md. Each peer category is
mapped to the brandvoice rule that covers the same ground; categories we do not cover are
counted as out of scope, not as disagreement. The prose around the block says where and why
we disagree.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT.parent / "shared" / "peers"
sys.path.insert(0, str(ROOT))

# write-good reason text -> our rule
WRITE_GOOD = {
    "may be passive voice": "readability.passive_voice",
    "is a weasel word": "tone.hedging",
    "can weaken meaning": "tone.condescension",
    "is wordy or unneeded": "vocabulary.preferred",
    "is a cliche": "tone.boilerplate",
}
# proselint check module -> our rules (a case agrees when we flag iff it should be flagged)
PROSELINT = {
    "hedging": {"tone.hedging"},
    "weasel_words": {"tone.hedging"},
    "industrial_language.corporate_speak": {"tone.boilerplate"},
    "industrial_language.bureaucratese": {"tone.boilerplate", "vocabulary.preferred"},
    "industrial_language.commercialese": {"tone.boilerplate", "vocabulary.preferred"},
    "misc.greylist": {"vocabulary.preferred"},
    "social_awareness.sexism": {"inclusive.term"},
    "social_awareness.lgbtq": {"inclusive.term"},
    "social_awareness.nword": {"inclusive.term"},
    "misc.professions": {"inclusive.term"},
}
# Vale metric -> textstat function
VALE = {
    "AutomatedReadability": "automated_readability_index", "ColemanLiau": "coleman_liau_index",
    "FleschKincaid": "flesch_kincaid_grade", "FleschReadingEase": "flesch_reading_ease",
    "GunningFog": "gunning_fog", "LIX": "lix", "SMOG": "smog_index",
}


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (PEERS / name).read_text("utf-8").splitlines()
            if line.strip()]


def checker():
    from brandvoice import Checker

    return Checker()


def write_good(c) -> tuple[list[str], list[str]]:
    rows, notes = [], []
    per = Counter()
    for case in load("write_good_cases.jsonl"):
        if case["opts"]:
            per["configuration cases (we turn rules off with rules: off)"] += 1
            continue
        expected = case["expected"]
        mapped = [(e, next((r for k, r in WRITE_GOOD.items() if k in e["reason"]), None))
                  for e in expected]
        if any(rule is None for _e, rule in mapped):
            per["out of scope (lexical illusions, 'so', 'there is', E-Prime)"] += 1
            continue
        report = c.check(case["text"], "x") if case["text"] else None
        got = report.findings if report else []
        ok = all(any(f.rule == rule and f.start < e["index"] + e["offset"] and
                     e["index"] < f.end for f in got) for e, rule in mapped)
        if not expected:
            ok = not [f for f in got if f.rule in WRITE_GOOD.values()]
        per["agree" if ok else "disagree"] += 1
        if not ok:
            notes.append(f"write-good: {case['text']!r} expects "
                         f"{[e['reason'] for e in expected]}; we report "
                         f"{sorted({f.rule for f in got}) or 'nothing'}")
    rows.append(_row("write-good", per))
    return rows, notes


def proselint(c) -> tuple[list[str], list[str]]:
    per = Counter()
    by_module: dict[str, Counter] = defaultdict(Counter)
    notes = []
    for case in load("proselint_examples.jsonl"):
        rules = PROSELINT.get(case["check_module"])
        if rules is None:
            per["out of scope (spelling, typography, dates, usage...)"] += 1
            continue
        got = {f.rule for f in c.check(case["text"], "x").findings}
        flagged = bool(got & rules)
        ok = flagged == case["should_flag"]
        per["agree" if ok else "disagree"] += 1
        by_module[case["check_module"]]["agree" if ok else "disagree"] += 1
        if not ok:
            notes.append(f"proselint {case['check_module']}: {case['text'][:90]!r} "
                         f"should{'' if case['should_flag'] else ' not'} be flagged")
    rows = [_row("proselint (mapped modules)", per)]
    for module, cnt in sorted(by_module.items()):
        rows.append(_row(f"  {module}", cnt))
    return rows, notes


def retext(c) -> tuple[list[str], list[str]]:
    per = Counter()
    notes = []
    for case in load("retext_equality_test_cases.jsonl"):
        if case["options_js"]:
            per["configuration cases (options such as binary or ignore)"] += 1
            continue
        expected = bool(case["expected_messages"])
        # retext-equality also flags condescension ("obviously"): our tone.condescension.
        got = [f for f in c.check(case["text"], "x").findings
               if f.rule in ("inclusive.term", "tone.condescension")]
        ok = bool(got) == expected
        per["agree" if ok else "disagree"] += 1
        if not ok:
            notes.append(f"retext-equality: {case['text'][:70]!r} — they "
                         f"{'flag' if expected else 'do not flag'}, we "
                         f"{'flag ' + repr([case['text'][f.start:f.end] for f in got]) if got else 'do not'}")
    return [_row("retext-equality", per)], notes


def vale() -> tuple[list[str], list[str]]:
    from brandvoice.analysis.readability import textstat

    ts = textstat()
    per = Counter()
    rows_detail = ["", "| metric | Vale's score | ours (textstat) | threshold | Vale flags | we flag |",
                   "|---|---|---|---|---|---|"]
    for case in load("vale_readability_cases.jsonl"):
        if "text" not in case:
            per["case whose text file is not in ../shared/peers"] += 1
            continue
        score = getattr(ts, VALE[case["metric"]])(case["text"])
        op, limit = case["condition"].split()
        flagged = score > float(limit) if op == ">" else score < float(limit)
        per["agree" if flagged == case["should_flag"] else "disagree"] += 1
        exp = case["expected_score"]
        rows_detail.append(f"| {case['metric']} | {exp if exp is not None else '-'} | "
                           f"{score:.2f} | {case['condition']} | {case['should_flag']} | "
                           f"{flagged} |")
    return [_row("Vale readability (flag decision)", per)], rows_detail


def _row(name: str, per: Counter) -> str:
    judged = per["agree"] + per["disagree"]
    share = f"{per['agree'] / judged:.0%}" if judged else "-"
    other = "; ".join(f"{n} {k}" for k, n in per.items() if k not in ("agree", "disagree"))
    return f"| {name} | {judged} | {per['agree']} | {per['disagree']} | {share} | {other} |"


def main() -> int:
    if not PEERS.is_dir():
        raise SystemExit(f"{PEERS} is not here; it sits beside the project as ../shared")
    c = checker()
    table = ["| peer | cases judged | agree | disagree | agreement | not judged |",
             "|---|---|---|---|---|---|"]
    notes: list[str] = []
    for fn in (write_good, proselint, retext):
        rows, n = fn(c)
        table += rows
        notes += n
    vrows, vdetail = vale()
    table += vrows
    body = "\n".join(table + vdetail + ["", "### Every disagreement", ""] +
                     [f"- {n}" for n in notes])
    print(body)
    if "--stdout" in sys.argv:  # the tests: report without rewriting the docs
        return 0
    path = ROOT / "docs" / "peers.md"
    text = path.read_text("utf-8")
    pattern = re.compile(r"(<!-- BEGIN GENERATED: peers -->\n)(?:.*?\n)?"
                         r"(<!-- END GENERATED: peers -->)", re.S)
    path.write_text(pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
