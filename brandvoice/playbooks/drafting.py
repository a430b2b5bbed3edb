"""Drafting replies from playbook templates, safely, and checking them against the voice.

Templates render in :class:`~brandvoice.playbooks.sandbox.BoundedSandbox` (Jinja2's
immutable sandbox, with every operation that can build something large bounded) with
:class:`~jinja2.StrictUndefined`, on a read-only copy of the context, within a time and an
output limit: a template cannot reach Python internals, change what it was given, or use
all the time or memory there is, and a missing variable is an error naming the template,
the line and the variable, never "Hi ,". Customer
text is only ever passed *into* templates as data: it is never compiled as a template, so
``{{ 7*7 }}`` in a message stays those characters.

This module is also the built-in plugin that adds the template filters (first_name,
sign_off, when, hours_text) through :func:`brandvoice_prepare_jinja_env`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pluggy

from brandvoice.analysis.reply import Scenario
from brandvoice.checks.engine import Checker, Item
from brandvoice.config.channels import DEFAULT_CHANNEL, SHORT_CHANNELS
from brandvoice.errors import TemplateError, UsageError
from brandvoice.findings import Report
from brandvoice.playbooks.model import Playbook, Template, load_playbook
from brandvoice.playbooks.triage import Message, Triager, TriageResult
from brandvoice.plugins.hookspecs import hookimpl
from brandvoice.voice import Voice

__all__ = ["Draft", "DraftResult", "draft", "jinja_environment", "render"]

# Filters -----------------------------------------------------------------------------------


def first_name(name: Any) -> str:
    """The first name of a person's name; a handle without its @ when there is no name."""
    text = str(name or "").strip()
    if not text:
        return ""
    first = text.split()[0].lstrip("@")
    return first[:1].upper() + first[1:] if first.islower() else first


def sign_off(agent: Any, channel: str = DEFAULT_CHANNEL) -> str:
    """How an agent signs a reply on ``channel``: ``-Jo`` on social channels, a closing line
    in email."""
    name = str(agent or "").strip()
    if not name:
        return ""
    if channel == "email":
        return f"\n\nBest wishes,\n{name}"  # its own paragraph, wherever the template puts it
    if channel in SHORT_CHANNELS:
        return f"-{name}"
    return name


def when(value: Any) -> str:
    """A datetime as people say it: ``9:00 on Monday 28 December``."""
    if not isinstance(value, dt.datetime):
        return str(value)
    return f"{value:%H:%M} on {value:%A} {value.day} {value:%B}"


def hours_text(hours: Any) -> str:
    """Opening hours as text, from the playbook's business hours."""
    describe = getattr(hours, "describe", None)
    return describe() if describe else str(hours)


@hookimpl
def brandvoice_prepare_jinja_env(env: Any) -> None:
    env.filters.update(first_name=first_name, sign_off=sign_off, when=when,
                       hours_text=hours_text)


# Environment and rendering ------------------------------------------------------------------


def jinja_environment(pm: pluggy.PluginManager | None = None) -> Any:
    """A sandboxed, strict Jinja2 environment, prepared by every plugin."""
    from jinja2 import StrictUndefined

    from brandvoice.playbooks.sandbox import BoundedSandbox
    from brandvoice.plugins.manager import get_plugin_manager

    env = BoundedSandbox(undefined=StrictUndefined, autoescape=False,
                         keep_trailing_newline=False, trim_blocks=True, lstrip_blocks=True)
    (pm or get_plugin_manager()).hook.brandvoice_prepare_jinja_env(env=env)
    env.guard_filters()
    return env


def _template_line(exc: BaseException, name: str) -> int | None:
    """The template line Jinja reports for an error raised while rendering."""
    line = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in (name, "<template>"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render(env: Any, template: Template, context: Mapping[str, Any]) -> str:
    """Render ``template`` with a read-only copy of ``context``, within
    :data:`~brandvoice.playbooks.sandbox.RENDER_SECONDS` and
    :data:`~brandvoice.playbooks.sandbox.MAX_OUTPUT_CHARS`; errors become
    :class:`TemplateError` naming the template and its YAML line."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from brandvoice.playbooks.sandbox import RenderTimeout, TooLong, bounded_render, frozen

    where = template.location
    origin = f"{where.path}:{where.line}" if where else template.name
    label = f"template {template.scenario}/{template.id} ({origin})"
    try:
        compiled = env.from_string(template.source)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"{label}, template line {exc.lineno}: syntax error: "
                            f"{exc.message}") from None
    try:
        ctx = frozen(dict(context))
        text = bounded_render(lambda: compiled.generate(**ctx))
    except RenderTimeout as exc:
        raise TemplateError(f"{label}: {exc}; a reply template must be simple (no long "
                            "loops or large computations)") from None
    except TooLong as exc:
        line = _template_line(exc, template.name)
        raise TemplateError(f"{label}, template line {line}: refused: {exc}") from None
    except UndefinedError as exc:
        line = _template_line(exc, template.name)
        raise TemplateError(
            f"{label}, template line {line}: {exc.message}; pass it with --set or in the "
            "context, or remove it from the template"
        ) from None
    except SecurityError as exc:
        raise TemplateError(f"{label}: refused by the sandbox: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - a filter or test failing on the context it was given
        line = _template_line(exc, template.name)
        raise TemplateError(f"{label}, template line {line}: {type(exc).__name__}: {exc}") \
            from None
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "\n".join(lines).replace("\n\n\n", "\n\n")


# Drafting ----------------------------------------------------------------------------------


@dataclass
class Draft:
    template: str
    scenario: str
    channel: str
    text: str
    report: Report

    def to_dict(self) -> dict[str, Any]:
        return {"template": self.template, "scenario": self.scenario, "channel": self.channel,
                "text": self.text, "score": self.report.score, "passed": self.report.passed,
                "findings": [f.to_dict() for f in self.report.findings]}


@dataclass
class DraftResult:
    triage: TriageResult
    drafts: list[Draft]

    def to_dict(self) -> dict[str, Any]:
        return {"triage": self.triage.to_dict(), "drafts": [d.to_dict() for d in self.drafts]}


def scenario_for_checks(playbook: Playbook, scenario_id: str) -> Scenario:
    sc = playbook.scenarios[scenario_id]
    return Scenario(name=scenario_id, severity_rank=playbook.severity(sc.severity).rank,
                    crisis=sc.crisis, complaint=sc.complaint, never_say=sc.never_say)


def base_context(playbook: Playbook, result: TriageResult | None, message: Message | None,
                 channel: str, voice: Voice | None) -> dict[str, Any]:
    """The variables every template can use (docs/playbooks.md lists them)."""
    author = message.author if message else None
    name = (author.name or author.handle) if author else ""
    ctx: dict[str, Any] = {
        "customer": {"name": name, "first_name": first_name(name),
                     "handle": author.handle if author else ""},
        "message": {"text": message.text if message else "", "channel": channel},
        "channel": channel,
        "brand": voice.name if voice else playbook.name,
        "agent": {"name": "", "sign_off": ""},
        "hours": playbook.hours,
    }
    if result is not None:
        sc = playbook.scenarios[result.scenario]
        sev = playbook.severity(sc.severity)
        ctx.update(
            scenario={"id": result.scenario, "description": sc.description,
                      "severity": result.severity},
            respond_by=result.respond_by,
            next_open=result.next_open or result.respond_by,
            holding_statement=sev.data.get("holding_statement") or "",
        )
    return ctx


def _deep_update(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            base[key] = _deep_update(dict(base[key]), value)
        else:
            base[key] = value
    return base


def finish_context(ctx: dict[str, Any], channel: str) -> dict[str, Any]:
    agent = ctx.get("agent")
    if isinstance(agent, str):
        agent = {"name": agent}
    if isinstance(agent, dict):
        agent = {"name": "", **agent}
        agent.setdefault("sign_off", sign_off(agent["name"], channel) if agent["name"] else "")
        if not agent.get("sign_off"):
            agent["sign_off"] = sign_off(agent["name"], channel)
        ctx["agent"] = agent
    customer = ctx.get("customer")
    if isinstance(customer, dict) and customer.get("name") and not customer.get("first_name"):
        customer["first_name"] = first_name(customer["name"])
    return ctx


def candidate_templates(playbook: Playbook, result: TriageResult,
                        channel: str) -> list[Template]:
    """The templates of the winning scenario for ``channel`` (the channel-specific variants
    first), plus the out-of-hours templates when no person is working now."""
    sc = playbook.scenarios[result.scenario]
    if result.do_not_reply or not result.language_covered:
        return []  # spam gets no reply; a language the playbook lacks gets no wrong-language one
    own = sorted((t for t in sc.templates if t.for_channel(channel)),
                 key=lambda t: (not t.channels,))
    extra: list[Template] = []
    ooh = playbook.data["hours"]["out_of_hours_scenario"]
    sev = playbook.severity(sc.severity)
    if result.out_of_hours and sev.clock == "business" and ooh in playbook.scenarios \
            and ooh != result.scenario:
        extra = [t for t in playbook.scenarios[ooh].templates if t.for_channel(channel)]
    return own + extra


def draft(
    message: Message | str,
    playbook: Playbook | str | None = None,
    voice: Voice | str | None = None,
    context: Mapping[str, Any] | None = None,
    *,
    channel: str | None = None,
    now: dt.datetime | None = None,
    fail_on: str = "error",
) -> DraftResult:
    """Triage ``message``, render every candidate template of its scenario for the channel,
    check each against the voice, and return them ranked by check score (best first)."""
    pb = playbook if isinstance(playbook, Playbook) else load_playbook(playbook)
    msg = Message(message) if isinstance(message, str) else message
    if channel:
        msg = Message(msg.text, channel, msg.author, msg.likes, msg.replies, msg.shares,
                      msg.bot_turns, msg.id)
    result = Triager(pb).triage(msg, now)
    if isinstance(voice, Voice):
        v = voice
    elif voice is not None:
        from brandvoice.voice import load_voice

        v = load_voice(voice, plugin_manager=pb.plugin_manager)
    else:
        v = pb.voice()
    ch = result.channel
    checker = Checker(v, fail_on=fail_on, plugin_manager=pb.plugin_manager)
    if ch not in v.channel_names:
        raise UsageError(f"unknown channel {ch!r}; the voice defines: "
                         f"{', '.join(v.channel_names)}")
    env = jinja_environment(checker.pm)
    ctx = _deep_update(base_context(pb, result, msg, ch, v), context or {})
    ctx = finish_context(ctx, ch)
    templates = candidate_templates(pb, result, ch)
    texts = [(t, render(env, t, ctx)) for t in templates]
    scenario = scenario_for_checks(pb, result.scenario)
    reports = checker.check_many([Item(text, ch, f"{t.scenario}/{t.id}", scenario)
                                  for t, text in texts])
    drafts = [Draft(f"{t.scenario}/{t.id}", t.scenario, ch, text, report)
              for (t, text), report in zip(texts, reports, strict=True)]
    order = {d.template: i for i, d in enumerate(drafts)}
    drafts.sort(key=lambda d: (not d.report.passed, -d.report.score, order[d.template]))
    return DraftResult(result, drafts)
