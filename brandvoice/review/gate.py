"""The human approval gate: nothing is approved unless people with the right roles approved
exactly this text, against this voice and playbook, after the checks ran.

A review goes through these states (transitions are validated)::

    pending --approve (enough approvers)--> approved
    pending --reject--> rejected                     (final)
    pending --request changes--> changes_requested --edit--> pending
    approved --edit--> pending                       (the approval no longer holds)
    pending/changes_requested --time passes--> expired (final)

An approval is bound to a SHA-256 over the exact text, the channel, the voice and playbook
hashes and the check report. :meth:`ReviewDesk.verify` recomputes it for the text a sending
system is about to send: the last call before sending. Every event lands in the hash-chained
audit log (:mod:`brandvoice.review.store`).
"""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import sqlalchemy as sa

from brandvoice.errors import BrandvoiceError, UsageError
from brandvoice.playbooks.hours import parse_duration
from brandvoice.review import store as db

__all__ = ["STATES", "Review", "ReviewDesk", "ReviewError", "Verification", "binding_hash"]

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


class ReviewError(BrandvoiceError):
    """An action the rules refuse (wrong state, self-approval, blocking findings...)."""


def binding_hash(text: str, channel: str, voice_sha256: str, playbook_sha256: str | None,
                 report: dict[str, Any]) -> str:
    """SHA-256 over what an approval covers."""
    body = db.canonical({"text": text, "channel": channel, "voice": voice_sha256,
                         "playbook": playbook_sha256, "report": report})
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


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


class ReviewDesk:
    """Reviews in one database. ``now`` can be replaced (tests, simulations)."""

    def __init__(self, db_url: str | None = None, *,
                 now: Callable[[], dt.datetime] | None = None,
                 resolve: Callable[[str, str | None], Any] | None = None) -> None:
        self.engine = db.connect(db_url)
        self._now = now or (lambda: dt.datetime.now(dt.timezone.utc))
        # Loaded voices, playbooks and configured checkers, reused across submissions.
        self._loaded: dict[tuple[str, str], Any] = {}
        # A long-running process (the server) hands over the voices, playbooks and checkers
        # it already holds: ``resolve(kind, key)`` returns one, or None to load as usual.
        # That keeps a broken file on disk from breaking reviews of its last good version.
        self._resolve = resolve

    # Reading --------------------------------------------------------------------------------

    def _row_to_review(self, conn: sa.Connection, row: Any) -> Review:
        appr = conn.execute(sa.select(db.approvals).where(db.approvals.c.review_id == row.id)
                            .order_by(db.approvals.c.id)).mappings().all()
        text_sha = hashlib.sha256(row.text.encode("utf-8")).hexdigest()
        return Review(
            id=row.id, state=row.state, text=row.text, channel=row.channel, author=row.author,
            voice={"path": row.voice_path, "name": row.voice_name,
                   "version": row.voice_version, "sha256": row.voice_sha256},
            playbook={"path": row.playbook_path, "name": row.playbook_name,
                      "version": row.playbook_version, "sha256": row.playbook_sha256},
            severity=row.severity, report=json.loads(row.report_json),
            approvals_required=row.approvals_required, roles=json.loads(row.roles_json),
            self_approval=row.self_approval,
            approvals=[{"approver": a["approver"], "role": a["role"],
                        "override_reason": a["override_reason"], "at": _iso(a["created_at"])}
                       for a in appr if a["text_sha256"] == text_sha],
            created_at=_aware(row.created_at), expires_at=_aware(row.expires_at),
            binding_sha256=row.binding_sha256,
            triage=json.loads(row.triage_json) if row.triage_json else None,
        )

    def get(self, review_id: int) -> Review:
        with db.reading(self.engine) as conn:
            row = conn.execute(sa.select(db.reviews).where(db.reviews.c.id == review_id)).first()
            if row is None:
                raise UsageError(f"no review {review_id}")
            return self._row_to_review(conn, row)

    def list(self, state: str | None = None, limit: int = 100) -> builtins.list[Review]:
        if state is not None and state not in STATES:
            raise UsageError(f"unknown state {state!r}; one of {', '.join(STATES)}")
        query = sa.select(db.reviews).order_by(db.reviews.c.id.desc()).limit(limit)
        if state:
            query = query.where(db.reviews.c.state == state)
        with db.reading(self.engine) as conn:
            return [self._row_to_review(conn, row) for row in conn.execute(query)]

    # Submitting and checking ----------------------------------------------------------------

    def _load(self, kind: str, path: str | None, loader: Callable[[Any], Any]) -> Any:
        """Load a voice or playbook once per desk (keyed by path and modification time, so
        an edited file is read again)."""
        import os

        if self._resolve is not None:
            found = self._resolve(kind, path)
            if found is not None:
                return found
        stamp = str(os.stat(path).st_mtime_ns) if path and os.path.exists(path) else ""
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
                result = Triager(playbook).triage(message, self._now())
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

    def submit(self, text: str, *, author: str, voice: str | None = None,
               playbook: str | None = None, channel: str | None = None,
               message: str | None = None) -> Review:
        """Check ``text`` and open a review. ``message`` is the customer's message, triaged
        with ``playbook`` to find the severity (and so the approval rules)."""
        from brandvoice.playbooks.model import load_playbook
        from brandvoice.voice import load_voice

        if not author.strip():
            raise UsageError("a review needs an author (--author)")
        _require_text(text)
        pb = self._load("playbook", playbook, load_playbook) if playbook else None
        v = self._load("voice", voice if voice else (pb.voice_path if pb and pb.voice_path !=
                                                     "builtin:default" else None), load_voice)
        checked = self._check(text, channel, v, pb, message)
        now = self._now()
        report = checked["report"]
        with db.transaction(self.engine) as conn:
            inserted = conn.execute(db.reviews.insert().values(
                state="pending", text=text, channel=report["channel"], author=author,
                voice_path=v.path, voice_name=v.name, voice_version=v.version,
                voice_sha256=v.sha256, playbook_path=pb.path if pb else None,
                playbook_name=pb.name if pb else None,
                playbook_version=pb.version if pb else None,
                playbook_sha256=pb.sha256 if pb else None,
                triage_json=json.dumps(checked["triage"]) if checked["triage"] else None,
                severity=checked["severity"], report_json=json.dumps(report),
                approvals_required=int(checked["rules"].get("count", 1)),
                roles_json=json.dumps(list(checked["rules"].get("roles") or [])),
                self_approval=bool(checked["rules"].get("self_approval", False)),
                created_at=now, updated_at=now,
                expires_at=now + parse_duration(checked["expiry"]),
            ))
            rid = int(inserted.inserted_primary_key[0])  # type: ignore[index]
            db.append_event(conn, rid, author, "created", {
                "text_sha256": _sha(text), "channel": report["channel"],
                "voice": [v.name, v.version, v.sha256],
                "playbook": [pb.name, pb.version, pb.sha256] if pb else None,
                "severity": checked["severity"]}, at=now)
            db.append_event(conn, rid, "brandvoice", "checked", _summary(report), at=now)
        return self.get(rid)

    # Actions --------------------------------------------------------------------------------

    def _locked(self, conn: sa.Connection, review_id: int, action: str) -> Any:
        query = sa.select(db.reviews).where(db.reviews.c.id == review_id)
        if self.engine.dialect.name != "sqlite":
            query = query.with_for_update()
        row = conn.execute(query).first()
        if row is None:
            raise UsageError(f"no review {review_id}")
        if row.state not in ALLOWED_FROM[action]:
            raise ReviewError(f"review {review_id} is {row.state}; {action.replace('_', ' ')} "
                              f"needs it to be {' or '.join(sorted(ALLOWED_FROM[action]))}")
        return row

    def expire_due(self) -> builtins.list[int]:
        """Mark every unapproved review past its expiry as expired; returns their ids."""
        now = self._now()
        with db.transaction(self.engine) as conn:
            due = conn.execute(sa.select(db.reviews.c.id, db.reviews.c.expires_at).where(
                db.reviews.c.state.in_(("pending", "changes_requested")))).all()
            ids = [r.id for r in due if _aware(r.expires_at) <= now]
            for rid in ids:
                conn.execute(db.reviews.update().where(db.reviews.c.id == rid)
                             .values(state="expired", updated_at=now))
                db.append_event(conn, rid, "brandvoice", "expired", {}, at=now)
        return ids

    def approve(self, review_id: int, approver: str, role: str,
                override_reason: str | None = None) -> Review:
        """Record one approval. Refused while the report has blocking findings unless
        ``override_reason`` says why (the override is logged); refused for the author where
        the playbook forbids self-approval, and for roles the playbook does not allow."""
        self.expire_due()
        now = self._now()
        with db.transaction(self.engine) as conn:
            row = self._locked(conn, review_id, "approve")
            review = self._row_to_review(conn, row)
            if not approver.strip():
                raise UsageError("an approval needs an approver (--by)")
            if approver == review.author and not review.self_approval:
                raise ReviewError(f"{approver} wrote review {review_id}; this severity "
                                  f"({review.severity or 'default'}) needs someone else to "
                                  "approve it")
            if review.roles and role not in review.roles:
                raise ReviewError(f"role {role!r} may not approve at severity "
                                  f"{review.severity}; allowed: {', '.join(review.roles)}")
            if any(a["approver"] == approver for a in review.approvals):
                raise ReviewError(f"{approver} has already approved review {review_id}")
            if review.blocking and not (override_reason or "").strip():
                rules = ", ".join(sorted({f["rule"] for f in review.blocking}))
                raise ReviewError(f"review {review_id} has blocking findings ({rules}); fix "
                                  "the text, or approve with an override and a written reason")
            conn.execute(db.approvals.insert().values(
                review_id=review_id, approver=approver, role=role,
                override_reason=override_reason if review.blocking else None,
                text_sha256=_sha(review.text), created_at=now))
            if review.blocking:
                db.append_event(conn, review_id, approver, "overridden", {
                    "reason": override_reason, "role": role,
                    "rules": sorted({f["rule"] for f in review.blocking})}, at=now)
            count = len(review.approvals) + 1
            db.append_event(conn, review_id, approver, "approved", {
                "role": role, "approvals": count, "required": review.approvals_required,
                "text_sha256": _sha(review.text)}, at=now)
            if count >= review.approvals_required:
                binding = binding_hash(review.text, review.channel, review.voice["sha256"],
                                       review.playbook["sha256"], review.report)
                conn.execute(db.reviews.update().where(db.reviews.c.id == review_id).values(
                    state="approved", binding_sha256=binding, updated_at=now))
                db.append_event(conn, review_id, "brandvoice", "state", {
                    "state": "approved", "binding_sha256": binding}, at=now)
        return self.get(review_id)

    def _close(self, review_id: int, actor: str, note: str, action: str, state: str) -> Review:
        if not note.strip():
            raise UsageError(f"{action.replace('_', ' ')} needs a note (--note) saying why")
        self.expire_due()
        now = self._now()
        with db.transaction(self.engine) as conn:
            self._locked(conn, review_id, action)
            conn.execute(db.reviews.update().where(db.reviews.c.id == review_id)
                         .values(state=state, updated_at=now))
            db.append_event(conn, review_id, actor, "rejected" if state == "rejected"
                            else "changes_requested", {"note": note}, at=now)
        return self.get(review_id)

    def reject(self, review_id: int, actor: str, note: str) -> Review:
        return self._close(review_id, actor, note, "reject", "rejected")

    def request_changes(self, review_id: int, actor: str, note: str) -> Review:
        return self._close(review_id, actor, note, "request_changes", "changes_requested")

    def edit(self, review_id: int, text: str, actor: str) -> Review:
        """Replace the text: the checks run again, earlier approvals stop counting, and the
        review is pending again."""
        from brandvoice.playbooks.model import load_playbook
        from brandvoice.voice import load_voice

        _require_text(text)
        self.expire_due()
        review = self.get(review_id)
        pb = self._load("playbook", review.playbook["path"], load_playbook) \
            if review.playbook["path"] else None
        v = self._load("voice", None if review.voice["path"] == "builtin:default"
                       else review.voice["path"], load_voice)
        message = (review.triage or {}).get("text")
        checked = self._check(text, review.channel, v, pb, message)
        now = self._now()
        with db.transaction(self.engine) as conn:
            self._locked(conn, review_id, "edit")
            conn.execute(db.reviews.update().where(db.reviews.c.id == review_id).values(
                state="pending", text=text, report_json=json.dumps(checked["report"]),
                voice_sha256=v.sha256, playbook_sha256=pb.sha256 if pb else None,
                binding_sha256=None, updated_at=now))
            db.append_event(conn, review_id, actor, "edited", {
                "from_sha256": _sha(review.text), "to_sha256": _sha(text)}, at=now)
            db.append_event(conn, review_id, "brandvoice", "checked",
                            _summary(checked["report"]), at=now)
        return self.get(review_id)

    def verify(self, review_id: int, text: str) -> Verification:
        """Whether exactly this ``text`` is approved: the call a sending system makes last."""
        review = self.get(review_id)
        if review.state != "approved" or not review.binding_sha256:
            return Verification(False, f"review {review_id} is {review.state}, not approved")
        digest = binding_hash(text, review.channel, review.voice["sha256"],
                              review.playbook["sha256"], review.report)
        if digest != review.binding_sha256:
            return Verification(False, "this text is not the text that was approved")
        return Verification(True, f"approved by {', '.join(a['approver'] for a in review.approvals)}")

    def revoke(self, review_id: int, actor: str, note: str) -> Review:
        """Withdraw the approvals of a review before it is sent, saying why: the review is
        pending again, :meth:`verify` refuses its text, and the log records who withdrew which
        approvals. The approval events stay in the log; only the current state changes."""
        if not actor.strip():
            raise UsageError("revoking an approval needs the person who revokes it")
        if not note.strip():
            raise UsageError("revoking an approval needs a note saying why")
        self.expire_due()
        now = self._now()
        with db.transaction(self.engine) as conn:
            row = self._locked(conn, review_id, "revoke")
            review = self._row_to_review(conn, row)
            if not review.approvals:
                raise ReviewError(f"review {review_id} has no approval to revoke")
            conn.execute(db.approvals.delete().where(db.approvals.c.review_id == review_id))
            conn.execute(db.reviews.update().where(db.reviews.c.id == review_id).values(
                state="pending", binding_sha256=None, updated_at=now))
            db.append_event(conn, review_id, actor, "revoked", {
                "note": note, "approvers": [a["approver"] for a in review.approvals],
                "was": row.state}, at=now)
        return self.get(review_id)

    def hand_off(self, text: str, *, author: str, reasons: builtins.list[str],
                 voice: str | None = None, playbook: str | None = None,
                 channel: str | None = None, message: str | None = None) -> Review:
        """Open a review for a person to take over from a bot: :meth:`submit`, then a
        ``handoff`` event in the log that says why, so nothing is lost between the two."""
        if not reasons:
            raise UsageError("a hand-off needs at least one reason")
        review = self.submit(text, author=author, voice=voice, playbook=playbook,
                             channel=channel, message=message)
        with db.transaction(self.engine) as conn:
            db.append_event(conn, review.id, author, "handoff", {"reasons": list(reasons)},
                            at=self._now())
        return review

    def history(self, review_id: int) -> builtins.list[dict[str, Any]]:
        """The audit-log events of one review, oldest first."""
        query = (sa.select(db.events).where(db.events.c.review_id == review_id)
                 .order_by(db.events.c.seq))
        with db.reading(self.engine) as conn:
            rows = conn.execute(query).mappings().all()
        out = []
        for row in rows:
            item = dict(row)
            item["data"] = json.loads(item.pop("data_json"))
            out.append(item)
        return out

    # The log --------------------------------------------------------------------------------

    def verify_log(self) -> tuple[int, db.ChainProblem | None]:
        return db.verify_chain(self.engine)

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


def _require_text(text: str) -> None:
    # The checks fail a blank reply (channel.empty), but an override could approve a failing
    # one: a blank reply is refused outright, so it can never be approved or verified.
    if not text.strip():
        raise UsageError("the reply is empty or only whitespace; there is nothing to review")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _summary(report: dict[str, Any]) -> dict[str, Any]:
    return {"score": report["score"], "passed": report["passed"],
            "rules": sorted({f["rule"] for f in report["findings"]})}
