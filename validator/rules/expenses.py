"""Business trips and receptions need prior approval (SEC 七; JP 三(一)4)."""

from __future__ import annotations

from collections.abc import Iterator

from validator.core.diagnostics import Finding, finding
from validator.kinds.expenses import ExpenseReport
from validator.repo.layout import ReportFile
from validator.rules.base import Context, cited, position, report_check

NEEDS_APPROVAL = {"travel": "出差", "reception": "接待"}
#: the article the approval rules cite (also said by the report form, site/reportform.py)
APPROVAL_ARTICLE = "regulations/security.md#art-7"


@report_check("approval-missing", kinds=("expenses",))
def approval_missing(ctx: Context, rf: ReportFile) -> Iterator[Finding]:
    """A `travel` or `reception` item cites an approval of the same person covering its date."""
    report = rf.report
    if not isinstance(report, ExpenseReport):
        return
    approvals = ctx.approvals
    for i, item in enumerate(report.items):
        if item.category not in NEEDS_APPROVAL:
            continue
        if item.approval is None:
            yield finding(
                rf.path,
                "approval-missing",
                at=position(rf.document, ("items", i)),
                category=NEEDS_APPROVAL[item.category],
                date=str(item.date),
                **cited(ctx, "approval-missing", APPROVAL_ARTICLE),
            )
            continue
        found = approvals.get(item.approval)
        if (
            found is None
            or found.staff != report.staff
            or found.kind != item.category
            or not found.from_ <= item.date <= found.to
        ):
            yield finding(
                rf.path,
                "approval-unknown",
                at=position(rf.document, ("items", i, "approval")),
                approval=item.approval,
                staff=report.staff,
                date=str(item.date),
            )


@report_check("approval-after-the-fact", kinds=("expenses",))
def approval_after_the_fact(ctx: Context, rf: ReportFile) -> Iterator[Finding]:
    """An approval granted (公司批准, `approved_on`) after the expense was not a prior approval
    (SEC 七: 需由部门领导预审并报公司批准)."""
    report = rf.report
    if not isinstance(report, ExpenseReport):
        return
    for i, item in enumerate(report.items):
        found = ctx.approvals.get(item.approval) if item.approval else None
        if found is None or found.staff != report.staff or found.approved_on is None:
            continue
        if found.approved_on > item.date:
            yield finding(
                rf.path,
                "approval-after-the-fact",
                at=position(rf.document, ("items", i, "approval")),
                approval=found.id,
                approved_on=str(found.approved_on),
                date=str(item.date),
                **cited(ctx, "approval-after-the-fact", APPROVAL_ARTICLE),
            )
