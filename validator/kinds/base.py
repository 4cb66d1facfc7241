"""What every report kind has, and the row that describes one kind in the table.

A kind is one module of `validator.kinds` that builds a `Kind`: its folder name, Chinese label,
period syntax, model, deadline, template and titles. Everything else (loading, rules, pages,
schemas, `validator new`, `remind`) reads the table instead of naming kinds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Annotated, ClassVar

from pydantic import Field, StrictStr

from validator.kinds.periods import Period, period_start
from validator.kinds.spare import SpareUnit
from validator.models.common import Id, Model
from validator.models.org import Staff
from validator.models.policy import Policy

Loc = tuple[str | int, ...]


class Report(Model):
    """Fields every report kind has."""

    kind: ClassVar[str]
    period_field: ClassVar[str]

    staff: Id
    late_reason: Annotated[StrictStr, Field(max_length=500)] | None = None

    @property
    def period(self) -> str:
        return str(getattr(self, self.period_field))

    def starts_at(self, period: Period, tz: dt.tzinfo) -> dt.datetime:
        """When the report's clock starts: the first moment of its period, unless the report
        itself says when the event happened (incidents)."""
        return period_start(period, tz)

    def named_period(self, period: Period, tz: dt.tzinfo) -> tuple[str, str, str]:
        """(field, what the report says, what its file name says) of the period field, for
        `path-mismatch`."""
        return self.period_field, self.period, period.text

    def date_window(self, period: Period, tz: dt.tzinfo) -> tuple[dt.date, dt.date | None, str]:
        """The first and last day (None: open) its dated items may carry, and the message key
        for one outside them (`date-out-of-period`)."""
        return period.start, period.end, "date-out-of-period"

    def dated_items(self) -> Iterator[tuple[Loc, dt.date]]:
        """Every date the report holds that must fall in its `date_window`, with its field path."""
        return iter(())

    def posting_window(self, period: Period, policy: Policy) -> tuple[dt.date, dt.date]:
        """The days one of its author's postings must overlap (`not-posted`): the period, unless
        the report follows a posting's end (a handover)."""
        return period.start, period.end

    def regions_named(self) -> Iterator[tuple[Loc, str]]:
        """Every region id the report names, with its field path (for `unknown-region`)."""
        return iter(())


#: titles every kind's `staff`, `late_reason` and region list share
STAFF_TITLE = ("工号", "提交人的工号,须与文件夹名一致并在 org/staff.yaml 中登记,例如 li-ming。")
LATE_TITLE = ("逾期原因", "逾期提交时必须填写。")
REGIONS_TITLE = ("区域", "涉及的区域(org/regions.yaml 中的区域 id,例如 guangzhou)。")
MONTH_TITLE = ("月份", "YYYY-MM,须与文件名一致。")


@dataclass(frozen=True)
class OnFile:
    """What the author's earlier reports carry into a new one (`validator new`): the spare
    units the latest monthly report (`month`) leaves out on loan, as written there (an archived
    month's by serial alone)."""

    month: str | None = None
    units_out: tuple[SpareUnit | str, ...] = ()


#: (staff, period, the local moment the report is written for, what is on file) -> the YAML body
Template = Callable[[Staff, Period, dt.datetime, OnFile], str]
#: (period, when its clock starts, policy) -> the deadline
Deadline = Callable[[Period, dt.datetime, Policy], dt.datetime]


#: (policy id, period) -> (that policy, the deadline): `Kind.due` for report-independent kinds
_DUE: dict[tuple[int, Period], tuple[Policy, dt.datetime]] = {}


@dataclass(frozen=True)
class Kind:
    """One row of the table of report kinds."""

    name: str  # the folder under submissions/<staff>/ and the `kind` of its model
    command: str  # the argument of `validator new`
    label_zh: str
    label_en: str
    model: type[Report]
    parse: Callable[[str, str], Period | None]  # (kind, file stem) -> period
    example: str  # a period as a file stem
    period_zh: str  # what the file name is, for messages
    period_en: str
    deadline: Deadline
    template: Template
    #: where its deadline comes from: the article of the regulation, or "" for a setting of the
    #: organisation (then pages and messages say 「本组织规定」 and cite nothing)
    due_article: str
    #: the titles of its models and fields for the JSON Schemas, forms and pages:
    #: "Model" or "Model.field" -> (title, description)
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: its deadline depends on what the report says (an incident's `occurred_at`)
    due_from_report: bool = False
    #: owed every month a posting overlaps (`remind`); weekly duty is the status rule
    monthly: bool = False
    #: `validator new` with no --period: the periods to try, oldest first
    candidates: Callable[[dt.date], list[str]] | None = None
    #: its template lists the spare units still out: from the monthly report for the latest
    #: month that began by this day of its period (as the rule that compares them reads it)
    units_as_of: Callable[[Period], dt.date] | None = None

    def due(self, period: Period, policy: Policy, report: Report | None = None) -> dt.datetime:
        """The deadline of a report for `period` (of `report`, when it has been read).

        Unless the report itself says when its clock starts (`due_from_report`), the deadline
        follows from the period and the policy alone, and is worked out once: a national
        company's 120,000 reports share a few dozen periods, and each is asked three times."""
        if report is not None and self.due_from_report:
            return self.deadline(period, report.starts_at(period, policy.tz), policy)
        key = (id(policy), period)
        known = _DUE.get(key)
        if known is not None and known[0] is policy:
            return known[1]
        found = self.deadline(period, period_start(period, policy.tz), policy)
        if len(_DUE) >= 4096:
            _DUE.clear()
        _DUE[key] = (policy, found)  # the policy is held, so its id stays its own
        return found

    def parse_period(self, text: str) -> Period | None:
        return self.parse(self.name, text)
