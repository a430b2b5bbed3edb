"""Lint for playbook files: schema and reference errors, templates that fail to render or
fail their voice's checks, unreachable scenarios and catastrophic regular expressions."""

from __future__ import annotations

import datetime as dt
import json

import pluggy
import regex as _regex

from brandvoice.checks.engine import Checker, Item
from brandvoice.errors import ConfigError, Location, Problem, TemplateError
from brandvoice.patterns import ADVERSARIAL, catastrophic
from brandvoice.playbooks.drafting import (
    _deep_update,
    base_context,
    finish_context,
    jinja_environment,
    render,
    scenario_for_checks,
)
from brandvoice.playbooks.model import Playbook, Template, load_playbook
from brandvoice.playbooks.triage import Triager

__all__ = ["ADVERSARIAL", "lint_playbook"]



def lint_playbook(path: str, *, plugin_manager: pluggy.PluginManager | None = None
                  ) -> list[Problem]:
    """Problems of a playbook file: schema and reference errors, templates that fail to
    render with their sample context or fail their voice's checks, unreachable scenarios and
    regular expressions that backtrack catastrophically."""
    try:
        pb = load_playbook(path, plugin_manager=plugin_manager)
        Triager(pb)._compile()  # spaCy Matcher patterns are validated by compiling them
    except ConfigError as exc:
        return list(exc.problems)
    problems: list[Problem] = []

    def add(loc: Location | None, key: str, message: str, severity: str = "error") -> None:
        loc = loc or Location(path, 1, 1)
        problems.append(Problem(loc.path, loc.line, loc.column, key, message, severity))

    try:
        voice = pb.voice()
    except ConfigError as exc:
        return list(exc.problems)
    checker = Checker(voice, plugin_manager=plugin_manager)
    env = jinja_environment(checker.pm)
    sample = pb.data.get("sample") or {}
    items: list[tuple[Template, str, Item]] = []
    for sid, sc in pb.scenarios.items():
        for tpl in sc.templates:
            channels = list(tpl.channels) or [pb.default_channel]
            for channel in channels:
                key = f"scenarios.{sid}.templates"
                if channel not in voice.channel_names:
                    add(tpl.location, key, f"template {tpl.id} names channel {channel!r}, "
                        f"which the voice does not define ({', '.join(voice.channel_names)})")
                    continue
                ctx = base_context(pb, None, None, channel, voice)
                ctx.update(scenario={"id": sid, "description": sc.description,
                                     "severity": sc.severity})
                ctx.update(respond_by=_sample_time(pb), next_open=_sample_time(pb),
                           holding_statement=pb.severity(sc.severity).data.get(
                               "holding_statement") or "")
                ctx = finish_context(_deep_update(_deep_update(ctx, sample), tpl.sample), channel)
                try:
                    text = render(env, tpl, ctx)
                except TemplateError as exc:
                    add(tpl.location, key, str(exc))
                    continue
                items.append((tpl, channel, Item(text, channel, f"{sid}/{tpl.id}",
                                                 scenario_for_checks(pb, sid))))
    for (tpl, channel, _item), report in zip(items, checker.check_many([i for *_, i in items]), strict=True):
        if not report.passed:
            detail = "; ".join(f"{f.rule}: {f.message}" for f in report.blocking)
            add(tpl.location, f"scenarios.{tpl.scenario}.templates",
                f"template {tpl.id} is off-voice on {channel} ({detail})")
    # Reachability: a scenario needs a trigger (or to be the default), and a trigger that
    # repeats one of an earlier scenario at the same or a higher severity can never win.
    seen: dict[str, tuple[str, int]] = {}
    for sid, sc in pb.scenarios.items():
        triggers = sc.data.get("triggers") or []
        rank = pb.severity(sc.severity).rank
        if not triggers and sid != pb.default_scenario:
            add(pb.where("scenarios", sid), f"scenarios.{sid}",
                f"scenario {sid} has no triggers and is not the default scenario, so it can "
                "never be chosen; add triggers or remove it")
        for i, trig in enumerate(triggers):
            sig = json.dumps(trig, sort_keys=True, default=str)
            if sig in seen and seen[sig][1] <= rank:
                add(pb.where("scenarios", sid, "triggers", i), f"scenarios.{sid}.triggers[{i}]",
                    f"this trigger repeats one of {seen[sig][0]}, which is listed earlier at "
                    "the same or a higher severity; it can never choose this scenario")
            seen.setdefault(sig, (sid, rank))
            for j, pattern in enumerate(trig.get("patterns") or []):
                if catastrophic(pattern, _regex.I):
                    add(pb.where("scenarios", sid, "triggers", i, "patterns", j),
                        f"scenarios.{sid}.triggers[{i}].patterns[{j}]",
                        "this pattern backtracks catastrophically on long inputs (nested "
                        "repetition such as (a+)+); simplify it")
    return problems


def _sample_time(pb: Playbook) -> dt.datetime:
    tz = pb.hours.tz if pb.hours else dt.timezone.utc
    return dt.datetime(2026, 1, 5, 9, 0, tzinfo=tz)
