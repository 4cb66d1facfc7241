"""Output formats for `validator check`, one small class each, in a registry that also feeds
the `--format` choice. The GitHub format is chosen automatically inside GitHub Actions."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import ClassVar

from validator.checking.check import CheckResult
from validator.core.diagnostics import Diagnostic
from validator.core.errors import UsageError
from validator.handbook.org_pages import load_handbook
from validator.models.handbook import Handbook, handbook_of

#: right-to-left and isolate controls (U+202A-U+202E, U+2066-U+2069): they make a file name or a
#: message read differently from what it is, so every output shows them as `<U+202E>`
BIDI = {c: f"<U+{c:04X}>" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
#: what Markdown could read as markup: emphasis, links, images, HTML, entities, autolinks
#: (`:`, `.`, `@`), mentions, headings and lists; CommonMark unescapes each after a backslash
_PUNCTUATION = frozenset("\\`*_{}[]()#+-.!|<>&~^:=@")


def visible(text: str) -> str:
    return text.translate(BIDI)


def _md_text(text: str) -> str:
    """Literal text in a Markdown table cell: every ASCII punctuation character is
    backslash-escaped (CommonMark allows it for all of them), so nothing a contributor wrote
    becomes a link, an image, emphasis, HTML or a new cell; line breaks become spaces."""
    flat = visible(text).replace("\r", " ").replace("\n", " ")
    return "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in flat)


def _md_code(text: str) -> str:
    """A code span that holds any text: its fence is longer than any run of backticks inside,
    and `|` is escaped (GitHub's tables split cells on it even inside code)."""
    flat = visible(text).replace("\r", " ").replace("\n", " ").replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def repo_handbook(root: Path) -> Handbook | None:
    """`org/handbook.yaml` of `root`; None for the defaults, also when the file is broken (the
    check reports it line by line)."""
    try:
        return load_handbook(root) if (root / "org/handbook.yaml").is_file() else None
    except UsageError:
        return None


class Format:
    name: ClassVar[str]

    def __init__(self, lang: str, handbook: Handbook | None = None) -> None:
        self.lang = lang
        #: the organisation's org/handbook.yaml (None: the product's defaults)
        self.handbook = handbook

    def handbook_link(self, rule: str) -> str:
        """The main article `rule` enforces under the organisation's handbook; a rule it cites
        no article for links to its entry on the rules page."""
        found = handbook_of(self.handbook).rules.get(rule)
        return found[0] if found else f"rules.md#{rule}"

    def render(self, result: CheckResult) -> str:
        raise NotImplementedError

    def summary(self, result: CheckResult) -> str:
        if self.lang == "en":
            return (
                f"checked {result.checked} file(s): {result.errors} error(s), "
                f"{result.warnings} warning(s)"
            )
        return f"检查了 {result.checked} 个文件:{result.errors} 个错误,{result.warnings} 个警告"


def _where(d: Diagnostic) -> str:
    if d.line is None:
        return d.path
    return f"{d.path}:{d.line}:{d.column}" if d.column else f"{d.path}:{d.line}"


class TextFormat(Format):
    name = "text"

    def render(self, result: CheckResult) -> str:
        severity = {"error": "错误", "warning": "警告"} if self.lang != "en" else {}
        lines = [
            visible(
                f"{_where(d)}: {severity.get(d.severity.value, d.severity.value)} "
                f"[{d.rule}] {d.message(self.lang)}"
            )
            for d in result.diagnostics
        ]
        lines.append(self.summary(result))
        return "\n".join(lines) + "\n"


class JsonFormat(Format):
    name = "json"

    def render(self, result: CheckResult) -> str:
        payload = {
            "version": 1,
            "checked": result.checked,
            "errors": result.errors,
            "warnings": result.warnings,
            "diagnostics": [
                {
                    "path": d.path,  # exact: tools look the file up by it
                    "line": d.line,
                    "column": d.column,
                    "severity": d.severity.value,
                    "rule": d.rule,
                    "message": visible(d.message(self.lang)),
                    "handbook": self.handbook_link(d.rule),
                }
                for d in result.diagnostics
            ],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormat(Format):
    """Workflow commands that the Git host shows as annotations on the pull request's files."""

    name = "github"

    def render(self, result: CheckResult) -> str:
        lines = []
        for d in result.diagnostics:
            props = [f"file={_escape_property(d.path)}"]
            if d.line is not None:
                props.append(f"line={d.line}")
                if d.column is not None:
                    props.append(f"col={d.column}")
            props.append(f"title={_escape_property(d.rule)}")
            lines.append(
                f"::{d.severity.value} {','.join(props)}::{_escape_data(d.message(self.lang))}"
            )
        lines.append(self.summary(result))
        return "\n".join(lines) + "\n"

    def step_summary(self, result: CheckResult) -> str:
        """A Markdown table of every diagnostic: annotations show only a few per step."""
        head = "## 校验结果" if self.lang != "en" else "## Check results"
        out = [head, "", self.summary(result), ""]
        if result.diagnostics:
            if self.lang == "en":
                out.append("| file | line | severity | rule | message |")
            else:
                out.append("| 文件 | 行 | 级别 | 规则 | 说明 |")
            out.append("|---|---|---|---|---|")
            for d in result.diagnostics:
                cells = [
                    _md_code(d.path),
                    str(d.line or ""),
                    d.severity.value,
                    _md_code(d.rule),
                    _md_text(d.message(self.lang)),
                ]
                out.append("| " + " | ".join(cells) + " |")
        engineers, managers = result.routed_to
        if engineers or managers:
            mention = " ".join(f"@{login}" for login in engineers) or "—"
            copied = " ".join(f"@{login}" for login in managers) or "—"
            # the article the organisation's handbook names for the routing rule, if any
            article = handbook_of(self.handbook).rule_article("routing")
            if self.lang == "en":
                basis = f" ({article})" if article else ""
                out += ["", f"Reports go to {mention}, copied to {copied}{basis}."]
            else:
                basis = f"({article})" if article else ""
                out += ["", f"报告上报给渠道工程师 {mention},抄送渠道经理 {copied}{basis}。"]
        return "\n".join(out) + "\n"


FORMATS: dict[str, type[Format]] = {f.name: f for f in (TextFormat, JsonFormat, GithubFormat)}


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
