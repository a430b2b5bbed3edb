"""The plugin contract: every hook, documented (:mod:`.hookspecs`), and the plugin manager
with the built-in plugins and the ``brandvoice`` entry-point group (:mod:`.manager`)."""

from __future__ import annotations

from brandvoice.plugins.hookspecs import hookimpl, hookspec
from brandvoice.plugins.manager import (
    DEFAULT_PLUGINS,
    DISABLE_AUTOLOAD_ENV,
    ENTRY_POINT_GROUP,
    checks,
    get_plugin_manager,
    new_plugin_manager,
)

__all__ = [
    "DEFAULT_PLUGINS",
    "DISABLE_AUTOLOAD_ENV",
    "ENTRY_POINT_GROUP",
    "checks",
    "get_plugin_manager",
    "hookimpl",
    "hookspec",
    "new_plugin_manager",
]
