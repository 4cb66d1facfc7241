"""Weekly submission status per staff member over a window of ISO weeks
(docs/guide/submit.md#received).

Pure computation on a loaded `Workspace`: no git calls of its own, no printing. The CLI
(`validator status`) and the status pages both read the one `Status` built here, so every number
agrees between them.

A week with a report file is judged by that file's timing alone (`on_time` iff received strictly
before the deadline, else `late`), even when the week was not required or was on leave: the file
exists, its deadline applies to it exactly as `validator check` (rule `late`) judges it, and it then
counts towards the on-time rate like any other filed week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from validator.core.timeutil import localize
from validator.kinds import Period, due
from validator.kinds.handover import Duty, duties
from validator.kinds.periods import week_period
from validator.models.org import LeaveEntry, Staff, owes_reports
from validator.models.policy import Policy
from validator.repo.archive_summary import archived
from validator.repo.org_data import Org
from validator.repo.workspace import Workspace

ON_TIME = "on_time"
LATE = "late"
MISSING = "missing"
PENDING = "pending"
EXCUSED = "excused"
NOT_REQUIRED = "not_required"
STATES: tuple[str, ...] = (ON_TIME, LATE, MISSING, PENDING, EXCUSED, NOT_REQUIRED)
#: how each state is named to readers (CLI table, pages)
STATE_ZH = {
    ON_TIME: "准时",
    LATE: "迟交",
    MISSING: "缺交",
    PENDING: "待交",
    EXCUSED: "请假",
    NOT_REQUIRED: "无需",
}
#: states that count as "was due" for the on-time rate
DUE_STATES = frozenset({ON_TIME, LATE, MISSING})
#: states the streak steps over
SKIPPED = frozenset({PENDING, EXCUSED, NOT_REQUIRED})
DEFAULT_WEEKS = 12


@dataclass(frozen=True)
class WeekCell:
    """One staff member's state for one week, with what decided it."""

    state: str
    due: dt.datetime
    path: str | None = None  # the report file, when there is one
    received: dt.datetime | None = None


@dataclass(frozen=True)
class StaffStatus:
    staff: Staff
    cells: dict[str, WeekCell]  # week text -> cell, oldest first

    @property
    def id(self) -> str:
        return self.staff.id

    @property
    def weekly(self) -> dict[str, str]:
        return {week: cell.state for week, cell in self.cells.items()}

    @property
    def on_time_rate(self) -> float | None:
        return on_time_rate(self.weekly.values())

    @property
    def streak(self) -> int:
        return streak(list(self.weekly.values()))


@dataclass(frozen=True)
class Status:
    """The status of every listed staff member for the same window."""

    as_of: dt.datetime  # "now" in the policy time zone
    weeks: list[Period]  # oldest first
    staff: list[StaffStatus]
    deadlines: dict[str, dt.datetime]  # week text -> due of its weekly report

    @property
    def week_texts(self) -> list[str]:
        return [week.text for week in self.weeks]

    def count(self, week: str, state: str) -> int:
        """How many listed staff members are in `state` for `week`."""
        return sum(1 for member in self.staff if member.cells[week].state == state)

    def week_rate(self, week: str) -> float | None:
        """On-time rate of all staff for one week (same formula as per person)."""
        return on_time_rate(member.cells[week].state for member in self.staff)

    @property
    def overall_rate(self) -> float | None:
        """On-time rate over every staff member and week of the window."""
        return on_time_rate(cell.state for member in self.staff for cell in member.cells.values())

    @property
    def last_due_week(self) -> str | None:
        """The most recent week of the window whose deadline has passed."""
        passed = [w.text for w in self.weeks if self.deadlines[w.text] <= self.as_of]
        return passed[-1] if passed else None

    def to_json(self) -> dict[str, Any]:
        """The pinned JSON shape of `validator status --format json`."""
        return {
            "as_of": self.as_of.isoformat(timespec="seconds"),
            "weeks": self.week_texts,
            "staff": [
                {
                    "id": member.id,
                    "name": member.staff.name,
                    "weekly": member.weekly,
                    "on_time_rate": member.on_time_rate,
                    "streak": member.streak,
                }
                for member in self.staff
            ],
        }


def window(today: dt.date, weeks: int) -> list[Period]:
    """The `weeks` most recent ISO weeks up to and including the one containing `today`, less
    any before the supported years (`validator.core.years`: a "now" near their start)."""
    if weeks < 1:
        raise ValueError("a window has at least one week")
    monday = today - dt.timedelta(days=today.weekday())
    found: list[Period] = []
    for back in range(weeks - 1, -1, -1):
        day = monday - dt.timedelta(weeks=back)
        year, number, _ = day.isocalendar()
        period = week_period(year, number)
        if period is not None:
            found.append(period)
    return found


def workdays(week: Period) -> tuple[dt.date, dt.date]:
    """Monday and Friday of an ISO week."""
    return week.start, week.start + dt.timedelta(days=4)


def on_leave(entries: Iterable[LeaveEntry], staff_id: str, week: Period) -> bool:
    """Approved leave covers every day Monday–Friday (possibly through several entries)."""
    days = {week.start + dt.timedelta(days=i) for i in range(5)}
    for entry in entries:
        if entry.staff == staff_id:
            days = {d for d in days if not entry.from_ <= d <= entry.to}
    return not days


def week_state(
    member: Staff,
    week: Period,
    deadline: dt.datetime,
    leave: Iterable[LeaveEntry],
    path: str | None,
    received: dt.datetime | None,
    now: dt.datetime,
) -> WeekCell:
    """The pinned state of one staff member for one week; `path` is the report file if any,
    `leave` the member's approved leave."""
    if path is not None:
        arrived = received or now  # an uncommitted file arrives "now"
        return WeekCell(ON_TIME if arrived < deadline else LATE, deadline, path, arrived)
    monday, friday = workdays(week)
    if not member.posted_during(monday, friday):
        return WeekCell(NOT_REQUIRED, deadline)
    if on_leave(leave, member.id, week):
        return WeekCell(EXCUSED, deadline)
    return WeekCell(MISSING if deadline <= now else PENDING, deadline)


def listed_staff(org: Org) -> list[Staff]:
    """Everyone who owes reports: the roster except reviewers who were never posted anywhere
    and, unless `channel_assistants_report` opts them in, channel assistants (not 外派,
    JP 四(一)3, 四(二)4; they still count for allocation, which reads the roster)."""
    return [m for m in org.roster.staff if owes_reports(m, org.policy)]


def in_rotation(member: Staff) -> bool:
    """Whether rotation and the quarterly ranking (JP 四(一)) apply: 外派 staff only, whatever
    `channel_assistants_report` says about their reports."""
    return member.dispatched


def handover_duties(workspace: Workspace, member: Staff) -> list[Duty]:
    """The handovers `member` owes for ended postings (JP 四), each with the one filed."""
    filed = [rf.period.start for rf in workspace.reports_of(member.id, "handover")]
    filed += [
        e.period.start for e in archived(workspace.root).entries(member.id, "handover").values()
    ]
    return duties(member, workspace.org.policy, filed)


def local_now(now: dt.datetime, org: Org) -> dt.datetime:
    """`now` as an aware time in the policy's zone (naive values are read in that zone)."""
    tz = org.policy.tz
    return localize(now, tz).astimezone(tz)


def before_go_live(policy: Policy, period: Period) -> bool:
    """Periods that end before the policy's `start:` (go-live) are not_required everywhere:
    status, pages, reminders and digests; the organisation was not using the system yet."""
    return policy.start is not None and period.end < policy.start


def compute_status(workspace: Workspace, now: dt.datetime, weeks: int = DEFAULT_WEEKS) -> Status:
    """Weekly states, on-time rate and streak of every listed staff member."""
    org = workspace.org
    as_of = local_now(now, org)
    periods = window(as_of.date(), weeks)
    deadlines = {week.text: due(week, org.policy) for week in periods}
    files = {
        (rf.staff_id, rf.period.text): rf.path for rf in workspace.reports if rf.kind == "weekly"
    }
    leave: dict[str, list[LeaveEntry]] = {}
    for entry in org.leave.leave:
        leave.setdefault(entry.staff, []).append(entry)
    archive = archived(workspace.root)
    listed: list[StaffStatus] = []
    for member in listed_staff(org):
        own_leave = leave.get(member.id, [])
        cells: dict[str, WeekCell] = {}
        gone = archive.entries(member.id, "weekly")  # weeks of archived years, from the summary
        for week in periods:
            path = files.get((member.id, week.text))
            received = workspace.history.received_at(path) if path else None
            cell = week_state(member, week, deadlines[week.text], own_leave, path, received, as_of)
            if path is None and week.text in gone:  # no page to link to: the state, no path
                arrived = gone[week.text].received
                state = ON_TIME if arrived < deadlines[week.text] else LATE
                cell = WeekCell(state, deadlines[week.text], None, arrived)
            if before_go_live(org.policy, week):  # a file stays linked, but nothing was owed
                cell = WeekCell(NOT_REQUIRED, cell.due, cell.path, cell.received)
            cells[week.text] = cell
        listed.append(StaffStatus(member, cells))
    return Status(as_of, periods, listed, deadlines)


def on_time_rate(states: Iterable[str]) -> float | None:
    """on_time / (on_time + late + missing); None when nothing was due."""
    counted = [s for s in states if s in DUE_STATES]
    if not counted:
        return None
    return counted.count(ON_TIME) / len(counted)


def streak(states: Sequence[str]) -> int:
    """Consecutive `on_time` weeks counting back from the newest, stepping over pending,
    excused and not-required weeks; a late or missing week ends it."""
    count = 0
    for state in reversed(states):
        if state in SKIPPED:
            continue
        if state != ON_TIME:
            break
        count += 1
    return count


def format_rate(rate: float | None) -> str:
    """A rate as readers see it everywhere (CLI table and pages): one decimal, or a dash."""
    return "—" if rate is None else f"{rate * 100:.1f}%"
