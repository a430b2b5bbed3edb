"""``brandvoice draft --input FILE``: draft replies for a file of customer messages.

Each row (JSONL, CSV or one message a line, as ``check --input`` reads them) is triaged and
drafted on its own; the playbook and voice are loaded once. A bad row stops the run naming
``path:line`` after the drafts before it are written, or is skipped and counted with
``--skip-bad-lines``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

__all__ = ["cmd_draft_many"]


def cmd_draft_many(args: argparse.Namespace, context: dict[str, Any], now: Any,
                   describe: Callable[[Any], str]) -> int:
    """0 when every message got a passing draft, 1 otherwise."""
    from brandvoice.batch.inputs import read_records
    from brandvoice.cli.check import SkippedLines
    from brandvoice.cli.progress import progress
    from brandvoice.errors import UsageError
    from brandvoice.playbooks.drafting import draft
    from brandvoice.playbooks.model import load_playbook
    from brandvoice.playbooks.triage import Message
    from brandvoice.voice import load_voice

    playbook = load_playbook(args.playbook)
    voice = load_voice(args.voice, plugin_manager=playbook.plugin_manager) if args.voice \
        else playbook.voice()
    skipped = SkippedLines(args.skip_bad_lines)
    shown = "<stdin>" if args.input == "-" else args.input
    results: list[dict[str, Any]] = []
    all_passed = True
    bar = progress("drafting", "messages")
    try:
        for r in read_records(args.input, args.input_format, text_column=args.text_column,
                              id_column=args.id_column, on_bad_line=skipped):
            channel = r.channel or args.channel
            try:
                result = draft(Message(r.text, channel, id=r.id), playbook, voice, context,
                               now=now, fail_on=args.fail_on)
            except UsageError as exc:  # an unknown channel on this row, say
                skipped(UsageError(f"{shown}:{r.line}:1: {exc}"))
                continue
            bar.update()
            best = result.drafts[0] if result.drafts else None
            passed = best is not None and best.report.passed
            all_passed = all_passed and passed
            row = {"id": r.id, "input_line": r.line, "passed": passed, **result.to_dict()}
            if args.format == "jsonl":
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            elif args.format == "json":
                results.append(row)
            else:
                head = f"message {r.id} (line {r.line}): "
                if best is None:
                    print(f"{head}no template for {result.triage.scenario} on "
                          f"{result.triage.channel}; write the reply by hand")
                else:
                    print(f"{head}{best.template} (score {best.report.score}, "
                          f"{'passed' if passed else 'FAILED'})")
                    print("  " + best.text.replace("\n", "\n  "))
                print("  " + describe(result.triage).replace("\n", "\n  "))
                print()
    finally:
        bar.close()
        if args.format == "json":
            sys.stdout.write(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    skipped.summary()
    return 0 if all_passed else 1
