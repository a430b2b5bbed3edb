"""The ``brandvoice`` command line. This module is the one error boundary: input errors exit
2 with a ``path:line:col`` message, unexpected errors exit 3, never with a bare traceback
(set ``BRANDVOICE_DEBUG=1`` to see it)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any, NoReturn

from brandvoice import __version__
from brandvoice.errors import BrandvoiceError, ConfigError

__all__ = ["FAST_EXIT_ENV", "main", "run"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
FAST_EXIT_ENV = "BRANDVOICE_FAST_EXIT"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on usage errors, as we do
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _formats() -> list[str]:
    from brandvoice.plugins.manager import get_plugin_manager

    names: list[str] = []
    for group in get_plugin_manager().hook.brandvoice_report_formats():
        names.extend(n for n in group if n not in names)
    return names


def _render(reports: list[Any], fmt: str, input_path: str | None) -> str:
    return _render_with(reports, fmt, {"input": input_path})


def _render_with(reports: list[Any], fmt: str, options: dict[str, Any]) -> str:
    from brandvoice.plugins.manager import get_plugin_manager

    out = get_plugin_manager().hook.brandvoice_format_report(
        reports=reports, fmt=fmt, options={"color": sys.stdout.isatty(), **options})
    if out is None:
        raise BrandvoiceError(f"no plugin renders format {fmt!r}")
    return str(out)


def _text_arg(value: str, what: str) -> str:
    """``-`` stands for standard input, read whole, as for most Unix tools."""
    if value != "-":
        return value
    if sys.stdin is None or sys.stdin.closed:
        raise BrandvoiceError(f"the {what} is '-' (standard input), but standard input is "
                              "closed; pipe the text in or give it as an argument")
    try:
        return sys.stdin.read()
    except UnicodeDecodeError as exc:
        raise BrandvoiceError(f"<stdin>: not UTF-8 text ({exc.reason}); send UTF-8") from None


def _emit(text: str) -> None:
    if text:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


# lint -------------------------------------------------------------------------------------


def cmd_lint(args: argparse.Namespace) -> int:
    from brandvoice.lint.voices import lint_paths

    for p in args.paths:
        if not os.path.exists(p):
            raise BrandvoiceError(f"{p}: no such file or folder")
        if not (os.path.isfile(p) or os.path.isdir(p)):
            raise BrandvoiceError(f"{p}: not a file or folder (a FIFO or a device); give "
                                  "voice and playbook files or folders")
    from brandvoice.cli.formatters import render_problems
    from brandvoice.cli.progress import progress
    from brandvoice.findings import severity_rank

    bar = progress("linting", "files")
    try:
        problems, count = lint_paths(args.paths, run_examples=not args.no_examples,
                                     on_file=lambda _path: bar.update())
    finally:
        bar.close()
    _emit(render_problems(problems, count, args.format))
    limit = severity_rank(args.fail_on)
    failing = [p for p in problems if severity_rank(p.severity) <= limit]
    return EXIT_FINDINGS if failing else EXIT_OK


# check ------------------------------------------------------------------------------------


def _need_one_source(args: argparse.Namespace, what: str) -> None:
    if (args.text is None) == (args.input is None):
        raise BrandvoiceError(f"give the {what} as TEXT or with --input FILE (one of the two)")


# Line-per-reply formats: written batch by batch as the replies are checked, so a file of
# any size runs in constant memory. Whole-document formats (text with its summary, json,
# sarif, github) are rendered once, at the end.
STREAMED_FORMATS = frozenset({"jsonl"})
LINT_FORMATS = ("text", "json", "jsonl", "sarif", "github")


def cmd_check(args: argparse.Namespace) -> int:
    from brandvoice.cli.check import cmd_check as run_check

    return run_check(args, text_arg=_text_arg, render=_render_with, emit=_emit,
                     streamed=STREAMED_FORMATS)


# triage, draft ----------------------------------------------------------------------------


def _parse_now(text: str | None) -> Any:
    import datetime as dt

    if text is None:
        return None
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise BrandvoiceError(f"--now {text!r} is not an ISO date-time; use e.g. "
                              "2026-11-23T17:30:00+00:00") from None
    if when.tzinfo is None:
        raise BrandvoiceError(f"--now {text!r} has no time zone; add one, e.g. +00:00")
    if not 1900 <= when.year <= 2999:
        raise BrandvoiceError(f"--now {text!r}: the year must be between 1900 and 2999 "
                              "(deadlines are computed from it)")
    return when


def _render_triage(result: Any) -> str:
    r = result
    lines = [(f"{r.id + ': ' if r.id else ''}{r.scenario} ({r.severity}, rank "
             f"{r.severity_rank}) -> {r.route}"),
             f"  respond by {r.respond_by.isoformat(timespec='minutes')}"
             + (f" (out of hours; opens {r.next_open.isoformat(timespec='minutes')})"
                if r.out_of_hours and r.next_open else ""),
             (f"  escalate={str(r.escalate).lower()} handoff={str(r.handoff).lower()} "
             f"move_to_dm={str(r.move_to_dm).lower()}")]
    lines.append(f"  confidence {r.confidence:.2f} ({r.confidence_label}): {r.why}")
    if r.runner_up:
        lines.append(f"  not {r.runner_up}: {r.why_not}")
    for reason in r.handoff_reasons:
        lines.append(f"  handoff: {reason}")
    for m in r.matches:
        why = "; ".join(
            f"{x['kind']}: {', '.join(map(repr, x['words']))}" if "words" in x else
            f"example {x['example']!r} ({x.get('location', '')})" if "example" in x else
            f"{x['kind']}: {x.get('detail', x.get('score', x.get('channel', x.get('value'))))}"
            for x in m.reasons)
        lines.append(f"  matched {m.scenario} (trigger {m.trigger}): {why}" if m.trigger >= 0
                     else f"  matched {m.scenario} ({m.source}, {m.score:.2f}): {why}")
    for w in r.warnings:
        lines.append(f"  warning: {w}")
    return "\n".join(lines)


def cmd_triage(args: argparse.Namespace) -> int:
    from brandvoice.batch.inputs import detect_format, read_records
    from brandvoice.playbooks.triage import Message, Triager, message_from_fields

    _need_one_source(args, "message")
    triager = Triager(args.playbook)
    if args.text is not None:
        messages = [Message(_text_arg(args.text, "message"), args.channel)]
    else:
        # JSONL rows carry the author and engagement objects, as the Python API takes them.
        jsonl = (args.input_format if args.input_format != "auto"
                 else detect_format(args.input)) == "jsonl"
        messages = [message_from_fields(
            r.text, r.channel or args.channel, r.id,
            author=(r.data or {}).get("author") if jsonl else None,
            engagement=(r.data or {}).get("engagement") if jsonl else None,
            where=f"{args.input}:{r.line}")
            for r in read_records(args.input, args.input_format,
                                  text_column=args.text_column, id_column=args.id_column)]
    results = triager.triage_many(messages, now=_parse_now(args.now))
    if args.format == "json":
        _emit(json.dumps([r.to_dict() for r in results], indent=2, ensure_ascii=False))
    elif args.format == "jsonl":
        for r in results:
            sys.stdout.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    else:
        for r in results:
            print(_render_triage(r))
    return EXIT_OK


def _parse_sets(pairs: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise BrandvoiceError(f"--set {pair!r}: use key=value, e.g. agent=Jo or "
                                  "customer.name='Sam Lee'")
        node = out
        parts = key.strip().split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise BrandvoiceError(f"--set {pair!r}: {part} is already a value")
        node[parts[-1]] = value
    return out


def cmd_draft(args: argparse.Namespace) -> int:
    from brandvoice.cli.formatters import render_text
    from brandvoice.playbooks.drafting import draft

    if (args.text is None) == (args.input is None):
        raise BrandvoiceError("give the customer's message as TEXT (- for standard input) or "
                              "a file of messages with --input FILE; one of the two")
    if args.input is not None:
        from brandvoice.cli.draft import cmd_draft_many

        return cmd_draft_many(args, _parse_sets(args.set), _parse_now(args.now),
                              _render_triage)
    if args.format == "jsonl":
        args.format = "json"  # one message: one JSON document
    result = draft(_text_arg(args.text, "message"), args.playbook, args.voice, _parse_sets(args.set),
                   channel=args.channel, now=_parse_now(args.now), fail_on=args.fail_on)
    if args.format == "json":
        _emit(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(_render_triage(result.triage))
        print()
        for n, d in enumerate(result.drafts, start=1):
            print(f"draft {n}: {d.template} (score {d.report.score}, "
                  f"{'passed' if d.report.passed else 'FAILED'})")
            print("  " + d.text.replace("\n", "\n  "))
            if d.report.findings:
                d.report.id = d.template
                body = render_text([d.report]).split("\n")[1:-2]
                print("\n".join(body))
            print()
        if not result.drafts:
            print("no template for this scenario and channel; write the reply by hand")
    best = result.drafts[0] if result.drafts else None
    return EXIT_OK if best is not None and best.report.passed else EXIT_FINDINGS


# audit ------------------------------------------------------------------------------------


def cmd_audit(args: argparse.Namespace) -> int:
    from brandvoice.batch.audit import AuditOptions, audit
    from brandvoice.cli.progress import Progress, progress

    def bad_line(error: BrandvoiceError) -> None:
        print(f"{error}; skipped (--skip-bad-lines)", file=sys.stderr)

    if os.path.exists(args.out) and not os.path.isdir(args.out):
        raise BrandvoiceError(f"{args.out}: --out is a file; give a folder for the audit's "
                              "results and report (it is created if missing)")
    opts = AuditOptions(
        input=args.input, out_dir=args.out, voice=args.voice, input_format=args.input_format,
        text_column=args.text_column, id_column=args.id_column,
        channel_column=args.channel_column, agent_column=args.agent_column,
        time_column=args.time_column, channel=args.channel, jobs=args.jobs,
        chunk_size=args.chunk_size, fail_on=args.fail_on, output_format=args.output_format,
        skip_bad_lines=args.skip_bad_lines, on_bad_line=bad_line)
    bar = Progress() if args.quiet else progress("auditing", "replies")
    seen = {"done": 0}

    def show(done: int, total: int | None, skipped: int) -> None:
        bar.set_total(total)
        bar.update(done - seen["done"])
        seen["done"] = done
        if skipped:
            bar.note(f"{skipped:,} resumed")

    try:
        agg = audit(opts, show if bar.bar is not None else None)
    finally:
        bar.close()
    if opts.resumed and not args.quiet:
        print(f"{opts.resumed:,} replies resumed from an earlier run", file=sys.stderr)
    if opts.bad_lines:
        print(f"brandvoice: {opts.bad_lines} bad line{'s' * (opts.bad_lines != 1)} skipped",
              file=sys.stderr)
    if args.format in ("text", None):
        n = max(agg.replies, 1)
        print(f"{agg.replies:,} replies audited: {agg.passed / n:.1%} passed, average score "
              f"{agg.score_sum / n:.1f}, {agg.findings:,} findings")
        print(f"report: {args.out}/report.html  summary: {args.out}/summary.json  results: "
              f"{args.out}/results.{args.output_format}")
    elif args.format == "json":
        with open(os.path.join(args.out, "summary.json"), encoding="utf-8") as summary:
            _emit(summary.read())
    else:
        _emit(_render_with(_audit_reports(args), args.format,
                           {"input": args.input, "exact": False}))
    # Like check: any reply with a finding at or above --fail-on fails the run.
    return EXIT_OK if agg.passed == agg.replies else EXIT_FINDINGS


def _audit_reports(args: argparse.Namespace) -> list[Any]:
    """The audit's failing and flagged results as reports, for sarif, github and jsonl."""
    from brandvoice.findings import Finding, Report

    reports = []
    path = os.path.join(args.out, "results.jsonl")
    if not os.path.exists(path):
        raise BrandvoiceError(f"--format {args.format} reads {path}; use --output-format jsonl")
    with open(path, encoding="utf-8") as results:
        for line in results:
            row = json.loads(line)
            if not row["findings"]:
                continue
            report = Report(row["text"], row["channel"], [Finding(**f) for f in row["findings"]],
                            args.fail_on, row["id"])
            report.extra["input_line"] = row.get("input_line", 1)
            reports.append(report)
    return reports


# schema, rules ----------------------------------------------------------------------------


def cmd_schema(args: argparse.Namespace) -> int:
    from brandvoice.lint.jsonschema import json_schema

    _emit(json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from brandvoice.plugins.manager import checks

    voice = None
    if args.voice:
        from brandvoice.voice import load_voice

        voice = load_voice(args.voice)
    rows = []
    for check in checks(voice.plugin_manager if voice else None):
        for name, rule in check.rules.items():
            row = {"rule": f"{check.category}.{name}", "severity": rule.severity,
                   "doc": rule.doc, "check": check.name}
            if voice is not None:
                # What this voice makes of the rule: its severity ("off" when switched off)
                # and the line that set it ("builtin" when the default holds).
                row["severity"] = check.severity(voice, name) or "off"
                row["default"] = rule.severity
                row["source"] = check.rule_source(voice, name)
            rows.append(row)
    if args.format == "json":
        _emit(json.dumps(rows, indent=2))
    else:
        for r in rows:
            where = f"  [{r['source']}]" if r.get("source", "builtin") != "builtin" else ""
            print(f"{r['rule']:<36} {r['severity']:<8} {r['doc']}{where}")
    return EXIT_OK


# lsp --------------------------------------------------------------------------------------


def cmd_lsp(args: argparse.Namespace) -> int:
    try:
        from brandvoice.lsp.server import serve
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol"):
            raise
        raise BrandvoiceError("the language server needs pygls: pip install "
                              "'brandvoice[lsp]'") from None
    serve(voice=args.voice, channel=args.channel, fail_on=args.fail_on)
    return EXIT_OK


# parser -----------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    from brandvoice.findings import SEVERITIES
    from brandvoice.plugins.manager import get_plugin_manager

    parser = _Parser(prog="brandvoice", description="Check customer-care replies against a "
                     "brand's voice guide and escalation playbook.")
    parser.add_argument("--version", action="version", version=f"brandvoice {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show the traceback of any error (also BRANDVOICE_DEBUG=1)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("lint", help="validate voice and playbook files")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument("--format", choices=LINT_FORMATS, help="output format (default: text)")
    p.add_argument("--fail-on", choices=SEVERITIES,
                   help="lowest severity that fails (default: error; warning is stricter)")
    p.add_argument("--no-examples", action="store_true",
                   help="do not run the checks on the voices' examples")
    p.set_defaults(handler=cmd_lint)

    p = sub.add_parser("check", help="check replies against a voice")
    p.add_argument("text", nargs="?", metavar="TEXT", help="the reply to check (- for stdin)")
    p.add_argument("--voice", metavar="FILE", help="voice file (default: the built-in voice)")
    p.add_argument("--channel", metavar="NAME", help="channel (default: x)")
    p.add_argument("--format", choices=_formats(), help="output format (default: text)")
    p.add_argument("--fail-on", choices=SEVERITIES,
                   help="lowest severity that fails (default: error)")
    p.add_argument("--min-score", type=_score, metavar="N",
                   help="also fail a reply that scores below N (0-100; default: 0)")
    _input_options(p)
    from brandvoice.cli.check import add_check_arguments

    add_check_arguments(p)
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("triage", help="triage inbound messages against a playbook")
    p.add_argument("text", nargs="?", metavar="TEXT", help="the message (- for stdin)")
    p.add_argument("--playbook", metavar="FILE", help="playbook (default: the built-in one)")
    p.add_argument("--channel", metavar="NAME", help="channel the message came in on")
    p.add_argument("--now", metavar="ISO", help="treat this as the current time (ISO 8601)")
    p.add_argument("--format", choices=("text", "json", "jsonl"))
    _input_options(p)
    p.set_defaults(handler=cmd_triage)

    p = sub.add_parser("draft", help="triage a message and draft replies from templates")
    p.add_argument("text", nargs="?", metavar="TEXT",
                   help="the customer's message (- for stdin)")
    p.add_argument("--voice", metavar="FILE", help="voice (default: the playbook's voice)")
    p.add_argument("--playbook", metavar="FILE", help="playbook (default: the built-in one)")
    p.add_argument("--channel", metavar="NAME", help="channel to reply on")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="template context, e.g. agent=Jo customer.name='Sam Lee'")
    p.add_argument("--now", metavar="ISO", help="treat this as the current time (ISO 8601)")
    p.add_argument("--fail-on", choices=SEVERITIES)
    p.add_argument("--format", choices=("text", "json", "jsonl"))
    _input_options(p)
    p.add_argument("--skip-bad-lines", action="store_true",
                   help="skip malformed rows (reported and counted) instead of stopping")
    p.set_defaults(handler=cmd_draft)

    p = sub.add_parser("audit", help="audit an archive of replies (CSV, JSONL or Parquet)")
    p.add_argument("input", metavar="FILE", help="CSV, JSONL or Parquet file of replies")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="output folder; rerunning with the same folder resumes")
    p.add_argument("--voice", metavar="FILE")
    p.add_argument("--channel", metavar="NAME", help="channel for rows without one")
    p.add_argument("--input-format", choices=("auto", "jsonl", "csv", "parquet"),
                   default="auto")
    p.add_argument("--text-column", default="text")
    p.add_argument("--id-column", default="id")
    p.add_argument("--channel-column", default="channel")
    p.add_argument("--agent-column", default="agent")
    p.add_argument("--time-column", default="timestamp")
    p.add_argument("--jobs", type=int, default=0, help="processes (default: every core)")
    p.add_argument("--chunk-size", type=int, default=2000)
    p.add_argument("--fail-on", choices=SEVERITIES,
                   help="lowest severity that fails a reply, and the run (default: error)")
    p.add_argument("--output-format", choices=("jsonl", "parquet"), default="jsonl")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--format", choices=("text", "json", "jsonl", "sarif", "github"),
                   help="what to print: text (a summary, the default), json (summary.json), "
                        "or the findings as jsonl, sarif or github annotations")
    p.add_argument("--skip-bad-lines", action="store_true",
                   help="skip malformed rows (reported on stderr and counted) instead of "
                        "stopping at the first")
    p.set_defaults(handler=cmd_audit)

    p = sub.add_parser("schema", help="print the JSON Schema of a file kind")
    p.add_argument("kind", choices=("voice", "playbook"))
    p.set_defaults(handler=cmd_schema)

    p = sub.add_parser("rules", help="list every rule with its default severity")
    p.add_argument("--format", choices=("text", "json"))
    p.add_argument("--voice", metavar="FILE",
                   help="show the severity each rule has in this voice, and where it is set")
    p.set_defaults(handler=cmd_rules)

    p = sub.add_parser("lsp", help="run the language server for editors (stdio)")
    p.add_argument("--voice", metavar="FILE", help="voice for reply drafts (default: the "
                   "project config's, else the built-in voice)")
    p.add_argument("--channel", metavar="NAME", help="channel of reply drafts (default: x)")
    p.add_argument("--fail-on", choices=SEVERITIES)
    p.add_argument("--stdio", action="store_true",
                   help="talk over standard input and output (the default and only transport)")
    p.set_defaults(handler=cmd_lsp)

    get_plugin_manager().hook.brandvoice_register_commands(subparsers=sub)
    return parser


def _score(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if not 0 <= n <= 100:
        raise argparse.ArgumentTypeError(f"{value!r} is not a score; use a whole number "
                                         "from 0 to 100")
    return n


def _input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--input", metavar="FILE", help="JSONL, CSV or text file (- for stdin)")
    p.add_argument("--input-format", choices=("auto", "jsonl", "csv", "text"), default="auto")
    p.add_argument("--text-column", default="text", help="text column or key (default: text)")
    p.add_argument("--id-column", default="id", help="id column or key (default: id)")


def _debug(argv: Sequence[str] | None) -> bool:
    # Read before parsing: a plugin that fails to import fails while the parser is built.
    args = sys.argv[1:] if argv is None else argv
    return "--debug" in args or bool(os.environ.get("BRANDVOICE_DEBUG"))


def main(argv: Sequence[str] | None = None) -> int:
    from brandvoice.cli import streams

    if streams.closed_stdout():
        if sys.stderr is not None:
            print("brandvoice: error: standard output is closed; the results would be lost: "
                  "redirect it to a file or a pipe", file=sys.stderr)
        return EXIT_USAGE
    try:
        code = _main(argv)
        failed = streams.flush_stdout()
        if failed is not None:
            raise failed
        return code
    except OSError as exc:
        if not streams.is_output_error(exc):
            raise
        streams.report(exc)
        return EXIT_USAGE


def _main(argv: Sequence[str] | None = None) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "handler", None):
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        from brandvoice.cli.config import apply_settings

        apply_settings(args, parser)
        return int(args.handler(args))
    except ConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_USAGE
    except BrandvoiceError as exc:
        if _debug(argv):  # with its cause: a broken plugin's own traceback
            traceback.print_exc()
        print(f"brandvoice: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        from brandvoice.cli import streams

        if streams.is_output_error(exc):
            raise  # main reports it as an output error
        return _internal(exc, argv)
    except Exception as exc:  # noqa: BLE001 - the boundary: anything else is our bug
        return _internal(exc, argv)


def _internal(exc: BaseException, argv: Sequence[str] | None) -> int:
    """Anything not a user's error is our bug: say so, exit 3."""
    if _debug(argv):
        traceback.print_exc()
    print(f"brandvoice: internal error: {type(exc).__name__}: {exc}; please report it "
          "(run with --debug or BRANDVOICE_DEBUG=1 to see the traceback)", file=sys.stderr)
    return EXIT_INTERNAL


def run(argv: Sequence[str] | None = None) -> NoReturn:
    """The ``brandvoice`` program: :func:`main`, then a quick, normal exit.

    Once spaCy is imported, the interpreter's last garbage collection walks every object of
    spaCy, numpy and the CMU dictionary: most of the time Python spends shutting down. They
    are all still in use at exit, so the program moves them out of the collector's sight
    with :func:`gc.freeze` and exits normally: atexit handlers, logging and buffered files
    are all shut down as usual (benchmarks/shutdown.py measures the difference).
    ``BRANDVOICE_FAST_EXIT=0`` leaves the collector alone.
    """
    try:
        code: int | str | None = main(argv)
    except SystemExit as exc:  # argparse's --help, --version and usage errors
        code = exc.code
    if sys.stdout is not None:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            pass  # the reader left (head, less): nothing is lost that it wanted
        except OSError as exc:
            if code in (EXIT_OK, EXIT_FINDINGS):
                from brandvoice.cli import streams

                streams.report(exc)
                code = EXIT_USAGE
        except ValueError:  # a closed stream: nothing left to save
            pass
    if os.environ.get(FAST_EXIT_ENV, "1") != "0":
        import gc

        gc.freeze()
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
