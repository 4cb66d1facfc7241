"""The channels of the failure tests: a real SMTP server and the three robots on 127.0.0.1,
the notify settings and environment that point at them, and what to check afterwards."""

from __future__ import annotations

import traceback
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from tests.support.gitrepo import GitRepo
from tests.support.robots import Robot
from tests.support.smtp import Mailbox
from validator.cli import cli
from validator.delivery.ledger import Ledger
from validator.features.outgoing import Nudge, NudgeLine

MONDAY = "2026-11-23T09:00:00+08:00"  # W47 is due at 13:00 today: three letters and a nudge
ROBOTS = """\
  wecom: {webhook_env: H1_WECOM}
  dingtalk: {webhook_env: H1_DING, secret_env: H1_DING_SECRET}
  feishu: {webhook_env: H1_FEISHU, secret_env: H1_FEISHU_SECRET}
"""
OK = b'{"errcode":0,"errmsg":"ok"}'
SHORT = 0.5  # the deadline the slow-server tests set; their servers take seconds


@dataclass
class Channels:
    box: Mailbox
    port: int
    robots: dict[str, Robot]

    def notify(self, smtp: str = "") -> str:
        return (
            f"  email:\n    smtp: {{host: 127.0.0.1, port: {self.port}, security: none{smtp}}}\n"
            f"    from: reports@example.com\n" + ROBOTS
        )

    def env(self, **override: str) -> dict[str, str]:
        env = {
            "H1_WECOM": self.robots["wecom"].url,
            "H1_DING": self.robots["dingtalk"].url,
            "H1_DING_SECRET": "SECding",
            "H1_FEISHU": self.robots["feishu"].url,
            "H1_FEISHU_SECRET": "feishu-secret",
        }
        env.update(override)
        return env


def remind(repo: GitRepo, env: dict[str, str]) -> tuple[int, str]:
    """`remind --send` in this process (so a test's monkeypatch holds); never a traceback."""
    result = CliRunner(env=env).invoke(
        cli, ["remind", "--repo", str(repo.root), "--now", MONDAY, "--send"]
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        pytest.fail("".join(traceback.format_exception(result.exception)))
    return result.exit_code, result.output


def recorded(repo: GitRepo) -> list[str]:
    return sorted(recipient for recipient, _ in Ledger.open(repo.root).sent)


LETTERS = ["email:li-ming", "email:wang-fang", "email:zhang-wei"]


def assert_the_others_sent(channels: Channels, out: str, *, but: str) -> None:
    """Every channel but `but` delivered, and said so."""
    if but != "email":
        assert len(channels.box.received) == 3, out
        assert out.count("已发送:email") == 3, out
    for name, robot in channels.robots.items():
        if name != but:
            assert len(robot.received) == 1, (name, out)
            assert f"已发送:{name} → {name}:group" in out


NUDGE = Nudge("k-nudge", "报告提醒", (NudgeLine("周报 2026-W47 即将截止:", ()),))
