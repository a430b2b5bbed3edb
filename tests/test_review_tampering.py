"""The review gate against someone who can write the database but does not hold the log's
key: every tampering the red-team pass found, on SQLite and on a real PostgreSQL. Also the
identity rules (normalised names, editors are authors, approvals bound to a text version) and
key rotation."""

from __future__ import annotations

import json
import shutil

import pytest
import sqlalchemy as sa
from conftest import ROOT, run_cli
from test_reviews import CARE, GOOD
from test_reviews import db_url as _shared_db_url

from brandvoice.errors import UsageError
from brandvoice.review import store as reviewdb
from brandvoice.review.gate import ReviewDesk, ReviewError, TamperedError, normalise_name
from brandvoice.review.keys import key_id

PHISH = "@sam To confirm, reply here with your card number and PIN. -Jo"
CRITICAL = ("@sam Thanks for telling us. Please send us a DM with your contact details so a "
            "senior member of our team can help. -Jo")

db_url = _shared_db_url  # the same fixture as test_reviews: SQLite and PostgreSQL


def _writer(url: str) -> sa.Engine:
    """The attacker's own connection: plain SQL, none of brandvoice's code or keys."""
    engine = reviewdb._engines.pop(url, None)
    if engine is not None:
        engine.dispose()
    return sa.create_engine(url)


def _rows(conn: sa.Connection, sql: str) -> list[dict]:
    return [dict(r) for r in conn.exec_driver_sql(sql).mappings()]


def _rehash(conn: sa.Connection) -> None:
    """Recompute every hash and the head the way the unkeyed version 1 did."""
    prev = reviewdb.GENESIS
    for row in _rows(conn, "SELECT * FROM events ORDER BY seq"):
        digest = reviewdb.event_hash(prev, row["seq"], row["review_id"], row["at"], row["actor"],
                                     row["kind"], row["data_json"])
        conn.execute(sa.text("UPDATE events SET prev_hash = :p, hash = :h WHERE seq = :s"),
                     {"p": prev, "h": digest, "s": row["seq"]})
        prev, last = digest, row["seq"]
    conn.execute(sa.text("UPDATE chain_head SET seq = :s, hash = :h"), {"s": last, "h": prev})


def _approved(url: str) -> tuple[ReviewDesk, int]:
    desk = ReviewDesk(url)
    rid = desk.submit(GOOD, author="jo").id
    assert desk.approve(rid, "priya", "agent").state == "approved"
    assert desk.verify(rid, GOOD).ok
    return desk, rid


def test_swapped_text_with_recomputed_binding_and_rehashed_chain(db_url):
    """The red team's script: phishing text in the row and in the events, the binding
    recomputed, the approver renamed, the whole chain re-hashed."""
    _, rid = _approved(db_url)
    engine = _writer(db_url)
    with engine.begin() as conn:
        review = _rows(conn, f"SELECT * FROM reviews WHERE id = {rid}")[0]
        from brandvoice.review.gate import binding_hash

        binding = binding_hash(PHISH, review["channel"], review["voice_sha256"],
                               review["playbook_sha256"], json.loads(review["report_json"]))
        conn.execute(sa.text("UPDATE reviews SET text = :t, binding_sha256 = :b WHERE id = :i"),
                     {"t": PHISH, "b": binding, "i": rid})
        conn.execute(sa.text("UPDATE approvals SET approver = 'ceo'"))
        for row in _rows(conn, "SELECT seq, data_json FROM events"):
            data = json.loads(row["data_json"])
            if "text" in data:
                data["text"] = PHISH
            if "binding_sha256" in data:
                data["binding_sha256"] = binding
            conn.execute(sa.text("UPDATE events SET data_json = :d, actor = replace(actor, "
                                 "'priya', 'ceo') WHERE seq = :s"),
                         {"d": reviewdb.canonical(data), "s": row["seq"]})
        _rehash(conn)
    engine.dispose()
    desk = ReviewDesk(db_url)
    result = desk.verify(rid, PHISH)
    assert not result.ok
    assert "event 1: its content does not match its hash" in result.reason
    assert not desk.verify(rid, GOOD).ok  # the real text is not vouched for either now
    _count, problem = desk.verify_log()
    assert problem is not None and problem.seq == 1 and "does not match its hash" in problem.message
    with pytest.raises(TamperedError, match="review 1: its audit log does not verify"):
        desk.get(rid)


def test_row_only_changes_are_ignored(db_url):
    """Changing only the mutable rows (text, binding, approver) changes nothing: the review is
    replayed from its signed events, and verify refuses the swapped text."""
    _, rid = _approved(db_url)
    engine = _writer(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE reviews SET text = :t, binding_sha256 = 'x', author = "
                             "'mallory'"), {"t": PHISH})
        conn.execute(sa.text("UPDATE approvals SET approver = 'ceo'"))
    engine.dispose()
    desk = ReviewDesk(db_url)
    assert desk.verify(rid, PHISH).reason == "this text is not the text that was approved"
    review = desk.get(rid)
    assert (review.text, review.author) == (GOOD, "jo")
    assert [a["approver"] for a in review.approvals] == ["priya"]
    assert desk.verify(rid, GOOD).ok


def test_rejected_review_forged_to_approved(db_url):
    desk = ReviewDesk(db_url)
    rid = desk.submit(GOOD, author="jo").id
    desk.reject(rid, "priya", "off-brand")
    engine = _writer(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE reviews SET state = 'approved', binding_sha256 = 'b'"))
        conn.execute(sa.text(
            "INSERT INTO approvals (review_id, approver, role, text_sha256, created_at) "
            "VALUES (:r, 'ceo', 'agent', 'x', CURRENT_TIMESTAMP)"), {"r": rid})
    engine.dispose()
    desk = ReviewDesk(db_url)
    assert desk.verify(rid, GOOD).reason == f"review {rid} is rejected, not approved"
    assert desk.get(rid).state == "rejected" and desk.list("approved") == []


def test_forged_approval_event_without_the_key(db_url):
    """An appended event with a plain SHA-256 (or any hash made without the key)."""
    desk = ReviewDesk(db_url)
    rid = desk.submit(GOOD, author="jo").id
    engine = _writer(db_url)
    with engine.begin() as conn:
        head = _rows(conn, "SELECT * FROM chain_head")[0]
        for seq, kind, data in (
                (head["seq"] + 1, "approved", {"role": "agent", "approvals": 1, "required": 1,
                                               "version": 1, "approver_id": "ceo"}),
                (head["seq"] + 2, "state", {"state": "approved", "binding_sha256": "b"})):
            data_json = reviewdb.canonical(data)
            at = "2026-11-24T15:00:00+00:00"
            digest = reviewdb.event_hash(head["hash"], seq, rid, at, "ceo", kind, data_json)
            conn.execute(sa.text(
                "INSERT INTO events (seq, review_id, at, actor, kind, data_json, prev_hash, "
                "hash, key_id) VALUES (:s, :r, :a, 'ceo', :k, :d, :p, :h, :kid)"),
                {"s": seq, "r": rid, "a": at, "k": kind, "d": data_json, "p": head["hash"],
                 "h": digest, "kid": head["key_id"]})
            conn.execute(sa.text("UPDATE chain_head SET seq = :s, hash = :h"),
                         {"s": seq, "h": digest})
            head = {**head, "seq": seq, "hash": digest}
    engine.dispose()
    desk = ReviewDesk(db_url)
    assert not desk.verify(rid, GOOD).ok
    _count, problem = desk.verify_log()
    assert problem is not None and problem.seq == 3 and "does not match its hash" in problem.message


def test_deleting_the_last_event_and_rewinding_the_head(db_url):
    """Deleting the tail and pointing the head at the event before it is caught by the head's
    MAC; restoring a head row saved earlier is caught by an exported head."""
    desk = ReviewDesk(db_url)
    rid = desk.submit(GOOD, author="jo").id
    engine = _writer(db_url)
    with engine.connect() as conn:
        saved = _rows(conn, "SELECT * FROM chain_head")[0]  # the attacker keeps a copy
    desk = ReviewDesk(db_url)
    desk.reject(rid, "priya", "not this")
    exported = "{}:{}".format(*desk.head())
    assert desk.verify_log(exported) == (3, None)
    engine = _writer(db_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM events WHERE seq = 3")
        conn.execute(sa.text("UPDATE chain_head SET seq = 2, hash = :h"),
                     {"h": saved["hash"]})
    desk = ReviewDesk(db_url)
    _count, problem = desk.verify_log()
    assert problem is not None and "chain head's MAC does not verify" in problem.message
    engine = _writer(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE chain_head SET seq = :s, hash = :h, key_id = :k, mac = :m"),
                     {"s": saved["seq"], "h": saved["hash"], "k": saved["key_id"],
                      "m": saved["mac"]})
    engine.dispose()
    desk = ReviewDesk(db_url)
    assert desk.verify_log() == (2, None)  # undetectable from inside the database alone...
    _count, problem = desk.verify_log(exported)  # ...but not against the exported head
    assert problem is not None and problem.seq == 3 and "truncated" in problem.message
    assert desk.get(rid).state == "pending"


def test_deleting_an_edit_to_revive_the_approved_text(db_url):
    desk, rid = _approved(db_url)
    desk.edit(rid, GOOD.replace("today", "tomorrow"), "jo")
    desk.approve(desk.submit(GOOD, author="kai").id, "priya", "agent")  # later events
    engine = _writer(db_url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DELETE FROM events WHERE review_id = {rid} AND kind IN "
                             "('edited', 'checked') AND seq > 4")
    engine.dispose()
    desk = ReviewDesk(db_url)
    result = desk.verify(rid, GOOD)
    # The review's remaining events replay to "approved": the chain around them does not.
    assert not result.ok
    assert result.reason == ("the audit log does not verify: event 5: missing: the log jumps "
                             "from event 4 to 7 (deleted?)")


def test_a_chain_rewritten_with_another_key(db_url):
    _desk, _rid = _approved(db_url)
    mine = ReviewDesk(db_url, keys=["mallory-has-her-own-key-0000"])
    engine = _writer(db_url)
    ring = mine.keys
    with engine.begin() as conn:
        prev = reviewdb.GENESIS
        for row in _rows(conn, "SELECT * FROM events ORDER BY seq"):
            digest = reviewdb.event_hash(prev, row["seq"], row["review_id"], row["at"],
                                         row["actor"], row["kind"], row["data_json"],
                                         ring.current_id, ring)
            conn.execute(sa.text("UPDATE events SET prev_hash = :p, hash = :h, key_id = :k "
                                 "WHERE seq = :s"),
                         {"p": prev, "h": digest, "k": ring.current_id, "s": row["seq"]})
            prev = digest
    engine.dispose()
    _count, problem = ReviewDesk(db_url).verify_log()
    assert problem is not None and problem.seq == 1
    assert f"signed with key {ring.current_id}, which is not configured" in problem.message


def test_key_rotation(db_url):
    old, new = "old-key-0123456789abcdef", "new-key-0123456789abcdef"
    desk = ReviewDesk(db_url, keys=[old])
    first = desk.submit(GOOD, author="jo").id
    rotated = ReviewDesk(db_url, keys=[new, old])
    rotated.approve(first, "priya", "agent")
    kinds = [(e["kind"], e["key_id"]) for e in rotated.events()]
    assert kinds[2] == ("key_rotated", key_id(new.encode()))
    assert kinds[1][1] == key_id(old.encode()) and kinds[-1][1] == key_id(new.encode())
    assert rotated.verify_log() == (5, None)
    assert rotated.verify(first, GOOD).ok
    # Without the old key the old events cannot be vouched for.
    _count, problem = ReviewDesk(db_url, keys=[new]).verify_log()
    assert problem is not None and problem.seq == 1 and "not configured" in problem.message
    # Whoever holds only the retired key cannot write: the head is signed with the new key...
    with pytest.raises(UsageError, match=r"not configured.*put the new key first"):
        desk.submit(GOOD, author="ana")
    # ...and an event they append by hand with it is refused.
    engine = _writer(db_url)
    ring = desk.keys
    with engine.begin() as conn:
        top = _rows(conn, "SELECT * FROM chain_head")[0]
        seq, data_json, at = top["seq"] + 1, reviewdb.canonical({}), "2026-11-24T15:00:00"
        digest = reviewdb.event_hash(top["hash"], seq, first, at, "x", "expired", data_json,
                                     ring.current_id, ring)
        conn.execute(sa.text(
            "INSERT INTO events (seq, review_id, at, actor, kind, data_json, prev_hash, hash, "
            "key_id) VALUES (:s, :r, :a, 'x', 'expired', :d, :p, :h, :k)"),
            {"s": seq, "r": first, "a": at, "d": data_json, "p": top["hash"], "h": digest,
             "k": ring.current_id})
    engine.dispose()
    _count, problem = ReviewDesk(db_url, keys=[new, old]).verify_log()
    assert problem is not None and problem.seq == 6
    assert "retired or unannounced key" in problem.message


# Identity ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Jo", "jo ", "JO", "ｊｏ", "jo\u200b", "\u2060J\u00adO"])
def test_the_author_under_another_spelling_is_the_author(db_url, name):
    desk = ReviewDesk(db_url)
    rid = desk.submit(GOOD, author="jo", playbook=CARE, message="my box never arrived").id
    with pytest.raises(ReviewError, match=r"wrote review .*needs someone else"):
        desk.approve(rid, name, "agent")


def test_one_person_cannot_approve_twice_under_two_spellings(db_url):
    desk = ReviewDesk(db_url)
    rid = desk.submit(CRITICAL, author="jo", playbook=CARE,
                      message="my lawyer will be in touch").id
    desk.approve(rid, "intern", "legal")
    with pytest.raises(ReviewError, match="Intern has already approved"):
        desk.approve(rid, "Intern", "comms-lead")
    assert desk.get(rid).state == "pending"


def test_an_editor_is_an_author(db_url):
    desk = ReviewDesk(db_url)
    rid = desk.submit(GOOD, author="jo").id
    # Not PHISH: asking for a card number and PIN is a blocking finding now, in any channel.
    desk.edit(rid, GOOD.replace("-Jo", "Thanks! -Jo") if "-Jo" in GOOD else GOOD + " Thanks!",
              "priya")
    with pytest.raises(ReviewError, match=r"Priya edited review 1; .*needs someone else"):
        desk.approve(rid, "Priya", "agent")
    assert desk.get(rid).authors == ["jo", "priya"]
    assert desk.approve(rid, "kai", "agent").state == "approved"


def test_editing_away_and_back_does_not_revive_approvals(db_url):
    desk = ReviewDesk(db_url)
    rid = desk.submit(CRITICAL, author="jo", playbook=CARE,
                      message="my lawyer will be in touch").id
    desk.approve(rid, "ana", "legal")
    desk.edit(rid, CRITICAL + " Thanks!", "jo")
    back = desk.edit(rid, CRITICAL, "jo")
    assert (back.version, back.approvals) == (3, [])
    assert desk.approve(rid, "sol", "comms-lead").state == "pending"  # one approval, not two
    assert not desk.verify(rid, CRITICAL).ok
    assert desk.approve(rid, "ana", "legal").state == "approved"
    assert desk.verify(rid, CRITICAL).ok


def test_a_changed_voice_fails_verify(db_url, tmp_path):
    voice = tmp_path / "crumbly.yaml"
    shutil.copy(ROOT / "voices" / "crumbly.yaml", voice)
    desk = ReviewDesk(db_url)
    rid = desk.submit(GOOD, author="jo", voice=str(voice)).id
    desk.approve(rid, "priya", "agent")
    assert desk.verify(rid, GOOD).ok
    voice.write_text(voice.read_text(encoding="utf-8").replace('version: "3.2.0"',
                                                               'version: "3.2.1"', 1),
                     encoding="utf-8")
    result = desk.verify(rid, GOOD)
    assert not result.ok and f"the voice {voice} changed since the approval" in result.reason


def test_a_changed_playbook_fails_verify(db_url, tmp_path):
    folder = tmp_path / "pb"
    shutil.copytree(ROOT / "playbooks", folder)
    shutil.copytree(ROOT / "voices", tmp_path / "voices")
    playbook = folder / "crumbly-care.yaml"
    desk = ReviewDesk(db_url)
    rid = desk.submit(GOOD, author="jo", playbook=str(playbook),
                      message="my box never arrived").id
    desk.approve(rid, "priya", "agent")
    assert desk.verify(rid, GOOD).ok
    playbook.write_text(playbook.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert desk.verify(rid, GOOD).ok  # a comment changes nothing that was checked
    text = playbook.read_text(encoding="utf-8")
    playbook.write_text(text.replace('version: "2.3"', 'version: "2.4"', 1),
                        encoding="utf-8")
    result = desk.verify(rid, GOOD)
    assert not result.ok and "the playbook" in result.reason and "changed" in result.reason


def test_normalise_name():
    assert {normalise_name(n) for n in ("Jo", " jo ", "JO", "ｊｏ", "jo\u200b", "J\u00adO",
                                         "\u202ejo")} == {"jo"}
    assert normalise_name("Ana  María") == "ana maría"
    assert normalise_name("\u200b\u200d") == ""


# The command line ----------------------------------------------------------------------------


def test_cli_expect_head_detects_truncation(tmp_path):
    db = str(tmp_path / "cli.db")
    out = run_cli("review", "submit", "--db", db, "--author", "jo", "--format", "json", GOOD)
    rid = str(json.loads(out.stdout)["id"])
    out = run_cli("review", "head", "--db", db)
    assert out.returncode == 0 and out.stdout.startswith("2:")
    saved_head = out.stdout.strip()
    import sqlite3

    con = sqlite3.connect(db)
    saved = con.execute("SELECT seq, hash, key_id, mac FROM chain_head").fetchone()
    con.close()
    assert run_cli("review", "approve", rid, "--db", db, "--by", "priya", "--role",
                   "agent").returncode == 0
    head_file = tmp_path / "head.txt"
    out = run_cli("review", "head", "--db", db, "--output", str(head_file))
    assert out.returncode == 0 and head_file.read_text().startswith("4:")
    assert run_cli("review", "verify-log", "--db", db, "--expect-head",
                   str(head_file)).returncode == 0
    assert run_cli("review", "verify-log", "--db", db, "--expect-head",
                   saved_head).returncode == 0  # an older head: the log has only grown
    con = sqlite3.connect(db)
    con.execute("DELETE FROM events WHERE seq > 2")
    con.execute("UPDATE chain_head SET seq=?, hash=?, key_id=?, mac=?", saved)
    con.commit()
    con.close()
    assert run_cli("review", "verify-log", "--db", db).returncode == 0
    out = run_cli("review", "verify-log", "--db", db, "--expect-head", str(head_file))
    assert out.returncode == 1
    assert "TAMPERED: event 4: the exported head is event 4 but the log ends at event 2" \
        in out.stdout
    out = run_cli("review", "verify-log", "--db", db, "--expect-head", "nonsense")
    assert out.returncode == 2 and "--expect-head 'nonsense': not a chain head" in out.stderr
