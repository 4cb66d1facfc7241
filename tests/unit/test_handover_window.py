"""The handover window of org/policy.yaml (`reports.handover.due_within`) is a duration, not a
number of days: a window written in hours closes when that many hours are over, for the duty
(`handover-missing`) as for the report's own deadline."""

from __future__ import annotations

import datetime as dt

from validator.kinds import parse_period
from validator.kinds.handover import deadline, duties
from validator.models import Policy
from validator.models.org import Staff

ENDED = dt.date(2026, 11, 10)


def _member() -> Staff:
    return Staff.model_validate(
        {
            "id": "wang-a",
            "name": "王安",
            "category": "technician",
            "email": "wang.a@example.com",
            "github": "wang-a",
            "postings": [{"regions": ["guangzhou"], "from": "2025-01-01", "to": str(ENDED)}],
        }
    )


def _policy(window: str) -> Policy:
    return Policy.model_validate({"reports": {"handover": {"due_within": window}}})


def test_a_window_in_hours_is_not_cut_to_whole_days() -> None:
    """36h after the posting's last day is over runs to noon on the second day after it: a
    handover dated that day meets the duty, and none is missing before noon."""
    policy = _policy("36h")
    tz = policy.tz
    (duty,) = duties(_member(), policy, [ENDED + dt.timedelta(days=2)])
    assert (duty.until, duty.done) == (ENDED + dt.timedelta(days=2), ENDED + dt.timedelta(days=2))
    (owed,) = duties(_member(), policy, [])
    closes = dt.datetime(2026, 11, 12, 12, 0, tzinfo=tz)
    assert owed.due == closes
    assert not owed.missing(closes - dt.timedelta(seconds=1))
    assert owed.missing(closes)
    period = parse_period("handover", str(ENDED))
    assert period is not None
    assert deadline(period, closes, policy) == closes  # the report's own deadline agrees


def test_a_window_in_days_keeps_its_days() -> None:
    policy = _policy("7d")
    (owed,) = duties(_member(), policy, [])
    assert owed.until == ENDED + dt.timedelta(days=7)
    assert owed.due == dt.datetime(2026, 11, 18, 0, 0, tzinfo=policy.tz)
