"""Handover when a posting ends (JP 四: 外派调动或离职工作交接规定): one is owed within the
organisation's window, and it hands over the spare units still out on loan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from validator.core.diagnostics import Finding, finding
from validator.kinds import parse_period
from validator.kinds.handover import HandoverReport, duties
from validator.kinds.monthly import MonthlyReport
from validator.models.org import owes_reports
from validator.reading.loader import load_file
from validator.reading.schema_errors import validate
from validator.repo.archive_summary import archived
from validator.repo.layout import ReportFile
from validator.rules.base import Context, position, repo_check, report_check


def filed_dates(ctx: Context, staff_id: str, kind: str = "handover") -> dict[dt.date, str]:
    """Period start -> file stem of the `kind` reports in the work tree (named by file alone, so
    a pull request that changes only org/staff.yaml still sees them)."""
    folder = ctx.workspace.root / "submissions" / staff_id / kind
    found: dict[dt.date, str] = {}
    if folder.is_dir():
        for path in folder.glob("*.yaml"):
            period = parse_period(kind, path.stem)
            if period is not None:
                found[period.start] = path.stem
    for text, entry in archived(ctx.workspace.root).entries(staff_id, kind).items():
        found.setdefault(entry.period.start, text)  # an archived year's, from its summary
    return found


@repo_check("handover-missing")
def handover_missing(ctx: Context) -> Iterator[Finding]:
    """A posting that ended more than the window ago has a handover dated inside it."""
    document = ctx.org.documents.get("org/staff.yaml")
    for i, member in enumerate(ctx.org.roster.staff):
        if not owes_reports(member, ctx.policy) or not any(p.to for p in member.postings):
            continue
        for duty in duties(member, ctx.policy, filed_dates(ctx, member.id)):
            if duty.missing(ctx.now):
                yield finding(
                    "org/staff.yaml",
                    "handover-missing",
                    at=position(document, ("staff", i, "postings", duty.index, "to")),
                    staff=member.id,
                    regions=", ".join(duty.posting.regions),
                    to=str(duty.start),
                    until=str(duty.until),
                )


@report_check("handover-units", kinds=("handover",), reads_others=True)  # monthly, archive/
def handover_units(ctx: Context, rf: ReportFile) -> Iterator[Finding]:
    """The serials handed over are the units still out in the latest monthly report."""
    report = rf.report
    if not isinstance(report, HandoverReport):
        return
    latest = _latest_monthly(ctx, rf.staff_id, report.date)
    if latest is None:
        return
    month, monthly = latest
    out = list(monthly) if isinstance(monthly, tuple) else [u.serial for u in monthly.out_on_loan()]
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


def _latest_monthly(
    ctx: Context, staff_id: str, on: dt.date
) -> tuple[str, MonthlyReport | tuple[str, ...]] | None:
    """The author's latest monthly report for a month that began by `on`, loaded or read; for
    an archived month, the serials its summary carries over as still out on loan."""
    months = {d: stem for d, stem in filed_dates(ctx, staff_id, "monthly").items() if d <= on}
    if not months:
        return None
    stem = months[max(months)]
    archive = archived(ctx.workspace.root)
    if stem in archive.entries(staff_id, "monthly"):
        carried = archive.carried_units(staff_id)
        return None if carried is None else (stem, carried)
    path = f"submissions/{staff_id}/monthly/{stem}.yaml"
    loaded = next((r.report for r in ctx.workspace.reports if r.path == path), None)
    if loaded is None:
        result = load_file(str(ctx.workspace.root / path), path)
        if result.document is None:
            return None
        loaded, _problems = validate(result.document, MonthlyReport)
    return (stem, loaded) if isinstance(loaded, MonthlyReport) else None
