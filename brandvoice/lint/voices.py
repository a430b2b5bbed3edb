"""``brandvoice lint``: schema and semantic problems in voice (and playbook) files.

Semantic rules, beyond the schema:

* a term both preferred and banned;
* contradictory targets (a minimum above its maximum);
* a channel whose length limit no reply could meet (shorter than an on-voice example for
  that channel, or too short for a required greeting and sign-off);
* a channel name that looks like a misspelling of a known channel;
* an ``examples`` entry whose expectation the checks do not meet: the guide tests itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pluggy
import regex

from brandvoice.errors import ConfigError, Location, Problem, closest
from brandvoice.hashing import sha256_hex
from brandvoice.voice import BUILTIN_DEFAULT, Voice, load_voice

__all__ = ["file_kind", "lint_paths", "lint_voice"]

_HANGUL = regex.compile(r"[\uac00-\ud7a3]")  # syllables: what Kiwi is run on
MIN_REPLY_LENGTH = 20  # "Hi Sam, sorry! -Jo": shorter than this, no useful reply fits


def _problem(loc: Location | None, fallback: str, key: str, message: str,
             severity: str = "error") -> Problem:
    if loc is None:
        return Problem(fallback, 1, 1, key, message, severity)
    return Problem(loc.path, loc.line, loc.column, key, message, severity)


def file_kind(path: Path) -> str:
    """``playbook`` when the file has top-level ``scenarios`` or ``severities``, else ``voice``."""
    try:
        if not path.is_file():
            return "voice"  # the loader says what is wrong with a FIFO or a device
        with path.open("rb") as handle:
            head = handle.read(200_000).decode("utf-8", errors="replace")
    except OSError:
        return "voice"
    for line in head.splitlines():
        if line.startswith(("scenarios:", "severities:", "playbook:")):
            return "playbook"
    return "voice"


def iter_yaml_files(paths: Iterable[str]) -> Iterator[Path]:
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted({*path.rglob("*.yaml"), *path.rglob("*.yml")})
            yield from (f for f in found if "templates" not in f.relative_to(path).parts[:-1])
        else:
            yield path


def lint_voice(voice: Voice) -> list[Problem]:
    """Semantic problems of a loaded voice (schema problems are raised by the loader)."""
    problems: list[Problem] = []
    path = voice.path

    def where(*key: str | int) -> Location | None:
        return voice.where(*key)

    vocab = voice.section("vocabulary")
    banned = {t.lower(): t for t in vocab.get("banned") or {}}
    for term, spec in (vocab.get("preferred") or {}).items():
        if term.lower() in banned:
            problems.append(_problem(
                where("vocabulary", "banned", banned[term.lower()]), path,
                f"vocabulary.banned.{banned[term.lower()]}",
                f"{term!r} is both banned and a preferred term; remove it from one of them"))
        for old in spec.get("instead_of") or []:
            if old.lower() == term.lower():
                problems.append(_problem(where("vocabulary", "preferred", term), path,
                                         f"vocabulary.preferred.{term}",
                                         f"{term!r} is listed as its own replacement"))

    def check_range(key: tuple[str, ...], rng: dict[str, Any] | None) -> None:
        if rng and rng.get("min") is not None and rng.get("max") is not None \
                and rng["min"] > rng["max"]:
            problems.append(_problem(
                where(*key, "min") or where(*key), path, ".".join(key),
                f"min {rng['min']:g} is above max {rng['max']:g}; no reply can meet both"))

    for dim in ("formality", "warmth", "positivity"):
        check_range(("tone", dim), voice.get("tone", dim))
    for name in voice.channel_names:
        check_range(("channels", name, "formality"), voice.get("channels", name, "formality"))
    problems.extend(_channel_problems(voice))
    problems.extend(_pattern_problems(voice))
    return problems


def _pattern_problems(voice: Voice) -> Iterator[Problem]:
    """The voice's own regular expressions that backtrack catastrophically: at run time they
    are stopped after a time limit, so the rule they drive would silently not be checked."""
    from brandvoice.patterns import catastrophic

    found: list[tuple[tuple[str | int, ...], str]] = []
    for name in voice.channel_names:
        for field_name in ("greeting_pattern", "sign_off_pattern"):
            pattern = voice.get("channels", name, field_name)
            if isinstance(pattern, str) and voice.where("channels", name, field_name):
                found.append((("channels", name, field_name), pattern))
    for name, pattern in (voice.get("privacy", "account_patterns") or {}).items():
        if isinstance(pattern, str):
            found.append((("privacy", "account_patterns", name), pattern))
    verdicts: dict[str, bool] = {}
    for key, pattern in found:
        if pattern not in verdicts:
            verdicts[pattern] = catastrophic(pattern)
        if verdicts[pattern]:
            yield _problem(voice.where(*key), voice.path, ".".join(map(str, key)),
                           f"the pattern {pattern!r} backtracks catastrophically on long "
                           "replies (nested repetition such as (a+)+ or (a|a)*); at run time "
                           "it is stopped after a time limit and the rule goes unchecked: "
                           "simplify it")


def _channel_problems(voice: Voice) -> Iterator[Problem]:
    from brandvoice.checks.channel import measure
    from brandvoice.config.channels import KNOWN_CHANNELS

    for name in voice.channel_names:
        loc = voice.where("channels", name)
        if name not in KNOWN_CHANNELS and loc and loc.path != BUILTIN_DEFAULT:
            close = closest(name, KNOWN_CHANNELS, cutoff=0.75)
            if close:
                yield _problem(loc, voice.path, f"channels.{name}",
                               f"channel {name!r} looks like a misspelling of {close!r}; "
                               "replies for that channel would not get these rules",
                               severity="warning")
        misspelt = name not in KNOWN_CHANNELS and bool(closest(name, KNOWN_CHANNELS,
                                                                cutoff=0.75))
        if loc and loc.path != BUILTIN_DEFAULT and not misspelt and \
                voice.locations.get(("channels", name, "public")) is None:
            yield _problem(loc, voice.path, f"channels.{name}",
                           f"channel {name!r} does not say whether replies are public; it is "
                           "treated as public (privacy rules apply: safe by default): add "
                           "'public: false' if replies here are private, or 'public: true' to "
                           "say so", severity="warning")
        cfg = voice.channel(name)
        limit = cfg.get("max_length")
        if not limit:
            continue
        floor = MIN_REPLY_LENGTH + (10 if cfg.get("greeting") == "required" else 0) + \
            (5 if cfg.get("sign_off") == "required" else 0)
        lim_loc = voice.where("channels", name, "max_length")
        if limit < floor:
            yield _problem(lim_loc, voice.path, f"channels.{name}.max_length",
                           f"a limit of {limit} leaves no room for a useful reply"
                           f"{' with its required greeting and sign-off' if floor > 20 else ''}; "
                           f"allow at least {floor}")
        for i, ex in enumerate(voice.get("examples") or []):
            if ex["channel"] == name and ex["on_voice"]:
                n = measure(ex["text"], cfg["counting"])
                if n > limit:
                    yield _problem(lim_loc, voice.path, f"channels.{name}.max_length",
                                   f"limit {limit} is shorter than on-voice example {i + 1} "
                                   f"({n}); no such reply could meet it: raise the limit or "
                                   "shorten the example")


def _code_fingerprint(plugin_manager: pluggy.PluginManager | None) -> str:
    """What example results depend on besides the voice: brandvoice's own source and the
    registered plugins. Any change to either invalidates the cache."""
    import hashlib

    from brandvoice.plugins.manager import get_plugin_manager

    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")) + sorted(package.rglob("*.yaml")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    pm = plugin_manager or get_plugin_manager()
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda x: x[0] or ""):
        digest.update((name or "").encode())
        source = getattr(plugin, "__file__", None)
        if source and Path(source).is_file():
            digest.update(Path(source).read_bytes())
    return digest.hexdigest()


def _cache_path() -> Path | None:
    import os

    if os.environ.get("BRANDVOICE_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "brandvoice" / "lint-examples.json"


def _cache_key(voice: Voice, fingerprint: str) -> str:
    import json

    return sha256_hex("|".join([fingerprint, voice.path, voice.sha256, json.dumps(
        {"/".join(map(str, k)): [v.path, v.line, v.column]
         for k, v in sorted(voice.locations.items(), key=lambda kv: str(kv[0]))})]))


def _read_cache(path: Path) -> dict[str, Any]:
    import json

    try:
        cache = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return cache if isinstance(cache, dict) else {}


def lint_examples_cached(voice: Voice, plugin_manager: pluggy.PluginManager | None = None,
                         fingerprint: str | None = None) -> list[Problem]:
    """:func:`lint_examples`, remembered: running the examples needs spaCy (about a second to
    import), so results are kept in ``~/.cache/brandvoice`` under a key made of the code, the
    plugins and the merged voice. Set BRANDVOICE_NO_CACHE=1 to always run them."""
    import json

    path = _cache_path()
    if path is None or not voice.get("examples"):
        return lint_examples(voice)
    key = _cache_key(voice, fingerprint or _code_fingerprint(plugin_manager))
    cache = _read_cache(path)
    if key in cache:
        return [Problem(**p) for p in cache[key]]
    problems = lint_examples(voice)
    cache[key] = [p.to_dict() for p in problems]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(dict(list(cache.items())[-500:])), "utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only home is no reason to fail a lint
    return problems


def _preload_korean(voices: list[Voice], fingerprint: str) -> None:
    """Start loading Kiwi in a second process (:func:`brandvoice.languages.korean.preload`)
    when a Korean voice's examples will run: it then loads while the other voices' examples
    run, instead of after them (about a second and a half of a cold lint)."""
    from brandvoice.checks.language import wanted_speech_level
    from brandvoice.languages import korean

    path = _cache_path()
    cache = _read_cache(path) if path is not None else {}
    for voice in voices:
        wanted = wanted_speech_level(voice)
        if "ko" in voice.languages and \
                any(_HANGUL.search(ex["text"]) and korean.may_analyse(ex["text"], wanted)
                    for ex in voice.get("examples") or []) and \
                (path is None or _cache_key(voice, fingerprint) not in cache):
            korean.preload()
            return


def lint_examples(voice: Voice) -> list[Problem]:
    """Run the checks on the voice's own examples and compare with their expectations."""
    from brandvoice.checks.engine import Checker, Item

    examples = voice.get("examples") or []
    if not examples:
        return []
    checker = Checker(voice)
    problems = []
    names = set(voice.channel_names)
    items = []
    for i, ex in enumerate(examples):
        if ex["channel"] not in names:
            problems.append(_problem(voice.where("examples", i, "channel"), voice.path,
                                     f"examples[{i}].channel",
                                     f"unknown channel {ex.get('channel')!r}; this voice "
                                     f"defines: {', '.join(sorted(names))}"))
            continue
        items.append((i, Item(ex["text"], ex["channel"])))
    reports = checker.check_many([it for _, it in items])
    for (i, _item), report in zip(items, reports, strict=True):
        ex = examples[i]
        loc = voice.where("examples", i)
        key = f"examples[{i}]"
        got = report.rules()
        for rule in ex.get("expect") or []:
            if rule not in got:
                problems.append(_problem(loc, voice.path, key,
                                         f"expected the checks to report {rule}, but they "
                                         f"reported {', '.join(sorted(got)) or 'nothing'}"))
        for rule in ex.get("expect_not") or []:
            if rule in got:
                f = next(f for f in report.findings if f.rule == rule)
                problems.append(_problem(loc, voice.path, key,
                                         f"expected no {rule}, but got: {f.message}"))
        if ex["on_voice"] and not report.passed:
            detail = "; ".join(f"{f.rule}: {f.message}" for f in report.blocking)
            problems.append(_problem(loc, voice.path, key,
                                     f"on-voice example fails the checks ({detail})"))
        if not ex["on_voice"] and not any(
                f.severity in ("error", "warning") for f in report.findings):
            problems.append(_problem(loc, voice.path, key,
                                     "off-voice example gets no warning or error; add a rule "
                                     "that catches it, or mark it on_voice"))
    return problems


def lint_paths(paths: Iterable[str], *, plugin_manager: pluggy.PluginManager | None = None,
               run_examples: bool = True, on_file: Callable[[Path], None] | None = None
               ) -> tuple[list[Problem], int]:
    """Lint files and folders; returns the problems (deduplicated, sorted) and the number of
    files linted. ``on_file`` is called once per file (the CLI's progress bar): when it is
    read, or for a voice whose examples run, when they start."""
    problems: list[Problem] = []
    count = 0
    voices: list[tuple[Path, Voice]] = []
    for path in iter_yaml_files(paths):
        count += 1
        shown = str(path)
        try:
            if file_kind(path) == "playbook":
                from brandvoice.lint.playbooks import lint_playbook

                if on_file is not None:
                    on_file(path)
                problems.extend(lint_playbook(shown, plugin_manager=plugin_manager))
                continue
            voice: Voice | None = load_voice(shown, plugin_manager=plugin_manager)
        except ConfigError as exc:
            problems.extend(exc.problems)
            voice = None
        if (voice is None or not run_examples) and on_file is not None:
            on_file(path)
        if voice is not None:
            problems.extend(lint_voice(voice))
            voices.append((path, voice))
    # Examples after every file is loaded: a Korean voice's model can then start loading
    # before the first voice's examples run. Problems are sorted below, so order is moot.
    if run_examples and voices:
        fingerprint = _code_fingerprint(plugin_manager)
        _preload_korean([v for _p, v in voices], fingerprint)
        for path, voice in voices:
            if on_file is not None:
                on_file(path)
            problems.extend(lint_examples_cached(voice, plugin_manager, fingerprint))
    unique = sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.key, p.message))
    return unique, count
