"""周报: the work of the ISO week just ended and the plan for the next (JP 三(一)3).

Due Monday 13:00 of the following week by default (JP 三(一)3: 每周一中午1点前); the weekday and
time are `reports.weekly.due` in `org/policy.yaml`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StrictStr

from validator.kinds.base import LATE_TITLE, REGIONS_TITLE, STAFF_TITLE, Kind, Loc, OnFile, Report
from validator.kinds.periods import Period, at, parse_week, week_text
from validator.models.common import Count, Date, Id, Model, ShortText, Text
from validator.models.org import Staff
from validator.models.policy import WEEKDAYS, Policy

WEEK_PATTERN = r"^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$"
Week = Annotated[
    StrictStr, Field(pattern=WEEK_PATTERN, json_schema_extra={"examples": ["2026-W47"]})
]
Items = Annotated[list[ShortText], Field(max_length=50)]
WorkCategory = Literal["station", "training", "complaint", "parts", "operator", "sales", "other"]


class WorkItem(Model):
    date: Date
    description: Text
    site: ShortText | None = None
    category: WorkCategory | None = None


class Complaints(Model):
    handled: Count = 0
    escalated: Count = 0


class WeeklyReport(Report):
    """周报: what was done in the ISO week just ended and the plan for the next (JP 三(一)3)."""

    kind: ClassVar[str] = "weekly"
    period_field: ClassVar[str] = "week"

    week: Week
    summary: Text
    work: Annotated[list[WorkItem], Field(min_length=1, max_length=100)]
    plan: Annotated[list[ShortText], Field(min_length=1, max_length=50)]
    regions: list[Id] | None = None
    complaints: Complaints | None = None
    sales_info: Text | None = None
    quality_issues: Items | None = None
    support_needed: Items | None = None

    def dated_items(self) -> Iterator[tuple[Loc, dt.date]]:
        for i, work in enumerate(self.work):
            yield ("work", i, "date"), work.date

    def regions_named(self) -> Iterator[tuple[Loc, str]]:
        for i, region in enumerate(self.regions or ()):
            yield ("regions", i), region


def deadline(period: Period, start: dt.datetime, policy: Policy) -> dt.datetime:
    rule = policy.reports.weekly.due
    day = period.start + dt.timedelta(days=7 + WEEKDAYS.index(rule.weekday))
    return at(day, rule.time, policy.tz)


def candidates(today: dt.date) -> list[str]:
    """Last week (due this Monday) first, then this week."""
    return [week_text(today - dt.timedelta(days=7)), week_text(today)]


_WEEKDAYS_ZH = "一二三四五六日"


def template(staff: Staff, period: Period, moment: dt.datetime, on_file: OnFile) -> str:
    lines = [f"staff: {staff.id}", f"week: {period.text}", 'summary: ""', "work:"]
    lines.append("  # 每天做了什么;没有工作的日子整条删除,周末加班可照样添加。")
    for offset in range(5):
        day = period.start + dt.timedelta(days=offset)
        lines += [
            f"  - date: {day.isoformat()}   # 星期{_WEEKDAYS_ZH[offset]}",
            '    description: ""',
        ]
    lines += ["plan:   # 下周计划,至少一条", '  - ""']
    regions = staff.regions_during(period.start, period.end)
    if regions:
        lines.append(f"regions: [{', '.join(regions)}]")
    return "\n".join(lines) + "\n"


KIND = Kind(
    name="weekly",
    command="weekly",
    label_zh="周报",
    label_en="weekly report",
    model=WeeklyReport,
    parse=parse_week,
    example="2026-W47",
    period_zh="ISO 周(例如 2026-W47)",
    period_en="an ISO week (e.g. 2026-W47)",
    deadline=deadline,
    template=template,
    due_article="三(一)3",
    candidates=candidates,
    titles={
        "WeeklyReport": (
            "周报",
            "上一 ISO 周的工作与下周计划;{{ deadline.weekly }}提交。",
        ),
        "WorkItem": ("工作条目", "本周某一天做的一件事。"),
        "Complaints": ("投诉", "本周处理的投诉数量。"),
        "WeeklyReport.staff": STAFF_TITLE,
        "WeeklyReport.late_reason": LATE_TITLE,
        "WeeklyReport.week": ("周次", "ISO 周,格式 YYYY-Www,须与文件名一致,例如 2026-W47。"),
        "WeeklyReport.summary": ("本周小结", "本周工作概要,不超过 2000 字。"),
        "WeeklyReport.work": ("工作记录", "至少一条;日期须在本周(周一至周日)之内。"),
        "WeeklyReport.plan": ("下周计划", "至少一条。"),
        "WeeklyReport.regions": REGIONS_TITLE,
        "WeeklyReport.complaints": ("投诉", "本周处理与升级的投诉数量。"),
        "WeeklyReport.sales_info": ("销售信息", "市场与销售情况。"),
        "WeeklyReport.quality_issues": ("质量问题", "发现的产品质量问题。"),
        "WeeklyReport.support_needed": ("需要的支持", "需要总部提供的支持。"),
        "WorkItem.date": ("日期", "YYYY-MM-DD,须在本周之内。"),
        "WorkItem.description": ("工作内容", "做了什么。"),
        "WorkItem.site": ("地点", "例如授权站名称。"),
        "WorkItem.category": (
            "类别",
            "station 授权站、training 培训、complaint 投诉、parts 备件、operator 局方、sales 销售、"
            "other 其他。",
        ),
        "Complaints.handled": ("已处理", "处理的投诉数。"),
        "Complaints.escalated": ("已升级", "上报或升级的投诉数。"),
    },
)
