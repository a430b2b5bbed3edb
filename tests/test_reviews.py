"""The approval gate, against both back ends: SQLite (a file) and a real PostgreSQL server
(started by tools/pg-test-server.sh; its variants skip where none can be had)."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import uuid

import pytest
from conftest import ROOT, run_cli

from brandvoice.review.gate import ReviewDesk, ReviewError

PG_ADMIN = os.environ.get("BRANDVOICE_TEST_POSTGRES_URL")
CARE = str(ROOT / "playbooks" / "crumbly-care.yaml")
GOOD = "@sam Sorry! A new CrumbleBox ships today. Can you DM us your address? -Jo"
BAD = "@sam You should have read the FAQ!! Email jo.smith@gmail.com -Jo"


def _pg_database() -> tuple[str, str]:
    import sqlalchemy as sa

    name = f"bv_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", name


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'reviews.db'}"
        return
    if not PG_ADMIN:
        pytest.skip("no PostgreSQL server: set BRANDVOICE_TEST_POSTGRES_URL (make test starts "
                    "one with tools/pg-test-server.sh)")
    url, name = _pg_database()
    yield url
    import sqlalchemy as sa

    from brandvoice.review import store as reviewdb

    engine = reviewdb._engines.pop(url, None)
    if engine is not None:
        engine.dispose()
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.timezone.utc)

    def __call__(self) -> dt.datetime:
        return self.now


def test_lifecycle_and_binding(db_url):
    desk = ReviewDesk(db_url)
    review = desk.submit(GOOD, author="jo", playbook=CARE, message="my box never arrived")
    assert (review.state, review.severity, review.approvals_required) == ("pending", "normal", 1)
    assert review.voice["name"] == "Crumbly" and review.playbook["name"] == "Crumbly care playbook"
    assert not desk.verify(review.id, GOOD).ok
    with pytest.raises(ReviewError, match=r"jo wrote review 1; this severity .normal. needs "
                                          r"someone else"):
        desk.approve(review.id, "jo", "agent")
    with pytest.raises(ReviewError, match="role 'intern' may not approve"):
        desk.approve(review.id, "priya", "intern")
    approved = desk.approve(review.id, "priya", "agent")
    assert approved.state == "approved" and approved.binding_sha256
    assert desk.verify(review.id, GOOD).ok
    assert desk.verify(review.id, GOOD + " ").reason == "this text is not the text that was approved"
    # Any edit invalidates the approval.
    edited = desk.edit(review.id, GOOD.replace("today", "tomorrow"), "jo")
    assert edited.state == "pending" and edited.approvals == []
    assert not desk.verify(review.id, GOOD).ok
    assert not desk.verify(review.id, edited.text).ok
    assert desk.approve(review.id, "priya", "agent").state == "approved"
    assert desk.verify(review.id, edited.text).ok
    kinds = [e["kind"] for e in desk.events()]
    assert kinds == ["created", "checked", "approved", "state", "edited", "checked",
                     "approved", "state"]
    count, problem = desk.verify_log()
    assert (count, problem) == (8, None)


def test_blocking_findings_need_an_override_with_a_reason(db_url):
    desk = ReviewDesk(db_url)
    review = desk.submit(BAD, author="jo", playbook=CARE, message="my box never arrived")
    assert not review.report["passed"]
    with pytest.raises(ReviewError, match=r"blocking findings .*privacy.email.*tone.blame.*"
                                          r"override and a written reason"):
        desk.approve(review.id, "priya", "team-lead")
    approved = desk.approve(review.id, "priya", "team-lead",
                            override_reason="customer asked us to repeat their address")
    assert approved.state == "approved"
    assert approved.approvals[0]["override_reason"] == "customer asked us to repeat their address"
    overridden = [e for e in desk.events() if e["kind"] == "overridden"]
    assert overridden[0]["data"]["reason"] == "customer asked us to repeat their address"
    assert overridden[0]["actor"] == "priya"


def test_critical_severity_needs_two_approvers_with_roles(db_url):
    desk = ReviewDesk(db_url)
    review = desk.submit("@sam Thanks for telling us. Please send us a DM with your contact "
                         "details so a senior member of our team can help. -Jo",
                         author="jo", playbook=CARE, message="my lawyer will be in touch")
    assert (review.severity, review.approvals_required) == ("critical", 2)
    assert set(review.roles) == {"comms-lead", "legal"}
    assert desk.approve(review.id, "ana", "legal").state == "pending"
    with pytest.raises(ReviewError, match="ana has already approved"):
        desk.approve(review.id, "ana", "legal")
    assert desk.approve(review.id, "sol", "comms-lead").state == "approved"


def test_self_approval_where_the_playbook_allows_it(db_url):
    desk = ReviewDesk(db_url)
    review = desk.submit("@sam Thank you! That made our day. -Jo", author="jo",
                         playbook=CARE, message="love the new flavour, thanks!")
    assert review.severity == "low" and review.self_approval
    assert desk.approve(review.id, "jo", "agent").state == "approved"


def test_transitions_are_validated(db_url):
    desk = ReviewDesk(db_url)
    rid = desk.submit(GOOD, author="jo").id
    assert desk.request_changes(rid, "priya", "say when it ships").state == "changes_requested"
    with pytest.raises(ReviewError, match="is changes_requested; approve needs it to be pending"):
        desk.approve(rid, "priya", "agent")
    assert desk.edit(rid, GOOD + " Thanks!", "jo").state == "pending"
    assert desk.reject(rid, "priya", "off-brand").state == "rejected"
    for action in (lambda: desk.approve(rid, "ana", "agent"),
                   lambda: desk.edit(rid, "x", "jo"),
                   lambda: desk.reject(rid, "ana", "again")):
        with pytest.raises(ReviewError, match="is rejected"):
            action()
    from brandvoice.errors import UsageError

    with pytest.raises(UsageError, match="needs a note"):
        desk.reject(desk.submit(GOOD, author="jo").id, "priya", " ")


def test_reviews_expire(db_url):
    clock = Clock()
    desk = ReviewDesk(db_url, now=clock)
    review = desk.submit(GOOD, author="jo", playbook=CARE, message="my box never arrived")
    assert review.expires_at == clock.now + dt.timedelta(hours=24)
    clock.now += dt.timedelta(hours=25)
    with pytest.raises(ReviewError, match="is expired"):
        desk.approve(review.id, "priya", "agent")
    assert desk.get(review.id).state == "expired"
    assert [e["kind"] for e in desk.events()][-1] == "expired"


def test_migrations_run_once(db_url):
    import sqlalchemy as sa

    from brandvoice.review import store as reviewdb

    ReviewDesk(db_url)
    reviewdb._engines.pop(db_url).dispose()
    engine = reviewdb.connect(db_url)  # a second start must not re-run a migration
    with engine.connect() as conn:
        assert [r[0] for r in conn.execute(sa.select(reviewdb.schema_version.c.version))] == [1, 2]


# Tampering --------------------------------------------------------------------------------


def _sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///")


def _tamper(url: str, sql: str) -> None:
    if url.startswith("sqlite"):
        con = sqlite3.connect(_sqlite_path(url))
        con.execute(sql)
        con.commit()
        con.close()
    else:
        import sqlalchemy as sa

        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.exec_driver_sql(sql)
        engine.dispose()


def _three_reviews(url: str) -> ReviewDesk:
    desk = ReviewDesk(url)
    for author in ("jo", "kai", "ana"):
        desk.approve(desk.submit(GOOD, author=author).id, "priya", "agent")
    return desk  # 12 events: created, checked, approved, state per review


@pytest.mark.parametrize("sql,seq,what", [
    ("UPDATE events SET data_json = replace(data_json, 'agent', 'admin') WHERE seq = 7",
     7, "does not match its hash"),
    ("UPDATE events SET actor = 'mallory' WHERE seq = 3", 3, "does not match its hash"),
    ("DELETE FROM events WHERE seq = 5", 5, "missing"),
    ("DELETE FROM events WHERE seq >= 11", 12, "events were deleted"),
])
def test_tampering_is_detected_and_named(db_url, sql, seq, what):
    desk = _three_reviews(db_url)
    assert desk.verify_log() == (12, None)
    from brandvoice.review import store as reviewdb

    reviewdb._engines.pop(db_url).dispose()
    _tamper(db_url, sql)
    _count, problem = ReviewDesk(db_url).verify_log()
    assert problem is not None and problem.seq == seq and what in problem.message


# Concurrency and crashes ---------------------------------------------------------------------

WORKER = textwrap.dedent('''
    import sys
    from brandvoice.review.gate import ReviewDesk
    url, worker, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    desk = ReviewDesk(url)
    for i in range(n):
        review = desk.submit(f"@sam Sorry about that, we're on it ({worker}-{i}). -Jo",
                             author=f"author-{worker}")
        if i % 5 == 4:
            desk.edit(review.id, review.text + " Thanks!", f"author-{worker}")
        desk.approve(review.id, f"approver-{worker}", "agent")
    print("done", worker)
''')


def test_many_processes_at_once(db_url, tmp_path):
    """8 processes, 500 reviews each, submitting, editing and approving at the same time: no
    lost or duplicated events, and the chain verifies."""
    ReviewDesk(db_url)  # migrate once, up front
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    n, workers = 500, 8
    procs = [subprocess.Popen([sys.executable, str(script), db_url, str(w), str(n)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for w in range(workers)]
    for p in procs:
        _out, err = p.communicate(timeout=1200)
        assert p.returncode == 0, err[-2000:]
    desk = ReviewDesk(db_url)
    edits = n // 5
    per_worker = n * 4 + edits * 2  # created+checked+approved+state, edited+checked
    count, problem = desk.verify_log()
    assert problem is None
    assert count == workers * per_worker
    events = list(desk.events())
    assert [e["seq"] for e in events] == list(range(1, count + 1))
    assert len(desk.list("approved", limit=10_000)) == workers * n


KILLED = textwrap.dedent('''
    import sys
    from brandvoice.review.gate import ReviewDesk
    desk = ReviewDesk(sys.argv[1])
    i = 0
    while True:
        r = desk.submit(f"@sam We're on it ({i}). -Jo", author="jo")
        desk.approve(r.id, "priya", "agent")
        if i == 0:
            print("ready", flush=True)  # loaded and writing: kill it any time from now
        i += 1
''')


def test_sigkill_mid_write_leaves_a_log_that_verifies(db_url, tmp_path):
    ReviewDesk(db_url)
    script = tmp_path / "killed.py"
    script.write_text(KILLED)
    for delay in (0.05, 0.33, 0.71):
        proc = subprocess.Popen([sys.executable, str(script), db_url], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        from brandvoice.review import store as reviewdb

        engine = reviewdb._engines.pop(db_url, None)
        if engine is not None:
            engine.dispose()
        desk = ReviewDesk(db_url)
        count, problem = desk.verify_log()
        assert problem is None and count > 0
        # Every review is whole: created and checked were written together, or not at all.
        by_review: dict[int, list[str]] = {}
        for e in desk.events():
            by_review.setdefault(e["review_id"], []).append(e["kind"])
        for kinds in by_review.values():
            assert kinds[:2] == ["created", "checked"]
            assert kinds in (["created", "checked"], ["created", "checked", "approved", "state"])


# The command line ------------------------------------------------------------------------------


def test_review_cli(tmp_path):
    db = str(tmp_path / "cli.db")
    out = run_cli("review", "submit", "--db", db, "--author", "jo", "--playbook", CARE,
                  "--message", "my box never arrived", "--format", "json", GOOD)
    assert out.returncode == 0, out.stderr
    rid = str(json.loads(out.stdout)["id"])
    out = run_cli("review", "approve", rid, "--db", db, "--by", "jo", "--role", "agent")
    assert out.returncode == 1 and "refused: jo wrote review" in out.stderr
    assert run_cli("review", "approve", rid, "--db", db, "--by", "priya", "--role",
                   "agent").returncode == 0
    assert run_cli("review", "verify", rid, GOOD, "--db", db).returncode == 0
    out = run_cli("review", "verify", rid, GOOD + "!", "--db", db)
    assert out.returncode == 1 and "NOT APPROVED" in out.stdout
    out = run_cli("review", "list", "--db", db, "--state", "approved", "--format", "json")
    assert [r["id"] for r in json.loads(out.stdout)] == [int(rid)]
    out = run_cli("review", "show", rid, "--db", db)
    assert "approved by priya as agent" in out.stdout
    out = run_cli("review", "verify-log", "--db", db, "--format", "json")
    assert json.loads(out.stdout) == {"events": 4, "ok": True, "first_bad": None}
    export = tmp_path / "log.jsonl"
    assert run_cli("review", "export", "--db", db, "--output", str(export)).returncode == 0
    assert [json.loads(x)["kind"] for x in export.read_text().splitlines()] == [
        "created", "checked", "approved", "state"]
    rid2 = json.loads(run_cli("review", "submit", "--db", db, "--author", "jo", "--format",
                              "json", GOOD).stdout)["id"]
    assert run_cli("review", "request-changes", str(rid2), "--db", db, "--by", "priya",
                   "--note", "add the date").returncode == 0
    assert run_cli("review", "reject", str(rid2), "--db", db, "--by", "priya",
                   "--note", "no").returncode == 0
    out = run_cli("review", "show", "99", "--db", db)
    assert out.returncode == 2 and "no review 99" in out.stderr
    sqlite3.connect(db).execute("UPDATE events SET actor='mallory' WHERE seq=2").connection.commit()
    out = run_cli("review", "verify-log", "--db", db)
    assert out.returncode == 1 and "TAMPERED: event 2" in out.stdout


def test_revoke_withdraws_an_approval_with_a_note(db_url):
    from brandvoice.errors import UsageError

    desk = ReviewDesk(db_url)
    review = desk.submit(GOOD, author="jo", playbook=CARE, message="my box never arrived")
    with pytest.raises(ReviewError, match="has no approval to revoke"):
        desk.revoke(review.id, "priya", "changed my mind")
    desk.approve(review.id, "priya", "agent")
    assert desk.verify(review.id, GOOD).ok
    with pytest.raises(UsageError, match="needs a note"):
        desk.revoke(review.id, "priya", "  ")
    revoked = desk.revoke(review.id, "ana", "the customer's order was found; do not send")
    assert (revoked.state, revoked.approvals, revoked.binding_sha256) == ("pending", [], None)
    assert desk.verify(review.id, GOOD).reason == f"review {review.id} is pending, not approved"
    event = desk.history(review.id)[-1]
    assert (event["kind"], event["actor"]) == ("revoked", "ana")
    assert event["data"] == {"note": "the customer's order was found; do not send",
                             "approvers": ["priya"], "was": "approved"}
    # Approving again works, and the chain still verifies.
    assert desk.approve(review.id, "priya", "agent").state == "approved"
    assert desk.verify_log()[1] is None
    rejected = desk.submit(GOOD, author="jo").id
    desk.reject(rejected, "priya", "no")
    with pytest.raises(ReviewError, match="is rejected; revoke needs it to be approved or "
                                          "pending"):
        desk.revoke(rejected, "priya", "x")


def test_hand_off_records_its_reasons_and_history_is_per_review(db_url):
    desk = ReviewDesk(db_url)
    other = desk.submit(GOOD, author="jo")
    review = desk.hand_off(GOOD, author="bot", reasons=["the customer asked for a person"],
                           playbook=CARE, message="can I talk to a human please")
    assert review.state == "pending" and review.author == "bot"
    kinds = [(e["kind"], e["actor"]) for e in desk.history(review.id)]
    assert kinds == [("created", "bot"), ("checked", "brandvoice"), ("handoff", "bot")]
    assert desk.history(review.id)[-1]["data"] == {"reasons": ["the customer asked for a person"]}
    assert [e["kind"] for e in desk.history(other.id)] == ["created", "checked"]
    assert desk.history(9999) == []


def test_a_resolver_supplies_loaded_voices_playbooks_and_checkers(tmp_path):
    from brandvoice.checks.engine import Checker
    from brandvoice.playbooks.model import load_playbook
    from brandvoice.playbooks.triage import Triager

    playbook = load_playbook(CARE)
    voice = playbook.voice()
    checker = Checker(voice)
    asked: list[tuple[str, str | None]] = []

    triager = Triager(playbook)

    def resolve(kind, key):
        asked.append((kind, key))
        return {"playbook": playbook, "voice": voice, "checker": checker,
                "triager": triager}[kind]

    desk = ReviewDesk(f"sqlite:///{tmp_path / 'r.db'}", resolve=resolve)
    review = desk.submit(GOOD, author="jo", playbook="care", voice="crumbly",
                         message="my box never arrived")
    assert review.voice["name"] == "Crumbly"
    assert asked == [("playbook", "care"), ("voice", "crumbly"),
                     ("triager", playbook.sha256), ("checker", voice.sha256)]


def test_verify_while_others_write_sees_no_false_tampering(db_url):
    """The log verified while another connection appends: the head and the events it is
    compared with must be read consistently, or a growing log looks truncated."""
    import threading

    from brandvoice.review import store as reviewdb

    desk = ReviewDesk(db_url)
    desk.submit(GOOD, author="jo")
    done = threading.Event()

    def writer() -> None:
        other = ReviewDesk(db_url)
        for n in range(150):
            other.submit(f"{GOOD} {n}", author="jo")
        done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    problems, runs = [], 0
    while not done.is_set() and runs < 3000:
        runs += 1
        _count, problem = reviewdb.verify_chain(desk.engine, desk.keys)
        if problem is not None:
            problems.append(str(problem))
    thread.join()
    assert runs > 10 and problems == []
    assert desk.verify_log()[1] is None
