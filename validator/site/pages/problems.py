"""`problems.md`: the current diagnostics of the repository (what `validator check` reports)."""

from __future__ import annotations

from collections import Counter

from validator.core.diagnostics import Diagnostic
from validator.handbook.citations import handbook_of, label, relative
from validator.rules.registry import REGISTRY
from validator.site.pages.common import Pages, Site, header, table
from validator.site.pages.escape import cell
from validator.site.pages.groups import FRONT, ROWS_PER_PAGE, group_of, staff_groups

PAGE = "status/problems.md"


def render(site: Site) -> Pages:
    lines = header(site, "数据问题")
    found = site.diagnostics
    errors = sum(d.is_error for d in found)
    lines += [
        f"`validator check` 当前发现 {errors} 个错误、{len(found) - errors} 个警告"
        f"(共检查 {len(site.workspace.checked)} 个文件)。",
        "",
    ]
    if not found:
        return {"problems.md": "\n".join([*lines, "没有发现问题。", ""])}
    errors_per_rule = Counter(d.rule for d in found if d.is_error)
    warnings_per_rule = Counter(d.rule for d in found if not d.is_error)
    lines += ["## 按规则统计", ""]
    book = handbook_of(site.org.handbook)  # the organisation's articles, as the rules page
    rows = []
    for rule in sorted(set(errors_per_rule) | set(warnings_per_rule)):
        meta = REGISTRY.get(rule)
        title = cell(meta.title_zh) if meta else cell(rule)
        articles = book.rules.get(rule, [])
        basis = "、".join(
            f"[{cell(label(book, link))}]({relative(link, PAGE)})" for link in articles
        )
        rows.append(
            [
                f"[`{rule}`](../rules.md#{rule})",
                title,
                basis or "—",
                str(errors_per_rule[rule]),
                str(warnings_per_rule[rule]),
            ]
        )
    lines += table(["规则", "说明", "依据", "错误", "警告"], rows, numeric=[3, 4])
    if not site.internal:
        lines += ["公开版本不显示文件路径与具体内容(其中含有人员编号)。", ""]
        return {"problems.md": "\n".join(lines)}
    lines += ["## 明细", ""]
    groups = staff_groups(site, site.listed)
    if groups is None:
        return {"problems.md": "\n".join(lines + _detail(found))}
    # a national company: each engineer's people's files on their page, the rest here
    owner = group_of(groups)
    shown: dict[str, list[Diagnostic]] = {g.slug: [] for g in groups}
    rest = []
    for d in found:
        parts = d.path.split("/")
        group = owner.get(parts[1]) if len(parts) > 2 and parts[0] == "submissions" else None
        if group is None:
            rest.append(d)
        else:
            shown[group.slug].append(d)
    pages: Pages = {}
    index = []
    for group in groups:
        mine = shown[group.slug]
        errors = sum(d.is_error for d in mine)
        index.append(
            [f"[{group.title}](problems/{group.slug}.md)", str(errors), str(len(mine) - errors)]
        )
        page = [
            *FRONT,
            *header(site, f"数据问题:{group.title}"),
            "[返回数据问题](../problems.md)",
            "",
        ]
        pages[f"problems/{group.slug}.md"] = "\n".join(
            page + (_detail(mine) if mine else ["没有发现问题。", ""])
        )
    lines += [f"人数较多,人员报告的明细按渠道工程师分页(每页最多 {ROWS_PER_PAGE} 人)。", ""]
    lines += table(["页面", "错误", "警告"], index, numeric=[1, 2])
    if rest:
        lines += ["### 其他文件", "", *_detail(rest)]
    return {"problems.md": "\n".join(lines), **pages}


def _detail(found: list[Diagnostic]) -> list[str]:
    detail = [
        [
            cell(d.path),  # file names are chosen by whoever adds them
            str(d.line or "—"),
            "错误" if d.is_error else "警告",
            f"`{d.rule}`",
            cell(d.message("zh")),
        ]
        for d in found
    ]
    return table(["文件", "行", "级别", "规则", "说明"], detail, numeric=[1])
