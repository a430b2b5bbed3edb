"""The review desk: server-rendered pages for the people who approve replies.

Plain HTML forms (usable without JavaScript), Jinja2 templates shipped in the package,
styles served by the server itself (nothing from a CDN). Every form carries a CSRF token;
every action goes through the same gate as the API and the command line, as the signed-in
person, under the roles the server's configuration gives them.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from brandvoice.errors import BrandvoiceError, UsageError
from brandvoice.review.gate import STATES, Review, ReviewError
from brandvoice.server.api import approval_role, is_author
from brandvoice.server.auth import Identity, check_csrf, csrf_token, identify_proxy, verify_password
from brandvoice.server.state import HERE, ApiError, Server

__all__ = ["error_page", "highlight", "router"]

router = APIRouter(include_in_schema=False)
SEVERITY_ORDER = {"critical": 0, "high": 1, "normal": 2, "low": 3}


@functools.lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["until"] = until
    env.filters["when"] = lambda v: _parse(v).strftime("%a %d %b, %H:%M UTC") if v else ""
    return env


def _parse(value: Any) -> dt.datetime:
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return (when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)) \
        .astimezone(dt.timezone.utc)


def until(value: Any, now: dt.datetime | None = None) -> str:
    """'in 1 h 5 min' or 'overdue by 12 min': an SLA countdown as of rendering."""
    if not value:
        return ""
    delta = _parse(value) - (now or dt.datetime.now(dt.timezone.utc))
    minutes = int(abs(delta.total_seconds()) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = ([f"{days} d"] if days else []) + ([f"{hours} h"] if hours else []) + \
        ([f"{mins} min"] if mins or not (days or hours) else [])
    text = " ".join(parts[:2])
    return f"in {text}" if delta.total_seconds() >= 0 else f"overdue by {text}"


def _server(request: Request) -> Server:
    srv: Server = request.app.state.server
    return srv


def render(request: Request, name: str, code: int = 200, **context: Any) -> HTMLResponse:
    srv = _server(request)
    user = context.pop("user", None)
    if user is None:
        user = current_user(request)
    html = _env().get_template(name).render(
        request=request, user=user, csrf=csrf_token(request.session),
        flash=request.session.pop("flash", None), problems=srv.status()["problems"]
        if user else [], **context)
    return HTMLResponse(html, status_code=code,
                        headers={"Cache-Control": "no-store",
                                 "Content-Security-Policy": "default-src 'self'; "
                                 "frame-ancestors 'none'; form-action 'self'",
                                 "X-Content-Type-Options": "nosniff",
                                 "Referrer-Policy": "same-origin"})


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    try:
        return render(request, "error.html", status, status=status, message=message)
    except Exception:  # noqa: BLE001 - the error page itself failed: plain text
        return HTMLResponse(f"<!doctype html><title>Error {status}</title><p>{status}",
                            status_code=status)


def current_user(request: Request) -> Identity | None:
    srv = _server(request)
    client = request.client.host if request.client else None
    proxied = identify_proxy(srv.config, client, request.headers)
    if proxied is not None:
        return proxied
    name = request.session.get("user")
    user = srv.config.users.get(name) if isinstance(name, str) else None
    if user is None:
        return None
    return Identity(user.name, user.roles, frozenset(), "session")


def _signed_in(request: Request) -> Identity | Response:
    who = current_user(request)
    if who is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    if who.via == "proxy-unknown":
        return error_page(request, 403, f"{who.name} signed in through single sign-on but "
                          "is not a user of this review desk; ask an administrator to add "
                          "them (brandvoice accounts add-user)")
    return who


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/queue"


# Signing in -----------------------------------------------------------------------------------


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/queue", status_code=303)


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", user=False, next=_safe_next(next), error=None,
                  username="")


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    nxt = _safe_next(str(form.get("next") or ""))
    if not check_csrf(request.session, form.get("csrf")):
        return render(request, "login.html", 403, user=False, next=nxt, username="",
                      error="The form expired. Please sign in again.")
    name = str(form.get("username") or "").strip()
    password = str(form.get("password") or "")
    srv = _server(request)
    client = request.client.host if request.client else None
    wait = srv.throttle.wait(name, client)
    if wait > 0:
        return render(request, "login.html", 429, user=False, next=nxt, username=name,
                      error=f"Too many failed sign-ins for this name. Try again in "
                      f"{int(wait // 60) + 1} minutes, or ask an administrator to reset "
                      "the password.")
    who = verify_password(srv.config, name, password) if name and password else None
    if who is None:
        srv.throttle.failed(name, client)
        return render(request, "login.html", 401, user=False, next=nxt, username=name,
                      error="That name and password do not match an account on this desk.")
    srv.throttle.succeeded(name, client)
    request.session.clear()  # a fresh session (and CSRF token) for the signed-in person
    request.session["user"] = who.name
    return RedirectResponse(nxt, status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    form = await request.form()
    if check_csrf(request.session, form.get("csrf")):
        request.session.clear()
    return RedirectResponse("/login", status_code=303)


# The queue ------------------------------------------------------------------------------------


def respond_by(review: Review) -> str | None:
    return (review.triage or {}).get("respond_by") or \
        (review.expires_at.isoformat() if review.expires_at else None)


@router.get("/queue")
def queue(request: Request, state: str = "pending") -> Response:
    who = _signed_in(request)
    if not isinstance(who, Identity):
        return who
    srv = _server(request)
    if state not in (*STATES, "all"):
        return error_page(request, 400, f"unknown state {state!r}; one of "
                          f"{', '.join(STATES)} or all")
    srv.desk.expire_due()
    reviews = srv.desk.list(None if state == "all" else state, 500)
    rows = sorted(reviews, key=lambda r: (respond_by(r) or "~",
                                          SEVERITY_ORDER.get(r.severity or "", 9), r.id))
    return render(request, "queue.html", user=who, reviews=rows, state=state,
                  states=STATES, respond_by=respond_by, now=dt.datetime.now(dt.timezone.utc))


# One review -----------------------------------------------------------------------------------


def highlight(text: str, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Split ``text`` into segments, each with the numbers of the findings that cover it,
    and the numbers of findings that end there (where their reference mark goes).
    Findings that span the whole reply are left out: they are about all of it."""
    spans = [(n, max(0, f["start"]), min(len(text), f["end"]), f["severity"])
             for n, f in enumerate(findings, start=1)
             if not (f["start"] <= 0 and f["end"] >= len(text))]
    cuts = sorted({0, len(text), *(s for _, s, _, _ in spans), *(e for _, _, e, _ in spans)})
    segments: list[dict[str, Any]] = []
    for a, b in itertools.pairwise(cuts):
        covering = [(n, sev) for n, s, e, sev in spans if s < b and e > a]
        ends = [n for n, s, e, _ in spans if e == b and s < e]
        points = [n for n, s, e, _ in spans if s == e == a]
        worst = min((sev for _, sev in covering), key=("error", "warning", "info").index,
                    default=None)
        if points:
            segments.append({"text": "", "findings": [], "ends": points, "severity": None})
        segments.append({"text": text[a:b], "findings": [n for n, _ in covering],
                         "ends": ends, "severity": worst})
    tail = [n for n, s, e, _ in spans if s == e == len(text)]
    if tail:
        segments.append({"text": "", "findings": [], "ends": tail, "severity": None})
    return segments


def yaml_excerpt(srv: Server, source: str) -> dict[str, Any] | None:
    """The lines of the voice or playbook file that define a finding's rule."""
    path, _, line = source.rpartition(":")
    if not path or not line.isdigit():
        return None
    snap = srv.snapshot
    known = {str(Path(v.path).resolve()) for v in snap.voices.values()} | \
        {str(Path(c).resolve()) for v in snap.voices.values() for c in v.chain} | \
        {str(Path(p.path).resolve()) for p in snap.playbooks.values()}
    resolved = str(Path(path).resolve())
    if resolved not in known:  # only files this server loaded
        return None
    try:
        lines = Path(resolved).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    start = int(line) - 1
    if not 0 <= start < len(lines):
        return None
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and end - start < 6 and (
            not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    return {"path": path, "line": int(line), "lines": lines[start:end]}


def _review_page(request: Request, who: Identity, review_id: int, status: int = 200,
                 error: str | None = None, verified: Any = None,
                 draft_text: str | None = None) -> Response:
    srv = _server(request)
    try:
        review = srv.desk.get(review_id)
    except UsageError:
        return error_page(request, 404, f"There is no review {review_id}.")
    findings = review.report.get("findings", [])
    excerpts = {f["source"]: yaml_excerpt(srv, f["source"]) for f in findings
                if f.get("source") and f["source"] != "builtin"}
    try:
        my_role: str | None = approval_role(who, review, None)
    except ApiError:
        my_role = None
    events = srv.desk.history(review_id)
    handoff = [r for e in events if e["kind"] == "handoff" for r in e["data"].get("reasons", [])]
    return render(request, "review.html", status, user=who, review=review,
                  findings=findings, segments=highlight(review.text, findings),
                  excerpts=excerpts, events=events, error=error, verified=verified,
                  my_role=my_role, handoff=handoff, is_author=is_author(who, review), respond_by=respond_by(review),
                  draft_text=draft_text if draft_text is not None else review.text,
                  blocking={n for n, f in enumerate(findings, start=1)
                            if f in review.blocking})


@router.get("/reviews/{review_id}")
def review_page(request: Request, review_id: int) -> Response:
    who = _signed_in(request)
    if not isinstance(who, Identity):
        return who
    return _review_page(request, who, review_id)


ACTIONS = ("approve", "reject", "request-changes", "revoke", "edit", "verify")


@router.post("/reviews/{review_id}/{action}")
async def review_action(request: Request, review_id: int, action: str) -> Response:
    who = _signed_in(request)
    if not isinstance(who, Identity):
        return who
    if action not in ACTIONS:
        return error_page(request, 404, f"No action {action!r}.")
    form = await request.form()
    if not check_csrf(request.session, form.get("csrf")):
        return _review_page(request, who, review_id, 403, "This form expired or did not come "
                            "from this desk. Reload the page and try again.")
    srv = _server(request)
    desk = srv.desk
    note = str(form.get("note") or "").strip()
    text = str(form.get("text") or "")
    try:
        review = desk.get(review_id)
    except UsageError:
        return error_page(request, 404, f"There is no review {review_id}.")
    try:
        if action == "verify":
            result = desk.verify(review_id, text)
            return _review_page(request, who, review_id, verified=result)
        if action == "edit":
            if not text.strip():
                raise UsageError("the reply cannot be empty")
            desk.edit(review_id, text.replace("\r\n", "\n"), who.name)
            done = "Saved. The checks ran again; earlier approvals no longer count."
        elif action == "approve":
            role = approval_role(who, review, None)
            override = str(form.get("override_reason") or "").strip() or None
            after = desk.approve(review_id, who.name, role, override)
            done = ("Approved. The reply is ready to send." if after.state == "approved" else
                    f"Approval recorded ({len(after.approvals)} of "
                    f"{after.approvals_required}); it needs another approver.")
        else:
            if not is_author(who, review):  # an author may withdraw or reject their own
                approval_role(who, review, None)  # only people who may approve may decide
            if action == "reject":
                desk.reject(review_id, who.name, note)
                done = "Rejected."
            elif action == "request-changes":
                desk.request_changes(review_id, who.name, note)
                done = "Changes requested."
            else:
                desk.revoke(review_id, who.name, note)
                done = "Approval revoked. The reply must be approved again before sending."
    except ApiError as exc:
        return _review_page(request, who, review_id, exc.status, exc.message,
                            draft_text=text if action == "edit" else None)
    except ReviewError as exc:
        return _review_page(request, who, review_id, 409, str(exc),
                            draft_text=text if action == "edit" else None)
    except BrandvoiceError as exc:
        return _review_page(request, who, review_id, 422, str(exc),
                            draft_text=text if action == "edit" else None)
    request.session["flash"] = done
    return RedirectResponse(f"/reviews/{review_id}", status_code=303)
