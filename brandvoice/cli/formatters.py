"""Built-in report formats, as a plugin: text, json, jsonl, sarif and github.

Each is a ``trylast`` implementation of :func:`brandvoice_format_report`, so a third-party
plugin can replace any of them.
"""

from __future__ import annotations

import json
from typing import Any

from brandvoice import __version__
from brandvoice.findings import Finding, Report
from brandvoice.plugins.hookspecs import hookimpl

__all__ = ["FORMATS", "render_text"]

FORMATS = ("text", "json", "jsonl", "sarif", "github")
_COLOR = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"


def _underline(text: str, f: Finding) -> list[str]:
    """The reply line holding the finding, with ``^`` under its span."""
    lines = text.split("\n")
    line = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
    line_start = sum(len(x) + 1 for x in lines[: f.line - 1])
    start = f.start - line_start
    end = min(max(f.end - line_start, start + 1), len(line) if line else start + 1)
    # Wide characters: indent by the visible characters before the span.
    return [f"    {line}", "    " + " " * start + "^" * max(1, end - start)]


def render_text(reports: list[Report], *, color: bool = False) -> str:
    out: list[str] = []
    for n, report in enumerate(reports, start=1):
        label = report.id if report.id is not None else str(n)
        verdict = "passed" if report.passed else "FAILED"
        out.append(f"reply {label} ({report.channel}): score {report.score}, {verdict}")
        if not report.findings:
            out.append("    no findings")
        for f in report.findings:
            sev = f"{_COLOR[f.severity]}{f.severity}{_RESET}" if color else f.severity
            out.append(f"  {f.line}:{f.column} {sev} {f.rule}: {f.message}")
            if (f.end > f.start and (f.end - f.start) < len(report.text)) or len(report.text) < 80:
                out.extend(_underline(report.text, f))
            if f.suggestion:
                out.append(f"    suggestion: {f.suggestion!r}")
            if f.source != "builtin":
                out.append(f"    rule from {f.source}")
        out.append("")
    total = sum(len(r.findings) for r in reports)
    failed = sum(not r.passed for r in reports)
    out.append(f"{len(reports)} repl{'y' if len(reports) == 1 else 'ies'} checked, "
               f"{total} finding{'s' * (total != 1)}, {failed} failed")
    return "\n".join(out)


def _sarif(reports: list[Report], input_path: str | None) -> str:
    rules: dict[str, dict[str, Any]] = {}
    results = []
    level = {"error": "error", "warning": "warning", "info": "note"}
    for n, report in enumerate(reports, start=1):
        for f in report.findings:
            rules.setdefault(f.rule, {"id": f.rule, "shortDescription": {"text": f.rule}})
            result: dict[str, Any] = {
                "ruleId": f.rule, "level": level[f.severity],
                "message": {"text": f.message},
                "properties": {"reply": report.id if report.id is not None else n,
                               "channel": report.channel, "source": f.source,
                               "suggestion": f.suggestion},
            }
            if input_path:
                result["locations"] = [{"physicalLocation": {
                    "artifactLocation": {"uri": input_path},
                    "region": {"startLine": int(report.extra.get("input_line", n))},
                }}]
            results.append(result)
    doc = {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{"tool": {"driver": {"name": "brandvoice", "version": __version__,
                                      "rules": sorted(rules.values(), key=lambda r: r["id"])}},
                  "results": results}],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)


def _github(reports: list[Report], input_path: str | None) -> str:
    out = []
    kind = {"error": "error", "warning": "warning", "info": "notice"}
    for n, report in enumerate(reports, start=1):
        for f in report.findings:
            where = f"file={input_path},line={report.extra.get('input_line', n)}," \
                if input_path else ""
            msg = f.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            out.append(f"::{kind[f.severity]} {where}title={f.rule}::{msg}")
    return "\n".join(out)


@hookimpl(trylast=True)
def brandvoice_format_report(reports: list[Report], fmt: str, options: dict[str, Any]) -> str | None:
    if fmt == "text":
        return render_text(reports, color=bool(options.get("color")))
    if fmt == "json":
        return json.dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r.to_dict(), ensure_ascii=False) for r in reports)
    if fmt == "sarif":
        return _sarif(reports, options.get("input"))
    if fmt == "github":
        return _github(reports, options.get("input"))
    return None


@hookimpl
def brandvoice_report_formats() -> list[str]:
    return list(FORMATS)
