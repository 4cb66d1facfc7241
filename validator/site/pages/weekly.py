"""`weekly.md`: the staff × week matrix (internal) or per-week counts (public).

The matrix grows with the staff (2,000 people × 12 weeks is 3 MB of Markdown), so it is one
JSON-fed table (`tables.py`: a filter box finds a person, a region's or engineer's people are
found by name) rather than one page per region or engineer: the number of pages, which MkDocs
pays for one by one, stays the same at any size, and no page grows."""

from __future__ import annotations

from validator.features.deadlines_text import deadline_text
from validator.features.status import (
    DUE_STATES,
    STATE_ZH,
    STATES,
    format_rate,
)
from validator.handbook.citations import relative
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
from validator.site.pages.tables import Cell, data_table, person, state

PAGE = "status/weekly.md"
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
    # the article while the policy keeps JP 三(一)3's Monday 13:00, else the organisation's rule
    found = deadline_text("weekly", site.org.policy, site.org.handbook)
    basis = f"[{found.label}]({relative(found.article, PAGE)})" if found.article else found.label
    lines += [
        f"周报须在下一周的{_weekday(policy.weekday)} {policy.time} 前提交({basis};"
        "以提交记录的作者时间为准,恰好在截止时刻提交算迟交)。"
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
        matrix, pages = _matrix(site)
        lines += matrix
    lines += ["## 每周汇总", ""]
    lines += _per_week(site)
    return {"weekly.md": "\n".join(lines), **pages}


def _matrix(site: Site) -> tuple[list[str], Pages]:
    """Everyone's weeks, newest first (next to the names, where the eye lands), as JSON."""
    status = site.status
    weeks = newest_first(status.weeks)
    head = ["人员", *(w.text.split("-")[1] for w in weeks), "准时率", "连续准时"]
    rows: list[list[Cell]] = []
    for member in status.staff:
        row: list[Cell] = [person(site, member.id)]
        for week in weeks:
            found = member.cells[week.text]
            rf = site.by_path.get(found.path) if found.path else None
            row.append(state(found.state, STATE_ZH[found.state], report_page(rf) if rf else None))
        row += [format_rate(member.on_time_rate), f"{member.streak} 周"]
        rows.append(row)
    width = len(status.weeks)
    intro = [
        f"{len(status.staff)} 人,每人一行;全体准时率 {format_rate(status.overall_rate)}"
        "(各周见下方每周汇总)。在筛选框中输入姓名可找到一个人。",
        "",
    ]
    body, pages = data_table(
        "weekly", head, rows, numeric=[width + 1, width + 2], hint="姓名、状态"
    )
    return [*intro, *body], pages


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
