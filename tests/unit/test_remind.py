"""`validator remind`: exact Markdown for a constructed organization at a fixed moment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from tests.support.gitrepo import GitRepo
from tests.support.roster import LI_MING, WANG_FANG, ZHAO_LEI, member, staff_yaml
from validator.cli import cli
from validator.features.remind import reminders
from validator.features.remind_letters import reminder_letters, reminder_nudge
from validator.repo.workspace import open_workspace

STAFF = staff_yaml(
    LI_MING,
    WANG_FANG,
    member(
        "zhang-wei", "张伟", "parts_admin", "zhangwei", regions=("shenzhen",), since="2025-01-01"
    ),
    member("chen-jie", "陈杰", "technician", "chenjie", regions=("dongguan",), since="2026-11-18"),
    ZHAO_LEI,
)
LEAVE = "leave:\n  - {staff: zhang-wei, from: 2026-11-09, to: 2026-11-13, reason: 年假}\n"
FOOTER = (
    "用 `validator new weekly`(或 monthly、expenses)生成预填的报告,经拉取请求提交;"
    "逾期的报告请填写 `late_reason`。\n"
)
# Monday 09:00 Beijing, when the scheduled workflow runs; 2026-W47 is due at 13:00 today.
MONDAY = "2026-11-23T09:00:00+08:00"


def build(repo: GitRepo) -> None:
    repo.write("org/staff.yaml", STAFF)
    repo.write("org/leave.yaml", LEAVE)
    repo.commit("org", "2026-10-01T09:00:00+08:00")
    filed = {
        "li-ming": ["weekly/2026-W45", "weekly/2026-W46", "monthly/2026-10"],
        "wang-fang": ["weekly/2026-W45"],
        "zhang-wei": ["weekly/2026-W45", "weekly/2026-W47", "monthly/2026-10", "expenses/2026-10"],
    }
    for staff, reports in filed.items():
        for report in reports:
            # remind asks only whether a file exists; `validator check` judges its content
            repo.write(f"submissions/{staff}/{report}.yaml", f"staff: {staff}\n")
    repo.commit("reports", "2026-11-02T09:00:00+08:00")


def remind(repo: GitRepo, now: str, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["remind", "--repo", str(repo.root), "--now", now, *extra])
    return result.exit_code, result.output


def test_monday_reminder(git_repo: GitRepo) -> None:
    build(git_repo)
    assert remind(git_repo, MONDAY) == (
        0,
        "## 报告提醒(2026-11-23 09:00,Asia/Shanghai)\n"
        "\n"
        "### 24 小时内截止\n"
        "\n"
        "- @liming-gz(李明):周报 2026-W47(截止 2026-11-23 13:00)\n"
        "- @wangfang(王芳):周报 2026-W47(截止 2026-11-23 13:00)\n"
        "- @chenjie(陈杰):周报 2026-W47(截止 2026-11-23 13:00)\n"
        "\n"
        "### 已过截止时间仍未提交\n"
        "\n"
        "- @liming-gz(李明):报销 2026-10(截止 2026-11-10 00:00)\n"
        "- @wangfang(王芳):月报 2026-10(截止 2026-11-05 18:00)、"
        "报销 2026-10(截止 2026-11-10 00:00)、周报 2026-W46(截止 2026-11-16 13:00)\n"
        "\n" + FOOTER,
    )


def test_a_shorter_window_and_utc_now(git_repo: GitRepo) -> None:
    """--now in UTC is shown in the policy's zone; --weeks 2 keeps only W47 and W48, whose
    window starts after every October deadline."""
    build(git_repo)
    assert remind(git_repo, "2026-11-23T01:00:00Z", "--weeks", "2") == (
        0,
        "## 报告提醒(2026-11-23 09:00,Asia/Shanghai)\n"
        "\n"
        "### 24 小时内截止\n"
        "\n"
        "- @liming-gz(李明):周报 2026-W47(截止 2026-11-23 13:00)\n"
        "- @wangfang(王芳):周报 2026-W47(截止 2026-11-23 13:00)\n"
        "- @chenjie(陈杰):周报 2026-W47(截止 2026-11-23 13:00)\n"
        "\n" + FOOTER,
    )


def test_after_the_deadline_the_week_is_missing(git_repo: GitRepo) -> None:
    build(git_repo)
    git_repo.write("submissions/li-ming/weekly/2026-W47.yaml", "staff: li-ming\n")
    git_repo.write("submissions/li-ming/expenses/2026-10.yaml", "staff: li-ming\n")
    git_repo.write("submissions/wang-fang/weekly/2026-W46.yaml", "staff: wang-fang\n")
    git_repo.write("submissions/wang-fang/weekly/2026-W47.yaml", "staff: wang-fang\n")
    git_repo.write("submissions/wang-fang/monthly/2026-10.yaml", "staff: wang-fang\n")
    git_repo.write("submissions/wang-fang/expenses/2026-10.yaml", "staff: wang-fang\n")
    git_repo.commit("catch up", "2026-11-23T12:00:00+08:00")
    assert remind(git_repo, "2026-11-27T09:00:00+08:00") == (
        0,
        "## 报告提醒(2026-11-27 09:00,Asia/Shanghai)\n"
        "\n"
        "### 已过截止时间仍未提交\n"
        "\n"
        "- @chenjie(陈杰):周报 2026-W47(截止 2026-11-23 13:00)\n"
        "\n" + FOOTER,
    )


def test_nothing_owed(tmp_path: Path) -> None:
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "staff.yaml").write_text("staff: []\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["remind", "--repo", str(tmp_path), "--now", MONDAY])
    assert (result.exit_code, result.output) == (
        0,
        "## 报告提醒(2026-11-23 09:00,Asia/Shanghai)\n\n"
        "所有应交的报告都已提交,没有需要提醒的事项。\n",
    )


def test_bad_now_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["remind", "--repo", str(tmp_path), "--now", "monday"])
    assert (result.exit_code, result.output) == (
        2,
        "错误 / error: not an ISO 8601 time: 'monday'\n",
    )


def test_nothing_before_go_live_is_owed(git_repo: GitRepo) -> None:
    """policy `start:` (issue 19 item 1): periods that end before it are owed by nobody."""
    build(git_repo)
    git_repo.write("org/policy.yaml", "start: 2026-11-20\n")
    code, out = remind(git_repo, MONDAY)
    assert code == 0, out
    assert "2026-W46" not in out and "2026-W45" not in out and "2026-10" not in out
    assert "2026-W47" in out  # the week ending after go-live is still due at 13:00 today


def _ended_postings(repo: GitRepo) -> None:
    ended = (
        "  - id: qian-li\n    name: 钱力\n    category: technician\n"
        "    email: q@example.com\n    github: qianli\n    postings:\n"
        "      - {regions: [guangzhou], from: 2025-01-01, to: 2026-11-20}\n"
    )
    repo.write("org/staff.yaml", staff_yaml(LI_MING) + ended)
    repo.commit("org", "2026-10-01T09:00:00+08:00")


def test_a_reminder_letter_holds_the_handover_its_recipient_owes(git_repo: GitRepo) -> None:
    """The letter `remind --send` mails lists an open handover, like the Markdown does."""
    _ended_postings(git_repo)
    now = dt.datetime.fromisoformat("2026-11-23T09:00:00+08:00")
    letters = reminder_letters(reminders(open_workspace(git_repo.root), now, 2))
    mine = [letter for letter in letters if letter.to.id == "qian-li"]
    assert len(mine) == 1
    assert "派驻已结束,待提交工作交接" in mine[0].text and "2026-11-28" in mine[0].text
    assert all("qian-li" not in letter.text for letter in letters if letter.to.id != "qian-li")


def test_handovers_owed_and_assistants_not_reminded(git_repo: GitRepo) -> None:
    """Issue 14 items 4 and 6: a channel assistant owes nothing by default; a posting that ended
    owes a handover while its window is open, and is missing once it closed."""
    ended = (
        "  - id: qian-li\n    name: 钱力\n    category: technician\n"
        "    email: q@example.com\n    github: qianli\n    postings:\n"
        "      - {regions: [guangzhou], from: 2025-01-01, to: 2026-11-20}\n"
        "  - id: sun-mo\n    name: 孙墨\n    category: technician\n"
        "    email: s@example.com\n    github: sunmo\n    postings:\n"
        "      - {regions: [foshan], from: 2025-01-01, to: 2026-11-12}\n"
    )
    assistant = member("chen-zhu", "陈助", "channel_assistant", "chenzhu", regions=("guangzhou",))
    git_repo.write("org/staff.yaml", staff_yaml(assistant) + ended)
    git_repo.commit("org", "2026-10-01T09:00:00+08:00")
    code, out = remind(git_repo, "2026-11-23T09:00:00+08:00", "--weeks", "2")
    assert code == 0, out
    assert "chenzhu" not in out
    assert (
        "### 派驻已结束,待提交工作交接(期限为本组织规定)\n\n"
        "- @qianli(钱力):工作交接(派驻 2026-11-20 结束;截止 2026-11-28 00:00)\n"
    ) in out
    assert "- @sunmo(孙墨):工作交接(派驻 2026-11-12 结束;截止 2026-11-20 00:00)\n" in out
    assert out.index("@sunmo") > out.index("### 已过截止时间仍未提交")


def test_a_letter_cites_the_regulation_only_for_the_regulations_deadline(git_repo: GitRepo) -> None:
    """A weekly deadline the organisation moved (Monday 12:00 instead of the regulation's
    13:00, JP 三(一)3) is its own rule: the letter says 本组织规定, as the site's texts do."""
    build(git_repo)
    now = dt.datetime.fromisoformat(MONDAY)
    default = reminder_letters(reminders(open_workspace(git_repo.root), now))
    mine = next(letter for letter in default if letter.to.id == "li-ming")
    assert "周报 2026-W47:截止 2026-11-23 13:00(办法 三(一)3)" in mine.text
    assert "报销 2026-10:截止 2026-11-10 00:00(办法 三(一)4)" in mine.text
    git_repo.write(
        "org/policy.yaml",
        'reports:\n  weekly: {due: {weekday: monday, time: "12:00"}}\n'
        '  expenses: {due: {day: 8, time: "00:00"}}\n',
    )
    moved = reminder_letters(reminders(open_workspace(git_repo.root), now))
    mine = next(letter for letter in moved if letter.to.id == "li-ming")
    assert "周报 2026-W47:截止 2026-11-23 12:00(本组织规定)" in mine.text
    assert "报销 2026-10:截止 2026-11-08 00:00(本组织规定)" in mine.text
    assert "三(一)" not in mine.text and "三(一)" not in mine.html


OCTOBER_UNITS = """\
staff: li-ming
month: 2026-10
summary: 十月平稳。
faulty_stock:
  - {region: guangzhou, units: 2}
spare_units:
  - {serial: SN-OUT, holder: 天河授权站, loaned: 2026-09-20, due: 2026-11-15}
  - {serial: SN-LATER, holder: 越秀授权站, loaned: 2026-10-02, due: 2026-12-31}
  - {serial: SN-BACK, holder: 越秀授权站, loaned: 2026-09-01, due: 2026-10-01, returned: 2026-10-08}
"""


def test_a_spare_unit_past_its_due_date_is_chased(git_repo: GitRepo) -> None:
    """JP 三(七)1 注意租用期限,及时归还: a unit the latest monthly report leaves out on loan past
    its due date is in the reminder and in its holder's own letter (not in a group robot's
    nudge: it names a person's loan). A unit not yet due, or returned, is not."""
    git_repo.write("org/staff.yaml", staff_yaml(LI_MING))
    git_repo.write("submissions/li-ming/monthly/2026-10.yaml", OCTOBER_UNITS)
    git_repo.commit("org and october", "2026-11-03T09:00:00+08:00")
    code, out = remind(git_repo, MONDAY)
    assert code == 0
    assert (
        "### 备用机已过应还日期(办法 三(七)1:注意租用期限,及时归还)\n"
        "\n"
        "- @liming-gz(李明):SN-OUT(应还 2026-11-15,见月报 2026-10)\n"
    ) in out
    assert "SN-LATER" not in out and "SN-BACK" not in out
    now = dt.datetime.fromisoformat(MONDAY)
    found = reminders(open_workspace(git_repo.root), now)
    (letter,) = [x for x in reminder_letters(found) if x.to.id == "li-ming"]
    assert "SN-OUT(应还 2026-11-15,见月报 2026-10)" in letter.text
    nudge = reminder_nudge(found)
    assert nudge is None or all("SN-OUT" not in line.text for line in nudge.lines)
