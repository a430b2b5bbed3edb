"""The Dask adapter, in local mode: the same checks over a partitioned dataset, with results
identical to the in-process API."""

from __future__ import annotations

import pytest

dd = pytest.importorskip("dask.dataframe", reason="dask[dataframe] is not installed")
pd = pytest.importorskip("pandas")

from conftest import ROOT  # noqa: E402

from brandvoice import Checker, Item  # noqa: E402
from brandvoice.batch.dask_adapter import check_dataframe  # noqa: E402

REPLIES = [
    "@ana Sorry about the wait, Ana! We've sent a new one. -Jo",
    "We apologize for any inconvenience. You should have read the FAQ!!",
    "Kindly be advised that your request has been received.",
    "Hey guys, call 07700 900123 or email ana@gmail.com 😂😂😂",
    "Thanks!",
] * 40


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_dask_local_mode_matches_the_api(scheduler):
    import dask

    frame = pd.DataFrame({"id": range(len(REPLIES)), "body": REPLIES,
                          "channel": ["x", "email"] * (len(REPLIES) // 2)})
    ddf = dd.from_pandas(frame, npartitions=4)
    voice = str(ROOT / "voices" / "crumbly.yaml")
    with dask.config.set(scheduler=scheduler, num_workers=2):
        result = check_dataframe(ddf, voice=voice, text_column="body",
                                 channel_column="channel").compute()
    expected = list(Checker(voice).check_many(
        Item(t, c) for t, c in zip(frame.body, frame.channel, strict=True)))
    assert result["score"].tolist() == [r.score for r in expected]
    assert result["rules"].tolist() == [",".join(sorted(r.rules())) for r in expected]
    assert result["passed"].dtype == bool and len(result) == len(REPLIES)
    by_channel = result.groupby("channel")["score"].mean()
    assert set(by_channel.index) == {"x", "email"}


def test_missing_text_column_is_a_usage_error():
    from brandvoice import UsageError

    ddf = dd.from_pandas(pd.DataFrame({"body": ["hi"]}), npartitions=1)
    with pytest.raises(UsageError, match="no 'text' column"):
        check_dataframe(ddf)
