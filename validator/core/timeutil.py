"""Parsing the moments users pass on the command line (`--now`, `--event-time`)."""

from __future__ import annotations

import datetime as dt
import os

from validator.core.errors import UsageError


def parse_moment(text: str, tz: dt.tzinfo | None = None) -> dt.datetime:
    """ISO 8601 date or date-time; naive values stay naive unless `tz` is given (callers read
    them in the policy's time zone)."""
    raw = text.strip()
    try:
        value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"not an ISO 8601 time: {text!r}") from None
    if value.tzinfo is None and tz is not None:
        value = value.replace(tzinfo=tz)
    return value


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
