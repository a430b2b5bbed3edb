"""``brandvoice serve``: the JSON API, the review desk's pages, identities and roles, the bot
guard and reloading, against the real application (real voices, playbooks, spaCy, SQLite),
driven in-process through Starlette's test client. tests/test_server_live.py runs the real
server process and a real browser."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import ROOT

pytest.importorskip("fastapi", reason="the server extra is not installed")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

from fastapi.testclient import TestClient  # noqa: E402

from brandvoice.errors import ConfigError  # noqa: E402
from brandvoice.server.app import Settings, create_app  # noqa: E402
from brandvoice.server.auth import hash_password  # noqa: E402
from brandvoice.server.config import hash_token, load_server_config  # noqa: E402

GOOD = "@sam Sorry! A new CrumbleBox ships today. Can you DM us your address? -Jo"
BAD = "@sam You should have read the FAQ!! Email jo.smith@gmail.com -Jo"
LEGAL = "my lawyer will be in touch, this is a disgrace"
SAFE_REPLY = ("@sam Thanks for telling us. Please send us a DM with your contact details so a "
              "senior member of our team can help. -Jo")
PASSWORD = "correct horse battery"
ALL = ["check", "triage", "draft", "submit", "approve"]
# name: (roles, token scopes)
PEOPLE = {
    "jo": (["agent"], ALL),
    "priya": (["agent", "team-lead"], ALL),
    "ana": (["legal"], ALL),
    "sol": (["comms-lead"], ALL),
    "bot": ([], ["check", "triage", "submit"]),
    "viewer": (["agent"], ["check"]),
    "lead": (["team-lead"], ["approve"]),
}


def token_of(name: str) -> str:
    return f"bv_test_token_for_{name}_0123456789"


def auth(name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_of(name)}"}


def write_config(path, proxy: bool = False) -> None:
    pw = hash_password(PASSWORD)
    cfg = {
        "session_secret": "s" * 48,
        "users": {n: {"roles": roles, **({"password": pw} if n != "bot" else {})}
                  for n, (roles, _s) in PEOPLE.items()},
        "tokens": {f"{n}-token": {"user": n, "scopes": scopes, "sha256": hash_token(token_of(n))}
                   for n, (_r, scopes) in PEOPLE.items()},
    }
    if proxy:
        cfg["proxy"] = {"header": "X-Forwarded-User", "trusted": ["127.0.0.1"]}
    path.write_text(json.dumps(cfg), encoding="utf-8")  # JSON is YAML


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    base = tmp_path_factory.mktemp("server")
    shutil.copytree(ROOT / "voices", base / "voices")
    shutil.copytree(ROOT / "playbooks", base / "playbooks")
    write_config(base / "server.yaml", proxy=True)
    app = create_app(Settings(db_url=f"sqlite:///{base / 'reviews.db'}",
                              voices_dir=str(base / "voices"),
                              playbooks_dir=str(base / "playbooks"),
                              config_path=str(base / "server.yaml"), watch=False))
    return app, base


@pytest.fixture(scope="module")
def client(setup):
    with TestClient(setup[0], raise_server_exceptions=False) as c:
        yield c


def submit(client, text=GOOD, message="my box never arrived", by="jo", **extra):
    r = client.post("/v1/reviews", json={"text": text, "playbook": "crumbly-care",
                                         "message": message, **extra}, headers=auth(by))
    assert r.status_code == 201, r.text
    return r.json()


def error(r, status: int) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    return str(body["error"]["message"])


# Every endpoint: (method, path, a valid body, the scope it needs).
ENDPOINTS = [
    ("POST", "/v1/check", {"text": GOOD}, "check"),
    ("POST", "/v1/triage", {"message": "my box never arrived"}, "triage"),
    ("POST", "/v1/draft", {"message": "my box never arrived", "context": {"agent": "Jo"}},
     "draft"),
    ("POST", "/v1/reviews", {"text": GOOD}, "submit"),
    ("GET", "/v1/reviews", None, "submit"),
    ("GET", "/v1/reviews/{id}", None, "submit"),
    ("GET", "/v1/reviews/{id}/history", None, "submit"),
    ("POST", "/v1/reviews/{id}/approve", {}, "approve"),
    ("POST", "/v1/reviews/{id}/reject", {"note": "off-brand"}, "approve"),
    ("POST", "/v1/reviews/{id}/request-changes", {"note": "say when"}, "approve"),
    ("POST", "/v1/reviews/{id}/revoke", {"note": "hold it"}, "approve"),
    ("POST", "/v1/reviews/{id}/edit", {"text": GOOD}, "submit"),
    ("POST", "/v1/reviews/{id}/verify", {"text": GOOD}, "submit"),
    ("POST", "/v1/guard", {"message": "my box never arrived", "draft": GOOD}, "check"),
    ("GET", "/v1/audit", None, "approve"),
    ("GET", "/v1/audit/verify", None, "approve"),
    ("GET", "/v1/status", None, "any"),
]
IDS = [f"{m} {p}" for m, p, _b, _s in ENDPOINTS]
WITH_BODY = [e for e in ENDPOINTS if e[2] is not None]


def call(client, method, path, body=None, headers=None, rid=1, **kw):
    url = path.replace("{id}", str(rid))
    if method == "GET":
        return client.get(url, headers=headers or {})
    return client.post(url, json=body, headers=headers or {}, **kw)


def test_openapi_document_lists_every_endpoint(client):
    doc = client.get("/v1/openapi.json").json()
    listed = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops}
    for method, path, _b, _s in ENDPOINTS:
        assert (method, path.replace("{id}", "{review_id}")) in listed
    assert doc["components"]["schemas"]["GuardIn"]["required"] == ["message", "draft"]
    assert client.get("/docs").status_code in (303, 404)  # no CDN-loaded doc viewers


@pytest.mark.parametrize(("method", "path", "body", "scope"), ENDPOINTS, ids=IDS)
def test_no_token_or_a_bad_token_is_401(client, method, path, body, scope):
    r = call(client, method, path, body)
    assert "needs an API token" in error(r, 401)
    assert r.headers["www-authenticate"] == "Bearer"
    r = call(client, method, path, body, {"Authorization": "Bearer bv_not_a_real_token"})
    assert "not valid" in error(r, 401)
    r = call(client, method, path, body, {"Authorization": f"Basic {token_of('jo')}"})
    assert r.status_code == 401


@pytest.mark.parametrize(("method", "path", "body", "scope"),
                         [e for e in ENDPOINTS if e[3] != "any"], ids=IDS[:-1])
def test_a_token_without_the_scope_is_403(client, method, path, body, scope):
    # viewer's token may only check; lead's may only approve.
    who, may = ("viewer", "check") if scope != "check" else ("lead", "approve")
    r = call(client, method, path, body, auth(who))
    message = error(r, 403)
    assert f"needs the {scope} scope" in message and f"({who}-token) may {may};" in message


@pytest.mark.parametrize(("method", "path", "body", "scope"), WITH_BODY,
                         ids=[f"{m} {p}" for m, p, _b, _s in WITH_BODY])
def test_bad_bodies_are_4xx_with_a_message_never_500(client, method, path, body, scope):
    rid = submit(client)["id"]
    h = auth("priya")
    for field, value in body.items():
        if isinstance(value, str):  # wrong type
            r = call(client, method, path, {**body, field: 12345}, h, rid)
            assert f"{field}: Input should be a valid string" in error(r, 422)
            r = call(client, method, path, {k: v for k, v in body.items() if k != field},
                     h, rid)  # missing
            message = error(r, 422)
            assert f"{field}: required" in message or f"give either {field}" in message
    r = call(client, method, path, {**body, "colour": "blue"}, h, rid)
    assert "colour: unknown field" in error(r, 422)
    r = call(client, method, path, ["not", "an", "object"], h, rid)
    assert error(r, 422)
    big = {k: ("x " * 1_500_000 if isinstance(v, str) else v) for k, v in body.items()} \
        or {"override_reason": "x " * 1_500_000}
    assert "too large" in error(call(client, method, path, big, h, rid), 413)
    raw = {"Content-Type": "application/json", **h}
    url = path.replace("{id}", str(rid))
    r = client.post(url, content=b'{"text": "caf\xe9"}', headers=raw)
    assert "not valid UTF-8 (byte 13" in error(r, 400)
    r = client.post(url, content=b'{"text": ', headers=raw)
    assert "not valid JSON" in error(r, 400)
    r = client.post(url, content=b'{"text": "hi"}', headers={**h, "Content-Type": "text/plain"})
    assert "Content-Type: application/json" in error(r, 415)
    # A body announced larger than the limit is refused before it is read.
    r = client.post(url, content=b"{}", headers={**raw, "Content-Length": "99999999"})
    assert r.status_code == 413


@pytest.mark.parametrize(("method", "path", "body", "scope"),
                         [e for e in ENDPOINTS if "{id}" in e[1]],
                         ids=[f"{m} {p}" for m, p, _b, _s in ENDPOINTS if "{id}" in p])
def test_an_unknown_review_is_404(client, method, path, body, scope):
    assert error(call(client, method, path, body, auth("priya"), rid=999999), 404) == \
        "no review 999999"
    r = client.get(path.replace("{id}", "abc"), headers=auth("priya"))
    assert r.status_code in (405, 422)


@pytest.mark.parametrize(("path", "body"), [
    ("/v1/check", {"text": GOOD}),
    ("/v1/reviews", {"text": GOOD}),
    ("/v1/guard", {"message": "hello", "draft": GOOD}),
    ("/v1/draft", {"message": "my box never arrived", "context": {"agent": "Jo"}}),
])
def test_unknown_voice_playbook_or_channel_is_422(client, path, body):
    h = auth("priya")
    msg = error(client.post(path, json={**body, "voice": "nope"}, headers=h), 422)
    assert msg.startswith("unknown voice 'nope'; this server has: crumbly, crumbly-uk, default")
    msg = error(client.post(path, json={**body, "playbook": "nope"}, headers=h), 422)
    assert msg.startswith("unknown playbook 'nope'; this server has: crumbly-care, default")
    msg = error(client.post(path, json={**body, "channel": "fax"}, headers=h), 422)
    assert msg.startswith("unknown channel 'fax'")


def test_check_one_and_many(client):
    h = auth("viewer")
    one = client.post("/v1/check", json={"text": BAD, "voice": "crumbly"}, headers=h).json()
    assert not one["passed"] and {"privacy.email", "tone.blame"} <= \
        {f["rule"] for f in one["findings"]}
    email = next(f for f in one["findings"] if f["rule"] == "privacy.email")
    assert BAD[email["start"]:email["end"]] == "jo.smith@gmail.com"
    many = client.post("/v1/check", json={"voice": "crumbly", "replies": [
        {"text": GOOD, "id": "a"}, {"text": BAD, "id": "b", "channel": "email"}]}, headers=h)
    body = many.json()
    assert (body["passed"], body["failed"]) == (1, 1)
    assert [(r["id"], r["channel"]) for r in body["reports"]] == [("a", "x"), ("b", "email")]
    assert "not both" in error(client.post("/v1/check", json={"text": GOOD, "replies": [
        {"text": GOOD}]}, headers=h), 422)
    r = client.post("/v1/check", json={"replies": [{"text": "x"}] * 1001}, headers=h)
    assert "replies: List should have at most 1000 items" in error(r, 422)
    r = client.post("/v1/check", json={"text": GOOD, "playbook": "crumbly-care",
                                       "scenario": "nope"}, headers=h)
    assert "unknown scenario 'nope'" in error(r, 422)


def test_triage_and_draft(client):
    r = client.post("/v1/triage", json={"message": LEGAL, "playbook": "crumbly-care"},
                    headers=auth("bot")).json()
    assert (r["scenario"], r["severity"], r["handoff"]) == ("legal_threat", "critical", True)
    r = client.post("/v1/triage", json={"message": "hi", "now": "2026-11-24T10:00:00"},
                    headers=auth("bot"))
    assert "now has no time zone" in error(r, 422)
    d = client.post("/v1/draft", json={"message": "my box never arrived", "playbook":
                                       "crumbly-care", "context": {"agent": "Jo"}},
                    headers=auth("priya")).json()
    assert d["drafts"] and d["triage"]["scenario"] == d["drafts"][0]["scenario"]


def test_review_lifecycle_approvals_record_the_authenticated_person(client):
    review = submit(client, by="jo")
    assert (review["author"], review["severity"], review["approvals_required"]) == \
        ("jo", "normal", 1)
    rid = review["id"]
    # The author cannot approve their own; a role is never taken from the request.
    assert "jo wrote or edited review" in error(client.post(f"/v1/reviews/{rid}/approve", json={},
                                                  headers=auth("jo")), 409)
    r = client.post(f"/v1/reviews/{rid}/approve", json={"role": "team-lead"},
                    headers=auth("ana"))
    assert "does not have the role 'team-lead'" in error(r, 403)
    r = client.post(f"/v1/reviews/{rid}/approve", json={}, headers=auth("ana"))
    assert "ana (roles: legal) may not approve" in error(r, 403)
    approved = client.post(f"/v1/reviews/{rid}/approve", json={}, headers=auth("priya")).json()
    assert approved["state"] == "approved"
    assert [(a["approver"], a["role"]) for a in approved["approvals"]] == [("priya", "agent")]
    ok = client.post(f"/v1/reviews/{rid}/verify", json={"text": GOOD}, headers=auth("bot"))
    assert ok.json() == {"id": rid, "ok": True, "reason": "approved by priya"}
    nope = client.post(f"/v1/reviews/{rid}/verify", json={"text": GOOD + "!"},
                       headers=auth("bot")).json()
    assert nope["ok"] is False and nope["reason"] == "this text is not the text that was approved"
    # Revoke with a note: the text is no longer approved, and the log says who and why.
    r = client.post(f"/v1/reviews/{rid}/revoke", json={"note": "  "}, headers=auth("priya"))
    assert "needs a note" in error(r, 422)
    revoked = client.post(f"/v1/reviews/{rid}/revoke", json={"note": "customer called"},
                          headers=auth("sol")).json()
    assert revoked["state"] == "pending" and revoked["approvals"] == []
    assert not client.post(f"/v1/reviews/{rid}/verify", json={"text": GOOD},
                           headers=auth("bot")).json()["ok"]
    events = client.get(f"/v1/reviews/{rid}/history", headers=auth("bot")).json()["events"]
    assert [(e["kind"], e["actor"]) for e in events][-3:] == \
        [("approved", "priya"), ("state", "brandvoice"), ("revoked", "sol")]
    assert events[-1]["data"]["note"] == "customer called"
    listed = client.get("/v1/reviews?state=pending&limit=500", headers=auth("bot")).json()
    assert rid in [x["id"] for x in listed["reviews"]]
    assert "unknown state 'nope'" in error(client.get("/v1/reviews?state=nope",
                                                      headers=auth("bot")), 422)
    assert client.get("/v1/reviews?limit=0", headers=auth("bot")).status_code == 422


def test_a_critical_review_needs_the_playbooks_number_of_approvals(client):
    review = submit(client, text=SAFE_REPLY, message=LEGAL, by="jo")
    rid = review["id"]
    assert (review["severity"], review["approvals_required"]) == ("critical", 2)
    r = client.post(f"/v1/reviews/{rid}/approve", json={}, headers=auth("priya"))
    assert "priya (roles: agent, team-lead) may not approve" in error(r, 403)
    one = client.post(f"/v1/reviews/{rid}/approve", json={}, headers=auth("ana")).json()
    assert one["state"] == "pending" and len(one["approvals"]) == 1
    assert "already approved" in error(client.post(f"/v1/reviews/{rid}/approve", json={},
                                                   headers=auth("ana")), 409)
    two = client.post(f"/v1/reviews/{rid}/approve", json={}, headers=auth("sol")).json()
    assert two["state"] == "approved"
    assert [a["approver"] for a in two["approvals"]] == ["ana", "sol"]


def test_blocking_findings_need_a_written_override(client):
    rid = submit(client, text=BAD, by="jo")["id"]
    r = client.post(f"/v1/reviews/{rid}/approve", json={}, headers=auth("priya"))
    assert "blocking findings" in error(r, 409)
    r = client.post(f"/v1/reviews/{rid}/approve", json={"override_reason": "the customer "
                                                        "asked us to repeat it"},
                    headers=auth("priya"))
    assert r.json()["approvals"][0]["override_reason"] == "the customer asked us to repeat it"


def test_reject_request_changes_and_edit(client):
    rid = submit(client, by="jo")["id"]
    r = client.post(f"/v1/reviews/{rid}/request-changes", json={"note": "say when"},
                    headers=auth("priya"))
    assert r.json()["state"] == "changes_requested"
    assert "approve needs it to be pending" in error(
        client.post(f"/v1/reviews/{rid}/approve", json={}, headers=auth("priya")), 409)
    edited = client.post(f"/v1/reviews/{rid}/edit", json={"text": BAD}, headers=auth("jo"))
    assert edited.json()["state"] == "pending" and not edited.json()["passed"]
    assert client.post(f"/v1/reviews/{rid}/reject", json={"note": "no"},
                       headers=auth("priya")).json()["state"] == "rejected"


def test_audit_export_and_chain(client):
    submit(client)
    lines = client.get("/v1/audit", headers=auth("priya")).text.splitlines()
    events = [json.loads(line) for line in lines]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert client.get("/v1/audit/verify", headers=auth("priya")).json() == \
        {"events": len(events), "ok": True, "first_bad": None}


def test_bot_guard_send_revise_handoff(client):
    h = auth("bot")
    base = {"playbook": "crumbly-care"}
    send = client.post("/v1/guard", json={**base, "message": "my box never arrived",
                                          "draft": GOOD}, headers=h).json()
    assert (send["decision"], send["reasons"], send["review"]) == ("send", [], None)
    revise = client.post("/v1/guard", json={**base, "message": "my box never arrived",
                                            "draft": BAD}, headers=h).json()
    assert revise["decision"] == "revise" and revise["review"] is None
    assert "privacy.email" in revise["reasons"][0]
    assert any(f["rule"] == "privacy.email" for f in revise["report"]["findings"])
    # The second failing attempt goes to a person.
    tired = client.post("/v1/guard", json={**base, "message": "my box never arrived",
                                           "draft": BAD, "attempt": 2}, headers=h).json()
    assert tired["decision"] == "handoff"
    assert tired["reasons"][-1].startswith("the draft still fails the checks after 2 attempts")
    serious = client.post("/v1/guard", json={**base, "message": LEGAL, "draft": SAFE_REPLY},
                          headers=h).json()
    assert serious["decision"] == "handoff" and serious["triage"]["scenario"] == "legal_threat"
    review = serious["review"]
    assert (review["state"], review["author"], review["severity"]) == \
        ("pending", "bot", "critical")
    events = client.get(f"/v1/reviews/{review['id']}/history", headers=h).json()["events"]
    assert events[-1]["kind"] == "handoff" and events[-1]["data"]["reasons"] == \
        serious["reasons"]
    asked = client.post("/v1/guard", json={**base, "message": "can I talk to a real person "
                                           "please", "draft": GOOD, "bot_turns": 1},
                        headers=h).json()
    assert asked["decision"] == "handoff"
    r = client.post("/v1/guard", json={**base, "message": "x", "draft": GOOD},
                    headers=auth("viewer"))
    assert "also needs the submit and triage scopes" in error(r, 403)


def test_status_and_reload_keep_the_last_good_version(setup, client):
    app, base = setup
    library = app.state.server.library
    status = client.get("/v1/status", headers=auth("viewer")).json()
    assert status["problems"] == [] and "crumbly" in status["voices"]
    before = status["voices"]["crumbly"]["sha256"]
    voice = base / "voices" / "crumbly.yaml"
    good = voice.read_text(encoding="utf-8")
    try:
        voice.write_text(good.replace("voice:", "voice: [", 1), encoding="utf-8")
        library.reload("test")
        status = client.get("/v1/status", headers=auth("viewer")).json()
        problem = next(p for p in status["problems"] if p["file"].endswith("crumbly.yaml"))
        assert re.search(r"crumbly\.yaml:\d+:\d+: ", problem["message"])
        assert "serving the version loaded at" in problem["message"]
        assert status["voices"]["crumbly"]["sha256"] == before
        r = client.post("/v1/check", json={"text": BAD, "voice": "crumbly"},
                        headers=auth("viewer"))
        assert r.status_code == 200 and not r.json()["passed"]
    finally:
        voice.write_text(good, encoding="utf-8")
        library.reload("test")
    assert client.get("/v1/status", headers=auth("viewer")).json()["problems"] == []


def test_server_config_errors_are_located(tmp_path):
    bad = tmp_path / "server.yaml"
    bad.write_text("users:\n  jo: {roles: agent, pasword: x}\ntokens:\n  t: {user: ghost, "
                   "scopes: [check, fly], sha256: abc}\nproxy: {header: X-User}\nfoo: 1\n",
                   encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_server_config(bad)
    text = str(exc.value)
    for expected in ("server.yaml:2:15: users.jo.roles: expected a list",
                     "server.yaml:2:22: users.jo.pasword: unknown key; allowed: roles, password",
                     "tokens.t.scopes: unknown scope fly; allowed: check, triage",
                     "tokens.t.user: no user 'ghost' in users",
                     "server.yaml:5:8: proxy: a trusted proxy needs both header",
                     "server.yaml:6:1: foo: unknown key"):
        assert expected in text, text


# Pages ---------------------------------------------------------------------------------------


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, html[:500]
    return match.group(1)


def signed_in(app, name: str) -> TestClient:
    c = TestClient(app, raise_server_exceptions=False)
    page = c.get("/login")
    r = c.post("/login", data={"username": name, "password": PASSWORD, "csrf": csrf_of(page.text),
                               "next": "/queue"}, follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/queue")
    return c


def test_pages_need_a_sign_in_and_csrf(setup):
    app = setup[0]
    c = TestClient(app, raise_server_exceptions=False)
    r = c.get("/queue", follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/login?next=/queue")
    page = c.get("/login")
    assert r'<label for="username">' in page.text and 'class="skip"' in page.text
    r = c.post("/login", data={"username": "jo", "password": PASSWORD})
    assert r.status_code == 403 and "form expired" in r.text
    r = c.post("/login", data={"username": "jo", "password": "wrong password",
                               "csrf": csrf_of(page.text)})
    assert r.status_code == 401 and "do not match" in r.text
    r = c.post("/login", data={"username": "jo", "password": PASSWORD,
                               "csrf": csrf_of(page.text), "next": "//evil.example/"},
               follow_redirects=False)
    assert r.headers["location"] == "/queue"  # no open redirect
    rid = submit(c, by="priya")["id"]
    r = c.post(f"/reviews/{rid}/approve", data={}, follow_redirects=False)
    assert r.status_code == 403 and "did not come from this desk" in r.text
    assert c.get(f"/v1/reviews/{rid}").status_code == 401  # a session is not an API token


def test_queue_and_review_page_show_findings_in_place(setup):
    app = setup[0]
    # BAD plus a word the voice has a suggestion for, so the page shows one.
    text = BAD.replace("Email", "Please utilise the form or email")
    rid = submit(TestClient(app), text=text, by="jo")["id"]
    c = signed_in(app, "priya")
    queue = c.get("/queue").text
    assert f'href="/reviews/{rid}"' in queue and "normal" in queue and "respond" in queue.lower()
    page = c.get(f"/reviews/{rid}").text
    assert '<mark class="hl hl-error"' in page
    marked = re.findall(r'<mark class="hl hl-\w+" aria-describedby="([^"]+)">([^<]+)</mark>',
                        page)
    assert any(text == "jo.smith@gmail.com" for _ids, text in marked)
    assert "privacy.email" in page and "Suggestion:" in page and "my box never arrived" in page
    assert 'for="override"' in page and "Override and approve" in page
    assert "<h2 id=\"h-history\">History</h2>" in page and "created" in page
    assert 'src="http' not in page and 'href="http' not in page  # nothing from elsewhere
    css = c.get("/static/desk.css")
    assert css.status_code == 200 and ":focus-visible" in css.text


def test_page_actions_as_the_signed_in_person(setup):
    app = setup[0]
    rid = submit(TestClient(app), by="jo")["id"]
    jo = signed_in(app, "jo")
    page = jo.get(f"/reviews/{rid}").text
    assert "You wrote or edited this reply; someone else must approve it." in page
    r = jo.post(f"/reviews/{rid}/approve", data={"csrf": csrf_of(page)})
    assert r.status_code == 409 and "jo wrote or edited review" in r.text
    priya = signed_in(app, "priya")
    page = priya.get(f"/reviews/{rid}").text
    r = priya.post(f"/reviews/{rid}/approve", data={"csrf": csrf_of(page)})
    assert r.status_code == 200 and "Approved. The reply is ready to send." in r.text
    assert "priya as agent" in r.text
    r = priya.post(f"/reviews/{rid}/verify", data={"csrf": csrf_of(r.text), "text": GOOD})
    assert "OK to send" in r.text
    r = priya.post(f"/reviews/{rid}/revoke", data={"csrf": csrf_of(r.text), "note": ""})
    assert r.status_code == 422 and "needs a note" in r.text
    r = priya.post(f"/reviews/{rid}/revoke", data={"csrf": csrf_of(r.text),
                                                    "note": "wrong customer"})
    assert "Approval revoked" in r.text and "wrong customer" in r.text
    r = priya.post(f"/reviews/{rid}/edit", data={"csrf": csrf_of(r.text), "text": BAD})
    assert "The checks ran again" in r.text and "hl-error" in r.text
    r = priya.post(f"/reviews/{rid}/reject", data={"csrf": csrf_of(r.text), "note": "no"})
    assert "Rejected." in r.text


def test_trusted_proxy_header_only_from_the_proxy(setup):
    app = setup[0]
    via_proxy = TestClient(app, client=("127.0.0.1", 5000))
    page = via_proxy.get("/queue", headers={"X-Forwarded-User": "sol"})
    assert page.status_code == 200 and "Signed in as <strong>sol</strong>" in page.text
    unknown = via_proxy.get("/queue", headers={"X-Forwarded-User": "mallory"})
    assert unknown.status_code == 403 and "not a user of this review desk" in unknown.text
    elsewhere = TestClient(app, client=("10.1.2.3", 5000))
    r = elsewhere.get("/queue", headers={"X-Forwarded-User": "sol"}, follow_redirects=False)
    assert r.status_code == 303  # the header is ignored: sign in


# The accounts command and a PostgreSQL back end ----------------------------------------------


def test_accounts_command_writes_users_and_tokens_the_server_accepts(tmp_path):
    from conftest import run_cli

    cfg = str(tmp_path / "server.yaml")
    r = run_cli("accounts", "add-token", "x", "--user", "nobody", "--scope", "check",
                "--config", cfg)
    assert r.returncode == 2 and "no such file; create it with: brandvoice accounts init" \
        in r.stderr
    assert run_cli("accounts", "init", "--config", cfg).returncode == 0
    assert (tmp_path / "server.yaml").stat().st_mode & 0o077 == 0  # owner only
    r = run_cli("accounts", "add-user", "priya", "--role", "agent,team-lead",
                "--password-stdin", "--config", cfg, input="short\n")
    assert r.returncode == 2 and "at least 10 characters" in r.stderr
    r = run_cli("accounts", "add-user", "priya", "--role", "agent,team-lead",
                "--password-stdin", "--config", cfg, input=PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    r = run_cli("accounts", "add-user", "help desk", "--no-password", "--config", cfg)
    assert r.returncode == 2 and "use one word without spaces" in r.stderr
    assert run_cli("accounts", "add-user", "helpdesk", "--no-password",
                   "--config", cfg).returncode == 0
    r = run_cli("accounts", "add-token", "hd", "--user", "helpdesk", "--scope", "check,fly",
                "--config", cfg)
    assert r.returncode == 2 and "--scope fly: give one or more of check, triage" in r.stderr
    r = run_cli("accounts", "add-token", "hd", "--user", "helpdesk", "--scope", "check",
                "--scope", "submit", "--config", cfg)
    assert r.returncode == 0, r.stderr
    token = r.stdout.strip()
    assert token.startswith("bv_") and token not in (tmp_path / "server.yaml").read_text()
    listed = run_cli("accounts", "list", "--config", cfg).stdout
    assert "priya" in listed and "agent, team-lead" in listed and "check, submit" in listed
    config = load_server_config(cfg)
    assert config.users["priya"].password.startswith("$argon2id$")
    assert config.token(token).scopes == {"check", "submit"}
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'r.db'}", config_path=cfg,
                              watch=False))
    with TestClient(app) as c:
        r = c.post("/v1/check", json={"text": GOOD}, headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200
        page = c.get("/login")
        r = c.post("/login", data={"username": "priya", "password": PASSWORD,
                                   "csrf": csrf_of(page.text)})
        assert r.status_code == 200 and "Signed in as <strong>priya</strong>" in r.text
    assert run_cli("accounts", "remove", "user", "helpdesk", "--config", cfg).returncode == 0
    assert load_server_config(cfg).tokens == {}  # the user's tokens went with them


def test_serve_refuses_to_listen_beyond_loopback_without_accounts():
    from conftest import run_cli

    r = run_cli("serve", "--host", "0.0.0.0")
    assert r.returncode == 2 and "give it a --config with users and tokens first" in r.stderr


def test_the_api_on_postgresql(tmp_path):
    import os
    import uuid

    admin_url = os.environ.get("BRANDVOICE_TEST_POSTGRES_URL")
    if not admin_url:
        pytest.skip("no PostgreSQL server: set BRANDVOICE_TEST_POSTGRES_URL (make test starts "
                    "one with tools/pg-test-server.sh)")
    import sqlalchemy as sa

    from brandvoice.review import store

    name = f"bv_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    url = admin_url.rsplit("/", 1)[0] + f"/{name}"
    write_config(tmp_path / "server.yaml")
    try:
        app = create_app(Settings(db_url=url, playbooks_dir=str(ROOT / "playbooks"),
                                  voices_dir=str(ROOT / "voices"),
                                  config_path=str(tmp_path / "server.yaml"), watch=False))
        with TestClient(app) as c:
            rid = submit(c, text=SAFE_REPLY, message=LEGAL)["id"]
            c.post(f"/v1/reviews/{rid}/approve", json={}, headers=auth("ana"))
            done = c.post(f"/v1/reviews/{rid}/approve", json={}, headers=auth("sol")).json()
            assert done["state"] == "approved" and app.state.server.status()["database"] == \
                "postgresql"
            assert c.post(f"/v1/reviews/{rid}/verify", json={"text": SAFE_REPLY},
                          headers=auth("jo")).json()["ok"]
            assert c.get("/v1/audit/verify", headers=auth("ana")).json()["ok"]
    finally:
        engine = store._engines.pop(url, None)
        if engine is not None:
            engine.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


def test_names_compare_as_the_gate_compares_them(setup, tmp_path):
    app = setup[0]
    c = TestClient(app, raise_server_exceptions=False)
    page = c.get("/login")
    r = c.post("/login", data={"username": "ＰＲＩＹＡ", "password": PASSWORD,
                               "csrf": csrf_of(page.text)})
    assert "Signed in as <strong>priya</strong>" in r.text
    # Whoever edits the text becomes one of its authors and can no longer approve it.
    rid = submit(c, by="jo")["id"]
    c.post(f"/v1/reviews/{rid}/edit", json={"text": GOOD + " Thanks!"}, headers=auth("priya"))
    r = c.post(f"/v1/reviews/{rid}/approve", json={}, headers=auth("priya"))
    assert "priya wrote or edited review" in error(r, 409)
    bad = tmp_path / "server.yaml"
    bad.write_text("users:\n  jo: {roles: [agent]}\n  JO: {roles: [legal]}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"server.yaml:3:3: users.JO: the same person as 'jo'"):
        load_server_config(bad)


def test_sign_in_is_throttled_after_repeated_failures(setup):
    from brandvoice.server.auth import SignInThrottle

    app = setup[0]
    c = TestClient(app, raise_server_exceptions=False, client=("192.0.2.7", 4000))
    for _ in range(5):
        page = c.get("/login")
        r = c.post("/login", data={"username": "sol", "password": "guess",
                                   "csrf": csrf_of(page.text)})
        assert r.status_code == 401
    page = c.get("/login")
    r = c.post("/login", data={"username": "SOL", "password": PASSWORD,
                               "csrf": csrf_of(page.text)})
    assert r.status_code == 429 and "Too many failed sign-ins" in r.text
    other = TestClient(app, raise_server_exceptions=False, client=("192.0.2.8", 4000))
    page = other.get("/login")  # another address is not locked out
    r = other.post("/login", data={"username": "sol", "password": PASSWORD,
                                   "csrf": csrf_of(page.text)})
    assert "Signed in as <strong>sol</strong>" in r.text
    throttle = SignInThrottle(limit=2, window=60)
    for t in (0.0, 1.0):
        throttle.failed("jo", "1.2.3.4", now=t)
    assert throttle.wait("JO", "1.2.3.4", now=2.0) == 58.0
    assert throttle.wait("jo", "1.2.3.4", now=61.0) == 0.0


def test_review_page_shows_triage_confidence_and_explanations_when_triage_gives_them():
    import datetime as dt
    from types import SimpleNamespace

    from brandvoice.review.gate import Review
    from brandvoice.server.pages import _env, highlight

    triage = {"text": "is this safe with nuts?", "scenario": "allergy", "severity": "high",
              "route": "safety", "respond_by": "2026-11-24T12:00:00+00:00",
              "out_of_hours": False, "escalate": True, "handoff": True, "matches": [],
              "handoff_reasons": ["resembles safety_injury (0.61)"], "confidence": 0.42,
              "confidence_label": "low", "why": "close to the example 'nut allergy?'",
              "runner_up": "product_question", "why_not": "less similar (0.38)"}
    review = Review(7, "pending", "@sam We'll check. -Jo", "x", "bot",
                    {"name": "Crumbly", "version": "1", "path": "v", "sha256": "0"},
                    {"name": None, "version": None, "path": None, "sha256": None}, "high",
                    {"findings": [], "passed": True, "score": 100}, 1, [], False,
                    created_at=dt.datetime.now(dt.timezone.utc), triage=triage)
    html = _env().get_template("review.html").render(
        request=SimpleNamespace(url=SimpleNamespace(path="/reviews/7")),
        user=SimpleNamespace(name="priya", roles=("agent",), via="session"), csrf="t",
        flash=None, problems=[], review=review, findings=[], segments=highlight(review.text, []),
        excerpts={}, events=[], error=None, verified=None, my_role="agent",
        handoff=["the customer asked for a person"], respond_by=triage["respond_by"],
        draft_text=review.text, blocking=set(), is_author=False)
    for expected in ("<dt>Confidence</dt><dd>0.42 (low)</dd>",
                     "<dt>Runner-up</dt><dd>product_question: less similar (0.38)</dd>",
                     "<li>close to the example &#39;nut allergy?&#39;</li>",
                     "<li>hand-off: resembles safety_injury (0.61)</li>",
                     "<li>the customer asked for a person</li>"):
        assert expected in html, expected


def _unlabelled(html: str) -> list[str]:
    """Form controls without a <label for=...> (hidden inputs and buttons excepted)."""
    from html.parser import HTMLParser

    controls: list[tuple[str, str | None]] = []
    labels: set[str] = set()

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "label" and a.get("for"):
                labels.add(a["for"])
            elif tag in ("input", "textarea", "select") and a.get("type") != "hidden":
                controls.append((tag, a.get("id")))

    Parser().feed(html)
    return [f"{tag}#{cid}" for tag, cid in controls if cid is None or cid not in labels]


def test_every_form_control_on_the_desk_has_a_label(setup):
    app = setup[0]
    rid = submit(TestClient(app), text=BAD, by="jo")["id"]
    c = signed_in(app, "priya")
    for path in ("/login", "/queue", f"/reviews/{rid}"):
        html = c.get(path).text
        assert _unlabelled(html) == [], path
        assert html.count('<main id="main"') == 1 and 'href="#main"' in html
