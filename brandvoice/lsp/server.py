"""``brandvoice lsp``: a language server for the editors of voice files and of replies.

Built on pygls (the Language Server Protocol over JSON-RPC, with document sync and the
protocol types from lsprotocol), so an editor gets what ``brandvoice lint`` and ``brandvoice
check`` say, where they say it, as the text is typed:

* **Voice and playbook files** (``.yaml``/``.yml``): schema and semantic problems at their
  ``line:col``, as the buffer is typed (the unsaved text is read in place of the file, so
  ``extends`` and every location stay those of the file). On open and on save the voice's
  ``examples`` run through the checks too, and an example that fails is reported.
* **Reply drafts** (plain-text and Markdown files): every finding of the checks, with its
  span, rule and suggestion; Markdown code and HTML comments are left out.
* **Quick fixes**: the safe fixes of ``check --fix`` as code actions.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from brandvoice import __version__
from brandvoice.errors import BrandvoiceError, ConfigError, Problem

__all__ = ["BrandvoiceServer", "diagnostics_for", "serve"]

SOURCE = "brandvoice"
_SEVERITY = {"error": types.DiagnosticSeverity.Error,
             "warning": types.DiagnosticSeverity.Warning,
             "info": types.DiagnosticSeverity.Information}
_PLAYBOOK_KEYS = ("scenarios:", "severities:", "playbook:")
# Markdown that is not prose: fenced code, inline code, HTML comments, YAML front matter.
_MARKDOWN_SKIP = re.compile(r"(?s)\A---\n.*?\n---\n|```.*?```|~~~.*?~~~|`[^`\n]*`|<!--.*?-->")


@dataclass
class Settings:
    voice: str | None = None
    playbook: str | None = None
    channel: str | None = None
    fail_on: str = "error"
    checkers: dict[str, Any] = field(default_factory=dict)


def path_of(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


def kind_of(path: str, text: str, language: str | None = None) -> str | None:
    """``voice``, ``playbook``, ``reply`` or None (a file the server leaves alone)."""
    lower = path.lower()
    if lower.endswith((".yaml", ".yml")) or language == "yaml":
        if "/templates/" in path.replace(os.sep, "/"):
            return None
        heads = (line for line in text.splitlines() if line.startswith(_PLAYBOOK_KEYS))
        return "playbook" if next(heads, None) else "voice"
    if lower.endswith((".txt", ".md", ".markdown")) or language in ("plaintext", "markdown"):
        return "reply"
    return None


def _range(text_lines: list[str], line: int, column: int) -> types.Range:
    """A range from 1-based ``line:column`` to the end of the word there (LSP is 0-based)."""
    ln = max(line - 1, 0)
    col = max(column - 1, 0)
    src = text_lines[ln] if ln < len(text_lines) else ""
    m = re.compile(r"[^\s:,\]}]*").match(src, col)
    end = m.end() if m and m.end() > col else min(len(src), col + 1)
    return types.Range(types.Position(ln, col), types.Position(ln, max(end, col)))


def lint_text(path: str, text: str, kind: str, *, run_examples: bool) -> list[Problem]:
    """What ``brandvoice lint`` says about ``text`` as the file ``path``."""
    from brandvoice.config.yamlio import overlay
    from brandvoice.lint.playbooks import lint_playbook
    from brandvoice.lint.voices import lint_examples, lint_voice
    from brandvoice.voice import load_voice

    with overlay({path: text}):
        if kind == "playbook":
            return lint_playbook(path)
        try:
            voice = load_voice(path)
        except ConfigError as exc:
            return list(exc.problems)
        problems = lint_voice(voice)
        if run_examples:
            problems.extend(lint_examples(voice))
        return problems


def _lint_diagnostics(path: str, text: str, problems: list[Problem]) -> list[types.Diagnostic]:
    lines = text.split("\n")
    here = os.path.abspath(path)
    out = []
    for p in sorted(set(problems), key=lambda p: (p.line, p.column, p.message)):
        if os.path.abspath(p.path) == here:
            rng = _range(lines, p.line, p.column)
            message = f"{p.key}: {p.message}" if p.key else p.message
        else:  # in a file this one extends: shown at the top, naming where
            rng = _range(lines, 1, 1)
            message = f"{p.path}:{p.line}:{p.column}: {p.key + ': ' if p.key else ''}{p.message}"
        out.append(types.Diagnostic(range=rng, message=message, source=SOURCE,
                                    severity=_SEVERITY.get(p.severity,
                                                           types.DiagnosticSeverity.Warning),
                                    code=p.key or None))
    return out


def prose_of(text: str, markdown: bool) -> str:
    """The reply to check: Markdown's code and comments blanked out, offsets kept."""
    if not markdown:
        return text
    return _MARKDOWN_SKIP.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _position(text: str, offset: int) -> types.Position:
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset)
    return types.Position(line, offset - (text.rfind("\n", 0, offset) + 1))


def check_reply(settings: Settings, text: str) -> Any:
    """The report for a reply draft, with the server's voice and channel."""
    from brandvoice.checks.engine import Checker

    key = f"{settings.voice}|{settings.fail_on}"
    if key not in settings.checkers:
        settings.checkers[key] = Checker(settings.voice, fail_on=settings.fail_on)
    return settings.checkers[key].check(text, settings.channel)


def _reply_diagnostics(report: Any) -> list[types.Diagnostic]:
    out = []
    for f in report.findings:
        message = f.message + (f" (suggestion: {f.suggestion!r})" if f.suggestion else "")
        out.append(types.Diagnostic(
            range=types.Range(_position(report.text, f.start),
                              _position(report.text, max(f.end, f.start))),
            message=message, severity=_SEVERITY[f.severity], source=SOURCE, code=f.rule,
            code_description=types.CodeDescription(
                href="https://github.com/brandvoice/brandvoice/blob/main/docs/checks.md"),
            data={"suggestion": f.suggestion, "rule": f.rule, "start": f.start,
                  "end": f.end}))
    return out


def diagnostics_for(settings: Settings, path: str, text: str, language: str | None = None,
                    *, run_examples: bool = True) -> list[types.Diagnostic] | None:
    """The diagnostics of one document, or None for a file the server does not handle."""
    kind = kind_of(path, text, language)
    if kind is None:
        return None
    try:
        if kind == "reply":
            markdown = path.lower().endswith((".md", ".markdown")) or language == "markdown"
            prose = prose_of(text, markdown)
            if not prose.strip():
                return []  # an empty draft is not worth a red squiggle while it is typed
            return _reply_diagnostics(check_reply(settings, prose))
        return _lint_diagnostics(path, text, lint_text(path, text, kind,
                                                       run_examples=run_examples))
    except ConfigError as exc:  # the server's own voice is broken: say so on line 1
        return _lint_diagnostics(path, text, [Problem(path, 1, 1, "", f"brandvoice cannot "
                                                      f"check this file: {exc}")])
    except BrandvoiceError as exc:
        return _lint_diagnostics(path, text, [Problem(path, 1, 1, "", str(exc))])


def quick_fixes(params: types.CodeActionParams) -> list[types.CodeAction]:
    """A quick fix for each safe finding in the range: the ones ``check --fix`` applies."""
    from brandvoice.checks.fixes import SAFE_RULES

    actions = []
    for d in params.context.diagnostics:
        data = d.data if isinstance(d.data, dict) else {}
        if d.source != SOURCE or data.get("rule") not in SAFE_RULES or not data.get("suggestion"):
            continue
        edit = types.TextEdit(range=d.range, new_text=str(data["suggestion"]))
        actions.append(types.CodeAction(
            title=f"brandvoice: replace with {data['suggestion']!r}",
            kind=types.CodeActionKind.QuickFix, diagnostics=[d], is_preferred=True,
            edit=types.WorkspaceEdit(changes={params.text_document.uri: [edit]})))
    return actions


class BrandvoiceServer(LanguageServer):
    def __init__(self, settings: Settings) -> None:
        super().__init__("brandvoice", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.settings = settings


def _publish(ls: BrandvoiceServer, uri: str, *, run_examples: bool) -> None:
    doc = ls.workspace.get_text_document(uri)
    diagnostics = diagnostics_for(ls.settings, path_of(uri), doc.source, doc.language_id,
                                  run_examples=run_examples)
    if diagnostics is None:
        return
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
        uri=uri, diagnostics=diagnostics, version=doc.version))


def build_server(settings: Settings) -> BrandvoiceServer:
    server = BrandvoiceServer(settings)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: BrandvoiceServer, params: types.DidOpenTextDocumentParams) -> None:
        _publish(ls, params.text_document.uri, run_examples=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: BrandvoiceServer, params: types.DidChangeTextDocumentParams) -> None:
        # While typing: schema and semantics only; the examples run on open and save.
        _publish(ls, params.text_document.uri, run_examples=False)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: BrandvoiceServer, params: types.DidSaveTextDocumentParams) -> None:
        _publish(ls, params.text_document.uri, run_examples=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: BrandvoiceServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=params.text_document.uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: BrandvoiceServer, params: types.CodeActionParams
                    ) -> list[types.CodeAction]:
        return quick_fixes(params)

    return server


def serve(voice: str | None = None, channel: str | None = None, fail_on: str = "error") -> None:
    """Run the server on standard input and output until the client says exit."""
    build_server(Settings(voice=voice, channel=channel, fail_on=fail_on)).start_io()
