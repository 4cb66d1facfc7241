"""月报: faulty-unit stock for the operator, spare units on loan, replacements (JP 三(五)3, 三(七)).

The regulation asks for a monthly report but names no day: the due day and time are this
organisation's setting (`reports.monthly.due` in `org/policy.yaml`, default the 5th, 18:00).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, ClassVar

from pydantic import Field

from validator.core.yamltext import scalar
from validator.kinds.base import LATE_TITLE, MONTH_TITLE, STAFF_TITLE, Kind, Loc, OnFile, Report
from validator.kinds.periods import Period, at, month_text, next_month, parse_month
from validator.kinds.spare import SpareUnit
from validator.models.common import Count, Id, Model, Month, ShortText, Text
from validator.models.org import Staff
from validator.models.policy import MonthlyDue, Policy

Items = Annotated[list[ShortText], Field(max_length=50)]


class FaultyStock(Model):
    """局方故障机库存: faulty units held for the operator in one region (JP 三(五)3)."""

    region: Id
    units: Count
    note: ShortText | None = None


class Replacements(Model):
    """换新量: handsets replaced with new ones in one region (JP 三(七)2)."""

    region: Id
    count: Count
    note: ShortText | None = None


class MonthlyReport(Report):
    """月报: faulty-unit stock, spare units on loan, replacements (JP 三(五)3, 三(七))."""

    kind: ClassVar[str] = "monthly"
    period_field: ClassVar[str] = "month"

    month: Month
    summary: Text
    faulty_stock: Annotated[list[FaultyStock], Field(min_length=1, max_length=50)]
    spare_units: Annotated[list[SpareUnit], Field(max_length=500)] = []
    replacements: Annotated[list[Replacements], Field(max_length=50)] = []
    issues: Items | None = None
    plan: Items | None = None

    def date_window(self, period: Period, tz: dt.tzinfo) -> tuple[dt.date, dt.date | None, str]:
        """A unit lent in an earlier month and still out is listed again, so loans may be dated
        any day up to the end of the month (returns too: within the month)."""
        return dt.date.min, period.end, "date-after-period"

    def dated_items(self) -> Iterator[tuple[Loc, dt.date]]:
        for i, unit in enumerate(self.spare_units):
            yield ("spare_units", i, "loaned"), unit.loaned
            if unit.returned is not None:
                yield ("spare_units", i, "returned"), unit.returned

    def out_on_loan(self) -> list[SpareUnit]:
        """Units not returned as of the end of the month."""
        return [unit for unit in self.spare_units if unit.returned is None]

    def regions_named(self) -> Iterator[tuple[Loc, str]]:
        for i, stock in enumerate(self.faulty_stock):
            yield ("faulty_stock", i, "region"), stock.region
        for i, replaced in enumerate(self.replacements):
            yield ("replacements", i, "region"), replaced.region


def monthly_deadline(rule: MonthlyDue, period: Period, policy: Policy) -> dt.datetime:
    """`rule.day` of the month after the period, at `rule.time`."""
    return at(next_month(period.start).replace(day=rule.day), rule.time, policy.tz)


def deadline(period: Period, start: dt.datetime, policy: Policy) -> dt.datetime:
    return monthly_deadline(policy.reports.monthly.due, period, policy)


def candidates(today: dt.date) -> list[str]:
    """Last month (due early this month) first, then this month."""
    this_month = today.replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    return [month_text(last_month), month_text(this_month)]


def template(staff: Staff, period: Period, moment: dt.datetime, on_file: OnFile) -> str:
    regions = staff.regions_during(period.start, period.end) or ['""']
    lines = [f"staff: {staff.id}", f"month: {period.text}", 'summary: ""']
    lines.append("faulty_stock:   # 局方故障机库存,每个派驻区域一条")
    for region in regions:
        lines += [f"  - region: {region}", "    units: null"]
    lines.append("replacements:   # 本月换新台数")
    for region in regions:
        lines += [f"  - region: {region}", "    count: null"]
    if on_file.units_out:
        lines.append(
            f"spare_units:   # 借出未还的备用机,每台一条({on_file.month} 的月报中未还的已照抄,"
            "本月归还的加 returned):"
        )
        lines += [f"  - {unit_line(unit)}" for unit in on_file.units_out]
    else:
        lines.append(
            "spare_units: []   # 借出未还的备用机,每台一条(上月未还的照抄,本月归还的加 returned):"
        )
    lines += [
        '  # - {serial: "", holder: "", loaned: YYYY-MM-DD, due: YYYY-MM-DD}',
        '  # - {serial: "", holder: "", loaned: YYYY-MM-DD, due: YYYY-MM-DD, returned: YYYY-MM-DD}',
    ]
    return "\n".join(lines) + "\n"


def unit_line(unit: SpareUnit | str) -> str:
    """A unit still out, as last month's report wrote it (an archived month's: its serial, the
    rest left for the writer)."""
    if isinstance(unit, str):
        return f'{{serial: {scalar(unit)}, holder: "", loaned: null, due: null}}'
    model = f", model: {scalar(unit.model)}" if unit.model is not None else ""
    return (
        f"{{serial: {scalar(unit.serial)}{model}, holder: {scalar(unit.holder)}, "
        f"loaned: {unit.loaned}, due: {unit.due}}}"
    )


KIND = Kind(
    name="monthly",
    command="monthly",
    label_zh="月报",
    label_en="monthly report",
    model=MonthlyReport,
    parse=parse_month,
    example="2026-10",
    period_zh="月份(例如 2026-10)",
    period_en="a month (e.g. 2026-10)",
    deadline=deadline,
    template=template,
    units_as_of=lambda period: period.start - dt.timedelta(days=1),  # last month's report
    due_article="",
    monthly=True,
    candidates=candidates,
    titles={
        "MonthlyReport": (
            "月报",
            "局方故障机库存{{ cite.monthly }}、备用机借出{{ cite.spares }}"
            "与换新量{{ cite.replacements }};"
            "{{ deadline.monthly }}提交。",
        ),
        "FaultyStock": ("局方故障机库存", "一个区域为局方保管的故障机数量。"),
        "SpareUnit": ("备用机", "借出的一台备用机及其归还日期。"),
        "Replacements": ("换新量", "一个区域换新的手机数量。"),
        "MonthlyReport.staff": STAFF_TITLE,
        "MonthlyReport.late_reason": LATE_TITLE,
        "MonthlyReport.month": MONTH_TITLE,
        "MonthlyReport.summary": ("本月小结", "本月工作概要。"),
        "MonthlyReport.faulty_stock": (
            "局方故障机库存",
            "本月派驻过的每个区域一条{{ cite.monthly }}。",
        ),
        "MonthlyReport.spare_units": (
            "备用机",
            "月底仍借出的备用机(包括以前月份借出的),以及本月归还的(填 returned)。",
        ),
        "MonthlyReport.replacements": ("换新量", "各区域本月换新的数量。"),
        "MonthlyReport.issues": ("问题", "本月遇到的问题。"),
        "MonthlyReport.plan": ("下月计划", "下月的工作计划。"),
        "FaultyStock.region": ("区域", "org/regions.yaml 中的区域 id。"),
        "FaultyStock.units": ("台数", "故障机台数,不小于 0。"),
        "FaultyStock.note": ("备注", ""),
        "SpareUnit.serial": ("序列号", "备用机的序列号。"),
        "SpareUnit.model": ("型号", ""),
        "SpareUnit.holder": ("借用人", "借用备用机的用户或单位。"),
        "SpareUnit.loaned": ("借出日期", "YYYY-MM-DD,不晚于本月最后一天(可以是以前的月份)。"),
        "SpareUnit.due": ("应还日期", "YYYY-MM-DD。"),
        "SpareUnit.returned": ("归还日期", "YYYY-MM-DD,本月归还时填写;归还后下月不再列出。"),
        "Replacements.region": ("区域", "org/regions.yaml 中的区域 id。"),
        "Replacements.count": ("换新台数", "不小于 0。"),
        "Replacements.note": ("备注", ""),
    },
)
