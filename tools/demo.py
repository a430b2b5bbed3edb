"""`make demo`: the main job on the bundled voices and playbooks.

1. lint every voice and playbook;
2. check sample replies against each voice;
3. take a few real customer messages from ../shared/corpus (when present), triage them with
   the Crumbly playbook, draft replies and show their checks.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "twcs_customer_messages.csv"
FALLBACK = [
    "@crumbly my box arrived crushed and half the bars are missing",
    "@crumbly I think I'm having a reaction to the nut bar, my lips are swollen",
    "@crumbly do you ship to Canada?",
    "@crumbly you charged me twice this month",
    "@crumbly best snacks ever, thank you!",
]
PICK = ("mould", "charged", "package", "never", "thank", "hacked")


def banner(text: str) -> None:
    print(f"\n{'=' * 78}\n{text}\n{'=' * 78}")


def main() -> int:
    from brandvoice import Checker
    from brandvoice.cli.app import main as cli
    from brandvoice.cli.formatters import render_text
    from brandvoice.playbooks.drafting import draft
    from brandvoice.playbooks.triage import Author, Message

    banner("1. brandvoice lint voices/ playbooks/")
    if cli(["lint", str(ROOT / "voices"), str(ROOT / "playbooks")]) != 0:
        return 1

    banner("2. brandvoice check: the same reply against three voices")
    reply = "@sam We apologize for any inconvenience!! Our cheap crumblebox ships soon, click here."
    for name in ("crumbly", "northmoor-bank", "fairhaven-council"):
        report = Checker(ROOT / "voices" / f"{name}.yaml").check(reply, "x")
        print(f"\n--- voice: {name}")
        print(render_text([report]))

    banner("3. triage, draft and check real customer messages (playbooks/crumbly-care.yaml)")
    messages = FALLBACK
    if CORPUS.is_file():
        with CORPUS.open(encoding="utf-8") as fh:
            rows = [r["text"] for r in csv.DictReader(fh)]
        messages = []
        for word in PICK:
            hit = next((t for t in rows if word in t.lower() and len(t) < 200), None)
            if hit:
                messages.append(hit)
        print(f"({len(messages)} messages from {CORPUS.relative_to(ROOT.parent)})")
    else:
        print("(../shared/corpus is not here; using built-in sample messages)")
    now = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.timezone.utc)
    playbook = str(ROOT / "playbooks" / "crumbly-care.yaml")
    for text in messages:
        result = draft(Message(text, "x", Author(name="Sam Rivera", handle="@samr")),
                       playbook, context={"agent": "Kai"}, now=now)
        t = result.triage
        print(f"\n> {text}")
        print(f"  triage: {t.scenario} ({t.severity}) -> {t.route}; respond by "
              f"{t.respond_by:%a %d %b %H:%M %Z}; handoff={t.handoff}")
        if result.drafts:
            best = result.drafts[0]
            print(f"  best draft ({best.template}, score {best.report.score}, "
                  f"{'passed' if best.report.passed else 'FAILED'}):")
            print("    " + best.text.replace("\n", "\n    "))
            for f in best.report.findings:
                print(f"    - {f.severity} {f.rule}: {f.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
