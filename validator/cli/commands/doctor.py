"""`validator doctor`: check a repository's setup the way an administrator would, with a fix for
every problem; exit 0 nothing wrong, 1 problems, 2 usage (like `check`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path

import click

from validator.cli.commands.common import LANG_OPTION, NOW_OPTION, REPO_OPTION, run_guarded
from validator.core.timeutil import resolve_now
from validator.features.doctor import ERROR, NOTE, WARNING, Report, diagnose
from validator.site.pages import render_pages
from validator.site.settings import PUBLIC

_LABELS = {
    "zh": {ERROR: "错误", WARNING: "警告", NOTE: "说明", "fix": "修复"},
    "en": {ERROR: "error", WARNING: "warning", NOTE: "note", "fix": "fix"},
}


def _public(root: Path, now: dt.datetime) -> Mapping[str, str | bytes]:
    return render_pages(root, now, PUBLIC)


@click.command("doctor")
@REPO_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="输出格式(json 供脚本使用)。",
)
@NOW_OPTION
@LANG_OPTION
def command(repo: Path, fmt: str, now: str | None, lang: str) -> None:
    """检查组织仓库的配置:工作流、CODEOWNERS、org/ 数据、通知渠道、历史缓存、站点与隐私。"""

    def run() -> int:
        report = diagnose(repo, resolve_now(now), render_public=_public)
        click.echo(render_json(report, lang) if fmt == "json" else render_text(report, lang))
        return report.exit_code

    run_guarded(run)


def render_text(report: Report, lang: str) -> str:
    labels = _LABELS["en" if lang == "en" else "zh"]
    lines: list[str] = []
    for f in report.findings:
        where = f.path if f.line is None else f"{f.path}:{f.line}"
        prefix = f"{where}: " if where else ""
        lines.append(f"{prefix}{labels[f.severity]} [{f.check}] {f.message(lang)}")
        lines.append(f"    {labels['fix']}: {f.fix(lang)}")
    if lang == "en":
        lines.append(f"doctor: {report.errors} error(s), {report.warnings} warning(s)")
    else:
        lines.append(f"doctor:{report.errors} 个错误,{report.warnings} 个警告")
    return "\n".join(lines)


def render_json(report: Report, lang: str) -> str:
    payload = {
        "version": 1,
        "errors": report.errors,
        "warnings": report.warnings,
        "findings": [
            {
                "check": f.check,
                "severity": f.severity,
                "path": f.path or None,
                "line": f.line,
                "id": f.key,
                "message": f.message(lang),
                "fix": f.fix(lang),
            }
            for f in report.findings
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
