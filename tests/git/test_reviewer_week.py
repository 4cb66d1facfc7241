"""A channel engineer's week (docs/guide/review.md): the pull requests of the staff routed to
them, the job summary, the digest, CODEOWNERS and the by-engineer status page. Whom a member's
reports go to (JP 三(一)3: 上报给渠道工程师,抄送渠道经理) must be the same person everywhere,
also when org/staff.yaml names someone who cannot receive them (rule `routing`)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from tests.support import ROOT, tables
from tests.support.gitrepo import GitRepo
from tests.support.roster import member, staff_yaml
from tests.support.status import REGIONS, weekly_yaml
from validator.cli import cli
from validator.models.org import StaffRoster
from validator.repo.codeowners import render
from validator.site.pages import render_pages

NOW = "2026-11-23T14:00:00+08:00"  # the 2026-W47 weekly reports are just due


def roster(li_ming: str, wang_fang: str) -> str:
    """李明 and 王芳 (staff) with the routing lines given, and the reviewers 赵磊 and 孙丽."""
    return staff_yaml(
        member("li-ming", "李明", "account_manager", "liming-gz", regions=("guangzhou",)) + li_ming,
        member("wang-fang", "王芳", "technician", "wangfang-sz", regions=("foshan",)) + wang_fang,
        member("zhao-lei", "赵磊", "account_manager", "zhaolei-hq", role="reviewer"),
        member("sun-li", "孙丽", "account_manager", "sunli-hq", role="reviewer"),
    )


def misrouted_roster() -> str:
    """li-ming's channel engineer is wang-fang, a member of staff (not a reviewer); wang-fang's
    is a typo of zhao-lei's id. Both are `routing` errors on org/staff.yaml, and both members
    are in fact routed to nobody: CODEOWNERS asks every reviewer, the digest goes to the
    manager only."""
    return roster(
        "    channel_engineer: wang-fang\n    channel_manager: sun-li\n",
        "    channel_engineer: zhao-lee\n    channel_manager: sun-li\n",
    )


def org_with(git_repo: GitRepo, roster: str) -> GitRepo:
    git_repo.write("org/staff.yaml", roster)
    git_repo.write("org/regions.yaml", REGIONS)
    git_repo.commit("org", "2026-11-01T09:00:00+08:00")
    return git_repo


def test_codeowners_and_digest_route_a_misrouted_member_to_no_engineer(
    git_repo: GitRepo,
) -> None:
    """What the other places must agree with: CODEOWNERS gives the folders to every reviewer,
    and neither member is in an engineer's digest."""
    repo = org_with(git_repo, misrouted_roster())
    owners = render(StaffRoster.model_validate(yaml.safe_load(misrouted_roster())))
    assert "/submissions/li-ming/ @zhaolei-hq @sunli-hq" in owners.splitlines()
    assert "/submissions/wang-fang/ @zhaolei-hq @sunli-hq" in owners.splitlines()
    result = CliRunner().invoke(
        cli, ["digest", "--repo", str(repo.root), "--now", NOW, "--week", "2026-W47"]
    )
    assert result.exit_code == 0, result.output
    recipients = [line for line in result.output.splitlines() if line.startswith("收件人:")]
    assert [r.split(" ")[0] for r in recipients] == ["收件人:孙丽"]


def test_the_job_summary_names_no_staff_member_as_the_channel_engineer(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    """The job summary named @wangfang-sz as the engineer li-ming's report goes to: a member of
    staff, not a code owner of the folder, whom the digest never reaches."""
    repo = org_with(git_repo, misrouted_roster())
    repo.git("switch", "-q", "-c", "li-ming/weekly-2026-W47")
    repo.write(
        "submissions/li-ming/weekly/2026-W47.yaml",
        weekly_yaml("li-ming", "2026-W47", "2026-11-17"),
    )
    repo.commit("li-ming: weekly 2026-W47", "2026-11-23T10:00:00+08:00")
    summary = tmp_path / "summary.md"
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(repo.root), "--base", "main", "--author", "liming-gz",
         "--event-time", "2026-11-23T10:05:00+08:00", "--now", "2026-11-23T10:05:00+08:00",
         "--format", "github"],
        env={"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTIONS": ""},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = summary.read_text("utf-8")
    assert "@wangfang-sz" not in text
    assert "抄送渠道经理 @sunli-hq" in text  # the manager is a reviewer: still copied


def test_the_by_engineer_page_lists_a_misrouted_member_as_unrouted(git_repo: GitRepo) -> None:
    """The page had a group 「王芳负责的人员」 (a member of staff shown as a channel engineer)
    and one named by the typo 「zhao-lee负责的人员」."""
    repo = org_with(git_repo, misrouted_roster())
    for staff_id, day in (("li-ming", "2026-11-17"), ("wang-fang", "2026-11-18")):
        repo.write(
            f"submissions/{staff_id}/weekly/2026-W47.yaml", weekly_yaml(staff_id, "2026-W47", day)
        )
    repo.commit("weekly 2026-W47", "2026-11-22T18:00:00+08:00")
    pages = render_pages(repo.root, dt.datetime.fromisoformat(NOW), "internal")
    groups = [row[0] for row in tables.texts(pages, "by-engineer-summary")]
    assert groups == ["未指定渠道工程师"]
    people = [(row[0], row[1]) for row in tables.texts(pages, "by-engineer")]
    assert people == [("未指定渠道工程师", "李明"), ("未指定渠道工程师", "王芳")]


GUIDE = ROOT / "docs" / "guide" / "review.md"


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n#", start + len(heading))
    return text[start : end if end != -1 else None]


def test_the_guide_says_who_can_approve_a_channel_engineers_own_correction() -> None:
    """「由另一位审核人批准」: but CODEOWNERS gives a routed member's folder to the channel
    engineer alone, no host lets the author approve their own pull request, and another
    reviewer's approval is not a code owner's. A channel engineer who followed the guide and
    corrected a report of their own staff could not merge it under the branch protection the
    guide asks for; the guide now says who writes such a correction and who approves it."""
    routed = staff_yaml(
        member("li-ming", "李明", "account_manager", "liming-gz", regions=("guangzhou",))
        + "    channel_engineer: zhao-lei\n    channel_manager: sun-li\n",
        member("zhao-lei", "赵磊", "account_manager", "zhaolei-hq", role="reviewer"),
        member("sun-li", "孙丽", "account_manager", "sunli-hq", role="reviewer"),
    )
    owners = render(StaffRoster.model_validate(yaml.safe_load(routed))).splitlines()
    assert "/submissions/li-ming/ @zhaolei-hq" in owners  # the engineer is the only owner
    text = GUIDE.read_text(encoding="utf-8")
    for part in (_section(text, "外派人员本人**不是**"), _section(text, "### 审核人如何更正报告")):
        assert "不能批准自己的拉取请求" in part, part
        assert "渠道经理" in part, part


def test_the_guide_shows_the_channel_engineer_where_their_staff_stand() -> None:
    """review.md told a channel engineer of CI, the digest and reminders but never of the
    status page made for them (按渠道工程师: their staff's last two weeks, on-time rate and
    streak, the unrouted apart), nor that only the internal site names people."""
    text = GUIDE.read_text(encoding="utf-8")
    part = _section(text, "## 查看负责人员的提交情况")
    assert "](../status/by-engineer.md)" in part
    assert "未指定渠道工程师" in part and "internal" in part and "validator status" in part


def _digest_routed_to(git_repo: GitRepo, engineer: str) -> Result:
    """W47's digest of a roster routing li-ming to `engineer`, copied to wang-fang (staff, not
    a reviewer); zhao-lei is the one reviewer."""
    roster = staff_yaml(
        member("li-ming", "李明", "account_manager", "liming-gz", regions=("guangzhou",))
        + f"    channel_engineer: {engineer}\n    channel_manager: wang-fang\n",
        member("wang-fang", "王芳", "technician", "wangfang-sz", regions=("foshan",)),
        member("zhao-lei", "赵磊", "account_manager", "zhaolei-hq", role="reviewer"),
    )
    repo = org_with(git_repo, roster)
    return CliRunner().invoke(
        cli, ["digest", "--repo", str(repo.root), "--now", NOW, "--week", "2026-W47"]
    )


def test_the_digest_says_why_a_misrouted_member_is_in_no_digest(git_repo: GitRepo) -> None:
    """The operator was told 「未设置 channel_engineer/channel_manager」 of a member whose
    roster entry does set both, to ids that name no reviewer."""
    result = _digest_routed_to(git_repo, "zhao-lee")  # names nobody
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stderr.splitlines() if "不在任何汇总中" in x)
    assert "李明(li-ming)" in line and "王芳(wang-fang)" in line
    assert "不是审核人" in line, line


def test_the_digest_says_whose_copy_reaches_nobody(git_repo: GitRepo) -> None:
    """JP 三(一)3 上报给渠道工程师,抄送渠道经理: a member whose channel engineer is a reviewer
    but whose channel_manager is not went into the engineer's digest only, and the operator was
    told nothing of the copy that reached nobody (only wholly unrouted members were named)."""
    result = _digest_routed_to(git_repo, "zhao-lei")
    assert result.exit_code == 0, result.output
    assert "收件人:赵磊 <zhao.lei@example.com>" in result.stdout
    assert "li-ming 的 channel_manager “wang-fang” 不是审核人" in result.stderr, result.stderr


def test_on_monday_morning_the_week_the_summary_counts_has_its_column(git_repo: GitRepo) -> None:
    """Before Monday's 13:00 the summary counts the week before last (the last week whose
    deadline has passed), but the people's columns were this week and last only, both still
    待交: who was missing in the counted week showed nowhere on the page."""
    routed = "    channel_engineer: zhao-lei\n"
    repo = org_with(git_repo, roster(routed, routed))
    repo.write(
        "submissions/li-ming/weekly/2026-W47.yaml", weekly_yaml("li-ming", "2026-W47", "2026-11-17")
    )
    repo.commit("weekly 2026-W47", "2026-11-22T18:00:00+08:00")
    monday_morning = dt.datetime.fromisoformat("2026-11-30T10:00:00+08:00")  # W48 due at 13:00
    pages = render_pages(repo.root, monday_morning, "internal")
    assert "汇总(2026-W47)" in str(pages["by-engineer.md"])
    head = tables.table(pages, "by-engineer")["columns"]
    assert head[2:5] == ["2026-W49", "2026-W48", "2026-W47"], head
    people = {row[1]: row[2:5] for row in tables.texts(pages, "by-engineer")}
    assert people["王芳"][2] == "缺交" and people["李明"][2] == "准时", people
    # from the deadline on, the two newest weeks are again all there is to show
    after = render_pages(repo.root, monday_morning.replace(hour=14), "internal")
    assert tables.table(after, "by-engineer")["columns"][2:4] == ["2026-W49", "2026-W48"]


def test_a_person_page_names_whom_the_reports_go_to(git_repo: GitRepo) -> None:
    """A person page said everything about a member but whom their reports go to (JP 三(一)3:
    the channel engineer, copied to the channel manager); a routing that names no reviewer
    reads as 未指定 there, as on the by-engineer page."""
    routing = "    channel_engineer: zhao-lei\n    channel_manager: sun-li\n"
    repo = org_with(git_repo, roster(routing, "    channel_engineer: zhao-lee\n"))
    pages = render_pages(repo.root, dt.datetime.fromisoformat(NOW), "internal")

    def facts(staff_id: str) -> dict[str, str]:
        data = json.loads(pages[f"data/people/{staff_id}.json"])
        return dict(data["facts"])

    assert facts("li-ming")["渠道工程师"] == "赵磊" and facts("li-ming")["渠道经理"] == "孙丽"
    assert facts("wang-fang")["渠道工程师"] == "未指定" == facts("wang-fang")["渠道经理"]


#: 李明, whose posting ended on 2026-11-01 and whose handover is overdue, and a reviewer
OWED = member(
    "li-ming", "李明", "account_manager", "liming-gz", regions=("guangzhou",), until="2026-11-01"
)
REVIEWER = member("zhao-lei", "赵磊", "account_manager", "zhaolei-hq", role="reviewer")


def test_a_handover_someone_owes_does_not_block_the_reviewers_roster_change(
    git_repo: GitRepo,
) -> None:
    """李明's posting ended on 2026-11-01 and his handover is overdue (`handover-missing` on
    org/staff.yaml, what he owes). A reviewer's pull request adding a new hire to the roster was
    red for it until 李明 filed: the duty is his, chased by the reminders and the status pages,
    and the main branch's check still reports it. In the pull request it is a warning; a duty
    the pull request itself brings (a posting it ends) stays an error."""
    owed, reviewers = OWED, REVIEWER
    repo = org_with(git_repo, staff_yaml(owed, reviewers))
    main = CliRunner().invoke(cli, ["check", "--repo", str(repo.root), "--now", NOW])
    assert main.exit_code == 1 and "错误 [handover-missing]" in main.output, main.output

    new_hire = member("chen-jing", "陈静", "technician", "chenjing-gz", regions=("guangzhou",))
    result = _roster_change(repo, "new-hire", staff_yaml(owed, reviewers, new_hire), "11:00")
    assert result.exit_code == 0, result.output
    assert "警告 [handover-missing]" in result.output, result.output

    gone = member(
        "chen-jing", "陈静", "technician", "chenjing-gz", regions=("foshan",), until="2026-11-02"
    )
    result = _roster_change(repo, "chen-jing-leaves", staff_yaml(owed, reviewers, gone), "11:10")
    assert result.exit_code == 1, result.output
    said = [line for line in result.output.splitlines() if "[handover-missing]" in line]
    assert len(said) == 2 and "警告" in said[0] + said[1] and "错误" in said[0] + said[1], said
    assert any("错误" in line and "chen-jing" in line for line in said), said


def test_correcting_the_end_of_a_posting_whose_handover_is_owed_does_not_block(
    git_repo: GitRepo,
) -> None:
    """李明's posting ended on 2026-11-01 by the roster and his handover is overdue. He really
    left on 2026-10-30: the reviewer's pull request correcting the date was red, because the
    duty (keyed by the day the posting ended) looked new. It is the same posting (the same
    person, from the same day), owed on the base branch already: a warning, as above."""
    owed, reviewers = OWED, REVIEWER
    repo = org_with(git_repo, staff_yaml(owed, reviewers))
    corrected = owed.replace("to: 2026-11-01", "to: 2026-10-30")
    result = _roster_change(repo, "li-ming-left", staff_yaml(corrected, reviewers), "11:00")
    assert result.exit_code == 0, result.output
    assert "警告 [handover-missing]" in result.output and "2026-10-30" in result.output
    # a posting the base branch showed as not owed yet (ended 2026-11-20, inside the window)
    # and the pull request moves past the window is a duty it brings: still an error
    recent = owed.replace("to: 2026-11-01", "to: 2026-11-20")
    repo.git("switch", "-q", "main")
    repo.write("org/staff.yaml", staff_yaml(recent, reviewers))
    repo.commit("roster: li-ming until 11-20", "2026-11-22T10:00:00+08:00")
    early = owed.replace("to: 2026-11-01", "to: 2026-11-02")
    result = _roster_change(repo, "li-ming-earlier", staff_yaml(early, reviewers), "11:20")
    assert result.exit_code == 1 and "错误 [handover-missing]" in result.output, result.output


def _roster_change(repo: GitRepo, branch: str, roster: str, at: str) -> Result:
    """赵磊's pull request from main writing `roster` (committed on 2026-11-23 at `at`), as the
    validate job checks it."""
    repo.git("switch", "-q", "-c", f"zhao-lei/{branch}", "main")
    repo.write("org/staff.yaml", roster)
    repo.commit(f"roster: {branch}", f"2026-11-23T{at}:00+08:00")
    return CliRunner().invoke(
        cli,
        ["check", "--repo", str(repo.root), "--base", "main", "--author", "zhaolei-hq",
         "--event-time", f"2026-11-23T{at}:30+08:00", "--now", NOW],
    )  # fmt: skip
