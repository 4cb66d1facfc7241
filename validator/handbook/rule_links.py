"""The rules page of the handbook and the rule lines under each regulation article.

Both are generated from the rule registry so a rule and the article it enforces link to each
other and cannot drift apart: `rules_page` writes `docs/rules.md`, `link_rules` adds a line
“本条由校验规则 … 执行” right after every heading or paragraph whose anchor some rule cites.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from validator.rules.registry import RULES, Rule

_SEVERITY_ZH = {"error": "错误", "warning": "警告"}
#: a heading `## … {#id}` or a paragraph's closing attribute list `{: #id }`
_ANCHOR_LINE = re.compile(r"(?:\{#([\w-]+)\}|^\{:\s*#([\w-]+)\s*\})\s*$")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _article_label(handbook: str) -> str:
    page, _, anchor = handbook.partition("#")
    names = {
        "regulations/customer-service.md": "客户服务部驻外人员管理办法",
        "regulations/security.md": "保安公司加强驻外单位管理办法",
        "guide/submit.md": "提交指南",
        "guide/review.md": "审核指南",
    }
    return f"{names.get(page, page)} §{anchor}" if anchor else names.get(page, page)


def rules_page(rules: Iterable[Rule] = RULES) -> str:
    """Markdown for `docs/rules.md`: one table row and one anchored entry per rule."""
    rules = list(rules)
    out = [
        "# 校验规则",
        "",
        "`validator check` 对每个报告和组织数据文件执行下列规则。"
        "**错误**会使检查失败(退出码 1),**警告**只提示。"
        "每条规则都链接到它所执行的规章条款,条款下方也列出执行它的规则。",
        "",
        "<!-- 本页由 validator/handbook/rule_links.py 从规则注册表生成,请勿手工修改。 -->",
        "",
        "| 规则 | 级别 | 检查内容 | 依据 |",
        "| --- | --- | --- | --- |",
    ]
    for rule in rules:
        severity = _SEVERITY_ZH.get(str(rule.severity), str(rule.severity))
        out.append(
            f"| [`{rule.id}`](#{rule.id}) | {severity} | {_cell(rule.title_zh)} "
            f"| [{_cell(_article_label(rule.handbook))}]({rule.handbook}) |"
        )
    out.append("")
    for rule in rules:
        severity = _SEVERITY_ZH.get(str(rule.severity), str(rule.severity))
        out += [
            f"## `{rule.id}` {_cell(rule.title_zh)} {{#{rule.id}}}",
            "",
            f"级别:{severity}。英文名:{rule.title_en}。",
            "",
            _cell(rule.description),
            "",
            f"依据:[{_cell(_article_label(rule.handbook))}]({rule.handbook})",
            "",
        ]
    return "\n".join(out)


def link_rules(markdown: str, page: str, rules: Iterable[Rule] = RULES) -> str:
    """Add under each anchored unit of `page` (docs-relative) a line naming the rules citing it."""
    by_anchor: dict[str, list[str]] = {}
    for rule in rules:
        target, _, anchor = rule.handbook.partition("#")
        if target == page and anchor:
            by_anchor.setdefault(anchor, []).append(rule.id)
    rules_link = posixpath.relpath("rules.md", posixpath.dirname(page) or ".")
    out: list[str] = []
    for line in markdown.split("\n"):
        out.append(line)
        match = _ANCHOR_LINE.search(line)
        found = (match.group(1) or match.group(2)) if match else None
        if found is not None and found in by_anchor:
            links = "、".join(f"[{rid}]({rules_link}#{rid})" for rid in by_anchor[found])
            out += ["", f"> 本条由校验规则 {links} 执行。"]
    return "\n".join(out)
