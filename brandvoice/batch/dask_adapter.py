"""Running the checks over a partitioned dataset with Dask, beyond one machine.

Why Dask rather than Spark: brandvoice is Python through and through (spaCy, textstat,
pluggy plugins). Dask schedules Python functions over pandas partitions natively, runs the
same code on a laptop (the local scheduler), on a machine's cores or on a cluster
(``dask.distributed``), and needs no JVM or Python-to-JVM serialisation. Spark would run
the same function through PySpark's Python workers at more cost and setup for the same result.

::

    import dask.dataframe as dd
    from brandvoice.batch.dask_adapter import check_dataframe

    replies = dd.read_parquet("s3://care-archive/replies/")   # or read_csv, from_pandas...
    results = check_dataframe(replies, voice="voices/crumbly.yaml", text_column="body")
    results.groupby("channel").score.mean().compute()
    results.to_parquet("s3://care-archive/audit-2026-11/")

Each worker process builds its checker once (per voice) and reuses it for every partition
it receives; each partition is checked in one batch through ``nlp.pipe``.
"""

from __future__ import annotations

import json
from typing import Any

from brandvoice.caches import OwnerCache, plugin_state

__all__ = ["RESULT_COLUMNS", "check_dataframe", "check_partition"]

RESULT_COLUMNS = {"score": "int64", "passed": "bool", "findings": "int64",
                  "rules": "object", "findings_json": "object"}

# Per voice path, in each worker, under the process-wide plugin manager.
_checkers: OwnerCache[Any] = OwnerCache("Dask worker checker per voice path", plugin_state)


def _checker(voice: str | None, fail_on: str) -> Any:
    from brandvoice.checks.engine import Checker
    from brandvoice.plugins.manager import get_plugin_manager

    return _checkers.get(get_plugin_manager(), (voice, fail_on),
                         lambda: Checker(voice, fail_on=fail_on))


def check_partition(df: Any, voice: str | None = None, text_column: str = "text",
                    channel_column: str | None = None, channel: str = "x",
                    fail_on: str = "error") -> Any:
    """Check every reply of one pandas DataFrame; returns it with the result columns added
    (``score``, ``passed``, ``findings`` count, ``rules`` as a comma-separated string and
    ``findings_json``)."""
    from brandvoice.checks.engine import Item

    checker = _checker(voice, fail_on)
    texts = df[text_column].fillna("").astype(str).tolist()
    channels = (df[channel_column].fillna(channel).astype(str).tolist() if channel_column
                else [channel] * len(texts))
    reports = list(checker.check_many(Item(t, c) for t, c in zip(texts, channels, strict=True)))
    out = df.copy()
    out["score"] = [r.score for r in reports]
    out["passed"] = [r.passed for r in reports]
    out["findings"] = [len(r.findings) for r in reports]
    out["rules"] = [",".join(sorted(r.rules())) for r in reports]
    out["findings_json"] = [json.dumps([f.to_dict() for f in r.findings]) for r in reports]
    return out.astype({k: v for k, v in RESULT_COLUMNS.items() if v != "object"})


def check_dataframe(ddf: Any, voice: str | None = None, text_column: str = "text",
                    channel_column: str | None = None, channel: str = "x",
                    fail_on: str = "error") -> Any:
    """A Dask DataFrame of ``ddf`` plus the result columns, computed lazily, partition by
    partition. ``voice`` is a path every worker can read (or None for the built-in voice)."""
    import pandas as pd

    if text_column not in ddf.columns:
        from brandvoice.errors import UsageError

        raise UsageError(f"no {text_column!r} column (columns: {', '.join(ddf.columns)})")
    meta = ddf._meta.copy()
    for name, dtype in RESULT_COLUMNS.items():
        meta[name] = pd.Series(dtype=dtype)
    return ddf.map_partitions(check_partition, voice=voice, text_column=text_column,
                              channel_column=channel_column, channel=channel, fail_on=fail_on,
                              meta=meta)
