"""Who is calling: a signed-in reviewer (session cookie), a person vouched for by a trusted
single-sign-on proxy, or an API client with a bearer token. Roles and scopes always come
from the server's configuration; a request can only say who it is, and must prove it.

Passwords are checked with Argon2 (argon2-cffi: the reference implementation's bindings,
memory-hard, with the parameters its authors recommend); forms carry a CSRF token kept in
the session and compared in constant time.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

from brandvoice.server.config import SCOPES, ServerConfig

__all__ = [
    "Identity",
    "SignInThrottle",
    "check_csrf",
    "csrf_token",
    "hash_password",
    "identify_bearer",
    "identify_proxy",
    "verify_password",
]


@dataclass(frozen=True)
class Identity:
    name: str
    roles: tuple[str, ...]
    scopes: frozenset[str]
    via: str  # "session", "proxy" or "token:<name>"


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    return str(_hasher().hash(password))


# Verified against when the user is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH: str | None = None


def verify_password(config: ServerConfig, name: str, password: str) -> Identity | None:
    from argon2.exceptions import InvalidHashError, VerificationError

    global _DUMMY_HASH
    user = config.find_user(name)
    stored = user.password if user else None
    if stored is None:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = hash_password(secrets.token_hex(8))
        stored, user = _DUMMY_HASH, None
    try:
        _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    return Identity(user.name, user.roles, frozenset(SCOPES), "session")


def identify_bearer(config: ServerConfig, header: str | None) -> Identity | None:
    """The identity behind ``Authorization: Bearer <token>``, or None."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    found = config.token(token.strip())
    if found is None:
        return None
    user = config.users.get(found.user)
    roles = user.roles if user else ()
    return Identity(found.user, roles, found.scopes, f"token:{found.name}")


def identify_proxy(config: ServerConfig, client_host: str | None,
                   headers: Any) -> Identity | None:
    """The person a trusted SSO proxy names in its header; only when a proxy is configured
    and the request comes from one of its addresses (anyone else could set the header)."""
    proxy = config.proxy
    if proxy is None or not proxy.trusts(client_host):
        return None
    name = (headers.get(proxy.header) or "").strip()
    if not name:
        return None
    user = config.find_user(name)
    if user is None:
        return Identity(name, (), frozenset(), "proxy-unknown")
    return Identity(user.name, user.roles, frozenset(SCOPES), "proxy")


class SignInThrottle:
    """Refuses sign-in for a name from an address after ``limit`` failures within
    ``window`` seconds, so passwords cannot be guessed at speed. In memory: a restart
    forgets, which costs an attacker a restart they cannot cause."""

    def __init__(self, limit: int = 5, window: float = 600.0, max_keys: int = 10_000) -> None:
        self.limit, self.window, self.max_keys = limit, window, max_keys
        self._failures: dict[tuple[str, str], list[float]] = {}
        self._lock = threading.Lock()

    def wait(self, name: str, client: str | None, now: float | None = None) -> float:
        """Seconds until this name may try again from this address (0: now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            times = [t for t in self._failures.get(self._key(name, client), [])
                     if now - t < self.window]
            return 0.0 if len(times) < self.limit else self.window - (now - times[0])

    def failed(self, name: str, client: str | None, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._failures) >= self.max_keys:  # forget the oldest half
                oldest = sorted(self._failures, key=lambda k: self._failures[k][-1])
                for k in oldest[: self.max_keys // 2]:
                    del self._failures[k]
            key = self._key(name, client)
            recent = [t for t in self._failures.get(key, []) if now - t < self.window]
            self._failures[key] = [*recent[-self.limit:], now]

    def succeeded(self, name: str, client: str | None) -> None:
        with self._lock:
            self._failures.pop(self._key(name, client), None)

    @staticmethod
    def _key(name: str, client: str | None) -> tuple[str, str]:
        from brandvoice.review.gate import normalise_name

        return normalise_name(name), client or ""


def csrf_token(session: dict[str, Any]) -> str:
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def check_csrf(session: dict[str, Any], submitted: Any) -> bool:
    expected = session.get("csrf")
    return isinstance(expected, str) and isinstance(submitted, str) and \
        hmac.compare_digest(expected.encode(), submitted.encode())
