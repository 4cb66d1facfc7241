"""Reports must name known staff and regions, inside a posting (JP 一, 四)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from validator.core.diagnostics import Finding, finding
from validator.repo.layout import ReportFile
from validator.rules.base import Context, position, report_check


@report_check("path-mismatch")
def path_mismatch(ctx: Context, rf: ReportFile) -> Iterator[Finding]:
    """`staff` must equal the folder, the period field the file name."""
    report = rf.report
    if report is None:
        return
    # field, value in the file, what the path says
    named = [("staff", report.staff, rf.staff_id), report.named_period(rf.period, ctx.policy.tz)]
    for field, value, expected in named:
        if value != expected:
            yield finding(
                rf.path,
                "path-mismatch",
                at=position(rf.document, (field,)),
                field=field,
                value=value,
                expected=expected,
            )


@report_check("unknown-staff")
def unknown_staff(ctx: Context, rf: ReportFile) -> Iterator[Finding]:
    """The folder name must be a staff id in org/staff.yaml."""
    staff = ctx.org.staff
    if not ctx.org.roster_known or rf.staff_id in staff:
        return
    close = difflib.get_close_matches(rf.staff_id, list(staff), n=1, cutoff=0.7)
    loc = ("staff",) if rf.report and rf.report.staff == rf.staff_id else ()
    if close:
        yield finding(
            rf.path,
            "unknown-staff-suggest",
            at=position(rf.document, loc),
            staff=rf.staff_id,
            suggestion=close[0],
        )
    else:
        yield finding(
            rf.path,
            "unknown-staff",
            at=position(rf.document, loc),
            staff=rf.staff_id,
        )


@report_check("unknown-region")
def unknown_region(ctx: Context, rf: ReportFile) -> Iterator[Finding]:
    """Every region a report names must be in org/regions.yaml."""
    report = rf.report
    if report is None or not ctx.org.regions_known:
        return
    known = ctx.org.region_by_id
    for loc, region in report.regions_named():
        if region not in known:
            yield finding(
                rf.path,
                "unknown-region",
                at=position(rf.document, loc),
                region=region,
            )


@report_check("not-posted")
def not_posted(ctx: Context, rf: ReportFile) -> Iterator[Finding]:
    """A report for a period in which the person was posted nowhere is suspicious (a warning)."""
    member = ctx.org.staff.get(rf.staff_id)
    if member is None or rf.report is None:
        return
    if not member.posted_during(*rf.report.posting_window(rf.period, ctx.policy)):
        yield finding(
            rf.path,
            "not-posted",
            at=position(rf.document, (rf.report.period_field,)),
            staff=rf.staff_id,
            period=rf.period.text,
        )
