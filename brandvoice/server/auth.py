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
from dataclasses import dataclass
from typing import Any

from brandvoice.server.config import SCOPES, ServerConfig

__all__ = [
    "Identity",
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
