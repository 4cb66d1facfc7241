"""Who owes which report (`validator remind`, docs/cli.md), for the scheduled reminder.

A report is owed when it is required and no file for its period exists: weekly reports by the
pinned rule of `validator.features.status` (a posting overlaps Monday–Friday and leave does
not cover all of it), monthly reports and expense claims when a posting overlaps the month.
Owed reports whose deadline falls within the next 24 hours are "due soon"; those whose
deadline passed inside the window are "missing". Spare units the latest monthly report leaves
out on loan past their due date are chased too (JP 三(七)1 注意租用期限,及时归还). The text is
Markdown with @mentions, for a job summary and an issue comment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

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
from validator.kinds.spare import SpareUnit
from validator.models.handbook import handbook_of
from validator.models.org import Staff
from validator.repo.on_file import units_out
from validator.repo.workspace import Workspace
from validator.rules.base import cited_label
from validator.rules.spares import SPARE_ARTICLE

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
class Overdue:
    """A spare unit its holder's latest monthly report leaves out on loan past its due date."""

    staff: Staff
    serial: str
    due: dt.date
    month: str  # the monthly report that lists it


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
    #: spare units past their due date (JP 三(七)1 注意租用期限,及时归还), and the article as the
    #: organisation's handbook names it ("" when it has none)
    spare_units: list[Overdue] = field(default_factory=list)
    spare_article: str = ""


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
        spare_units=_overdue_units(workspace, listed_staff(org), as_of.date()),
        spare_article=cited_label(handbook_of(org.handbook), "spare-overdue", SPARE_ARTICLE) or "",
    )


def _overdue_units(workspace: Workspace, members: list[Staff], today: dt.date) -> list[Overdue]:
    """Each member's spare units past their due date and not returned, as of `today`, from the
    latest monthly report (the one `validator new` and `handover-units` read); an archived
    month's units carry no due date and are not chased here."""
    loaded = {rf.path: rf.report for rf in workspace.reports}
    found = []
    for member in members:
        latest = units_out(workspace.root, member.id, today, loaded.get)
        if latest is None:
            continue
        month, units = latest
        found += [
            Overdue(member, unit.serial, unit.due, month)
            for unit in units
            if isinstance(unit, SpareUnit) and unit.overdue(today)
        ]
    return found


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
    if not found.due_soon and not found.missing and not found.handovers and not found.spare_units:
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
    if found.spare_units:
        out += [f"### {spare_title(found)}", ""]
        for member, units in _by_person(found.spare_units):
            out.append(f"- @{member.github}({member.name}):{'、'.join(map(unit_text, units))}")
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


class _Held(Protocol):
    @property
    def staff(self) -> Staff: ...


_H = TypeVar("_H", bound=_Held)


def _by_person(items: list[_H]) -> list[tuple[Staff, list[_H]]]:
    """`items` (owed reports, overdue units) by the person they concern, in order."""
    grouped: dict[str, tuple[Staff, list[_H]]] = {}
    for item in items:
        grouped.setdefault(item.staff.id, (item.staff, []))[1].append(item)
    return list(grouped.values())


def _when(moment: dt.datetime, as_of: dt.datetime) -> str:
    return moment.astimezone(as_of.tzinfo).strftime("%Y-%m-%d %H:%M")


def spare_title(found: Reminders) -> str:
    """The heading of the overdue spare units, citing the article when the handbook has it."""
    if found.spare_article:
        return f"备用机已过应还日期({found.spare_article}:注意租用期限,及时归还)"
    return "备用机已过应还日期"


def unit_text(unit: Overdue) -> str:
    return f"{unit.serial}(应还 {unit.due},见月报 {unit.month})"
