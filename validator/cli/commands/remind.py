"""`validator remind`: Markdown listing who owes which report, for the scheduled workflow."""

from __future__ import annotations

from pathlib import Path

import click

from validator.cli.commands.common import NOW_OPTION, REPO_OPTION, run_guarded
from validator.core.timeutil import resolve_now
from validator.features.remind import DEFAULT_WEEKS, reminders, render_markdown
from validator.repo.workspace import open_workspace


@click.command("remind")
@REPO_OPTION
@NOW_OPTION
@click.option(
    "--weeks",
    type=click.IntRange(1, 52),
    default=DEFAULT_WEEKS,
    show_default=True,
    help="列出最近几周(含本周)内缺交的报告。",
)
def command(repo: Path, now: str | None, weeks: int) -> None:
    """列出 24 小时内截止、或已过截止时间仍未提交的报告,并 @ 相关人员。"""

    def run() -> int:
        workspace = open_workspace(repo)
        moment = resolve_now(now, workspace.org.policy.tz)
        click.echo(render_markdown(reminders(workspace, moment, weeks)), nl=False)
        return 0

    run_guarded(run)
