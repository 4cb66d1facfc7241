"""`problems.md`: the current diagnostics of the repository (what `validator check` reports)."""

from __future__ import annotations

from collections import Counter

from validator.site.pages.common import Pages, Site, header, table
from validator.site.pages.escape import cell
from validator.rules.registry import REGISTRY


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
    rows = []
    for rule in sorted(set(errors_per_rule) | set(warnings_per_rule)):
        meta = REGISTRY.get(rule)
        title = cell(meta.title_zh) if meta else cell(rule)
        rows.append(
            [
                f"[`{rule}`](../rules.md#{rule})",
                title,
                str(errors_per_rule[rule]),
                str(warnings_per_rule[rule]),
            ]
        )
    lines += table(["规则", "说明", "错误", "警告"], rows, numeric=[2, 3])
    if site.internal:
        lines += ["## 明细", ""]
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
        lines += table(["文件", "行", "级别", "规则", "说明"], detail, numeric=[1])
    else:
        lines += ["公开版本不显示文件路径与具体内容(其中含有人员编号)。", ""]
    return {"problems.md": "\n".join(lines)}
