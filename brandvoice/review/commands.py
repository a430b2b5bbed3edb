"""``brandvoice review ...``: the approval gate on the command line.

A built-in plugin: it adds its subcommands through ``brandvoice_register_commands``, the hook
a third party would use. SQLAlchemy is imported only when a review command runs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from typing import Any

from brandvoice.plugins.hookspecs import hookimpl

EXIT_OK, EXIT_REFUSED = 0, 1


def review_id(value: str) -> int:
    """A review id argument: a whole number from 1 (argparse turns the ValueError into a usage
    error naming the argument)."""
    number = int(value)
    if not 0 < number < 2**62:
        raise ValueError(value)
    return number


def _desk(args: argparse.Namespace) -> Any:
    from brandvoice.review.gate import ReviewDesk

    return ReviewDesk(args.db)


review_id.__name__ = "review id"


def _print(args: argparse.Namespace, payload: Any, text: str) -> None:
    if args.format == "json":
        print(json.dumps(payload, indent=2, ensure_ascii=False, default=str))
    else:
        print(text)


def _describe(review: Any) -> str:
    lines = [(f"review {review.id}: {review.state} ({review.channel}, by {review.author}, "
             f"score {review.report.get('score')}, "
             f"{'passed' if review.report.get('passed') else 'FAILED'})"),
             f"  voice {review.voice['name']} {review.voice['version']}"
             + (f"; playbook {review.playbook['name']} {review.playbook['version']}, severity "
                f"{review.severity}" if review.playbook["name"] else ""),
             f"  needs {review.approvals_required} approval(s)"
             + (f" by {', '.join(review.roles)}" if review.roles else "")
             + ("" if review.self_approval else ", not by the author")
             + f"; expires {review.expires_at:%Y-%m-%d %H:%M %Z}"]
    for a in review.approvals:
        extra = f" (override: {a['override_reason']})" if a["override_reason"] else ""
        lines.append(f"  approved by {a['approver']} as {a['role']}{extra}")
    for f in review.report.get("findings", []):
        lines.append(f"  {f['line']}:{f['column']} {f['severity']} {f['rule']}: {f['message']}")
    lines.append("  " + review.text.replace("\n", "\n  "))
    return "\n".join(lines)


def _refused(fn: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        from brandvoice.review.gate import ReviewError

        try:
            return int(fn(args))
        except ReviewError as exc:
            print(f"brandvoice: refused: {exc}", file=sys.stderr)
            return EXIT_REFUSED
    return run


def _action(run: Any) -> Any:
    """A command that changes or reads one review and shows it."""
    @_refused
    def cmd(args: argparse.Namespace) -> int:
        review = run(_desk(args), args)
        _print(args, review.to_dict(), _describe(review))
        return EXIT_OK
    return cmd


cmd_submit = _action(lambda desk, a: desk.submit(a.text, author=a.author, voice=a.voice,
                                                  playbook=a.playbook, channel=a.channel,
                                                  message=a.message))


@_refused
def cmd_list(args: argparse.Namespace) -> int:
    items = _desk(args).list(args.state, args.limit)
    _print(args, [r.to_dict() for r in items],
           "\n".join(f"{r.id:>6} {r.state:<18} {r.channel:<12} {r.author:<16} "
                     f"{r.text[:60]!r}" for r in items) or "no reviews")
    return EXIT_OK


cmd_show = _action(lambda desk, a: desk.get(a.id))
cmd_approve = _action(lambda desk, a: desk.approve(a.id, a.by, a.role, a.override))
cmd_reject = _action(lambda desk, a: desk.reject(a.id, a.by, a.note))
cmd_request_changes = _action(lambda desk, a: desk.request_changes(a.id, a.by, a.note))
cmd_edit = _action(lambda desk, a: desk.edit(a.id, a.text, a.by))


def cmd_verify(args: argparse.Namespace) -> int:
    from brandvoice.errors import UsageError
    from brandvoice.limits import read_input

    if (args.text is None) == (args.file is None):
        raise UsageError("give the text to send as TEXT or with --file FILE")
    text = args.text if args.text is not None else read_input(args.file, "--file")
    result = _desk(args).verify(args.id, text)
    _print(args, {"id": args.id, "ok": result.ok, "reason": result.reason},
           f"{'OK' if result.ok else 'NOT APPROVED'}: {result.reason}")
    return EXIT_OK if result.ok else EXIT_REFUSED


def _expected_head(value: str | None) -> Any:
    """``--expect-head``: ``SEQ:HASH``, or a file holding it."""
    import os

    from brandvoice.limits import read_text_file
    from brandvoice.review.store import parse_head

    if value is None:
        return None
    if ":" not in value and os.path.exists(value):
        value = read_text_file(value, "--expect-head", 4096)
    return parse_head(value)


def cmd_verify_log(args: argparse.Namespace) -> int:
    expected = _expected_head(args.expect_head)
    count, problem = _desk(args).verify_log(expected)
    _print(args, {"events": count, "ok": problem is None,
                  "first_bad": None if problem is None else
                  {"seq": problem.seq, "message": problem.message}},
           f"{count} events, chain intact" if problem is None else
           f"TAMPERED: {problem} ({count} events read)")
    return EXIT_OK if problem is None else EXIT_REFUSED


def _open_output(path: str) -> Any:
    from brandvoice.errors import UsageError

    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write here ({exc.strerror})") from None


def cmd_head(args: argparse.Namespace) -> int:
    seq, digest = _desk(args).head()
    if args.output:
        with _open_output(args.output) as out:
            out.write(f"{seq}:{digest}\n")
    _print(args, {"seq": seq, "hash": digest}, f"{seq}:{digest}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    with contextlib.ExitStack() as stack:
        out = (stack.enter_context(_open_output(args.output)) if args.output
               else sys.stdout)
        n = _desk(args).export(out)
    print(f"{n} events exported", file=sys.stderr)
    return EXIT_OK


@hookimpl
def brandvoice_register_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    review = subparsers.add_parser("review", help="the human approval gate and its audit log")
    sub = review.add_subparsers(dest="review_command", metavar="ACTION",
                                parser_class=type(review))
    review.set_defaults(handler=lambda args: review.print_help(sys.stderr) or 2)

    def add(name: str, fn: Any, help: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(name, help=help)
        p.add_argument("--db", metavar="URL", help="database: a SQLite file or URL, or "
                       "postgresql+psycopg://... (default: $BRANDVOICE_DB or "
                       "brandvoice-reviews.db)")
        p.add_argument("--format", choices=("text", "json"), default="text")
        p.set_defaults(handler=fn)
        return p

    p = add("submit", cmd_submit, "check a reply and open a review")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--author", required=True, help="who wrote the reply")
    p.add_argument("--voice", metavar="FILE")
    p.add_argument("--playbook", metavar="FILE", help="sets approvals and expiry by severity")
    p.add_argument("--message", metavar="TEXT", help="the customer's message, to triage")
    p.add_argument("--channel", metavar="NAME")
    p = add("list", cmd_list, "list reviews")
    p.add_argument("--state", choices=("pending", "approved", "rejected", "changes_requested",
                                       "expired"))
    p.add_argument("--limit", type=int, default=100)
    p = add("show", cmd_show, "show one review")
    p.add_argument("id", type=review_id)
    p = add("approve", cmd_approve, "approve a review")
    p.add_argument("id", type=review_id)
    p.add_argument("--by", required=True)
    p.add_argument("--role", required=True)
    p.add_argument("--override", metavar="REASON",
                   help="approve despite blocking findings, saying why (logged)")
    for name, fn, help_ in (("reject", cmd_reject, "reject a review"),
                            ("request-changes", cmd_request_changes, "ask for changes")):
        p = add(name, fn, help_)
        p.add_argument("id", type=review_id)
        p.add_argument("--by", required=True)
        p.add_argument("--note", required=True)
    p = add("edit", cmd_edit, "replace a review's text (checks again, approvals reset)")
    p.add_argument("id", type=review_id)
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--by", required=True)
    p = add("verify", cmd_verify, "is exactly this text approved? (exit 0 yes, 1 no)")
    p.add_argument("id", type=review_id)
    p.add_argument("text", nargs="?", metavar="TEXT")
    p.add_argument("--file", metavar="FILE")
    p = add("verify-log", cmd_verify_log, "check the audit log's hash chain (exit 1 if "
            "tampered)")
    p.add_argument("--expect-head", metavar="SEQ:HASH",
                   help="a head exported earlier with `review head` (or a file holding it): "
                   "the log must still hold it, which catches a truncated or rewritten chain")
    p = add("head", cmd_head, "print the chain head (SEQ:HASH) to keep outside the database")
    p.add_argument("--output", metavar="FILE", help="also write it to FILE")
    p = add("export", cmd_export, "export the audit log as JSONL")
    p.add_argument("--output", metavar="FILE")
