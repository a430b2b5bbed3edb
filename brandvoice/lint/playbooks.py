"""Lint for playbook files: schema and reference errors, templates that fail to render or
fail their voice's checks, unreachable scenarios and catastrophic regular expressions."""

from __future__ import annotations

import collections
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

__all__ = ["ADVERSARIAL", "lint_playbook", "self_test"]



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
    # Reachability: a scenario needs a trigger or examples (or to be the default or the
    # language scenario), and a trigger that repeats one of a scenario that takes precedence
    # (more severe, or as severe with a higher priority or listed earlier) can never win.
    seen: dict[str, tuple[str, tuple[int, int, int]]] = {}
    special = {pb.default_scenario, pb.language_scenario}
    for sid, sc in pb.scenarios.items():
        triggers = sc.data.get("triggers") or []
        rank = pb.severity(sc.severity).rank
        prec = sc.precedence(rank)
        if not triggers and not sc.examples and sid not in special:
            add(pb.where("scenarios", sid), f"scenarios.{sid}",
                f"scenario {sid} has no triggers or examples and is not the default scenario, "
                "so it can never be chosen; add triggers or examples, or remove it")
        for i, trig in enumerate(triggers):
            sig = json.dumps(trig, sort_keys=True, default=str)
            if sig in seen and seen[sig][1] < prec:
                add(pb.where("scenarios", sid, "triggers", i), f"scenarios.{sid}.triggers[{i}]",
                    f"this trigger repeats one of {seen[sig][0]}, which takes precedence "
                    "(more severe, or as severe with a higher priority or listed earlier); it "
                    f"can never choose {sid}: give {sid} a higher priority or change the trigger",
                    "warning")
            if sig not in seen or prec < seen[sig][1]:
                seen[sig] = (sid, prec)
            for j, pattern in enumerate(trig.get("patterns") or []):
                if catastrophic(pattern, _regex.I):
                    add(pb.where("scenarios", sid, "triggers", i, "patterns", j),
                        f"scenarios.{sid}.triggers[{i}].patterns[{j}]",
                        "this pattern backtracks catastrophically on long inputs (nested "
                        "repetition such as (a+)+); simplify it")
    problems.extend(self_test(pb))
    return problems


def self_test(pb: Playbook, triager: Triager | None = None) -> list[Problem]:
    """Triage every example and counter-example of ``pb``: an example must triage to its
    scenario and a counter-example must not. A miss is an error at the example's line: the
    example would be triaged elsewhere, so a message like it would be too. When every
    example of a scenario goes elsewhere, the scenario can never win (a warning at the
    scenario says so and how to fix the precedence)."""
    triager = triager or Triager(pb)
    when = _sample_time(pb).replace(hour=12)  # open hours: out-of-hours triggers stay quiet
    cases: list[tuple[str, str, int, str]] = []
    for sid, sc in pb.scenarios.items():
        cases += [(sid, "examples", i, t) for i, t in enumerate(sc.examples)]
        cases += [(sid, "counter_examples", i, t) for i, t in enumerate(sc.counter_examples)]
    problems: list[Problem] = []
    lost: dict[str, int] = {}
    # Examples read from a file are training data by the hundred: one that a trigger sends to
    # a scenario at least as severe is counted in one warning per file, not an error each.
    elsewhere: dict[str, list[tuple[Location, str, str]]] = {}
    results = triager.triage_many([t for *_, t in cases], now=when)
    for (sid, kind, i, text), r in zip(cases, results, strict=True):
        loc = pb.where("scenarios", sid, kind, i) or Location(pb.path, 1, 1)
        key = f"scenarios.{sid}.{kind}[{i}]"
        owner = loc.path
        if owner not in (pb.path, *pb.chain):  # read from an examples file: whose is it?
            file_key = pb.where("scenarios", sid, f"{kind}_file")
            owner = file_key.path if file_key else pb.path
        inherited = owner != pb.path
        from_file = owner != loc.path
        if kind == "examples" and r.scenario != sid:
            lost[sid] = lost.get(sid, 0) + 1
            if (from_file and not inherited
                    and r.severity_rank <= pb.severity(pb.scenarios[sid].severity).rank):
                elsewhere.setdefault(sid, []).append((loc, text, r.scenario))
                continue
            if inherited:
                # The parent's example, pulled elsewhere by this playbook: intended when it
                # goes to a scenario at least as severe (a brand's own allergy scenario);
                # worth a warning when it lands somewhere less severe.
                if r.severity_rank <= pb.severity(pb.scenarios[sid].severity).rank:
                    continue
                problems.append(Problem(
                    pb.path, 1, 1, key, f"example {text!r} of {sid}, inherited from "
                    f"{loc.path}:{loc.line}, triages to {r.scenario} in this playbook "
                    f"({r.why}); if that is intended, give {sid} its own examples:",
                    "warning"))
                continue
            problems.append(Problem(loc.path, loc.line, loc.column, key,
                                    f"example {text!r} triages to {r.scenario}, not {sid} "
                                    f"({r.why}); reword it, add an unless: to the other "
                                    "scenario's trigger, or raise this scenario's priority"))
        elif kind == "counter_examples" and r.scenario == sid:
            problems.append(Problem(loc.path, loc.line, loc.column, key,
                                    f"counter-example {text!r} still triages to {sid} "
                                    f"({r.why}); add an unless: to the trigger that matches"))
    for sid, misses in elsewhere.items():
        at = pb.where("scenarios", sid, "examples_file") or Location(pb.path, 1, 1)
        where_to = collections.Counter(to for *_, to in misses)
        first, text, to = misses[0]
        total = sum(1 for c in cases if c[0] == sid and c[1] == "examples")
        problems.append(Problem(
            at.path, at.line, at.column, f"scenarios.{sid}.examples_file",
            f"{len(misses)} of the {total} examples of {sid} triage to a scenario at least as "
            f"severe ({', '.join(f'{k} {v}' for k, v in where_to.most_common())}), the first "
            f"at {first.path}:{first.line}: {text!r} goes to {to}; they still teach the "
            "learned layer; to bring them here, add an unless: to the trigger that takes "
            f"them or raise {sid}'s priority", "warning"))
    for sid, n in lost.items():
        if n == len(pb.scenarios[sid].examples):
            loc = pb.where("scenarios", sid) or Location(pb.path, 1, 1)
            problems.append(Problem(loc.path, loc.line, loc.column, f"scenarios.{sid}",
                                    f"none of the {n} examples of {sid} triages to it, so it "
                                    "can never win; give it a higher priority: than the "
                                    "scenarios they go to", "warning"))
    return problems


def _sample_time(pb: Playbook) -> dt.datetime:
    tz = pb.hours.tz if pb.hours else dt.timezone.utc
    return dt.datetime(2026, 1, 5, 9, 0, tzinfo=tz)
