"""Who owes which report (`validator remind`, docs/cli.md), for the scheduled reminder.

A report is owed when it is required and no file for its period exists: weekly reports by the
pinned rule of `validator.features.status` (a posting overlaps Monday–Friday and leave does
not cover all of it), monthly reports and expense claims when a posting overlaps the month.
Owed reports whose deadline falls within the next 24 hours are "due soon"; those whose
deadline passed inside the window are "missing". The text is Markdown with @mentions, for a
job summary and an issue comment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from validator.features.deadlines_text import deadline_text
from validator.features.status import (
    MISSING,
    PENDING,
    before_go_live,
    compute_status,
    handover_duties,
    listed_staff,
)
from validator.kinds import KINDS, Period, due, parse_period
from validator.kinds.periods import next_month
from validator.models.org import Staff
from validator.repo.workspace import Workspace

SOON = dt.timedelta(hours=24)
DEFAULT_WEEKS = 4
MONTHLY_KINDS = tuple(name for name, kind in KINDS.items() if kind.monthly)


@dataclass(frozen=True)
class Owed:
    """One report a staff member still has to file."""

    staff: Staff
    period: Period
    due: dt.datetime


@dataclass(frozen=True)
class Reminders:
    as_of: dt.datetime  # in the policy's time zone
    timezone: str
    due_soon: list[Owed]
    missing: list[Owed]
    #: handovers owed for postings that ended, whose window is still open (JP 四; the window is
    #: the organisation's setting); a missed one is in `missing`
    handovers: list[Owed] = field(default_factory=list)
    #: kind -> where its deadline comes from, as the site says it: the article when the policy
    #: keeps the regulation's deadline, else 本组织规定 (`deadline_text`)
    basis: dict[str, str] = field(default_factory=dict)


def reminders(workspace: Workspace, now: dt.datetime, weeks: int = DEFAULT_WEEKS) -> Reminders:
    """Owed reports due within 24 hours of `now`, and those missing over the last `weeks`
    ISO weeks (the same window `validator status` uses)."""
    org = workspace.org
    status = compute_status(workspace, now, weeks)
    as_of = status.as_of
    since = dt.datetime.combine(status.weeks[0].start, dt.time(0, 0), tzinfo=org.policy.tz)
    owed: list[Owed] = []
    for member_status in status.staff:
        for period in status.weeks:
            cell = member_status.cells[period.text]
            if cell.state == MISSING or (cell.state == PENDING and cell.due - as_of <= SOON):
                owed.append(Owed(member_status.staff, period, cell.due))
    filed = {(rf.staff_id, rf.kind, rf.period.text) for rf in workspace.reports}
    for member in listed_staff(org):
        for kind in MONTHLY_KINDS:
            for period in _months(kind, since, as_of):
                deadline = due(period, org.policy)
                if not since <= deadline <= as_of + SOON:
                    continue
                if (member.id, kind, period.text) in filed:
                    continue
                if before_go_live(org.policy, period):
                    continue
                if member.posted_during(period.start, period.end):
                    owed.append(Owed(member, period, deadline))
    handovers = _handovers(workspace, listed_staff(org), since, as_of)
    owed += [o for o in handovers if o.due <= as_of]
    order = {m.id: i for i, m in enumerate(org.roster.staff)}
    owed.sort(key=lambda o: (order[o.staff.id], o.due, o.period.kind))
    return Reminders(
        as_of,
        org.policy.timezone,
        due_soon=[o for o in owed if o.due > as_of],
        missing=[o for o in owed if o.due <= as_of],
        handovers=[o for o in handovers if o.due > as_of],
        basis={kind: deadline_text(kind, org.policy, org.handbook).label for kind in KINDS},
    )


def _handovers(
    workspace: Workspace, members: list[Staff], since: dt.datetime, as_of: dt.datetime
) -> list[Owed]:
    """Handovers not yet filed for postings that have ended: open ones, and those whose window
    closed inside the reminder's window. Their period is the posting's last day to the last
    day a handover may carry."""
    found: list[Owed] = []
    for member in members:
        for duty in handover_duties(workspace, member):
            if duty.done is not None or duty.start > as_of.date() or duty.due < since:
                continue
            period = Period("handover", str(duty.start), duty.start, duty.until)
            found.append(Owed(member, period, duty.due))
    return found


def _months(kind: str, since: dt.datetime, until: dt.datetime) -> list[Period]:
    """Every month from two months before `since` to the month of `until` (a monthly
    deadline falls in the month after its period), less any before the supported years."""
    day = since.date().replace(day=1)
    for _ in range(2):
        day = (day - dt.timedelta(days=1)).replace(day=1)
    found: list[Period] = []
    while day <= until.date():
        period = parse_period(kind, f"{day.year:04d}-{day.month:02d}")
        if period is not None:
            found.append(period)
        day = next_month(day)
    return found


def render_markdown(found: Reminders) -> str:
    """The reminder as Markdown: one line per person per section, with an @mention."""
    tz_now = found.as_of.strftime("%Y-%m-%d %H:%M")
    out = [f"## 报告提醒({tz_now},{found.timezone})", ""]
    if not found.due_soon and not found.missing and not found.handovers:
        out.append("所有应交的报告都已提交,没有需要提醒的事项。")
        return "\n".join(out) + "\n"
    sections = (
        ("24 小时内截止", found.due_soon),
        ("派驻已结束,待提交工作交接(期限为本组织规定)", found.handovers),
        ("已过截止时间仍未提交", found.missing),
    )
    for title, items in sections:
        if not items:
            continue
        out += [f"### {title}", ""]
        for member, owed in _by_person(items):
            listed = "、".join(_owed_text(o, found.as_of) for o in owed)
            out.append(f"- @{member.github}({member.name}):{listed}")
        out.append("")
    out.append(
        "用 `validator new weekly`(或 monthly、expenses)生成预填的报告,经拉取请求提交;"
        "逾期的报告请填写 `late_reason`。"
    )
    return "\n".join(out) + "\n"


def _owed_text(owed: Owed, as_of: dt.datetime) -> str:
    label, period = KINDS[owed.period.kind].label_zh, owed.period
    if period.kind == "handover":  # owed for a posting: name its last day
        return f"{label}(派驻 {period.start} 结束;截止 {_when(owed.due, as_of)})"
    return f"{label} {period.text}(截止 {_when(owed.due, as_of)})"


def _by_person(items: list[Owed]) -> list[tuple[Staff, list[Owed]]]:
    grouped: dict[str, tuple[Staff, list[Owed]]] = {}
    for owed in items:
        grouped.setdefault(owed.staff.id, (owed.staff, []))[1].append(owed)
    return list(grouped.values())


def _when(moment: dt.datetime, as_of: dt.datetime) -> str:
    return moment.astimezone(as_of.tzinfo).strftime("%Y-%m-%d %H:%M")
