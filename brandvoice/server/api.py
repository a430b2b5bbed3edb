"""The JSON API, ``/v1``: check, triage, draft, reviews, the bot guard and the audit log.

Every call but ``/v1/health`` needs ``Authorization: Bearer <token>``; each names the scope
it needs (check, triage, draft, submit, approve). Request bodies are declared once, below,
as models: FastAPI validates them and publishes them in ``/v1/openapi.json``. Unknown fields
are refused, so a misspelt field is an error rather than silently ignored.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from brandvoice.checks.engine import Item
from brandvoice.errors import UsageError
from brandvoice.playbooks.drafting import draft as make_drafts
from brandvoice.playbooks.drafting import scenario_for_checks
from brandvoice.playbooks.triage import Author, Message
from brandvoice.review.gate import STATES, Review, normalise_name
from brandvoice.server.auth import Identity, identify_bearer
from brandvoice.server.guard import guard
from brandvoice.server.state import ApiError, Server

__all__ = ["router"]

router = APIRouter(prefix="/v1")
MAX_BATCH = 1000


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


Text = Annotated[StrictStr, Field(min_length=1)]
Name = Annotated[StrictStr, Field(min_length=1, max_length=200)]


class ReplyIn(Body):
    text: Text
    channel: Name | None = None
    id: Annotated[StrictStr, Field(max_length=200)] | None = None


class CheckIn(Body):
    """Either ``text`` (one reply) or ``replies`` (up to 1,000)."""

    text: Text | None = None
    replies: Annotated[list[ReplyIn], Field(min_length=1, max_length=MAX_BATCH)] | None = None
    voice: Name | None = Field(None, description="voice id (GET /v1/status lists them); "
                               "default: the playbook's voice, else the built-in voice")
    playbook: Name | None = Field(None, description="playbook id; with scenario, the checks "
                                  "apply its never_say list and severity")
    scenario: Name | None = None
    channel: Name | None = None


class AuthorIn(Body):
    name: Annotated[StrictStr, Field(max_length=200)] = ""
    handle: Annotated[StrictStr, Field(max_length=200)] = ""
    followers: Annotated[StrictInt, Field(ge=0)] = 0
    verified: StrictBool = False
    vip: StrictBool = False
    press: StrictBool = False


class MessageIn(Body):
    message: Text
    channel: Name | None = None
    playbook: Name | None = None
    author: AuthorIn | None = None
    bot_turns: Annotated[StrictInt, Field(ge=0, le=1000)] = 0
    now: dt.datetime | None = Field(None, description="treat this as the current time "
                                    "(ISO 8601 with a time zone)")


class DraftIn(MessageIn):
    voice: Name | None = None
    context: dict[str, Any] = Field(default_factory=dict, description="template variables, "
                                    "e.g. {\"agent\": \"Jo\"}")


class SubmitIn(Body):
    text: Text
    channel: Name | None = None
    voice: Name | None = None
    playbook: Name | None = None
    message: StrictStr | None = Field(None, description="the customer's message, triaged to "
                                      "set the severity and so the approvals needed")


class ApproveIn(Body):
    override_reason: StrictStr | None = Field(None, description="required when the reply "
                                              "has blocking findings: why it may go anyway")
    role: Name | None = Field(None, description="which of your configured roles to approve "
                              "as (default: the first one the playbook allows)")


class NoteIn(Body):
    note: Text


class TextIn(Body):
    text: Text


class GuardIn(Body):
    message: Text
    draft: Text
    channel: Name | None = None
    playbook: Name | None = None
    voice: Name | None = None
    bot_turns: Annotated[StrictInt, Field(ge=0, le=1000)] = 0
    attempt: Annotated[StrictInt, Field(ge=1, le=100)] = 1


# Identity -----------------------------------------------------------------------------------


def server_of(request: Request) -> Server:
    srv: Server = request.app.state.server
    return srv


def need(scope: str) -> Callable[[Request], Identity]:
    """A dependency: the caller's identity, which must hold ``scope``."""

    def dependency(request: Request) -> Identity:
        srv = server_of(request)
        header = request.headers.get("authorization")
        who = identify_bearer(srv.config, header)
        if who is None:
            message = ("this call needs an API token: send Authorization: Bearer <token> "
                       "(brandvoice accounts add-token creates one)" if not header else
                       "the token is not valid (unknown, revoked, or not a Bearer token)")
            raise ApiError(401, message, headers={"WWW-Authenticate": "Bearer"})
        if scope != "any" and scope not in who.scopes:
            raise ApiError(403, f"this token ({who.via.removeprefix('token:')}) may "
                           f"{', '.join(sorted(who.scopes)) or 'do nothing'}; "
                           f"{request.method} {request.url.path} needs the {scope} scope")
        return who

    dependency.__name__ = f"needs_{scope}"
    return dependency


def _review(srv: Server, review_id: int) -> Review:
    try:
        return srv.desk.get(review_id)
    except UsageError:
        raise ApiError(404, f"no review {review_id}") from None


def is_author(who: Identity, review: Review) -> bool:
    """Whether ``who`` wrote or edited the review's text (names compared as the gate does)."""
    return normalise_name(who.name) in {normalise_name(a) for a in
                                        [review.author, *review.authors]}


def approval_role(who: Identity, review: Review, asked: str | None) -> str:
    """The configured role an approval is recorded under; never taken on the caller's word."""
    if is_author(who, review) and not review.self_approval:
        # Said first: "you wrote it" is the reason that matters to the author.
        raise ApiError(409, f"{who.name} wrote or edited review {review.id}; this severity "
                       f"({review.severity or 'default'}) needs someone else to approve it")
    if asked is not None and asked not in who.roles:
        raise ApiError(403, f"{who.name} does not have the role {asked!r} on this server "
                       f"(configured roles: {', '.join(who.roles) or 'none'})")
    mine = [asked] if asked else list(who.roles)
    allowed = [r for r in mine if not review.roles or r in review.roles]
    if not allowed:
        need_roles = ", ".join(review.roles) if review.roles else "any role"
        raise ApiError(403, f"{who.name} (roles: {', '.join(who.roles) or 'none'}) may not "
                       f"approve review {review.id} at severity {review.severity or 'default'}; "
                       f"it needs {need_roles}")
    return allowed[0]


AnyCaller = Annotated[Identity, Depends(need("any"))]
CheckCaller = Annotated[Identity, Depends(need("check"))]
TriageCaller = Annotated[Identity, Depends(need("triage"))]
DraftCaller = Annotated[Identity, Depends(need("draft"))]
SubmitCaller = Annotated[Identity, Depends(need("submit"))]
ApproveCaller = Annotated[Identity, Depends(need("approve"))]


# Reading ------------------------------------------------------------------------------------


@router.get("/health", tags=["server"])
def health() -> dict[str, Any]:
    """Liveness: no token needed, reveals nothing."""
    return {"ok": True}


@router.get("/status", tags=["server"])
def status(request: Request, who: AnyCaller) -> dict[str, Any]:
    """Loaded voices and playbooks, and any file the server could not (re)load and why."""
    return server_of(request).status()


# Checking -----------------------------------------------------------------------------------


@router.post("/check", tags=["checks"])
def check(body: CheckIn, request: Request, who: CheckCaller) -> dict[str, Any]:
    """Check one reply (``text``) or many (``replies``) against a voice."""
    if (body.text is None) == (body.replies is None):
        raise ApiError(422, "give either text (one reply) or replies (a list), not both or "
                       "neither", [{"where": "text", "message": "text or replies"}])
    snap = server_of(request).snapshot
    voice = snap.voice_for(body.voice, body.playbook)
    scenario = None
    if body.scenario is not None:
        pb = snap.playbook(body.playbook)
        if body.scenario not in pb.scenarios:
            raise ApiError(422, f"unknown scenario {body.scenario!r}; playbook "
                           f"{body.playbook or 'default'} has: {', '.join(pb.scenarios)}")
        scenario = scenario_for_checks(pb, body.scenario)
    checker = snap.checker(voice)
    if body.text is not None:
        return checker.check(body.text, body.channel, scenario=scenario).to_dict()
    items = [Item(r.text, r.channel or body.channel, r.id, scenario)
             for r in body.replies or []]
    reports = checker.check_many(items)
    return {"reports": [r.to_dict() for r in reports],
            "passed": sum(r.passed for r in reports), "failed": sum(not r.passed for r in reports)}


def _message(body: MessageIn) -> Message:
    a = body.author
    author = Author(a.name, a.handle, a.followers, a.verified, a.vip, a.press) if a else Author()
    return Message(body.message, body.channel, author, bot_turns=body.bot_turns)


def _now(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and value.tzinfo is None:
        raise ApiError(422, "now has no time zone; add one, e.g. 2026-11-24T17:30:00+00:00",
                       [{"where": "now", "message": "needs a time zone"}])
    return value


@router.post("/triage", tags=["checks"])
def triage(body: MessageIn, request: Request, who: TriageCaller) -> dict[str, Any]:
    """Triage a customer's message against a playbook: scenario, severity, route, deadline,
    hand-off, and the reasons."""
    snap = server_of(request).snapshot
    return snap.triage(body.playbook, _message(body), _now(body.now)).to_dict()


@router.post("/draft", tags=["checks"])
def draft(body: DraftIn, request: Request, who: DraftCaller) -> dict[str, Any]:
    """Triage a message and draft replies from the playbook's templates, each checked."""
    from brandvoice.server.library import NLP_LOCK

    snap = server_of(request).snapshot
    pb = snap.playbook(body.playbook)
    voice = snap.voice_for(body.voice, body.playbook)
    with NLP_LOCK:
        result = make_drafts(_message(body), pb, voice, body.context, channel=body.channel,
                             now=_now(body.now))
    return result.to_dict()


# Reviews ------------------------------------------------------------------------------------


@router.post("/reviews", tags=["reviews"], status_code=201)
def submit(body: SubmitIn, request: Request, who: SubmitCaller) -> dict[str, Any]:
    """Check a reply and open a review; the author is the token's user."""
    srv = server_of(request)
    snap = srv.snapshot
    if body.voice is not None:
        snap.voice(body.voice)
    if body.playbook is not None:
        snap.playbook(body.playbook)
    review = srv.desk.submit(body.text, author=who.name, voice=body.voice,
                             playbook=body.playbook, channel=body.channel,
                             message=body.message)
    return review.to_dict()


@router.get("/reviews", tags=["reviews"])
def list_reviews(request: Request, who: SubmitCaller, state: str | None = None,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
    """Reviews, newest first; ``state`` filters (pending, approved, ...)."""
    if state is not None and state not in STATES:
        raise ApiError(422, f"unknown state {state!r}; one of {', '.join(STATES)}",
                       [{"where": "state", "message": "unknown state"}])
    srv = server_of(request)
    srv.desk.expire_due()
    return {"reviews": [r.to_dict() for r in srv.desk.list(state, limit)]}


@router.get("/reviews/{review_id}", tags=["reviews"])
def get_review(review_id: int, request: Request, who: SubmitCaller) -> dict[str, Any]:
    """One review: its state, text, findings, approvals and what it still needs."""
    return _review(server_of(request), review_id).to_dict()


@router.get("/reviews/{review_id}/history", tags=["reviews"])
def history(review_id: int, request: Request, who: SubmitCaller) -> dict[str, Any]:
    """The review's events from the audit log, oldest first."""
    srv = server_of(request)
    _review(srv, review_id)
    return {"events": srv.desk.history(review_id)}


@router.post("/reviews/{review_id}/approve", tags=["reviews"])
def approve(review_id: int, body: ApproveIn, request: Request, who: ApproveCaller) -> dict[str, Any]:
    """Approve as the token's user, under a role the server configures for them."""
    srv = server_of(request)
    review = _review(srv, review_id)
    role = approval_role(who, review, body.role)
    return srv.desk.approve(review_id, who.name, role, body.override_reason).to_dict()


@router.post("/reviews/{review_id}/reject", tags=["reviews"])
def reject(review_id: int, body: NoteIn, request: Request, who: ApproveCaller) -> dict[str, Any]:
    srv = server_of(request)
    _review(srv, review_id)
    return srv.desk.reject(review_id, who.name, body.note).to_dict()


@router.post("/reviews/{review_id}/request-changes", tags=["reviews"])
def request_changes(review_id: int, body: NoteIn, request: Request, who: ApproveCaller) -> dict[str, Any]:
    srv = server_of(request)
    _review(srv, review_id)
    return srv.desk.request_changes(review_id, who.name, body.note).to_dict()


@router.post("/reviews/{review_id}/revoke", tags=["reviews"])
def revoke(review_id: int, body: NoteIn, request: Request, who: ApproveCaller) -> dict[str, Any]:
    """Withdraw the approvals of a review not yet sent, with a note (logged)."""
    srv = server_of(request)
    _review(srv, review_id)
    return srv.desk.revoke(review_id, who.name, body.note).to_dict()


@router.post("/reviews/{review_id}/edit", tags=["reviews"])
def edit(review_id: int, body: TextIn, request: Request, who: SubmitCaller) -> dict[str, Any]:
    """Replace the text: the checks run again and earlier approvals stop counting."""
    srv = server_of(request)
    _review(srv, review_id)
    return srv.desk.edit(review_id, body.text, who.name).to_dict()


@router.post("/reviews/{review_id}/verify", tags=["reviews"])
def verify(review_id: int, body: TextIn, request: Request, who: SubmitCaller) -> dict[str, Any]:
    """Is exactly this text approved? The last call before sending; ``ok`` false means do
    not send (the answer is 200 either way; 404 when there is no such review)."""
    srv = server_of(request)
    _review(srv, review_id)
    result = srv.desk.verify(review_id, body.text)
    return {"id": review_id, "ok": result.ok, "reason": result.reason}


# Bot guard ----------------------------------------------------------------------------------


@router.post("/guard", tags=["bots"])
def bot_guard(body: GuardIn, request: Request, who: CheckCaller) -> dict[str, Any]:
    """For a chatbot: the customer's message and the bot's draft in, ``send``, ``revise``
    (with findings) or ``handoff`` (a review is opened for a person, with the reasons) out.
    Needs the check, triage and submit scopes."""
    missing = {"triage", "submit"} - who.scopes
    if missing:
        raise ApiError(403, f"the bot guard also needs the {' and '.join(sorted(missing))} "
                       f"scope{'s' * (len(missing) > 1)} (it triages, and opens reviews on "
                       "hand-off)")
    srv = server_of(request)
    cfg = srv.config
    return guard(srv.snapshot, srv.desk, message=body.message, draft=body.draft,
                 author=who.name, channel=body.channel, playbook=body.playbook,
                 voice=body.voice, bot_turns=body.bot_turns, attempt=body.attempt,
                 max_attempts=cfg.max_attempts, min_confidence=cfg.min_confidence).to_dict()


# The audit log --------------------------------------------------------------------------------


@router.get("/audit", tags=["audit"])
def export_audit(request: Request, who: ApproveCaller) -> StreamingResponse:
    """The whole audit log as JSON Lines, streamed (constant memory)."""
    desk = server_of(request).desk

    def lines() -> Iterator[str]:
        for event in desk.events():
            yield json.dumps(event, ensure_ascii=False, default=str) + "\n"

    return StreamingResponse(lines(), media_type="application/x-ndjson",
                             headers={"Content-Disposition":
                                      'attachment; filename="brandvoice-audit.jsonl"'})


@router.get("/audit/verify", tags=["audit"])
def verify_audit(request: Request, who: ApproveCaller) -> dict[str, Any]:
    """Recompute the audit log's hash chain."""
    count, problem = server_of(request).desk.verify_log()
    return {"events": count, "ok": problem is None,
            "first_bad": None if problem is None else {"seq": problem.seq,
                                                       "message": problem.message}}
