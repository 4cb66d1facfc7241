"""What every status page family shares: the loaded data, the audience, and Markdown helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from validator.core.diagnostics import Diagnostic
from validator.features.status import STATE_ZH, Status
from validator.kinds import KINDS, Period, due
from validator.models.org import LeaveEntry, Staff
from validator.repo.layout import ReportFile
from validator.repo.org_data import Org
from validator.repo.workspace import Workspace
from validator.site.pages.escape import html_text, text
from validator.site.settings import INTERNAL

_KIND_ORDER = {name: i for i, name in enumerate(KINDS)}
NO_DATA = "暂无数据"
MIN_GROUP = 3  # people a public aggregate must cover (fewer would show one person's data)
PRIVATE = "本页包含个人信息(姓名、分数、费用或个人记录),只在内部版本中显示;公开版本只显示汇总数字。"
CATEGORY_ZH = {
    "account_manager": "外派客户经理",
    "parts_admin": "外派备件管理员",
    "technician": "外派技术人员",
    "channel_assistant": "渠道助理",
}
#: generated file path (relative to the status directory) -> content
Pages = dict[str, str | bytes]


@dataclass
class Site:
    """Everything a page family renders from, computed once per build."""

    workspace: Workspace
    status: Status
    diagnostics: list[Diagnostic]
    audience: str
    files_by_staff: dict[str, list[ReportFile]] = field(default_factory=dict)
    listed: set[str] = field(default_factory=set)  # staff ids with a status row and a page
    leave_by_staff: dict[str, list[LeaveEntry]] = field(default_factory=dict)
    by_path: dict[str, ReportFile] = field(default_factory=dict)

    def __post_init__(self) -> None:
        newest = sorted(self.workspace.reports, key=lambda r: r.period.text, reverse=True)
        for rf in sorted(newest, key=lambda r: _KIND_ORDER[r.kind]):  # by kind, newest first
            self.files_by_staff.setdefault(rf.staff_id, []).append(rf)
            self.by_path[rf.path] = rf
        self.listed = {member.id for member in self.status.staff}
        for entry in self.org.leave.leave:
            self.leave_by_staff.setdefault(entry.staff, []).append(entry)

    @property
    def internal(self) -> bool:
        return self.audience == INTERNAL

    @property
    def org(self) -> Org:
        return self.workspace.org

    @property
    def now(self) -> dt.datetime:
        """ "Now" in the policy time zone (the status' `as_of`)."""
        return self.status.as_of

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @property
    def staff(self) -> dict[str, Staff]:
        return self.org.staff

    def name(self, staff_id: str) -> str:
        """The escaped display name of a staff member (the id when not on the roster)."""
        member = self.staff.get(staff_id)
        return text(member.name if member else staff_id)

    def staff_link(self, staff_id: str, prefix: str = "") -> str:
        """A link to the person's view (`person_page`); the name alone outside internal builds."""
        if not self.internal or staff_id not in self.listed:
            return self.name(staff_id)
        return f"[{self.name(staff_id)}]({prefix}{person_page(staff_id)})"

    def received(self, rf: ReportFile) -> dt.datetime:
        """When the report reached the repository; an uncommitted file arrives "now"."""
        return self.workspace.history.received_at(rf.path) or self.now

    def due(self, rf: ReportFile) -> dt.datetime:
        return due(rf.period, self.org.policy, rf.report)

    def on_time(self, rf: ReportFile) -> bool:
        return self.received(rf) < self.due(rf)

    def region_name(self, region_id: str) -> str:
        region = self.org.region_by_id.get(region_id)
        return text(region.name if region else region_id)

    def reports(self, kind: str) -> list[ReportFile]:
        """Parsed reports of one kind, by period then staff."""
        found = [rf for rf in self.workspace.reports if rf.kind == kind and rf.report is not None]
        return sorted(found, key=lambda rf: (rf.period.text, rf.staff_id))


#: the one page that shows any person, from `data/people/<id>.json` (pages/people.py)
PERSON_PAGE = "person.md"


def person_page(staff_id: str, anchor: str = "") -> str:
    """The view of one person, relative to the status directory (ids are `[a-z0-9-]`, safe in a
    URL). The id is a query, not a page: the number of pages does not grow with the staff."""
    return f"{PERSON_PAGE}?id={staff_id}" + (f"#{anchor}" if anchor else "")


def report_page(rf: ReportFile) -> str:
    """Where one report is shown, relative to the status directory: its author's view,
    scrolled to the report (links to it live in JSON-fed tables, which MkDocs does not check)."""
    return person_page(rf.staff_id, report_anchor(rf))


def report_anchor(rf: ReportFile) -> str:
    """Unique within the person's page: monthly reports and expense claims share periods."""
    return f"r-{rf.kind}-{rf.period.text}"


def header(site: Site, title: str) -> list[str]:
    """The title and a comment for whoever opens the file; the visible notice is the footer,
    so that a reader's eye lands on the content (`footer`, added by `render_pages`)."""
    return [
        f"# {title}",  # first, so that MkDocs takes the page title from it
        "",
        "<!-- 由 validator pages 生成,请勿手工编辑;修改 org/ 或 submissions/ 后重新生成。 -->",
        "",
    ]


def footer(site: Site) -> list[str]:
    """The "generated, do not edit" notice, as a small final paragraph (`status.css`)."""
    policy = site.org.policy
    version = "内部版本" if site.internal else "公开版本(不含个人信息)"
    note = (
        f"本页由 <code>validator pages</code> 自动生成,请勿手工编辑。"
        f"{html_text(policy.organization)} · 数据截至 {when(site.now)}"
        f"({html_text(policy.timezone)})· {version}"
    )
    return ["", f'<p class="status-generated">{note}</p>', ""]


def newest_first(weeks: Sequence[Period]) -> list[Period]:
    """The one order of weeks on every page: the newest first, where the eye lands (the CLI's
    JSON and CSV keep their pinned oldest-first order)."""
    return sorted(weeks, key=lambda w: w.start, reverse=True)


def badge(state: str) -> str:
    """A weekly state as a coloured label (`docs/stylesheets/status.css`); plain text elsewhere."""
    return f'<span class="state state-{state.replace("_", "-")}">{STATE_ZH[state]}</span>'


def when(moment: dt.datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def in_zone(moment: dt.datetime, site: Site) -> str:
    return when(moment.astimezone(site.org.policy.tz))


def table(
    head: Sequence[str], rows: Iterable[Sequence[str]], numeric: Iterable[int] = ()
) -> list[str]:
    """A Markdown table; cells must already be escaped (see `escape.cell`)."""
    right = set(numeric)
    lines = ["| " + " | ".join(head) + " |"]
    lines.append("|" + "|".join("---:" if i in right else "---" for i in range(len(head))) + "|")
    lines += ["| " + " | ".join(c or " " for c in row) + " |" for row in rows]
    lines.append("")
    return lines


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end` (0 when less than a month)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)
