"""Voice guides: the model, the loader and the ``extends`` merge.

A voice file is validated against one schema assembled from the core sections (``voice``,
``extends``, ``examples``) and the sections that checks own (``tone``, ``channels``, ...).

Merge rules for ``extends`` (also in docs/voice-reference.md):

* Every voice builds on its parent; a voice without ``extends`` builds on the built-in
  default voice (``builtin:default``).
* Mappings merge key by key, recursively: the child overrides only what it sets.
* Lists and scalars replace the parent's value whole.
* A key set to ``null`` removes what the parent set (it falls back to the schema default).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pluggy

from brandvoice.caches import OwnerCache, plugin_state
from brandvoice.config.channels import DEFAULT_CHANNEL
from brandvoice.config.loader import BUILTIN_DEFAULT, load_layered, nearest_location
from brandvoice.config.schema import Bool, Field, KeyPath, ListOf, Record, Str, apply_defaults
from brandvoice.errors import ConfigError, Location, Problem
from brandvoice.hashing import sha256_hex

__all__ = ["BUILTIN_DEFAULT", "Voice", "load_voice", "voice_schema"]


RULE_ID = Str(pattern=r"[a-z_]+\.[a-z_]+", pattern_doc="a rule id like tone.boilerplate")

VOICE_META = Record({
    "name": Field(Str(min_length=1), "Display name of the voice.", example="Crumbly"),
    "version": Field(
        Str(min_length=1), "Version of the voice guide; recorded with every approval.",
        default="0", example="2.1.0",
    ),
    "locale": Field(
        Str(pattern=r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", pattern_doc="a locale like en-GB"),
        "Language and region of replies; selects the spaCy language.", default="en",
        example="en-GB",
    ),
    "languages": Field(
        ListOf(Str(pattern=r"[a-z]{2,3}", pattern_doc="an ISO 639 code like ko"), min_items=1),
        "Languages this voice covers, as ISO 639 codes; each needs a language pack. A reply "
        "detected in another language gets language.unsupported. Without this key: the "
        "locale's language.", example=["en", "ko", "es"],
    ),
    "description": Field(Str(), "Who the brand speaks as, in a sentence or two.", default=""),
    "traits": Field(
        ListOf(Str(min_length=1)), "Personality traits, for people reading the guide.",
        example=["warm", "direct", "playful"],
    ),
    "pipeline": Field(
        Str(min_length=1),
        "A trained spaCy pipeline to use when installed (e.g. en_core_web_sm); "
        "without it brandvoice uses a blank pipeline and rules.",
        example="en_core_web_sm",
    ),
}, doc="Who the voice is.")

EXAMPLE = Record({
    "text": Field(Str(min_length=1), "A sample reply.", required=True,
                  example="Hi Sam, sorry about the wait!"),
    "channel": Field(Str(min_length=1), "Channel the sample is for.", default=DEFAULT_CHANNEL),
    "on_voice": Field(
        Bool(),
        "true: the reply must pass the checks; false: it must get at least one warning or error.",
        default=True,
    ),
    "expect": Field(ListOf(RULE_ID), "Rule ids the checks must report for this reply.",
                    example=["tone.boilerplate"]),
    "expect_not": Field(ListOf(RULE_ID), "Rule ids the checks must not report.",
                        example=["vocabulary.banned"]),
    "note": Field(Str(), "Why this example is here, for people."),
})

CORE_FIELDS: dict[str, Field] = {
    "voice": Field(VOICE_META, "Who the voice is: name, version, locale, traits."),
    "extends": Field(
        Str(min_length=1),
        "A voice file to inherit from, relative to this file, or builtin:default.",
        example="../acme.yaml",
    ),
    "examples": Field(
        ListOf(EXAMPLE),
        "On-voice and off-voice sample replies; brandvoice lint checks each against its "
        "expectation, so the guide tests itself.",
    ),
}


_schemas: OwnerCache[Record] = OwnerCache("voice schema per plugin manager", plugin_state)


def voice_schema(pm: pluggy.PluginManager | None = None) -> Record:
    """The voice-file schema: core sections plus every registered check's section. Built
    once per plugin manager (and again when its plugins change)."""
    from brandvoice.plugins.manager import get_plugin_manager

    pm = pm or get_plugin_manager()
    return _schemas.get(pm, "voice", lambda: _build_voice_schema(pm))


def _build_voice_schema(pm: pluggy.PluginManager) -> Record:
    from brandvoice.plugins.manager import checks

    fields = dict(CORE_FIELDS)
    owners: dict[str, str] = {}
    for check in checks(pm):
        for section, schema in check.sections().items():
            if section in fields:
                raise ConfigError([Problem(
                    "<plugins>", 1, 1, section,
                    f"check {check.name!r} declares section {section!r}, which "
                    f"{owners.get(section, 'the core')} already owns; choose another name",
                )])
            owners[section] = repr(check.name)
            doc = getattr(schema, "doc", "") or section
            fields[section] = Field(schema, doc)
    return Record(fields, doc="A brandvoice voice guide.")


@dataclass
class Voice:
    """A loaded, merged and validated voice guide."""

    name: str
    version: str
    locale: str
    description: str
    traits: tuple[str, ...]
    pipeline: str | None
    path: str
    data: dict[str, Any]
    locations: dict[KeyPath, Location] = field(default_factory=dict)
    chain: tuple[str, ...] = ()
    plugin_manager: pluggy.PluginManager | None = None
    languages: tuple[str, ...] = ()

    @property
    def sha256(self) -> str:
        """Content hash of the merged voice (what an approval is bound to)."""
        canon = json.dumps(self.data, sort_keys=True, default=str, ensure_ascii=False)
        return sha256_hex(canon)

    def get(self, *key: str | int, default: Any = None) -> Any:
        node: Any = self.data
        for part in key:
            found = (part in node if isinstance(node, Mapping) else
                     isinstance(node, list) and isinstance(part, int) and part < len(node))
            if not found:
                return default
            node = node[part]
        return node

    def section(self, name: str) -> dict[str, Any]:
        return self.data.get(name) or {}

    def where(self, *key: str | int) -> Location | None:
        """Where ``key`` was defined (the nearest enclosing key that a file set)."""
        return nearest_location(self.locations, tuple(key))

    def source(self, *key: str | int) -> str:
        """``path:line`` for findings, or ``builtin`` when the value came from a default."""
        loc = self.locations.get(tuple(key))
        if loc is None or loc.path == BUILTIN_DEFAULT:
            return "builtin"
        return f"{loc.path}:{loc.line}"

    def channel(self, name: str) -> dict[str, Any]:
        return (self.data.get("channels") or {}).get(name) or {}

    @property
    def channel_names(self) -> list[str]:
        return sorted(self.data.get("channels") or {})


# Loading --------------------------------------------------------------------------------


def _builtin_text() -> str:
    return resources.files("brandvoice").joinpath("data/default.yaml").read_text("utf-8")


def load_voice(
    path: str | Path | None = None, *, plugin_manager: pluggy.PluginManager | None = None
) -> Voice:
    """Load a voice file (or the built-in default voice when ``path`` is None).

    Raises :class:`~brandvoice.errors.ConfigError` whose problems each name
    ``path:line:col``, the key path, what is wrong and what is allowed.
    """
    from brandvoice.plugins.manager import checks, get_plugin_manager

    pm = plugin_manager or get_plugin_manager()
    schema = voice_schema(pm)
    shown = BUILTIN_DEFAULT if path is None else str(path)
    data, locs, chain = load_layered(shown, schema, _builtin_text, kind="voice")
    for name, spec in schema.fields.items():
        if name in ("extends",):
            continue
        data[name] = apply_defaults(spec.type, data.get(name))
    meta = data["voice"]
    voice = Voice(
        name=meta.get("name") or Path(shown).stem,
        version=str(meta["version"]),
        locale=meta["locale"],
        description=meta["description"],
        traits=tuple(meta.get("traits") or ()),
        pipeline=meta.get("pipeline"),
        path=shown,
        data=data,
        locations=locs,
        chain=chain,
        plugin_manager=pm,
        languages=tuple(meta.get("languages") or
                        (meta.get("locale", "en").replace("_", "-").split("-")[0].lower(),)),
    )
    for check in checks(pm):
        validate = getattr(check, "validate_voice", None)
        if validate is not None:
            problems = list(validate(voice))
            errors = [p for p in problems if p.severity == "error"]
            if errors:
                raise ConfigError(errors)
    return voice
