"""The secret that keys the audit log's hash chain, kept outside the database.

Someone who can write the review database can rewrite rows and recompute plain SHA-256
hashes; they cannot compute an HMAC without the key. The key therefore never goes in the
database. Where it comes from, first match wins:

1. ``$BRANDVOICE_REVIEW_KEY``: one or more keys, separated by whitespace;
2. ``$BRANDVOICE_REVIEW_KEY_FILE``: a file holding one or more keys, one per line (``#``
   starts a comment);
3. ``$XDG_CONFIG_HOME/brandvoice/review.key`` (``~/.config/brandvoice/review.key``).

A key file that does not exist yet is created with a fresh random key (mode 0600) the first
time it is needed. Every process that writes or verifies the same database needs the same
key: on several machines, give them all the same file or variable.

**Rotation.** The first key signs new events; the others only verify older ones. To rotate,
put a new key first and keep the old one after it: the next write records a ``key_rotated``
event signed with the new key, and from then on an event signed with the old key is refused,
so a leaked retired key cannot be used to append. Drop the old key only when you no longer
need to verify the events it signed.

Each key is known by its id, the first 16 hex digits of a SHA-256 over it, which every event
records; the id reveals nothing about the key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from brandvoice.errors import UsageError

__all__ = ["KEY_ENV", "KEY_FILE_ENV", "KeyRing", "default_key_file", "key_id", "load_keys"]

KEY_ENV = "BRANDVOICE_REVIEW_KEY"
KEY_FILE_ENV = "BRANDVOICE_REVIEW_KEY_FILE"
MIN_KEY_LENGTH = 16


def key_id(key: bytes) -> str:
    return hashlib.sha256(b"brandvoice-review-key-id:" + key).hexdigest()[:16]


@dataclass(frozen=True)
class KeyRing:
    """The configured keys: ``keys[0]`` signs, all of them verify."""

    keys: tuple[bytes, ...]
    source: str

    @property
    def current_id(self) -> str:
        return key_id(self.keys[0])

    def ids(self) -> list[str]:
        return [key_id(k) for k in self.keys]

    def get(self, kid: str) -> bytes | None:
        for key in self.keys:
            if key_id(key) == kid:
                return key
        return None

    def mac(self, body: str, kid: str | None = None) -> str:
        """HMAC-SHA256 of ``body`` with the key ``kid`` (default: the current key)."""
        key = self.keys[0] if kid is None else self.get(kid)
        if key is None:
            raise KeyError(kid)
        return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()


def _parse(text: str, source: str) -> tuple[bytes, ...]:
    keys = []
    for line in text.splitlines():
        for word in line.split("#", 1)[0].split():
            if len(word) < MIN_KEY_LENGTH:
                raise UsageError(f"{source}: a review key must be at least {MIN_KEY_LENGTH} "
                                 "characters (make one with: python -c 'import secrets; "
                                 "print(secrets.token_hex(32))')")
            keys.append(word.encode("utf-8"))
    if not keys:
        raise UsageError(f"{source}: no key in it; put one key per line (the first signs)")
    return tuple(keys)


def default_key_file(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "brandvoice" / "review.key"


def _create(path: Path) -> None:
    """Write a new random key, without ever replacing one another process wrote first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("# brandvoice review log key: keep it secret, keep it out of the database.\n"
                  "# To rotate, add a new key on a line above this one.\n"
                  f"{secrets.token_hex(32)}\n")


def load_keys(keys: Sequence[str | bytes] | None = None,
              env: Mapping[str, str] | None = None) -> KeyRing:
    """The key ring: ``keys`` when given (API callers), else from the environment or file."""
    if keys:
        ring = tuple(k if isinstance(k, bytes) else k.encode("utf-8") for k in keys)
        if any(len(k) < MIN_KEY_LENGTH for k in ring):
            raise UsageError(f"a review key must be at least {MIN_KEY_LENGTH} characters")
        return KeyRing(ring, "keys given to ReviewDesk")
    env = os.environ if env is None else env
    if env.get(KEY_ENV, "").strip():
        return KeyRing(_parse(env[KEY_ENV], f"${KEY_ENV}"), f"${KEY_ENV}")
    explicit = env.get(KEY_FILE_ENV, "").strip()
    path = Path(explicit) if explicit else default_key_file(env)
    if not path.exists():
        try:
            _create(path)
        except OSError as exc:
            raise UsageError(f"{path}: cannot create the review key file ({exc.strerror}); "
                             f"set ${KEY_ENV} or ${KEY_FILE_ENV}") from None
    try:
        if not path.is_file():
            raise UsageError(f"{path}: the review key file must be a regular file")
        with path.open("rb") as handle:
            text = handle.read(65536).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the review key file ({exc})") from None
    return KeyRing(_parse(text, str(path)), str(path))
