"""The one cache policy: caches never keep their owner (a plugin manager, a pipeline) alive,
never confuse a new owner with a dead one, and rebuild when the plugins change."""

from __future__ import annotations

import gc
import weakref

import brandvoice
from brandvoice.analysis.pipeline import load_pipeline
from brandvoice.caches import ALL, OwnerCache, clear_all, plugin_state
from brandvoice.checks.base import Check
from brandvoice.config.schema import Field, Record, Str
from brandvoice.plugins.manager import new_plugin_manager
from brandvoice.voice import voice_schema


class Owner:
    pass


def test_a_value_is_built_once_per_owner_and_key():
    cache: OwnerCache[list[int]] = OwnerCache("test")
    a, b = Owner(), Owner()
    built = []
    first = cache.get(a, "k", lambda: built.append(1) or [1])
    assert cache.get(a, "k", lambda: built.append(2) or [2]) is first
    assert cache.get(b, "k", lambda: built.append(3) or [3]) == [3]
    assert cache.get(a, "other", lambda: built.append(4) or [4]) == [4]
    assert built == [1, 3, 4] and (cache.hits, cache.misses) == (1, 3)


def test_the_cache_does_not_keep_its_owner_alive_and_forgets_it():
    cache: OwnerCache[str] = OwnerCache("test")
    owner = Owner()
    cache.get(owner, "k", lambda: "value")
    ref = weakref.ref(owner)
    del owner
    gc.collect()
    assert ref() is None
    assert len(cache) == 0


def test_a_new_owner_never_sees_a_dead_owners_value():
    cache: OwnerCache[str] = OwnerCache("test")
    for i in range(50):  # CPython reuses addresses quickly: ids repeat across iterations
        owner = Owner()
        assert cache.get(owner, "k", lambda i=i: f"v{i}") == f"v{i}"
        del owner


def test_a_change_of_state_rebuilds_the_value():
    cache: OwnerCache[int] = OwnerCache("test", state=lambda o: getattr(o, "version", 0))
    owner = Owner()
    assert cache.get(owner, "k", lambda: 1) == 1
    owner.version = 2
    assert cache.get(owner, "k", lambda: 2) == 2
    assert cache.get(owner, "k", lambda: 3) == 2


class LegalCheck(Check):
    name = "legal"
    category = "vocabulary"
    section = "legal"
    schema = Record({"claims": Field(Str(), "Claims.")})


class LegalPlugin:
    @brandvoice.hookimpl
    def brandvoice_register_checks(self):
        return [LegalCheck()]


def test_the_voice_schema_follows_the_plugins_and_does_not_keep_the_manager_alive():
    pm = new_plugin_manager(autoload=False)
    assert "legal" not in voice_schema(pm).fields
    state = plugin_state(pm)
    pm.register(LegalPlugin(), name="legal")
    assert plugin_state(pm) != state
    assert "legal" in voice_schema(pm).fields
    pm.unregister(name="legal")
    assert "legal" not in voice_schema(pm).fields
    ref = weakref.ref(pm)
    del pm
    gc.collect()
    assert ref() is None


def test_pipelines_are_per_plugin_manager_and_rebuilt_when_plugins_change():
    pm, other = new_plugin_manager(autoload=False), new_plugin_manager(autoload=False)
    nlp = load_pipeline("en", owner=pm)
    assert load_pipeline("en-GB", owner=pm) is nlp
    assert load_pipeline("en", owner=other) is not nlp
    pm.register(LegalPlugin(), name="legal")
    assert load_pipeline("en", owner=pm) is not nlp
    ref = weakref.ref(pm)
    del pm
    gc.collect()
    assert ref() is None


def test_clear_all_empties_every_cache():
    cache: OwnerCache[int] = OwnerCache("test")
    owner = Owner()
    cache.get(owner, "k", lambda: 1)
    assert cache in ALL
    clear_all()
    assert len(cache) == 0
