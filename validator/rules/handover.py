"""Handover when a posting ends (JP 四: 外派调动或离职工作交接规定): one is owed within the
organisation's window, and it hands over the spare units still out on loan."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from validator.core.diagnostics import Finding, finding
from validator.kinds.base import Report
from validator.kinds.handover import HandoverReport, duties
from validator.models.org import owes_reports
from validator.repo.layout import ReportFile
from validator.repo.on_file import filed_periods, units_out
from validator.rules.base import Context, position, repo_check, report_check


@repo_check("handover-missing")
def handover_missing(ctx: Context) -> Iterator[Finding]:
    """A posting that ended more than the window ago has a handover dated inside it."""
    document = ctx.org.documents.get("org/staff.yaml")
    for i, member in enumerate(ctx.org.roster.staff):
        if not owes_reports(member, ctx.policy) or not any(p.to for p in member.postings):
            continue
        for duty in duties(
            member, ctx.policy, filed_periods(ctx.workspace.root, member.id, "handover")
        ):
            if duty.missing(ctx.now):
                yield finding(
                    "org/staff.yaml",
                    "handover-missing",
                    at=position(document, ("staff", i, "postings", duty.index, "to")),
                    staff=member.id,
                    regions=", ".join(duty.posting.regions),
                    to=str(duty.start),
                    until=str(duty.until),
                    since=str(duty.posting.from_),  # which posting: its end may be corrected
                )


@report_check("handover-units", kinds=("handover",), reads_others=True)  # monthly, archive/
def handover_units(ctx: Context, rf: ReportFile) -> Iterator[Finding]:
    """The serials handed over are the units still out in the latest monthly report."""
    report = rf.report
    if not isinstance(report, HandoverReport):
        return
    latest = units_out(
        ctx.workspace.root, rf.staff_id, report.date, functools.partial(_loaded, ctx)
    )
    if latest is None:
        return
    month, units = latest
    out = [unit if isinstance(unit, str) else unit.serial for unit in units]
    missing = [s for s in out if s not in report.spare_units]
    extra = [s for s in report.spare_units if s not in out]
    if missing or extra:
        yield finding(
            rf.path,
            "handover-units",
            at=position(rf.document, ("spare_units",)),
            month=month,
            missing=", ".join(missing) or "—",
            extra=", ".join(extra) or "—",
        )


def _loaded(ctx: Context, path: str) -> Report | None:
    """The report at `path` as this check loaded it, if it did."""
    return next((rf.report for rf in ctx.workspace.reports if rf.path == path), None)
