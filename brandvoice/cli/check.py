"""``brandvoice check``: where the replies come from, the scenario they answer, and how the
results stream out.

Replies come from TEXT (``-`` for standard input), from files holding one reply each
(``--file``), or from rows of a JSONL, CSV or text file (``--input``). With ``--playbook``,
``--message`` or ``--scenario`` (or the per-row ``message`` and ``scenario`` fields), the
playbook's scenario rules (``never_say``, crisis and complaint rules) apply too.

Results are written batch by batch for line formats and once for whole documents; either
way, a bad input line comes after every result before it has been written.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from brandvoice.errors import UsageError

__all__ = ["ARGUMENT_URI", "STDIN_URI", "Entry", "SkippedLines", "cmd_check", "read_text_file"]

# SARIF needs an artifact for every result: a reply given on the command line or piped in has
# no file, so it gets a stable pseudo-URI (its region is then the position in the reply).
ARGUMENT_URI = "brandvoice:argument"
STDIN_URI = "brandvoice:stdin"
STREAM_BATCH = 1024


@dataclass
class Entry:
    """One reply to check, with where it came from."""

    text: str
    channel: str | None
    id: str | None
    line: int  # the line of the input where the reply starts
    path: str | None  # the input file, or None for TEXT
    message: str | None = None
    scenario: str | None = None


class SkippedLines:
    """``--skip-bad-lines``: report each malformed line on stderr, count it, go on."""

    def __init__(self, skip: bool) -> None:
        self.skip = skip
        self.count = 0

    def __call__(self, error: UsageError) -> None:
        if not self.skip:
            raise error
        self.count += 1
        print(f"{error}; skipped (--skip-bad-lines)", file=sys.stderr)

    def summary(self) -> None:
        if self.count:
            print(f"brandvoice: {self.count} bad line{'s' * (self.count != 1)} skipped",
                  file=sys.stderr)


def read_text_file(path: str) -> str:
    """The whole of a reply file, as UTF-8 (``-`` for standard input)."""
    from brandvoice.limits import read_input

    if path == "-":
        if sys.stdin is None or sys.stdin.closed:
            raise UsageError("standard input is closed; pipe the reply in")
        return sys.stdin.read()
    if os.path.isdir(path):
        raise UsageError(f"{path}: is a folder; give a file holding one reply")
    if not os.path.lexists(path):
        raise UsageError(f"{path}: no such file; give a text or Markdown file holding one "
                         "reply")
    # Devices refused, FIFOs never waited on, size capped (brandvoice.limits).
    return read_input(path, "--file")


def _field(data: Any, key: str) -> str | None:
    value = data.get(key) if data is not None else None
    return None if value is None or value == "" else str(value)


def entries(args: argparse.Namespace, text_arg: Callable[[str, str], str],
            skipped: SkippedLines) -> Iterator[Entry]:
    """The replies to check, in order, from whichever source the arguments name."""
    sources = sum(x is not None and x != [] for x in (args.text, args.input, args.file))
    if sources != 1:
        raise UsageError("give the reply as TEXT (- for standard input), with --file FILE... "
                         "(one reply per file) or with --input FILE (one per row); one of them")
    if args.text is not None:
        yield Entry(text_arg(args.text, "reply"), args.channel, None, 1, None,
                    args.message, args.scenario)
        return
    if args.file:
        for path in args.file:
            yield Entry(read_text_file(path), args.channel, path, 1, path, args.message,
                        args.scenario)
        return
    from brandvoice.batch.inputs import read_records

    for r in read_records(args.input, args.input_format, text_column=args.text_column,
                          id_column=args.id_column, on_bad_line=skipped):
        yield Entry(r.text, r.channel or args.channel, r.id, r.line, args.input,
                    _field(r.data, "message") or args.message,
                    _field(r.data, "scenario") or args.scenario)


class ScenarioResolver:
    """Turns a customer message (triaged) or a scenario id into the scenario the checks use."""

    def __init__(self, playbook: Any) -> None:
        self.playbook = playbook
        self._triager: Any = None

    def problem(self, entry: Entry) -> UsageError | None:
        """An error for a scenario id the playbook does not define, else None."""
        pb = self.playbook
        if pb is None or entry.scenario is None or entry.scenario in pb.scenarios:
            return None
        return UsageError(f"{_where(entry)}unknown scenario {entry.scenario!r}; the playbook "
                          f"{pb.name} defines: {', '.join(pb.scenarios)}")

    def resolve(self, batch: list[Entry]) -> list[Any]:
        from brandvoice.playbooks.drafting import scenario_for_checks

        if self.playbook is None:
            return [None] * len(batch)
        pb = self.playbook
        ids: list[str | None] = [e.scenario for e in batch]
        to_triage = [i for i, e in enumerate(batch) if e.scenario is None and e.message]
        if to_triage:
            from brandvoice.playbooks.triage import Message, Triager

            if self._triager is None:
                self._triager = Triager(pb)
            results = self._triager.triage_many(
                [Message(batch[i].message or "", batch[i].channel) for i in to_triage])
            for i, result in zip(to_triage, results, strict=True):
                ids[i] = result.scenario
        return [scenario_for_checks(pb, sid or pb.default_scenario) for sid in ids]


def _where(entry: Entry) -> str:
    """``path:line:1: `` for a reply read from a file, nothing for one given as TEXT."""
    if entry.path is None:
        return ""
    return f"{'<stdin>' if entry.path == '-' else entry.path}:{entry.line}:1: "


def cmd_check(args: argparse.Namespace, *, text_arg: Callable[[str, str], str],
              render: Callable[[list[Any], str, dict[str, Any]], str],
              emit: Callable[[str], None], streamed: frozenset[str]) -> int:
    """Check the replies; 0 when all pass, 1 when any fails (``--fail-on``, ``--min-score``)."""
    from brandvoice.checks.engine import Checker, Item

    playbook = None
    if args.playbook or args.message is not None or args.scenario:
        from brandvoice.playbooks.model import load_playbook

        playbook = load_playbook(args.playbook)
    voice = args.voice
    if voice is None and playbook is not None:
        voice = playbook.voice()  # the playbook names the voice its replies are written in
    checker = Checker(voice, fail_on=args.fail_on,
                      plugin_manager=playbook.plugin_manager if playbook else None)
    channels = set(checker.voice.channel_names)
    if args.text not in (None, "-") and "ko" in checker.voice.languages and \
            any("\uac00" <= ch <= "\ud7a3" for ch in args.text):
        # One Korean reply that may need Kiwi (1.5-2 s to load): it loads in a second
        # process while spaCy loads here.
        from brandvoice.checks.language import wanted_speech_level
        from brandvoice.languages import korean

        if korean.may_analyse(args.text, wanted_speech_level(checker.voice)):
            korean.preload()
    skipped = SkippedLines(args.skip_bad_lines)
    scenarios = ScenarioResolver(playbook)
    source = entries(args, text_arg, skipped)
    exact = args.input is None or args.input_format == "text" or (
        args.input_format == "auto" and not args.input.endswith((".jsonl", ".ndjson", ".csv")))
    default_uri = STDIN_URI if args.text == "-" else ARGUMENT_URI
    options = {"input": args.input, "exact": exact, "uri": default_uri}

    def checked(batch: list[Entry]) -> list[Any]:
        items = [Item(e.text, e.channel, e.id, sc)
                 for e, sc in zip(batch, scenarios.resolve(batch), strict=True)]
        reports = list(checker.check_many(items))
        for report, e, item in zip(reports, batch, items, strict=True):
            report.min_score = args.min_score
            if e.path is not None:
                report.extra["input_path"] = e.path
                report.extra["input_line"] = e.line
            if item.scenario is not None:
                report.extra["scenario"] = item.scenario.name
        return reports

    def next_batch(size: int) -> tuple[list[Entry], UsageError | None]:
        """Up to ``size`` entries; a bad line ends the batch early and is returned, so the
        replies read before it are still checked and written."""
        batch: list[Entry] = []
        try:
            for entry in source:
                if (entry.channel or "x") not in channels:
                    skipped(UsageError(
                        f"{_where(entry)}unknown channel {entry.channel!r}; this voice "
                        f"defines: {', '.join(sorted(channels))}"))
                    continue
                problem = scenarios.problem(entry)
                if problem is not None:
                    skipped(problem)
                    continue
                batch.append(entry)
                if len(batch) >= size:
                    break
        except UsageError as exc:
            return batch, exc
        return batch, None

    if args.fix:
        return _fix(args, source, checker, scenarios, render, emit, options)
    from brandvoice.cli.progress import Progress, progress

    bar = progress("checking", "replies") if args.text is None else Progress()
    try:
        passed = _run(args, next_batch, checked, render, emit, streamed, options, bar)
    finally:
        bar.close()
    skipped.summary()
    return 0 if passed else 1


def _run(args: argparse.Namespace, next_batch: Callable[[int], tuple[list[Entry],
                                                                    UsageError | None]],
         checked: Callable[[list[Entry]], list[Any]],
         render: Callable[[list[Any], str, dict[str, Any]], str], emit: Callable[[str], None],
         streamed: frozenset[str], options: dict[str, Any], bar: Any) -> bool:
    """Check batch after batch; True when every reply passed. A bad line is raised once the
    replies before it have been written."""
    passed = True
    if args.format in streamed:
        while True:
            batch, error = next_batch(STREAM_BATCH)
            if batch:
                reports = checked(batch)
                bar.update(len(batch))
                passed = passed and all(r.passed for r in reports)
                emit(render(reports, args.format, options))
                sys.stdout.flush()
            if error is not None:
                raise error
            if not batch:
                return passed
    reports = []
    error = None
    while True:
        batch, error = next_batch(STREAM_BATCH)
        reports.extend(checked(batch))
        bar.update(len(batch))
        if error is not None or not batch:
            break
    bar.close()  # before the report, so the two never interleave on a terminal
    if reports or error is None:
        emit(render(reports, args.format, options))
    if error is not None:
        raise error
    return all(r.passed for r in reports)


def _fix(args: argparse.Namespace, source: Iterator[Entry], checker: Any,
         scenarios: ScenarioResolver, render: Callable[[list[Any], str, dict[str, Any]], str],
         emit: Callable[[str], None], options: dict[str, Any]) -> int:
    """``--fix``: TEXT and ``-`` print the fixed reply on stdout (the diff and what is left
    go to stderr); ``--file`` rewrites each file in place, prints its diff on stderr and the
    report of the fixed text on stdout."""
    import os

    from brandvoice.checks.fixes import describe, fix_reply, unified_diff

    if args.input is not None:
        raise UsageError("--fix works on a reply given as TEXT, - or --file FILE...; rows of "
                         "--input are data, fix them where they come from")
    reports = []
    for entry in source:
        [scenario] = scenarios.resolve([entry])

        def check(text: str, entry: Entry = entry, scenario: Any = scenario) -> Any:
            report = checker.check(text, entry.channel, scenario=scenario, id=entry.id)
            report.min_score = args.min_score
            if entry.path is not None:
                report.extra["input_path"] = entry.path
                report.extra["input_line"] = entry.line
            return report

        fixed = fix_reply(entry.text, check)
        name = entry.path if entry.path and entry.path != "-" else \
            ("stdin" if args.text == "-" else "reply")
        if fixed.applied:
            sys.stderr.write(unified_diff(entry.text, fixed.text, name))
            print(f"{name}: {describe(fixed.applied)}", file=sys.stderr)
        if entry.path is not None and entry.path != "-" and fixed.text != entry.text:
            tmp = f"{entry.path}.brandvoice-fix.tmp"
            with open(tmp, "w", encoding="utf-8", newline="") as out:
                out.write(fixed.text)
            os.replace(tmp, entry.path)  # all or nothing: never half a reply on disk
        reports.append(fixed.report)
        if entry.path is None or entry.path == "-":
            sys.stdout.write(fixed.text if fixed.text.endswith("\n") else fixed.text + "\n")
    if args.file:
        emit(render(reports, args.format, options))
    elif any(r.findings for r in reports):
        from brandvoice.cli.formatters import render_text

        print(render_text(reports), file=sys.stderr)
    return 0 if all(r.passed for r in reports) else 1


def add_check_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``check`` beyond TEXT/--input: files, scenario, bad lines."""
    p.add_argument("--file", nargs="+", metavar="FILE",
                   help="files holding one reply each (plain text or Markdown); findings "
                        "point at their lines")
    p.add_argument("--playbook", metavar="FILE",
                   help="playbook whose scenario rules apply (never_say, crisis); its voice "
                        "is the default voice")
    p.add_argument("--message", metavar="TEXT",
                   help="the customer's message: triaged with the playbook to pick the "
                        "scenario (rows of --input may carry their own 'message')")
    p.add_argument("--scenario", metavar="ID",
                   help="the playbook scenario the reply answers (rows may carry 'scenario')")
    p.add_argument("--fix", action="store_true",
                   help="apply the safe fixes (the voice's declared substitutions, product "
                        "casing, CamelCase hashtags): print the fixed TEXT, or rewrite each "
                        "--file; the diff goes to stderr")
    p.add_argument("--skip-bad-lines", action="store_true",
                   help="skip malformed input lines (each is reported on stderr and "
                        "counted) instead of stopping at the first")
