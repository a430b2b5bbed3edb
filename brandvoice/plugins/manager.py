"""The plugin manager: built-in plugins, the ``brandvoice`` entry-point group, and the
registry of checks that the loader and the engine ask for."""

from __future__ import annotations

import importlib
import os
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, cast

import pluggy

from brandvoice.errors import PluginError
from brandvoice.plugins import hookspecs

if TYPE_CHECKING:
    from brandvoice.checks.base import Check

__all__ = [
    "DEFAULT_PLUGINS",
    "DISABLE_AUTOLOAD_ENV",
    "ENTRY_POINT_GROUP",
    "check_pending",
    "checks",
    "get_plugin_manager",
    "new_plugin_manager",
]

ENTRY_POINT_GROUP = "brandvoice"
DISABLE_AUTOLOAD_ENV = "BRANDVOICE_DISABLE_PLUGIN_AUTOLOAD"
# Built-in features are ordinary plugins, registered through the same hooks a third party uses.
DEFAULT_PLUGINS = (
    "brandvoice.checks.tone",
    "brandvoice.checks.readability",
    "brandvoice.checks.accessibility",
    "brandvoice.checks.vocabulary",
    "brandvoice.checks.inclusive",
    "brandvoice.checks.channel",
    "brandvoice.checks.privacy",
    "brandvoice.checks.language",
    "brandvoice.languages.korean",
    "brandvoice.languages.spanish",
    "brandvoice.languages.welsh",
    "brandvoice.cli.formatters",
    "brandvoice.playbooks.drafting",
    "brandvoice.review.commands",
    "brandvoice.server.commands",
)

_default: pluggy.PluginManager | None = None


def new_plugin_manager(*, autoload: bool | None = None) -> pluggy.PluginManager:
    """A fresh plugin manager with the built-in plugins and, unless disabled, the plugins of
    the ``brandvoice`` entry-point group. A plugin that fails to import raises
    :class:`PluginError` naming it."""
    pm = pluggy.PluginManager("brandvoice")
    pm.add_hookspecs(hookspecs)
    for name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    if autoload is None:
        autoload = not os.environ.get(DISABLE_AUTOLOAD_ENV)
    if autoload:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
                continue
            try:
                plugin = ep.load()
                pm.register(plugin, name=ep.name)
            except Exception as exc:  # any error in third-party code: name the plugin
                raise PluginError(
                    f"plugin {ep.name!r} ({ep.value}) failed to load: "
                    f"{type(exc).__name__}: {exc}; fix or uninstall it, or set "
                    f"{DISABLE_AUTOLOAD_ENV}=1 to skip third-party plugins "
                    "(--debug or BRANDVOICE_DEBUG=1 shows the traceback)"
                ) from exc
    check_pending(pm)
    return pm


def check_pending(pm: pluggy.PluginManager) -> None:
    """Refuse hook implementations that match no hook: a misspelt ``brandvoice_*`` function
    would otherwise never be called, silently. Raises :class:`PluginError` naming the plugin
    and the hook. (pluggy's own ``check_pending`` does the same with a less helpful message.)
    A plugin may mark a hook from a newer brandvoice ``@hookimpl(optionalhook=True)``."""
    from brandvoice.errors import did_you_mean

    known = [name for name in dir(hookspecs) if name.startswith("brandvoice_")]
    for name, caller in vars(pm.hook).items():
        if name.startswith("_") or caller.has_spec():
            continue
        for impl in caller.get_hookimpls():
            if not impl.optionalhook:
                raise PluginError(
                    f"plugin {impl.plugin_name!r} implements {name!r}, which is not a "
                    f"brandvoice hook; {did_you_mean(name, known)}the hooks are listed in "
                    "docs/plugins.md (mark a hook of a newer brandvoice "
                    "@hookimpl(optionalhook=True))")


def get_plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager, created on first use."""
    global _default
    if _default is None:
        _default = new_plugin_manager()
    return _default


def checks(pm: pluggy.PluginManager | None = None) -> list[Check]:
    """Every registered check, in registration order; duplicate names are an error."""
    pm = pm or get_plugin_manager()
    check_pending(pm)  # plugins registered after the manager was made are checked here
    found: dict[str, tuple[Check, str]] = {}
    # get_hookimpls is in registration order: built-ins first, then third parties.
    for impl in pm.hook.brandvoice_register_checks.get_hookimpls():
        registered = cast("list[Check]", impl.function() or [])
        for check in registered:
            if check.name in found:
                raise PluginError(
                    f"two plugins register a check named {check.name!r}: "
                    f"{found[check.name][1]} and {impl.plugin_name}; rename one"
                )
            found[check.name] = (check, impl.plugin_name)
    return [c for c, _ in found.values()]
