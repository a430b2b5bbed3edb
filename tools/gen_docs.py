"""Regenerate the generated parts of the docs from the schemas and the built-in voice.

    python tools/gen_docs.py          # rewrite the generated blocks
    python tools/gen_docs.py --check  # exit 1 if any block is out of date (the tests do this)

Each doc keeps its hand-written prose; only the text between
``<!-- BEGIN GENERATED: name -->`` and ``<!-- END GENERATED: name -->`` is replaced.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return "`" + text.replace("|", "\\|") + "`"


def reference_table(schema: Any) -> str:
    from brandvoice.config.schema import reference_rows

    lines = ["| key | type | default | description | example |", "|---|---|---|---|---|"]
    for path, kind, default, doc, example in reference_rows(schema):
        lines.append(f"| `{path}` | {kind} | {_fmt(default)} | {doc} | {_fmt(example)} |")
    return "\n".join(lines)


def channel_table() -> str:
    from brandvoice import load_voice

    voice = load_voice()
    cols = ["public", "counting", "max_length", "max_segments", "max_hashtags", "links",
            "emoji", "greeting", "alt_text_max"]
    lines = ["| channel | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name in voice.channel_names:
        cfg = voice.channel(name)
        lines.append(f"| `{name}` | " + " | ".join(str(cfg.get(c, "")) for c in cols) + " |")
    return "\n".join(lines)


def rules_table() -> str:
    from brandvoice.plugins.manager import checks, new_plugin_manager

    lines = ["| rule | default severity | what it catches |", "|---|---|---|"]
    for check in checks(new_plugin_manager(autoload=False)):
        for name, rule in check.rules.items():
            lines.append(f"| `{check.category}.{name}` | {rule.severity} | {rule.doc} |")
    return "\n".join(lines)


def blocks() -> dict[str, tuple[str, str]]:
    from brandvoice.playbooks.model import PLAYBOOK_SCHEMA
    from brandvoice.plugins.manager import new_plugin_manager
    from brandvoice.voice import voice_schema

    return {
        "voice-keys": ("docs/voice-reference.md",
                       reference_table(voice_schema(new_plugin_manager(autoload=False)))),
        "channels": ("docs/voice-reference.md", channel_table()),
        "playbook-keys": ("docs/playbook-reference.md", reference_table(PLAYBOOK_SCHEMA)),
        "rules": ("docs/checks.md", rules_table()),
    }


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name, (rel, body) in blocks().items():
        path = ROOT / rel
        text = path.read_text("utf-8")
        pattern = re.compile(
            rf"(<!-- BEGIN GENERATED: {name} -->\n)(?:.*?\n)?(<!-- END GENERATED: {name} -->)",
            re.S)
        if not pattern.search(text):
            print(f"{rel}: no GENERATED block named {name}", file=sys.stderr)
            return 2
        new = pattern.sub(lambda m, body=body: m.group(1) + body + "\n" + m.group(2), text)
        if new != text:
            stale.append(f"{rel} ({name})")
            if not check:
                path.write_text(new, "utf-8")
    if check and stale:
        print("out of date: " + ", ".join(stale) + "; run python tools/gen_docs.py",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
