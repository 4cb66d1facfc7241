"""Report periods and their deadlines (SPEC §4–§5).

A period is what a report's file name says it covers: an ISO week, a month, or an incident's day.
Deadlines are local times in the policy's time zone; `received_at < due` means on time.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from validator.models.org import WEEKDAYS, Policy, parse_duration

KINDS = ("weekly", "monthly", "expenses", "incidents")
KIND_ZH = {"weekly": "周报", "monthly": "月报", "expenses": "报销", "incidents": "突发事件"}
EXAMPLES = {
    "weekly": "2026-W47",
    "monthly": "2026-10",
    "expenses": "2026-10",
    "incidents": "2026-11-20-tianhe-media",
}
# ASCII digits only and whole-string matches: `\d` takes full-width digits and `$` a trailing
# newline, and a file name with either is not a period
_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_INCIDENT = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})-([a-z0-9][a-z0-9-]{0,47})")


@dataclass(frozen=True)
class Period:
    """A report's period: first and last day (inclusive) and its canonical text."""

    kind: str
    text: str
    start: dt.date
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@functools.lru_cache(maxsize=4096)  # 400 staff name the same 52 weeks: parse each once
def parse_period(kind: str, text: str) -> Period | None:
    """The period named by a file stem, or None when the text is not one."""
    if kind == "weekly":
        match = _WEEK.fullmatch(text)
        if not match:
            return None
        return week_period(int(match[1]), int(match[2]))
    if kind in ("monthly", "expenses"):
        match = _MONTH.fullmatch(text)
        if not match or not 1 <= int(match[2]) <= 12:
            return None
        start = dt.date(int(match[1]), int(match[2]), 1)
        return Period(kind, text, start, next_month(start) - dt.timedelta(days=1))
    if kind == "incidents":
        match = _INCIDENT.fullmatch(text)
        if not match:
            return None
        try:
            day = dt.date.fromisoformat(match[1])
        except ValueError:
            return None
        return Period(kind, text, day, day)
    return None


def week_period(year: int, week: int) -> Period | None:
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return Period("weekly", week_text(monday), monday, monday + dt.timedelta(days=6))


def week_text(day: dt.date) -> str:
    """ISO week of `day` as `YYYY-Www` (ISO year, which differs from the calendar year at
    the turn of the year)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _at(day: dt.date, hhmm: str, tz: dt.tzinfo) -> dt.datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz)


def due(period: Period, policy: Policy, occurred_at: dt.datetime | None = None) -> dt.datetime:
    """The deadline of a report for `period` under `policy` (an aware datetime)."""
    tz = policy.tz
    reports = policy.reports
    if period.kind == "weekly":
        rule = reports.weekly.due
        day = period.start + dt.timedelta(days=7 + WEEKDAYS.index(rule.weekday))
        return _at(day, rule.time, tz)
    if period.kind in ("monthly", "expenses"):
        mrule = reports.monthly.due if period.kind == "monthly" else reports.expenses.due
        return _at(next_month(period.start).replace(day=mrule.day), mrule.time, tz)
    start = occurred_at or dt.datetime.combine(period.start, dt.time(0, 0), tzinfo=tz)
    return start + parse_duration(reports.incidents.due_within)


def period_start(period: Period, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(period.start, dt.time(0, 0), tzinfo=tz)
