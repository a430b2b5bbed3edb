"""The server's configuration file: who may sign in, with which roles, which API tokens exist
and what they may do, whether a single-sign-on proxy is trusted, and request limits.

Roles and scopes come from this file only, never from a request. Passwords are stored as
Argon2id hashes and tokens as SHA-256 digests (a token is 32 random bytes, so a fast hash
is enough; a password is not, hence Argon2). ``brandvoice accounts`` writes the file.

Example::

    session_secret: 6d1c...            # signs session cookies; keep it secret
    users:
      priya: {roles: [agent, team-lead], password: "$argon2id$v=19$..."}
      sol:   {roles: [comms-lead]}      # no password: signs in through the SSO proxy
      helpdesk: {roles: []}             # a service identity for tokens
    tokens:
      helpdesk-prod: {user: helpdesk, scopes: [check, submit], sha256: 9f86d0...}
    proxy: {header: X-Forwarded-User, trusted: [127.0.0.1, 10.0.0.0/8]}
    limits: {max_body_bytes: 262144}
    guard: {max_attempts: 2, min_confidence: 0.5}

Errors name ``path:line:col``, what is wrong and what is allowed.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from brandvoice.config.yamlio import compose_file
from brandvoice.errors import ConfigError, Problem, UsageError

__all__ = ["SCOPES", "ProxyConfig", "ServerConfig", "TokenConfig", "UserConfig",
           "hash_token", "load_server_config", "new_token", "save_server_config"]

SCOPES = ("check", "triage", "draft", "submit", "approve")
DEFAULT_MAX_BODY = 256 * 1024
TOKEN_PREFIX = "bv_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A fresh API token: shown once, stored only as its SHA-256."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


@dataclass(frozen=True)
class UserConfig:
    name: str
    roles: tuple[str, ...]
    password: str | None  # an Argon2 hash, or None for proxy-only users


@dataclass(frozen=True)
class TokenConfig:
    name: str
    user: str
    scopes: frozenset[str]
    sha256: str


@dataclass(frozen=True)
class ProxyConfig:
    header: str
    trusted: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]

    def trusts(self, host: str | None) -> bool:
        if not host:
            return False
        try:
            addr = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(addr in net for net in self.trusted)


@dataclass
class ServerConfig:
    path: str | None = None
    session_secret: str | None = None
    users: dict[str, UserConfig] = field(default_factory=dict)
    tokens: dict[str, TokenConfig] = field(default_factory=dict)  # by SHA-256
    proxy: ProxyConfig | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY
    max_attempts: int = 2
    min_confidence: float = 0.5
    secure_cookies: bool = False
    raw: dict[str, Any] = field(default_factory=dict)

    def token(self, presented: str) -> TokenConfig | None:
        return self.tokens.get(hash_token(presented))

    def find_user(self, name: str) -> UserConfig | None:
        """The user called ``name``, compared as the review gate compares names (case,
        width and invisible characters do not matter)."""
        from brandvoice.review.gate import normalise_name

        found = self.users.get(name)
        if found is not None:
            return found
        wanted = normalise_name(name)
        return next((u for n, u in self.users.items() if normalise_name(n) == wanted), None)


_TOP = {
    "session_secret": "a long random string that signs session cookies",
    "users": "accounts that may sign in: name -> {roles, password}",
    "tokens": "API tokens: name -> {user, scopes, sha256}",
    "proxy": "a single-sign-on proxy: {header, trusted}",
    "limits": "{max_body_bytes}",
    "guard": "{max_attempts, min_confidence}",
    "secure_cookies": "true behind HTTPS: session cookies are sent over HTTPS only",
}


class _Reader:
    """Walks the composed YAML nodes, collecting located problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, key: str, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, key, message))

    def mapping(self, node: yaml.Node, key: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, key, "expected a mapping (key: value lines)")
            return []
        out: list[tuple[str, yaml.Node, yaml.Node]] = []
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                self.problem(k, key, "keys must be plain names")
                continue
            out.append((str(k.value), k, v))
        return out

    def scalar(self, node: yaml.Node, key: str, kind: type) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, key, f"expected a {kind.__name__}")
            return None
        value = yaml.safe_load(yaml.serialize(node))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.problem(node, key, f"expected a {kind.__name__}, got {value!r}")
            return None
        return value

    def strings(self, node: yaml.Node, key: str) -> list[str]:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, key, "expected a list, e.g. [agent, team-lead]")
            return []
        out = []
        for i, item in enumerate(node.value):
            value = self.scalar(item, f"{key}[{i}]", str)
            if value is not None:
                out.append(value)
        return out


def load_server_config(path: str | Path | None) -> ServerConfig:
    """Read and validate a server configuration file (None: no users, no tokens)."""
    if path is None:
        return ServerConfig()
    shown = str(path)
    root, _text = compose_file(path)
    r = _Reader(shown)
    cfg = ServerConfig(path=shown)
    users: list[tuple[str, yaml.Node, list[str], yaml.Node | None]] = []
    tokens: list[tuple[str, yaml.Node, dict[str, yaml.Node]]] = []
    for name, knode, value in r.mapping(root, ""):
        if name not in _TOP:
            r.problem(knode, name, f"unknown key; allowed: {', '.join(_TOP)}")
        elif name == "session_secret":
            secret = r.scalar(value, name, str)
            if secret is not None and len(secret) < 32:
                r.problem(value, name, "too short: use at least 32 random characters "
                          "(brandvoice accounts init writes one)")
            cfg.session_secret = secret
        elif name == "secure_cookies":
            cfg.secure_cookies = bool(r.scalar(value, name, bool))
        elif name == "users":
            for uname, unode, uval in r.mapping(value, name):
                roles: list[str] = []
                pw: yaml.Node | None = None
                for k, kn, v in r.mapping(uval, f"users.{uname}"):
                    if k == "roles":
                        roles = r.strings(v, f"users.{uname}.roles")
                    elif k == "password":
                        pw = v
                    else:
                        r.problem(kn, f"users.{uname}.{k}", "unknown key; allowed: roles, "
                                  "password")
                users.append((uname, unode, roles, pw))
        elif name == "tokens":
            for tname, tnode, tval in r.mapping(value, name):
                tokens.append((tname, tnode, {k: v for k, _kn, v in
                                              r.mapping(tval, f"tokens.{tname}")}))
        elif name == "proxy":
            pfields = {k: v for k, _kn, v in r.mapping(value, name)}
            header = r.scalar(pfields["header"], "proxy.header", str) \
                if "header" in pfields else None
            nets = []
            for i, item in enumerate(r.strings(pfields["trusted"], "proxy.trusted")
                                     if "trusted" in pfields else []):
                try:
                    nets.append(ipaddress.ip_network(item, strict=False))
                except ValueError:
                    r.problem(pfields["trusted"], f"proxy.trusted[{i}]",
                              f"{item!r} is not an IP address or network (e.g. 10.0.0.0/8)")
            if not header or not nets:
                r.problem(value, name, "a trusted proxy needs both header (e.g. "
                          "X-Forwarded-User) and trusted (the proxy's addresses)")
            else:
                cfg.proxy = ProxyConfig(header, tuple(nets))
        elif name == "limits":
            for k, kn, v in r.mapping(value, name):
                if k == "max_body_bytes":
                    n = r.scalar(v, "limits.max_body_bytes", int)
                    if n is not None and n < 1024:
                        r.problem(v, "limits.max_body_bytes", "must be at least 1024")
                    elif n is not None:
                        cfg.max_body_bytes = n
                else:
                    r.problem(kn, f"limits.{k}", "unknown key; allowed: max_body_bytes")
        elif name == "guard":
            for k, kn, v in r.mapping(value, name):
                if k == "max_attempts":
                    n = r.scalar(v, "guard.max_attempts", int)
                    if n is not None:
                        cfg.max_attempts = max(1, n)
                elif k == "min_confidence":
                    x = r.scalar(v, "guard.min_confidence", float)
                    if x is not None:
                        cfg.min_confidence = x
                else:
                    r.problem(kn, f"guard.{k}", "unknown key; allowed: max_attempts, "
                              "min_confidence")
    for uname, unode, roles, pw in users:
        password = r.scalar(pw, f"users.{uname}.password", str) if pw is not None else None
        if password is not None and not password.startswith("$argon2"):
            r.problem(pw or unode, f"users.{uname}.password", "not an Argon2 hash; set "
                      "passwords with: brandvoice accounts add-user")
            password = None
        from brandvoice.review.gate import normalise_name

        same = [n for n in cfg.users if normalise_name(n) == normalise_name(uname)]
        if same:
            r.problem(unode, f"users.{uname}", f"the same person as {same[0]!r} (names are "
                      "compared ignoring case and invisible characters); keep one")
        cfg.users[uname] = UserConfig(uname, tuple(roles), password)
    for tname, tnode, fields in tokens:
        user = r.scalar(fields["user"], f"tokens.{tname}.user", str) if "user" in fields \
            else None
        digest = r.scalar(fields["sha256"], f"tokens.{tname}.sha256", str) \
            if "sha256" in fields else None
        scopes = r.strings(fields["scopes"], f"tokens.{tname}.scopes") \
            if "scopes" in fields else []
        bad = [s for s in scopes if s not in SCOPES]
        if bad:
            r.problem(fields["scopes"], f"tokens.{tname}.scopes",
                      f"unknown scope {', '.join(bad)}; allowed: {', '.join(SCOPES)}")
        extra = set(fields) - {"user", "sha256", "scopes"}
        if extra:
            r.problem(tnode, f"tokens.{tname}", f"unknown key {', '.join(sorted(extra))}; "
                      "allowed: user, scopes, sha256")
        if user is None or digest is None:
            r.problem(tnode, f"tokens.{tname}", "a token needs user and sha256 (brandvoice "
                      "accounts add-token writes both)")
            continue
        if user not in cfg.users:
            r.problem(fields["user"], f"tokens.{tname}.user",
                      f"no user {user!r} in users; add it first")
        cfg.tokens[digest] = TokenConfig(tname, user, frozenset(scopes) - set(bad), digest)
    if r.problems:
        raise ConfigError(r.problems)
    cfg.raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return cfg


def save_server_config(path: str | Path, raw: Mapping[str, Any]) -> None:
    """Write ``raw`` to ``path`` atomically, readable by its owner only (it holds hashes and
    the session secret)."""
    p = Path(path)
    tmp = p.with_name(p.name + ".tmp")
    header = ("# brandvoice server configuration (written by `brandvoice accounts`).\n"
              "# Roles and scopes are granted here only; see docs/server.md.\n")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(header + yaml.safe_dump(dict(raw), sort_keys=False, allow_unicode=True))
    os.replace(tmp, p)


def check_name(kind: str, name: str) -> str:
    name = name.strip()
    if not name or any(c.isspace() for c in name) or len(name) > 200:
        raise UsageError(f"{kind} name {name!r}: use one word without spaces (at most 200 "
                         "characters), e.g. priya or helpdesk-prod")
    return name
