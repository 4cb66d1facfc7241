"""工作交接: what a staff member hands over when a posting ends (JP 四: 外派人员岗位调整中的工作
交接必须严格按"外派调动或离职工作交接规定"执行).

The regulation names the duty but not the referenced handover rules, which are not in the
source: the window (`reports.handover.due_within` in `org/policy.yaml`, default 7 days after the
posting's `to`) and these fields are this organisation's setting (「本组织规定」).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from validator.core.yamltext import flow
from validator.kinds.base import LATE_TITLE, STAFF_TITLE, Kind, Loc, OnFile, Report
from validator.kinds.periods import Period, instant, parse_day
from validator.models.common import Date, Id, Model, ShortText, Text
from validator.models.org import Posting, Staff
from validator.models.policy import Policy

HandoverReason = Literal["transfer", "rotation", "departure"]
Items = Annotated[list[ShortText], Field(max_length=200)]
#: how far back a handover looks for the posting it closes, when the policy is not at hand
DEFAULT_WINDOW = dt.timedelta(days=7)


class Station(Model):
    """An authorised service station handed over, and whom to call there."""

    name: ShortText
    contact: ShortText | None = None


class HandoverReport(Report):
    """工作交接: regions, spare units, stations, open incidents and pending work handed to the
    successor (or back to headquarters on departure)."""

    kind: ClassVar[str] = "handover"
    period_field: ClassVar[str] = "date"

    date: Date
    successor: Id | None = None
    reason: HandoverReason
    regions: Annotated[list[Id], Field(min_length=1, max_length=50)]
    spare_units: Items = []
    stations: Annotated[list[Station], Field(max_length=200)] = []
    open_incidents: Items = []
    documents: Items = []
    pending: Items = []
    note: Text | None = None

    def posting_window(self, period: Period, policy: Policy) -> tuple[dt.date, dt.date]:
        """A handover follows the posting it closes, within the organisation's window."""
        return period.start - dated_within(policy), period.start

    def regions_named(self) -> Iterator[tuple[Loc, str]]:
        for i, region in enumerate(self.regions):
            yield ("regions", i), region


def deadline(period: Period, start: dt.datetime, policy: Policy) -> dt.datetime:
    """Filed within the window after the handover date (organisation setting)."""
    return window_closes(period.start, policy)


def window_closes(end: dt.date, policy: Policy) -> dt.datetime:
    """The end of the window after the day `end`: midnight starting the next day, plus the
    window, in days on the calendar (the same time of day, across a daylight-saving change)."""
    midnight = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0, 0), tzinfo=policy.tz)
    return instant(midnight + policy.reports.handover.window)


def candidates(today: dt.date) -> list[str]:
    return [today.isoformat()]


def template(staff: Staff, period: Period, moment: dt.datetime, on_file: OnFile) -> str:
    regions = staff.regions_during(period.start - DEFAULT_WINDOW, period.start)
    lines = [
        f"staff: {staff.id}",
        f"date: {period.text}   # 交接日期",
        "successor: null   # 接任者工号;离职且无人接任时写 null",
        'reason: ""   # transfer 调动 | rotation 轮换 | departure 离职',
        f"regions: [{', '.join(regions)}]" if regions else 'regions: [""]',
        _spare_units(on_file),
        "stations:   # 负责的授权站与联系人",
        '  - {name: "", contact: ""}',
        "open_incidents: []   # 未结的突发事件文件名,例如 2026-11-10-guangzhou-media",
        "documents: []   # 移交的资料",
        "pending: []   # 未完成的工作",
    ]
    return "\n".join(lines) + "\n"


def _spare_units(on_file: OnFile) -> str:
    if on_file.month is None:
        return "spare_units: []   # 交接的备用机序列号,应与最近一期月报中在借的一致"
    serials = [unit if isinstance(unit, str) else unit.serial for unit in on_file.units_out]
    said = "中在借的备用机" if serials else "中没有在借的备用机"
    return f"spare_units: {flow(serials)}   # 最近一期月报({on_file.month}){said}"


KIND = Kind(
    name="handover",
    command="handover",
    label_zh="工作交接",
    label_en="handover",
    model=HandoverReport,
    parse=parse_day,
    example="2026-11-30",
    period_zh="交接日期(例如 2026-11-30)",
    period_en="the handover date (e.g. 2026-11-30)",
    deadline=deadline,
    template=template,
    units_as_of=lambda period: period.start,  # handover-units: the months begun by its date
    due_article="",
    candidates=candidates,
    titles={
        "HandoverReport": (
            "工作交接",
            "派驻结束(调动、轮换或离职)时的工作交接{{ cite.handover }};"
            "交接内容与期限为本组织规定。",
        ),
        "Station": ("授权站", "移交的授权站及其联系人。"),
        "HandoverReport.staff": STAFF_TITLE,
        "HandoverReport.late_reason": LATE_TITLE,
        "HandoverReport.date": ("交接日期", "YYYY-MM-DD,须与文件名一致。"),
        "HandoverReport.successor": (
            "接任者",
            "接任者的工号(org/staff.yaml);离职且无人接任时为 null。",
        ),
        "HandoverReport.reason": ("原因", "transfer 调动、rotation 轮换、departure 离职。"),
        "HandoverReport.regions": ("交接的区域", "org/regions.yaml 中的区域 id,至少一个。"),
        "HandoverReport.spare_units": (
            "备用机",
            "交接的在借备用机序列号;应与最近一期月报中未归还的一致。",
        ),
        "HandoverReport.stations": ("授权站", "负责的授权站名称与联系人。"),
        "HandoverReport.open_incidents": (
            "未结的突发事件",
            "尚未解决的突发事件报告文件名(不含 .yaml)。",
        ),
        "HandoverReport.documents": ("移交资料", "移交的资料、账号、物品。"),
        "HandoverReport.pending": ("待办事项", "尚未完成、由接任者跟进的工作。"),
        "HandoverReport.note": ("备注", ""),
        "Station.name": ("名称", "授权站名称。"),
        "Station.contact": ("联系人", "姓名与电话。"),
    },
)


@dataclass(frozen=True)
class Duty:
    """A handover owed because a posting ended: dated within [`start`, `until`]."""

    index: int  # of the posting in the member's `postings`
    posting: Posting
    start: dt.date  # the posting's last day
    until: dt.date  # the last day a handover may be dated (organisation setting)
    done: dt.date | None  # the date of the handover that meets it
    due: dt.datetime  # when the window closes

    def missing(self, now: dt.datetime) -> bool:
        return self.done is None and self.due <= now


def dated_within(policy: Policy) -> dt.timedelta:
    """How many days after a posting's last day its handover may be dated: the days the window
    reaches into, counted from the end of that day (36h reaches into the second day)."""
    return dt.timedelta(days=-(-policy.reports.handover.window // dt.timedelta(days=1)))


def duties(member: Staff, policy: Policy, filed: Iterable[dt.date]) -> list[Duty]:
    """The handovers `member` owes for postings that ended, given the dates of the handovers
    filed; a posting continued the next day by one covering the same regions owes none, nor
    one that ended before the go-live date."""
    days = sorted(set(filed))
    span = dated_within(policy)
    found: list[Duty] = []
    for i, posting in enumerate(member.postings):
        end = posting.to
        if end is None or (policy.start is not None and end < policy.start):
            continue
        if _continued(member.postings, posting, end):
            continue
        until = end + span
        done = next((d for d in days if end <= d <= until), None)
        due = window_closes(end, policy)
        found.append(Duty(i, posting, end, until, done, due))
    return found


def _continued(postings: Iterable[Posting], posting: Posting, end: dt.date) -> bool:
    following = end + dt.timedelta(days=1)
    return any(
        other is not posting
        and other.overlaps(following, following)
        and set(posting.regions) <= set(other.regions)
        for other in postings
    )
