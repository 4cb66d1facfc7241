"""A report covers its period: not one in the future, with every date inside (JP 三(一)3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from validator.diagnostics import Diagnostic, diag
from validator.loader import Loc
from validator.periods import period_start
from validator.rules.base import Context, position, report_check
from validator.workspace import ReportFile


@report_check("future-period")
def future_period(ctx: Context, rf: ReportFile) -> Iterator[Diagnostic]:
    """A period that has not begun cannot be reported on yet."""
    tz = ctx.policy.tz
    start = period_start(rf.period, tz)
    if rf.kind == "incidents" and rf.report is not None:
        start = rf.report.occurred_local(tz)  # type: ignore[attr-defined]
    if start > ctx.now:
        field = rf.report.period_field if rf.report else None
        yield diag(
            rf.path,
            "future-period",
            "future-period",
            at=position(rf.document, (field,) if field else ()),
            period=rf.period.text,
            start=start.strftime("%Y-%m-%d %H:%M"),
        )


@report_check("date-out-of-period")
def date_out_of_period(ctx: Context, rf: ReportFile) -> Iterator[Diagnostic]:
    """Work items, expenses and spare-unit loans are dated inside the report's period;
    incident updates come on or after the incident."""
    report = rf.report
    if report is None:
        return
    period = rf.period
    if rf.kind == "incidents":
        start = report.occurred_local(ctx.policy.tz).date()  # type: ignore[attr-defined]
        for loc, day in _dates(report):
            if day < start:
                yield diag(
                    rf.path,
                    "date-out-of-period",
                    "date-before-occurred",
                    at=position(rf.document, loc),
                    date=str(day),
                    start=str(start),
                )
        return
    for loc, day in _dates(report):
        if not period.contains(day):
            yield diag(
                rf.path,
                "date-out-of-period",
                "date-out-of-period",
                at=position(rf.document, loc),
                date=str(day),
                start=str(period.start),
                end=str(period.end),
            )


def _dates(report: object) -> Iterator[tuple[Loc, dt.date]]:
    for field, attr in (
        ("work", "date"),
        ("items", "date"),
        ("updates", "date"),
        ("spare_units", "loaned"),
    ):
        for i, item in enumerate(getattr(report, field, None) or []):
            yield (field, i, attr), getattr(item, attr)
