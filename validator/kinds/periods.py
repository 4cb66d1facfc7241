"""Report periods: what a report's file name says it covers (docs/guide/submit.md#layout).

A period is an ISO week, a month, or a day (incidents, handovers). Which syntax a kind's file
names use, and when its report is due, is said once per kind in `validator.kinds`; this module
holds the calendar arithmetic they share.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# ASCII digits only and whole-string matches: `\d` takes full-width digits and `$` a trailing
# newline, and a file name with either is not a period
_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_DAY = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})")
_DAY_SLUG = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})-([a-z0-9][a-z0-9-]{0,47})")


@dataclass(frozen=True)
class Period:
    """A report's period: first and last day (inclusive) and its canonical text."""

    kind: str
    text: str
    start: dt.date
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def parse_week(kind: str, text: str) -> Period | None:
    """`YYYY-Www`: an ISO week of an ISO year."""
    match = _WEEK.fullmatch(text)
    if not match:
        return None
    return week_period(int(match[1]), int(match[2]), kind)


def parse_month(kind: str, text: str) -> Period | None:
    """`YYYY-MM`: a calendar month."""
    match = _MONTH.fullmatch(text)
    if not match or not 1 <= int(match[2]) <= 12:
        return None
    start = dt.date(int(match[1]), int(match[2]), 1)
    return Period(kind, text, start, next_month(start) - dt.timedelta(days=1))


def parse_day_slug(kind: str, text: str) -> Period | None:
    """`YYYY-MM-DD-<slug>`: a day, with a short ASCII name to tell two of them apart."""
    match = _DAY_SLUG.fullmatch(text)
    return _day(kind, text, match[1]) if match else None


def parse_day(kind: str, text: str) -> Period | None:
    """`YYYY-MM-DD`: one day."""
    match = _DAY.fullmatch(text)
    return _day(kind, text, match[1]) if match else None


def _day(kind: str, text: str, iso: str) -> Period | None:
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return None
    return Period(kind, text, day, day)


def week_period(year: int, week: int, kind: str = "weekly") -> Period | None:
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return Period(kind, week_text(monday), monday, monday + dt.timedelta(days=6))


def week_text(day: dt.date) -> str:
    """ISO week of `day` as `YYYY-Www` (ISO year, which differs from the calendar year at
    the turn of the year)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_text(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def at(day: dt.date, hhmm: str, tz: dt.tzinfo) -> dt.datetime:
    """`day` at the local time `HH:MM` in `tz`."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz)


def period_start(period: Period, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(period.start, dt.time(0, 0), tzinfo=tz)
