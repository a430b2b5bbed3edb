"""The human approval gate: nothing is approved unless people with the right roles approved
exactly this text, against this voice and playbook, after the checks ran.

A review goes through these states (transitions are validated)::

    pending --approve (enough approvers)--> approved
    pending --reject--> rejected                     (final)
    pending --request changes--> changes_requested --edit--> pending
    approved --edit--> pending                       (the approval no longer holds)
    pending/changes_requested --time passes--> expired (final)

**The events are the record.** Every change is an event in the keyed hash chain
(:mod:`brandvoice.review.store`), and each event carries what it changed: the text, the
report, the voice and playbook hashes, the approver and the text version approved. A review's
state, text, binding and approvals are *replayed* from its events, each of whose HMACs is
checked; the ``reviews`` row is an index for listing and is never trusted. So someone who
can write the database but holds no key can neither change an approved text nor forge an
approval.

**Identity.** Names are compared after :func:`normalise_name` (NFKC, case-folded, invisible
characters removed), so ``Jo``, ``jo `` and fullwidth ``ｊｏ`` are one person. Everyone who
wrote or edited a review is one of its authors. An approval counts only for the text version
it was given for: editing the text away and back starts with no approvals.

:meth:`ReviewDesk.verify` is the last call before sending: it replays the review, checks the
chain from the review's first event to the head, recomputes the binding for the text about to
be sent, and reloads the voice and playbook, failing if either changed since the approval.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

import regex
import sqlalchemy as sa

from brandvoice.errors import BrandvoiceError, UsageError
from brandvoice.hashing import sha256_hex
from brandvoice.limits import check_unicode
from brandvoice.playbooks.hours import parse_duration
from brandvoice.review import store as db
from brandvoice.review.keys import KeyRing, load_keys

__all__ = ["MAX_NAME_LENGTH", "MAX_REVIEW_TEXT", "STATES", "Review", "ReviewDesk",
           "ReviewError", "TamperedError", "Verification", "binding_hash", "normalise_name"]

STATES = ("pending", "approved", "rejected", "changes_requested", "expired")
# Which state each action may start from.
ALLOWED_FROM = {
    "approve": {"pending"},
    "reject": {"pending", "changes_requested"},
    "request_changes": {"pending"},
    "edit": {"pending", "changes_requested", "approved"},
    "revoke": {"pending", "approved"},
}
DEFAULT_EXPIRY = "24h"
MAX_NAME_LENGTH = 200
# A reply longer than this is not a reply; refusing it keeps the log and the checks bounded.
MAX_REVIEW_TEXT = 100_000
MAX_REVIEW_ID = 2**62


class ReviewError(BrandvoiceError):
    """An action the rules refuse (wrong state, self-approval, blocking findings...)."""


class TamperedError(ReviewError):
    """A review's events do not verify: someone changed the database without the key."""


# Characters that render as nothing (zero-width spaces and joiners, bidi controls, soft
# hyphens, variation selectors, Hangul fillers...) and control characters.
_INVISIBLE = regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}]+")
_SPACES = regex.compile(r"\s+")


def normalise_name(name: str) -> str:
    """The form names are compared in: NFKC, invisible characters removed, runs of spaces
    made one, trimmed, case-folded (``"ＪＯ\u200b "`` -> ``"jo"``)."""
    text = unicodedata.normalize("NFKC", name)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text).strip().casefold()
    return unicodedata.normalize("NFKC", text)


def _person(name: str | None, what: str) -> tuple[str, str]:
    """``(as written, normalised)`` for a name, or a UsageError saying what is wrong."""
    shown = (name or "").strip()
    _check_text(shown, what)
    if len(shown) > MAX_NAME_LENGTH:
        raise UsageError(f"{what}: longer than {MAX_NAME_LENGTH} characters")
    norm = normalise_name(shown)
    if not norm:
        raise UsageError(f"{what}: a name is needed (nothing visible was given)")
    return shown, norm


def _check_text(text: str, what: str, limit: int | None = None) -> None:
    """Text the log will store verbatim must be valid Unicode: no lone surrogates."""
    check_unicode(text, what)
    if limit is not None and len(text) > limit:
        raise UsageError(f"{what}: {len(text):,} characters; a reply under review may have at "
                         f"most {limit:,}")


def binding_hash(text: str, channel: str, voice_sha256: str, playbook_sha256: str | None,
                 report: dict[str, Any]) -> str:
    """SHA-256 over what an approval covers."""
    body = db.canonical({"text": text, "channel": channel, "voice": voice_sha256,
                         "playbook": playbook_sha256, "report": report})
    return sha256_hex(body)


@dataclass
class Review:
    id: int
    state: str
    text: str
    channel: str
    author: str
    voice: dict[str, str]
    playbook: dict[str, str | None]
    severity: str | None
    report: dict[str, Any]
    approvals_required: int
    roles: list[str]
    self_approval: bool
    approvals: list[dict[str, Any]] = field(default_factory=list)
    created_at: dt.datetime | None = None
    expires_at: dt.datetime | None = None
    binding_sha256: str | None = None
    triage: dict[str, Any] | None = None
    #: The text version: 1 when submitted, one more for every edit.
    version: int = 1
    #: Everyone who wrote or edited the text (normalised names).
    authors: list[str] = field(default_factory=list)
    #: Sequence numbers of this review's first and last events in the log.
    first_seq: int = 0
    last_seq: int = 0

    @property
    def blocking(self) -> list[dict[str, Any]]:
        return [f for f in self.report.get("findings", [])
                if f["severity"] == "error"] if not self.report.get("passed", True) else []

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "state": self.state, "text": self.text, "channel": self.channel,
            "author": self.author, "voice": self.voice, "playbook": self.playbook,
            "severity": self.severity, "approvals_required": self.approvals_required,
            "roles": self.roles, "self_approval": self.self_approval,
            "approvals": self.approvals, "score": self.report.get("score"),
            "passed": self.report.get("passed"), "findings": self.report.get("findings", []),
            "created_at": _iso(self.created_at), "expires_at": _iso(self.expires_at),
            "binding_sha256": self.binding_sha256, "triage": self.triage,
            "version": self.version, "authors": self.authors,
        }


@dataclass(frozen=True)
class Verification:
    ok: bool
    reason: str


def _iso(value: dt.datetime | None) -> str | None:
    return _aware(value).isoformat() if value else None


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite returns naive datetimes; everything is stored in UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def replay(review_id: int, rows: Sequence[Mapping[str, Any]], ring: KeyRing) -> Review:
    """Rebuild a review from its events, checking each event's HMAC and that each names the
    review's previous event (so none was removed from between them)."""
    def bad(seq: int, why: str) -> TamperedError:
        return TamperedError(f"review {review_id}: its audit log does not verify: event {seq}: "
                             f"{why}")

    if not rows:
        raise UsageError(f"no review {review_id}")
    review: Review | None = None
    prev: str | None = None
    pending_override: str | None = None
    for row in rows:
        problem = db.check_event(row, ring)
        if problem:
            raise bad(row["seq"], problem)
        data = json.loads(row["data_json"])
        if data.get("prev_in_review") != prev:
            raise bad(row["seq"], "the review's previous event is missing (deleted?)")
        prev = row["hash"]
        kind, at = row["kind"], dt.datetime.fromisoformat(row["at"])
        if review is None:
            if kind != "created" or "text" not in data:
                raise bad(row["seq"], "a review's log must start with its creation")
            rules = data["rules"]
            voice, playbook = data["voice"], data["playbook"]
            review = Review(
                id=review_id, state="pending", text=data["text"], channel=data["channel"],
                author=data["author"],
                voice={"path": data["voice_path"], "name": voice[0], "version": voice[1],
                       "sha256": voice[2]},
                playbook={"path": data.get("playbook_path"),
                          "name": playbook[0] if playbook else None,
                          "version": playbook[1] if playbook else None,
                          "sha256": playbook[2] if playbook else None},
                severity=data["severity"], report={}, approvals_required=int(rules["count"]),
                roles=list(rules["roles"]), self_approval=bool(rules["self_approval"]),
                created_at=at, expires_at=dt.datetime.fromisoformat(data["expires_at"]),
                triage=data.get("triage"), version=1, authors=[data["author_id"]],
                first_seq=row["seq"])
            continue
        review.last_seq = row["seq"]
        if kind == "checked":
            review.report = data["report"]
            review.voice["sha256"] = data["voice"][2]
            review.voice["version"] = data["voice"][1]
            if data.get("playbook"):
                review.playbook["sha256"] = data["playbook"][2]
                review.playbook["version"] = data["playbook"][1]
        elif kind == "edited":
            review.text, review.version = data["text"], int(data["version"])
            review.state, review.binding_sha256, review.approvals = "pending", None, []
            if data["editor_id"] not in review.authors:
                review.authors.append(data["editor_id"])
        elif kind == "overridden":
            pending_override = data["reason"]
        elif kind == "approved":
            if int(data["version"]) == review.version:
                review.approvals.append({
                    "approver": row["actor"], "approver_id": data["approver_id"],
                    "role": data["role"], "override_reason": pending_override,
                    "at": at.isoformat(), "version": review.version})
            pending_override = None
        elif kind == "state":
            review.state = data["state"]
            review.binding_sha256 = data.get("binding_sha256")
        elif kind in ("rejected", "changes_requested", "expired"):
            review.state = kind
        elif kind == "revoked":
            review.state, review.binding_sha256, review.approvals = "pending", None, []
    assert review is not None
    review.last_seq = max(review.last_seq, review.first_seq)
    return review


class ReviewDesk:
    """Reviews in one database. ``now`` can be replaced (tests, simulations). ``keys`` are the
    log's HMAC keys (the first signs); by default they come from the environment or the key
    file (:mod:`brandvoice.review.keys`)."""

    def __init__(self, db_url: str | None = None, *,
                 now: Callable[[], dt.datetime] | None = None,
                 resolve: Callable[[str, str | None], Any] | None = None,
                 keys: Sequence[str | bytes] | None = None) -> None:
        self.engine = db.connect(db_url)
        self._now = now or (lambda: dt.datetime.now(dt.timezone.utc))
        self._ring = load_keys(keys) if keys else None
        # Loaded voices, playbooks and configured checkers, reused across submissions.
        self._loaded: dict[tuple[str, str], Any] = {}
        # A long-running process (the server) hands over the voices, playbooks and checkers
        # it already holds: ``resolve(kind, key)`` returns one, or None to load as usual.
        # That keeps a broken file on disk from breaking reviews of its last good version.
        self._resolve = resolve

    @property
    def keys(self) -> KeyRing:
        return self._ring or db.current_keys()

    # Reading --------------------------------------------------------------------------------

    def _events_of(self, conn: sa.Connection, review_ids: Sequence[int]) -> dict[int, builtins.list[dict[str, Any]]]:
        out: dict[int, builtins.list[dict[str, Any]]] = {rid: [] for rid in review_ids}
        rows = conn.execute(sa.select(db.events).where(db.events.c.review_id.in_(review_ids))
                            .order_by(db.events.c.seq)).mappings().all()
        for row in rows:
            out[row["review_id"]].append(dict(row))
        return out

    def _replay(self, conn: sa.Connection, review_id: int) -> Review:
        if not 0 < review_id < MAX_REVIEW_ID:
            raise UsageError(f"no review {review_id} (ids are whole numbers from 1)")
        return replay(review_id, self._events_of(conn, [review_id])[review_id], self.keys)

    def _effective(self, review: Review) -> Review:
        # An unapproved review past its expiry is expired, whether or not a job recorded it.
        if review.state in ("pending", "changes_requested") and review.expires_at and \
                _aware(review.expires_at) <= self._now():
            review.state = "expired"
        return review

    def get(self, review_id: int) -> Review:
        """The review as its events say it is (raises :class:`TamperedError` if they do not
        verify)."""
        with db.reading(self.engine) as conn:
            return self._effective(self._replay(conn, review_id))

    def list(self, state: str | None = None, limit: int = 100) -> builtins.list[Review]:
        if state is not None and state not in STATES:
            raise UsageError(f"unknown state {state!r}; one of {', '.join(STATES)}")
        out: builtins.list[Review] = []
        below = None
        with db.reading(self.engine) as conn:
            while len(out) < limit:
                query = sa.select(db.events.c.review_id).where(db.events.c.kind == "created")
                if below is not None:
                    query = query.where(db.events.c.review_id < below)
                ids = [r[0] for r in conn.execute(
                    query.order_by(db.events.c.review_id.desc()).limit(500))]
                if not ids:
                    break
                below = ids[-1]
                rows = self._events_of(conn, ids)
                for rid in ids:
                    review = self._effective(replay(rid, rows[rid], self.keys))
                    if state is None or review.state == state:
                        out.append(review)
                        if len(out) >= limit:
                            break
        return out

    # Submitting and checking ----------------------------------------------------------------

    def _load(self, kind: str, path: str | None, loader: Callable[[Any], Any]) -> Any:
        """Load a voice or playbook once per desk (keyed by path and modification time, so
        an edited file is read again)."""
        import os

        if self._resolve is not None:
            found = self._resolve(kind, path)
            if found is not None:
                return found
        try:
            stamp = str(os.stat(path).st_mtime_ns) if path else ""
        except OSError:
            stamp = ""
        key = (kind, f"{path}@{stamp}")
        if key not in self._loaded:
            self._loaded[key] = loader(path)
        return self._loaded[key]

    def _check(self, text: str, channel: str | None, voice: Any, playbook: Any,
               message: str | None) -> dict[str, Any]:
        from brandvoice.checks.engine import Checker
        from brandvoice.playbooks.drafting import scenario_for_checks
        from brandvoice.playbooks.triage import Triager

        triage = scenario = None
        severity = None
        rules: dict[str, Any] = {"count": 1, "roles": [], "self_approval": False}
        expiry = DEFAULT_EXPIRY
        if playbook is not None:
            if message:
                # Compiling a playbook's triggers and examples takes a fifth of a second:
                # once per playbook version (or the server's own, through the resolver).
                triager = self._resolve("triager", playbook.sha256) if self._resolve else None
                if triager is None:
                    key = ("triager", playbook.sha256)
                    if key not in self._loaded:
                        self._loaded[key] = Triager(playbook)
                    triager = self._loaded[key]
                result = triager.triage(message, self._now())
                triage = result.to_dict()
                sid = result.scenario
            else:
                sid = playbook.default_scenario
            scenario = scenario_for_checks(playbook, sid)
            sev = playbook.severity(playbook.scenarios[sid].severity)
            severity = sev.id
            rules = {"count": 1, "roles": [], "self_approval": False,
                     **(sev.data.get("approvals") or {})}
            expiry = sev.data.get("review_expires_after") or DEFAULT_EXPIRY
        checker = self._resolve("checker", voice.sha256) if self._resolve else None
        if checker is None:
            key = ("checker", voice.sha256)
            if key not in self._loaded:
                self._loaded[key] = Checker(voice)
            checker = self._loaded[key]
        report = checker.check(text, channel, scenario=scenario).to_dict()
        return {"report": report, "triage": triage, "severity": severity, "rules": rules,
                "expiry": expiry}

    def _voice_and_playbook(self, voice_path: str | None,
                            playbook_path: str | None) -> tuple[Any, Any]:
        from brandvoice.playbooks.model import load_playbook
        from brandvoice.voice import load_voice

        pb = self._load("playbook", playbook_path, load_playbook) if playbook_path else None
        if voice_path == "builtin:default":
            voice_path = None
        if voice_path is None and pb is not None and pb.voice_path != "builtin:default":
            voice_path = pb.voice_path
        return self._load("voice", voice_path, load_voice), pb

    def submit(self, text: str, *, author: str, voice: str | None = None,
               playbook: str | None = None, channel: str | None = None,
               message: str | None = None) -> Review:
        """Check ``text`` and open a review. ``message`` is the customer's message, triaged
        with ``playbook`` to find the severity (and so the approval rules)."""
        if not (author or "").strip():
            raise UsageError("a review needs an author (--author)")
        shown, author_id = _person(author, "--author")
        _require_text(text)
        _check_text(text, "the reply", MAX_REVIEW_TEXT)
        if message is not None:
            _check_text(message, "--message")
        v, pb = self._voice_and_playbook(voice, playbook)
        checked = self._check(text, channel, v, pb, message)
        now = self._now()
        report = checked["report"]
        rules = checked["rules"]
        expires = now + parse_duration(checked["expiry"])
        with db.transaction(self.engine) as conn:
            inserted = conn.execute(db.reviews.insert().values(
                state="pending", text=text, channel=report["channel"], author=shown,
                voice_path=v.path, voice_name=v.name, voice_version=v.version,
                voice_sha256=v.sha256, playbook_path=pb.path if pb else None,
                playbook_name=pb.name if pb else None,
                playbook_version=pb.version if pb else None,
                playbook_sha256=pb.sha256 if pb else None,
                triage_json=json.dumps(checked["triage"]) if checked["triage"] else None,
                severity=checked["severity"], report_json=json.dumps(report),
                approvals_required=int(rules.get("count", 1)),
                roles_json=json.dumps(list(rules.get("roles") or [])),
                self_approval=bool(rules.get("self_approval", False)),
                created_at=now, updated_at=now, expires_at=expires,
            ))
            rid = int(inserted.inserted_primary_key[0])  # type: ignore[index]
            created = db.append_event(conn, rid, shown, "created", {
                "text_sha256": _sha(text), "text": text, "channel": report["channel"],
                "author": shown, "author_id": author_id,
                "voice": [v.name, v.version, v.sha256], "voice_path": v.path,
                "playbook": [pb.name, pb.version, pb.sha256] if pb else None,
                "playbook_path": pb.path if pb else None,
                "severity": checked["severity"], "triage": checked["triage"],
                "rules": {"count": int(rules.get("count", 1)),
                          "roles": list(rules.get("roles") or []),
                          "self_approval": bool(rules.get("self_approval", False))},
                "expires_at": expires.isoformat(), "prev_in_review": None}, at=now,
                ring=self.keys)
            db.append_event(conn, rid, "brandvoice", "checked",
                            _checked(report, v, pb, created["hash"]), at=now, ring=self.keys)
        return self.get(rid)

    # Actions --------------------------------------------------------------------------------

    def _locked(self, conn: sa.Connection, review_id: int, action: str) -> Review:
        """The review replayed inside a writing transaction (which holds the chain lock, so
        nothing changes it until commit), refused unless ``action`` may start from its
        state."""
        review = self._effective(self._replay(conn, review_id))
        if review.state not in ALLOWED_FROM[action]:
            raise ReviewError(f"review {review_id} is {review.state}; "
                              f"{action.replace('_', ' ')} needs it to be "
                              f"{' or '.join(sorted(ALLOWED_FROM[action]))}")
        return review

    def _last_hash(self, conn: sa.Connection, review_id: int) -> str:
        return str(conn.execute(sa.select(db.events.c.hash).where(
            db.events.c.review_id == review_id).order_by(db.events.c.seq.desc()).limit(1)
        ).scalar_one())

    def _event(self, conn: sa.Connection, review_id: int, actor: str, kind: str,
               data: dict[str, Any], at: dt.datetime) -> dict[str, Any]:
        data = {**data, "prev_in_review": self._last_hash(conn, review_id)}
        return db.append_event(conn, review_id, actor, kind, data, at=at, ring=self.keys)

    def expire_due(self) -> builtins.list[int]:
        """Record every unapproved review past its expiry as expired; returns their ids."""
        now = self._now()
        with db.transaction(self.engine) as conn:
            due = conn.execute(sa.select(db.reviews.c.id, db.reviews.c.expires_at).where(
                db.reviews.c.state.in_(("pending", "changes_requested")))).all()
            ids = []
            for r in due:
                if _aware(r.expires_at) > now:
                    continue
                try:
                    review = self._replay(conn, r.id)
                except BrandvoiceError:
                    continue  # a tampered or missing review is reported where it is read
                if review.state in ("pending", "changes_requested") and review.expires_at \
                        and _aware(review.expires_at) <= now:
                    conn.execute(db.reviews.update().where(db.reviews.c.id == r.id)
                                 .values(state="expired", updated_at=now))
                    self._event(conn, r.id, "brandvoice", "expired", {}, now)
                    ids.append(r.id)
        return ids

    def approve(self, review_id: int, approver: str, role: str,
                override_reason: str | None = None) -> Review:
        """Record one approval. Refused while the report has blocking findings unless
        ``override_reason`` says why (the override is logged); refused for any author of the
        text (whoever wrote or edited it) where the playbook forbids self-approval, and for
        roles the playbook does not allow."""
        if not (approver or "").strip():
            raise UsageError("an approval needs an approver (--by)")
        shown, approver_id = _person(approver, "--by")
        _check_text(role, "--role")
        if override_reason is not None:
            _check_text(override_reason, "--override", MAX_REVIEW_TEXT)
        self.expire_due()
        now = self._now()
        with db.transaction(self.engine) as conn:
            review = self._locked(conn, review_id, "approve")
            if approver_id in review.authors and not review.self_approval:
                wrote = "wrote" if approver_id == review.authors[0] else "edited"
                raise ReviewError(f"{shown} {wrote} review {review_id}; this severity "
                                  f"({review.severity or 'default'}) needs someone else to "
                                  "approve it")
            if review.roles and role not in review.roles:
                raise ReviewError(f"role {role!r} may not approve at severity "
                                  f"{review.severity}; allowed: {', '.join(review.roles)}")
            if any(a["approver_id"] == approver_id for a in review.approvals):
                raise ReviewError(f"{shown} has already approved review {review_id}")
            if review.blocking and not (override_reason or "").strip():
                rules = ", ".join(sorted({f["rule"] for f in review.blocking}))
                raise ReviewError(f"review {review_id} has blocking findings ({rules}); fix "
                                  "the text, or approve with an override and a written reason")
            conn.execute(db.approvals.insert().values(
                review_id=review_id, approver=shown, role=role,
                override_reason=override_reason if review.blocking else None,
                text_sha256=_sha(review.text), created_at=now))
            if review.blocking:
                self._event(conn, review_id, shown, "overridden", {
                    "reason": override_reason, "role": role,
                    "rules": sorted({f["rule"] for f in review.blocking})}, now)
            count = len(review.approvals) + 1
            self._event(conn, review_id, shown, "approved", {
                "role": role, "approvals": count, "required": review.approvals_required,
                "text_sha256": _sha(review.text), "version": review.version,
                "approver_id": approver_id}, now)
            if count >= review.approvals_required:
                binding = binding_hash(review.text, review.channel, review.voice["sha256"],
                                       review.playbook["sha256"], review.report)
                conn.execute(db.reviews.update().where(db.reviews.c.id == review_id).values(
                    state="approved", binding_sha256=binding, updated_at=now))
                self._event(conn, review_id, "brandvoice", "state", {
                    "state": "approved", "binding_sha256": binding,
                    "version": review.version}, now)
        return self.get(review_id)

    def _close(self, review_id: int, actor: str, note: str, action: str, state: str) -> Review:
        if not (note or "").strip():
            raise UsageError(f"{action.replace('_', ' ')} needs a note (--note) saying why")
        shown, _ = _person(actor, "--by")
        _check_text(note, "--note", MAX_REVIEW_TEXT)
        self.expire_due()
        now = self._now()
        with db.transaction(self.engine) as conn:
            self._locked(conn, review_id, action)
            conn.execute(db.reviews.update().where(db.reviews.c.id == review_id)
                         .values(state=state, updated_at=now))
            self._event(conn, review_id, shown, "rejected" if state == "rejected"
                        else "changes_requested", {"note": note}, now)
        return self.get(review_id)

    def reject(self, review_id: int, actor: str, note: str) -> Review:
        return self._close(review_id, actor, note, "reject", "rejected")

    def request_changes(self, review_id: int, actor: str, note: str) -> Review:
        return self._close(review_id, actor, note, "request_changes", "changes_requested")

    def edit(self, review_id: int, text: str, actor: str) -> Review:
        """Replace the text: the checks run again, earlier approvals stop counting (for good:
        they belong to the old text version), the editor becomes one of the review's authors,
        and the review is pending again."""
        shown, editor_id = _person(actor, "--by")
        _require_text(text)
        _check_text(text, "the reply", MAX_REVIEW_TEXT)
        self.expire_due()
        review = self.get(review_id)
        v, pb = self._voice_and_playbook(review.voice["path"], review.playbook["path"])
        message = (review.triage or {}).get("text")
        checked = self._check(text, review.channel, v, pb, message)
        now = self._now()
        with db.transaction(self.engine) as conn:
            current = self._locked(conn, review_id, "edit")
            conn.execute(db.reviews.update().where(db.reviews.c.id == review_id).values(
                state="pending", text=text, report_json=json.dumps(checked["report"]),
                voice_sha256=v.sha256, playbook_sha256=pb.sha256 if pb else None,
                binding_sha256=None, updated_at=now))
            edited = self._event(conn, review_id, shown, "edited", {
                "from_sha256": _sha(current.text), "to_sha256": _sha(text), "text": text,
                "version": current.version + 1, "editor_id": editor_id}, now)
            db.append_event(conn, review_id, "brandvoice", "checked",
                            _checked(checked["report"], v, pb, edited["hash"]), at=now,
                            ring=self.keys)
        return self.get(review_id)

    def verify(self, review_id: int, text: str) -> Verification:
        """Whether exactly this ``text`` is approved: the call a sending system makes last.

        Replays the review from its signed events, checks the chain from its first event to
        the head, recomputes the binding, re-checks the approvals against the rules, and
        reloads the voice and playbook: a change to either since the approval fails."""
        try:
            _check_text(text, "the text to send")
            review = self.get(review_id)
        except TamperedError as exc:
            return Verification(False, str(exc))
        if review.state != "approved" or not review.binding_sha256:
            return Verification(False, f"review {review_id} is {review.state}, not approved")
        _, problem = db.verify_chain(self.engine, self.keys, start=review.first_seq)
        if problem is not None:
            return Verification(False, f"the audit log does not verify: {problem}")
        if _sha(text) != _sha(review.text):
            return Verification(False, "this text is not the text that was approved")
        digest = binding_hash(text, review.channel, review.voice["sha256"],
                              review.playbook["sha256"], review.report)
        if digest != review.binding_sha256:
            return Verification(False, "this text is not the text that was approved")
        approvers = {a["approver_id"] for a in review.approvals}
        if len(approvers) < review.approvals_required or (
                not review.self_approval and approvers & set(review.authors)):
            return Verification(False, f"review {review_id}'s approvals do not satisfy its "
                                "rules")
        changed = self._changed_since_approval(review)
        if changed:
            return Verification(False, changed)
        return Verification(True, f"approved by {', '.join(a['approver'] for a in review.approvals)}")

    def _changed_since_approval(self, review: Review) -> str | None:
        """Why the voice or playbook the approval was given under no longer holds, if so."""
        try:
            v, pb = self._voice_and_playbook(review.voice["path"], review.playbook["path"])
        except BrandvoiceError as exc:
            return f"the voice or playbook approved against cannot be loaded now: {exc}"
        if v.sha256 != review.voice["sha256"]:
            return (f"the voice {review.voice['path']} changed since the approval; the checks "
                    "must run again (edit the review or submit it again)")
        if review.playbook["sha256"] and (pb is None or pb.sha256 != review.playbook["sha256"]):
            return (f"the playbook {review.playbook['path']} changed since the approval; the "
                    "checks must run again (edit the review or submit it again)")
        return None

    def revoke(self, review_id: int, actor: str, note: str) -> Review:
        """Withdraw the approvals of a review before it is sent, saying why: the review is
        pending again, :meth:`verify` refuses its text, and the log records who withdrew which
        approvals. The approval events stay in the log; only the current state changes."""
        if not (actor or "").strip():
            raise UsageError("revoking an approval needs the person who revokes it")
        if not (note or "").strip():
            raise UsageError("revoking an approval needs a note saying why")
        shown, _ = _person(actor, "--by")
        _check_text(note, "--note", MAX_REVIEW_TEXT)
        self.expire_due()
        now = self._now()
        with db.transaction(self.engine) as conn:
            review = self._locked(conn, review_id, "revoke")
            if not review.approvals:
                raise ReviewError(f"review {review_id} has no approval to revoke")
            conn.execute(db.approvals.delete().where(db.approvals.c.review_id == review_id))
            conn.execute(db.reviews.update().where(db.reviews.c.id == review_id).values(
                state="pending", binding_sha256=None, updated_at=now))
            self._event(conn, review_id, shown, "revoked", {
                "note": note, "approvers": [a["approver"] for a in review.approvals],
                "was": review.state}, now)
        return self.get(review_id)

    def hand_off(self, text: str, *, author: str, reasons: builtins.list[str],
                 voice: str | None = None, playbook: str | None = None,
                 channel: str | None = None, message: str | None = None) -> Review:
        """Open a review for a person to take over from a bot: :meth:`submit`, then a
        ``handoff`` event in the log that says why, so nothing is lost between the two."""
        if not reasons:
            raise UsageError("a hand-off needs at least one reason")
        for reason in reasons:
            _check_text(reason, "a hand-off reason", MAX_REVIEW_TEXT)
        review = self.submit(text, author=author, voice=voice, playbook=playbook,
                             channel=channel, message=message)
        with db.transaction(self.engine) as conn:
            self._event(conn, review.id, review.author, "handoff",
                        {"reasons": list(reasons)}, self._now())
        return review

    def history(self, review_id: int) -> builtins.list[dict[str, Any]]:
        """The audit-log events of one review, oldest first (``prev_in_review``, the link
        between a review's own events, is left out of ``data``)."""
        query = (sa.select(db.events).where(db.events.c.review_id == review_id)
                 .order_by(db.events.c.seq))
        with db.reading(self.engine) as conn:
            rows = conn.execute(query).mappings().all()
        out = []
        for row in rows:
            item = dict(row)
            item["data"] = json.loads(item.pop("data_json"))
            item["data"].pop("prev_in_review", None)
            out.append(item)
        return out

    # The log --------------------------------------------------------------------------------

    def verify_log(self, expect_head: tuple[int, str] | str | None = None
                   ) -> tuple[int, db.ChainProblem | None]:
        """Check the whole chain; ``expect_head`` (``(seq, hash)`` or ``"SEQ:HASH"``) is a
        head exported earlier, which catches a chain rewritten or truncated as a whole."""
        if isinstance(expect_head, str):
            expect_head = db.parse_head(expect_head)
        return db.verify_chain(self.engine, self.keys, expect_head=expect_head)

    def head(self) -> tuple[int, str]:
        """The chain head ``(seq, hash)``, to keep outside the database."""
        return db.head(self.engine)

    def export(self, out: IO[str]) -> int:
        n = 0
        for row in self.events():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n

    def events(self) -> Iterator[dict[str, Any]]:
        for row in db.iter_events(self.engine):
            row = dict(row)
            row["data"] = json.loads(row.pop("data_json"))
            yield row


def _checked(report: dict[str, Any], voice: Any, playbook: Any, prev: str) -> dict[str, Any]:
    return {**_summary(report), "report": report,
            "voice": [voice.name, voice.version, voice.sha256],
            "playbook": [playbook.name, playbook.version, playbook.sha256] if playbook else None,
            "prev_in_review": prev}


def _require_text(text: str) -> None:
    # The checks fail a blank reply (channel.empty), but an override could approve a failing
    # one: a blank reply is refused outright, so it can never be approved or verified.
    if not (text or "").strip():
        raise UsageError("the reply is empty or only whitespace; there is nothing to review")


def _sha(text: str) -> str:
    return sha256_hex(text)


def _summary(report: dict[str, Any]) -> dict[str, Any]:
    return {"score": report["score"], "passed": report["passed"],
            "rules": sorted({f["rule"] for f in report["findings"]})}
