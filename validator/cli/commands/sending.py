"""What `digest` and `remind` print about messages: the dry run and the outcome of sending.

Shared by both commands (not a command itself). A dry run shows each recipient's message as it
would go out; a real run one line per message and channel, with the error of any that failed.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import click

from validator.core.errors import RepositoryError
from validator.delivery.dispatch import (
    ALREADY,
    FAILED,
    NO_ADDRESS,
    SENT,
    UNCONFIGURED,
    WOULD,
    Outcome,
    deliver,
    failed,
)
from validator.delivery.ledger import Ledger
from validator.delivery.robots import configured
from validator.features.outgoing import Letter, Nudge
from validator.models.policy import Notify

STATUS_ZH = {
    SENT: "已发送",
    ALREADY: "已发送过,跳过(--force 可重发)",
    WOULD: "将发送",
    FAILED: "失败",
    UNCONFIGURED: "未配置邮件渠道,不发送",
    NO_ADDRESS: "没有地址",
}
RULE = "─" * 60


def run_delivery(
    repo: Path,
    letters: Sequence[Letter],
    nudge: Nudge | None,
    notify: Notify,
    *,
    send: bool,
    force: bool,
) -> int:
    """Print (dry run) or send; the exit status (1 when any message failed)."""
    try:
        ledger: Ledger | None = Ledger.open(repo)
    except RepositoryError:
        if send:
            raise
        ledger = None  # a dry run outside git cannot tell what was sent, and says so below
    outcomes = deliver(letters, nudge, notify, ledger, os.environ, send=send, force=force)
    by_letter = {(o.recipient, o.key): o for o in outcomes if o.channel == "email"}
    if not send:
        _show_dry_run(letters, nudge, notify, by_letter, outcomes, ledger is None)
    else:
        for outcome in outcomes:
            line = f"{STATUS_ZH[outcome.status]}:{outcome.channel} → {outcome.recipient}"
            if outcome.detail:
                line += f"({outcome.detail})"
            click.echo(line, err=outcome.status == FAILED)
        if not outcomes:
            click.echo("没有需要发送的消息。")
    return 1 if failed(outcomes) else 0


def _show_dry_run(
    letters: Sequence[Letter],
    nudge: Nudge | None,
    notify: Notify,
    by_letter: dict[tuple[str, str], Outcome],
    outcomes: list[Outcome],
    no_record: bool,
) -> None:
    click.echo(f"试运行:以下消息不会发出(加 --send 才发送)。共 {len(letters)} 封邮件。")
    if no_record:
        click.echo("(不是 git 仓库,无法读取已发送记录。)")
    for letter in letters:
        outcome = by_letter[(f"email:{letter.to.id}", letter.key)]
        click.echo(RULE)
        click.echo(f"收件人:{letter.to.name} <{letter.to.email}>  [{STATUS_ZH[outcome.status]}]")
        click.echo(f"主题:{letter.subject}")
        click.echo(f"内容键:{letter.key}")
        click.echo("")
        click.echo(letter.text, nl=False)
    if nudge is not None:
        robots = [o for o in outcomes if o.channel != "email"]
        click.echo(RULE)
        counted = Counter((o.channel, o.status) for o in robots)  # a long nudge goes in parts
        where = "、".join(
            f"{channel}({STATUS_ZH[status]}{f',分 {n} 条' if n > 1 else ''})"
            for (channel, status), n in counted.items()
        )
        click.echo(f"群机器人提醒(不含报告内容):{where or '未配置群机器人,不发送'}")
        click.echo(nudge.title)
        for line in nudge.lines:
            click.echo(f"  {line.text} " + " ".join(m.name for m in line.mentions))
    if not configured(notify) and notify.email is None:
        click.echo(RULE)
        click.echo("org/policy.yaml 没有 notify: 设置,--send 不会发出任何消息。")
