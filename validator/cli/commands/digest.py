"""`validator digest`: each channel engineer's and channel manager's weekly digest."""

from __future__ import annotations

from pathlib import Path

import click

from validator.cli.commands.common import NOW_OPTION, REPO_OPTION, run_guarded
from validator.cli.commands.sending import run_delivery
from validator.core.errors import UsageError
from validator.core.messages import render
from validator.core.timeutil import resolve_now
from validator.features.digest import plan_digest
from validator.repo.workspace import open_workspace, require_org


@click.command("digest")
@REPO_OPTION
@NOW_OPTION
@click.option("--week", metavar="YYYY-Www", help="哪一周(默认:最近一个已过截止时间的周)。")
@click.option(
    "--send/--dry-run",
    default=False,
    show_default=True,
    help="发送;默认只显示将发给谁、发什么。",
)
@click.option("--force", is_flag=True, help="已发送过的也重新发送。")
def command(repo: Path, now: str | None, week: str | None, send: bool, force: bool) -> None:
    """给每位渠道工程师和渠道经理发一封周报汇总(按 org/staff.yaml 的报告去向)。

    汇总包含所负责人员的周报全文、迟交和缺交名单,以及截止前 7 天内收到的月报和突发事件报告。
    不加 --send 时只显示将发给谁、发什么。"""

    def run() -> int:
        workspace = open_workspace(repo, data=False)
        require_org(workspace)  # a broken org file would be read as its defaults
        notify = workspace.org.policy.notify
        moment = resolve_now(now, workspace.org.policy.tz)
        plan = plan_digest(workspace, moment, week, notify.site_url)
        if send and moment < plan.due:
            # sent now, those not yet in read 待交, and the record of a sent week would make the
            # run after the deadline skip the letter with the real 缺交 list
            due = plan.due.astimezone(workspace.org.policy.tz).strftime("%Y-%m-%d %H:%M")
            raise UsageError(
                f"{plan.week} 周报的截止时间 {due} 还没到:现在发送,未交的人只算“待交”,"
                "截止后的汇总又会因已发送而跳过。请在截止后发送(不加 --send 可先预览) / "
                f"{plan.week} is not due until {due}: send its digest after the deadline"
            )
        if not send:
            click.echo(f"周报汇总 {plan.week}:{len(plan.letters)} 位收件人。")
        if plan.unrouted:
            names = "、".join(f"{m.name}({m.id})" for m in plan.unrouted)
            click.echo(
                "channel_engineer/channel_manager 未设置,或所指的人不在名单中、不是审核人,"
                f"不在任何汇总中:{names}",
                err=True,
            )
        for key, args in plan.misrouted:  # routed one way only: the other letter lacks them
            click.echo(f"{render(key, 'zh', args)}本周汇总缺这一份。", err=True)
        return run_delivery(repo, plan.letters, None, notify, send=send, force=force)

    run_guarded(run)
