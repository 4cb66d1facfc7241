"""Parsing the moments users pass on the command line (`--now`, `--event-time`)."""

from __future__ import annotations

import datetime as dt
import os

from validator.core.errors import UsageError

# a moment (in UTC, or as written when naive) falls in the years a file may name
from validator.core.years import FIRST_YEAR, LAST_YEAR, supported


def parse_moment(text: str, tz: dt.tzinfo | None = None) -> dt.datetime:
    """ISO 8601 date or date-time; naive values stay naive unless `tz` is given (callers read
    them in the policy's time zone)."""
    raw = text.strip()
    try:
        value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"not an ISO 8601 time: {text!r}") from None
    except OverflowError:  # an offset that takes it past the calendar
        raise _out_of_range(text) from None
    _check_range(value, text)
    if value.tzinfo is None and tz is not None:
        value = value.replace(tzinfo=tz)
    return value


def from_timestamp(text: str) -> dt.datetime:
    """A Unix timestamp (digits only), as a push payload's `repository.pushed_at` gives."""
    try:
        value = dt.datetime.fromtimestamp(int(text.strip()), dt.UTC)
    except (OverflowError, OSError, ValueError):  # past what a calendar holds
        raise _out_of_range(text) from None
    _check_range(value, text)
    return value


def _check_range(value: dt.datetime, text: str) -> None:
    try:
        year = value.year if value.tzinfo is None else value.astimezone(dt.UTC).year
    except OverflowError:
        raise _out_of_range(text) from None
    if not supported(year):
        raise _out_of_range(text)


def _out_of_range(text: str) -> UsageError:
    return UsageError(
        f"时间超出范围 / time out of range ({FIRST_YEAR}..{LAST_YEAR}): {text.strip()}"
    )


def localize(value: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """Read a naive datetime in `tz`; aware ones are returned unchanged."""
    return value.replace(tzinfo=tz) if value.tzinfo is None else value


def resolve_now(option: str | None, tz: dt.tzinfo | None = None) -> dt.datetime:
    """`--now`, else `$VALIDATOR_NOW`, else the clock."""
    text = option or os.environ.get("VALIDATOR_NOW")
    if text:
        return parse_moment(text, tz)
    return dt.datetime.now(dt.UTC)


def stamp(moment: dt.datetime, tz: dt.tzinfo) -> str:
    """A moment as messages show it: local time in `tz` with the offset, to the second."""
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S %z")
