"""The weekly digest (`validator digest`, docs/cli.md): what each channel engineer and channel
manager receives after the Monday deadline (JP 三(一)3: 上报给渠道工程师,抄送渠道经理).

For one ISO week, one letter per recipient holding, for every staff member routed to them in
org/staff.yaml, the full weekly report (or that it is late, missing, excused), plus the monthly
and incident reports that arrived in the seven days up to that week's deadline, so each of
those reaches the same people exactly once, in the next digest after it arrives. Staff with no
routing are in nobody's digest (a digest goes only where the roster sends it); they are listed
for the operator.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from validator.core import years
from validator.core.errors import UsageError
from validator.core.messages import both_languages
from validator.features.outgoing import Letter, as_html, plain
from validator.features.reportview import Node, report_nodes
from validator.features.status import (
    LATE,
    MISSING,
    NOT_REQUIRED,
    STATE_ZH,
    compute_status,
    listed_staff,
    local_now,
)
from validator.kinds import KINDS, due
from validator.kinds.periods import no_such_week, week_period
from validator.models.handbook import default_handbook
from validator.models.org import Staff, routed_reviewer
from validator.repo.layout import ReportFile
from validator.repo.workspace import Workspace
from validator.rules.routing import misrouted

ARRIVALS = ("monthly", "incidents")  # reach the same people as the weekly reports
_WEEK = re.compile(r"^([0-9]{4})-W([0-9]{2})$")


@dataclass(frozen=True)
class Arrival:
    """A report of one of `ARRIVALS`, received inside the digest's window."""

    file: ReportFile
    received: dt.datetime
    due: dt.datetime


@dataclass(frozen=True)
class Entry:
    """One staff member in the digest: their weekly state and what they filed."""

    staff: Staff
    state: str
    due: dt.datetime
    weekly: ReportFile | None
    received: dt.datetime | None
    arrivals: tuple[Arrival, ...]


@dataclass(frozen=True)
class DigestPlan:
    week: str
    due: dt.datetime
    letters: list[Letter]
    unrouted: list[Staff]  # staff with reports to tell about but no channel engineer/manager
    #: (message key, arguments) of each routing id of a member in some letter that names no
    #: reviewer: the engineer's letter or the manager's copy that lacks the member (rule `routing`)
    misrouted: list[tuple[str, dict[str, str]]] = field(default_factory=list)


def week_just_due(workspace: Workspace, now: dt.datetime) -> str:
    """The most recent ISO week whose weekly report deadline has passed."""
    status = compute_status(workspace, now, 3)
    week = status.last_due_week
    if week is None:  # cannot happen with a three-week window, but keep the promise
        raise UsageError("no week is due yet")
    return week


def _monday(week: str) -> dt.date:
    """The Monday of `--week`, or a usage error that says why there is no such week."""
    match = _WEEK.match(week)
    if not match:
        raise UsageError(
            f"--week 应为 YYYY-Www(例如 2026-W47),不是 {week!r}"
            f" / --week must look like 2026-W47, not {week!r}"
        )
    year, number = int(match[1]), int(match[2])
    if not years.supported(year):
        raise UsageError(
            f"{week} 的年份应在 {years.FIRST_YEAR} 至 {years.LAST_YEAR} 之间"
            f" / the year must be from {years.FIRST_YEAR} to {years.LAST_YEAR}"
        )
    beyond = no_such_week(week)
    if beyond is not None:
        raise UsageError(both_languages("no-such-week", beyond))
    return dt.date.fromisocalendar(year, number, 1)


def _previous_deadline(monday: dt.date, deadline: dt.datetime, workspace: Workspace) -> dt.datetime:
    """Where the digest of the week before stopped: its weekly deadline, so that one digest
    starts where the other ends (seven days before an instant is an hour off across a
    daylight-saving change)."""
    year, number, _ = (monday - dt.timedelta(days=7)).isocalendar()
    week = week_period(year, number)
    return due(week, workspace.org.policy) if week else deadline - dt.timedelta(days=7)


def plan_digest(
    workspace: Workspace, now: dt.datetime, week: str | None = None, site_url: str | None = None
) -> DigestPlan:
    """The letters for `week` (default: the week just due), judged at `now`."""
    org = workspace.org
    as_of = local_now(now, org)
    week = week or week_just_due(workspace, as_of)
    monday = _monday(week)
    this_monday = as_of.date() - dt.timedelta(days=as_of.weekday())
    span = (this_monday - monday).days // 7 + 1
    if span < 1:
        raise UsageError(f"{week} 还没有开始 / {week} has not begun")
    status = compute_status(workspace, as_of, span)
    deadline = status.deadlines[week]
    since = _previous_deadline(monday, deadline, workspace)
    arrivals: dict[str, list[Arrival]] = {}
    for rf in workspace.reports:
        if rf.kind in ARRIVALS and rf.report is not None:
            received = workspace.history.received_at(rf.path) or as_of
            if since <= received < deadline:
                owed = due(rf.period, workspace.org.policy, rf.report)
                arrivals.setdefault(rf.staff_id, []).append(Arrival(rf, received, owed))
    weekly = {
        rf.path: rf for rf in workspace.reports if rf.kind == "weekly" and rf.period.text == week
    }
    entries: dict[str, Entry] = {}
    for member_status in status.staff:
        cell = member_status.cells[week]
        own = tuple(sorted(arrivals.get(member_status.id, []), key=lambda a: a.received))
        if cell.state == NOT_REQUIRED and not own:
            continue
        entries[member_status.id] = Entry(
            member_status.staff,
            cell.state,
            cell.due,
            weekly.get(cell.path) if cell.path else None,
            cell.received,
            own,
        )
    staff = {m.id: m for m in org.roster.staff}
    routed: dict[str, list[Entry]] = {}
    unrouted: list[Staff] = []
    misrouted: list[tuple[str, dict[str, str]]] = []
    for member in listed_staff(org):
        entry = entries.get(member.id)
        if entry is None:
            continue
        targets = [
            t
            for t in dict.fromkeys((member.channel_engineer, member.channel_manager))
            if t is not None and routed_reviewer(staff, t) is not None
        ]
        if not targets:
            unrouted.append(member)
        else:
            misrouted += _misrouted(member, staff)
        for target in targets:
            routed.setdefault(target, []).append(entry)
    regions = {r.id: r.name for r in org.region_by_id.values()}  # the same for every letter
    routing = (org.handbook or default_handbook()).rule_article("routing")
    letters = [
        _letter(
            staff[target],
            _roles(staff[target], got),
            week,
            deadline,
            got,
            org.policy.organization,
            regions,
            as_of,
            site_url,
            routing,
        )
        for target, got in routed.items()
    ]
    order = {m.id: i for i, m in enumerate(org.roster.staff)}
    letters.sort(key=lambda letter: order[letter.to.id])
    return DigestPlan(week, deadline, letters, unrouted, misrouted)


def _misrouted(member: Staff, staff: dict[str, Staff]) -> list[tuple[str, dict[str, str]]]:
    """The rule `routing` message of each of `member`'s routing ids that names no reviewer."""
    return [
        (key, {"staff": member.id, "field": field, "target": target})
        for field, target, key in misrouted(member, staff)
    ]


def _roles(recipient: Staff, entries: list[Entry]) -> str:
    roles = []
    if any(e.staff.channel_engineer == recipient.id for e in entries):
        roles.append("渠道工程师")
    if any(e.staff.channel_manager == recipient.id for e in entries):
        roles.append("渠道经理")
    return "、".join(roles)


def _when(moment: dt.datetime | None, tz: dt.tzinfo | None) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M") if moment else ""


def _state_line(entry: Entry, tz: dt.tzinfo | None) -> str:
    words = STATE_ZH[entry.state]
    if entry.received is not None:
        words += f"(收到 {_when(entry.received, tz)})"
    elif entry.state == MISSING:
        words += f"(截止 {_when(entry.due, tz)} 已过)"
    return words


def _letter(
    to: Staff,
    roles: str,
    week: str,
    deadline: dt.datetime,
    entries: list[Entry],
    organization: str,
    regions: dict[str, str],
    as_of: dt.datetime,
    site_url: str | None,
    routing_article: str | None,
) -> Letter:
    tz = as_of.tzinfo
    missing = [e for e in entries if e.state == MISSING]
    late = [e for e in entries if e.state == LATE]
    missing_names = "、".join(f"{e.staff.name}({e.staff.id})" for e in missing) or "无"
    late_names = "、".join(f"{e.staff.name}({e.staff.id})" for e in late) or "无"
    subject = f"周报汇总 {week}:{len(entries)} 人,缺交 {len(missing)},迟交 {len(late)}"
    basis = f"({routing_article})" if routing_article else ""
    site = site_url.rstrip("/") if site_url else None
    text = [
        f"{to.name}({roles})您好:",
        "",
        f"以下是 {week} 周报(截止 {_when(deadline, tz)})的汇总,"
        f"按 org/staff.yaml 的报告去向发给您{basis}。",
        "",
        f"缺交:{missing_names}",
        f"迟交:{late_names}",
    ]
    body = [
        f"<p>{html.escape(to.name)}({html.escape(roles)})您好:</p>",
        f"<p>以下是 {html.escape(week)} 周报(截止 {_when(deadline, tz)})的汇总,"
        f"按 org/staff.yaml 的报告去向发给您{html.escape(basis)}。</p>",
        "<ul>",
        f"<li>缺交:{html.escape(missing_names)}</li>",
        f"<li>迟交:{html.escape(late_names)}</li>",
        "</ul>",
    ]
    for entry in entries:
        head = f"{entry.staff.name}({entry.staff.id}):周报 {week} {_state_line(entry, tz)}"
        text += ["", "=" * 40, head]
        body.append(f"<h2>{html.escape(head)}</h2>")
        if entry.weekly is not None and entry.weekly.report is not None:
            nodes = report_nodes("weekly", entry.weekly.report, regions)
            text += _text_lines(nodes, 1)
            body.append(_html_list(nodes))
        for arrival in entry.arrivals:
            rf = arrival.file
            label = KINDS[rf.kind].label_zh
            overdue = (
                f",迟交:截止 {_when(arrival.due, tz)}" if arrival.received >= arrival.due else ""
            )
            sub = f"{label} {rf.period.text}(收到 {_when(arrival.received, tz)}{overdue})"
            text += ["", f"  -- {sub}"]
            body.append(f"<h3>{html.escape(sub)}</h3>")
            if rf.report is not None:
                nodes = report_nodes(rf.kind, rf.report, regions)
                text += _text_lines(nodes, 2)
                body.append(_html_list(nodes))
        if site:
            link = f"{site}/status/person/?id={entry.staff.id}"
            text.append(f"  详情:{link}")
            body.append(f'<p><a href="{html.escape(link)}">详情</a></p>')
    if site:
        text += ["", f"每周提交情况:{site}/status/weekly/"]
        body.append(f'<p><a href="{html.escape(site)}/status/weekly/">每周提交情况</a></p>')
    footer = f"—— {organization} · validator digest · {_when(as_of, tz)}"
    text += ["", footer]
    body.append(f"<p>{html.escape(footer)}</p>")
    page = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(subject)}</title></head><body>" + "\n".join(body) + "</body></html>"
    )
    return Letter(to, f"digest:{week}", subject, "\n".join(text) + "\n", page)


def _text_lines(nodes: list[Node], depth: int) -> list[str]:
    """Report content for the plain-text part (staff-written values defanged)."""
    pad = "  " * depth
    lines: list[str] = []
    for node in nodes:
        head = f"{pad}- " if node.label == "" else f"{pad}{node.label}:"
        if node.value is not None:
            lines.append(head + plain(node.value).replace("\n", "\n" + pad + "  "))
        elif node.label == "":  # a list item with fields: the first on the dash's line
            inner = _text_lines(node.children, depth + 1)
            if inner:
                lines.append(head + inner[0].lstrip())
                lines += inner[1:]
        else:
            lines.append(head)
            lines += _text_lines(node.children, depth + 1)
    return lines


def _html_list(nodes: list[Node]) -> str:
    """Report content for the HTML part: every label and value escaped."""
    items = []
    for node in nodes:
        label = f"<b>{html.escape(node.label)}</b>:" if node.label else ""
        if node.value is not None:
            items.append(f"<li>{label}{as_html(node.value)}</li>")
        else:
            items.append(f"<li>{label}{_html_list(node.children)}</li>")
    return "<ul>" + "".join(items) + "</ul>"
