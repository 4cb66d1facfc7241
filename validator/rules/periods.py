"""A report covers its period: not one in the future, with every date inside (JP 三(一)3)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validator.core.diagnostics import Finding, finding
from validator.kinds.periods import period_start
from validator.repo.layout import ReportFile
from validator.rules.base import Context, position, report_check


@report_check("future-period")
def future_period(ctx: Context, rf: ReportFile) -> Iterator[Finding]:
    """A period that has not begun cannot be reported on yet."""
    tz = ctx.policy.tz
    start = rf.report.starts_at(rf.period, tz) if rf.report else period_start(rf.period, tz)
    if start > ctx.now:
        field = rf.report.period_field if rf.report else None
        yield finding(
            rf.path,
            "future-period",
            at=position(rf.document, (field,) if field else ()),
            period=rf.period.text,
            start=start.strftime("%Y-%m-%d %H:%M"),
        )


@report_check("date-out-of-period")
def date_out_of_period(ctx: Context, rf: ReportFile) -> Iterator[Finding]:
    """Work items, expenses and spare-unit loans are dated inside the report's period;
    incident updates come on or after the incident (each kind says its window)."""
    report = rf.report
    if report is None:
        return
    first, last, key = report.date_window(rf.period, ctx.policy.tz)
    for loc, day in report.dated_items():
        if day < first or (last is not None and day > last):
            bounds: dict[str, Any] = {"start": str(first)} | ({"end": str(last)} if last else {})
            yield finding(rf.path, key, at=position(rf.document, loc), date=str(day), **bounds)
