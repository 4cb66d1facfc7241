"""`validator digest --send` through a real SMTP server on 127.0.0.1: who gets which letter, what
the letter holds (headers, both parts, the Chinese subject encoded as RFC 2047, report text
escaped and defanged), and that the sent record stops a second run."""

from __future__ import annotations

import datetime as dt
import re
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.delivery import AFTER_DEADLINE, HOSTILE, build
from tests.support.gitrepo import GitRepo
from tests.support.smtp import Login, Mailbox, self_signed, smtp_server
from validator.cli import cli


def email_notify(port: int, security: str = "none") -> str:
    return (
        f"  site_url: https://reports.example.com/\n"
        f"  email:\n"
        f"    smtp: {{host: 127.0.0.1, port: {port}, security: {security}}}\n"
        f'    from: "外派报告 <reports@example.com>"\n'
    )


def digest(repo: GitRepo, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["digest", "--repo", str(repo.root), "--now", AFTER_DEADLINE, *extra]
    )
    return result.exit_code, result.output


def parts(message: EmailMessage) -> tuple[str, str]:
    plain = message.get_body(("plain",))
    rich = message.get_body(("html",))
    assert plain is not None and rich is not None
    return plain.get_content(), rich.get_content()


def by_recipient(box: Mailbox) -> dict[str, EmailMessage]:
    return {r.recipients[0]: r.message for r in box.received}


def test_engineer_and_manager_each_get_one_letter_with_the_full_report(git_repo: GitRepo) -> None:
    with smtp_server() as (box, port):
        build(git_repo, email_notify(port))
        code, out = digest(git_repo, "--send")
        assert code == 0, out
        letters = by_recipient(box)
    # zhang-wei has no routing: his (missing) report goes to nobody
    assert sorted(letters) == ["sun.li@example.com", "zhao.lei@example.com"]
    assert "已发送:email → email:zhao-lei" in out
    message = letters["zhao.lei@example.com"]
    assert message["To"] == "赵磊 <zhao.lei@example.com>"
    assert message["From"] == "外派报告 <reports@example.com>"
    assert message["Subject"] == "周报汇总 2026-W47:2 人,缺交 1,迟交 0"
    assert message["X-Validator-Key"] == "digest:2026-W47"
    assert message.get_content_type() == "multipart/alternative"
    text, rich = parts(message)
    for words in ("检查天河授权站维修工单填写", "跟进佛山授权站备件申请", "需要总部支援两台备用机",
                  "X9 机型开机黑屏", "缺交:王芳(wang-fang)",
                  "https://reports.example.com/status/weekly/"):  # fmt: skip
        assert words in text
    assert "检查天河授权站维修工单填写" in rich and "王芳(wang-fang)" in rich
    zhang = "张伟"
    assert zhang not in text and zhang not in rich


def test_subject_is_rfc2047_encoded_on_the_wire(git_repo: GitRepo) -> None:
    with smtp_server() as (box, port):
        build(git_repo, email_notify(port))
        assert digest(git_repo, "--send")[0] == 0
        raw = box.received[0].raw
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")  # headers are 7-bit on the wire
    subject = re.search(r"^Subject: ([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)", head, re.MULTILINE)
    assert subject is not None
    words = subject[1].split()
    assert words[0].lower().startswith("=?utf-8?b?")  # encoded words; plain ASCII may follow
    assert str(make_header(decode_header(subject[1]))) == "周报汇总 2026-W47:2 人,缺交 1,迟交 0"
    assert str(box.received[0].message["Subject"]).startswith("周报汇总 2026-W47")


def test_the_date_header_names_its_zone(git_repo: GitRepo) -> None:
    """`-0000` says "zone unknown" (RFC 5322 3.3): Python and some clients read it as a naive
    time. The letter is dated in UTC, as +0000."""
    with smtp_server() as (box, port):
        build(git_repo, email_notify(port))
        before = dt.datetime.now(dt.UTC).replace(microsecond=0)
        assert digest(git_repo, "--send")[0] == 0
        after = dt.datetime.now(dt.UTC)
        dated = parsedate_to_datetime(str(box.received[0].message["Date"]))
    assert dated.tzinfo is not None and before <= dated <= after


def test_report_text_never_becomes_markup_or_a_link(git_repo: GitRepo) -> None:
    with smtp_server() as (box, port):
        build(git_repo, email_notify(port))
        assert digest(git_repo, "--send")[0] == 0
        text, rich = parts(by_recipient(box)["zhao.lei@example.com"])
    assert HOSTILE not in text
    for raw in ("http://evil", "www.evil", "boss@evil", "evil.example.com"):
        assert raw not in text, raw  # nothing a mail client would turn into a link
        assert raw not in rich, raw
    assert "<script" not in rich and "&lt;script&gt;" in rich
    assert '<script>alert("x")</script>' in text  # plain text is shown as it is, never run
    assert "http[:]//evil[.]example[.]com" in text and "boss[@]evil[.]cn" in text
    # the only links in the HTML part are our own site's
    links = re.findall(r'href="([^"]*)"', rich)
    assert links and all(link.startswith("https://reports.example.com/") for link in links)


def test_a_second_run_sends_nothing_and_force_resends(git_repo: GitRepo) -> None:
    with smtp_server() as (box, port):
        build(git_repo, email_notify(port))
        assert digest(git_repo, "--send")[0] == 0
        assert len(box.received) == 2
        code, out = digest(git_repo, "--send")  # a new process reads the record from git
        assert code == 0
        assert len(box.received) == 2
        assert out.count("已发送过,跳过") == 2
        assert digest(git_repo, "--dry-run")[1].count("已发送过,跳过") == 2
        assert digest(git_repo, "--send", "--force")[0] == 0
        assert len(box.received) == 4
    notes = git_repo.git("notes", "--ref=validator-sent", "list")
    assert notes.strip()  # the record is a git ref the workflow can push


def test_dry_run_shows_each_message_and_sends_nothing(git_repo: GitRepo) -> None:
    with smtp_server() as (box, port):
        build(git_repo, email_notify(port))
        code, out = digest(git_repo)
        assert box.received == []
    assert code == 0
    assert "收件人:赵磊 <zhao.lei@example.com>  [将发送]" in out
    assert "收件人:孙丽 <sun.li@example.com>  [将发送]" in out
    assert "张伟(zhang-wei)" in out  # named as unrouted, on stderr


def test_a_refused_recipient_fails_and_the_others_still_send(git_repo: GitRepo) -> None:
    with smtp_server() as (box, port):
        box.refuse.add("zhao.lei@example.com")
        build(git_repo, email_notify(port))
        code, out = digest(git_repo, "--send")
        assert [r.recipients for r in box.received] == [["sun.li@example.com"]]
        assert code == 1
        assert "失败:email → email:zhao-lei" in out
        # the failed one is not recorded: the next run sends it, and only it
        box.refuse.clear()
        assert digest(git_repo, "--send")[0] == 0
        assert [r.recipients for r in box.received][1:] == [["zhao.lei@example.com"]]


def test_an_unreachable_server_is_exit_1_with_the_error(git_repo: GitRepo) -> None:
    with smtp_server() as (_box, port):
        pass  # stopped: nothing listens on the port any more
    build(git_repo, email_notify(port))
    code, out = digest(git_repo, "--send")
    assert code == 1
    assert f"SMTP 127.0.0.1:{port}" in out


def test_missing_password_variable_is_reported(git_repo: GitRepo) -> None:
    notify = (
        "  email:\n    smtp: {host: 127.0.0.1, port: 1, security: none, user: bot,"
        " password_env: H1_TEST_NO_SUCH_PASSWORD}\n    from: reports@example.com\n"
    )
    build(git_repo, notify)
    code, out = digest(git_repo, "--send")
    assert code == 1
    assert "环境变量 H1_TEST_NO_SUCH_PASSWORD 未设置" in out


MONTHLY = """\
staff: li-ming
month: "2026-10"
summary: 本月广州售后服务运行平稳,局方故障机库存32台。
faulty_stock:
  - region: guangzhou
    units: 32
replacements:
  - region: guangzhou
    count: 1
plan:
  - 完成网点季度检查
"""


def test_a_monthly_report_reaches_the_same_people_in_the_next_digest(git_repo: GitRepo) -> None:
    build(git_repo, "  site_url: https://reports.example.com\n")
    git_repo.write("submissions/li-ming/monthly/2026-10.yaml", MONTHLY)
    git_repo.commit("li-ming 2026-10", "2026-11-20T10:00:00+08:00")  # inside W47's window
    code, out = digest(git_repo)
    assert code == 0
    # engineer and manager; it is late (due 2026-11-05 18:00), which the digest says: before,
    # only when it arrived, so a reviewer could not tell a late monthly report from an early one
    assert out.count("月报 2026-10(收到 2026-11-20 10:00,迟交:截止 2026-11-05 18:00)") == 2
    assert out.count("本月广州售后服务运行平稳") == 2
    # the week after, it is not sent again
    result = CliRunner().invoke(
        cli, ["digest", "--repo", str(git_repo.root), "--now", "2026-11-30T14:00:00+08:00"]
    )
    assert result.exit_code == 0 and "月报 2026-10" not in result.output


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_tls_and_login_with_the_password_from_the_environment(
    git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, security: str
) -> None:
    cert = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert[0]))  # trust the test's own certificate
    monkeypatch.setenv("H1_SMTP_PASSWORD", "s3cret")
    with smtp_server(security, cert, Login("bot", "s3cret")) as (box, port):
        notify = (
            f"  email:\n    smtp: {{host: 127.0.0.1, port: {port}, security: {security},"
            f" user: bot, password_env: H1_SMTP_PASSWORD}}\n    from: reports@example.com\n"
        )
        build(git_repo, notify)
        code, out = digest(git_repo, "--send")
        assert code == 0, out
        assert len(box.received) == 2
        monkeypatch.setenv("H1_SMTP_PASSWORD", "wrong")
        code, out = digest(git_repo, "--send", "--force")
        assert code == 1 and "535" in out  # the server's refusal, and no password in it
        assert "wrong" not in out


def test_the_record_travels_to_a_fresh_checkout(git_repo: GitRepo, tmp_path: Path) -> None:
    """What the workflow does: send, push the notes ref; the next run, in a new clone that
    fetched it, sends nothing."""
    with smtp_server() as (box, port):
        build(git_repo, email_notify(port))
        assert digest(git_repo, "--send")[0] == 0
        fresh = GitRepo(tmp_path / "fresh")
        git_repo.git("clone", "-q", str(git_repo.root), str(fresh.root))
        fresh.git("fetch", "-q", "origin", "+refs/notes/validator-sent:refs/notes/validator-sent")
        code, out = digest(fresh, "--send")
        assert code == 0
        assert len(box.received) == 2 and out.count("已发送过,跳过") == 2


def test_a_week_not_yet_due_is_not_sent(git_repo: GitRepo) -> None:
    """A reviewer's find: `digest --week 2026-W49 --send` on the Monday morning mailed letters
    with 缺交 0 (everyone not yet in was 待交) and recorded the week as sent, so the run after the
    deadline skipped it and the channel engineer never got the real 缺交 list. Before the
    deadline --send is refused (exit 2); the dry run still shows the letters."""
    with smtp_server() as (box, port):
        build(git_repo, email_notify(port))
        early = CliRunner().invoke(
            cli,
            ["digest", "--repo", str(git_repo.root), "--now", "2026-11-23T09:00:00+08:00",
             "--week", "2026-W47", "--send"],
        )  # fmt: skip
        assert early.exit_code == 2, early.output
        assert "2026-11-23 13:00" in early.output
        assert box.received == []
        code, out = digest(git_repo, "--send")
        assert code == 0, out
        letters = by_recipient(box)
    assert "缺交:王芳(wang-fang)" in parts(letters["zhao.lei@example.com"])[0]
