"""Opening hours that cannot produce an SLA are load and lint errors with their line, never a
crash of every triage; public holidays come from the holidays package."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from brandvoice.errors import ConfigError
from brandvoice.playbooks.hours import BusinessHours
from brandvoice.playbooks.model import load_playbook
from brandvoice.playbooks.triage import Triager

WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "playbooks", tmp_path / "pb")
    shutil.copytree(ROOT / "voices", tmp_path / "voices")
    return tmp_path / "pb"


def _with_hours(folder: Path, weekly: dict[str, str], extra: str = "") -> tuple[Path, str]:
    path = folder / "crumbly-care.yaml"
    text = path.read_text(encoding="utf-8")
    for day in WEEK:
        old = next(line for line in text.splitlines() if line.startswith(f"    {day}: "))
        text = text.replace(old, f"    {day}: {weekly.get(day, '[]')}", 1)
    if extra:
        text = text.replace("  holidays:\n", f"{extra}  holidays:\n", 1)
    path.write_text(text, encoding="utf-8")
    return path, text


@pytest.mark.parametrize("span", ["09:00-09:00", "17:00-09:00"])
def test_spans_that_end_before_they_start(folder, span):
    path, text = _with_hours(folder, {"mon": f'["{span}"]', "tue": '["09:00-17:00"]'})
    line = text.split(f'    mon: ["{span}"]')[0].count("\n") + 1
    with pytest.raises(ConfigError) as info:
        load_playbook(str(path))
    (problem,) = [p for p in info.value.problems if p.key.startswith("hours")]
    assert (problem.line, problem.key) == (line, "hours.weekly.mon[0]")
    assert f"{span} ends before it starts" in problem.message
    out = run_cli("lint", str(path), "--no-examples")
    assert out.returncode == 1 and f"{path}:{line}:" in out.stdout
    out = run_cli("triage", "--playbook", str(path), "my box never arrived")
    assert out.returncode == 2 and f"{span} ends before it starts" in out.stderr


def test_too_little_open_time_for_an_sla(folder):
    # One minute a week cannot hold the slowest business-clock SLA within 800 days.
    path, _text = _with_hours(folder, {"sun": '["10:00-10:01"]'})
    with pytest.raises(ConfigError) as info:
        load_playbook(str(path))
    messages = [str(p) for p in info.value.problems]
    assert any("cannot be reached within 800 days with these opening hours" in m
               and ".first_response" in m for m in messages), messages
    out = run_cli("triage", "--playbook", str(path), "my box never arrived")
    assert out.returncode == 2 and "internal error" not in out.stderr


def test_public_holidays_of_a_country_are_closed():
    hours = BusinessHours("Europe/London", {d: ["09:00-17:00"] for d in WEEK[:5]},
                          country="GB-ENG")
    # 26 December 2026 is a Saturday: the bank holiday moves to Monday 28 December.
    friday = dt.datetime(2026, 12, 24, 16, 0, tzinfo=dt.timezone.utc)
    assert hours.add(friday, dt.timedelta(hours=2)).date() == dt.date(2026, 12, 29)
    assert not hours.is_open(dt.datetime(2026, 12, 28, 10, 0, tzinfo=dt.timezone.utc))


def test_country_in_a_playbook(folder):
    path, text = _with_hours(folder, dict.fromkeys(WEEK[:5], '["09:00-17:00"]'),
                             extra="  country: US\n")
    pb = load_playbook(str(path))
    assert pb.hours is not None and pb.hours.country == "US"
    # 4 July 2027 is a Sunday: observed on Monday 5 July.
    result = Triager(pb).triage("where is my order?",
                                dt.datetime(2027, 7, 5, 14, 0, tzinfo=dt.timezone.utc))
    assert result.out_of_hours
    path.write_text(text.replace("  country: US\n", "  country: GB-XYZ\n"), encoding="utf-8")
    with pytest.raises(ConfigError, match="GB has no region 'XYZ'"):
        load_playbook(str(path))
