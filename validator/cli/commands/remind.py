"""`validator remind`: Markdown listing who owes which report, for the scheduled workflow;
with `--send`, each person's own reminder by e-mail and a nudge to the group robots."""

from __future__ import annotations

from pathlib import Path

import click

from validator.cli.commands.common import NOW_OPTION, REPO_OPTION, run_guarded
from validator.cli.commands.sending import run_delivery
from validator.core.timeutil import resolve_now
from validator.features.remind import DEFAULT_WEEKS, reminders, render_markdown
from validator.features.remind_letters import reminder_letters, reminder_nudge
from validator.repo.workspace import open_workspace, require_org


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
@click.option("--send", is_flag=True, help="按 org/policy.yaml 的 notify: 渠道发送给每个人。")
@click.option("--dry-run", is_flag=True, help="显示 --send 将发给谁、发什么,但不发送。")
@click.option("--force", is_flag=True, help="已发送过的提醒也重新发送。")
def command(
    repo: Path, now: str | None, weeks: int, send: bool, dry_run: bool, force: bool
) -> None:
    """列出 24 小时内截止、或已过截止时间仍未提交的报告,并 @ 相关人员。

    最近一期月报中已过应还日期仍未归还的备用机也一并列出(办法 三(七)1)。
    不加选项时输出 Markdown(用于工作流的议题评论);--send 给每个人发送只含本人事项的提醒。"""

    def run() -> int:
        if send and dry_run:
            raise click.UsageError("--send 与 --dry-run 只能选一个")
        workspace = open_workspace(repo, data=False)
        require_org(workspace)  # a broken org file would be read as its defaults
        moment = resolve_now(now, workspace.org.policy.tz)
        found = reminders(workspace, moment, weeks)
        if not send and not dry_run:
            click.echo(render_markdown(found), nl=False)
            return 0
        notify = workspace.org.policy.notify
        letters = reminder_letters(found, notify.site_url)
        nudge = reminder_nudge(found, notify.site_url)
        return run_delivery(repo, letters, nudge, notify, send=send, force=force)

    run_guarded(run)
