"""Reports must name known staff and regions, inside a posting (JP 一, 四)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from validator.core.diagnostics import Diagnostic, diag
from validator.models.reports import IncidentReport, MonthlyReport, Report, WeeklyReport
from validator.repo.workspace import ReportFile
from validator.rules.base import Context, position, report_check


@report_check("path-mismatch")
def path_mismatch(ctx: Context, rf: ReportFile) -> Iterator[Diagnostic]:
    """`staff` must equal the folder, the period field the file name."""
    report = rf.report
    if report is None:
        return
    named = [("staff", report.staff, rf.staff_id)]  # field, value in the file, what the path says
    if rf.kind == "incidents":
        occurred = report.occurred_local(ctx.policy.tz).date()  # type: ignore[attr-defined]
        named.append(("occurred_at", str(occurred), str(rf.period.start)))
    else:
        named.append((report.period_field, report.period, rf.period.text))
    for field, value, expected in named:
        if value != expected:
            yield diag(
                rf.path,
                "path-mismatch",
                "path-mismatch",
                at=position(rf.document, (field,)),
                field=field,
                value=value,
                expected=expected,
            )


@report_check("unknown-staff")
def unknown_staff(ctx: Context, rf: ReportFile) -> Iterator[Diagnostic]:
    """The folder name must be a staff id in org/staff.yaml."""
    staff = ctx.org.staff
    if not ctx.org.roster_known or rf.staff_id in staff:
        return
    close = difflib.get_close_matches(rf.staff_id, list(staff), n=1, cutoff=0.7)
    loc = ("staff",) if rf.report and rf.report.staff == rf.staff_id else ()
    if close:
        yield diag(
            rf.path,
            "unknown-staff",
            "unknown-staff-suggest",
            at=position(rf.document, loc),
            staff=rf.staff_id,
            suggestion=close[0],
        )
    else:
        yield diag(
            rf.path,
            "unknown-staff",
            "unknown-staff",
            at=position(rf.document, loc),
            staff=rf.staff_id,
        )


@report_check("unknown-region")
def unknown_region(ctx: Context, rf: ReportFile) -> Iterator[Diagnostic]:
    """Every region a report names must be in org/regions.yaml."""
    report = rf.report
    if report is None or not ctx.org.regions_known:
        return
    known = ctx.org.region_by_id
    for loc, region in _regions_of(report):
        if region not in known:
            yield diag(
                rf.path,
                "unknown-region",
                "unknown-region",
                at=position(rf.document, loc),
                region=region,
            )


def _regions_of(report: Report) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every region id a report names, with where (dispatched by kind: a missing attribute on a
    pydantic model takes its slow path, and this runs for every report)."""
    if isinstance(report, WeeklyReport | IncidentReport):
        for i, region in enumerate(report.regions or ()):
            yield ("regions", i), region
    elif isinstance(report, MonthlyReport):
        for i, stock in enumerate(report.faulty_stock):
            yield ("faulty_stock", i, "region"), stock.region
        for i, replaced in enumerate(report.replacements):
            yield ("replacements", i, "region"), replaced.region


@report_check("not-posted")
def not_posted(ctx: Context, rf: ReportFile) -> Iterator[Diagnostic]:
    """A report for a period in which the person was posted nowhere is suspicious (a warning)."""
    member = ctx.org.staff.get(rf.staff_id)
    if member is None or rf.report is None:
        return
    if not member.posted_during(rf.period.start, rf.period.end):
        yield diag(
            rf.path,
            "not-posted",
            "not-posted",
            at=position(rf.document, (rf.report.period_field,)),
            staff=rf.staff_id,
            period=rf.period.text,
        )
