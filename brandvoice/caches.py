"""The one cache policy for process-wide caches.

Loading a voice schema, a spaCy pipeline or a phrase matcher is worth doing once per
process, but each depends on an object (the plugin manager, the schema, the pipeline) that
the caller owns. Every such cache here is an :class:`OwnerCache`:

* keyed by the owner object itself, held weakly: the cache never keeps a plugin manager
  (or anything else) alive, and an entry dies with its owner, so a later object that happens
  to get the same ``id()`` can never see it;
* stamped with the owner's state when the value was built (for a plugin manager, the
  plugins registered in it: :func:`plugin_state`); when the state changes, the value is
  built again, so registering a plugin after the first check takes effect;
* listed in :data:`ALL`, so that :func:`clear_all` empties every one (tests, long-running
  servers reloading plugins).

Caches of pure functions of their arguments (``functools.lru_cache``) need none of this:
their keys are kept alive by the cache, and their values never go stale.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

__all__ = ["ALL", "OwnerCache", "clear_all", "plugin_state"]

V = TypeVar("V")

ALL: list[OwnerCache[Any]] = []


def plugin_state(pm: Any) -> Hashable:
    """What a plugin manager's caches depend on: which plugin objects are registered under
    which names (ids are stable while registered, since the manager holds the plugins)."""
    return tuple(sorted((name or "", id(plugin)) for name, plugin in pm.list_name_plugin()))


class OwnerCache(Generic[V]):
    """Values built per (owner, key), held no longer than the owner is alive.

    :param name: what the cache holds, for debugging.
    :param state: the owner's state a value depends on (called on each lookup, so keep it
        cheap); a value built under another state is rebuilt. None: values never go stale.
    """

    def __init__(self, name: str, state: Callable[[Any], Hashable] | None = None) -> None:
        self.name = name
        self._state = state
        # id(owner) -> (weak reference to owner, {key: (state, value)}). By identity, so
        # owners need not be hashable; the weak reference's callback drops the entry when
        # the owner dies, before its id can be reused.
        self._entries: dict[int, tuple[weakref.ref[Any], dict[Hashable, tuple[Hashable, V]]]] = {}
        self.hits = self.misses = 0
        ALL.append(self)

    def get(self, owner: Any, key: Hashable, build: Callable[[], V]) -> V:
        """The value for ``(owner, key)``, from ``build()`` the first time (and whenever the
        owner's state has changed since)."""
        state = self._state(owner) if self._state is not None else None
        slot = self._entries.get(id(owner))
        if slot is None or slot[0]() is not owner:
            slot = self._entries[id(owner)] = (weakref.ref(owner, self._forget(id(owner))), {})
        entries = slot[1]
        found = entries.get(key)
        if found is not None and found[0] == state:
            self.hits += 1
            return found[1]
        self.misses += 1
        value = build()
        entries[key] = (state, value)
        return value

    def _forget(self, ident: int) -> Callable[[weakref.ref[Any]], None]:
        entries = self._entries

        def forget(ref: weakref.ref[Any]) -> None:
            if ident in entries and entries[ident][0] is ref:
                del entries[ident]

        return forget

    def __len__(self) -> int:
        """How many owners have entries."""
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()

    def __repr__(self) -> str:
        return f"<OwnerCache {self.name}: {len(self._entries)} owners>"


def clear_all() -> None:
    """Empty every process-wide cache."""
    for cache in ALL:
        cache.clear()
