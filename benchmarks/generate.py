"""Generate a large archive of replies for audits and benchmarks, deterministically.

    python benchmarks/generate.py 100000 out.jsonl          # JSONL
    python benchmarks/generate.py 1000000 out.csv --days 365

Replies are recombined from the 2,222 real ones in ../shared/corpus when it is there (a
sentence from one, a sentence from another, a new @handle and sign-off), else from a small
built-in set; each row gets a channel, an agent and a timestamp spread over ``--days``.
The corpus is read, never copied into the package.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / \
    "twcs_brand_replies.csv"
BUILTIN = [
    "Sorry about the wait! We've sent a new one today.",
    "We apologize for any inconvenience. Kindly be advised that refunds take 10 days.",
    "Thanks for letting us know. Can you DM us your order number?",
    "Hey guys, that's crazy! Click here for more info.",
    "Your order was cancelled by mistake. We have put it back and it ships today.",
    "Please calm down, obviously the app needs an update.",
    "We utilized a new courier and it should be fine, hopefully by Friday!!",
    "Happy to help! Our hours are 9 to 5, Monday to Friday.",
]
AGENTS = ["Jo", "Kai", "Priya", "Sam", "Alex", "Maria", "Chen", "Tom", "Ava", "Noor"]
CHANNELS = ["x"] * 6 + ["facebook", "instagram_dm", "email", "whatsapp"]
SENTENCE = re.compile(r"(?<=[.!?])\s+")
LEAD = re.compile(r"^(?:@\w+\s*)+")
SIGN = re.compile(r"\s*(?:[-^*~]\s?[A-Za-z]{1,15}|/\w{1,4})\s*$")


def sentences() -> list[str]:
    if not CORPUS.is_file():
        return BUILTIN
    out = []
    with CORPUS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            text = SIGN.sub("", LEAD.sub("", row["text"])).strip()
            out.extend(s for s in SENTENCE.split(text) if len(s) > 3)
    return out


def rows(n: int, days: int, seed: int = 7):
    rng = random.Random(seed)
    pool = sentences()
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    for i in range(n):
        agent = rng.choice(AGENTS)
        body = " ".join(rng.choice(pool) for _ in range(rng.choice((1, 1, 2, 2, 3))))
        channel = rng.choice(CHANNELS)
        text = f"@user{rng.randrange(10**6)} {body} -{agent}" if channel == "x" else \
            f"Hi there, {body}\n\nThanks, {agent}" if channel == "email" else f"{body} -{agent}"
        when = start + dt.timedelta(seconds=rng.randrange(days * 86400))
        yield {"id": f"r{i}", "text": text, "channel": channel, "agent": agent,
               "timestamp": when.isoformat(timespec="seconds")}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    path = Path(args.out)
    with path.open("w", encoding="utf-8", newline="") as fh:
        if path.suffix == ".csv":
            writer = csv.DictWriter(fh, ["id", "text", "channel", "agent", "timestamp"])
            writer.writeheader()
            writer.writerows(rows(args.n, args.days, args.seed))
        else:
            for row in rows(args.n, args.days, args.seed):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {args.n:,} replies to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
