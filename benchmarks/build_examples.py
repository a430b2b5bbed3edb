"""Write the built-in playbook's example files from the team's own labelled messages.

The learned layer (``brandvoice/playbooks/learned.py``) trains on a playbook's examples, so
the messages it learns from live in the playbook: ``brandvoice/data/examples/<scenario>.txt``,
named by each scenario's ``examples_file``. They come from:

* ``benchmarks/data/tuning_triage_data.jsonl``, ``tuning_triage_safety.jsonl`` and
  ``triage_paraphrases.jsonl`` (our tuning sets: all of them);
* ``benchmarks/data/learned_train.jsonl``: 80% of the training messages the team wrote for
  this layer (threats and their harmless look-alikes, self-harm and injury, data exposure
  and account takeover, with routine negatives). The other 20%, drawn with a fixed seed, are
  ``benchmarks/data/learned_validation.jsonl``: the thresholds and the method were chosen on
  them, never on the held-out sets.
* ``benchmarks/data/learned_train_s6.jsonl``: 75% of 400 training messages written by an
  independent writer who never saw the rules, the code or any set (sixth session); the other
  25% are ``benchmarks/data/learned_validation_s6.jsonl``, never tuned on.
* ``benchmarks/data/learned_train_s7.jsonl``: the same for a second independent writer's 400
  (seventh session); ``learned_validation_s7.jsonl`` is its 25% never tuned on.
* ``benchmarks/data/learned_extra.jsonl``: 119 more, written after the first measurements
  showed few examples of legal threats, press and data-protection requests, and routine
  messages in the casual register of real traffic ("I'll do that, thanks", "when u gonna
  add dark mode") that the first model took for threats: all training.

Never the held-out sets (``triage_heldout*.jsonl``, ``triage_own_heldout.jsonl``,
``tuning_*_heldout.jsonl``) and never the shared corpus. A message already among a
scenario's inline examples, or seen before, is written once. Newlines become spaces (one
message a line).

Run: ``python benchmarks/build_examples.py [--split FILE.jsonl ...] [--share 0.2] [--suffix
_s6]``: ``--split`` first splits newly written training files into the two ``learned_*``
sets (appending, seed 20261125; ``--share`` kept for validation, into
``learned_train<SUFFIX>.jsonl`` and ``learned_validation<SUFFIX>.jsonl``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from brandvoice.playbooks.model import load_playbook  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
OUT = ROOT / "brandvoice" / "data" / "examples"
SOURCES = ("tuning_triage_data.jsonl", "tuning_triage_safety.jsonl",
           "triage_paraphrases.jsonl", "learned_train.jsonl", "learned_extra.jsonl",
           "learned_train_s6.jsonl", "learned_train_s7.jsonl")
NEVER = ("heldout",)  # a held-out set is never training data
SEED = 20261125
VALIDATION = 0.2


def split(files: list[str], share: float = VALIDATION, suffix: str = "") -> None:
    """Append each file's rows to learned_train{suffix}.jsonl and
    learned_validation{suffix}.jsonl (``share`` of them, a fixed-seed random draw per file)."""
    for name in files:
        text = Path(name).read_text(encoding="utf-8")
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        order = list(range(len(rows)))
        random.Random(f"{SEED}:{Path(name).name}").shuffle(order)
        cut = round(len(rows) * share)
        held = set(order[:cut])
        for target, keep in ((f"learned_validation{suffix}.jsonl", True),
                             (f"learned_train{suffix}.jsonl", False)):
            with (DATA / target).open("a", encoding="utf-8") as f:
                for i, row in enumerate(rows):
                    if (i in held) == keep:
                        row.setdefault("id", f"{Path(name).stem}-{i + 1:04d}")
                        f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{name}: {len(rows) - cut} to train, {cut} to validation")


def build() -> None:
    pb = load_playbook(None)
    # Inline examples only: the files are what this writes.
    seen = {str(t).lower() for sc in pb.scenarios.values()
            for kind in ("examples", "counter_examples") for t in sc.data.get(kind) or ()}
    per: dict[str, list[tuple[str, str]]] = {}
    for source in SOURCES:
        assert not any(x in source for x in NEVER)
        path = DATA / source
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            text = " ".join(str(row["text"]).split())
            sid = row["expected"]
            # Messages in other languages are routed by language detection, not learned.
            if (not text or text.lower() in seen or sid not in pb.scenarios
                    or sid == pb.language_scenario):
                continue
            seen.add(text.lower())
            per.setdefault(sid, []).append((source, text))
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.txt"):
        old.unlink()
    for sid, items in sorted(per.items()):
        lines = [f"# More examples of {sid}, one message a line, learned by the built-in",
                 "# playbook's learned layer. Written by the team; generated by",
                 "# benchmarks/build_examples.py from the sets it names (never held-out sets).",
                 ""]
        last = None
        for source, text in items:
            if source != last:
                lines += ([""] if last else []) + [f"# from benchmarks/data/{source}"]
                last = source
            lines.append(text)
        (OUT / f"{sid}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{sid}: {len(items)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", nargs="*", default=[], help="training files to split first")
    ap.add_argument("--share", type=float, default=VALIDATION,
                    help="the share of each split file kept for validation")
    ap.add_argument("--suffix", default="", help="split into learned_train<SUFFIX>.jsonl and "
                    "learned_validation<SUFFIX>.jsonl")
    args = ap.parse_args()
    if args.split:
        split(args.split, args.share, args.suffix)
    build()


if __name__ == "__main__":
    main()
