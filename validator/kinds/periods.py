"""Report periods: what a report's file name says it covers (docs/guide/submit.md#layout).

A period is an ISO week, a month, or a day (incidents, handovers). Which syntax a kind's file
names use, and when its report is due, is said once per kind in `validator.kinds`; this module
holds the calendar arithmetic they share.

Every period lies in the supported years (`validator.core.years`): a name outside them is not a
period, so a period's deadline, and the day after it, are always dates Python can hold.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from validator.core.years import supported

# ASCII digits only and whole-string matches: `\d` takes full-width digits and `$` a trailing
# newline, and a file name with either is not a period
_YEAR = re.compile(r"([0-9]{4})-")
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
    if not match or not 1 <= int(match[2]) <= 12 or not supported(int(match[1])):
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
    return Period(kind, text, day, day) if supported(day) else None


def year_named(text: str) -> int | None:
    """The year a file stem begins with (`9999-12` -> 9999), or None when it begins with none:
    to say why a name in the right form is still not a period."""
    match = _YEAR.match(text)
    return int(match[1]) if match else None


def week_period(year: int, week: int, kind: str = "weekly") -> Period | None:
    """ISO week `week` of ISO year `year`, or None when there is no such week in the supported
    years."""
    if not supported(year):
        return None
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return Period(kind, week_text(monday), monday, monday + dt.timedelta(days=6))


def weeks_in(year: int) -> int:
    """How many ISO weeks the ISO year `year` has: 52, or 53 (the week of 28 December is its
    last, as in 2026: 2026-W53 runs from Monday 2026-12-28 to Sunday 2027-01-03)."""
    return dt.date(year, 12, 28).isocalendar()[1]


def no_such_week(text: str) -> dict[str, str | int] | None:
    """When `text` is written as a week (`YYYY-Www`) of a supported year that has no such week
    (`2025-W53`, `2026-W00`), the arguments of the message `no-such-week` that says why it is
    not a period; else None."""
    match = _WEEK.fullmatch(text)
    if not match or not supported(int(match[1])):
        return None
    year, weeks = int(match[1]), weeks_in(int(match[1]))
    if 1 <= int(match[2]) <= weeks:
        return None
    return {"period": text, "year": year, "weeks": weeks, "last": f"{year}-W{weeks:02d}"}


def week_text(day: dt.date) -> str:
    """ISO week of `day` as `YYYY-Www` (ISO year, which differs from the calendar year at
    the turn of the year)."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_text(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def at(day: dt.date, hhmm: str, tz: dt.tzinfo) -> dt.datetime:
    """`day` at the local time `HH:MM` in `tz`, as the instant it names (`instant`)."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    return instant(dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz))


def instant(local: dt.datetime) -> dt.datetime:
    """The one instant an aware local time names, with the UTC offset in force then as its zone.

    Where daylight saving time changes the clocks, a local time can occur twice (clocks go back:
    the first is meant, as the clocks first read it) or not at all (clocks go forward over it:
    the moment they jump is meant, the first that reads later). And Python compares two times
    of the same zone by what the clocks read, ignoring which of two equal readings is meant; a
    fixed offset makes every comparison with a deadline a comparison of instants.
    """
    zone = local.tzinfo
    if zone is None:
        raise ValueError("a naive time names no instant")
    moment = local
    back = moment.astimezone(dt.UTC).astimezone(zone)
    if back.replace(tzinfo=None, fold=0) != moment.replace(tzinfo=None, fold=0):  # skipped
        moment = _jump(moment)
    offset = moment.utcoffset()
    assert offset is not None  # aware
    return moment.astimezone(dt.timezone(offset))


def _jump(skipped: dt.datetime) -> dt.datetime:
    """The moment the clocks jumped over the local time `skipped` (to the second)."""
    zone = skipped.tzinfo
    before = skipped.replace(fold=0).utcoffset()
    low, high = sorted(skipped.replace(fold=fold).astimezone(dt.UTC) for fold in (0, 1))
    while high - low > dt.timedelta(seconds=1):  # `low` reads before the jump, `high` after
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == before:
            low = middle
        else:
            high = middle
    return high.replace(microsecond=0).astimezone(zone)


def period_start(period: Period, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(period.start, dt.time(0, 0), tzinfo=tz)
