"""Reports arrive before their deadline, or say why not (JP 三(一)3: 每周一中午1点前)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from validator.core.diagnostics import Finding, Severity, finding
from validator.core.timeutil import stamp
from validator.kinds import due
from validator.repo.layout import ReportFile
from validator.rules.base import Context, position, report_check


def report_due(ctx: Context, rf: ReportFile) -> dt.datetime:
    return due(rf.period, ctx.policy, rf.report)


@report_check("late")
def late(ctx: Context, rf: ReportFile) -> Iterator[Finding]:
    """On time iff received strictly before the deadline; a late report needs `late_reason`
    (an error without one, a warning with one)."""
    if rf.report is None:
        return
    deadline = report_due(ctx, rf)
    received = ctx.received_at(rf.path)
    if received < deadline:
        return
    tz = ctx.policy.tz
    due_at, received_at = stamp(deadline, tz), stamp(received, tz)
    if (rf.report.late_reason or "").strip():
        where = position(rf.document, ("late_reason",))
        yield finding(
            rf.path,
            "late-with-reason",
            severity=Severity.WARNING,
            at=where,
            due=due_at,
            received=received_at,
        )
    else:
        where = position(rf.document, (rf.report.period_field,))
        yield finding(rf.path, "late", at=where, due=due_at, received=received_at)
