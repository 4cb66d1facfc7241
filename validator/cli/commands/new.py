"""`validator new`: write a pre-filled report for the period due next; never overwrite."""

from __future__ import annotations

from pathlib import Path

import click

from validator.cli.commands.common import NOW_OPTION, REPO_OPTION, run_guarded
from validator.core.timeutil import resolve_now
from validator.features.newreport import KINDS, create_report, git_steps, seen_from

#: the kinds and their period forms, from the kind table: a new kind is in the help at once
KINDS_TEXT = "、".join(f"{command} {kind.label_zh}" for command, kind in KINDS.items())
PERIODS = ",".join(f"{kind.label_zh} {kind.period_zh}" for kind in KINDS.values())
HELP = f"""生成一份预填好的报告({KINDS_TEXT})。

默认期间是下一个该交而尚未提交的:周报为刚结束的一周(已提交则为本周),月报与报销为上个月
(已提交则为本月),突发事件为今天(文件名 YYYY-MM-DD-incident),工作交接为今天。已过截止时间的
报告会多出 late_reason 一行。待填处为 "" 或 null,运行 validator check 会逐行指出。已存在的文件
不会被覆盖。标准输出只有文件路径;交这份报告要用的 Git 命令写在标准错误上。
"""


@click.command("new", help=HELP)
@click.argument("kind", type=click.Choice(list(KINDS)))
@click.option(
    "--staff", "staff_id", help="工号(默认:按 git config user.email 在 org/staff.yaml 中查找)。"
)
@click.option(
    "--period",
    help=f"期间:{PERIODS}(默认:下一个该交的)。",
)
@REPO_OPTION
@NOW_OPTION
def command(
    kind: str, staff_id: str | None, period: str | None, repo: Path, now: str | None
) -> None:
    """Write the report; the help text is HELP, built from the kind table."""

    def run() -> int:
        report = create_report(repo, kind, resolve_now(now), staff_id, period)
        path = seen_from(Path.cwd(), report.root, report.path)  # from a subfolder too
        click.echo(path)
        steps = git_steps(repo, report, kind, path)
        lines = [
            f"填写后运行 validator check {path},再用下面的命令交上去:",
            *(f"  {step}" for step in steps),
            f"然后在代码托管平台上为分支 {steps[-1].rsplit(' ', 1)[1]} 创建拉取请求。",
        ]
        click.echo("\n".join(lines), err=True)
        return 0

    run_guarded(run)
