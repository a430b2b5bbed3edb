"""Schemas declared once, as data: each type validates a YAML node (keeping its marks),
generates its own JSON Schema, and describes itself for error messages and the reference docs.

Validation collects every problem instead of stopping at the first, so ``brandvoice lint``
can show them all. Values come back as plain dicts, lists and scalars; where each value was
defined is recorded in :attr:`Context.locations` under its key path.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import regex
import yaml

from brandvoice.errors import ConfigError, Location, Problem, did_you_mean

__all__ = [
    "INVALID",
    "AnyValue",
    "Bool",
    "Choice",
    "Context",
    "Date",
    "Either",
    "Field",
    "Int",
    "KeyPath",
    "ListOf",
    "MapOf",
    "Number",
    "Record",
    "Regex",
    "Str",
    "TimeZone",
    "Type",
    "apply_defaults",
    "check_required",
    "key_str",
    "reference_rows",
]

KeyPath = tuple[str | int, ...]
MAX_NODES = 50_000
INVALID: Any = object()
_MERGE_TAG = "tag:yaml.org,2002:merge"
_constructor = yaml.constructor.SafeConstructor()


def key_str(key: KeyPath) -> str:
    """``("examples", 2, "text")`` -> ``examples[2].text``."""
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = _scalar(node)
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {node.value}"
    text = str(node.value)
    return f"the string {text[:40]!r}" + ("..." if len(text) > 40 else "")


def _scalar(node: yaml.Node) -> Any:
    try:
        return _constructor.construct_object(node, deep=True)
    except (yaml.constructor.ConstructorError, ValueError):
        return node.value


@dataclass
class Context:
    """State of one validation: the file, the problems so far, the locations of values."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    locations: dict[KeyPath, Location] = field(default_factory=dict)
    budget: int = MAX_NODES
    # A file that extends another only writes what differs: required keys are checked on the
    # merged result instead (see check_required).
    partial: bool = False

    def at(self, node: yaml.Node) -> Location:
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def problem(self, node: yaml.Node, key: KeyPath, message: str) -> Any:
        loc = self.at(node)
        self.problems.append(Problem(loc.path, loc.line, loc.column, key_str(key), message))
        return INVALID

    def visit(self, node: yaml.Node, key: KeyPath, cost: int = 1) -> None:
        self.spend(node, key, cost)
        self.locations[key] = self.at(node)

    def spend(self, node: yaml.Node, key: KeyPath, cost: int = 1) -> None:
        """Count ``cost`` values against the budget: every value after aliases and ``<<``
        merges are expanded, so a bomb stops at the first value over it."""
        self.budget -= cost
        if self.budget < 0:
            loc = self.at(node)
            raise ConfigError([Problem(
                loc.path, loc.line, loc.column, key_str(key),
                f"more than {MAX_NODES} values after expanding aliases (an alias bomb?); "
                "use fewer '*alias' references and '<<' merges",
            )])


class Type:
    """A schema type. Subclasses implement :meth:`check`, :meth:`json_schema`, :meth:`describe`."""

    kind = "scalar"  # which YAML node kind it accepts: scalar, mapping or sequence

    def validate(self, node: yaml.Node, ctx: Context, key: KeyPath) -> Any:
        ctx.visit(node, key)
        return self.check(node, ctx, key)

    def check(self, node: yaml.Node, ctx: Context, key: KeyPath) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def accepts(self, node: yaml.Node) -> bool:
        return {
            "scalar": isinstance(node, yaml.ScalarNode),
            "mapping": isinstance(node, yaml.MappingNode),
            "sequence": isinstance(node, yaml.SequenceNode),
        }[self.kind]

    def _wrong(self, node: yaml.Node, ctx: Context, key: KeyPath) -> Any:
        return ctx.problem(node, key, f"expected {self.describe()}, got {_kind(node)}")


@dataclass(frozen=True)
class Str(Type):
    """A string. Plain numbers are taken as written (``version: 2.10`` is ``"2.10"``)."""

    pattern: str | None = None
    pattern_doc: str = ""
    min_length: int = 0
    max_length: int | None = None

    def check(self, node: yaml.Node, ctx: Context, key: KeyPath) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return self._wrong(node, ctx, key)
        value = _scalar(node)
        if isinstance(value, bool) or value is None:  # numbers and dates read as written
            return self._wrong(node, ctx, key)
        text = str(node.value)
        if len(text) < self.min_length:
            return ctx.problem(node, key, "must not be empty" if self.min_length == 1
                               else f"must be at least {self.min_length} characters")
        if self.max_length is not None and len(text) > self.max_length:
            return ctx.problem(node, key, f"is {len(text)} characters; at most {self.max_length}")
        if self.pattern and not regex.fullmatch(self.pattern, text):
            return ctx.problem(node, key, f"{text!r} is not {self.pattern_doc or 'valid'}")
        return text

    def json_schema(self) -> dict[str, Any]:
        # A plain number is a string as written (check above), so the published schema takes
        # numbers too: ``version: 2.0`` passes lint and the editor alike. (A patterned
        # string, such as a locale, is never a bare number.)
        out: dict[str, Any] = {"type": "string" if self.pattern else ["string", "number"]}
        if self.pattern:
            out["pattern"] = f"^(?:{self.pattern})$"
        if self.min_length:
            out["minLength"] = self.min_length
        if self.max_length is not None:
            out["maxLength"] = self.max_length
        return out

    def describe(self) -> str:
        return f"a string ({self.pattern_doc})" if self.pattern_doc else "a string"


@dataclass(frozen=True)
class Number(Type):
    """A number (int or float) within ``[minimum, maximum]``."""

    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False

    def check(self, node: yaml.Node, ctx: Context, key: KeyPath) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return self._wrong(node, ctx, key)
        value = _scalar(node)
        ok_types = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, ok_types):
            return self._wrong(node, ctx, key)
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            return ctx.problem(node, key, f"{value} is out of range; expected {self.describe()}")
        return value

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out

    def describe(self) -> str:
        noun = "a whole number" if self.integer else "a number"
        lo, hi = self.minimum, self.maximum

        def fmt(v: float) -> str:
            return str(int(v)) if self.integer else f"{v:g}"

        if lo is not None and hi is not None:
            return f"{noun} from {fmt(lo)} to {fmt(hi)}"
        if lo is not None:
            return f"{noun} of at least {fmt(lo)}"
        if hi is not None:
            return f"{noun} of at most {fmt(hi)}"
        return noun


def Int(minimum: int | None = None, maximum: int | None = None) -> Number:
    """A whole number within ``[minimum, maximum]``."""
    return Number(minimum, maximum, integer=True)


@dataclass(frozen=True)
class Bool(Type):
    def check(self, node: yaml.Node, ctx: Context, key: KeyPath) -> Any:
        value = _scalar(node) if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(value, bool):
            return self._wrong(node, ctx, key)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}

    def describe(self) -> str:
        return "true or false"


@dataclass(frozen=True)
class Choice(Type):
    """One of a fixed set of strings."""

    values: tuple[str, ...]

    def check(self, node: yaml.Node, ctx: Context, key: KeyPath) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return self._wrong(node, ctx, key)
        value = _scalar(node)
        text = node.value if not isinstance(value, bool) else str(value).lower()
        if text not in self.values:
            did = did_you_mean(str(text), self.values)
            return ctx.problem(
                node, key, f"{text!r} is not allowed; {did}expected {self.describe()}"
            )
        return text

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.values)}

    def describe(self) -> str:
        return "one of " + ", ".join(self.values)


@dataclass(frozen=True)
class Regex(Type):
    """A regular expression (the ``regex`` module's syntax, a superset of Python's ``re``)."""

    def check(self, node: yaml.Node, ctx: Context, key: KeyPath) -> Any:
        if not isinstance(node, yaml.ScalarNode) or _scalar(node) is None:
            return self._wrong(node, ctx, key)
        try:
            regex.compile(str(node.value))
        except regex.error as exc:
            return ctx.problem(
                node, key, f"invalid regular expression: {exc}; quote it with single quotes "
                "so YAML keeps backslashes",
            )
        return str(node.value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "regex"}

    def describe(self) -> str:
        return "a regular expression"


@dataclass(frozen=True)
class Date(Type):
    def check(self, node: yaml.Node, ctx: Context, key: KeyPath) -> Any:
        value = _scalar(node) if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
            if isinstance(value, str):
                try:
                    return _dt.date.fromisoformat(value)
                except ValueError:
                    pass
            return self._wrong(node, ctx, key)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date"}

    def describe(self) -> str:
        return "a date (YYYY-MM-DD)"


@dataclass(frozen=True)
class TimeZone(Type):
    def check(self, node: yaml.Node, ctx: Context, key: KeyPath) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return self._wrong(node, ctx, key)
        name = str(node.value)
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            return ctx.problem(
                node, key, f"unknown time zone {name!r}; use an IANA name such as Europe/London"
            )
        return name

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string"}

    def describe(self) -> str:
        return "an IANA time zone name (Europe/London)"


@dataclass(frozen=True)
class ListOf(Type):
    item: Type
    min_items: int = 0
    kind = "sequence"

    def check(self, node: yaml.Node, ctx: Context, key: KeyPath) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            if isinstance(node, yaml.ScalarNode) and self.item.accepts(node):
                return ctx.problem(
                    node, key, f"expected {self.describe()}; write a single item as '[{node.value}]'"
                )
            return self._wrong(node, ctx, key)
        if len(node.value) < self.min_items:
            return ctx.problem(node, key, f"needs at least {self.min_items} item(s)")
        out = []
        for i, child in enumerate(node.value):
            value = self.item.validate(child, ctx, (*key, i))
            if value is not INVALID:
                out.append(value)
        return out

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        return out

    def describe(self) -> str:
        return f"a list of {_plural(self.item.describe())}"


def _plural(desc: str) -> str:
    for article in ("a ", "an "):
        if desc.startswith(article):
            return desc[len(article):].replace("string", "strings", 1) \
                .replace("mapping", "mappings", 1).replace("number", "numbers", 1)
    return desc


def _pairs(
    node: yaml.MappingNode, ctx: Context, key: KeyPath
) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
    """Yield ``(key, key_node, value_node)``; resolves ``<<`` merges, rejects duplicate keys."""
    seen: dict[str, yaml.Node] = {}
    merged: list[tuple[str, yaml.Node, yaml.Node]] = []
    for k_node, v_node in node.value:
        if k_node.tag == _MERGE_TAG:
            sources = v_node.value if isinstance(v_node, yaml.SequenceNode) else [v_node]
            for src in sources:
                if not isinstance(src, yaml.MappingNode):
                    ctx.problem(src, key, "'<<' merges only mappings (&anchor of a mapping)")
                    continue
                # Each merged pair counts, before it is expanded: a merge of merges of
                # merges multiplies, and must stop at the budget, not after the work.
                ctx.spend(src, key, len(src.value))
                merged.extend(_pairs(src, ctx, key))
            continue
        if not isinstance(k_node, yaml.ScalarNode) or _scalar(k_node) is None:
            ctx.problem(k_node, key, f"keys must be plain strings, got {_kind(k_node)}")
            continue
        name = str(k_node.value)
        if name in seen:
            first = seen[name].start_mark
            ctx.problem(
                k_node, (*key, name),
                f"duplicate key {name!r} (first defined at line {first.line + 1}, "
                f"column {first.column + 1}); YAML keeps only one: remove or rename one of them",
            )
            continue
        seen[name] = k_node
        yield name, k_node, v_node
    for name, k_node, v_node in merged:  # explicit keys win over merged ones
        if name not in seen:
            seen[name] = k_node
            yield name, k_node, v_node


def _mark_key(ctx: Context, key: KeyPath, k_node: yaml.Node, v_node: yaml.Node) -> None:
    """A mapping or list is located at its key ("orphan:" on line 9), not at its first
    child on the next line; scalars stay at their value."""
    if isinstance(v_node, (yaml.MappingNode, yaml.SequenceNode)):
        ctx.locations[key] = ctx.at(k_node)


@dataclass(frozen=True)
class Field:
    """One key of a :class:`Record`: its type, documentation, default and an example.

    ``default`` is what applies when no file in the ``extends`` chain sets the key.
    """

    type: Type
    doc: str
    default: Any = None
    required: bool = False
    example: Any = None


@dataclass(frozen=True)
class MapOf(Type):
    """A mapping with free keys (channel names, terms) whose values share one type.

    A value of ``null`` removes an inherited entry (see the ``extends`` merge rules).
    """

    value: Type
    key_doc: str = "name"
    key_pattern: str | None = None
    key_choices: tuple[str, ...] = ()
    kind = "mapping"

    def check(self, node: yaml.Node, ctx: Context, key: KeyPath) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self._wrong(node, ctx, key)
        out: dict[str, Any] = {}
        for name, k_node, v_node in _pairs(node, ctx, key):
            if self.key_pattern and not regex.fullmatch(self.key_pattern, name):
                ctx.problem(k_node, (*key, name), f"{name!r} is not a valid {self.key_doc}")
                continue
            if self.key_choices and name not in self.key_choices:
                did = did_you_mean(name, self.key_choices)
                ctx.problem(
                    k_node, (*key, name),
                    f"unknown {self.key_doc} {name!r}; {did}allowed: {', '.join(self.key_choices)}",
                )
                continue
            if isinstance(v_node, yaml.ScalarNode) and _scalar(v_node) is None:
                ctx.visit(v_node, (*key, name))
                out[name] = None
                continue
            value = self.value.validate(v_node, ctx, (*key, name))
            _mark_key(ctx, (*key, name), k_node, v_node)
            if value is not INVALID:
                out[name] = value
        return out

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "additionalProperties": {"anyOf": [self.value.json_schema(), {"type": "null"}]},
        }
        if self.key_pattern:
            out["propertyNames"] = {"pattern": f"^(?:{self.key_pattern})$"}
        if self.key_choices:
            out["propertyNames"] = {"enum": list(self.key_choices)}
        return out

    def describe(self) -> str:
        return f"a mapping of {self.key_doc} to {_plural(self.value.describe())}"


@dataclass(frozen=True)
class Record(Type):
    """A mapping with a fixed set of keys; unknown keys are errors with a suggestion."""

    fields: Mapping[str, Field]
    doc: str = ""
    kind = "mapping"

    def check(self, node: yaml.Node, ctx: Context, key: KeyPath) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self._wrong(node, ctx, key)
        out: dict[str, Any] = {}
        for name, k_node, v_node in _pairs(node, ctx, key):
            spec = self.fields.get(name)
            if spec is None:
                allowed = sorted(self.fields)
                did = did_you_mean(name, allowed)
                ctx.problem(
                    k_node, (*key, name),
                    f"unknown key {name!r}; {did}allowed here: {', '.join(allowed)}",
                )
                continue
            if isinstance(v_node, yaml.ScalarNode) and _scalar(v_node) is None:
                if spec.required:
                    ctx.problem(v_node, (*key, name), f"must not be empty; expected "
                                f"{spec.type.describe()}")
                    continue
                ctx.visit(v_node, (*key, name))
                out[name] = None  # null unsets: falls back to the default
                continue
            value = spec.type.validate(v_node, ctx, (*key, name))
            _mark_key(ctx, (*key, name), k_node, v_node)
            if value is not INVALID:
                out[name] = value
        for name, spec in self.fields.items():
            if spec.required and name not in out and not ctx.partial and not any(
                p.key == key_str((*key, name)) for p in ctx.problems
            ):
                ctx.problem(node, key, f"missing required key {name!r} ({spec.doc})")
        return out

    def json_schema(self) -> dict[str, Any]:
        props: dict[str, Any] = {}
        for name, spec in self.fields.items():
            sub = spec.type.json_schema()
            sub["description"] = spec.doc
            if spec.default is not None:
                sub["default"] = spec.default
            if spec.example is not None:
                sub["examples"] = [spec.example]
            props[name] = sub
        out: dict[str, Any] = {
            "type": "object", "properties": props, "additionalProperties": False,
        }
        required = [n for n, s in self.fields.items() if s.required]
        if required:
            out["required"] = required
        if self.doc:
            out["description"] = self.doc
        return out

    def describe(self) -> str:
        return "a mapping"


@dataclass(frozen=True)
class AnyValue(Type):
    """Any YAML value (mappings, lists, scalars), for data the schema cannot describe, such as
    spaCy Matcher patterns. Nodes still count against the alias budget."""

    doc: str = "any value"

    def accepts(self, node: yaml.Node) -> bool:
        return True

    def check(self, node: yaml.Node, ctx: Context, key: KeyPath) -> Any:
        if isinstance(node, yaml.MappingNode):
            return {name: AnyValue().validate(v, ctx, (*key, name))
                    for name, _k, v in _pairs(node, ctx, key)}
        if isinstance(node, yaml.SequenceNode):
            return [AnyValue().validate(v, ctx, (*key, i)) for i, v in enumerate(node.value)]
        value = _scalar(node)
        return value.isoformat() if isinstance(value, (_dt.date, _dt.datetime)) else value

    def json_schema(self) -> dict[str, Any]:
        return {}

    def describe(self) -> str:
        return self.doc


@dataclass(frozen=True)
class Either(Type):
    """The first of ``options`` whose node kind matches (a string, or a list of strings)."""

    options: tuple[Type, ...]

    def check(self, node: yaml.Node, ctx: Context, key: KeyPath) -> Any:
        for option in self.options:
            if option.accepts(node):
                return option.check(node, ctx, key)
        return self._wrong(node, ctx, key)

    def accepts(self, node: yaml.Node) -> bool:
        return any(o.accepts(node) for o in self.options)

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [o.json_schema() for o in self.options]}

    def describe(self) -> str:
        return " or ".join(o.describe() for o in self.options)


def check_required(schema: Type, data: Any, key: KeyPath,
                   where: Any) -> Iterator[tuple[KeyPath, str]]:
    """Missing required keys in merged ``data``: ``(key path of the mapping, message)``."""
    if isinstance(schema, Record) and isinstance(data, dict):
        for name, spec in schema.fields.items():
            if name in data and data[name] is not None:
                yield from check_required(spec.type, data[name], (*key, name), where)
            elif spec.required:
                yield key, f"missing required key {name!r} ({spec.doc})"
    elif isinstance(schema, MapOf) and isinstance(data, dict):
        for name, value in data.items():
            yield from check_required(schema.value, value, (*key, name), where)
    elif isinstance(schema, ListOf) and isinstance(data, list):
        for i, value in enumerate(data):
            yield from check_required(schema.item, value, (*key, i), where)
    elif isinstance(schema, Either):
        for option in schema.options:
            if isinstance(option, Record) and isinstance(data, dict):
                yield from check_required(option, data, key, where)


def apply_defaults(schema: Type, data: Any) -> Any:
    """Return ``data`` with the defaults of ``schema`` filled in (nested records too)."""
    if isinstance(schema, Record):
        data = dict(data or {})
        for name, spec in schema.fields.items():
            if data.get(name) is None:
                if spec.default is not None:
                    data[name] = _copy(spec.default)
                elif isinstance(spec.type, Record):
                    data[name] = {}
                else:
                    data.pop(name, None)
                    continue
            data[name] = apply_defaults(spec.type, data[name])
        return data
    if isinstance(schema, MapOf) and isinstance(data, dict):
        return {k: apply_defaults(schema.value, v) for k, v in data.items() if v is not None}
    if isinstance(schema, ListOf) and isinstance(data, list):
        return [apply_defaults(schema.item, v) for v in data]
    return data


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def reference_rows(schema: Type, prefix: str = "") -> Iterator[tuple[str, str, Any, str, Any]]:
    """Walk a schema for the reference docs: ``(key path, type, default, doc, example)``."""
    if isinstance(schema, Record):
        for name, spec in schema.fields.items():
            path = f"{prefix}.{name}" if prefix else name
            yield path, spec.type.describe(), spec.default, spec.doc, spec.example
            yield from reference_rows(spec.type, path)
    elif isinstance(schema, MapOf):
        yield from reference_rows(schema.value, f"{prefix}.<{schema.key_doc}>")
    elif isinstance(schema, ListOf):
        yield from reference_rows(schema.item, f"{prefix}[]")
    elif isinstance(schema, Either):
        for option in schema.options:
            yield from reference_rows(option, prefix)
