"""What a monthly report owes the operator and the spare-unit pool: stock for every posted region
(JP 三(五)3) and spare units brought back on time (JP 三(七)1: 注意租用期限,及时归还)."""

from __future__ import annotations

from collections.abc import Iterator

from validator.core.diagnostics import Finding, finding
from validator.kinds.monthly import MonthlyReport
from validator.repo.layout import ReportFile
from validator.rules.base import Context, cited, position, report_check

#: the articles `stock-region-missing` and `spare-overdue` cite (the report form says both too,
#: site/reportform.py)
STOCK_ARTICLE = "regulations/customer-service.md#part-3-5-3"
SPARE_ARTICLE = "regulations/customer-service.md#part-3-7-1"


@report_check("spare-overdue", kinds=("monthly",))
def spare_overdue(ctx: Context, rf: ReportFile) -> Iterator[Finding]:
    """A unit past its due date and not returned, as of the end of the month (or today, when
    the month is not over): a warning, so that it is chased, not a refusal of the report."""
    report = rf.report
    if not isinstance(report, MonthlyReport):
        return
    on = min(rf.period.end, ctx.now.astimezone(ctx.policy.tz).date())
    for i, unit in enumerate(report.spare_units):
        if unit.overdue(on):
            yield finding(
                rf.path,
                "spare-overdue",
                at=position(rf.document, ("spare_units", i, "due")),
                serial=unit.serial,
                due=str(unit.due),
                on=str(on),
                **cited(ctx, "spare-overdue", SPARE_ARTICLE),
            )


@report_check("stock-region-missing", kinds=("monthly",))
def stock_region_missing(ctx: Context, rf: ReportFile) -> Iterator[Finding]:
    """Every region of the author's postings in force that month has a stock entry."""
    report = rf.report
    member = ctx.org.staff.get(rf.staff_id)
    if not isinstance(report, MonthlyReport) or member is None:
        return
    reported = {stock.region for stock in report.faulty_stock}
    for region in member.regions_during(rf.period.start, rf.period.end):
        if region not in reported:
            yield finding(
                rf.path,
                "stock-region-missing",
                at=position(rf.document, ("faulty_stock",)),
                region=region,
                month=rf.period.text,
                **cited(ctx, "stock-region-missing", STOCK_ARTICLE),
            )
