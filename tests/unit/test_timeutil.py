"""The moments users and CI hosts give (validator/core/timeutil.py): every one the validator
takes can be shown in any time zone, so no later step overflows the calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from validator.core.errors import UsageError
from validator.core.timeutil import from_timestamp, parse_moment, stamp

EAST = dt.timezone(dt.timedelta(hours=14))
WEST = dt.timezone(dt.timedelta(hours=-12))


@pytest.mark.parametrize(
    "text",
    [
        "9999-12-31T23:00:00+00:00",
        "9999-12-31T23:59:59-01:00",
        "9999-12-31",
        "9999-01-01T00:00:00Z",
        "0001-01-01T00:00:00+01:00",
        "1969-12-31T23:59:59Z",
    ],
)
def test_a_moment_near_either_end_of_the_calendar_is_out_of_range(text: str) -> None:
    with pytest.raises(UsageError, match="time out of range"):
        parse_moment(text)


@pytest.mark.parametrize("value", [253402300799, 253402300800, 10**30, 253370764800])
def test_a_timestamp_near_the_end_of_the_calendar_is_out_of_range(value: int) -> None:
    with pytest.raises(UsageError, match="time out of range"):
        from_timestamp(str(value))


@pytest.mark.parametrize(
    "text", ["1970-01-01T00:00:00", "1970-01-01T00:00:00Z", "9998-12-31T23:59:59", "9998-12-31"]
)
def test_the_ends_of_the_range_can_be_shown_in_any_zone(text: str) -> None:
    for tz in (EAST, WEST):
        moment = parse_moment(text, tz)
        for shown in (EAST, WEST, dt.UTC):
            assert stamp(moment, shown)
    assert from_timestamp("0") == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
