"""`problems.md`: the current diagnostics of the repository (what `validator check` reports)."""

from __future__ import annotations

from collections import Counter

from validator.handbook.citations import label, relative
from validator.models.handbook import handbook_of
from validator.rules.registry import REGISTRY
from validator.site.pages.common import Pages, Site, header, table
from validator.site.pages.escape import cell
from validator.site.pages.tables import Cell, data_table

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
    detail: list[list[Cell]] = [
        [
            d.path,  # file names are chosen by whoever adds them: JSON text, never markup
            str(d.line or "—"),
            "错误" if d.is_error else "警告",
            d.rule,
            d.message("zh"),
        ]
        for d in found
    ]
    body, pages = data_table(
        "problems", ["文件", "行", "级别", "规则", "说明"], detail,
        numeric=[1], hint="文件、规则、说明",
    )  # fmt: skip
    return {"problems.md": "\n".join([*lines, *body]), **pages}
