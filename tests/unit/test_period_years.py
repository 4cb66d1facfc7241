"""Periods end at the supported years (`validator.core.years`), and every period inside them has
a deadline Python can hold, whatever the policy's time zone."""

from __future__ import annotations

import pytest

from validator.core.years import FIRST_YEAR, LAST_YEAR
from validator.kinds import KINDS, due, parse_period
from validator.models.policy import Policy

FIRST = {"weekly": "-W01", "monthly": "-01", "expenses": "-01", "incidents": "-01-01-x"}
LAST = {"weekly": "-W52", "monthly": "-12", "expenses": "-12", "incidents": "-12-31-x"}
FIRST["handover"], LAST["handover"] = "-01-01", "-12-31"


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12", "Asia/Shanghai"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_first_and_last_supported_years_have_periods_and_deadlines(
    kind: str, zone: str
) -> None:
    policy = Policy.model_validate({"timezone": zone})
    for text in (f"{FIRST_YEAR}{FIRST[kind]}", f"{LAST_YEAR}{LAST[kind]}"):
        period = parse_period(kind, text)
        assert period is not None, text
        assert due(period, policy).date() >= period.end, text


@pytest.mark.parametrize("kind", KINDS)
def test_a_year_outside_is_not_a_period(kind: str) -> None:
    for year in (1, FIRST_YEAR - 1, LAST_YEAR + 1, 9999):
        assert parse_period(kind, f"{year:04d}{LAST[kind]}") is None
        assert parse_period(kind, f"{year:04d}{FIRST[kind]}") is None
