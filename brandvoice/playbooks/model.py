"""Escalation playbooks: the schema, the model and the loader.

A playbook is loaded like a voice (same YAML layer, same ``path:line:col`` errors, same
``extends`` merge rules); without ``extends`` it builds on nothing but its own content
(``extends: builtin:default`` builds on the example playbook), and
the built-in example playbook (``builtin:default``) is what ``brandvoice triage`` uses when
no playbook is given. References between sections (a scenario's severity and route, the
default scenario, template files) are checked when loading: a playbook that names a team
that does not exist cannot route anything.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pluggy

from brandvoice.config.channels import DEFAULT_CHANNEL
from brandvoice.config.loader import BUILTIN_DEFAULT, load_layered, nearest_location
from brandvoice.config.schema import (
    AnyValue,
    Bool,
    Choice,
    Date,
    Either,
    Field,
    Int,
    KeyPath,
    ListOf,
    MapOf,
    Number,
    Record,
    Regex,
    Str,
    TimeZone,
    apply_defaults,
    key_str,
)
from brandvoice.errors import ConfigError, Location, Problem, UsageError
from brandvoice.hashing import sha256_hex
from brandvoice.playbooks.hours import (
    DAYS,
    MAX_DAYS_AHEAD,
    SPAN_RE,
    BusinessHours,
    parse_duration,
    parse_span,
)

__all__ = [
    "PLAYBOOK_SCHEMA", "Playbook", "ScenarioSpec", "Severity", "Template", "load_playbook",
]

ID = Str(pattern=r"[a-z][a-z0-9_]*", pattern_doc="an id of lower-case letters, digits and _")
DURATION = Str(pattern=r"\s*(?:\d+\s*d)?\s*(?:\d+\s*h)?\s*(?:\d+\s*m(?:in)?)?\s*",
               pattern_doc="a duration like 15m, 4h or 1d 2h", min_length=2)
SPAN = Str(pattern=SPAN_RE, pattern_doc="opening hours like 09:00-17:30")

SEVERITY = Record({
    "id": Field(ID, "Id that scenarios refer to.", required=True, example="critical"),
    "label": Field(Str(), "Name shown to people.", example="Critical"),
    "first_response": Field(DURATION, "Time to the first response (the SLA).",
                            required=True, example="15m"),
    "update_every": Field(DURATION, "How often to post an update until resolved.",
                          example="1h"),
    "clock": Field(Choice(("business", "calendar")), "Whether the SLA runs in business hours "
                   "only or around the clock.", default="business"),
    "notify": Field(ListOf(Str(min_length=1)), "Who is told at once (roles or channels).",
                    example=["legal", "#care-leads"]),
    "approvals": Field(Record({
        "count": Field(Int(0, 10), "How many people must approve a reply.", default=1),
        "roles": Field(ListOf(Str(min_length=1)), "Roles allowed to approve.",
                       example=["team-lead"]),
        "self_approval": Field(Bool(), "Whether the author may approve their own reply.",
                               default=False),
    }), "Who must approve replies at this severity."),
    "pause_scheduled_posts": Field(Bool(), "Pause scheduled marketing posts.", default=False),
    "holding_statement": Field(Str(), "A first public reply while the team works on it."),
    "review_expires_after": Field(DURATION, "An unapproved review expires after this long.",
                                  default="24h"),
})

TRIGGER = Record({
    "keywords": Field(ListOf(Str(min_length=1)), "Words or phrases; every inflection matches "
                      "(refund matches refunds, refunded).", example=["refund", "charged twice"]),
    "patterns": Field(ListOf(Regex()), "Regular expressions (case-insensitive), run with a "
                      "time limit.", example=[r"\bsee you in court\b"]),
    "matcher": Field(ListOf(ListOf(AnyValue("a spaCy token pattern"))), "spaCy Matcher "
                     "patterns: lists of token attribute mappings.",
                     example=[[{"LOWER": "data"}, {"LOWER": {"IN": ["breach", "leak"]}}]]),
    "author": Field(Record({
        "min_followers": Field(Int(0, None), "At least this many followers."),
        "verified": Field(Bool(), "The author is verified."),
        "vip": Field(Bool(), "The author is on the VIP list (set by your CRM)."),
        "press": Field(Bool(), "The author is a journalist (set by your CRM)."),
        "handles": Field(ListOf(Str(min_length=1)), "Handles that always match.",
                         example=["@bigcritic"]),
    }), "Author conditions; any one listed is enough."),
    "engagement": Field(Record({
        "min_likes": Field(Int(0, None), "At least this many likes."),
        "min_replies": Field(Int(0, None), "At least this many replies."),
        "min_shares": Field(Int(0, None), "At least this many shares or reposts."),
    }), "Engagement conditions; any one listed is enough."),
    "channels": Field(ListOf(Str(min_length=1)), "Only on these channels.", example=["x"]),
    "sentiment": Field(Record({
        "min": Field(Number(-1, 1), "Lowest sentiment score."),
        "max": Field(Number(-1, 1), "Highest sentiment score."),
    }), "Sentiment of the message, -1 (angry) to 1 (delighted)."),
    "outside_hours": Field(Bool(), "The message arrived outside opening hours."),
    "unless": Field(ListOf(Str(min_length=1)), "Keywords that stop this trigger matching.",
                    example=["lawyer up on prices"]),
    "weak": Field(Bool(), "A weak sign: it never makes its scenario win, but when the "
                  "scenario is at or above the hand-off severity the message goes to a person "
                  "at that severity (review), with the words that matched.", default=False),
    "outranks_routine": Field(Bool(), "Wording that settles what a message is: a match wins "
                              "over every scenario below the hand-off severity "
                              "(handoff.at_or_above), however severe, but never over a "
                              "serious one. For a scammer's pitch, whose routine words "
                              "('refund', 'your issue') are the lure.", default=False),
}, doc="A trigger: every condition it lists must hold.")

TEMPLATE = Record({
    "id": Field(ID, "Template id, unique in its scenario.", required=True, example="apology"),
    "text": Field(Str(min_length=1), "The Jinja2 template, inline."),
    "file": Field(Str(min_length=1), "A template file, relative to this playbook.",
                  example="templates/apology.j2"),
    "channels": Field(ListOf(Str(min_length=1)), "Channels this variant is for (default all).",
                      example=["x", "instagram_dm"]),
    "sample": Field(MapOf(AnyValue(), key_doc="variable"), "Sample context for lint, on top "
                    "of the playbook's sample.", example={"order_id": "CR-123456"}),
})

SCENARIO = Record({
    "description": Field(Str(), "What this scenario is, for people."),
    "severity": Field(ID, "Severity id.", required=True, example="high"),
    "route": Field(ID, "Route (team or queue) id.", required=True, example="care"),
    "escalate": Field(Bool(), "Escalate to the route's team now.", default=False),
    "handoff": Field(Bool(), "A human must handle it (no bot replies).", default=False),
    "move_to_dm": Field(Bool(), "Move the conversation to a private channel.", default=False),
    "crisis": Field(Bool(), "Crisis tone: no jokes or emoji in replies.", default=False),
    "complaint": Field(Bool(), "Replies must acknowledge the problem.", default=False),
    "do_not_reply": Field(Bool(), "Nobody replies (spam): no drafts are made.", default=False),
    "never_say": Field(ListOf(Str(min_length=1)), "Phrases never to say in public replies.",
                       example=["we admit", "our fault"]),
    "priority": Field(Int(-1000, 1000), "Breaks ties between scenarios of the same severity: "
                      "the higher wins (default 0; then the order in the file). A scenario "
                      "added by an extending playbook uses it to win over a built-in one.",
                      default=0, example=10),
    "triggers": Field(ListOf(TRIGGER), "The scenario matches when any trigger matches."),
    "examples": Field(ListOf(Str(min_length=1)), "Messages that belong here, in your "
                      "customers' words; messages that mean the same reach the scenario "
                      "without a keyword. Lint checks that each one triages here.",
                      example=["someone changed my password and spent my balance"]),
    "counter_examples": Field(ListOf(Str(min_length=1)), "Near misses that do not belong "
                              "here: a message closer to one of these than to every example "
                              "is not matched by similarity.",
                              example=["this burger is killer"]),
    "examples_file": Field(Str(min_length=1), "More examples in a text file beside the "
                           "playbook (inside its folder): one message per line; blank lines "
                           "and lines starting with # are skipped. They count as examples "
                           "everywhere inline ones do, after them.",
                           example="examples/threats_abuse.txt"),
    "counter_examples_file": Field(Str(min_length=1), "More counter-examples in a text file, "
                                   "in the same format as examples_file.",
                                   example="examples/threats_abuse.counter.txt"),
    "templates": Field(ListOf(TEMPLATE), "Reply templates, with channel variants."),
})

PLAYBOOK_SCHEMA = Record({
    "playbook": Field(Record({
        "name": Field(Str(min_length=1), "Display name.", required=True,
                      example="Crumbly care"),
        "version": Field(Str(min_length=1), "Version; recorded with every approval.",
                         default="0"),
        "description": Field(Str(), "What the playbook covers.", default=""),
        "voice": Field(Str(min_length=1), "Voice file for drafts and lint, relative to this "
                       "file, or builtin:default.", default=BUILTIN_DEFAULT),
        "default_scenario": Field(ID, "Scenario used when nothing matches.", required=True,
                                  example="general"),
        "default_channel": Field(Str(min_length=1), "Channel when a message names none.",
                                 default=DEFAULT_CHANNEL),
        "languages": Field(ListOf(Str(pattern=r"[a-z]{2,3}", pattern_doc="a language code "
                                      "like en or ko"), min_items=1),
                           "Languages the triggers and examples are written in. A message "
                           "in another language goes to language_scenario. Default: English "
                           "plus the languages its keywords and examples are written in.",
                           example=["en", "ko"]),
        "language_scenario": Field(ID, "Scenario for messages in a language the playbook "
                                   "does not cover (default: other_language, when the "
                                   "playbook has it).", example="other_language"),
    }), "Name, version, voice and defaults."),
    "extends": Field(Str(min_length=1), "A playbook to inherit from, relative to this file, "
                     "or builtin:default.", example="builtin:default"),
    "severities": Field(ListOf(SEVERITY, min_items=1), "Severity tiers, most severe first "
                        "(rank 0)."),
    "hours": Field(Record({
        "timezone": Field(TimeZone(), "Time zone of the opening hours.", required=True,
                          example="Europe/London"),
        "weekly": Field(Record({d: Field(ListOf(SPAN), f"Opening hours on {d}.")
                                for d in DAYS}), "Opening hours per weekday.",
                        example={"mon": ["09:00-17:30"]}),
        "holidays": Field(ListOf(Either((Date(), Record({
            "date": Field(Date(), "The day.", required=True),
            "name": Field(Str(), "Name of the holiday."),
            "hours": Field(ListOf(SPAN), "Opening hours that day (closed if empty)."),
        })))), "Days closed, or with their own hours.", example=["2026-12-25"]),
        "country": Field(Str(pattern=r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,4})?",
                             pattern_doc="a country code, optionally with a region: GB-ENG"),
                         "Public holidays of this country (ISO 3166 code, with an optional "
                         "region: GB-ENG, US-CA, DE-BY) are closed days, from the holidays "
                         "package; days listed under holidays: override them.",
                         example="GB-ENG"),
        "out_of_hours_scenario": Field(ID, "Scenario whose templates say when a person will "
                                       "answer.", default="out_of_hours"),
    }), "Business hours for SLA clocks and out-of-hours replies."),
    "handoff": Field(Record({
        "on_request": Field(Bool(), "Hand off when the customer asks for a person.",
                            default=True),
        "phrases": Field(ListOf(Str(min_length=1)), "Extra phrases that ask for a person.",
                         example=["put me through"]),
        "at_or_above": Field(ID, "Hand off at this severity or more severe.",
                             example="high"),
        "max_bot_turns": Field(Int(1, 100), "Hand off after this many bot replies.",
                               default=3),
    }), "When a bot must hand the conversation to a human."),
    "routes": Field(MapOf(Record({
        "name": Field(Str(min_length=1), "Team name.", required=True),
        "queue": Field(Str(), "Queue or channel in your helpdesk."),
        "contact": Field(Str(), "How to reach the team."),
    }), key_doc="route"), "Teams and queues that scenarios route to."),
    "sample": Field(MapOf(AnyValue(), key_doc="variable"), "Sample template context for "
                    "lint.", example={"customer": {"name": "Sam Lee"}}),
    "scenarios": Field(MapOf(SCENARIO, key_doc="scenario"), "Scenarios. When several match, "
                       "the most severe wins, then the highest priority, then the first "
                       "listed."),
}, doc="A brandvoice escalation playbook.")


@dataclass(frozen=True)
class Severity:
    id: str
    rank: int
    label: str
    first_response: dt.timedelta
    clock: str
    data: Mapping[str, Any]


@dataclass(frozen=True)
class Template:
    id: str
    scenario: str
    source: str
    name: str  # shown in errors: playbooks/care.yaml#legal_threat/holding
    channels: tuple[str, ...]
    sample: Mapping[str, Any]
    location: Location | None

    def for_channel(self, channel: str) -> bool:
        return not self.channels or channel in self.channels


@dataclass(frozen=True)
class ScenarioSpec:
    id: str
    order: int
    description: str
    severity: str
    route: str
    escalate: bool
    handoff: bool
    move_to_dm: bool
    crisis: bool
    complaint: bool
    never_say: tuple[str, ...]
    templates: tuple[Template, ...]
    data: Mapping[str, Any]
    priority: int = 0
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()

    def precedence(self, severity_rank: int) -> tuple[int, int, int]:
        """Sort key among matching scenarios: most severe, then highest priority, then the
        first listed. (A less severe scenario never beats a more severe one: missing a
        serious message costs more than over-escalating a routine one.)"""
        return (severity_rank, -self.priority, self.order)

    @classmethod
    def build(cls, sid: str, order: int, data: Mapping[str, Any],
              templates: tuple[Template, ...], more: tuple[str, ...] = (),
              more_counter: tuple[str, ...] = ()) -> ScenarioSpec:
        """``more`` and ``more_counter``: examples and counter-examples read from files,
        after the inline ones."""
        return cls(sid, order, data.get("description") or "", data["severity"], data["route"],
                   bool(data.get("escalate")), bool(data.get("handoff")),
                   bool(data.get("move_to_dm")), bool(data.get("crisis")),
                   bool(data.get("complaint")), tuple(data.get("never_say") or ()),
                   templates, data, int(data.get("priority") or 0),
                   (*(data.get("examples") or ()), *more),
                   (*(data.get("counter_examples") or ()), *more_counter))


@dataclass
class Playbook:
    name: str
    version: str
    path: str
    data: dict[str, Any]
    locations: dict[KeyPath, Location]
    severities: list[Severity]
    scenarios: dict[str, ScenarioSpec]
    hours: BusinessHours | None
    voice_path: str
    chain: tuple[str, ...] = ()
    plugin_manager: pluggy.PluginManager | None = field(default=None, repr=False)
    _languages: tuple[str, ...] | None = field(default=None, repr=False)

    @property
    def sha256(self) -> str:
        canon = json.dumps(self.data, sort_keys=True, default=str, ensure_ascii=False)
        templates = [(t.name, t.source) for s in self.scenarios.values() for t in s.templates]
        canon += json.dumps(templates, ensure_ascii=False)
        return sha256_hex(canon)

    @property
    def default_scenario(self) -> str:
        return str(self.data["playbook"]["default_scenario"])

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the playbook covers: ``playbook.languages``, or else English plus
        the languages its keywords and examples are written in (a Korean playbook that
        extends the English one covers both without saying so)."""
        given = self.data["playbook"].get("languages")
        if given:
            return tuple(given)
        if self._languages is None:
            self._languages = _written_in(self)
        return self._languages

    @property
    def language_scenario(self) -> str | None:
        """Where messages in a language the playbook does not cover go (None: nowhere
        special; triage then hands them to a person in the default scenario)."""
        sid = self.data["playbook"].get("language_scenario")
        if sid:
            return str(sid)
        return "other_language" if "other_language" in self.scenarios else None

    @property
    def default_channel(self) -> str:
        return str(self.data["playbook"]["default_channel"])

    def severity(self, sid: str) -> Severity:
        return next(s for s in self.severities if s.id == sid)

    def where(self, *key: str | int) -> Location | None:
        return nearest_location(self.locations, tuple(key))

    def voice(self) -> Any:
        from brandvoice.voice import load_voice

        return load_voice(None if self.voice_path == BUILTIN_DEFAULT else self.voice_path,
                          plugin_manager=self.plugin_manager)


def _written_in(pb: Playbook) -> tuple[str, ...]:
    """English, plus the language of every keyword and example that is not plain ASCII, as
    the language layer detects it (only English when that layer is not installed)."""
    try:
        from brandvoice.languages import (  # type: ignore[import-not-found,attr-defined,unused-ignore]
            detect,
        )
    except ImportError:
        return ("en",)
    found = ["en"]
    for sc in pb.scenarios.values():
        texts = [*sc.examples, *sc.counter_examples]
        for trig in sc.data.get("triggers") or []:
            texts += [str(k) for k in trig.get("keywords") or []]
        for text in texts:
            # Only letters say which language: curly quotes and emoji in English examples do
            # not need the detector (which costs about a second to load).
            if any(ch.isalpha() and not ch.isascii() for ch in text):
                lang = str(detect(text))
                if lang != "und" and lang not in found:
                    found.append(lang)
    return tuple(found)


def _builtin_text() -> str:
    return resources.files("brandvoice").joinpath("data/playbook.yaml").read_text("utf-8")


def _builtin_dir() -> Path:
    return Path(str(resources.files("brandvoice").joinpath("data")))


def _dir_of(loc: Location | None, fallback: str) -> Path:
    path = loc.path if loc else fallback
    return _builtin_dir() if path == BUILTIN_DEFAULT else Path(path).parent


#: The longest example a file may hold (characters): the similarity layer embeds no more of
#: a message than this.
MAX_EXAMPLE_CHARS = 2000
MAX_EXAMPLES_FILE_BYTES = 1024 * 1024
#: The most examples and counter-examples a playbook may have in all (inline and in files):
#: the learned layer solves a system as large as their number squared (5,000 took 17 s and
#: 1.4 GB of memory to train on the development machine; the built-in playbook has ~2,300).
MAX_EXAMPLES = 5000


def _check_example_count(scenarios: Mapping[str, ScenarioSpec],
                         locs: dict[KeyPath, Location], shown: str,
                         problems: list[Problem]) -> None:
    """One problem, at the first example past :data:`MAX_EXAMPLES`, when there are more."""
    total = 0
    for sid, sc in scenarios.items():
        for kind in ("examples", "counter_examples"):
            texts = getattr(sc, kind)
            if total + len(texts) > MAX_EXAMPLES:
                i = MAX_EXAMPLES - total
                loc = nearest_location(locs, ("scenarios", sid, kind, i)) or Location(shown, 1, 1)
                problems.append(Problem(
                    loc.path, loc.line, loc.column, key_str(("scenarios", sid, kind, i)),
                    f"this is example {MAX_EXAMPLES + 1:,} of the playbook; a playbook may "
                    f"have at most {MAX_EXAMPLES:,} examples and counter-examples in all "
                    "(inline and in files: the learned layer's training grows with the square "
                    "of their number)"))
                return
            total += len(texts)


def _examples_file(sid: str, kind: str, sc: Mapping[str, Any],
                   locs: dict[KeyPath, Location], shown: str, problem: Any,
                   problems: list[Problem]) -> tuple[str, ...]:
    """The examples (``kind`` is ``examples`` or ``counter_examples``) that scenario ``sid``
    reads from its ``<kind>_file``, one a line, each given a location (file, line, column)
    in ``locs`` after the inline ones, so that lint's self-test points at its line. A line
    too long is a problem at its own line and column."""
    ref = sc.get(f"{kind}_file")
    if not ref:
        return ()
    from brandvoice.limits import read_inside

    key: tuple[str | int, ...] = ("scenarios", sid, f"{kind}_file")
    yaml_loc = nearest_location(locs, key)
    folder = _dir_of(yaml_loc, shown)
    try:
        text = read_inside(str(folder), ref, MAX_EXAMPLES_FILE_BYTES,
                           what=f"{kind.replace('_', ' ')} file")
    except UsageError as exc:
        problem(key, str(exc))
        return ()
    from_path = (yaml_loc.path if yaml_loc else shown)
    shown_file = (f"{BUILTIN_DEFAULT}/{ref}" if from_path == BUILTIN_DEFAULT
                  else os.path.normpath(Path(from_path).parent / ref))
    first = len(sc.get(kind) or ())
    out: list[str] = []
    # Only "\n" ends a line (and "\r\n"): str.splitlines() also splits at form feed, \x1c-\x1e,
    # NEL and U+2028/9, which would cut one example in two and shift every later line number.
    for line_no, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        message = line.strip()
        if not message or message.startswith("#"):
            continue
        col = len(line) - len(line.lstrip()) + 1
        if len(message) > MAX_EXAMPLE_CHARS:
            problems.append(Problem(
                shown_file, line_no, col + MAX_EXAMPLE_CHARS, f"scenarios.{sid}.{kind}_file",
                f"this line is {len(message):,} characters long; an example may have at most "
                f"{MAX_EXAMPLE_CHARS:,} (one message a line)"))
            continue
        locs[("scenarios", sid, kind, first + len(out))] = Location(shown_file, line_no, col)
        out.append(message)
    if not out:
        problem(key, f"{ref!r} holds no {kind.replace('_', ' ')}; write one message a line "
                "(lines starting with # are comments)")
    return tuple(out)


def load_playbook(path: str | Path | None = None, *,
                  plugin_manager: pluggy.PluginManager | None = None) -> Playbook:
    """Load a playbook file (or the built-in example playbook when ``path`` is None).

    Raises :class:`~brandvoice.errors.ConfigError` naming ``path:line:col`` for every problem.
    """
    shown = BUILTIN_DEFAULT if path is None else str(path)
    data, locs, chain = load_layered(shown, PLAYBOOK_SCHEMA, _builtin_text, kind="playbook",
                                     implicit_parent=False)
    problems: list[Problem] = []

    def problem(key: tuple[str | int, ...], message: str) -> None:
        loc = nearest_location(locs, key) or Location(shown, 1, 1)
        problems.append(Problem(loc.path, loc.line, loc.column, key_str(tuple(key)), message))

    for name in ("playbook", "severities", "scenarios"):
        if not data.get(name):
            problems.append(Problem(shown, 1, 1, name, f"missing required section {name!r}"))
    if problems:
        raise ConfigError(problems)
    for name, spec in PLAYBOOK_SCHEMA.fields.items():
        if name != "extends":
            data[name] = apply_defaults(spec.type, data.get(name))

    severities = []
    seen: set[str] = set()
    for rank, sev in enumerate(data["severities"]):
        if sev["id"] in seen:
            problem(("severities", rank, "id"), f"duplicate severity id {sev['id']!r}")
        seen.add(sev["id"])
        severities.append(Severity(sev["id"], rank, sev.get("label") or sev["id"],
                                   parse_duration(sev["first_response"]),
                                   sev["clock"], sev))
    sev_ids = [s.id for s in severities]
    routes = data.get("routes") or {}
    scenarios: dict[str, ScenarioSpec] = {}
    for order, (sid, sc) in enumerate((data.get("scenarios") or {}).items()):
        if sc["severity"] not in sev_ids:
            problem(("scenarios", sid, "severity"), f"unknown severity {sc['severity']!r}; "
                    f"defined: {', '.join(sev_ids)}")
        if sc["route"] not in routes:
            problem(("scenarios", sid, "route"), f"unknown route {sc['route']!r}; defined: "
                    f"{', '.join(sorted(routes)) or 'none (add a routes: section)'}")
        templates = []
        ids: set[str] = set()
        for i, tpl in enumerate(sc.get("templates") or []):
            key = ("scenarios", sid, "templates", i)
            if tpl["id"] in ids:
                problem((*key, "id"), f"duplicate template id {tpl['id']!r} in {sid}")
            ids.add(tpl["id"])
            if ("text" in tpl) == ("file" in tpl):
                problem(key, "a template needs exactly one of text: or file:")
                continue
            if "file" in tpl:
                # Only inside the playbook's own folder: a template is rendered into replies
                # and by lint in CI, so /proc/self/environ or /dev/zero must never be read.
                from brandvoice.limits import read_inside

                folder = _dir_of(nearest_location(locs, (*key, "file")), shown)
                try:
                    source = read_inside(str(folder), tpl["file"])
                except UsageError as exc:
                    problem((*key, "file"), str(exc))
                    continue
            else:
                source = tpl["text"]
            loc = nearest_location(locs, key)
            name = f"{loc.path if loc else shown}#{sid}/{tpl['id']}"
            templates.append(Template(tpl["id"], sid, source, name,
                                      tuple(tpl.get("channels") or ()),
                                      tpl.get("sample") or {}, loc))
        more = {kind: _examples_file(sid, kind, sc, locs, shown, problem, problems)
                for kind in ("examples", "counter_examples")}
        scenarios[sid] = ScenarioSpec.build(sid, order, sc, tuple(templates),
                                            more["examples"], more["counter_examples"])
    _check_example_count(scenarios, locs, shown, problems)
    meta = data["playbook"]
    if meta["default_scenario"] not in scenarios:
        problem(("playbook", "default_scenario"), f"unknown scenario "
                f"{meta['default_scenario']!r}; defined: {', '.join(scenarios)}")
    if meta.get("language_scenario") and meta["language_scenario"] not in scenarios:
        problem(("playbook", "language_scenario"), f"unknown scenario "
                f"{meta['language_scenario']!r}; defined: {', '.join(scenarios)}")
    handoff = data.get("handoff") or {}
    if handoff.get("at_or_above") and handoff["at_or_above"] not in sev_ids:
        problem(("handoff", "at_or_above"), f"unknown severity {handoff['at_or_above']!r}; "
                f"defined: {', '.join(sev_ids)}")
    hours = None
    if data.get("hours", {}).get("timezone"):
        h = data["hours"]
        weekly = {d: h.get("weekly", {}).get(d) or [] for d in DAYS}
        if not any(weekly.values()):
            problem(("hours", "weekly"), "no opening hours on any day; business-hours SLAs "
                    "could never end")
        holidays: dict[dt.date, list[str]] = {}
        for item in h.get("holidays") or []:
            if isinstance(item, dt.date):
                holidays[item] = []
            else:
                holidays[item["date"]] = item.get("hours") or []
        for day, spans in [*weekly.items(), *((str(d), s) for d, s in holidays.items())]:
            for i, span in enumerate(spans):
                start, end = parse_span(span)
                if end is not None and end <= start:
                    span_key: tuple[str | int, ...] = (
                        ("hours", "weekly", day, i) if day in DAYS else ("hours", "holidays"))
                    problem(span_key, f"{span} ends before it starts (or is empty), so it cannot "
                            "produce an SLA deadline; for a shift past midnight write "
                            "17:00-24:00 and 00:00-09:00 on the next day")
        country = h.get("country")
        if country:
            from brandvoice.playbooks.hours import public_holidays

            try:
                public_holidays(country, 2026)
            except ValueError as exc:
                problem(("hours", "country"), str(exc))
                country = None
        hours = BusinessHours(h["timezone"], weekly, holidays, country)
        if not problems:
            for sev in severities:
                if sev.clock != "business":
                    continue
                try:
                    hours.add(dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc),
                              sev.first_response)
                except ValueError:
                    rank = sev.rank
                    problem(("severities", rank, "first_response"),
                            f"{sev.data.get('first_response')} of business time cannot be "
                            f"reached within {MAX_DAYS_AHEAD} days with these opening hours; "
                            "open for longer, or use clock: calendar")
        ooh = h["out_of_hours_scenario"]
        if ooh not in scenarios:
            problem(("hours", "out_of_hours_scenario"), f"unknown scenario {ooh!r}")
    elif any(s.clock == "business" for s in severities):
        problems.append(Problem(shown, 1, 1, "hours", "severities use the business clock but "
                                "there is no hours: section with a timezone"))
    voice_ref = meta["voice"]
    voice_path = voice_ref
    if voice_ref != BUILTIN_DEFAULT:
        vloc = nearest_location(locs, ("playbook", "voice"))
        voice_path = os.path.normpath(_dir_of(vloc, shown) / voice_ref)
        if not Path(voice_path).is_file():
            problem(("playbook", "voice"), f"voice file {voice_ref!r} not found (looked for "
                    f"{voice_path})")
    if problems:
        raise ConfigError(sorted(problems, key=lambda p: (p.path, p.line, p.column, p.key)))
    return Playbook(meta["name"], str(meta["version"]), shown, data, locs,
                    severities, scenarios, hours, voice_path, chain, plugin_manager)
