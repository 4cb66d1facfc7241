"""`validator remind --send` with the three group robots, each a local server that checks the
request the way the real one documents (URL key, signed timestamp, JSON body) and answers with
its own error codes; and the personal reminders by e-mail, each holding only its recipient's
items."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support import robots as answers
from tests.support.delivery import build
from tests.support.gitrepo import GitRepo
from tests.support.robots import Robot, robots_running
from tests.support.smtp import smtp_server
from validator.cli import cli
from validator.delivery.dispatch import ALREADY, FAILED, SENT, deliver
from validator.delivery.ledger import Ledger
from validator.features.outgoing import Nudge, NudgeLine
from validator.models.org import Staff
from validator.models.policy import Notify

MONDAY = "2026-11-23T09:00:00+08:00"  # W47 is due at 13:00 today
NOTIFY = """\
  wecom: {webhook_env: H1_WECOM}
  dingtalk: {webhook_env: H1_DING, secret_env: H1_DING_SECRET}
  feishu: {webhook_env: H1_FEISHU, secret_env: H1_FEISHU_SECRET}
"""


@pytest.fixture
def robots() -> Iterator[dict[str, Robot]]:
    with robots_running() as running:
        yield running


def env_for(robots: dict[str, Robot], **override: str) -> dict[str, str]:
    env = {
        "H1_WECOM": robots["wecom"].url,
        "H1_DING": robots["dingtalk"].url,
        "H1_DING_SECRET": "SECding",
        "H1_FEISHU": robots["feishu"].url,
        "H1_FEISHU_SECRET": "feishu-secret",
    }
    env.update(override)
    return env


def remind(repo: GitRepo, env: dict[str, str], *extra: str) -> tuple[int, str]:
    result = CliRunner(env=env).invoke(
        cli, ["remind", "--repo", str(repo.root), "--now", MONDAY, *extra]
    )
    return result.exit_code, result.output


def test_each_robot_gets_the_nudge_signed_with_mentions(
    git_repo: GitRepo, robots: dict[str, Robot]
) -> None:
    build(git_repo, NOTIFY)
    code, out = remind(git_repo, env_for(robots), "--send")
    assert code == 0, out
    wecom = robots["wecom"].received[0]["markdown"]["content"]
    # parentheses become full-width: nothing in the text can open a Markdown link
    assert "周报 2026-W47\uff08截止 2026-11-23 13:00\uff09即将截止" in wecom
    assert "王芳" in wecom and "张伟" in wecom
    assert "<@LiMing>" in wecom  # li-ming owes October's monthly report and claim
    ding = robots["dingtalk"].received[0]
    assert ding["at"] == {"atMobiles": [], "atUserIds": ["liming01"], "isAtAll": False}
    assert "@liming01" in ding["markdown"]["text"]
    feishu = robots["feishu"].received[0]
    assert "<at id=ou_liming></at>" in json.dumps(feishu, ensure_ascii=False)
    # no report content and no e-mail address reaches a group
    for body in (
        wecom,
        json.dumps(ding, ensure_ascii=False),
        json.dumps(feishu, ensure_ascii=False),
    ):
        assert "@example.com" not in body and "天河" not in body


def test_a_rerun_sends_no_nudge_twice(git_repo: GitRepo, robots: dict[str, Robot]) -> None:
    build(git_repo, NOTIFY)
    assert remind(git_repo, env_for(robots), "--send")[0] == 0
    code, out = remind(git_repo, env_for(robots), "--send")
    assert code == 0
    assert [len(r.received) for r in robots.values()] == [1, 1, 1]
    assert out.count("已发送过,跳过") == 3


def test_wrong_secret_fails_that_robot_only(git_repo: GitRepo, robots: dict[str, Robot]) -> None:
    build(git_repo, NOTIFY)
    env = env_for(robots, H1_DING_SECRET="wrong", H1_FEISHU_SECRET="wrong")
    code, out = remind(git_repo, env, "--send")
    assert code == 1
    assert "dingtalk 返回 310000:sign not match" in out
    assert "feishu 返回 19021:sign match fail" in out
    assert len(robots["wecom"].received) == 1
    assert robots["dingtalk"].requests == 1  # a signature error is not retried
    # the failed robots are not recorded: fixed secrets send to them, and only to them
    assert remind(git_repo, env_for(robots), "--send")[0] == 0
    assert [len(r.received) for r in robots.values()] == [1, 1, 1]


def test_a_missing_webhook_variable_is_reported(
    git_repo: GitRepo, robots: dict[str, Robot]
) -> None:
    build(git_repo, NOTIFY)
    env = env_for(robots)
    del env["H1_WECOM"]
    code, out = remind(git_repo, env, "--send")
    assert code == 1
    assert "环境变量 H1_WECOM 未设置" in out
    assert len(robots["dingtalk"].received) == 1


NUDGE = Nudge("k1", "报告提醒", (NudgeLine("周报 2026-W47 即将截止:", ()),))


def test_rate_limit_answers_are_retried_with_backoff(
    git_repo: GitRepo, robots: dict[str, Robot]
) -> None:
    robots["wecom"].queued += [answers.WECOM_RATE, answers.WECOM_RATE]
    robots["dingtalk"].queued += [answers.DING_RATE]
    robots["feishu"].queued += [answers.FEISHU_RATE]
    notify = Notify.model_validate(
        {
            "wecom": {"webhook_env": "H1_WECOM"},
            "dingtalk": {"webhook_env": "H1_DING", "secret_env": "H1_DING_SECRET"},
            "feishu": {"webhook_env": "H1_FEISHU", "secret_env": "H1_FEISHU_SECRET"},
        }
    )
    pauses: list[float] = []
    outcomes = deliver(
        [], NUDGE, notify, Ledger.open(git_repo.root), env_for(robots), send=True,
        backoff=0.01, sleep=pauses.append,
    )  # fmt: skip
    assert [(o.channel, o.status) for o in outcomes] == [
        ("wecom", SENT), ("dingtalk", SENT), ("feishu", SENT),
    ]  # fmt: skip
    assert [r.requests for r in robots.values()] == [3, 2, 2]
    assert pauses == [0.01, 0.02, 0.01, 0.01]  # doubling per robot


def test_retries_are_bounded(git_repo: GitRepo, robots: dict[str, Robot]) -> None:
    robots["dingtalk"].queued += [answers.DING_RATE] * 10
    notify = Notify.model_validate(
        {"dingtalk": {"webhook_env": "H1_DING", "secret_env": "H1_DING_SECRET"}}
    )
    outcomes = deliver(
        [], NUDGE, notify, Ledger.open(git_repo.root), env_for(robots), send=True,
        backoff=0.0,
    )  # fmt: skip
    assert [(o.status, o.detail) for o in outcomes] == [
        (FAILED, "dingtalk 返回 130101:send too fast, exceed 20 times per minute")
    ]
    assert robots["dingtalk"].requests == 4


def test_a_nudge_too_long_for_one_message_goes_in_parts(
    git_repo: GitRepo, robots: dict[str, Robot]
) -> None:
    """WeCom takes at most 4096 bytes of Markdown (errcode 40058 beyond): on a Monday morning of
    an organisation of a few hundred, the one nudge naming everyone was refused on every run.
    It goes in parts, each within the limit, every person mentioned once; a re-run sends none
    of them again."""
    people = tuple(
        Staff.model_validate(
            {"id": f"p{i:03d}", "name": f"员工{i:03d}", "category": "technician",
             "email": f"p{i:03d}@example.com", "github": f"p{i:03d}",
             "wecom_userid": f"user{i:03d}", "dingtalk_userid": f"ding{i:03d}"}
        )
        for i in range(400)
    )  # fmt: skip
    nudge = Nudge(
        "k3",
        "报告提醒",
        (
            NudgeLine("周报 2026-W47(截止 2026-11-23 13:00)即将截止:", people[:300]),
            NudgeLine("周报 2026-W46(截止 2026-11-16 13:00)已过截止时间仍未提交:", people[300:]),
        ),
        "https://r.example.com/form/",
    )
    notify = Notify.model_validate(
        {"wecom": {"webhook_env": "H1_WECOM"},
         "dingtalk": {"webhook_env": "H1_DING", "secret_env": "H1_DING_SECRET"}}
    )  # fmt: skip
    ledger = Ledger.open(git_repo.root)
    outcomes = deliver([], nudge, notify, ledger, env_for(robots), send=True)
    assert {(o.channel, o.status, o.detail) for o in outcomes} == {
        ("wecom", SENT, ""), ("dingtalk", SENT, "")
    }  # fmt: skip
    contents = [b["markdown"]["content"] for b in robots["wecom"].received]
    assert len(contents) > 1
    assert all(len(c.encode()) <= answers.WECOM_MAX_BYTES for c in contents)
    mentioned = [m for c in contents for m in re.findall(r"<@(user[0-9]+)>", c)]
    assert sorted(mentioned) == [f"user{i:03d}" for i in range(400)]
    assert all("[在线填写](https://r.example.com/form/)" in c for c in contents)
    ding = [u for b in robots["dingtalk"].received for u in b["at"]["atUserIds"]]
    assert sorted(ding) == [f"ding{i:03d}" for i in range(400)]
    sent = [len(r.received) for r in robots.values()]
    again = deliver([], nudge, notify, Ledger.open(git_repo.root), env_for(robots), send=True)
    assert {o.status for o in again} == {ALREADY}
    assert [len(r.received) for r in robots.values()] == sent


def test_markdown_in_names_is_inert(git_repo: GitRepo, robots: dict[str, Robot]) -> None:
    evil = Staff.model_validate(
        {"id": "evil", "name": "**[点我](http://x.cn)**", "category": "technician",
         "email": "e@example.com", "github": "evil"}
    )  # fmt: skip
    nudge = Nudge(
        "k2", "提醒 <b>", (NudgeLine("# 标题 `code`", (evil,)),), "https://r.example.com/form/"
    )
    notify = Notify.model_validate({"wecom": {"webhook_env": "H1_WECOM"}})
    deliver([], nudge, notify, Ledger.open(git_repo.root), env_for(robots), send=True)
    content = robots["wecom"].received[0]["markdown"]["content"]
    assert "**[" not in content and "](http" not in content.replace("](https://r.example.com", "")
    assert "<b>" not in content and "# 标题" not in content and "`" not in content
    assert "[在线填写](https://r.example.com/form/)" in content


def test_each_person_gets_only_their_own_reminder(git_repo: GitRepo) -> None:
    with smtp_server() as (box, port):
        notify = (
            f"  site_url: https://reports.example.com\n  email:\n"
            f"    smtp: {{host: 127.0.0.1, port: {port}, security: none}}\n"
            f"    from: reports@example.com\n"
        )
        build(git_repo, notify)
        code, out = remind(git_repo, {}, "--send")
        assert code == 0, out
        letters = {r.recipients[0]: r.message for r in box.received}
    assert sorted(letters) == [
        "li.ming@example.com",
        "wang.fang@example.com",
        "zhang.wei@example.com",
    ]
    wang = letters["wang.fang@example.com"].get_body(("plain",))
    assert wang is not None
    text = wang.get_content()
    assert "周报 2026-W47:截止 2026-11-23 13:00(办法 三(一)3)" in text
    assert "月报 2026-10:截止 2026-11-05 18:00(本组织规定)" in text
    assert "https://reports.example.com/form/" in text
    assert "李明" not in text and "张伟" not in text and "zhang-wei" not in text
    li = letters["li.ming@example.com"].get_body(("plain",))
    assert li is not None and "2026-W47" not in li.get_content()  # filed on Sunday


OCTOBER_UNITS = """\
staff: li-ming
month: 2026-10
summary: 十月平稳。
faulty_stock:
  - {region: guangzhou, units: 2}
spare_units:
  - {serial: SN-OUT-7, holder: 天河授权站, loaned: 2026-09-20, due: 2026-11-15}
"""


def test_a_spare_unit_past_due_reaches_its_holder_by_mail_and_no_robot(
    git_repo: GitRepo, robots: dict[str, Robot]
) -> None:
    """JP 三(七)1 注意租用期限,及时归还: 李明's October report leaves SN-OUT-7 out past its
    due date. His own letter says so; the group robots, whose chats others read, do not."""
    with smtp_server() as (box, port):
        notify = (
            f"  email:\n    smtp: {{host: 127.0.0.1, port: {port}, security: none}}\n"
            f"    from: reports@example.com\n" + NOTIFY
        )
        build(git_repo, notify)
        git_repo.write("submissions/li-ming/monthly/2026-10.yaml", OCTOBER_UNITS)
        git_repo.commit("li-ming October", "2026-11-03T09:00:00+08:00")
        code, out = remind(git_repo, env_for(robots), "--send")
        assert code == 0, out
        letters = {r.recipients[0]: r.message for r in box.received}
    li = letters["li.ming@example.com"]
    assert "备用机 SN-OUT-7 应归还" in str(li["Subject"])
    body = li.get_body(("plain",))
    assert body is not None
    assert "SN-OUT-7(应还 2026-11-15,见月报 2026-10)" in body.get_content()
    assert all(
        "SN-OUT-7" not in letters[a].as_string() for a in letters if a != "li.ming@example.com"
    )
    for robot in robots.values():
        assert robot.received and all("SN-OUT-7" not in json.dumps(b) for b in robot.received)


def test_dry_run_and_plain_remind(git_repo: GitRepo, tmp_path: Path) -> None:
    build(git_repo, NOTIFY)
    code, out = remind(git_repo, {}, "--dry-run")
    assert code == 0
    assert "群机器人提醒(不含报告内容):wecom(将发送)、dingtalk(将发送)、feishu(将发送)" in out
    code, out = remind(git_repo, {})
    assert code == 0 and out.startswith("## 报告提醒(2026-11-23 09:00,Asia/Shanghai)")
    assert dt.date(2026, 11, 23).isoformat() in out
