"""`index.md`: this week's deadline, the submission rate, and who is late or missing."""

from __future__ import annotations

from validator.features.status import (
    EXCUSED,
    LATE,
    MISSING,
    NOT_REQUIRED,
    ON_TIME,
    PENDING,
    format_rate,
)
from validator.site.pages import who_reported
from validator.site.pages.common import NO_DATA, Pages, Site, header, table, when
from validator.site.pages.tables import Cell, data_table, person

SECTIONS = (
    ("weekly.md", "每周提交", "每位人员(公开版本为全体汇总)最近 12 周的周报状态"),
    ("by-region.md", "按区域", "每个区域谁交了、谁没交(公开版本只有人数)"),
    ("by-engineer.md", "按渠道工程师", "每位渠道工程师负责的人员的提交情况(公开版本只有人数)"),
    ("regions.md", "区域", "区域类别与人员配置"),
    ("rotation.md", "岗位轮换", "任期与轮换"),
    ("performance.md", "绩效", "月度考核分数、季度平均与排名"),
    ("monthly.md", "月报数据", "故障机库存与备用机"),
    ("expenses.md", "报销", "每人每月报销合计"),
    ("incidents.md", "突发事件", "突发事件报告"),
    ("problems.md", "数据问题", "当前的校验结果"),
)

OVERDUE = ((MISSING, "缺交"), (LATE, "迟交"))


def render(site: Site) -> Pages:
    status = site.status
    lines = header(site, "状态总览")
    current = status.weeks[-1].text
    previous = status.weeks[-2].text if len(status.weeks) > 1 else None
    lines += ["## 本周截止", ""]
    lines.append(f"- 本周({current})周报截止时间:{when(status.deadlines[current])}")
    if previous:  # newest first, as on every page
        passed = "已截止" if status.deadlines[previous] <= site.now else "未截止"
        lines.append(f"- 上周({previous})周报截止时间:{when(status.deadlines[previous])}({passed})")
    lines.append("")
    lines += ["## 提交情况", ""]
    pages: Pages = {}
    if not status.staff:
        lines += [NO_DATA, ""]
    else:
        lines += _summary(site, pages)
    lines += ["## 其他状态页", ""]
    sections = [s for s in SECTIONS if s[0] != "by-engineer.md" or who_reported.routed(site)]
    lines += [f"- [{title}]({path}):{what}" for path, title, what in sections]
    lines.append("")
    if site.internal and status.staff:
        lines += ["## 人员", "", f"在列外派人员 {len(status.staff)} 人:", ""]
        rows: list[list[Cell]] = [[person(site, m.id)] for m in status.staff]
        body, data = data_table("staff", ["人员"], rows, hint="姓名")
        lines += body
        pages.update(data)
    return {"index.md": "\n".join(lines), **pages}


def _summary(site: Site, pages: Pages) -> list[str]:
    status = site.status
    lines = [f"在列外派人员 {len(status.staff)} 人。", ""]
    week = status.last_due_week
    if week is None:
        return [*lines, "统计窗口内还没有已截止的周报。", ""]
    count = {state: status.count(week, state) for state in (ON_TIME, LATE, MISSING, PENDING)}
    due = count[ON_TIME] + count[LATE] + count[MISSING]
    submitted = count[ON_TIME] + count[LATE]
    rows = [
        ["应交人数", str(due)],
        ["已交", str(submitted)],
        ["其中准时", str(count[ON_TIME])],
        ["其中迟交", str(count[LATE])],
        ["缺交", str(count[MISSING])],
        ["请假", str(status.count(week, EXCUSED))],
        ["无需提交", str(status.count(week, NOT_REQUIRED))],
        ["提交率", format_rate(submitted / due if due else None)],
        ["准时率", format_rate(status.week_rate(week))],
    ]
    lines += [f"### 最近一个已截止的周:{week}", ""]
    lines += table(["项目", "数值"], rows, numeric=[1])
    lines += [
        f"最近 {len(status.weeks)} 周全体准时率:{format_rate(status.overall_rate)}"
        "(准时 ÷(准时 + 迟交 + 缺交))。",
        "",
    ]
    lines += [f"### {week} 迟交与缺交", ""]
    lines += [
        f"- {label}:{count[state]} 人" for state, label in ((MISSING, "缺交"), (LATE, "迟交"))
    ]
    lines.append("")
    if not site.internal:
        return [*lines, "公开版本不显示姓名。", ""]
    names: list[list[Cell]] = [
        [person(site, m.id), label]
        for state, label in OVERDUE
        for m in status.staff
        if m.cells[week].state == state
    ]
    if names:
        body, data = data_table("late", ["人员", "状态"], names, hint="姓名、缺交或迟交")
        lines += body
        pages.update(data)
    return lines
