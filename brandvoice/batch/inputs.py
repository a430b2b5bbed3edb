"""Reading replies or messages from files for ``--input``: JSONL, CSV or plain text.

JSONL: one object per line with ``text`` and optionally ``id`` and ``channel``. CSV: a header
row; the text column is ``text`` unless named otherwise. Plain text: one entry per non-empty
line. Rows are streamed, never loaded whole. A bad row is an error naming ``path:line``, or,
with ``on_bad_line``, is reported to it and skipped.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brandvoice.errors import UsageError
from brandvoice.limits import BoundedLines, open_input

__all__ = ["BadLineHandler", "Record", "detect_format", "read_records"]

FORMATS = ("auto", "jsonl", "csv", "text", "parquet")


@dataclass(frozen=True)
class Record:
    text: str
    id: str | None
    channel: str | None
    line: int  # 1-based line (or row) in the input file
    agent: str | None = None
    time: str | None = None
    # The whole row (JSONL object or CSV row), for per-row fields such as the customer's
    # message or the scenario that ``check --input`` reads.
    data: Mapping[str, object] | None = None


BadLineHandler = Callable[[UsageError], None]


def _bad(handler: BadLineHandler | None, error: UsageError) -> None:
    """Raise ``error`` or, when the caller skips bad lines, hand it over and go on."""
    if handler is None:
        raise error
    handler(error)


def detect_format(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    return "text"


def _open(path: str) -> Any:
    """The input's lines, streamed with a cap per line (brandvoice.limits.BoundedLines):
    devices are refused, a FIFO with no writer reads as empty, a huge line is an error."""
    if path == "-":
        if sys.stdin is None or sys.stdin.closed:
            raise UsageError("--input is '-' (standard input), but standard input is closed; "
                             "pipe the replies in")
        return BoundedLines(sys.stdin.buffer, "<stdin>")
    if os.path.isdir(path):
        raise UsageError(f"{path}: is a folder; give a .jsonl, .csv or .txt file")
    return BoundedLines(open_input(path, "--input"), path)


def read_records(path: str, fmt: str = "auto", *, text_column: str = "text",
                 id_column: str = "id", channel_column: str = "channel",
                 agent_column: str = "agent", time_column: str = "timestamp",
                 on_bad_line: BadLineHandler | None = None) -> Iterator[Record]:
    """Yield the entries of ``path`` (``-`` for standard input) in order, streaming.

    A malformed line raises :class:`UsageError` naming ``path:line:col`` once every earlier
    record has been yielded; with ``on_bad_line`` the error is passed to it and the line
    skipped instead.
    """
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt not in FORMATS:
        raise UsageError(f"unknown input format {fmt!r}; use one of {', '.join(FORMATS)}")
    cols = (text_column, id_column, channel_column, agent_column, time_column)
    if fmt == "parquet":
        yield from _parquet(path, *cols)
        return
    stream = _open(path)
    try:
        if fmt == "jsonl":
            yield from _jsonl(stream, path, *cols, on_bad_line=on_bad_line)
        elif fmt == "csv":
            yield from _csv(stream, path, *cols, on_bad_line=on_bad_line)
        else:
            for n, line in enumerate(stream, start=1):
                line = line.rstrip("\r\n")
                if line.strip():
                    yield Record(line, str(n), None, n)
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from None
    finally:
        if path != "-":
            stream.close()


def _opt(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _parquet(path: str, text_col: str, id_col: str, ch_col: str, agent_col: str,
             time_col: str) -> Iterator[Record]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("reading Parquet needs pyarrow: pip install 'brandvoice[parquet]'") \
            from None
    try:
        pf = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: not a readable Parquet file ({exc})") from None
    names = pf.schema_arrow.names
    if text_col not in names:
        raise UsageError(f"{path}: no {text_col!r} column (columns: {', '.join(names)}); name "
                         "it with --text-column")
    wanted = [c for c in (text_col, id_col, ch_col, agent_col, time_col) if c in names]
    row = 0
    for batch in pf.iter_batches(batch_size=10_000, columns=wanted):
        data = batch.to_pydict()
        for i in range(batch.num_rows):
            row += 1
            text = data[text_col][i]
            yield Record("" if text is None else str(text),
                         _opt(data[id_col][i]) if id_col in data else str(row),
                         _opt(data[ch_col][i]) if ch_col in data else None, row,
                         _opt(data[agent_col][i]) if agent_col in data else None,
                         _opt(data[time_col][i]) if time_col in data else None)


def _jsonl(stream: io.TextIOBase, path: str, text_col: str, id_col: str,
           ch_col: str, agent_col: str = "agent", time_col: str = "timestamp", *,
           on_bad_line: BadLineHandler | None = None) -> Iterator[Record]:
    for n, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            _bad(on_bad_line, UsageError(
                f"{path}:{n}:{exc.colno}: invalid JSON ({exc.msg}); each line must be an "
                f"object like {{\"id\": 1, \"text\": \"...\"}}"))
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get(text_col), str):
            _bad(on_bad_line, UsageError(f"{path}:{n}:1: each line must be a JSON object with "
                                         f"a string {text_col!r}"))
            continue
        raw_id = obj.get(id_col)
        channel = obj.get(ch_col)
        yield Record(obj[text_col], None if raw_id is None else str(raw_id),
                     str(channel) if channel else None, n, _opt(obj.get(agent_col)),
                     _opt(obj.get(time_col)), obj)


def _csv(stream: io.TextIOBase, path: str, text_col: str, id_col: str,
         ch_col: str, agent_col: str = "agent", time_col: str = "timestamp", *,
         on_bad_line: BadLineHandler | None = None) -> Iterator[Record]:
    csv.field_size_limit(10_000_000)
    reader = csv.DictReader(stream)
    if reader.fieldnames is None:
        return
    if text_col not in reader.fieldnames:
        raise UsageError(f"{path}:1:1: no {text_col!r} column (columns: "
                         f"{', '.join(reader.fieldnames)}); name it with --text-column")
    try:
        for row in reader:
            text = row.get(text_col)
            if text is None:
                _bad(on_bad_line, UsageError(f"{path}:{reader.line_num}:1: row has too few "
                                             "columns"))
                continue
            yield Record(text, row.get(id_col) or str(reader.line_num - 1),
                         row.get(ch_col) or None, reader.line_num, _opt(row.get(agent_col)),
                         _opt(row.get(time_col)), row)
    except csv.Error as exc:
        raise UsageError(f"{path}:{reader.line_num}:1: bad CSV ({exc})") from None
