"""The voices and playbooks a server holds, loaded once and reloaded when their files change.

A :class:`Snapshot` is immutable: a request takes the current one and uses it to the end, so
a reload (a new snapshot swapped in when it is complete and warmed up) never drops or mixes
up a request. A file that fails to load keeps its last good version in the new snapshot, and
the problem is logged and shown by ``/v1/status`` until the file is fixed.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brandvoice.checks.engine import Checker, Item
from brandvoice.errors import BrandvoiceError, ConfigError
from brandvoice.findings import Report
from brandvoice.playbooks.model import Playbook, load_playbook
from brandvoice.playbooks.triage import Message, Triager, TriageResult
from brandvoice.voice import Voice, load_voice

__all__ = ["BUILTIN", "Library", "LockedChecker", "LockedTriager", "Snapshot"]

log = logging.getLogger("brandvoice.server")
BUILTIN = "default"
YAML_SUFFIXES = (".yaml", ".yml")
# spaCy pipelines and checkers are not documented as thread-safe; the server runs requests
# on a thread pool, so NLP work takes this lock (it is CPU-bound under the GIL anyway).
NLP_LOCK = threading.RLock()


class LockedChecker:
    """A :class:`Checker` used by many threads: one call at a time."""

    def __init__(self, checker: Checker) -> None:
        self.checker = checker
        self.voice = checker.voice

    def check(self, text: str, channel: str | None = None, **kwargs: Any) -> Report:
        with NLP_LOCK:
            return self.checker.check(text, channel, **kwargs)

    def check_many(self, items: list[Item]) -> list[Report]:
        with NLP_LOCK:
            return list(self.checker.check_many(items))


class LockedTriager:
    """A :class:`Triager` used by many threads: one call at a time."""

    def __init__(self, triager: Triager) -> None:
        self.triager = triager

    def triage(self, message: Message | str, now: dt.datetime | None = None) -> TriageResult:
        with NLP_LOCK:
            return self.triager.triage(message, now)


@dataclass(frozen=True)
class Snapshot:
    voices: Mapping[str, Voice]
    playbooks: Mapping[str, Playbook]
    checkers: Mapping[str, LockedChecker]  # by voice SHA-256
    triagers: Mapping[str, Triager]  # by playbook id
    playbook_voice: Mapping[str, str]  # playbook id -> voice id
    problems: Mapping[str, str]  # file -> why its last good version is served (or none)
    loaded_at: dt.datetime
    generation: int
    by_path: Mapping[str, Any] = field(default_factory=dict)

    def voice(self, vid: str | None) -> Voice:
        from brandvoice.errors import UsageError

        key = vid or BUILTIN
        if key not in self.voices:
            raise UsageError(f"unknown voice {key!r}; this server has: "
                             f"{', '.join(sorted(self.voices))}")
        return self.voices[key]

    def playbook(self, pid: str | None) -> Playbook:
        from brandvoice.errors import UsageError

        key = pid or BUILTIN
        if key not in self.playbooks:
            raise UsageError(f"unknown playbook {key!r}; this server has: "
                             f"{', '.join(sorted(self.playbooks))}")
        return self.playbooks[key]

    def voice_for(self, vid: str | None, pid: str | None) -> Voice:
        """The voice asked for, else the playbook's voice, else the built-in one."""
        if vid:
            return self.voice(vid)
        if pid:
            self.playbook(pid)
            return self.voices[self.playbook_voice[pid]]
        return self.voice(None)

    def checker(self, voice: Voice) -> LockedChecker:
        return self.checkers[voice.sha256]

    def triage(self, pid: str | None, message: Message,
               now: dt.datetime | None = None) -> TriageResult:
        self.playbook(pid)
        with NLP_LOCK:
            return self.triagers[pid or BUILTIN].triage(message, now)

    def resolve(self, kind: str, key: str | None) -> Any:
        """For :class:`~brandvoice.review.gate.ReviewDesk`: the loaded object for a voice or
        playbook path (or id), or a checker by voice hash."""
        if kind == "checker":
            return self.checkers.get(key or "")
        if kind == "triager":
            pid = next((p for p, pb in self.playbooks.items() if pb.sha256 == key), None)
            return LockedTriager(self.triagers[pid]) if pid is not None else None
        if key is None:
            return self.voices[BUILTIN] if kind == "voice" else self.playbooks[BUILTIN]
        table = self.voices if kind == "voice" else self.playbooks
        if key in table:
            return table[key]
        found = self.by_path.get(f"{kind}:{_norm(key)}")
        return found


def _norm(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return path


def _yaml_files(folder: Path | None) -> list[Path]:
    if folder is None:
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())


class Library:
    """Loads the voices in ``voices_dir`` and the playbooks in ``playbooks_dir`` (each known
    by its file name without ``.yaml``; ``default`` is the built-in one), and reloads them
    when a file under either folder changes or :meth:`request_reload` is called (SIGHUP)."""

    def __init__(self, voices_dir: str | Path | None = None,
                 playbooks_dir: str | Path | None = None, *,
                 extra_watch: tuple[str | Path, ...] = (),
                 on_reload: Callable[[Snapshot], None] | None = None) -> None:
        self.voices_dir = Path(voices_dir) if voices_dir else None
        self.playbooks_dir = Path(playbooks_dir) if playbooks_dir else None
        for folder, what in ((self.voices_dir, "--voices"), (self.playbooks_dir, "--playbooks")):
            if folder is not None and not folder.is_dir():
                raise BrandvoiceError(f"{folder}: {what} must be a folder of YAML files")
        self.extra_watch = tuple(Path(p) for p in extra_watch)
        self.on_reload = on_reload
        self._snapshot: Snapshot | None = None
        self._reload_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._force = False
        self._thread: threading.Thread | None = None
        self._stamp = self._fingerprint()
        self._snapshot = self._build(None)

    @property
    def current(self) -> Snapshot:
        assert self._snapshot is not None
        return self._snapshot

    # Building -------------------------------------------------------------------------------

    def _fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        files: list[Path] = list(self.extra_watch)
        for folder in (self.voices_dir, self.playbooks_dir):
            if folder is not None and folder.is_dir():
                files.extend(p for p in folder.rglob("*") if p.is_file())
        out = []
        for p in sorted(files):
            try:
                st = p.stat()
                out.append((str(p), st.st_mtime_ns, st.st_size))
            except OSError:
                out.append((str(p), -1, -1))
        return tuple(out)

    def _build(self, previous: Snapshot | None) -> Snapshot:
        problems: dict[str, str] = {}
        voices: dict[str, Voice] = {}
        playbooks: dict[str, Playbook] = {}
        by_path: dict[str, Any] = {}

        def keep(kind: str, key: str, path: Path, exc: BaseException) -> None:
            why = str(exc).strip() if isinstance(exc, BrandvoiceError) else \
                f"{type(exc).__name__}: {exc}"
            old: Any = None
            if previous is not None:
                old = (previous.voices if kind == "voice" else previous.playbooks).get(key)
            if old is not None:
                (voices if kind == "voice" else playbooks)[key] = old
                by_path[f"{kind}:{_norm(str(path))}"] = old
                why += f"\n(serving the version loaded at {previous.loaded_at:%H:%M:%S} UTC)" \
                    if previous else ""
            else:
                why += "\n(not loaded: fix the file; requests for it are refused meanwhile)"
            problems[str(path)] = why
            log.error("%s: cannot load, %s", path, why.replace("\n", " "))

        voices[BUILTIN] = load_voice(None)
        for path in _yaml_files(self.voices_dir):
            key = path.stem
            try:
                voices[key] = load_voice(path)
                by_path[f"voice:{_norm(str(path))}"] = voices[key]
            except (BrandvoiceError, OSError, ValueError) as exc:
                keep("voice", key, path, exc)
        playbooks[BUILTIN] = load_playbook(None)
        for path in _yaml_files(self.playbooks_dir):
            key = path.stem
            try:
                playbooks[key] = load_playbook(path)
                by_path[f"playbook:{_norm(str(path))}"] = playbooks[key]
            except (BrandvoiceError, OSError, ValueError) as exc:
                keep("playbook", key, path, exc)
        # Each playbook's voice: the loaded file it names, so it shares the checker.
        playbook_voice: dict[str, str] = {}
        for pid, pb in list(playbooks.items()):
            if pb.voice_path == "builtin:default":
                playbook_voice[pid] = BUILTIN
                continue
            found = next((vid for vid, v in voices.items()
                          if vid != BUILTIN and _norm(v.path) == _norm(pb.voice_path)), None)
            if found is None:
                try:
                    v = pb.voice()
                except ConfigError as exc:
                    problems[pb.path] = f"its voice {pb.voice_path} cannot be loaded: {exc}"
                    del playbooks[pid]
                    continue
                found = f"{pid}:voice"
                voices[found] = v
            playbook_voice[pid] = found
        checkers: dict[str, LockedChecker] = {}
        old_checkers = previous.checkers if previous else {}
        for v in voices.values():
            if v.sha256 not in checkers:
                checkers[v.sha256] = old_checkers.get(v.sha256) or LockedChecker(Checker(v))
        triagers: dict[str, Triager] = {}
        for pid, pb in playbooks.items():
            same = previous is not None and pid in previous.playbooks and \
                previous.playbooks[pid].sha256 == pb.sha256
            triagers[pid] = previous.triagers[pid] if same and previous else Triager(pb)
        snap = Snapshot(voices, playbooks, checkers, triagers, playbook_voice, problems,
                        dt.datetime.now(dt.timezone.utc),
                        (previous.generation + 1) if previous else 1, by_path)
        self._warm(snap)
        return snap

    @staticmethod
    def _warm(snap: Snapshot) -> None:
        """Build every pipeline now, so the first request after a (re)load is not slow."""
        with NLP_LOCK:
            for checker in snap.checkers.values():
                ch = checker.voice.channel_names[0] if checker.voice.channel_names else None
                checker.checker.check("Thanks, we're on it.", ch)
            for pid, triager in snap.triagers.items():
                triager.triage(Message("hello", snap.playbooks[pid].default_channel))

    # Reloading ------------------------------------------------------------------------------

    def reload(self, reason: str = "requested") -> Snapshot:
        """Load everything again now; the new snapshot replaces the old when it is ready."""
        with self._reload_lock:
            self._stamp = self._fingerprint()
            snap = self._build(self._snapshot)
            self._snapshot = snap
        log.info("reloaded voices and playbooks (%s): generation %d, %d voices, %d playbooks, "
                 "%d problems", reason, snap.generation, len(snap.voices), len(snap.playbooks),
                 len(snap.problems))
        if self.on_reload is not None:
            self.on_reload(snap)
        return snap

    def request_reload(self) -> None:
        """Ask the watcher thread to reload (safe to call from a signal handler)."""
        self._force = True
        self._wake.set()

    def start_watching(self, interval: float = 1.0) -> None:
        def loop() -> None:
            while not self._stop.is_set():
                self._wake.wait(interval)
                self._wake.clear()
                if self._stop.is_set():
                    return
                forced, self._force = self._force, False
                try:
                    if forced:
                        self.reload("signal")
                    elif self._fingerprint() != self._stamp:
                        self.reload("files changed")
                except Exception:  # the watcher must outlive any bad file
                    log.exception("reload failed; still serving generation %d",
                                  self.current.generation)

        self._thread = threading.Thread(target=loop, name="brandvoice-reload", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def status(self) -> dict[str, Any]:
        snap = self.current
        return {
            "generation": snap.generation,
            "loaded_at": snap.loaded_at.isoformat(),
            "voices": {vid: {"name": v.name, "version": v.version, "path": v.path,
                             "sha256": v.sha256, "channels": v.channel_names}
                       for vid, v in sorted(snap.voices.items())},
            "playbooks": {pid: {"name": p.name, "version": p.version, "path": p.path,
                                "sha256": p.sha256, "voice": snap.playbook_voice.get(pid)}
                          for pid, p in sorted(snap.playbooks.items())},
            "problems": [{"file": f, "message": m} for f, m in sorted(snap.problems.items())],
        }
