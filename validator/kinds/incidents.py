"""突发事件: a complaint that reached a regulator, the consumer association or the media
(JP 三(六): 及时汇报).

The regulation asks for a prompt report and names no time: the window (`reports.incidents.
due_within` in `org/policy.yaml`, default 24 hours after `occurred_at`) is this organisation's
setting. A follow-up is a new file: a merged report cannot change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from validator.kinds.base import LATE_TITLE, REGIONS_TITLE, STAFF_TITLE, Kind, Loc, OnFile, Report
from validator.kinds.periods import Period, instant, parse_day_slug
from validator.models.common import Date, DateTime, Id, Model, ShortText, Text
from validator.models.org import Staff
from validator.models.policy import Policy, parse_duration

IncidentChannel = Literal["regulator", "consumer_association", "media", "other"]


class IncidentUpdate(Model):
    date: Date
    text: Text


class IncidentReport(Report):
    """突发事件: a complaint that reached a regulator, the consumer association or the media
    (JP 三(六)); reported promptly, then kept up to date until resolved."""

    kind: ClassVar[str] = "incidents"
    period_field: ClassVar[str] = "occurred_at"

    occurred_at: DateTime
    title: ShortText
    channel: IncidentChannel
    regions: list[Id] | None = None
    parties: Annotated[list[ShortText], Field(min_length=1, max_length=50)]
    summary: Text
    updates: Annotated[list[IncidentUpdate], Field(max_length=200)] = []
    status: Literal["open", "resolved"]

    def occurred_local(self, tz: dt.tzinfo) -> dt.datetime:
        """The occurrence time as an aware datetime; naive values are local time."""
        value = self.occurred_at
        return value.replace(tzinfo=tz) if value.tzinfo is None else value.astimezone(tz)

    def starts_at(self, period: Period, tz: dt.tzinfo) -> dt.datetime:
        return self.occurred_local(tz)

    def named_period(self, period: Period, tz: dt.tzinfo) -> tuple[str, str, str]:
        """The file name carries the day it happened."""
        return "occurred_at", str(self.occurred_local(tz).date()), str(period.start)

    def date_window(self, period: Period, tz: dt.tzinfo) -> tuple[dt.date, dt.date | None, str]:
        """Updates come on or after the day it happened, for as long as it takes."""
        return self.occurred_local(tz).date(), None, "date-before-occurred"

    def dated_items(self) -> Iterator[tuple[Loc, dt.date]]:
        for i, update in enumerate(self.updates):
            yield ("updates", i, "date"), update.date

    def regions_named(self) -> Iterator[tuple[Loc, str]]:
        for i, region in enumerate(self.regions or ()):
            yield ("regions", i), region


def deadline(period: Period, start: dt.datetime, policy: Policy) -> dt.datetime:
    """`due_within` real hours after it happened: added in UTC, since adding to a local time
    keeps the hour of the day and so gives 23 or 25 hours across a daylight-saving change."""
    within = parse_duration(policy.reports.incidents.due_within)
    return instant((start.astimezone(dt.UTC) + within).astimezone(policy.tz))


def candidates(today: dt.date) -> list[str]:
    return [f"{today.isoformat()}-incident"]


def template(staff: Staff, period: Period, moment: dt.datetime, on_file: OnFile) -> str:
    regions = staff.regions_during(period.start, period.end)
    lines = [
        f"staff: {staff.id}",
        f'occurred_at: "{moment:%Y-%m-%d %H:%M}"   # 发生时间(当地时间)',
        'title: ""',
        'channel: ""   # regulator 管理部门 | consumer_association 消协 | media 媒体 | other 其他',
        "parties:   # 相关方:用户、授权站、媒体……",
        '  - ""',
        'summary: ""',
        "updates: []   # 后续进展:- {date: YYYY-MM-DD, text: ...}",
        "status: open",
    ]
    if regions:
        lines.append(f"regions: [{', '.join(regions)}]")
    return "\n".join(lines) + "\n"


KIND = Kind(
    name="incidents",
    command="incident",
    label_zh="突发事件",
    label_en="incident report",
    model=IncidentReport,
    parse=parse_day_slug,
    example="2026-11-20-tianhe-media",
    period_zh="日期加小写英文标识(例如 2026-11-20-tianhe-media)",
    period_en="a date and a lowercase ASCII name (e.g. 2026-11-20-tianhe-media)",
    deadline=deadline,
    template=template,
    due_article="",
    due_from_report=True,
    candidates=candidates,
    titles={
        "IncidentReport": (
            "突发事件",
            "投诉到达管理部门、消协或媒体时及时汇报{{ cite.incidents }}:{{ deadline.incidents }}"
            "报告,并持续更新直至解决。",
        ),
        "IncidentUpdate": ("进展", "某一天的处理进展。"),
        "IncidentReport.staff": STAFF_TITLE,
        "IncidentReport.late_reason": LATE_TITLE,
        "IncidentReport.occurred_at": (
            "发生时间",
            "YYYY-MM-DD HH:MM(组织时区的当地时间)或带时区的 ISO 8601 时间。",
        ),
        "IncidentReport.title": ("标题", "一句话说明事件。"),
        "IncidentReport.channel": (
            "渠道",
            "regulator 管理部门、consumer_association 消费者协会、media 媒体、other 其他。",
        ),
        "IncidentReport.regions": REGIONS_TITLE,
        "IncidentReport.parties": ("相关方", "至少一个:用户、授权站、媒体等。"),
        "IncidentReport.summary": ("经过", "事件经过与目前的处理。"),
        "IncidentReport.updates": ("进展", "按日期记录的后续进展。"),
        "IncidentReport.status": ("状态", "open 处理中、resolved 已解决。"),
        "IncidentUpdate.date": ("日期", "YYYY-MM-DD。"),
        "IncidentUpdate.text": ("内容", ""),
    },
)
