"""`weekly.md`: the staff × week matrix (internal) or per-week counts (public)."""

from __future__ import annotations

from validator.features.status import (
    DUE_STATES,
    STATE_ZH,
    STATES,
    StaffStatus,
    format_rate,
    on_time_rate,
)
from validator.site.pages.common import (
    NO_DATA,
    Pages,
    Site,
    badge,
    header,
    newest_first,
    report_page,
    table,
    when,
)
from validator.site.pages.groups import FRONT, ROWS_PER_PAGE, Group, staff_groups

LEGEND = {
    "on_time": "截止前提交",
    "late": "截止后提交",
    "missing": "已截止,未提交",
    "pending": "未到截止时间,尚未提交",
    "excused": "请假(假期覆盖周一至周五)",
    "not_required": "该周未派驻,无需提交",
}


def render(site: Site) -> Pages:
    status = site.status
    # the matrix needs the width the table of contents would take
    lines = ["---", "hide:", "  - toc", "---", "", *header(site, "每周提交")]
    policy = site.org.policy.reports.weekly.due
    lines += [
        f"周报须在下一周的{_weekday(policy.weekday)} {policy.time} 前提交"
        "(以提交记录的作者时间为准,恰好在截止时刻提交算迟交)。"
        f"统计窗口为最近 {len(status.weeks)} 个 ISO 周({status.weeks[0].text} 至 "
        f"{status.weeks[-1].text}),各表最新的一周在前。",
        "",
        "图例:" + ";".join(f"{badge(s)} = {LEGEND[s]}" for s in STATES) + "。"
        "已提交的周报一律按提交时间判定准时或迟交(即使该周请假或无需提交)。",
        "",
    ]
    if not status.staff:
        return {"weekly.md": "\n".join([*lines, NO_DATA, ""])}
    pages: Pages = {}
    if site.internal:
        lines += ["## 每人每周", ""]
        groups = staff_groups(site, (m.id for m in status.staff))
        if groups is None:
            lines += _matrix(site)
        else:  # a national company: one page per engineer's people (validator.site.pages.groups)
            lines += _groups(site, groups)
            for group in groups:
                pages[f"weekly/{group.slug}.md"] = _group_page(site, group)
    lines += ["## 每周汇总", ""]
    lines += _per_week(site)
    return {"weekly.md": "\n".join(lines), **pages}


def _groups(site: Site, groups: list[Group]) -> list[str]:
    """The index of the group pages, with each group's on-time rate over the window."""
    by_id = {m.id: m for m in site.status.staff}
    rows = []
    for group in groups:
        states = (c.state for sid in group.staff for c in by_id[sid].cells.values())
        rows.append(
            [
                f"[{group.title}](weekly/{group.slug}.md)",
                str(len(group.staff)),
                format_rate(on_time_rate(states)),
            ]
        )
    intro = [f"人数较多,每人每周的表格按渠道工程师分页(每页最多 {ROWS_PER_PAGE} 人)。", ""]
    return intro + table(["页面", "人数", "准时率"], rows, numeric=[1, 2])


def _group_page(site: Site, group: Group) -> str:
    by_id = {m.id: m for m in site.status.staff}
    lines = [*FRONT, *header(site, f"每周提交:{group.title}")]
    lines += ["[返回每周提交](../weekly.md)", ""]
    return "\n".join(lines + _matrix(site, [by_id[sid] for sid in group.staff], "../"))


def _matrix(site: Site, members: list[StaffStatus] | None = None, prefix: str = "") -> list[str]:
    """Everyone's weeks (or those of `members`, on a page `prefix` away from status/)."""
    status = site.status
    shown = status.staff if members is None else members
    weeks = newest_first(status.weeks)  # the newest week next to the names, where the eye lands
    head = ["人员", *(w.text.split("-")[1] for w in weeks), "准时率", "连续准时"]
    rows = []
    for member in shown:
        row = [site.staff_link(member.id, prefix)]
        for week in weeks:
            cell = member.cells[week.text]
            label = badge(cell.state)
            rf = site.by_path.get(cell.path) if cell.path else None
            row.append(f"[{label}]({prefix}{report_page(rf)})" if rf else label)
        row += [format_rate(member.on_time_rate), f"{member.streak} 周"]
        rows.append(row)
    if members is None:
        total = ["**全体准时率**", *(format_rate(status.week_rate(w.text)) for w in weeks)]
        rows.append([*total, format_rate(status.overall_rate), " "])
    else:
        rates = [on_time_rate(m.cells[w.text].state for m in shown) for w in weeks]
        overall = on_time_rate(c.state for m in shown for c in m.cells.values())
        rows.append(["**本页准时率**", *map(format_rate, rates), format_rate(overall), " "])
    width = len(status.weeks)
    return table(head, rows, numeric=[width + 1, width + 2])


def _per_week(site: Site) -> list[str]:
    status = site.status
    head = ["周", "截止时间", "应交", *(STATE_ZH[s] for s in STATES), "准时率"]
    rows = []
    for week in newest_first(status.weeks):
        counts = [status.count(week.text, s) for s in STATES]
        owed = sum(status.count(week.text, s) for s in DUE_STATES)
        rows.append(
            [
                week.text,
                when(status.deadlines[week.text]),
                str(owed),
                *(str(c) for c in counts),
                format_rate(status.week_rate(week.text)),
            ]
        )
    return table(head, rows, numeric=range(2, len(head)))


def _weekday(name: str) -> str:
    days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    return "周" + "一二三四五六日"[days.index(name)]
