"""`org/policy.yaml`: the organisation's settings (deadlines, time zone, thresholds, delivery
channels; docs/formats/org.md). Every key is optional and its default is named a setting.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Annotated, Literal

from pydantic import (
    Field,
    StrictInt,
    StrictStr,
    field_validator,
)
from pydantic_core import PydanticCustomError

from validator.models.common import Date, Flag, Line, Model, Text

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
