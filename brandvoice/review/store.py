"""Storage for reviews and the audit log: SQLAlchemy Core, one code path for SQLite (the
default, a file, no server) and PostgreSQL (for teams on many machines).

Guarantees, and how:

* **One operation, one transaction.** A review change and the audit event that records it are
  written together or not at all; a process killed mid-write leaves the log as it was.
* **A keyed hash chain that cannot fork.** Every event stores the hash of the previous event
  and an HMAC-SHA256 of its own content under a key kept outside the database
  (:mod:`brandvoice.review.keys`), so whoever can write the database still cannot write an
  event that verifies. Appends are serialised through a one-row ``chain_head`` table, locked
  with ``BEGIN IMMEDIATE`` on SQLite (WAL mode, so readers never wait) and ``SELECT ... FOR
  UPDATE`` on PostgreSQL, so concurrent processes append one after another.
* **Tampering is detected.** :func:`verify_chain` recomputes every HMAC in order; an edited
  row breaks its own hash, a deleted row breaks the sequence or the next ``prev_hash``, and a
  deleted tail no longer matches ``chain_head`` (itself keyed). A writer who restores an
  old copy of ``chain_head`` is caught by comparing with a head exported elsewhere
  (``expect_head``).
* **Migrations from the first version.** ``schema_version`` records what has been applied;
  :data:`MIGRATIONS` lists every step in order.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from brandvoice.errors import UsageError
from brandvoice.hashing import sha256_hex
from brandvoice.review.keys import KeyRing, load_keys

__all__ = ["DEFAULT_DB", "GENESIS", "ChainProblem", "append_event", "approvals", "check_event",
           "connect", "current_keys", "events", "head", "iter_events", "parse_head", "reading",
           "reviews", "transaction", "verify_chain"]

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
    # Which key signed ``hash`` (an HMAC); NULL on events written before version 2.
    sa.Column("key_id", sa.String(16)),
)

chain_head = sa.Table(
    "chain_head", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Column("key_id", sa.String(16)),
    sa.Column("mac", sa.String(64)),
)

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)


def _v1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[reviews, approvals, events, chain_head])
    conn.execute(chain_head.insert().values(id=1, seq=0, hash=GENESIS))


def _v2(conn: Connection) -> None:
    """The keyed chain: which key signed each event, and a MAC over the head."""
    have = {c["name"] for c in sa.inspect(conn).get_columns("events")}
    if "key_id" not in have:  # version 1 as first released (newer v1 creates them already)
        conn.exec_driver_sql("ALTER TABLE events ADD COLUMN key_id VARCHAR(16)")
        conn.exec_driver_sql("ALTER TABLE chain_head ADD COLUMN key_id VARCHAR(16)")
        conn.exec_driver_sql("ALTER TABLE chain_head ADD COLUMN mac VARCHAR(64)")


# Each migration runs once, in order, in its own transaction; append, never edit.
MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = [(1, _v1), (2, _v2)]

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
    the schema migrated to the current version. A URL that cannot be used is a
    :class:`~brandvoice.errors.UsageError` naming it."""
    url = url or os.environ.get("BRANDVOICE_DB") or DEFAULT_DB
    if "://" not in url:
        url = f"sqlite:///{url}"
    if url in _engines:
        return _engines[url]
    shown = _redacted(url)
    try:
        if url.startswith("sqlite"):
            engine = sa.create_engine(url, connect_args={"timeout": 60})
            _sqlite_setup(engine)
        else:
            engine = sa.create_engine(url, pool_pre_ping=True)
        _migrate(engine)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
        raise UsageError(f"{shown}: not a database URL this can use ({exc}); give a SQLite "
                         "file or sqlite:///PATH or postgresql+psycopg://...") from None
    except sa.exc.DBAPIError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(
            getattr(exc, "orig", exc)).strip() else type(exc).__name__
        raise UsageError(f"{shown}: cannot open the review database ({reason})") from None
    except ImportError as exc:
        raise UsageError(f"{shown}: the database driver is not installed ({exc}); for "
                         "PostgreSQL: pip install 'brandvoice[postgres]'") from None
    _engines[url] = engine
    return engine


def _redacted(url: str) -> str:
    """The URL with any password hidden, for error messages."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


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


_rings: dict[tuple[str, ...], KeyRing] = {}


def current_keys() -> KeyRing:
    """The key ring from the environment (see :mod:`brandvoice.review.keys`), cached per
    process and read again when the variables or the key file change."""
    from brandvoice.review.keys import KEY_ENV, KEY_FILE_ENV, default_key_file

    path = os.environ.get(KEY_FILE_ENV) or str(default_key_file())
    try:
        stamp = str(os.stat(path).st_mtime_ns)
    except OSError:
        stamp = ""
    cache_key = (os.environ.get(KEY_ENV, ""), path, stamp)
    if cache_key not in _rings:
        _rings[cache_key] = load_keys()
    return _rings[cache_key]


def event_hash(prev_hash: str, seq: int, review_id: int | None, at: str, actor: str,
               kind: str, data_json: str, key_id: str | None = None,
               ring: KeyRing | None = None) -> str:
    """The event's hash: an HMAC under the key ``key_id`` when a key ring is given (every
    event since schema version 2), else the plain SHA-256 of version 1."""
    if ring is None:
        body = canonical([prev_hash, seq, review_id, at, actor, kind, data_json])
        return sha256_hex(body)
    body = canonical(["brandvoice-event-v2", key_id, prev_hash, seq, review_id, at, actor,
                      kind, data_json])
    return ring.mac(body, key_id)


def _head_mac(ring: KeyRing, key_id: str, seq: int, digest: str) -> str:
    return ring.mac(canonical(["brandvoice-head-v2", key_id, seq, digest]), key_id)


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


def _append(conn: Connection, ring: KeyRing, head: Any, review_id: int | None, actor: str,
            kind: str, data: dict[str, Any], when: str) -> dict[str, Any]:
    seq = head.seq + 1
    kid = ring.current_id
    data_json = canonical(data)
    digest = event_hash(head.hash, seq, review_id, when, actor, kind, data_json, kid, ring)
    row = {"seq": seq, "review_id": review_id, "at": when, "actor": actor, "kind": kind,
           "data_json": data_json, "prev_hash": head.hash, "hash": digest, "key_id": kid}
    conn.execute(events.insert().values(**row))
    conn.execute(chain_head.update().where(chain_head.c.id == 1).values(
        seq=seq, hash=digest, key_id=kid, mac=_head_mac(ring, kid, seq, digest)))
    return row


def append_event(conn: Connection, review_id: int | None, actor: str, kind: str,
                 data: dict[str, Any], at: dt.datetime | None = None,
                 ring: KeyRing | None = None) -> dict[str, Any]:
    """Append one event to the chain, signed with the current key; call inside
    :class:`transaction`. When the current key is not the one that signed the head, a
    ``key_rotated`` event is written first."""
    ring = ring or current_keys()
    head = conn.execute(sa.select(chain_head).where(chain_head.c.id == 1)).one()
    when = (at or _now()).isoformat()
    if head.key_id is not None and head.key_id != ring.current_id:
        if ring.get(head.key_id) is None:
            raise UsageError(f"the review log's last event is signed with key {head.key_id}, "
                             f"which is not configured ({ring.source}); to rotate keys, put "
                             "the new key first and keep the old one after it")
        # The old key endorses the new one, so holding a retired key is not enough to rotate
        # back to it.
        endorsement = ring.mac(canonical(["brandvoice-rotate", head.key_id, ring.current_id,
                                          head.seq + 1]), head.key_id)
        _append(conn, ring, head, None, "brandvoice", "key_rotated",
                {"from": head.key_id, "to": ring.current_id, "endorsement": endorsement},
                when)
        head = conn.execute(sa.select(chain_head).where(chain_head.c.id == 1)).one()
    return _append(conn, ring, head, review_id, actor, kind, data, when)


def reading(engine: Engine) -> Connection:
    """A connection for reads only (no write lock on SQLite)."""
    return engine.connect().execution_options(brandvoice_readonly=True)


def iter_events(engine: Engine, batch: int = 5000, start: int = 1) -> Iterator[dict[str, Any]]:
    with reading(engine) as conn:
        yield from _events_from(conn, start, batch)


def _events_from(conn: Connection, start: int, batch: int = 5000) -> Iterator[dict[str, Any]]:
    last = start - 1
    while True:
        rows = conn.execute(sa.select(events).where(events.c.seq > last)
                            .order_by(events.c.seq).limit(batch)).mappings().all()
        if not rows:
            return
        for row in rows:
            yield dict(row)
        last = rows[-1]["seq"]


def _snapshot(engine: Engine) -> Connection:
    """A read connection whose queries all see one state of the database: the chain head
    and the events are compared as of the same moment while writers keep appending.
    (SQLite in WAL mode keeps one snapshot per read transaction; PostgreSQL needs
    REPEATABLE READ for that.)"""
    conn = reading(engine)
    if engine.dialect.name == "postgresql":
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
    return conn


def check_event(row: Any, ring: KeyRing) -> str | None:
    """What is wrong with one event on its own (its key and its HMAC), or None."""
    kid = row["key_id"]
    if kid is None:
        return ("it carries no key id: written without a key (before schema version 2) or "
                "forged; it cannot be trusted")
    if ring.get(kid) is None:
        return (f"it is signed with key {kid}, which is not configured here ({ring.source}; "
                f"known: {', '.join(ring.ids())}): add that key, or it was forged")
    digest = event_hash(row["prev_hash"], row["seq"], row["review_id"], row["at"],
                        row["actor"], row["kind"], row["data_json"], kid, ring)
    if digest != row["hash"]:
        return "its content does not match its hash (edited after it was written)"
    return None


def head(engine: Engine) -> tuple[int, str]:
    """The chain head as ``(seq, hash)``: export it somewhere the database's writers cannot
    reach, and later pass it to :func:`verify_chain` as ``expect_head``."""
    with reading(engine) as conn:
        row = conn.execute(sa.select(chain_head).where(chain_head.c.id == 1)).one()
    return int(row.seq), str(row.hash)


_HEAD = re.compile(r"^\s*(\d{1,18}):([0-9a-f]{64})\s*$")


def parse_head(value: str) -> tuple[int, str]:
    """``SEQ:HASH`` (as ``brandvoice review head`` prints it) as ``(seq, hash)``."""
    match = _HEAD.match(value)
    if not match:
        raise UsageError(f"--expect-head {value[:80]!r}: not a chain head; give SEQ:HASH as "
                         "`brandvoice review head` prints it (or a file holding it)")
    return int(match.group(1)), match.group(2)


def verify_chain(engine: Engine, ring: KeyRing | None = None, *,
                 expect_head: tuple[int, str] | None = None,
                 start: int = 1) -> tuple[int, ChainProblem | None]:
    """Check the log from event ``start`` to the head; returns the number of events read and
    the first problem, if any. ``expect_head`` is a head exported earlier: the log must
    still hold that event, unchanged (it may have grown since)."""
    ring = ring or current_keys()
    with _snapshot(engine) as conn:
        return _verify_chain(conn, ring, expect_head, start)


def _verify_chain(conn: Connection, ring: KeyRing, expect_head: tuple[int, str] | None,
                  start: int) -> tuple[int, ChainProblem | None]:
    top = conn.execute(sa.select(chain_head).where(chain_head.c.id == 1)).one()
    prev_hash, expected_seq, count = GENESIS, start, 0
    active: str | None = None  # the key events must be signed with from here on
    retired: set[str] = set()
    if start > 1:
        before = next(_events_from(conn, start - 1, batch=1), None)
        if before is None or before["seq"] != start - 1:
            return 0, ChainProblem(start - 1, "missing (deleted?)")
        problem = check_event(before, ring)
        if problem:
            return 0, ChainProblem(start - 1, problem)
        prev_hash, active = before["hash"], before["key_id"]
    expected_hash_at: str | None = None
    for row in _events_from(conn, start):
        count += 1
        if row["seq"] != expected_seq:
            return count, ChainProblem(expected_seq, f"missing: the log jumps from event "
                                       f"{expected_seq - 1} to {row['seq']} (deleted?)")
        if row["prev_hash"] != prev_hash:
            return count, ChainProblem(row["seq"], "its link to the previous event is broken "
                                       "(the previous event was changed or deleted)")
        problem = check_event(row, ring)
        if problem:
            return count, ChainProblem(row["seq"], problem)
        if row["kind"] == "key_rotated":
            change = json.loads(row["data_json"])
            old = change.get("from")
            endorsed = old is not None and ring.get(old) is not None and change.get(
                "endorsement") == ring.mac(canonical(["brandvoice-rotate", old, row["key_id"],
                                                      row["seq"]]), old)
            if change.get("to") != row["key_id"] or active not in (None, old) or not endorsed \
                    or row["key_id"] in retired:
                return count, ChainProblem(row["seq"], "a key rotation not endorsed by the key "
                                           "in force (or back to a retired key)")
            retired.add(old)
        elif active is not None and row["key_id"] != active:
            return count, ChainProblem(row["seq"], f"it is signed with key {row['key_id']} "
                                       f"but key {active} was in force (retired or unannounced "
                                       "key)")
        active = row["key_id"]
        if expect_head is not None and row["seq"] == expect_head[0]:
            expected_hash_at = row["hash"]
        prev_hash, expected_seq = row["hash"], expected_seq + 1
    last = expected_seq - 1
    if top.seq != last or top.hash != prev_hash:
        return count, ChainProblem(top.seq, f"the log ends at event {last} but the chain head "
                                   f"says {top.seq}: events were deleted")
    if last > 0 and (top.key_id is None or ring.get(top.key_id) is None
                     or top.mac != _head_mac(ring, top.key_id, top.seq, top.hash)):
        return count, ChainProblem(top.seq, "the chain head's MAC does not verify (the head "
                                   "was rewritten)")
    if expect_head is not None:
        seq, digest = expect_head
        if seq > last:
            return count, ChainProblem(seq, f"the exported head is event {seq} but the log "
                                       f"ends at event {last}: events were deleted "
                                       "(truncated)")
        if expected_hash_at is None and seq >= start and seq > 0:
            return count, ChainProblem(seq, "not found")
        if seq > 0 and expected_hash_at is not None and expected_hash_at != digest:
            return count, ChainProblem(seq, "it differs from the exported head: the log was "
                                       "rewritten from here or earlier")
    return count, None
