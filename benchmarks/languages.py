"""Languages: detection accuracy and speed, Korean and Spanish recall and false alarms on the
held-out sets, which pack ran on a mixed corpus, and throughput in English and Korean.

    python benchmarks/languages.py            # about two minutes
    python benchmarks/languages.py --quick    # fewer timing rounds
    python benchmarks/languages.py --tuning   # the team's own tuning sets, with every miss
    python benchmarks/languages.py --no-timing   # the held-out figures only

The held-out sets in benchmarks/data/ (langid.jsonl, replies_ko.jsonl, replies_es.jsonl, and
the later replies_ko_v2/v3.jsonl, replies_es_v2/v3.jsonl) were
written blind by people outside the team and are never used to tune rules: only their
per-category figures are printed, never their texts. The rules are tuned on
tests/fixtures/languages/ and on the team's own sets (tuning_ko.jsonl, tuning_es.jsonl),
whose misses and false alarms ``--tuning`` lists. English throughput is measured on the 2,222
real replies in ../shared/corpus. Timings are medians; on a shared machine they are noisy.
docs/languages.md records a run.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
CORPUS = ROOT.parent / "shared" / "corpus" / "twcs_brand_replies.csv"

# Which rules count as catching each expected category of the held-out sets.
CATEGORY_RULES = {
    "speech_level": ("tone.speech_level",),
    "privacy_request": ("privacy.data_request",),
    "privacy_data": ("privacy.phone", "privacy.national_id", "privacy.address",
                     "privacy.bank_account", "privacy.card_number", "privacy.email",
                     "privacy.account_number", "privacy.date_of_birth"),
    "readability": ("readability.",),
    "blame": ("tone.blame", "tone.condescension"),
    "boilerplate": ("tone.boilerplate",),
    "tone": ("tone.",),
    "inclusive": ("inclusive.",),
    "channel": ("channel.",),
}
# The Korean writers' brief (tuning_ko_4 on) lists "more than 3 emoji" among the channel
# rules; brandvoice reports it as accessibility.emoji_count (too many emoji read out by a
# screen reader), so a Korean set's "channel" row is caught by either name. Nothing else moves.
KO_CATEGORY_RULES = {**CATEGORY_RULES, "channel": ("channel.", "accessibility.emoji_count")}
BLOCKING = ("error", "warning")  # info findings are advice: they never count as alarms


def load(name: str) -> list[dict[str, Any]]:
    path = DATA / name
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def median_rate(fn: Any, n: int, rounds: int) -> float:
    """Items per second of this process's CPU time (``time.process_time``), median of
    ``rounds``: on a shared machine, wall-clock time mostly measures the other processes."""
    times = []
    for _ in range(rounds):
        started = time.process_time()
        fn()
        times.append(time.process_time() - started)
    return n / statistics.median(times)


def detection(rounds: int) -> None:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    from brandvoice.languages import detect
    from brandvoice.languages.detection import LATIN_LANGUAGES

    rows = load("langid.jsonl")
    texts = [r["text"] for r in rows]
    got = [detect(t) for t in texts]  # also loads lingua, outside the timing
    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper()))
             for c in LATIN_LANGUAGES]
    plain = LanguageDetectorBuilder.from_languages(*langs).build()

    def lingua_only(text: str) -> str:
        found = plain.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else "und"

    plain_got = [lingua_only(t) for t in texts]
    print(f"## Language detection: {len(rows)} short texts (benchmarks/data/langid.jsonl)\n")
    print("| detector | accuracy | texts per CPU-second |")
    print("|---|---|---|")
    for name, answers, fn in (("brandvoice detect (script, English fast path, lingua)", got,
                               detect),
                              ("lingua alone, same 8 Latin languages", plain_got, lingua_only)):
        ok = sum(a == r["lang"] for a, r in zip(answers, rows, strict=True))
        rate = median_rate(lambda fn=fn: [fn(t) for t in texts], len(texts), rounds)
        print(f"| {name} | {ok}/{len(rows)} = {ok / len(rows):.1%} | {rate:,.0f} |")
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for answer, row in zip(got, rows, strict=True):
        per[row["lang"]][answer] += 1
    print("\n| language | texts | right | detected as (when wrong) |")
    print("|---|---|---|---|")
    for lang in sorted(per, key=lambda k: -sum(per[k].values())):
        c = per[lang]
        wrong = ", ".join(f"{k} {v}" for k, v in c.most_common() if k != lang)
        print(f"| {lang} | {sum(c.values())} | {c[lang]} | {wrong or '-'} |")
    print()


def _voice(tmp: Path, name: str, body: str) -> Any:
    from brandvoice.checks.engine import Checker

    path = tmp / f"{name}.yaml"
    path.write_text(body, "utf-8")
    return Checker(path)


def _korean_voices(tmp: Path) -> dict[str, Any]:
    """The built-in voice as written (해요체), and the same with 합쇼체."""
    return {"haeyo": _voice(tmp, "haeyo", "voice: {name: Korean haeyo}\n"),
            "hamnida": _voice(tmp, "hapsyo", "voice: {name: Korean hapsyo}\n"
                              "tone: {speech_level: 합쇼체}\n")}


def held_out(name: str, checkers: dict[str, Any], voice_of: Any, show: bool = False,
             part: str | None = None) -> None:
    """Recall per category and false alarms on one labelled set; ``show`` lists the misses
    and false alarms (for the tuning sets only: the blind sets' texts are never printed).
    ``part`` keeps only the rows of that ``slice`` (``tune`` or ``heldout``)."""
    from brandvoice.checks.engine import Item

    rows = [r for r in load(name) if part is None or r.get("slice") == part]
    by_voice: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_voice[voice_of(row)].append((i, row))
    reports: list[Any] = [None] * len(rows)
    for voice, items in by_voice.items():
        done = checkers[voice].check_many([Item(r["text"], r["channel"], r["id"])
                                           for _i, r in items])
        for (i, _r), report in zip(items, done, strict=True):
            reports[i] = report
    what = f", slice {part}" if part else ""
    print(f"## {name}{what}: {len(rows)} replies (benchmarks/data/{name})\n")
    print("| expected | replies | caught | recall |")
    print("|---|---|---|---|")
    misses, alarms = [], []
    caught_total = dirty_total = 0
    for category in sorted({r["expected"] for r in rows} - {"clean"}):
        prefixes = (KO_CATEGORY_RULES if "_ko" in name else CATEGORY_RULES)[category]
        sel = [(r, rep) for r, rep in zip(rows, reports, strict=True)
               if r["expected"] == category]
        hit = 0
        for r, rep in sel:
            if any(f.rule.startswith(prefixes) for f in rep.findings):
                hit += 1
            else:
                misses.append((r, rep))
        caught_total += hit
        dirty_total += len(sel)
        print(f"| {category} | {len(sel)} | {hit} | {hit / len(sel):.0%} |")
    print(f"| **all off-voice** | {dirty_total} | {caught_total} | "
          f"{caught_total / dirty_total:.1%} |")
    clean = [(r, rep) for r, rep in zip(rows, reports, strict=True) if r["expected"] == "clean"]
    for r, rep in clean:
        if any(f.severity in BLOCKING for f in rep.findings):
            alarms.append((r, rep))
    print(f"\nFalse alarms (a warning or error on a reply expected clean): {len(alarms)} of "
          f"{len(clean)} = {len(alarms) / len(clean):.1%}\n")
    if alarms:
        # Which rules raised them (counts only: a blind set's texts are never printed).
        rules = Counter(f.rule for _r, rep in alarms for f in rep.findings
                        if f.severity in BLOCKING)
        channels = Counter(r["channel"] for r, _rep in alarms)
        print("False alarms by rule: " + ", ".join(f"`{k}` {n}" for k, n in rules.most_common())
              + "; by channel: " + ", ".join(f"{k} {n}" for k, n in channels.most_common())
              + "\n")
    if not show:
        return
    print("Misses (expected category, reply, what was reported instead):\n")
    for r, rep in misses:
        got = ", ".join(sorted(rep.rules())) or "nothing"
        print(f"- {r['id']} {r['expected']} [{r['channel']}]: {r['text'][:80]!r} -> {got}")
    print("\nFalse alarms:\n")
    for r, rep in alarms:
        got = "; ".join(f"{f.rule} {r['text'][f.start:f.end][:30]!r}" for f in rep.findings
                        if f.severity in BLOCKING)
        print(f"- {r['id']} [{r['channel']}]: {r['text'][:80]!r} -> {got}")
    print()


def mixed(checker: Any) -> None:
    from brandvoice.checks.engine import Item
    from brandvoice.languages import pack_for

    en = _corpus()[:200]
    ko = [r["text"] for r in load("replies_ko.jsonl")][:100]
    es = [r["text"] for r in load("replies_es.jsonl")][:60]
    texts = [t for group in zip(en[:60], ko[:60], es[:60], strict=True) for t in group]
    texts += en[60:200] + ko[60:100]
    counts: Counter[tuple[str, str]] = Counter()
    for report in checker.check_many([Item(t, "x") for t in texts]):
        lang = report.extra["language"]
        pack = pack_for(lang)
        ran = ("English checks" if lang in ("en", "und") else
               f"{pack.name} pack" if pack and lang in checker.voice.languages else
               "none: language.unsupported")
        counts[(lang, ran)] += 1
    print(f"## Mixed corpus: {len(texts)} replies (English from ../shared, Korean and Spanish "
          "from the held-out sets), one voice\n")
    print("| detected language | what ran | replies |")
    print("|---|---|---|")
    for (lang, ran), n in counts.most_common():
        print(f"| {lang} | {ran} | {n} |")
    print()


def _corpus() -> list[str]:
    with CORPUS.open(encoding="utf-8") as fh:
        return [row["text"] for row in csv.DictReader(fh)]


def throughput(rounds: int) -> None:
    from brandvoice.checks import engine
    from brandvoice.checks.engine import Checker, Item

    checker = Checker()
    en = [Item(t, "x") for t in _corpus()]
    list(checker.check_many(en[:100]))
    with_detection = median_rate(lambda: list(checker.check_many(en)), len(en), rounds)
    real = engine.detect
    engine.detect = lambda _text, _words=None: "en"  # type: ignore[assignment]
    try:
        without = median_rate(lambda: list(checker.check_many(en)), len(en), rounds)
    finally:
        engine.detect = real
    ko_texts = [r["text"] for r in load("replies_ko.jsonl")]
    ko = [Item(t, "x") for t in (ko_texts * 10)[:2000]]
    list(checker.check_many(ko[:1]))
    # The one-time load of Kiwi's model, in a fresh process (this one has it loaded already).
    probe = ("import time; from brandvoice.languages import korean; t = time.process_time(); "
             "korean.morphemes('안녕하세요'); print(time.process_time() - t)")
    load_s = float(subprocess.run([sys.executable, "-c", probe], capture_output=True,
                                  text=True, check=True).stdout)
    korean = median_rate(lambda: list(checker.check_many(ko)), len(ko), rounds)
    load_avg = os.getloadavg()[0]
    print(f"## Throughput (one process, replies per CPU-second, median of {rounds} rounds; "
          f"load average {load_avg:.1f} on {os.cpu_count()} cores while measuring)\n")
    print("| corpus | replies per CPU-second |")
    print("|---|---|")
    print(f"| English, 2,222 real replies, with language detection | {with_detection:,.0f} |")
    print(f"| English, same replies, detection skipped (the cost of detection) | "
          f"{without:,.0f} |")
    print(f"| Korean, 2,000 replies after the one-time load of Kiwi ({load_s:.1f} CPU-s) | "
          f"{korean:,.0f} |")
    print()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer timing rounds")
    parser.add_argument("--no-timing", action="store_true",
                        help="only the held-out sets' figures: no detection or throughput timing")
    parser.add_argument("--tuning", action="store_true",
                        help="only the tuning sets (tuning_ko*.jsonl, tuning_es*.jsonl), listing "
                             "every miss and false alarm (not those of the held-out slices)")
    args = parser.parse_args(argv)
    if args.tuning:
        with tempfile.TemporaryDirectory() as tmp_dir:
            ko = _korean_voices(Path(tmp_dir))
            register = lambda r: r.get("register_wanted", "haeyo")  # noqa: E731
            default = {"default": ko["haeyo"]}
            es = lambda r: "default"  # noqa: E731
            held_out("tuning_ko.jsonl", ko, register, True)
            held_out("tuning_es.jsonl", default, es, True)
            # Sliced sets: the ``tune`` slice is tuned on (misses listed); the ``heldout``
            # slice, written in the same sitting, is only ever counted. _2: the team's second
            # round; _3: the sixth session's outside writers; _4: the seventh session's (the
            # Korean brief also stated the voice's channel rules); tuning_ko_5: the team's own
            # seventh-session set (benchmarks/data/README.md).
            sliced = [("tuning_ko_2.jsonl", ko, register), ("tuning_es_2.jsonl", default, es),
                      ("tuning_ko_3.jsonl", ko, register), ("tuning_es_3.jsonl", default, es),
                      ("tuning_ko_4.jsonl", ko, register), ("tuning_es_4.jsonl", default, es),
                      ("tuning_ko_5.jsonl", ko, register)]
            for name, voices, voice_of in sliced:
                held_out(name, voices, voice_of, True, "tune")
                held_out(name, voices, voice_of, False, "heldout")
        return 0
    rounds = 3 if args.quick else 7
    if not CORPUS.is_file():
        raise SystemExit(f"{CORPUS} not found: run from a checkout with ../shared beside it")
    if not args.no_timing:
        detection(rounds)
    with tempfile.TemporaryDirectory() as tmp_dir:
        ko = _korean_voices(Path(tmp_dir))
        # The *_v2 to *_v5 sets were written later, blind, by other writers, each first
        # run after a session's last tuning round: the fresher measures (benchmarks/data/README.md).
        for name in ("replies_ko.jsonl", "replies_ko_v2.jsonl", "replies_ko_v3.jsonl",
                     "replies_ko_v4.jsonl", "replies_ko_v5.jsonl"):
            held_out(name, ko, lambda r: r.get("register_wanted", "haeyo"))
        for name in ("replies_es.jsonl", "replies_es_v2.jsonl", "replies_es_v3.jsonl",
                     "replies_es_v4.jsonl", "replies_es_v5.jsonl"):
            held_out(name, {"default": ko["haeyo"]}, lambda r: "default")
        if not args.no_timing:
            mixed(ko["haeyo"])
    if not args.no_timing:
        throughput(rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
