"""The rules page of the handbook and the rule lines under each regulation article.

Both come from the rule registry (ids, severities, descriptions) and the organisation's handbook
data (which articles each rule enforces, how they are named), so a rule and the article it
enforces link to each other and cannot drift apart: `rules_page` writes `docs/rules.md`,
`link_rules` puts a line “本条由校验规则 … 执行” right after every heading or paragraph whose
anchor some rule cites, and a document's `note` (e.g. that it is another organisation's rules)
under its title. `link_rules` first drops the lines it wrote before, so running it again (`validator
handbook rules`) only updates them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from validator.handbook.citations import basis, cite, label, relative
from validator.kinds import KINDS
from validator.models.handbook import Handbook, handbook_of
from validator.rules.registry import RULES, Rule

_SEVERITY_ZH = {"error": "错误", "warning": "警告"}
#: a heading `## … {#id}` or a paragraph's closing attribute list `{: #id }`
_ANCHOR_LINE = re.compile(r"(?:\{#([\w-]+)\}|^\{:\s*#([\w-]+)\s*\})\s*$")
_RULE_NOTE = re.compile(r"^> 本条由校验规则 .* 执行。$")
_DOC_NOTE = '!!! warning "关于本文件"'
#: what a rule's description asks of the handbook (`Rule.description`)
_ASKED = re.compile(r"\{\{ (?:(deadline-sources)|basis\.([a-z][a-z0-9_-]*)) \}\}")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def articles_of(rule: Rule, handbook: Handbook) -> list[str]:
    """The articles `rule` enforces under `handbook` (none: only the rules page describes it)."""
    return list(handbook.rules.get(rule.id, []))


def _links(rule: Rule, handbook: Handbook, page: str) -> str:
    found = [
        f"[{_cell(label(handbook, link))}]({relative(link, page)})"
        for link in articles_of(rule, handbook)
    ]
    return "、".join(found) or "—(本组织未指定条款)"


def _joined(names: list[str]) -> str:
    return "、".join(names[:-1]) + "与" + names[-1] if len(names) > 1 else "".join(names)


def _deadline_sources(handbook: Handbook, page: str) -> str:
    """Which kinds' deadlines come from an article of `handbook` (those the regulation sets and
    the handbook cites, while the policy keeps them) and which are the organisation's own."""
    cited = {name: cite(handbook, name, page) for name, kind in KINDS.items() if kind.due_article}
    links = [link for link in cited.values() if link]
    own = [kind.label_zh for name, kind in KINDS.items() if not cited.get(name)]
    parts = []
    if links:
        kinds = _joined([KINDS[name].label_zh for name, link in cited.items() if link])
        parts.append(f"{kinds}的截止时间出自{'、'.join(links)}(改动后即为本组织规定)")
    if own:
        every = "各类报告的截止时间都是" if not links else f"{_joined(own)}的截止时间是"
        parts.append(every + "本组织规定")
    return ",".join(parts)


def described(rule: Rule, handbook: Handbook, page: str = "rules.md") -> str:
    """The description of `rule` for `page`, its citations from `handbook`: a rule never names
    an article the organisation's handbook lacks (the samples removed, or its own numbering)."""

    def one(match: re.Match[str]) -> str:
        if match[1]:
            return _deadline_sources(handbook, page)
        if match[2] not in handbook.citations and match[2] not in handbook_of(None).citations:
            raise KeyError(f"{rule.id}: unknown citation {match[0]}")
        return basis(handbook, match[2], page)

    return _ASKED.sub(one, _cell(rule.description))


def rules_page(rules: Iterable[Rule] = RULES, handbook: Handbook | None = None) -> str:
    """Markdown for `docs/rules.md`: one table row and one anchored entry per rule."""
    book = handbook_of(handbook)
    rules = list(rules)
    out = [
        "# 校验规则",
        "",
        "`validator check` 对每个报告和组织数据文件执行下列规则。"
        "**错误**会使检查失败(退出码 1),**警告**只提示。"
        "每条规则都链接到它所执行的规章条款或指南章节,条款下方也列出执行它的规则。"
        "一条规则可以依据多个条款,第一个是 `--format json` 的 `handbook` 字段。",
        "",
        "<!-- 本页由 validator handbook rules 从规则注册表和 org/handbook.yaml 生成,"
        "请勿手工修改。 -->",
        "",
        "| 规则 | 级别 | 检查内容 | 依据 |",
        "| --- | --- | --- | --- |",
    ]
    for rule in rules:
        severity = _SEVERITY_ZH.get(str(rule.severity), str(rule.severity))
        out.append(
            f"| [`{rule.id}`](#{rule.id}) | {severity} | {_cell(rule.title_zh)} "
            f"| {_links(rule, book, 'rules.md')} |"
        )
    out.append("")
    for rule in rules:
        severity = _SEVERITY_ZH.get(str(rule.severity), str(rule.severity))
        out += [
            f"## `{rule.id}` {_cell(rule.title_zh)} {{#{rule.id}}}",
            "",
            f"级别:{severity}。英文名:{rule.title_en}。",
            "",
            described(rule, book),
            "",
            f"依据:{_links(rule, book, 'rules.md')}",
            "",
        ]
    return "\n".join(out)


def _strip_generated(lines: list[str]) -> list[str]:
    """The page without the rule lines and document note an earlier run added."""
    out: list[str] = []
    skip_note = False
    for line in lines:
        if skip_note:
            if line.startswith("    "):
                continue
            skip_note = False
        if _RULE_NOTE.match(line) or line == _DOC_NOTE:
            skip_note = line == _DOC_NOTE
            if out and not out[-1].strip():
                out.pop()
            continue
        out.append(line)
    return out


def link_rules(
    markdown: str, page: str, rules: Iterable[Rule] = RULES, handbook: Handbook | None = None
) -> str:
    """Add under each anchored unit of `page` (docs-relative) a line naming the rules citing it,
    and the document's note under its title."""
    book = handbook_of(handbook)
    by_anchor: dict[str, list[str]] = {}
    for rule in rules:
        for link in articles_of(rule, book):
            target, _, anchor = link.partition("#")
            if target == page and anchor:
                by_anchor.setdefault(anchor, []).append(rule.id)
    document = book.page_of(page)
    rules_link = relative("rules.md", page)
    out: list[str] = []
    titled = False
    for line in _strip_generated(markdown.split("\n")):
        out.append(line)
        if not titled and line.startswith("# "):
            titled = True
            if document is not None and document.note:
                out += ["", _DOC_NOTE, f"    {document.note}"]
            continue
        match = _ANCHOR_LINE.search(line)
        found = (match.group(1) or match.group(2)) if match else None
        if found is not None and found in by_anchor:
            links = "、".join(f"[{rid}]({rules_link}#{rid})" for rid in by_anchor[found])
            out += ["", f"> 本条由校验规则 {links} 执行。"]
    return "\n".join(out)
