"""JSON Schemas for voice and playbook files, generated from the same declarations that
validate them (so editors' completion and the loader never disagree)."""

from __future__ import annotations

from typing import Any

import pluggy

__all__ = ["SCHEMA_URLS", "json_schema"]

SCHEMA_URLS = {
    "voice": "https://brandvoice.dev/schemas/voice.schema.json",
    "playbook": "https://brandvoice.dev/schemas/playbook.schema.json",
}


def json_schema(kind: str, plugin_manager: pluggy.PluginManager | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for ``kind``: ``voice`` or ``playbook``."""
    if kind == "voice":
        from brandvoice.voice import voice_schema

        schema = voice_schema(plugin_manager)
        title = "brandvoice voice guide"
    elif kind == "playbook":
        from brandvoice.playbooks.model import PLAYBOOK_SCHEMA as schema

        title = "brandvoice escalation playbook"
    else:
        raise ValueError(f"unknown schema kind {kind!r}; use voice or playbook")
    out = schema.json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": SCHEMA_URLS[kind], "title": title, **out}
