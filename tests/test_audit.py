"""brandvoice audit: streamed, parallel, resumable; summary and an HTML report that renders in
a real headless browser."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from brandvoice.batch.audit import AuditOptions, audit, day_of

GENERATE = ROOT / "benchmarks" / "generate.py"


def generate(n: int, path: Path) -> Path:
    subprocess.run([sys.executable, str(GENERATE), str(n), str(path)], check=True,
                   capture_output=True)
    return path


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return generate(3000, tmp_path_factory.mktemp("audit") / "replies.jsonl")


def _summary(out: Path) -> dict:
    data = json.loads((out / "summary.json").read_text())
    data.pop("generated")
    return data


def test_audit_results_and_summary(archive, tmp_path):
    out = tmp_path / "out"
    agg = audit(AuditOptions(str(archive), str(out), jobs=2, chunk_size=400))
    rows = [json.loads(x) for x in (out / "results.jsonl").read_text().splitlines()]
    ids = [json.loads(x)["id"] for x in archive.read_text().splitlines()]
    assert [r["id"] for r in rows] == ids  # every reply once, in input order
    s = _summary(out)
    assert s["replies"] == agg.replies == 3000
    assert s["findings"] == sum(len(r["findings"]) for r in rows)
    assert sum(x["count"] for x in s["by_rule"]) == s["findings"]
    assert len(s["agents"]) == 10 and sum(a["replies"] for a in s["agents"]) == 3000
    assert len(s["over_time"]) > 30  # spread over 90 days
    assert {c["name"] for c in s["channels"]} == {"x", "facebook", "instagram_dm", "email",
                                                  "whatsapp"}
    worst = s["worst"]
    assert worst[0]["score"] == min(r["score"] for r in rows)
    assert [w["score"] for w in worst] == sorted(w["score"] for w in worst)


def test_audit_matches_check_many(archive, tmp_path):
    from brandvoice import Checker, Item

    out = tmp_path / "out"
    audit(AuditOptions(str(archive), str(out), jobs=1, chunk_size=1000))
    rows = [json.loads(x) for x in (out / "results.jsonl").read_text().splitlines()][:300]
    reports = Checker().check_many([Item(r["text"], r["channel"], r["id"]) for r in rows])
    assert [(r["id"], r["score"]) for r in rows] == [(x.id, x.score) for x in reports]


def test_resume_redoes_only_missing_chunks(archive, tmp_path):
    out = tmp_path / "out"
    opts = AuditOptions(str(archive), str(out), jobs=2, chunk_size=500)
    audit(opts)
    first = _summary(out)
    parts = sorted((out / "parts").glob("part-*.jsonl"))
    stamps = {p.name: p.stat().st_mtime_ns for p in parts}
    parts[3].unlink()  # as if the run had stopped before chunk 3 finished
    calls = []
    audit(opts, lambda done, total, skipped: calls.append((done, total, skipped)))
    assert calls[-1] == (3000, 3000, 2500)  # 5 of 6 chunks reused
    again = sorted((out / "parts").glob("part-*.jsonl"))
    changed = [p.name for p in again if p.stat().st_mtime_ns != stamps[p.name]]
    assert changed == [parts[3].name]
    assert _summary(out) == first


@pytest.mark.timeout(900)  # the wait for the first parts below is bounded here
def test_interrupted_cli_run_resumes(tmp_path):
    archive = generate(12000, tmp_path / "big.jsonl")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "brandvoice", "audit", str(archive), "--out", str(out),
           "--jobs", "1", "--chunk-size", "500"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    while len(list((out / "parts").glob("part-*.jsonl"))) < 3:  # pytest-timeout bounds this
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole process group: parent and workers
    proc.wait()
    done_before = len(list((out / "parts").glob("part-*.jsonl")))
    assert 3 <= done_before < 24
    finished = subprocess.run(cmd, capture_output=True, check=False, text=True, timeout=600)
    summary = json.loads((out / "summary.json").read_text())
    # Exit 1: the generated archive has off-voice replies (any failing reply fails the run).
    assert 0 < summary["passed"] < summary["replies"]
    assert finished.returncode == 1, finished.stderr
    assert "resumed from an earlier run" in finished.stderr
    rows = [json.loads(x)["id"] for x in (out / "results.jsonl").read_text().splitlines()]
    assert rows == [f"r{i}" for i in range(12000)]
    assert not list((out / "parts").glob("*.tmp"))


def test_parquet_in_and_out(archive, tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    rows = [json.loads(x) for x in archive.read_text().splitlines()][:800]
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({k: [r[k] for r in rows] for k in rows[0]}), src)
    out = tmp_path / "out"
    audit(AuditOptions(str(src), str(out), jobs=1, chunk_size=300, output_format="parquet"))
    table = pq.read_table(out / "results.parquet")
    assert table.num_rows == 800
    assert table.column("id").to_pylist() == [r["id"] for r in rows]


def test_cli_and_bad_input(tmp_path, archive):
    out = run_cli("audit", str(archive), "--out", str(tmp_path / "o"), "--jobs", "2",
                  "--quiet")
    assert out.returncode == 1, out.stderr  # the archive has failing replies
    assert out.stdout.startswith("3,000 replies audited:")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,body\n1,hello\n")
    out = run_cli("audit", str(bad), "--out", str(tmp_path / "o2"))
    assert out.returncode == 2 and "no 'text' column" in out.stderr


def test_day_of():
    assert day_of("2026-03-01T10:00:00+00:00") == "2026-03-01"
    assert day_of("Tue Oct 31 22:10:47 +0000 2017") == "2017-10-31"
    assert day_of("yesterday") is None and day_of(None) is None


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_chromium() is None, reason="no headless Chromium here (.ci/run installs "
                    "Debian's chromium package)")
def test_html_report_renders_in_a_headless_browser(archive, tmp_path):
    out = tmp_path / "out"
    audit(AuditOptions(str(archive), str(out), jobs=2))
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([_chromium(), *flags, "--dump-dom", (out / "report.html").as_uri()],
                         capture_output=True, check=False, text=True, timeout=120).stdout
    assert "<h1>brandvoice audit</h1>" in dom
    assert dom.count("<svg") >= 5 and "<polyline" in dom
    assert "Average score per day" in dom and "3,000" in dom
    png = tmp_path / "report.png"
    subprocess.run([_chromium(), *flags, "--window-size=1000,1600", f"--screenshot={png}",
                    (out / "report.html").as_uri()], capture_output=True, check=False, timeout=120)
    assert png.stat().st_size > 20_000  # a page with charts, not a blank one
