"""Reference data that reviewers keep in `org/` (docs/formats/org.md)."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from validator.models.common import Date, Flag, Id, Line, Model, Month, ShortText, Text

_DURATION = re.compile(r"^([0-9]+)\s*([smhd])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


#: the longest duration a policy may set: a deadline window of a year at most keeps every
#: deadline of a supported year (validator.core.years) a representable date
LONGEST = dt.timedelta(days=366)


def parse_duration(text: str) -> dt.timedelta:
    """`30m`, `24h`, `2d`, `90s` -> timedelta, at most LONGEST; ValueError otherwise."""
    match = _DURATION.match(text.strip())
    if not match:
        raise ValueError(text)
    seconds = int(match[1]) * _UNITS[match[2]]
    if seconds > LONGEST.total_seconds():
        raise ValueError(text)
    return dt.timedelta(seconds=seconds)


def _duration(value: str) -> str:
    try:
        parse_duration(value)
    except ValueError:
        raise PydanticCustomError("bad_duration", "not a duration", {"value": value}) from None
    return value


Duration = Annotated[StrictStr, Field(json_schema_extra={"examples": ["30m", "24h"]})]
TimeOfDay = Annotated[
    StrictStr,
    Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", json_schema_extra={"examples": ["13:00"]}),
]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[str, ...] = Weekday.__args__  # type: ignore[attr-defined]


class WeeklyDue(Model):
    weekday: Weekday = "monday"
    time: TimeOfDay = "13:00"


class MonthlyDue(Model):
    day: Annotated[StrictInt, Field(ge=1, le=28)] = 5
    time: TimeOfDay = "18:00"


class WeeklyPolicy(Model):
    due: WeeklyDue = WeeklyDue()


class MonthlyPolicy(Model):
    due: MonthlyDue = MonthlyDue()


#: what the guides say by default about paper vouchers (JP 三(一)4 asks for them by the 10th)
PAPER_VOUCHERS = "纸质报销凭证仍须在次月10号前寄回公司财务;在仓库中提交的报销单不代替纸质凭证。"


class ExpensesPolicy(Model):
    due: MonthlyDue = MonthlyDue(day=10, time="00:00")
    #: whether (and how) paper vouchers still travel by post: this organisation's setting
    paper_vouchers: Text = PAPER_VOUCHERS


class IncidentsPolicy(Model):
    due_within: Duration = "24h"

    _check = field_validator("due_within")(_duration)


class HandoverPolicy(Model):
    """The window after a posting ends in which its handover is dated: the regulation (JP 四)
    refers to handover rules it does not include, so this is the organisation's setting."""

    due_within: Duration = "7d"

    _check = field_validator("due_within")(_duration)

    @property
    def window(self) -> dt.timedelta:
        return parse_duration(self.due_within)


class ReportsPolicy(Model):
    weekly: WeeklyPolicy = WeeklyPolicy()
    monthly: MonthlyPolicy = MonthlyPolicy()
    expenses: ExpensesPolicy = ExpensesPolicy()
    incidents: IncidentsPolicy = IncidentsPolicy()
    handover: HandoverPolicy = HandoverPolicy()


class RotationPolicy(Model):
    protected_months: Annotated[StrictInt, Field(ge=0, le=120)] = 6
    due_months: Annotated[StrictInt, Field(ge=1, le=240)] = 12
    rounds: list[
        Annotated[
            StrictStr,
            Field(
                pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
                json_schema_extra={"examples": ["07-01"]},
            ),
        ]
    ] = [
        "01-01",
        "07-01",
    ]


class PerformancePolicy(Model):
    threshold: Annotated[StrictInt, Field(ge=0, le=100)] = 60


class PullRequestPolicy(Model):
    """How much one pull request may hold (organisation setting): bounded CI work per run."""

    max_commits: Annotated[StrictInt, Field(ge=1, le=100_000)] = 500
    max_files: Annotated[StrictInt, Field(ge=1, le=100_000)] = 200


EnvName = Annotated[StrictStr, Field(pattern=r"^[A-Z_][A-Z0-9_]{0,63}$")]


class SmtpSettings(Model):
    """Where mail is handed over; the password only ever comes from `password_env`."""

    host: Line
    port: Annotated[StrictInt, Field(ge=1, le=65535)] = 465
    security: Literal["ssl", "starttls", "none"] = "ssl"
    user: Line | None = None
    password_env: EnvName | None = None


class EmailNotify(Model):
    smtp: SmtpSettings
    from_: Line = Field(alias="from")


class WecomNotify(Model):
    """A WeCom group robot: the webhook URL holds its key, so it comes from the environment."""

    webhook_env: EnvName


class WebhookNotify(WecomNotify):
    """A DingTalk or Feishu robot: webhook URL and signing secret from environment variables,
    never from the repository (docs/formats/org.md#notify)."""

    secret_env: EnvName | None = None


class Notify(Model):
    """`notify:` in org/policy.yaml (docs/formats/org.md#notify): the channels `digest --send` and
    `remind --send` use; a channel left out is skipped. `site_url` is where links in messages
    point."""

    email: EmailNotify | None = None
    wecom: WecomNotify | None = None
    dingtalk: WebhookNotify | None = None
    feishu: WebhookNotify | None = None
    site_url: Annotated[StrictStr, Field(pattern=r'^https?://[^\s<>"]+$')] | None = None


class Policy(Model):
    """`org/policy.yaml`: deadlines, time zone and thresholds; every key optional."""

    organization: Line = "示例通信有限公司客户服务部"
    timezone: StrictStr = "Asia/Shanghai"
    clock_skew: Duration = "30m"
    #: go-live: periods that end before it are not_required (organisation setting)
    start: Date | None = None
    reports: ReportsPolicy = ReportsPolicy()
    rotation: RotationPolicy = RotationPolicy()
    performance: PerformancePolicy = PerformancePolicy()
    #: channel assistants are not 外派 (JP 四(一)3, 四(二)4): they report only when this is set
    channel_assistants_report: Flag = False
    pull_request: PullRequestPolicy = PullRequestPolicy()
    notify: Notify = Notify()

    _check_skew = field_validator("clock_skew")(_duration)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise PydanticCustomError("bad_timezone", "unknown zone", {"value": value}) from None
        return value

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def skew(self) -> dt.timedelta:
        return parse_duration(self.clock_skew)


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
