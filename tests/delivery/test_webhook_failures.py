"""Webhooks that misbehave: a server that breaks HTTP, redirects, trickles its answer or gives
an answer that is not the robot's, and a malformed webhook URL. Each fails that robot only
(exit 1, no traceback), the others still send, and the failed one is not recorded. The servers
are real and local (127.0.0.1)."""

from __future__ import annotations

import pytest

from tests.delivery.channels import (
    NUDGE,
    OK,
    SHORT,
    Channels,
    assert_the_others_sent,
    recorded,
    remind,
)
from tests.support.delivery import build
from tests.support.gitrepo import GitRepo
from tests.support.robots import Reply, http_answer, raw_webhook, trickle
from validator.delivery import robots
from validator.delivery.dispatch import FAILED, deliver
from validator.delivery.ledger import Ledger
from validator.models.policy import Notify

BROKEN_HTTP = {
    "garbage-status-line": b"FOO BAR\r\n\r\n",
    "short-body": b'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{"errcode":0',
    "bad-chunks": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n",
    "no-status-line": OK,
}


@pytest.mark.parametrize("answer", BROKEN_HTTP.values(), ids=BROKEN_HTTP.keys())
def test_a_webhook_that_breaks_http_fails_that_robot_only(
    git_repo: GitRepo, channels: Channels, answer: bytes
) -> None:
    with raw_webhook(answer) as hook:
        build(git_repo, channels.notify())
        code, out = remind(git_repo, channels.env(H1_WECOM=hook.url))
    assert code == 1
    assert "失败:wecom → wecom:group(wecom:" in out
    assert_the_others_sent(channels, out, but="wecom")
    assert "wecom:group" not in recorded(git_repo)


MALFORMED = {
    "ipv6": "http://[::1/cgi-bin/webhook/send?key=SECRET-KEY",
    "space": "http://127.0.0.1:9/cgi-bin/webhook send?key=SECRET-KEY",
    "line-break": "http://127.0.0.1:9/cgi-bin/webhook/send?key=SECRET-KEY\r\nX-Evil: 1",
    "bad-port": "http://127.0.0.1:99999/cgi-bin/webhook/send?key=SECRET-KEY",
    "no-host": "http:///cgi-bin/webhook/send?key=SECRET-KEY",
}


@pytest.mark.parametrize("url", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_webhook_url_fails_that_robot_only(
    git_repo: GitRepo, channels: Channels, url: str
) -> None:
    build(git_repo, channels.notify())
    code, out = remind(git_repo, channels.env(H1_WECOM=url))
    assert code == 1
    assert "失败:wecom → wecom:group(环境变量 H1_WECOM 不是 webhook 地址" in out
    assert "SECRET-KEY" not in out  # the URL holds the robot's key: never printed
    assert_the_others_sent(channels, out, but="wecom")


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_a_failure_and_is_not_followed(
    git_repo: GitRepo, channels: Channels, status: int
) -> None:
    with raw_webhook(http_answer("200 OK", OK)) as elsewhere:
        moved = http_answer(f"{status} Moved", headers=f"Location: {elsewhere.url}\r\n")
        with raw_webhook(moved) as hook:
            build(git_repo, channels.notify())
            code, out = remind(git_repo, channels.env(H1_WECOM=hook.url))
    assert code == 1
    assert f"失败:wecom → wecom:group(wecom HTTP {status}" in out
    assert elsewhere.url in out  # where it pointed, for the operator to fix the variable
    assert elsewhere.requests == []
    assert "wecom:group" not in recorded(git_repo)
    assert_the_others_sent(channels, out, but="wecom")


@pytest.mark.parametrize(
    "reply",
    [
        # the whole answer would take 5 s
        trickle(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(OK), OK),
        trickle(b"", http_answer("200 OK", OK), pause=0.05),  # not even its status line in time
    ],
    ids=["body", "status-line"],
)
def test_a_webhook_that_trickles_fails_at_the_deadline(
    git_repo: GitRepo, channels: Channels, monkeypatch: pytest.MonkeyPatch, reply: Reply
) -> None:
    monkeypatch.setattr(robots, "DEADLINE", SHORT)
    with raw_webhook(reply) as hook:
        build(git_repo, channels.notify())
        code, out = remind(git_repo, channels.env(H1_WECOM=hook.url))
    assert code == 1
    assert f"失败:wecom → wecom:group(wecom:{SHORT:g} 秒内没有答完" in out
    assert "wecom:group" not in recorded(git_repo)
    assert_the_others_sent(channels, out, but="wecom")


def nudge_to(answer: bytes, git_repo: GitRepo) -> tuple[str, str]:
    """(status, detail) of the nudge sent to a WeCom webhook answering `answer`."""
    notify = Notify.model_validate({"wecom": {"webhook_env": "H1_WECOM"}})
    with raw_webhook(answer) as hook:
        outcomes = deliver(
            [], NUDGE, notify, Ledger.open(git_repo.root), {"H1_WECOM": hook.url}, send=True
        )
    assert len(outcomes) == 1
    return outcomes[0].status, outcomes[0].detail


def test_errcode_false_is_not_success(git_repo: GitRepo) -> None:
    status, detail = nudge_to(
        http_answer("200 OK", b'{"errcode": false, "errmsg": "ok"}'), git_repo
    )
    assert status == FAILED
    assert "errcode" in detail


@pytest.mark.parametrize("http", ["500 Internal Server Error", "202 Accepted"])
def test_an_answer_that_is_not_200_names_its_status(git_repo: GitRepo, http: str) -> None:
    status, detail = nudge_to(http_answer(http, OK), git_repo)
    assert status == FAILED
    assert detail.startswith(f"wecom HTTP {http.split()[0]}"), detail


def test_an_answer_without_a_code_says_what_was_wrong(git_repo: GitRepo) -> None:
    status, detail = nudge_to(http_answer("200 OK", b'{"ok": true}'), git_repo)
    assert status == FAILED
    assert detail == 'wecom 的回答没有 errcode(HTTP 200):{"ok": true}'


@pytest.mark.parametrize("body", [b"", b"  \r\n"], ids=["empty", "blank"])
def test_an_empty_answer_is_not_taken_as_delivered(git_repo: GitRepo, body: bytes) -> None:
    """Every robot answers a message it took with its code; 200 with nothing in it is a proxy or
    a gateway speaking, and a message counted as sent there would be lost without a word."""
    status, detail = nudge_to(http_answer("200 OK", body), git_repo)
    assert status == FAILED
    assert detail == "wecom HTTP 200(没有回答内容)"
