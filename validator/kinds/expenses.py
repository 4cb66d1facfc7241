"""报销: a month's expense claims (JP 三(一)4; SEC 七, 八).

Due before the 10th of the next month (JP 三(一)4: 次月10号前), i.e. the 10th at 00:00; the day
and time are `reports.expenses.due` in `org/policy.yaml`. Travel and receptions cite an approval
(SEC 七); personal costs are marked and left out of totals (SEC 八).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from validator.kinds.base import LATE_TITLE, MONTH_TITLE, STAFF_TITLE, Kind, Loc, OnFile, Report
from validator.kinds.monthly import candidates, monthly_deadline
from validator.kinds.periods import Period, parse_month
from validator.models.common import Date, Flag, Model, Month, ShortText, Text
from validator.models.org import Staff
from validator.models.policy import Policy

ExpenseCategory = Literal[
    "travel", "reception", "transport", "lodging", "communication", "office", "other"
]


def _amount(value: Any) -> decimal.Decimal:
    """CNY with at most two decimals; floats are read through their shortest repr.

    Text is refused like any number field's (`"1280.50"`, `１２８０`: the message shows the
    number to write): the JSON Schema, the form and every reader of the report take a number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("amount_type", "number expected")
    amount = decimal.Decimal(str(value))
    if not amount.is_finite():
        raise PydanticCustomError("amount_type", "number expected")
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise PydanticCustomError("decimals", "two decimals")
    if amount <= 0:
        raise PydanticCustomError("greater_than", "positive", {"gt": 0})
    if amount >= 10_000_000:
        raise PydanticCustomError("less_than", "too large", {"lt": 10_000_000})
    return amount.quantize(decimal.Decimal("0.01"))


class ExpenseItem(Model):
    date: Date
    category: ExpenseCategory
    amount: Annotated[
        decimal.Decimal,
        BeforeValidator(_amount),
        WithJsonSchema(
            {
                "type": "number",
                "exclusiveMinimum": 0,
                "exclusiveMaximum": 10_000_000,
                "multipleOf": 0.01,
            }
        ),
    ]
    description: Text
    approval: ShortText | None = None
    personal: Flag = False
    receipt: ShortText | None = None

    @property
    def cny(self) -> decimal.Decimal:
        return self.amount


class ExpenseReport(Report):
    """报销: a month's claims; travel and receptions cite an approval (SEC 七), personal costs are
    marked and excluded from totals (SEC 八)."""

    kind: ClassVar[str] = "expenses"
    period_field: ClassVar[str] = "month"
    # what `_items_or_no_claims` checks, said so that editors and the form see it too
    model_config = ConfigDict(
        **Model.model_config,
        json_schema_extra={
            "oneOf": [
                {"required": ["items"], "properties": {"no_claims": {"const": False}}},
                {
                    "required": ["no_claims"],
                    "properties": {"no_claims": {"const": True}},
                    "not": {"required": ["items"]},
                },
            ]
        },
    )

    month: Month
    items: Annotated[list[ExpenseItem], Field(min_length=1, max_length=500)] = []
    #: a month with nothing to claim is declared, so that it is not reminded as missing
    no_claims: Flag = False
    note: Text | None = None

    @model_validator(mode="after")
    def _items_or_no_claims(self) -> ExpenseReport:
        """Exactly one of them: a claim lists items, or says there is nothing to claim."""
        if bool(self.items) == self.no_claims:
            raise PydanticCustomError("items_or_no_claims", "items or no_claims")
        return self

    @property
    def total(self) -> decimal.Decimal:
        """Total of business items; personal ones are the staff member's own (SEC 八)."""
        return sum((item.cny for item in self.items if not item.personal), decimal.Decimal("0.00"))

    def dated_items(self) -> Iterator[tuple[Loc, dt.date]]:
        for i, item in enumerate(self.items):
            yield ("items", i, "date"), item.date


def deadline(period: Period, start: dt.datetime, policy: Policy) -> dt.datetime:
    return monthly_deadline(policy.reports.expenses.due, period, policy)


def template(staff: Staff, period: Period, moment: dt.datetime, on_file: OnFile) -> str:
    lines = [
        f"staff: {staff.id}",
        f"month: {period.text}",
        "# 本月没有要报销的费用:删去下面的 items,改写一行 no_claims: true",
        "items:   # 每笔费用一条;个人费用加 personal: true,不计入合计",
        "  # category: travel 出差 | reception 接待 | transport 交通 | lodging 住宿"
        " | communication 通信 | office 办公 | other 其他",
        "  # 出差与接待须加 approval: 审批编号(org/approvals.yaml)",
        f"  - date: {period.start.isoformat()}",
        '    category: ""',
        "    amount: null   # 元,最多两位小数",
        '    description: ""',
    ]
    return "\n".join(lines) + "\n"


KIND = Kind(
    name="expenses",
    command="expenses",
    label_zh="报销",
    label_en="expense claim",
    model=ExpenseReport,
    parse=parse_month,
    example="2026-10",
    period_zh="月份(例如 2026-10)",
    period_en="a month (e.g. 2026-10)",
    deadline=deadline,
    template=template,
    due_article="三(一)4",
    monthly=True,
    candidates=candidates,
    titles={
        "ExpenseReport": (
            "报销",
            "一个月的费用;出差与接待须引用事先的审批{{ cite.approvals }},"
            "个人原因的往返费用{{ cite.personal-costs }}等个人费用标明并不计入合计。",
        ),
        "ExpenseItem": ("费用条目", "一笔费用。"),
        "ExpenseReport.staff": STAFF_TITLE,
        "ExpenseReport.late_reason": LATE_TITLE,
        "ExpenseReport.month": MONTH_TITLE,
        "ExpenseReport.items": (
            "费用明细",
            "至少一条;本月没有费用时删去 items,改写 no_claims: true。",
        ),
        "ExpenseReport.no_claims": (
            "本月无报销",
            "true 表示本月没有要报销的费用(此时不写 items)。",
        ),
        "ExpenseReport.note": ("备注", ""),
        "ExpenseItem.date": ("日期", "YYYY-MM-DD,须在本月之内。"),
        "ExpenseItem.category": (
            "类别",
            "travel 出差、reception 接待、transport 交通、lodging 住宿、communication 通信、"
            "office 办公、other 其他。",
        ),
        "ExpenseItem.amount": ("金额", "人民币元,大于 0,最多两位小数。"),
        "ExpenseItem.description": ("说明", "这笔费用的用途。"),
        "ExpenseItem.approval": (
            "审批编号",
            "出差与接待须填写 org/approvals.yaml 中的审批编号。",
        ),
        "ExpenseItem.personal": (
            "个人费用",
            "由本人承担,不计入报销合计;"
            "因个人原因造成的往返费用由个人承担{{ cite.personal-costs }}。",
        ),
        "ExpenseItem.receipt": ("票据", "发票或收据编号。"),
    },
)
