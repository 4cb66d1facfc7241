"""`staff/<id>.md`: one page per staff member (internal builds only): postings, tenure, weekly
states, every report, scores, leave."""

from __future__ import annotations

from validator.features.status import StaffStatus, format_rate, handover_duties
from validator.handbook.citations import cite, handbook_of
from validator.kinds import KINDS
from validator.site.pages.common import (
    CATEGORY_ZH,
    Pages,
    Site,
    badge,
    header,
    in_zone,
    months_between,
    report_page,
    table,
    when,
)
from validator.site.pages.escape import cell, text


def render(site: Site) -> Pages:
    if not site.internal:
        return {}
    return {f"staff/{m.id}.md": _page(site, m) for m in site.status.staff}


def _page(site: Site, member: StaffStatus) -> str:
    staff = member.staff
    # thousands of pages that all say 周报: a search should find the regulation, not them
    lines = ["---", "search:", "  exclude: true", "---", "", *header(site, text(staff.name))]
    lines += [
        f"- 编号:`{staff.id}`",
        f"- 类别:{CATEGORY_ZH[staff.category] if staff.category else '—'}",
        f"- GitHub 账号:`{staff.github}`",
        f"- 邮箱:{text(staff.email)}",
        f"- 周报准时率(最近 {len(member.cells)} 周):**{format_rate(member.on_time_rate)}**",
        f"- 连续准时:**{member.streak} 周**",
        "",
        "## 派驻与任期",
        "",
    ]
    rows = []
    for posting in staff.postings:
        end = posting.to if posting.to is not None and posting.to < site.today else site.today
        regions = "、".join(site.region_name(r) for r in posting.regions)
        until = str(posting.to) if posting.to else "至今"
        tenure = f"{months_between(posting.from_, end)} 个月" if posting.from_ <= end else "未开始"
        rows.append([regions, str(posting.from_), until, tenure])
    lines += table(["区域", "起", "止", "任期"], rows) if rows else ["无派驻记录。", ""]
    lines += _handovers(site, member)
    lines += ["## 周报", ""]
    week_rows = []
    for week in reversed(site.status.weeks):
        state = member.cells[week.text]
        label = badge(state.state)
        rf = site.by_path.get(state.path) if state.path else None
        shown = f"[{label}](../{report_page(rf)})" if rf else label
        arrived = in_zone(state.received, site) if state.received else "—"
        week_rows.append([week.text, when(state.due), shown, arrived])
    lines += table(["周", "截止时间", "状态", "提交时间"], week_rows)
    lines += ["## 全部报告", ""]
    files = site.files_by_staff.get(staff.id, [])
    if files:
        rows = []
        for rf in files:
            verdict = "准时" if site.on_time(rf) else "迟交"
            rows.append(
                [
                    KINDS[rf.kind].label_zh,
                    f"[{text(rf.period.text)}](../{report_page(rf)})",
                    in_zone(site.received(rf), site),
                    in_zone(site.due(rf), site),
                    verdict if rf.report is not None else f"{verdict}(未通过校验)",
                ]
            )
        lines += table(["类型", "期间", "提交时间", "截止时间", "时效"], rows)
    else:
        lines += ["暂无报告。", ""]
    lines += ["## 月度考核分数", ""]
    scores = [
        (month, s.scores[staff.id])
        for month, s in sorted(site.org.scores.items())
        if staff.id in s.scores
    ]
    threshold = site.org.policy.performance.threshold
    if scores:
        lines += table(
            ["月份", "分数", "备注"],
            [[m, f"{v:g}", f"低于 {threshold} 分" if v < threshold else " "] for m, v in scores],
            numeric=[1],
        )
    else:
        lines += ["暂无分数。", ""]
    lines += ["## 请假", ""]
    leave = site.leave_by_staff.get(staff.id, [])
    if leave:
        lines += table(
            ["起", "止", "事由"], [[str(e.from_), str(e.to), cell(e.reason or "—")] for e in leave]
        )
    else:
        lines += ["无请假记录。", ""]
    return "\n".join(lines)


def _basis(site: Site, staff_id: str) -> str:
    """(the handbook's article on handovers), or nothing when it has none."""
    found = cite(handbook_of(site.org.handbook), "handover", f"status/staff/{staff_id}.md")
    return f"({found})" if found else ""


def _handovers(site: Site, member: StaffStatus) -> list[str]:
    """Each ended posting's handover (JP 四: 外派调动或离职工作交接规定); the window is the
    organisation's setting, so it is labelled so and cites no article."""
    duties = handover_duties(site.workspace, member.staff)
    if not duties:
        return []
    within = f"{site.org.policy.reports.handover.window.days} 天"
    lines = [
        "## 工作交接",
        "",
        f"派驻结束后须提交工作交接{_basis(site, member.id)};"
        f"交接日期须在派驻结束后 {text(within)} 之内(本组织规定)。",
        "",
    ]
    rows = []
    for duty in duties:
        if duty.done is not None:
            path = f"submissions/{member.id}/handover/{duty.done.isoformat()}.yaml"
            rf = site.by_path.get(path)
            label = f"已交接({duty.done})"
            state = f"[{label}](../{report_page(rf)})" if rf else label
        elif duty.missing(site.now):
            state = "**缺交接**"
        else:
            state = "待交接"
        regions = "、".join(site.region_name(r) for r in duty.posting.regions)
        rows.append([regions, str(duty.start), str(duty.until), state])
    return lines + table(["区域", "派驻结束", "交接期限", "状态"], rows)
