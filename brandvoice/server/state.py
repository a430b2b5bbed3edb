"""What every request of the server shares: its settings, the loaded library, the review
desk and the configuration (:class:`Server`), and the JSON error every API failure becomes
(:class:`ApiError`)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brandvoice import __version__
from brandvoice.errors import ConfigError
from brandvoice.review.gate import ReviewDesk
from brandvoice.server.auth import SignInThrottle
from brandvoice.server.config import ServerConfig, load_server_config
from brandvoice.server.library import Library, Snapshot

__all__ = ["HERE", "ApiError", "Server", "Settings", "error_body"]

log = logging.getLogger("brandvoice.server")
HERE = Path(__file__).resolve().parent


@dataclass
class Settings:
    db_url: str | None = None
    voices_dir: str | None = None
    playbooks_dir: str | None = None
    config_path: str | None = None
    watch: bool = True
    watch_interval: float = 1.0


class ApiError(Exception):
    """An error answered as JSON with ``status``."""

    def __init__(self, status: int, message: str, problems: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.problems = problems or []
        self.headers = headers


def error_body(status: int, message: str,
               problems: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"error": {"status": status, "message": message, "problems": problems or []}}


@dataclass
class Server:
    """What every request shares. ``config`` and the library's snapshot are replaced whole
    on reload; a request reads each once."""

    settings: Settings
    library: Library
    desk: ReviewDesk
    config: ServerConfig
    config_problem: str | None = None
    ephemeral_secret: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)
    throttle: SignInThrottle = field(default_factory=SignInThrottle)

    @property
    def snapshot(self) -> Snapshot:
        return self.library.current

    def reload_config(self) -> None:
        path = self.settings.config_path
        if path is None:
            return
        try:
            self.config = load_server_config(path)
            self.config_problem = None
        except ConfigError as exc:
            self.config_problem = str(exc) + "\n(serving the last good configuration)"
            log.error("%s: cannot load, keeping the last good configuration: %s", path, exc)

    def status(self) -> dict[str, Any]:
        out = self.library.status()
        if self.config_problem and self.settings.config_path:
            out["problems"].append({"file": self.settings.config_path,
                                    "message": self.config_problem})
        out["version"] = __version__
        out["database"] = self.desk.engine.dialect.name
        return out
