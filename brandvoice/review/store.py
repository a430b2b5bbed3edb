"""Storage for reviews and the audit log: SQLAlchemy Core, one code path for SQLite (the
default, a file, no server) and PostgreSQL (for teams on many machines).

Guarantees, and how:

* **One operation, one transaction.** A review change and the audit event that records it are
  written together or not at all; a process killed mid-write leaves the log as it was.
* **A hash chain that cannot fork.** Every event stores the SHA-256 of the previous event and
  of its own content. Appends are serialised through a one-row ``chain_head`` table, locked
  with ``BEGIN IMMEDIATE`` on SQLite (WAL mode, so readers never wait) and ``SELECT ... FOR
  UPDATE`` on PostgreSQL, so concurrent processes append one after another.
* **Tampering is detected.** :func:`verify_chain` recomputes every hash in order; an edited
  row breaks its own hash, a deleted row breaks the sequence or the next ``prev_hash``, and a
  deleted tail no longer matches ``chain_head``.
* **Migrations from the first version.** ``schema_version`` records what has been applied;
  :data:`MIGRATIONS` lists every step in order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

__all__ = ["DEFAULT_DB", "GENESIS", "ChainProblem", "append_event", "approvals", "connect",
           "events", "iter_events", "reading", "reviews", "transaction", "verify_chain"]

DEFAULT_DB = "sqlite:///brandvoice-reviews.db"
GENESIS = "0" * 64

metadata = sa.MetaData()

reviews = sa.Table(
    "reviews", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("state", sa.String(32), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("channel", sa.String(64), nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("voice_path", sa.Text, nullable=False),
    sa.Column("voice_name", sa.Text, nullable=False),
    sa.Column("voice_version", sa.Text, nullable=False),
    sa.Column("voice_sha256", sa.String(64), nullable=False),
    sa.Column("playbook_path", sa.Text),
    sa.Column("playbook_name", sa.Text),
    sa.Column("playbook_version", sa.Text),
    sa.Column("playbook_sha256", sa.String(64)),
    sa.Column("triage_json", sa.Text),
    sa.Column("severity", sa.String(64)),
    sa.Column("report_json", sa.Text, nullable=False),
    sa.Column("approvals_required", sa.Integer, nullable=False),
    sa.Column("roles_json", sa.Text, nullable=False),
    sa.Column("self_approval", sa.Boolean, nullable=False),
    sa.Column("binding_sha256", sa.String(64)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)

approvals = sa.Table(
    "approvals", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("review_id", sa.Integer, sa.ForeignKey("reviews.id"), nullable=False, index=True),
    sa.Column("approver", sa.String(200), nullable=False),
    sa.Column("role", sa.String(100), nullable=False),
    sa.Column("override_reason", sa.Text),
    sa.Column("text_sha256", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

events = sa.Table(
    "events", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("review_id", sa.Integer, index=True),
    sa.Column("at", sa.Text, nullable=False),  # ISO 8601, hashed as written
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("data_json", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

chain_head = sa.Table(
    "chain_head", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)


def _v1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[reviews, approvals, events, chain_head])
    conn.execute(chain_head.insert().values(id=1, seq=0, hash=GENESIS))


# Each migration runs once, in order, in its own transaction; append, never edit.
MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = [(1, _v1)]

_engines: dict[str, Engine] = {}


def _sqlite_setup(engine: Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")  # a committed event survives power loss
        cur.execute("PRAGMA busy_timeout=60000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # Writers take the write lock at the start, so two never both read the chain head;
        # readers begin deferred and, in WAL mode, never wait for writers.
        if conn.get_execution_options().get("brandvoice_readonly"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def connect(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: ``$BRANDVOICE_DB`` or ``brandvoice-reviews.db``), with
    the schema migrated to the current version."""
    url = url or os.environ.get("BRANDVOICE_DB") or DEFAULT_DB
    if "://" not in url:
        url = f"sqlite:///{url}"
    if url in _engines:
        return _engines[url]
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 60})
        _sqlite_setup(engine)
    else:
        engine = sa.create_engine(url, pool_pre_ping=True)
    _migrate(engine)
    _engines[url] = engine
    return engine


def _migrate(engine: Engine) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # Several processes may open a new database at once: migrate one at a time.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242)")
        metadata.create_all(conn, tables=[schema_version])
        done = {r[0] for r in conn.execute(sa.select(schema_version.c.version))}
        for version, step in MIGRATIONS:
            if version not in done:
                step(conn)
                conn.execute(schema_version.insert().values(
                    version=version, applied_at=_now().isoformat()))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message: str

    def __str__(self) -> str:
        return f"event {self.seq}: {self.message}"


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str)


def event_hash(prev_hash: str, seq: int, review_id: int | None, at: str, actor: str,
               kind: str, data_json: str) -> str:
    body = canonical([prev_hash, seq, review_id, at, actor, kind, data_json])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class transaction:
    """``with transaction(engine) as conn:`` one atomic unit, holding the chain lock."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __enter__(self) -> Connection:
        self._ctx = self.engine.begin()
        conn = self._ctx.__enter__()
        if self.engine.dialect.name != "sqlite":
            conn.execute(sa.select(chain_head).where(chain_head.c.id == 1).with_for_update())
        return conn

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool | None:
        return self._ctx.__exit__(exc_type, exc, tb)


def append_event(conn: Connection, review_id: int | None, actor: str, kind: str,
                 data: dict[str, Any], at: dt.datetime | None = None) -> dict[str, Any]:
    """Append one event to the chain; call inside :class:`transaction`."""
    head = conn.execute(sa.select(chain_head).where(chain_head.c.id == 1)).one()
    seq = head.seq + 1
    when = (at or _now()).isoformat()
    data_json = canonical(data)
    digest = event_hash(head.hash, seq, review_id, when, actor, kind, data_json)
    row = {"seq": seq, "review_id": review_id, "at": when, "actor": actor, "kind": kind,
           "data_json": data_json, "prev_hash": head.hash, "hash": digest}
    conn.execute(events.insert().values(**row))
    conn.execute(chain_head.update().where(chain_head.c.id == 1).values(seq=seq, hash=digest))
    return row


def reading(engine: Engine) -> Connection:
    """A connection for reads only (no write lock on SQLite)."""
    return engine.connect().execution_options(brandvoice_readonly=True)


def iter_events(engine: Engine, batch: int = 5000) -> Iterator[dict[str, Any]]:
    last = 0
    with reading(engine) as conn:
        while True:
            rows = conn.execute(sa.select(events).where(events.c.seq > last)
                                .order_by(events.c.seq).limit(batch)).mappings().all()
            if not rows:
                return
            for row in rows:
                yield dict(row)
            last = rows[-1]["seq"]


def verify_chain(engine: Engine) -> tuple[int, ChainProblem | None]:
    """Check the whole log; returns the number of events and the first problem, if any."""
    prev_hash, expected_seq, count = GENESIS, 1, 0
    for row in iter_events(engine):
        count += 1
        if row["seq"] != expected_seq:
            return count, ChainProblem(expected_seq, f"missing: the log jumps from event "
                                       f"{expected_seq - 1} to {row['seq']} (deleted?)")
        if row["prev_hash"] != prev_hash:
            return count, ChainProblem(row["seq"], "its link to the previous event is broken "
                                       "(the previous event was changed or deleted)")
        digest = event_hash(row["prev_hash"], row["seq"], row["review_id"], row["at"],
                            row["actor"], row["kind"], row["data_json"])
        if digest != row["hash"]:
            return count, ChainProblem(row["seq"], "its content does not match its hash "
                                       "(edited after it was written)")
        prev_hash, expected_seq = row["hash"], expected_seq + 1
    with reading(engine) as conn:
        head = conn.execute(sa.select(chain_head).where(chain_head.c.id == 1)).one()
    if head.seq != expected_seq - 1 or head.hash != prev_hash:
        return count, ChainProblem(head.seq, f"the log ends at event {expected_seq - 1} but "
                                   f"the chain head says {head.seq}: events were deleted")
    return count, None
