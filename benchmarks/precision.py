"""Precision of brandvoice's findings on real customer-care replies, judged by hand.

Every voice (the built-in one, named ``default``, and each ``voices/*.yaml``, named by its
file stem) checks every reply in ../shared/corpus/twcs_brand_replies.csv (2,222 public
brand replies on X from 2017) on channel ``x``. Findings of severity warning or error are
what a care agent would see before sending; info findings are left out.

    python benchmarks/precision.py                       # tables from the judgements file
    python benchmarks/precision.py --unjudged next.csv   # ... and the findings still to judge
    python benchmarks/precision.py --sample 70 --seed 20261124 --out /tmp/sample.csv
    python benchmarks/precision.py --voice hanbit-air-ko --sample 60 --not-judged \
        --seed 20261128 --out /tmp/more.csv             # top up one voice's sample

``--sample`` draws up to N findings per voice (all of them when a voice has fewer) with one
``random.Random(seed)``, voices in the order default then file stems sorted, each voice's
findings sorted by (row, start, end, rule, message) first, so the same seed and the same
code draw the same sample. The sample CSV holds positions, rules and messages, never the
reply text: the corpus licence (CC BY-NC-SA) keeps it out of this repository, so files here
refer to replies by ``row`` only.

The default mode joins benchmarks/judgements/findings.csv (voice, row, rule, start, end,
verdict, reason) to the current findings on (voice, row, rule, start); when the rules have
moved a finding, it falls back to the judgement for the same (voice, row, rule) whose start
is nearest. Each judgement is used once. It prints, as Markdown:

* precision per rule and per voice, and overall: right / (right + debatable + wrong), and
  the share that is right or debatable;
* the share of the replies flagged (at least one warning or error) per voice;
* the findings not judged yet (``--unjudged PATH`` writes them to judge next), and the
  judged findings the rules no longer report.

Verdicts (see benchmarks/judgements/README.md): ``right`` is a real problem worth the flag
at its severity for that brand; ``debatable`` is a matter of taste or too severe; ``wrong``
is not a problem, or the rule misread the text.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "twcs_brand_replies.csv"
DEFAULT_JUDGEMENTS = ROOT / "benchmarks" / "judgements" / "findings.csv"
VOICES_DIR = ROOT / "voices"
CHANNEL = "x"
SEVERITIES = frozenset(("warning", "error"))
VERDICTS = ("right", "debatable", "wrong")
DEFAULT_SAMPLE = 70
DEFAULT_SEED = 20261124

SAMPLE_COLUMNS = ("voice", "row", "rule", "severity", "start", "end", "message", "suggestion")
UNJUDGED_COLUMNS = ("row", "voice", "rule", "start", "end", "message")
JUDGEMENT_COLUMNS = ("voice", "row", "rule", "start", "end", "verdict", "reason")


@dataclass(frozen=True, eq=False)
class Hit:
    """One warning or error one voice reported on one corpus reply (no reply text).

    Compared and hashed by identity: two identical findings in one reply are two findings.
    """

    voice: str
    row: int
    rule: str
    severity: str
    start: int
    end: int
    message: str
    suggestion: str | None

    @property
    def order(self) -> tuple[int, int, int, str, str]:
        return (self.row, self.start, self.end, self.rule, self.message)


@dataclass(frozen=True)
class Judgement:
    """One hand verdict from the judgements file."""

    voice: str
    row: int
    rule: str
    start: int
    end: int
    verdict: str
    reason: str


@dataclass
class Run:
    """Every voice over the whole corpus."""

    voices: list[str]
    replies: int
    hits: dict[str, list[Hit]]  # voice -> findings, in (row, start, end, rule) order
    flagged: dict[str, int]     # voice -> replies with at least one warning or error
    seconds: float


@dataclass
class Tally:
    """Verdict counts for a group of judged findings."""

    right: int = 0
    debatable: int = 0
    wrong: int = 0

    def add(self, verdict: str) -> None:
        setattr(self, verdict, getattr(self, verdict) + 1)

    @property
    def judged(self) -> int:
        return self.right + self.debatable + self.wrong

    @property
    def precision(self) -> float | None:
        return self.right / self.judged if self.judged else None

    @property
    def lenient(self) -> float | None:
        """Right or debatable, as a share of judged."""
        return (self.right + self.debatable) / self.judged if self.judged else None


# --- running the checker ---------------------------------------------------------------------

def voice_files(voices_dir: Path = VOICES_DIR) -> dict[str, Path | None]:
    """Voice name -> file: ``default`` (the built-in voice) first, then voices/*.yaml by stem."""
    found: dict[str, Path | None] = {"default": None}
    for path in sorted(voices_dir.glob("*.yaml"), key=lambda p: p.stem):
        found[path.stem] = path
    return found


def load_corpus(path: Path) -> list[tuple[int, str]]:
    """``(row, text)`` for every reply in the corpus CSV."""
    if not path.is_file():
        raise SystemExit(f"{path} not found: pass --corpus, or run from a checkout with "
                         "../shared/corpus beside it")
    with path.open(encoding="utf-8", newline="") as fh:
        return [(int(rec["row"]), rec["text"]) for rec in csv.DictReader(fh)]


def run_voices(corpus: Sequence[tuple[int, str]], voices: dict[str, Path | None]) -> Run:
    """Check every reply with every voice; keep warnings and errors."""
    import brandvoice
    from brandvoice.checks.engine import Item

    started = time.perf_counter()
    hits: dict[str, list[Hit]] = {}
    flagged: dict[str, int] = {}
    for name, path in voices.items():
        checker = brandvoice.Checker(str(path) if path else None)
        items = [Item(text, CHANNEL, str(row)) for row, text in corpus]
        found: list[Hit] = []
        n_flagged = 0
        for (row, _text), report in zip(corpus, checker.check_many(items), strict=True):
            kept = [f for f in report.findings if f.severity in SEVERITIES]
            n_flagged += bool(kept)
            found.extend(Hit(name, row, f.rule, f.severity, f.start, f.end, f.message,
                             f.suggestion) for f in kept)
        found.sort(key=lambda h: h.order)
        hits[name] = found
        flagged[name] = n_flagged
    return Run(list(voices), len(corpus), hits, flagged, time.perf_counter() - started)


# --- sampling --------------------------------------------------------------------------------

def draw_sample(run: Run, per_voice: int, seed: int,
                exclude: Iterable[Hit] = ()) -> list[Hit]:
    """Up to ``per_voice`` findings from each voice, drawn with one ``Random(seed)``;
    findings in ``exclude`` (those already judged) are not drawn."""
    rng = random.Random(seed)
    skip = set(exclude)
    chosen: list[Hit] = []
    for voice in run.voices:
        # already in deterministic order; filtering keeps that order
        population = [h for h in run.hits[voice] if h not in skip]
        picked = rng.sample(population, min(per_voice, len(population)))
        chosen.extend(sorted(picked, key=lambda h: h.order))
    return chosen


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(columns)
        for r in rows:
            out.writerow(["" if v is None else v for v in r])
            n += 1
    return n


def sample_rows(hits: Iterable[Hit]) -> Iterator[tuple[object, ...]]:
    for h in hits:
        yield (h.voice, h.row, h.rule, h.severity, h.start, h.end, h.message, h.suggestion)


# --- judgements ------------------------------------------------------------------------------

def load_judgements(path: Path) -> list[Judgement]:
    if not path.is_file():
        return []
    out: list[Judgement] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in JUDGEMENT_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise SystemExit(f"{path}: missing column(s) {', '.join(missing)}")
        for n, rec in enumerate(reader, start=2):
            verdict = (rec.get("verdict") or "").strip().lower()
            if not verdict:
                continue  # drawn but not judged yet
            if verdict not in VERDICTS:
                raise SystemExit(f"{path}:{n}: verdict must be one of {', '.join(VERDICTS)}, "
                                 f"not {verdict!r}")
            out.append(Judgement(rec["voice"], int(rec["row"]), rec["rule"], int(rec["start"]),
                                 int(rec["end"] or rec["start"]), verdict,
                                 rec.get("reason") or ""))
    return out


def match(run: Run, judgements: Sequence[Judgement]
          ) -> tuple[dict[Hit, Judgement], list[Judgement]]:
    """Pair judgements with current findings, one to one: on (voice, row, rule, start) first,
    then on (voice, row, rule) with the nearest start. Returns the pairs and the judgements
    whose finding is no longer reported."""
    by_exact: dict[tuple[str, int, str, int], list[Judgement]] = defaultdict(list)
    for j in judgements:
        by_exact[(j.voice, j.row, j.rule, j.start)].append(j)
    paired: dict[Hit, Judgement] = {}
    used: set[int] = set()
    rest: list[Hit] = []
    for voice in run.voices:
        for h in run.hits[voice]:
            free = [j for j in by_exact.get((h.voice, h.row, h.rule, h.start), ())
                    if id(j) not in used]
            if free:
                paired[h] = free[0]
                used.add(id(free[0]))
            else:
                rest.append(h)
    loose: dict[tuple[str, int, str], list[Judgement]] = defaultdict(list)
    for j in judgements:
        if id(j) not in used:
            loose[(j.voice, j.row, j.rule)].append(j)
    for h in rest:
        free = [j for j in loose.get((h.voice, h.row, h.rule), ()) if id(j) not in used]
        if free:
            best = min(free, key=lambda j: (abs(j.start - h.start), j.start))
            paired[h] = best
            used.add(id(best))
    gone = [j for j in judgements if id(j) not in used]
    return paired, gone


# --- report ----------------------------------------------------------------------------------

def pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}%"


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def tally_row(name: str, t: Tally, *extra: object) -> list[object]:
    return [name, *extra, t.judged, t.right, t.debatable, t.wrong, pct(t.precision),
            pct(t.lenient)]


TALLY_HEADER = ("judged", "right", "debatable", "wrong", "precision", "right or debatable")


def report(run: Run, paired: dict[Hit, Judgement], gone: Sequence[Judgement],
           judgements_path: Path) -> str:
    per_rule: dict[str, Tally] = defaultdict(Tally)
    per_voice: dict[str, Tally] = defaultdict(Tally)
    overall = Tally()
    rule_totals: Counter[str] = Counter()
    for voice in run.voices:
        for h in run.hits[voice]:
            rule_totals[h.rule] += 1
    for h, j in paired.items():
        per_rule[h.rule].add(j.verdict)
        per_voice[h.voice].add(j.verdict)
        overall.add(j.verdict)

    # The sample is stratified by voice; weight each voice's precision by its findings for
    # an estimate over every finding the voices report.
    total_hits = sum(len(run.hits[v]) for v in run.voices)
    weighted = sum(len(run.hits[v]) * (per_voice[v].precision or 0) for v in run.voices
                   if per_voice[v].judged)
    weight = sum(len(run.hits[v]) for v in run.voices if per_voice[v].judged)

    out: list[str] = []
    out.append("# brandvoice precision on real replies\n")
    shown = judgements_path.resolve()
    if shown.is_relative_to(ROOT):
        shown = shown.relative_to(ROOT)
    out.append(f"{run.replies:,} real brand replies on X (2017), channel `{CHANNEL}`, "
               f"{len(run.voices)} voices; warnings and errors only. Judgements: `{shown}` "
               f"({len(paired) + len(gone)} verdicts).\n")
    out.append("Precision = right / (right + debatable + wrong).\n")

    out.append("## Overall\n")
    rows = [tally_row("all judged findings", overall)]
    out.append(table(("", *TALLY_HEADER), rows))
    if weight:
        out.append(f"\nWeighted by each voice's number of findings (the sample is drawn per "
                   f"voice): precision {pct(weighted / weight)} over {total_hits:,} findings.\n")
    else:
        out.append("")

    out.append("## Per voice\n")
    out.append(table(("voice", "findings", *TALLY_HEADER),
                     [tally_row(v, per_voice[v], f"{len(run.hits[v]):,}") for v in run.voices]))
    out.append("")

    out.append("## Per rule\n")
    rules = sorted(set(rule_totals) | set(per_rule),
                   key=lambda r: (-per_rule[r].judged, -rule_totals[r], r))
    out.append(table(("rule", "findings (all voices)", *TALLY_HEADER),
                     [tally_row(f"`{r}`", per_rule[r], f"{rule_totals[r]:,}") for r in rules]))
    out.append("")

    out.append("## Replies flagged\n")
    out.append(f"Replies with at least one warning or error, of {run.replies:,}.\n")
    out.append(table(("voice", "replies flagged", "share", "findings", "per flagged reply"),
                     [(v, f"{run.flagged[v]:,}", pct(run.flagged[v] / run.replies),
                       f"{len(run.hits[v]):,}",
                       f"{len(run.hits[v]) / run.flagged[v]:.1f}" if run.flagged[v] else "–")
                      for v in run.voices]))
    out.append("")

    out.append("## Not judged\n")
    unjudged = Counter(h.voice for v in run.voices for h in run.hits[v] if h not in paired)
    out.append(table(("voice", "findings", "judged", "not judged"),
                     [(v, f"{len(run.hits[v]):,}", per_voice[v].judged, f"{unjudged[v]:,}")
                      for v in run.voices]
                     + [("**all**", f"{total_hits:,}", overall.judged,
                         f"{sum(unjudged.values()):,}")]))
    out.append("")
    if gone:
        g = Tally()
        for j in gone:
            g.add(j.verdict)
        out.append(f"Judged findings no longer reported: {len(gone)} (right {g.right}, "
                   f"debatable {g.debatable}, wrong {g.wrong}).\n")
    else:
        out.append("Judged findings no longer reported: 0.\n")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="replies CSV (row, ..., text); default %(default)s")
    parser.add_argument("--judgements", type=Path, default=DEFAULT_JUDGEMENTS,
                        help="judged findings CSV; default %(default)s")
    parser.add_argument("--sample", type=int, metavar="N", nargs="?", const=DEFAULT_SAMPLE,
                        help=f"draw N findings per voice to judge (default N {DEFAULT_SAMPLE})"
                        "; needs --out")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help="random seed for --sample; default %(default)s")
    parser.add_argument("--out", type=Path, help="where --sample writes its CSV")
    parser.add_argument("--voice", action="append", metavar="NAME",
                        help="only this voice (repeatable): a small sample topped up")
    parser.add_argument("--not-judged", action="store_true",
                        help="--sample draws only findings with no judgement yet")
    parser.add_argument("--unjudged", type=Path, metavar="PATH",
                        help="write the findings with no judgement to this CSV")
    args = parser.parse_args(argv)

    voices = voice_files()
    if args.voice:
        unknown = sorted(set(args.voice) - set(voices))
        if unknown:
            parser.error(f"unknown voice(s) {', '.join(unknown)}; known: {', '.join(voices)}")
        voices = {name: path for name, path in voices.items() if name in args.voice}
    run = run_voices(load_corpus(args.corpus), voices)
    if args.sample is not None:
        if args.out is None:
            parser.error("--sample needs --out")
        judged: Iterable[Hit] = ()
        if args.not_judged:
            judged = match(run, load_judgements(args.judgements))[0]
        sample = draw_sample(run, args.sample, args.seed, judged)
        n = write_csv(args.out, SAMPLE_COLUMNS, sample_rows(sample))
        per = Counter(h.voice for h in sample)
        print(f"wrote {n} findings to {args.out} (seed {args.seed}; "
              + ", ".join(f"{v} {per[v]}" for v in run.voices) + ")")
        return 0

    paired, gone = match(run, load_judgements(args.judgements))
    print(report(run, paired, gone, args.judgements))
    print(f"\nchecked {run.replies:,} replies x {len(run.voices)} voices in {run.seconds:.1f} s",
          file=sys.stderr)
    if args.unjudged:
        todo = [h for v in run.voices for h in run.hits[v] if h not in paired]
        n = write_csv(args.unjudged, UNJUDGED_COLUMNS,
                      ((h.row, h.voice, h.rule, h.start, h.end, h.message) for h in todo))
        print(f"\nwrote {n} unjudged findings to {args.unjudged}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
