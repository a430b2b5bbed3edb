"""Built-in report formats, as a plugin: text, json, jsonl, sarif and github.

Each is a ``trylast`` implementation of :func:`brandvoice_format_report`, so a third-party
plugin can replace any of them.
"""

from __future__ import annotations

import json
from typing import Any

from brandvoice import __version__
from brandvoice.findings import Finding, Report
from brandvoice.languages.pack import display_width
from brandvoice.plugins.hookspecs import hookimpl

__all__ = ["FORMATS", "github_escape", "location", "render_problems", "render_text",
           "sarif_document"]

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
    # Indent and underline by display width: Hangul, kana and Han take two columns.
    pad = display_width(line[:start])
    width = max(1, display_width(line[start:end]))
    return [f"    {line}", "    " + " " * pad + "^" * width]


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


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset in ``text``."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def location(report: Report, f: Finding, n: int, options: dict[str, Any]
             ) -> tuple[str | None, dict[str, int]]:
    """Where a finding is, as an artifact URI and a SARIF region.

    A reply read from its own file, from a plain-text input (one reply a line) or given on
    the command line maps position for position; a JSONL or CSV row gives only its line.
    """
    uri = report.extra.get("input_path") or options.get("input") or options.get("uri")
    if uri == "-":
        uri = "brandvoice:stdin"  # rows piped in: no file to point at
    base = int(report.extra.get("input_line", n if options.get("input") else 1))
    if options.get("input") and not options.get("exact", False):
        return uri, {"startLine": base}
    end_line, end_col = _position(report.text, max(f.end, f.start))
    return uri, {"startLine": base + f.line - 1, "startColumn": f.column,
                 "endLine": base + end_line - 1, "endColumn": end_col}


def rule_docs() -> dict[str, str]:
    """What each registered rule catches, by full name (``tone.blame``)."""
    from brandvoice.plugins.manager import checks

    return {f"{c.category}.{name}": rule.doc for c in checks() for name, rule in c.rules.items()}


def _sarif(reports: list[Report], options: dict[str, Any]) -> str:
    rules: dict[str, dict[str, Any]] = {}
    docs = rule_docs()
    results = []
    level = {"error": "error", "warning": "warning", "info": "note"}
    for n, report in enumerate(reports, start=1):
        for f in report.findings:
            rules.setdefault(f.rule, {"id": f.rule,
                                      "shortDescription": {"text": docs.get(f.rule, f.rule)}})
            result: dict[str, Any] = {
                "ruleId": f.rule, "level": level[f.severity],
                "message": {"text": f.message},
                "properties": {"reply": report.id if report.id is not None else n,
                               "channel": report.channel, "source": f.source,
                               "suggestion": f.suggestion},
            }
            uri, region = location(report, f, n, options)
            physical: dict[str, Any] = {"region": region}
            if uri:
                physical["artifactLocation"] = {"uri": uri}
            result["locations"] = [{"physicalLocation": physical}]
            results.append(result)
    return sarif_document(rules, results)


def sarif_document(rules: dict[str, dict[str, Any]], results: list[dict[str, Any]]) -> str:
    """A SARIF 2.1.0 log with one run of brandvoice."""
    doc = {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{"tool": {"driver": {"name": "brandvoice", "version": __version__,
                                      "informationUri": "https://github.com/brandvoice/"
                                                        "brandvoice",
                                      "rules": sorted(rules.values(), key=lambda r: r["id"])}},
                  # Columns count characters (code points), as findings do.
                  "columnKind": "unicodeCodePoints",
                  "results": results}],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)


def github_escape(text: str, *, prop: bool = False) -> str:
    """Escape a workflow command's message (or, with ``prop``, a property value)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _github(reports: list[Report], options: dict[str, Any]) -> str:
    out = []
    kind = {"error": "error", "warning": "warning", "info": "notice"}
    for n, report in enumerate(reports, start=1):
        for f in report.findings:
            uri, region = location(report, f, n, options)
            where = ""
            if uri and not uri.startswith("brandvoice:"):  # annotations need a real file
                where = f"file={github_escape(uri, prop=True)},line={region['startLine']},"
                if "startColumn" in region:
                    where += (f"col={region['startColumn']},endLine={region['endLine']},"
                              f"endColumn={region['endColumn']},")
            out.append(f"::{kind[f.severity]} {where}title={github_escape(f.rule, prop=True)}::"
                       f"{github_escape(f.message)}")
    return "\n".join(out)


def render_problems(problems: list[Any], files: int, fmt: str) -> str:
    """``lint``'s problems (:class:`~brandvoice.errors.Problem`) in an output format."""
    if fmt == "json":
        return json.dumps({"files": files, "problems": [p.to_dict() for p in problems]},
                          indent=2, ensure_ascii=False)
    if fmt == "jsonl":
        return "\n".join(json.dumps(p.to_dict(), ensure_ascii=False) for p in problems)
    if fmt == "sarif":
        level = {"error": "error", "warning": "warning", "info": "note"}
        results = [{
            "ruleId": f"lint.{p.severity}", "level": level.get(p.severity, "warning"),
            "message": {"text": f"{p.key}: {p.message}" if p.key else p.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": p.path},
                "region": {"startLine": max(1, p.line), "startColumn": max(1, p.column)}}}],
            "properties": {"key": p.key},
        } for p in problems]
        rules = {f"lint.{s}": {"id": f"lint.{s}", "shortDescription": {
            "text": f"A voice or playbook file problem ({s})"}}
            for s in sorted({p.severity for p in problems})}
        return sarif_document(rules, results)
    if fmt == "github":
        kind = {"error": "error", "warning": "warning", "info": "notice"}
        return "\n".join(
            f"::{kind.get(p.severity, 'warning')} file={github_escape(p.path, prop=True)},"
            f"line={max(1, p.line)},col={max(1, p.column)},"
            f"title={github_escape(p.key or 'brandvoice lint', prop=True)}::"
            f"{github_escape(p.message)}" for p in problems)
    out = []
    for p in problems:
        tag = "" if p.severity == "error" else f"{p.severity}: "
        out.append(f"{p.path}:{p.line}:{p.column}: {tag}{p.key + ': ' if p.key else ''}"
                   f"{p.message}")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    out.append(f"{files} file{'s' * (files != 1)} linted, {errors} error{'s' * (errors != 1)}, "
               f"{warnings} warning{'s' * (warnings != 1)}")
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
        return _sarif(reports, options)
    if fmt == "github":
        return _github(reports, options)
    return None


@hookimpl
def brandvoice_report_formats() -> list[str]:
    return list(FORMATS)
