"""Load test of ``brandvoice serve`` on 127.0.0.1: several clients submit, approve and verify
reviews for a while, the server is restarted once in the middle, and then:

* no approval is lost or duplicated: every review a client saw approved is approved in the
  database by exactly the people who approved it, once each, and the audit log holds one
  ``approved`` event per approval;
* the audit log's hash chain verifies;
* p50/p99 latency of ``/v1/check`` on a short reply, sampled throughout (requests that hit
  the restart are counted apart).

Usage: python benchmarks/server_load.py [--seconds 60] [--clients 4] [--db URL] [--crash]
Only loopback is used; every loop is bounded by the deadline and a maximum count. The
machine is shared while this runs: latency figures are medians of what it saw, not a
promise. Exit status 1 when an invariant fails.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHORT = "@sam Sorry about that! A new box ships today. -Jo"
NORMAL = ("@sam Sorry! A new CrumbleBox ships today. Can you DM us your address? -Jo",
          "my box never arrived")
CRITICAL = (("@sam Thanks for telling us. Please send us a DM with your contact details so a "
             "senior member of our team can help. -Jo"), "my lawyer will be in touch")
MAX_TRIES = 200  # per request, across a restart (0.1 s apart: 20 s at most)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_config(path: Path, clients: int) -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from brandvoice.server.auth import hash_password
    from brandvoice.server.config import hash_token, save_server_config

    people = {f"author{i}": ["agent"] for i in range(clients)}
    people.update({"rev-agent": ["agent", "team-lead"], "rev-legal": ["legal"],
                   "rev-comms": ["comms-lead"], "sampler": []})
    tokens = {name: f"bv_load_{name}_{os.urandom(8).hex()}" for name in people}
    pw = hash_password("load-test-password")
    save_server_config(path, {
        "session_secret": os.urandom(24).hex(),
        "users": {n: {"roles": r, "password": pw} for n, r in people.items()},
        "tokens": {f"{n}-token": {"user": n, "scopes": ["check", "triage", "submit", "approve"],
                                  "sha256": hash_token(t)} for n, t in tokens.items()},
    })
    return tokens


class Server:
    def __init__(self, port: int, db: str, config: Path, log: Path) -> None:
        self.port, self.db, self.config, self.log_path = port, db, config, log
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts: list[float] = []

    def start(self) -> float:
        t0 = time.perf_counter()
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "brandvoice", "serve", "--port", str(self.port),
             "--db", self.db, "--voices", str(ROOT / "voices"),
             "--playbooks", str(ROOT / "playbooks"), "--config", str(self.config),
             "--no-watch"], stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
            env={**os.environ, "BRANDVOICE_FAST_EXIT": "0"})
        for _ in range(1200):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/v1/health")
                if conn.getresponse().status == 200:
                    conn.close()
                    self.starts.append(time.perf_counter())
                    return time.perf_counter() - t0
            except OSError:
                time.sleep(0.1)
            if self.proc.poll() is not None:
                raise SystemExit(f"the server exited; see {self.log_path}")
        raise SystemExit("the server did not start within 120 s")

    def stop(self, crash: bool = False) -> None:
        assert self.proc is not None
        # SIGTERM: uvicorn finishes the requests in flight first. SIGKILL: a crash, answers
        # cut off mid-request (the clients retry; the gate must not count anything twice).
        self.proc.send_signal(signal.SIGKILL if crash else signal.SIGTERM)
        self.proc.wait(timeout=60)


class Client:
    """One keep-alive connection per thread; retries across the restart."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn: http.client.HTTPConnection | None = None
        self.retries = 0

    def call(self, method: str, path: str, token: str, body: Any = None) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        for attempt in range(MAX_TRIES):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                self.conn.request(method, path, body=data, headers=headers)
                resp = self.conn.getresponse()
                raw = resp.read()
                if resp.status == 503:
                    raise ConnectionError("unavailable")
                return resp.status, json.loads(raw) if raw[:1] in (b"{", b"[") else raw
            except (OSError, http.client.HTTPException):
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                self.retries += 1
                time.sleep(0.1 if attempt else 0.01)
        raise RuntimeError(f"{method} {path}: no answer after {MAX_TRIES} tries")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--db", help="database URL (default: a new SQLite file)")
    ap.add_argument("--crash", action="store_true", help="restart with SIGKILL instead of "
                    "SIGTERM")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bv-load-"))
    # The audit log's HMAC key: one for this run, never the user's own.
    os.environ.setdefault("BRANDVOICE_REVIEW_KEY_FILE", str(work / "review.key"))
    tokens = write_config(work / "server.yaml", args.clients)
    db = args.db or f"sqlite:///{work / 'reviews.db'}"
    port = _free_port()
    server = Server(port, db, work / "server.yaml", work / "server.log")
    first_start = server.start()
    print(f"server on 127.0.0.1:{port} ({db.split(':')[0]}), started in {first_start:.1f} s; "
          f"{args.clients} clients for {args.seconds:.0f} s, restart at "
          f"{args.seconds / 2:.0f} s")

    # A quiet phase first: /v1/check alone, as a helpdesk's pre-send check sees an idle server.
    quiet: list[float] = []
    probe = Client(port)
    for _ in range(5):
        probe.call("POST", "/v1/check", tokens["sampler"], {"text": SHORT})
    quiet_end = time.perf_counter() + min(5.0, args.seconds / 10)
    while time.perf_counter() < quiet_end and len(quiet) < 100_000:
        t0 = time.perf_counter()
        probe.call("POST", "/v1/check", tokens["sampler"], {"text": SHORT})
        quiet.append((time.perf_counter() - t0) * 1000)
    print(f"/v1/check, short reply, no other load: {len(quiet)} requests, p50 "
          f"{statistics.median(quiet):.1f} ms, p99 {percentile(quiet, 99):.1f} ms")

    deadline = time.perf_counter() + args.seconds
    lock = threading.Lock()
    approved: dict[int, tuple[str, set[str]]] = {}  # review -> (text, approvers)
    counts: Counter[str] = Counter()
    failures: list[str] = []
    samples: list[tuple[float, float]] = []  # (when, seconds) of /v1/check
    verify_ms: list[float] = []
    retried_checks = 0
    clients: list[Client] = []

    def worker(i: int) -> None:
        c = Client(port)
        clients.append(c)
        n = 0
        while time.perf_counter() < deadline and n < 100_000:
            n += 1
            text, message = CRITICAL if n % 4 == 0 else NORMAL
            text = f"{text} (ref {i}-{n})"
            status, review = c.call("POST", "/v1/reviews", tokens[f"author{i}"], {
                "text": text, "playbook": "crumbly-care", "message": message})
            if status != 201:
                failures.append(f"submit: {status} {review}")
                continue
            rid = review["id"]
            approvers = ["rev-legal", "rev-comms"] if review["approvals_required"] == 2 \
                else ["rev-agent"]
            for who in approvers:
                status, body = c.call("POST", f"/v1/reviews/{rid}/approve", tokens[who], {})
                # 409 "already approved": the first try landed before a restart cut the
                # answer off (or it completed the review). The retry must not add a second
                # approval; the read-back below checks that it did not.
                said = json.dumps(body)
                if status == 409 and ("already approved" in said or " is approved;" in said):
                    counts["approve answered by a retry"] += 1
                elif status != 200:
                    failures.append(f"approve {rid} by {who}: {status} {body}")
            t0 = time.perf_counter()
            status, body = c.call("POST", f"/v1/reviews/{rid}/verify", tokens[f"author{i}"],
                                  {"text": text})
            verify_ms.append((time.perf_counter() - t0) * 1000)
            if status != 200 or not body.get("ok"):
                failures.append(f"verify {rid}: {status} {body}")
            with lock:
                approved[rid] = (text, set(approvers))
                counts["reviews"] += 1
                counts["approvals"] += len(approvers)
                counts["verifications"] += 1

    def sampler() -> None:
        nonlocal retried_checks
        c = Client(port)
        n = 0
        while time.perf_counter() < deadline and n < 1_000_000:
            n += 1
            before = c.retries
            t0 = time.perf_counter()
            status, _body = c.call("POST", "/v1/check", tokens["sampler"], {"text": SHORT})
            took = time.perf_counter() - t0
            if status != 200:
                failures.append(f"check: {status}")
            elif c.retries == before:
                samples.append((t0, took))
            else:
                retried_checks += 1
            time.sleep(0.005)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.clients)]
    threads.append(threading.Thread(target=sampler))
    for t in threads:
        t.start()
    time.sleep(max(0.0, deadline - time.perf_counter() - args.seconds / 2))
    t0 = time.perf_counter()
    server.stop(crash=args.crash)
    restart = server.start()
    down = time.perf_counter() - t0
    print(f"{'killed (SIGKILL)' if args.crash else 'stopped (SIGTERM)'} and restarted in the "
          f"middle: down {down:.1f} s (start-up {restart:.1f} s)")
    for t in threads:
        t.join(timeout=args.seconds + 300)

    # The invariants, read back from the restarted server.
    c = Client(port)
    admin = tokens["rev-agent"]
    lost = duplicated = 0
    # verify recomputes the audit chain from the review's first event to the head, so it
    # costs more as the log grows: every review is read back, a sample is verified again.
    sample = set(random.Random(14).sample(sorted(approved), min(50, len(approved))))
    for rid, (text, expected) in sorted(approved.items()):
        _s, review = c.call("GET", f"/v1/reviews/{rid}", admin)
        names = [a["approver"] for a in review["approvals"]]
        if review["state"] != "approved" or set(names) != expected:
            lost += 1
            failures.append(f"review {rid}: {review['state']} by {names}, expected {expected}")
        if len(names) != len(set(names)):
            duplicated += 1
        if rid not in sample:
            continue
        _s, body = c.call("POST", f"/v1/reviews/{rid}/verify", admin, {"text": text})
        if not body.get("ok"):
            failures.append(f"review {rid} no longer verifies: {body}")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("GET", "/v1/audit", headers={"Authorization": f"Bearer {admin}"})
    events = [json.loads(line) for line in conn.getresponse().read().splitlines()]
    per_review = Counter(e["review_id"] for e in events if e["kind"] == "approved")
    for rid, (_text, expected) in approved.items():
        if per_review[rid] != len(expected):
            duplicated += per_review[rid] > len(expected)
            failures.append(f"review {rid}: {per_review[rid]} approved events in the log, "
                            f"expected {len(expected)}")
    _s, chain = c.call("GET", "/v1/audit/verify", admin)
    server.stop()

    latencies = [took * 1000 for when, took in samples
                 if all(when - s > 2.0 for s in server.starts if s <= when)]
    print(f"{counts['reviews']} reviews submitted, {counts['approvals']} approvals, "
          f"{counts['verifications']} verifications; "
          f"{sum(x.retries for x in clients)} requests retried across the restart, "
          f"{counts['approve answered by a retry']} approvals confirmed by a retry (409)")
    print(f"approvals lost: {lost}; duplicated: {duplicated}; audit log: {chain['events']} "
          f"events, chain {'verifies' if chain['ok'] else 'BROKEN: ' + str(chain)}")
    if latencies:
        print(f"/v1/check under load, short reply: {len(latencies)} samples (from 2 s after "
              f"each start-up; "
              f"{retried_checks} hit the restart): p50 {statistics.median(latencies):.1f} ms, "
              f"p90 {percentile(latencies, 90):.1f} ms, p99 {percentile(latencies, 99):.1f} ms, "
              f"max {max(latencies):.1f} ms")
    if verify_ms:
        print(f"/v1/reviews/ID/verify during the run: p50 {statistics.median(verify_ms):.0f} ms, "
              f"p99 {percentile(verify_ms, 99):.0f} ms, max {max(verify_ms):.0f} ms "
              f"(the audit log grew to {len(events)} events)")
    for f in failures[:20]:
        print("FAIL:", f)
    ok = not failures and lost == 0 and duplicated == 0 and chain["ok"]
    print("OK" if ok else f"FAILED ({len(failures)} problems)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
