"""Business hours: opening times in a time zone, holidays, and SLA deadlines on the right
clock.

A deadline on the *calendar* clock is ``now + duration``. On the *business* clock the
duration only runs while the team is open: a 4-hour SLA on a message that arrives at 17:00 on
a Friday, with 09:00-18:00 opening, ends at 12:00 on Monday (or Tuesday, if Monday is a
holiday). Arithmetic is done in UTC, so daylight-saving changes do not stretch or shrink an
hour.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import regex

__all__ = ["DAYS", "BusinessHours", "parse_duration", "parse_span", "public_holidays"]

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DURATION_RE = regex.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$")
SPAN_RE = r"(?:[01]\d|2[0-3]):[0-5]\d-(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)"
MAX_DAYS_AHEAD = 800


def parse_duration(text: str) -> dt.timedelta:
    """``"15m"``, ``"4h"``, ``"1d 2h"`` -> timedelta. Raises ValueError."""
    m = DURATION_RE.match(str(text))
    if not m or not any(m.groups()):
        raise ValueError(f"{text!r} is not a duration like 15m, 4h or 1d 2h")
    d, h, mins = (int(g or 0) for g in m.groups())
    return dt.timedelta(days=d, hours=h, minutes=mins)


def parse_span(text: str) -> tuple[dt.time, dt.time | None]:
    """``"09:00-17:30"`` -> (09:00, 17:30); an end of ``24:00`` is returned as None (midnight)."""
    start, end = text.split("-")
    sh, sm = map(int, start.split(":"))
    eh, em = map(int, end.split(":"))
    return dt.time(sh, sm), (None if eh == 24 else dt.time(eh, em))


@functools.lru_cache(maxsize=256)
def public_holidays(country: str, year: int) -> frozenset[dt.date]:
    """Public holidays of ``country`` (``GB``, or with a region: ``GB-ENG``) in ``year``, from
    the holidays package (its data ships in the wheel). Raises ValueError for an unknown
    country or region, naming the ones it knows."""
    import holidays

    code, _, region = country.upper().partition("-")
    supported = holidays.list_supported_countries()
    if code not in supported:
        raise ValueError(f"unknown country {country!r}; give an ISO 3166 code such as GB, "
                         "US or DE (optionally with a region: GB-ENG)")
    if region and region not in supported[code]:
        raise ValueError(f"{code} has no region {region!r}; known: "
                         f"{', '.join(supported[code]) or 'none'}")
    days = holidays.country_holidays(code, subdiv=region or None, years=year)
    return frozenset(days)


@dataclass(frozen=True)
class BusinessHours:
    """Opening hours in ``timezone``: a weekly schedule, closed holidays, holidays with their
    own (shorter) hours, and the public holidays of ``country`` (closed)."""

    timezone: str
    weekly: Mapping[str, Sequence[str]]
    holidays: Mapping[dt.date, Sequence[str]] = field(default_factory=dict)
    country: str | None = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def spans_on(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """Open intervals on ``day`` as aware datetimes in UTC."""
        if day in self.holidays:
            spans: Sequence[str] = self.holidays[day]
        elif self.country and day in public_holidays(self.country, day.year):
            spans = ()
        else:
            spans = self.weekly.get(DAYS[day.weekday()], ())
        out = []
        for text in spans:
            start, end = parse_span(text)
            s = dt.datetime.combine(day, start, self.tz)
            e = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), self.tz) \
                if end is None else dt.datetime.combine(day, end, self.tz)
            out.append((s.astimezone(dt.timezone.utc), e.astimezone(dt.timezone.utc)))
        return sorted(out)

    def _spans_from(self, when: dt.datetime) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        day = when.astimezone(self.tz).date() - dt.timedelta(days=1)
        for _ in range(MAX_DAYS_AHEAD):
            for s, e in self.spans_on(day):
                if e > when:
                    yield max(s, when), e
            day += dt.timedelta(days=1)

    def is_open(self, when: dt.datetime) -> bool:
        when = _aware(when)
        day = when.astimezone(self.tz).date()
        return any(s <= when < e for d in (day - dt.timedelta(days=1), day)
                   for s, e in self.spans_on(d))

    def next_open(self, when: dt.datetime) -> dt.datetime | None:
        """The next moment at or after ``when`` when the team is open, in the local zone."""
        when = _aware(when)
        for s, _e in self._spans_from(when):
            return s.astimezone(self.tz)
        return None

    def add(self, when: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        """``when`` plus ``duration`` of open time, in the local zone."""
        when = _aware(when)
        remaining = duration
        for s, e in self._spans_from(when):
            if remaining <= e - s:
                return (s + remaining).astimezone(self.tz)
            remaining -= e - s
        raise ValueError(f"no opening hours within {MAX_DAYS_AHEAD} days; check 'hours'")

    def describe(self) -> str:
        """Opening hours as text: ``Mon-Fri 09:00-18:00, Sat 10:00-16:00 (Europe/London)``."""
        groups: list[tuple[list[str], tuple[str, ...]]] = []
        for day in DAYS:
            spans = tuple(self.weekly.get(day, ()))
            if groups and groups[-1][1] == spans:
                groups[-1][0].append(day)
            else:
                groups.append(([day], spans))
        parts = []
        for days, spans in groups:
            if not spans:
                continue
            name = days[0].capitalize() if len(days) == 1 else \
                f"{days[0].capitalize()}-{days[-1].capitalize()}"
            parts.append(f"{name} {', '.join(spans)}")
        return (", ".join(parts) or "closed") + f" ({self.timezone})"


def _aware(when: dt.datetime) -> dt.datetime:
    if when.tzinfo is None:
        raise ValueError("give 'now' as an aware datetime (with a time zone)")
    return when.astimezone(dt.timezone.utc)
