"""Mail that cannot go as smtplib would have it, and a record that cannot be written: a password
that is not ASCII, a line break in a header, an SMTP server that trickles its greeting or drops
the connection during a letter, a locked sent record. Each fails what it concerns only (exit 1,
no traceback), the rest still sends, and only what was delivered is recorded. The servers are
real and local (127.0.0.1)."""

from __future__ import annotations

import pytest

from tests.delivery.channels import (
    LETTERS,
    NUDGE,
    SHORT,
    Channels,
    assert_the_others_sent,
    recorded,
    remind,
)
from tests.support.delivery import build
from tests.support.gitrepo import GitRepo
from tests.support.smtp import Login, slow_greeting, smtp_server
from validator.delivery import mail
from validator.delivery.dispatch import FAILED, SENT, deliver
from validator.delivery.ledger import Ledger
from validator.features.outgoing import Letter
from validator.models.org import Staff
from validator.models.policy import Notify


def test_a_password_that_is_not_ascii_fails_the_mail_only(
    git_repo: GitRepo, channels: Channels, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("H1_SMTP_PASSWORD", "pässwörd")
    with smtp_server(login=Login("bot", "pässwörd")) as (box, port):
        channels.port = port
        build(git_repo, channels.notify(", user: bot, password_env: H1_SMTP_PASSWORD"))
        code, out = remind(git_repo, channels.env())
        assert box.received == []
    assert code == 1
    assert out.count("must be ASCII") == 3, out  # each letter says why
    assert "pässwörd" not in out
    assert_the_others_sent(channels, out, but="email")


def staff(person: str, name: str) -> Staff:
    # built without validation: org data read from a private checkout may not have been checked
    return Staff.model_construct(id=person, name=name, email=f"{person}@example.com", github=person)


def letter(person: str, name: str) -> Letter:
    return Letter(staff(person, name), f"k-{person}", "周报提醒", "请填写。\n", "<p>请填写。</p>")


@pytest.mark.parametrize("where", ["from", "name"])
def test_a_line_break_in_a_header_fails_that_letter_only(
    git_repo: GitRepo, channels: Channels, where: str
) -> None:
    notify = Notify.model_validate(
        {
            "email": {"smtp": {"host": "127.0.0.1", "port": channels.port, "security": "none"},
                      "from": "reports@example.com"},
            "wecom": {"webhook_env": "H1_WECOM"},
        }
    )  # fmt: skip
    assert notify.email is not None
    if where == "from":
        sender = "报告 <reports@example.com>\nBcc: evil@example.com"
        notify = notify.model_copy(
            update={"email": notify.email.model_copy(update={"from_": sender})}
        )
    letters = [letter("li-ming", "李明\nBcc: evil@example.com" if where == "name" else "李明"),
               letter("wang-fang", "王芳")]  # fmt: skip
    ledger = Ledger.open(git_repo.root)
    outcomes = deliver(letters, NUDGE, notify, ledger, channels.env(), send=True)
    status = {o.recipient: (o.status, o.detail) for o in outcomes}
    assert status["email:li-ming"][0] == FAILED
    assert "换行" in status["email:li-ming"][1]
    assert status["email:wang-fang"][0] == (FAILED if where == "from" else SENT)
    assert status["wecom:group"] == (SENT, "")
    assert all(b"evil" not in r.raw for r in channels.box.received)
    assert len(channels.box.received) == (0 if where == "from" else 1)


def test_a_record_that_cannot_be_written_is_reported_and_the_others_still_send(
    git_repo: GitRepo, channels: Channels
) -> None:
    build(git_repo, channels.notify())
    lock = git_repo.root / ".git/refs/notes/validator-sent.lock"  # another git holds the ref
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.write_text("")
    code, out = remind(git_repo, channels.env())
    assert code == 1
    assert len(channels.box.received) == 3
    assert [len(robot.received) for robot in channels.robots.values()] == [1, 1, 1]
    # each delivered message says so, and that it was not recorded (so may go again)
    assert out.count("已送达,但未能写入已发送记录") == 6, out
    lock.unlink()
    assert recorded(git_repo) == []


def test_an_smtp_server_that_trickles_its_greeting_fails_at_the_deadline(
    git_repo: GitRepo, channels: Channels, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mail, "DEADLINE", SHORT)
    with slow_greeting(channels.port) as front:  # the greeting would take about 6 s
        channels.port = front
        build(git_repo, channels.notify())
        code, out = remind(git_repo, channels.env())
    assert code == 1
    assert out.count("失败:email → ") == 3
    assert f"{SHORT:g} 秒内没有完成" in out
    assert channels.box.received == []
    assert_the_others_sent(channels, out, but="email")


def test_a_connection_dropped_during_a_letter_is_made_again_for_the_rest(
    git_repo: GitRepo, channels: Channels
) -> None:
    channels.box.drop = 1
    build(git_repo, channels.notify())
    code, out = remind(git_repo, channels.env())
    assert code == 1
    assert out.count("失败:email") == 1 and out.count("已发送:email") == 2, out
    assert "失败:email → email:wang-fang" in out  # the first letter; the server may not have it
    assert recorded(git_repo) == [
        "dingtalk:group", "email:li-ming", "email:zhang-wei", "feishu:group", "wecom:group",
    ]  # fmt: skip
    assert len(channels.box.received) == 2
    # the next run sends the dropped letter, and only it
    code, out = remind(git_repo, channels.env())
    assert code == 0, out
    assert len(channels.box.received) == 3
    assert recorded(git_repo) == sorted([*LETTERS, "dingtalk:group", "feishu:group", "wecom:group"])
