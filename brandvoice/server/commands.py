"""``brandvoice serve`` and ``brandvoice accounts``: a built-in plugin that adds the server's
commands through ``brandvoice_register_commands``. The server's libraries (the ``server``
extra) are imported only when a command runs."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import secrets
import signal
import sys
from typing import Any

from brandvoice.errors import UsageError
from brandvoice.plugins.hookspecs import hookimpl

__all__ = ["brandvoice_register_commands"]

EXTRA_HINT = "the server needs its extra: pip install 'brandvoice[server]'"


def _need_extra() -> None:
    missing = []
    for module in ("fastapi", "uvicorn", "argon2", "itsdangerous", "multipart"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise UsageError(f"{EXTRA_HINT} (missing: {', '.join(missing)})")


def cmd_serve(args: argparse.Namespace) -> int:
    _need_extra()
    import uvicorn

    from brandvoice.server.app import Settings, create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: "
                        "%(message)s")
    if args.config is None and args.host not in ("127.0.0.1", "localhost", "::1"):
        raise UsageError(f"--host {args.host} exposes the server beyond this machine; give "
                         "it a --config with users and tokens first (docs/server.md)")
    settings = Settings(db_url=args.db, voices_dir=args.voices, playbooks_dir=args.playbooks,
                        config_path=args.config, watch=not args.no_watch)
    app = create_app(settings)
    library = app.state.server.library
    if hasattr(signal, "SIGHUP"):
        # Reload voices, playbooks and the configuration without dropping a request.
        signal.signal(signal.SIGHUP, lambda *_: library.request_reload())
    # proxy_headers off: the client address must be the real peer, which decides whether
    # an SSO header is trusted (proxy.trusted in the configuration).
    uvicorn.run(app, host=args.host, port=args.port, proxy_headers=False,
                log_level="info" if args.access_log else "warning",
                access_log=args.access_log, timeout_graceful_shutdown=10)
    return 0


# accounts -----------------------------------------------------------------------------------


def _load_raw(path: str, create: bool = False) -> dict[str, Any]:
    from brandvoice.server.config import load_server_config

    if not os.path.exists(path):
        if create:
            return {}
        raise UsageError(f"{path}: no such file; create it with: brandvoice accounts init "
                         f"--config {path}")
    return dict(load_server_config(path).raw)


def cmd_init(args: argparse.Namespace) -> int:
    from brandvoice.server.config import save_server_config

    raw = _load_raw(args.config, create=True)
    if raw.get("session_secret"):
        print(f"{args.config}: already has a session secret", file=sys.stderr)
        return 0
    raw = {"session_secret": secrets.token_urlsafe(48), "users": raw.get("users") or {},
           "tokens": raw.get("tokens") or {}, **{k: v for k, v in raw.items()
                                                 if k not in ("users", "tokens")}}
    save_server_config(args.config, raw)
    print(f"{args.config}: written (mode 600)", file=sys.stderr)
    return 0


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"password for {args.name}: ")
        if getpass.getpass("again: ") != password:
            raise UsageError("the two passwords differ")
    if len(password) < 10:
        raise UsageError("passwords need at least 10 characters")
    return password


def cmd_add_user(args: argparse.Namespace) -> int:
    _need_extra()
    from brandvoice.server.auth import hash_password
    from brandvoice.server.config import check_name, save_server_config

    name = check_name("user", args.name)
    raw = _load_raw(args.config, create=True)
    users = dict(raw.get("users") or {})
    roles = [r.strip() for group in args.role for r in group.split(",") if r.strip()]
    entry: dict[str, Any] = {"roles": roles}
    if not args.no_password:
        entry["password"] = hash_password(_password(args))
    existed = name in users
    users[name] = entry
    raw["users"] = users
    raw.setdefault("session_secret", secrets.token_urlsafe(48))
    save_server_config(args.config, raw)
    print(f"{'updated' if existed else 'added'} user {name} (roles: {', '.join(roles) or 'none'}"
          f"{'; signs in through the SSO proxy only' if args.no_password else ''})",
          file=sys.stderr)
    return 0


def cmd_add_token(args: argparse.Namespace) -> int:
    from brandvoice.server.config import (
        SCOPES,
        check_name,
        hash_token,
        new_token,
        save_server_config,
    )

    name = check_name("token", args.name)
    raw = _load_raw(args.config)
    if args.user not in (raw.get("users") or {}):
        raise UsageError(f"no user {args.user!r} in {args.config}; add it first: brandvoice "
                         f"accounts add-user {args.user} --no-password --config {args.config}")
    scopes = [s.strip() for group in args.scope for s in group.split(",") if s.strip()]
    bad = [s for s in scopes if s not in SCOPES]
    if bad or not scopes:
        raise UsageError(f"--scope {', '.join(bad) or '(none)'}: give one or more of "
                         f"{', '.join(SCOPES)}")
    token = new_token()
    tokens = dict(raw.get("tokens") or {})
    tokens[name] = {"user": args.user, "scopes": scopes, "sha256": hash_token(token)}
    raw["tokens"] = tokens
    save_server_config(args.config, raw)
    print(token)
    print(f"token {name} for {args.user} ({', '.join(scopes)}): shown once, stored as its "
          "SHA-256; the running server picks it up within a second", file=sys.stderr)
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from brandvoice.server.config import save_server_config

    raw = _load_raw(args.config)
    section = "users" if args.kind == "user" else "tokens"
    items = dict(raw.get(section) or {})
    if args.name not in items:
        raise UsageError(f"no {args.kind} {args.name!r} in {args.config}")
    del items[args.name]
    raw[section] = items
    if args.kind == "user":
        raw["tokens"] = {k: v for k, v in (raw.get("tokens") or {}).items()
                         if v.get("user") != args.name}
    save_server_config(args.config, raw)
    print(f"removed {args.kind} {args.name}", file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    raw = _load_raw(args.config)
    for name, u in (raw.get("users") or {}).items():
        print(f"user  {name:<20} roles: {', '.join(u.get('roles') or []) or '-'}"
              f"{'' if u.get('password') else '  (no password: SSO or tokens only)'}")
    for name, t in (raw.get("tokens") or {}).items():
        print(f"token {name:<20} user: {t.get('user')}  scopes: {', '.join(t.get('scopes') or [])}")
    return 0


@hookimpl
def brandvoice_register_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("serve", help="the review desk and the HTTP API (docs/server.md)")
    p.add_argument("--db", metavar="URL", help="review database: a SQLite file or URL, or "
                   "postgresql+psycopg://... (default: $BRANDVOICE_DB or brandvoice-reviews.db)")
    p.add_argument("--voices", metavar="DIR", help="folder of voice files (id: file name)")
    p.add_argument("--playbooks", metavar="DIR", help="folder of playbook files")
    p.add_argument("--config", metavar="FILE", help="users, tokens, proxy and limits "
                   "(brandvoice accounts writes it)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: "
                   "127.0.0.1)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--no-watch", action="store_true", help="reload only on SIGHUP, not when "
                   "files change")
    p.add_argument("--access-log", action="store_true", help="log every request")
    p.set_defaults(handler=cmd_serve)

    acc = subparsers.add_parser("accounts", help="the server's users and API tokens")
    sub = acc.add_subparsers(dest="accounts_command", metavar="ACTION", parser_class=type(acc))
    acc.set_defaults(handler=lambda args: acc.print_help(sys.stderr) or 2)

    def add(name: str, fn: Any, help: str) -> argparse.ArgumentParser:
        q: argparse.ArgumentParser = sub.add_parser(name, help=help)
        q.add_argument("--config", required=True, metavar="FILE", help="the server's "
                       "configuration file")
        q.set_defaults(handler=fn)
        return q

    add("init", cmd_init, "create the configuration file with a session secret")
    q = add("add-user", cmd_add_user, "add or update a reviewer (asks for a password)")
    q.add_argument("name")
    q.add_argument("--role", action="append", default=[], metavar="ROLE",
                   help="a role the playbooks name (agent, team-lead, legal...); repeat or "
                   "separate with commas")
    q.add_argument("--password-stdin", action="store_true", help="read the password from "
                   "the first line of standard input")
    q.add_argument("--no-password", action="store_true", help="no password: signs in "
                   "through the SSO proxy, or is a service identity for tokens")
    q = add("add-token", cmd_add_token, "create an API token (printed once)")
    q.add_argument("name")
    q.add_argument("--user", required=True, help="the identity the token acts as")
    q.add_argument("--scope", action="append", default=[], metavar="SCOPE",
                   help="check, triage, draft, submit, approve; repeat or separate with commas")
    q = add("remove", cmd_remove, "remove a user (and their tokens) or a token")
    q.add_argument("kind", choices=("user", "token"))
    q.add_argument("name")
    add("list", cmd_list, "list users and tokens")
