"""Reference data that reviewers keep in `org/` besides the policy (docs/formats/org.md): the
roster and its postings, regions, leave, approvals and scores.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from validator.models.common import Date, Flag, Id, Line, Model, Month, ShortText, Text
from validator.models.policy import Policy

Category = Literal["account_manager", "parts_admin", "technician", "channel_assistant"]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]
ChatId = Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9_.@-]{1,64}$")]


class Posting(Model):
    regions: Annotated[list[Id], Field(min_length=1)]
    from_: Date = Field(alias="from")
    to: Date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Posting:
        if self.to is not None and self.to < self.from_:
            raise PydanticCustomError(
                "bad_range", "end before start", {"start": str(self.from_), "to": str(self.to)}
            )
        return self

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """Whether this posting covers any day of [start, end]."""
        return self.from_ <= end and (self.to is None or self.to >= start)


class Staff(Model):
    id: Id
    name: Line
    category: Category | None = None  # the post of one who reports; reviewers have none of these
    email: Annotated[
        StrictStr,
        Field(
            pattern=r"^[^@\s]+@[^@\s]+$", json_schema_extra={"examples": ["li.ming@example.com"]}
        ),
    ]
    github: Annotated[
        StrictStr,
        Field(
            pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$",
            json_schema_extra={"examples": ["liming-gz"]},
        ),
    ]
    role: Literal["staff", "reviewer"] = "staff"
    postings: list[Posting] = []
    # routing (JP 三(一)3: reports go to the channel engineer, the channel manager is copied)
    channel_engineer: Id | None = None
    channel_manager: Id | None = None
    # optional chat identities, only for @mentions in group-robot nudges (validator.delivery)
    mobile: Annotated[StrictStr, Field(pattern=r"^\+?[0-9]{6,15}$")] | None = None
    wecom_userid: ChatId | None = None
    dingtalk_userid: ChatId | None = None
    feishu_open_id: ChatId | None = None

    @model_validator(mode="after")
    def _category_for_staff(self) -> Staff:
        """Required of those who report (JP 四(二)2); none of the four posts fits a 渠道工程师
        or 渠道经理, so a reviewer may leave it out."""
        if self.role == "staff" and self.category is None:
            raise PydanticCustomError(
                "required_for_staff",
                "category required",
                {"field": "category", "choices": list(CATEGORIES)},
            )
        return self

    @property
    def dispatched(self) -> bool:
        """外派: every post but the channel assistant, who is not dispatched (JP 四(一)3,
        四(二)4) and so is not in rotation or ranking; reviewers without a post are not either."""
        return self.category is not None and self.category != "channel_assistant"

    def posted_during(self, start: dt.date, end: dt.date) -> bool:
        return any(p.overlaps(start, end) for p in self.postings)

    def regions_during(self, start: dt.date, end: dt.date) -> list[str]:
        """The regions of every posting in force on some day of [start, end], in roster order."""
        found: list[str] = []
        for posting in self.postings:
            if posting.overlaps(start, end):
                found.extend(r for r in posting.regions if r not in found)
        return found


def owes_reports(member: Staff, policy: Policy) -> bool:
    """Whether `member` files reports: those with a post or a posting, except channel
    assistants (not 外派, JP 四(一)3) unless `channel_assistants_report` opts them in."""
    if member.role == "reviewer" and not member.postings:
        return False
    return member.category != "channel_assistant" or policy.channel_assistants_report


def routed_reviewer(staff: dict[str, Staff], target: str | None) -> Staff | None:
    """The reviewer a `channel_engineer` or `channel_manager` id routes reports to (JP 三(一)3),
    or None: an id that names nobody or someone who is not a reviewer (rule `routing`) routes
    them nowhere, so the digest, CODEOWNERS, the job summary and the by-engineer page all treat
    the member as unrouted there."""
    found = staff.get(target) if target is not None else None
    return found if found is not None and found.role == "reviewer" else None


class StaffRoster(Model):
    """`org/staff.yaml`: who reports, where they are posted, and who reviews."""

    staff: list[Staff] = []


class Region(Model):
    id: Id
    name: Line
    annual_sales: Annotated[StrictInt, Field(ge=0)]
    high_failure_models: Flag = False
    one_stop: Flag = False
    adjacent: list[Id] = []

    @property
    def region_class(self) -> int:
        """JP 四(二)3: 1 (>= 200k, or >= 100k of high-failure models), 2 (100k–200k), 3."""
        if self.annual_sales >= 200_000 or (
            self.annual_sales >= 100_000 and self.high_failure_models
        ):
            return 1
        if self.annual_sales >= 100_000:
            return 2
        return 3

    @property
    def staffed_as_class(self) -> int:
        """One-stop regions are staffed as class 3 (JP 四(二)4 注)."""
        return 3 if self.one_stop else self.region_class


class Regions(Model):
    """`org/regions.yaml`: sales regions, their size and neighbours."""

    regions: list[Region] = []


class LeaveEntry(Model):
    staff: Id
    from_: Date = Field(alias="from")
    to: Date
    reason: ShortText | None = None

    @model_validator(mode="after")
    def _ordered(self) -> LeaveEntry:
        if self.to < self.from_:
            raise PydanticCustomError(
                "bad_range", "end before start", {"start": str(self.from_), "to": str(self.to)}
            )
        return self


class Leave(Model):
    """`org/leave.yaml`: approved leave; a week fully on leave needs no weekly report."""

    leave: list[LeaveEntry] = []


class Approval(Model):
    id: Annotated[
        StrictStr,
        Field(
            pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$",
            json_schema_extra={"examples": ["APR-2026-0012"]},
        ),
    ]
    staff: Id
    kind: Literal["travel", "reception"]
    from_: Date = Field(alias="from")
    to: Date
    purpose: Text
    # the two steps of SEC 七: 部门领导预审, then 公司批准
    reviewed_by: ShortText | None = None
    reviewed_on: Date | None = None
    approved_by: ShortText
    approved_on: Date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Approval:
        if self.to < self.from_:
            raise PydanticCustomError(
                "bad_range", "end before start", {"start": str(self.from_), "to": str(self.to)}
            )
        return self


class Approvals(Model):
    """`org/approvals.yaml`: pre-approved business trips and receptions (SEC 七)."""

    approvals: list[Approval] = []


def _score(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("float_type", "number expected")
    if not 0 <= value <= 100:
        raise PydanticCustomError("score_range", "0..100")
    return float(value)


Score = Annotated[
    float,
    BeforeValidator(_score),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100}),
]


class Scores(Model):
    """`org/scores/<YYYY-MM>.yaml`: monthly performance scores, 0–100 (JP 四(一))."""

    month: Month
    scores: dict[Id, Score] = {}
