# mypy: disable-error-code="empty-body"
# (hook specifications are signatures with docstrings; pluggy never runs their bodies)
"""The hooks through which brandvoice is extended, by its own built-in checks and by third parties.

Implement a hook by defining a function with the hook's name (or a subset of its arguments)
decorated with :data:`brandvoice.hookimpl`, in a module listed in the ``brandvoice``
entry-point group. The built-in checks, formats and template filters are plugins of exactly
this kind (see ``DEFAULT_PLUGINS`` in :mod:`brandvoice.plugins.manager`); docs/plugins.md renders
these docstrings and shows a complete plugin.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment
    from spacy.language import Language

    from brandvoice.analysis.reply import Reply
    from brandvoice.checks.base import Check
    from brandvoice.findings import Finding, Report
    from brandvoice.languages.pack import LanguagePack
    from brandvoice.voice import Voice

__all__ = ["hookimpl", "hookspec"]

hookspec = pluggy.HookspecMarker("brandvoice")
hookimpl = pluggy.HookimplMarker("brandvoice")


@hookspec
def brandvoice_register_checks() -> list[Check]:
    """Return the checks this plugin provides.

    Each check is an object following :class:`brandvoice.checks.base.Check`: a unique
    ``name``, a ``category``, optionally the voice-file ``section`` it owns with the
    ``schema`` that validates it (so a plugin adds YAML keys without touching the core
    schema), a ``configure(voice, nlp)`` that prepares its rules once per voice, and a
    ``check(reply, config)`` that yields :class:`~brandvoice.findings.Finding` objects.

    :return: a list of checks (may be empty). All plugins' lists are combined; two checks
        with the same name are an error naming both plugins.
    """


@hookspec
def brandvoice_language_packs() -> list[LanguagePack]:
    """Return the language packs this plugin provides.

    A :class:`brandvoice.languages.pack.LanguagePack` tells the checks how to handle replies
    in one language: its ``code`` (ISO 639-1, as :func:`brandvoice.languages.detect`
    returns), tone phrase lists (boilerplate, blame, condescension, hedging) as regular
    expressions, inclusive terms with suggestions, privacy patterns (national ids, addresses,
    requests for personal data), tokenisation and sentence splitting, the unit and limit of
    sentence length, readability formulas, speech levels and display width. The built-in
    English, Korean and Spanish packs are registered through this hook too.

    A voice lists the languages it covers in ``voice.languages``; a reply in a language
    with no pack, or one the voice does not list, gets ``language.unsupported``.

    :return: a list of packs (may be empty). Two packs for one code are an error naming
        both plugins; to replace a built-in pack, block its plugin
        (``pm.set_blocked("brandvoice.languages.korean")``).
    """


@hookspec
def brandvoice_prepare_nlp(nlp: Language, voice: Voice) -> None:
    """Modify the spaCy pipeline after brandvoice built it for ``voice``.

    Called once per pipeline, before any reply is processed: add components, entity rulers or
    tokenizer exceptions here. The pipeline is a blank one for the voice's locale with a
    sentencizer, or the trained pipeline the voice names when it is installed.

    :param nlp: the pipeline, to mutate in place.
    :param voice: the voice the pipeline is for.
    :return: ignored.
    """


@hookspec
def brandvoice_prepare_jinja_env(env: SandboxedEnvironment) -> None:
    """Modify the sandboxed Jinja2 environment used to render reply templates.

    Add filters (``env.filters["name"] = func``), tests or globals. The environment stays
    sandboxed and uses ``StrictUndefined``; customer text reaches templates only as data.

    :param env: the environment, to mutate in place.
    :return: ignored.
    """


@hookspec
def brandvoice_modify_findings(findings: list[Finding], reply: Reply) -> None:
    """Change the findings of one reply after every check has run, before scoring.

    Remove, add or replace items of ``findings`` in place: for example drop a rule for a
    channel, or raise a severity for a scenario. Called once per reply, in plugin order.

    :param findings: the findings, sorted by position; mutate in place.
    :param reply: the reply being checked (text, channel, voice, scenario).
    :return: ignored.
    """


@hookspec(firstresult=True)
def brandvoice_format_report(reports: list[Report], fmt: str, options: dict[str, Any]) -> str | None:
    """Render check reports in the output format ``fmt``.

    Stops at the first non-None result. Built-in formats (text, json, jsonl, sarif, github)
    are implemented with ``trylast`` so a plugin can replace them. For ``jsonl``, which
    ``brandvoice check --input`` streams, the hook is called once per batch of reports, in
    order, and the outputs are written one after another.

    :param reports: the reports, in input order.
    :param fmt: the format name the user asked for.
    :param options: ``color`` (bool), ``input`` (the input file's path, or None), ``exact``
        (True when findings' lines and columns map onto the input file) and ``uri`` (the
        pseudo-URI of a reply given as TEXT or on standard input).
    :return: the rendered output, or ``None`` if this plugin does not handle ``fmt``.
    """


@hookspec
def brandvoice_report_formats() -> list[str]:
    """Return the names of the output formats this plugin renders with
    :func:`brandvoice_format_report`, so that ``--format`` accepts them.

    :return: a list of format names.
    """


@hookspec
def brandvoice_register_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add subcommands to the ``brandvoice`` command line.

    Create a parser with ``subparsers.add_parser(name, help=...)`` and set its handler with
    ``parser.set_defaults(handler=func)``; ``func(args)`` returns the exit code (0 clean,
    1 findings, 2 usage or input error).

    :param subparsers: the CLI's subparsers object.
    :return: ignored.
    """
