"""Reports arrive before their deadline, or say why not (JP 三(一)3: 每周一中午1点前; 三(一)4:
次月10号前). Only those two deadlines are the regulation's: the monthly, incident and handover
ones are the organisation's setting, and the message says which it is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from validator.core.diagnostics import Finding, Severity, finding
from validator.core.messages import Nested
from validator.core.timeutil import stamp
from validator.kinds import deadline_article, due
from validator.models import Policy
from validator.models.handbook import Handbook
from validator.repo.layout import ReportFile
from validator.rules.base import Context, position, repo_check, report_check


def report_due(ctx: Context, rf: ReportFile) -> dt.datetime:
    return due(rf.period, ctx.policy, rf.report)


def basis(ctx: Context, kind: str) -> Nested | str:
    """Where the deadline of `kind` comes from, as the site says it (`deadline_text`): the
    article's name while the policy keeps the regulation's deadline, else the organisation's
    setting."""
    return basis_in(ctx.policy, ctx.handbook, kind)


def basis_in(policy: Policy, book: Handbook, kind: str) -> Nested | str:
    """`basis` from the policy and handbook alone (the report form says `late` without a run)."""
    link = deadline_article(kind, policy, book)
    return Nested("basis-setting") if link is None else book.articles.get(link, link)


@repo_check("shallow-history")
def shallow_history(ctx: Context) -> Iterator[Finding]:
    """Said once, at the first of the reports `late` leaves alone in a shallow clone."""
    cut = ctx.workspace.history.before_cut
    reports = sorted(rf.path for rf in ctx.workspace.reports if rf.path in cut) if cut else []
    if reports:
        yield finding(reports[0], "shallow-history", count=len(reports))


@report_check("late")
def late(ctx: Context, rf: ReportFile) -> Iterator[Finding]:
    """On time iff received strictly before the deadline; a late report needs `late_reason`
    (an error without one, a warning with one)."""
    if rf.report is None or ctx.workspace.history.received_before_cut(rf.path):
        return  # received at some time before a shallow clone's cut: not known
    deadline = report_due(ctx, rf)
    received = ctx.received_at(rf.path)
    if received < deadline:
        return
    tz = ctx.policy.tz
    excused = bool((rf.report.late_reason or "").strip())  # a warning, at the reason given
    yield finding(
        rf.path,
        "late-with-reason" if excused else "late",
        severity=Severity.WARNING if excused else None,
        at=position(rf.document, ("late_reason" if excused else rf.report.period_field,)),
        due=stamp(deadline, tz),
        received=stamp(received, tz),
        basis=basis(ctx, rf.kind),
    )
