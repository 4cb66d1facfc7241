"""`reports/<staff>.md`: every report of one person, each in its own anchored section, its
content shown as literal text (internal builds only)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from validator.kinds import KINDS
from validator.repo.layout import ReportFile
from validator.site.pages.common import Pages, Site, header, in_zone, relabel, report_anchor
from validator.site.pages.escape import html_text, text

#: readable names of the report fields; unknown keys are shown as written (escaped)
LABELS = {
    "staff": "人员",
    "week": "周",
    "month": "月份",
    "summary": "总结",
    "work": "工作记录",
    "date": "日期",
    "description": "内容",
    "site": "地点",
    "category": "类别",
    "plan": "计划",
    "regions": "区域",
    "complaints": "投诉",
    "handled": "已处理",
    "escalated": "已升级",
    "sales_info": "销售信息",
    "quality_issues": "质量问题",
    "support_needed": "需要的支持",
    "late_reason": "迟交原因",
    "faulty_stock": "局方故障机库存",
    "units": "台数",
    "note": "备注",
    "spare_units": "备用机",
    "serial": "序列号",
    "model": "型号",
    "holder": "借用人",
    "loaned": "借出日期",
    "due": "归还期限",
    "replacements": "换新量",
    "count": "数量",
    "issues": "问题",
    "items": "报销项目",
    "amount": "金额(元)",
    "approval": "审批单号",
    "personal": "个人费用",
    "receipt": "票据",
    "occurred_at": "发生时间",
    "title": "标题",
    "channel": "渠道",
    "parties": "相关方",
    "updates": "进展",
    "text": "内容",
    "status": "状态",
}


def render(site: Site) -> Pages:
    if not site.internal:
        return {}
    by_staff: dict[str, list[ReportFile]] = defaultdict(list)
    for rf in site.workspace.reports:
        by_staff[rf.staff_id].append(rf)
    return {f"reports/{staff}.md": _page(site, staff, files) for staff, files in by_staff.items()}


def _page(site: Site, staff: str, files: list[ReportFile]) -> str:
    # a year of a person's reports is most of the site's text: kept out of the search index
    lines = [
        "---",
        "search:",
        "  exclude: true",
        "---",
        "",
        *header(site, f"{site.name(staff)}的报告"),
    ]
    lines += [f"人员页面:{site.staff_link(staff, '../')}", ""]
    for kind in KINDS:
        mine = sorted(
            (rf for rf in files if rf.kind == kind), key=lambda rf: rf.period.text, reverse=True
        )
        if mine:
            lines += [f"## {KINDS[kind].label_zh}", ""]
            for rf in mine:
                lines += _report(site, rf)
    return "\n".join(lines)


def _report(site: Site, rf: ReportFile) -> list[str]:
    received, deadline = site.received(rf), site.due(rf)
    verdict = "准时" if received < deadline else "迟交"
    committed = site.workspace.history.received_at(rf.path) is not None
    lines = [
        f"### {KINDS[rf.kind].label_zh} {text(rf.period.text)} {{#{report_anchor(rf)}}}",
        "",
        f"- 文件:{text(rf.path)}",
        f"- 提交时间:{in_zone(received, site)}" + ("" if committed else "(尚未提交到仓库)"),
        f"- 截止时间:{in_zone(deadline, site)}",
        f"- 时效:**{verdict}**",
        "",
    ]
    data = rf.document.data if rf.document is not None else None
    if rf.report is None:
        lines += ["此文件没有通过校验,以下按原样显示(详见[数据问题](../problems.md))。", ""]
    if data is None:
        lines += ["无法读取此文件。", ""]
    else:  # a file that failed the checks is shown as written
        lines += [*_value(data if rf.report is None else relabel(site, data), 0), ""]
    return lines


def _value(value: Any, level: int) -> list[str]:
    """A YAML value as one raw HTML block of nested lists; every key and scalar is escaped.

    Raw HTML passes through Markdown untouched, which keeps a national site's build fast: a
    person's year of reports as nested Markdown lists costs Python-Markdown seconds per page."""
    return ['<div class="report-data">' + _html(value) + "</div>"]


def _html(value: Any) -> str:
    if isinstance(value, dict):
        items = []
        for key, item in value.items():
            label = f"<strong>{html_text(LABELS.get(str(key), key))}</strong>"
            if isinstance(item, dict | list) and item:
                items.append(f"<li>{label}:{_html(item)}</li>")
            else:
                items.append(f"<li>{label}:{_scalar(item)}</li>")
        return "<ul>" + "".join(items) + "</ul>"
    if isinstance(value, list):
        items = []
        for number, item in enumerate(value, 1):
            if isinstance(item, dict | list) and item:
                items.append(f"<li>第 {number} 项{_html(item)}</li>")
            else:
                items.append(f"<li>{_scalar(item)}</li>")
        return "<ul>" + "".join(items) + "</ul>"
    return f"<ul><li>{_scalar(value)}</li></ul>"


def _scalar(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    return html_text(value)
