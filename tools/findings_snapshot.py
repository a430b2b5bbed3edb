"""Every finding of every bundled voice on the shared corpus (brand replies and customer
messages, on the x and email channels), one JSON line per reply: the before-and-after check
for a refactoring that must not change behaviour.

    python tools/findings_snapshot.py > /tmp/before.jsonl   # on the old commit
    python tools/findings_snapshot.py > /tmp/after.jsonl    # on the new one
    cmp /tmp/before.jsonl /tmp/after.jsonl

``--examples``: instead of the corpus, every voice's own examples (voices/*.yaml), each on
every channel its voice defines, with the language detected: the Korean, Spanish and Welsh
replies the corpus lacks, which load Kiwi and lingua.

Sources are written relative to the project root, so two checkouts compare equal.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"

from brandvoice import Checker, Item, load_voice  # noqa: E402


def texts() -> list[str]:
    out = []
    for name in ("twcs_brand_replies.csv", "twcs_customer_messages.csv"):
        with (CORPUS / name).open(encoding="utf-8") as fh:
            out.extend(row["text"] for row in csv.DictReader(fh) if row.get("text"))
    return out


def examples() -> None:
    prefix = f"{ROOT}/"
    for path in sorted((ROOT / "voices").glob("*.yaml")):
        voice = load_voice(path)
        checker = Checker(voice)
        texts = [ex["text"] for ex in voice.get("examples") or []]
        for channel in voice.channel_names:
            for n, report in enumerate(checker.check_many([Item(t, channel) for t in texts])):
                findings = [{**f.to_dict(), "source": f.source.replace(prefix, "")}
                            for f in report.findings]
                print(json.dumps([path.name, channel, n, report.extra.get("language"),
                                  findings], sort_keys=True, ensure_ascii=False))


def main() -> None:
    if sys.argv[1:] == ["--examples"]:
        examples()
        return
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} not found: run from a checkout with ../shared beside it")
    rows = texts()
    prefix = f"{ROOT}/"
    for path in [*sorted((ROOT / "voices").glob("*.yaml")), None]:
        checker = Checker(load_voice(path) if path else load_voice())
        name = path.name if path else "builtin:default"
        for channel in ("x", "email"):
            for n, report in enumerate(checker.check_many([Item(t, channel) for t in rows])):
                findings = [{**f.to_dict(), "source": f.source.replace(prefix, "")}
                            for f in report.findings]
                print(json.dumps([name, channel, n, findings], sort_keys=True,
                                 ensure_ascii=False))


if __name__ == "__main__":
    main()
