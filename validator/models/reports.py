"""The four report kinds staff commit under `submissions/<staff>/<kind>/<period>.yaml` (SPEC §4).

Every kind shares `staff`, its period field, and an optional `late_reason`; unknown keys are errors
so that a typo never silently drops data.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, StrictStr, WithJsonSchema
from pydantic_core import PydanticCustomError

from validator.models.common import Count, Date, DateTime, Flag, Id, Model, ShortText, Text

WEEK_PATTERN = r"^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$"
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,47}$"

Week = Annotated[
    StrictStr, Field(pattern=WEEK_PATTERN, json_schema_extra={"examples": ["2026-W47"]})
]
Month = Annotated[
    StrictStr, Field(pattern=MONTH_PATTERN, json_schema_extra={"examples": ["2026-10"]})
]
Items = Annotated[list[ShortText], Field(max_length=50)]


class Report(Model):
    """Fields every report kind has."""

    kind: ClassVar[str]
    period_field: ClassVar[str]

    staff: Id
    late_reason: Annotated[StrictStr, Field(max_length=500)] | None = None

    @property
    def period(self) -> str:
        return str(getattr(self, self.period_field))


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


class FaultyStock(Model):
    """局方故障机库存: faulty units held for the operator in one region (JP 三(五)3)."""

    region: Id
    units: Count
    note: ShortText | None = None


class SpareUnit(Model):
    """备用机: a spare unit on loan and when it must come back (JP 三(七)1)."""

    serial: ShortText
    model: ShortText | None = None
    holder: ShortText
    loaned: Date
    due: Date


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


ExpenseCategory = Literal[
    "travel", "reception", "transport", "lodging", "communication", "office", "other"
]


def _amount(value: Any) -> decimal.Decimal:
    """CNY with at most two decimals; floats are read through their shortest repr."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise PydanticCustomError("amount_type", "number expected")
    try:
        amount = decimal.Decimal(str(value).strip())
    except decimal.InvalidOperation:
        raise PydanticCustomError("amount_type", "number expected") from None
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
        WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.01}),
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

    month: Month
    items: Annotated[list[ExpenseItem], Field(min_length=1, max_length=500)]
    note: Text | None = None

    @property
    def total(self) -> decimal.Decimal:
        """Total of business items; personal ones are the staff member's own (SEC 八)."""
        return sum((item.cny for item in self.items if not item.personal), decimal.Decimal("0.00"))


class IncidentUpdate(Model):
    date: Date
    text: Text


IncidentChannel = Literal["regulator", "consumer_association", "media", "other"]


class IncidentReport(Report):
    """突发事件: a complaint that reached a regulator, the consumer association or the media
    (JP 三(六)); reported within 24 hours, then kept up to date until resolved."""

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


REPORT_MODELS: dict[str, type[Report]] = {
    model.kind: model for model in (WeeklyReport, MonthlyReport, ExpenseReport, IncidentReport)
}
