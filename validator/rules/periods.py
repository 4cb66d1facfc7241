"""A report covers its period: not one in the future, with every date inside (JP 三(一)3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from validator.core.diagnostics import Diagnostic, diag
from validator.kinds.period import period_start
from validator.models.reports import (
    ExpenseReport,
    IncidentReport,
    MonthlyReport,
    Report,
    WeeklyReport,
)
from validator.reading.loader import Loc
from validator.repo.workspace import ReportFile
from validator.rules.base import Context, position, report_check


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


def _dates(report: Report) -> Iterator[tuple[Loc, dt.date]]:
    """Every dated item of a report, with where (dispatched by kind, see `_regions_of`)."""
    if isinstance(report, WeeklyReport):
        for i, work in enumerate(report.work):
            yield ("work", i, "date"), work.date
    elif isinstance(report, ExpenseReport):
        for i, item in enumerate(report.items):
            yield ("items", i, "date"), item.date
    elif isinstance(report, IncidentReport):
        for i, update in enumerate(report.updates):
            yield ("updates", i, "date"), update.date
    elif isinstance(report, MonthlyReport):
        for i, unit in enumerate(report.spare_units):
            yield ("spare_units", i, "loaned"), unit.loaned
