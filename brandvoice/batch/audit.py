"""``brandvoice audit``: how on-voice have we been? Checks a whole archive of replies.

Design, for files of millions of rows:

* **Streamed.** Rows are read lazily and cut into chunks of ``chunk_size``; at most
  ``2 * jobs`` chunks are in flight, so memory does not grow with the file.
* **All cores.** Each worker process builds one :class:`~brandvoice.checks.engine.Checker` and checks
  whole chunks; only small per-chunk aggregates travel back to the parent.
* **Resumable.** Each chunk's results are written to ``OUT/parts/part-NNNNNN.jsonl`` (with
  its aggregates beside it) and renamed into place when complete. A rerun of the same
  command skips every chunk whose part file exists, so an interrupted audit redoes nothing
  that finished.
* **Outputs.** ``OUT/results.jsonl`` (or ``.parquet``), ``OUT/summary.json`` and
  ``OUT/report.html``, a self-contained page with charts (inline SVG, no scripts).
"""

from __future__ import annotations

import heapq
import json
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brandvoice.batch.inputs import Record, read_records
from brandvoice.errors import UsageError

__all__ = ["Aggregate", "AuditOptions", "audit"]

WORST = 25


@dataclass
class AuditOptions:
    input: str
    out_dir: str
    voice: str | None = None
    input_format: str = "auto"
    text_column: str = "text"
    id_column: str = "id"
    channel_column: str = "channel"
    agent_column: str = "agent"
    time_column: str = "timestamp"
    channel: str | None = None
    jobs: int = 0  # 0: every core
    chunk_size: int = 2000
    fail_on: str = "error"
    output_format: str = "jsonl"  # or parquet
    # Skip malformed rows (and rows on a channel the voice lacks) instead of stopping; each is
    # passed to on_bad_line (the CLI prints it) and counted in the summary.
    skip_bad_lines: bool = False
    on_bad_line: Callable[[UsageError], None] | None = None
    bad_lines: int = 0
    resumed: int = 0  # rows whose results an earlier run had written (set by audit)


@dataclass
class Aggregate:
    """Counts that merge: what the summary and the report are made of."""

    replies: int = 0
    passed: int = 0
    score_sum: int = 0
    findings: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    histogram: Counter[int] = field(default_factory=Counter)  # score // 10 (100 -> 10)
    channels: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    agents: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    days: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    day_categories: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    worst: list[tuple[int, str, str, list[str]]] = field(default_factory=list)

    def add(self, r: dict[str, Any], agent: str | None, day: str | None) -> None:
        score, n = r["score"], len(r["findings"])
        self.replies += 1
        self.passed += bool(r["passed"])
        self.score_sum += score
        self.findings += n
        self.histogram[min(score // 10, 10)] += 1
        for f in r["findings"]:
            self.by_rule[f["rule"]] += 1
            self.by_category[f["category"]] += 1
        for table, key in ((self.channels, r["channel"]), (self.agents, agent),
                           (self.days, day)):
            if key:
                row = table[key]
                row[0] += 1
                row[1] += score
                row[2] += n
        if day:
            self.day_categories[day].update(f["category"] for f in r["findings"])
        entry = (-score, str(r["id"]), r["text"], sorted({f["rule"] for f in r["findings"]}))
        if len(self.worst) < WORST:
            heapq.heappush(self.worst, entry)
        elif entry > self.worst[0]:
            heapq.heapreplace(self.worst, entry)

    def merge(self, other: Aggregate) -> None:
        self.replies += other.replies
        self.passed += other.passed
        self.score_sum += other.score_sum
        self.findings += other.findings
        self.by_rule.update(other.by_rule)
        self.by_category.update(other.by_category)
        self.histogram.update(other.histogram)
        for mine, theirs in ((self.channels, other.channels), (self.agents, other.agents),
                             (self.days, other.days)):
            for key, row in theirs.items():
                acc = mine[key]
                for i in range(3):
                    acc[i] += row[i]
        for day, counts in other.day_categories.items():
            self.day_categories[day].update(counts)
        for entry in other.worst:
            item = (int(entry[0]), str(entry[1]), str(entry[2]), list(entry[3]))
            if len(self.worst) < WORST:
                heapq.heappush(self.worst, item)
            elif item > self.worst[0]:
                heapq.heapreplace(self.worst, item)

    def to_json(self) -> dict[str, Any]:
        return {
            "replies": self.replies, "passed": self.passed, "score_sum": self.score_sum,
            "findings": self.findings, "by_rule": dict(self.by_rule),
            "by_category": dict(self.by_category),
            "histogram": {str(k): v for k, v in self.histogram.items()},
            "channels": dict(self.channels), "agents": dict(self.agents),
            "days": dict(self.days),
            "day_categories": {d: dict(c) for d, c in self.day_categories.items()},
            "worst": [list(w) for w in self.worst],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Aggregate:
        agg = cls(d["replies"], d["passed"], d["score_sum"], d["findings"],
                  Counter(d["by_rule"]), Counter(d["by_category"]),
                  Counter({int(k): v for k, v in d["histogram"].items()}))
        for name in ("channels", "agents", "days"):
            getattr(agg, name).update(d[name])
        for day, counts in d["day_categories"].items():
            agg.day_categories[day] = Counter(counts)
        agg.worst = [(w[0], w[1], w[2], w[3]) for w in d["worst"]]
        heapq.heapify(agg.worst)
        return agg


def day_of(value: str | None) -> str | None:
    """The date part of a timestamp (ISO 8601, or Twitter's 'Tue Oct 31 22:10:47 +0000
    2017'), or None."""
    if not value:
        return None
    text = value.strip()
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return text[:10]
    import datetime as dt

    for fmt in ("%a %b %d %H:%M:%S %z %Y", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


# Workers --------------------------------------------------------------------------------------

_worker_checker: Any = None


def _init_worker(voice: str | None, fail_on: str) -> None:
    global _worker_checker
    from brandvoice.checks.engine import Checker

    _worker_checker = Checker(voice, fail_on=fail_on)


def _check_chunk(index: int, rows: list[tuple[str, str | None, str | None, str | None,
                                               str | None, int]],
                 parts: str, channel: str | None) -> dict[str, Any]:
    """Check one chunk, write its part file atomically, return its aggregates."""
    from brandvoice.checks.engine import Item

    checker = _worker_checker
    items = [Item(text, ch or channel, rid) for text, rid, ch, _agent, _time, _line in rows]
    agg = Aggregate()
    final = Path(parts) / f"part-{index:06d}.jsonl"
    tmp = final.with_suffix(".jsonl.tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for (_t, _id, _ch, agent, when, line), report in zip(rows, checker.check_many(items),
                                                              strict=True):
            result = report.to_dict()
            result.pop("voice", None)
            result.pop("voice_version", None)
            result["agent"], result["timestamp"] = agent, when
            result["input_line"] = line
            agg.add(result, agent, day_of(when))
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    summary = final.with_suffix(".summary.json")
    summary.write_text(json.dumps(agg.to_json()), "utf-8")
    os.replace(tmp, final)  # the part file appearing is what marks the chunk done
    return agg.to_json()


def _chunks(records: Iterable[Record], size: int) -> Iterator[tuple[int, list[Any]]]:
    chunk: list[Any] = []
    index = 0
    for r in records:
        chunk.append((r.text, r.id, r.channel, r.agent, r.time, r.line))
        if len(chunk) >= size:
            yield index, chunk
            index += 1
            chunk = []
    if chunk:
        yield index, chunk


# The audit ------------------------------------------------------------------------------------


def count_rows(opts: AuditOptions) -> int | None:
    """Rows in the input, for the progress bar (None for standard input)."""
    if opts.input == "-":
        return None
    quiet = (lambda _error: None) if opts.skip_bad_lines else None  # reported on the real pass
    return sum(1 for _ in read_records(
        opts.input, opts.input_format, text_column=opts.text_column, id_column=opts.id_column,
        channel_column=opts.channel_column, agent_column=opts.agent_column,
        time_column=opts.time_column, on_bad_line=quiet))


def _records(opts: AuditOptions, channels: Iterable[str] = ()) -> Iterator[Record]:
    """The rows, each on a channel the voice defines; a bad row raises ``path:line`` or,
    with ``skip_bad_lines``, is reported, counted and skipped."""
    known = set(channels)

    def bad(error: UsageError) -> None:
        if not opts.skip_bad_lines:
            raise error
        opts.bad_lines += 1
        if opts.on_bad_line is not None:
            opts.on_bad_line(error)

    shown = "<stdin>" if opts.input == "-" else opts.input
    for r in read_records(opts.input, opts.input_format, text_column=opts.text_column,
                          id_column=opts.id_column, channel_column=opts.channel_column,
                          agent_column=opts.agent_column, time_column=opts.time_column,
                          on_bad_line=bad):
        channel = r.channel or opts.channel or "x"
        if known and channel not in known:
            bad(UsageError(f"{shown}:{r.line}:1: unknown channel {channel!r}; this voice "
                           f"defines: {', '.join(sorted(known))}"))
            continue
        yield r


def audit(opts: AuditOptions, progress: Callable[[int, int | None, int], None] | None = None
          ) -> Aggregate:
    """Run the audit; returns the merged aggregates (also written to ``summary.json``).

    ``progress(done, total, skipped)`` is called as chunks finish.
    """
    from brandvoice.voice import load_voice

    voice = load_voice(opts.voice)  # fail now, in the parent, on a broken voice
    out = Path(opts.out_dir)
    parts = out / "parts"
    parts.mkdir(parents=True, exist_ok=True)
    jobs = opts.jobs or os.cpu_count() or 1
    total = count_rows(opts) if progress else None
    agg = Aggregate()
    done = skipped = 0
    pending: dict[Future[dict[str, Any]], int] = {}
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(opts.voice, opts.fail_on)) as pool:
        def drain(block_until: int) -> None:
            nonlocal done
            while len(pending) > block_until:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    n = pending.pop(fut)
                    agg.merge(Aggregate.from_json(fut.result()))
                    done += n
                    if progress:
                        progress(done, total, skipped)

        for index, rows in _chunks(_records(opts, voice.channel_names), opts.chunk_size):
            part = parts / f"part-{index:06d}.jsonl"
            if part.exists():  # finished in an earlier run: reuse, do not redo
                summary = json.loads(part.with_suffix(".summary.json").read_text("utf-8"))
                agg.merge(Aggregate.from_json(summary))
                done += len(rows)
                skipped += len(rows)
                if progress:
                    progress(done, total, skipped)
                continue
            pending[pool.submit(_check_chunk, index, rows, str(parts), opts.channel)] = len(rows)
            drain(2 * jobs)
        drain(0)
    opts.resumed = skipped
    _write_outputs(opts, out, agg)
    return agg


def _write_outputs(opts: AuditOptions, out: Path, agg: Aggregate) -> None:
    from brandvoice.batch.report import render_html, summary

    parts = sorted((out / "parts").glob("part-*.jsonl"))
    if opts.output_format == "parquet":
        _write_parquet(parts, out / "results.parquet")
    else:
        with (out / "results.jsonl").open("w", encoding="utf-8") as target:
            for part in parts:
                with part.open(encoding="utf-8") as src:
                    for line in src:
                        target.write(line)
    data = summary(agg, opts)
    if opts.skip_bad_lines:
        data["bad_lines_skipped"] = opts.bad_lines
    (out / "summary.json").write_text(json.dumps(data, indent=2, ensure_ascii=False), "utf-8")
    (out / "report.html").write_text(render_html(data), "utf-8")


def _write_parquet(parts: list[Path], target: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        from brandvoice.errors import UsageError

        raise UsageError("--output-format parquet needs pyarrow: pip install "
                         "'brandvoice[parquet]'") from None
    schema = pa.schema([("id", pa.string()), ("channel", pa.string()), ("score", pa.int32()),
                        ("passed", pa.bool_()), ("agent", pa.string()),
                        ("timestamp", pa.string()), ("text", pa.string()),
                        ("findings", pa.string())])
    with pq.ParquetWriter(target, schema) as writer:
        for part in parts:
            rows = [json.loads(line) for line in part.open(encoding="utf-8")]
            writer.write_table(pa.table({
                "id": [None if r["id"] is None else str(r["id"]) for r in rows],
                "channel": [r["channel"] for r in rows],
                "score": [r["score"] for r in rows], "passed": [r["passed"] for r in rows],
                "agent": [r.get("agent") for r in rows],
                "timestamp": [r.get("timestamp") for r in rows],
                "text": [r["text"] for r in rows],
                "findings": [json.dumps(r["findings"]) for r in rows],
            }, schema=schema))
