"""`regions.md`: region classes (JP 四(二)3) and staffing against JP 四(二)4."""

from __future__ import annotations

from validator.handbook.citations import cite
from validator.models.handbook import handbook_of
from validator.site.pages.common import NO_DATA, Pages, Site, header
from validator.site.pages.tables import Cell, data_table, people

ALLOCATION = {
    1: "一名外派人员,并由渠道助理重点协助",
    2: "一名外派人员",
    3: "一名外派人员可管理多个相邻的三类地区",
}


def render(site: Site) -> Pages:
    lines = header(site, "区域")
    book = handbook_of(site.org.handbook)  # the organisation's articles, or none to cite
    classes, staffing = (
        cite(book, key, "status/regions.md") for key in ("region-class", "allocation")
    )
    lines += [
        f"区域类别按{classes or '年销量'}划分,人员配置按{staffing or '地区类别'}检查"
        "(一站通地区按三类地区配置)。",
        "",
    ]
    regions = site.org.regions.regions
    if not regions:
        return {"regions.md": "\n".join([*lines, NO_DATA, ""])}
    posted, assistants = _current_staff(site)
    head = ["区域", "年销量", "高故障机型", "一站通", "类别", "按几类配置", "外派人数", "渠道助理"]
    if site.internal:
        head.append("当前人员")
    rows: list[list[Cell]] = []
    for region in regions:
        current = posted.get(region.id, []) + assistants.get(region.id, [])
        row: list[Cell] = [
            region.name,
            str(region.annual_sales),
            "是" if region.high_failure_models else "否",
            "是" if region.one_stop else "否",
            f"{region.region_class} 类",
            f"{region.staffed_as_class} 类",
            str(len(posted.get(region.id, []))),
            str(len(assistants.get(region.id, []))),
        ]
        if site.internal:
            row.append(people(site, current) or "—")
        rows.append(row)
    classes_count = {c: sum(r.region_class == c for r in regions) for c in ALLOCATION}
    lines += [
        f"共 {len(regions)} 个区域:"
        + "、".join(f"{c} 类 {n} 个" for c, n in classes_count.items())
        + "。",
        "",
    ]
    body, pages = data_table("regions", head, rows, numeric=[1, 6, 7], hint="区域、类别、姓名")
    lines += body
    lines += ["## 配置要求", ""]
    lines += [f"- {k} 类地区:{v}" for k, v in ALLOCATION.items()]
    lines += ["", "## 配置提醒", ""]
    # region-level warnings name regions and counts only; staff-level ones name a person
    warnings = [
        d
        for d in site.diagnostics
        if d.rule == "allocation" and (site.internal or d.path == "org/regions.yaml")
    ]
    if warnings:
        lines += [f"{len(warnings)} 条配置提醒。", ""]
        body, data = data_table(
            "regions-warnings", ["提醒"], [[d.message("zh")] for d in warnings], hint="区域、姓名"
        )
        lines += body
        pages.update(data)
    else:
        lines.append("没有配置提醒。")
    if not site.internal:
        lines += ["", "公开版本不显示涉及具体人员的提醒。"]
    lines.append("")
    return {"regions.md": "\n".join(lines), **pages}


def _current_staff(site: Site) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Region id -> staff ids posted there today (dispatched staff, channel assistants)."""
    posted: dict[str, list[str]] = {}
    assistants: dict[str, list[str]] = {}
    # the roster, not the status rows: channel assistants owe no reports but count here
    for member in site.org.roster.staff:
        target = assistants if member.category == "channel_assistant" else posted
        current = {
            r for p in member.postings if p.overlaps(site.today, site.today) for r in p.regions
        }
        for region in sorted(current):
            target.setdefault(region, []).append(member.id)
    return posted, assistants
