"""Pull-request mode end to end: a bare "origin", a staff clone that pushes a branch, and a CI
checkout of the merge commit the Git host would build, checked by the exact command in
.github/workflows/validate.yml with the event payload the host would send."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.support.gitrepo import GitRepo
from tests.support.roster import LI_MING, WANG_FANG, ZHAO_LEI, staff_yaml
from tests.support.workflows import load_workflow, pull_request_context, run_step, step
from validator.checking.pr.gitfacts import branch_name
from validator.cli import cli
from validator.models import StaffRoster
from validator.reading.loader import load_text
from validator.reading.schema_errors import validate
from validator.repo.codeowners import render

STAFF = staff_yaml(LI_MING, WANG_FANG, ZHAO_LEI)
REGIONS = """\
regions:
  - {id: guangzhou, name: 广州, annual_sales: 150000, adjacent: [foshan]}
  - {id: foshan, name: 佛山, annual_sales: 120000, adjacent: [guangzhou]}
"""
INCIDENT = """\
staff: li-ming
occurred_at: {occurred}
title: 天河授权站投诉被媒体报道
channel: media
parties: [天河授权站]
summary: 用户投诉维修延误,被本地媒体报道。
status: open
"""


def codeowners(roster: str) -> str:
    loaded = load_text(roster, "org/staff.yaml")
    assert loaded.document is not None
    parsed, problems = validate(loaded.document, StaffRoster)
    assert problems == []
    return render(parsed)


def weekly(staff: str, week: str, day: str, summary: str = "本周走访广州授权站。") -> str:
    return (
        f"staff: {staff}\nweek: {week}\nsummary: {summary}\n"
        f"work:\n  - date: {day}\n    description: 检查授权站维修工单\n"
        "plan:\n  - 跟进备件申请\n"
    )


W46 = "submissions/li-ming/weekly/2026-W46.yaml"
W47 = "submissions/li-ming/weekly/2026-W47.yaml"
FANG46 = "submissions/wang-fang/weekly/2026-W46.yaml"
FANG47 = "submissions/wang-fang/weekly/2026-W47.yaml"


class Forge:
    """A bare origin plus a working clone; `open_pr` pushes a branch and builds the CI checkout
    (the merge of the branch into main, as the host's `refs/pull/N/merge`)."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.origin = tmp / "origin.git"
        subprocess.run(
            ["git", "init", "-q", "--bare", "-b", "main", str(self.origin)],
            check=True,
            capture_output=True,
        )
        seed = GitRepo.init(tmp / "seed")
        seed.write("org/staff.yaml", STAFF)
        seed.write("org/regions.yaml", REGIONS)
        seed.write(".github/CODEOWNERS", codeowners(STAFF))
        seed.commit("org data", "2026-11-01T09:00:00+08:00")
        seed.write(W46, weekly("li-ming", "2026-W46", "2026-11-10"))
        seed.commit("li-ming: weekly 2026-W46", "2026-11-16T10:00:00+08:00")
        seed.write(FANG46, weekly("wang-fang", "2026-W46", "2026-11-10"))
        seed.commit("wang-fang: weekly 2026-W46", "2026-11-16T11:00:00+08:00")
        seed.git("remote", "add", "origin", str(self.origin))
        seed.git("push", "-q", "origin", "main")
        self.count = 0

    def clone(self, name: str) -> GitRepo:
        root = self.tmp / name
        subprocess.run(
            ["git", "clone", "-q", str(self.origin), str(root)], check=True, capture_output=True
        )
        repo = GitRepo(root)
        repo.git("config", "user.name", name)
        repo.git("config", "user.email", f"{name}@example.com")
        repo.git("config", "commit.gpgsign", "false")
        return repo

    def branch(self, name: str) -> GitRepo:
        repo = self.clone(f"work-{name}")
        repo.git("checkout", "-q", "-b", name)
        return repo

    def open_pr(self, repo: GitRepo, event_time: str) -> Path:
        """Push the branch and return a CI checkout of its merge into main."""
        branch = repo.git("rev-parse", "--abbrev-ref", "HEAD").strip()
        repo.git("push", "-q", "-f", "origin", branch)
        self.count += 1
        ci = self.clone(f"ci-{self.count}")
        ci.git("checkout", "-q", "--detach", "origin/main")
        ci.git(
            "merge",
            "-q",
            "--no-ff",
            "-m",
            f"Merge {branch} into main",
            f"origin/{branch}",
            date=event_time,
        )
        return ci.root


def payload(
    action: str,
    login: str,
    created: str,
    updated: str,
    before: str | None = None,
    after: str | None = None,
) -> dict[str, Any]:
    """A pull_request event; `synchronize` (a push to the branch) carries before/after."""
    pushed = {"before": before, "after": after} if before else {}
    return {
        "action": action,
        **pushed,
        "number": 7,
        "pull_request": {
            "number": 7,
            "user": {"login": login},
            "created_at": created,
            "updated_at": updated,
            "base": {"ref": "main"},
            "head": {"ref": "report"},
        },
        "repository": {"full_name": "acme/field-reports"},
    }


def run_validate(
    ci: Path, event: dict[str, Any], tmp: Path, extra_env: dict[str, str] | None = None
) -> tuple[int, str, str, str]:
    """The `check` step of validate.yml, run as the runner would."""
    check_step = step(load_workflow("validate.yml"), "validate", "check")
    work = tmp / f"runner-{len(list(tmp.glob('runner-*')))}"
    work.mkdir()
    return run_step(check_step, ci, pull_request_context(event), work, extra_env)


def with_log(tmp: Path, *pushes: tuple[str, str, str]) -> dict[str, str]:
    """The runner environment of a job whose push-log step wrote these (before, after, time)
    pushes: the check takes the opening time only with the host's log."""
    folder = tmp / f"log-{len(list(tmp.glob('log-*')))}"
    folder.mkdir()
    rows = [{"before": b, "after": a, "pushed_at": t, "pusher": "liming-gz"} for b, a, t in pushes]
    (folder / "push-log.json").write_text(json.dumps(rows), encoding="utf-8")
    return {"RUNNER_TEMP": str(folder)}


NEW = "0" * 40  # `before` of a new branch


def rules(stdout: str) -> list[tuple[str, str]]:
    """(path, rule) of every annotation printed."""
    found = []
    for line in stdout.splitlines():
        if line.startswith("::"):
            props = dict(p.split("=", 1) for p in line.split(" ", 1)[1].split("::")[0].split(","))
            found.append((props["file"], props["title"]))
    return found


def fang_reaches_main(forge: Forge, date: str) -> None:
    """wang-fang's W47 reaches main through another pull request, committed at `date`."""
    other = forge.clone("wang-fang")
    other.write(FANG47, weekly("wang-fang", "2026-W47", "2026-11-17"))
    other.commit("wang-fang: weekly 2026-W47", date)
    other.git("push", "-q", "origin", "main")


@pytest.fixture
def forge(tmp_path: Path) -> Forge:
    return Forge(tmp_path)


OPENED = "2026-11-22T12:30:00Z"  # Sunday 20:30 Beijing, before the W47 deadline


def test_staff_adds_own_report(forge: Forge, tmp_path: Path) -> None:
    repo = forge.branch("report")
    repo.write(W47, weekly("li-ming", "2026-W47", "2026-11-17"))
    repo.commit("li-ming: weekly 2026-W47", "2026-11-22T20:00:00+08:00")
    ci = forge.open_pr(repo, OPENED)
    rc, out, err, summary = run_validate(
        ci, payload("opened", "liming-gz", OPENED, OPENED), tmp_path
    )
    assert (rc, err) == (0, "")
    assert out == "检查了 1 个文件:0 个错误,0 个警告\n"
    assert summary == "## 校验结果\n\n检查了 1 个文件:0 个错误,0 个警告\n\n"


def test_adding_a_report_that_reached_main_meanwhile_is_a_modification(
    forge: Forge, tmp_path: Path
) -> None:
    """Checked on the branch itself (as a pre-push run does): it adds W47 since its merge base,
    but main got the same report after the branch was made. On the base branch the report
    already exists, and a report there is final."""
    repo = forge.branch("report")
    text = weekly("li-ming", "2026-W47", "2026-11-17")
    repo.write(W47, text)
    repo.commit("li-ming: weekly 2026-W47", "2026-11-22T20:00:00+08:00")
    main = forge.clone("main-meanwhile")
    main.write(W47, text)
    main.commit("li-ming: weekly 2026-W47 (by a reviewer)", "2026-11-22T21:00:00+08:00")
    main.git("push", "-q", "origin", "main")
    repo.git("fetch", "-q", "origin")
    args = ["--base", "origin/main", "--author", "liming-gz", "--format", "json"]
    result = CliRunner().invoke(cli, ["check", "--repo", str(repo.root), *args])
    found = [(d["path"], d["rule"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert (result.exit_code, found) == (1, [(W47, "modified-after-merge")])


def test_login_matches_case_insensitively(forge: Forge, tmp_path: Path) -> None:
    repo = forge.branch("report")
    repo.write(W47, weekly("li-ming", "2026-W47", "2026-11-17"))
    repo.commit("li-ming: weekly 2026-W47", "2026-11-22T20:00:00+08:00")
    ci = forge.open_pr(repo, OPENED)
    rc, out, _, _ = run_validate(ci, payload("opened", "LiMing-GZ", OPENED, OPENED), tmp_path)
    assert (rc, rules(out)) == (0, [])


def test_adding_under_another_staff_folder_is_not_owner(forge: Forge, tmp_path: Path) -> None:
    repo = forge.branch("report")
    other = FANG47
    repo.write(other, weekly("wang-fang", "2026-W47", "2026-11-17"))
    repo.commit("report for wang-fang", "2026-11-22T20:00:00+08:00")
    ci = forge.open_pr(repo, OPENED)
    rc, out, _, summary = run_validate(ci, payload("opened", "liming-gz", OPENED, OPENED), tmp_path)
    assert rc == 1
    assert out.splitlines()[0] == (
        f"::error file={other},title=not-owner::"
        f"liming-gz 只能在 submissions/li-ming/ 下提交文件,不能改动 {other}。"
    )
    assert rules(out) == [(other, "not-owner")]
    assert f"| `{other}` |  | error | `not-owner` |" in summary


def test_changing_org_is_not_owner(forge: Forge, tmp_path: Path) -> None:
    repo = forge.branch("report")
    repo.write("org/regions.yaml", REGIONS.replace("150000", "160000"))
    repo.commit("bump sales", "2026-11-22T20:00:00+08:00")
    ci = forge.open_pr(repo, OPENED)
    rc, out, _, _ = run_validate(ci, payload("opened", "liming-gz", OPENED, OPENED), tmp_path)
    assert (rc, rules(out)) == (1, [("org/regions.yaml", "not-owner")])


def test_changing_workflows_is_not_owner(forge: Forge, tmp_path: Path) -> None:
    repo = forge.branch("report")
    repo.write(".github/workflows/validate.yml", "name: validate\n")
    repo.commit("disable the gate", "2026-11-22T20:00:00+08:00")
    ci = forge.open_pr(repo, OPENED)
    rc, out, _, _ = run_validate(ci, payload("opened", "liming-gz", OPENED, OPENED), tmp_path)
    assert (rc, rules(out)) == (1, [(".github/workflows/validate.yml", "not-owner")])


def test_promoting_oneself_in_the_pr_does_not_help(forge: Forge, tmp_path: Path) -> None:
    """The roster comes from the base branch, not from the pull request."""
    repo = forge.branch("report")
    promoted = STAFF.replace("github: liming-gz\n", "github: liming-gz\n    role: reviewer\n")
    repo.write("org/staff.yaml", promoted)
    repo.write(FANG47, weekly("wang-fang", "2026-W47", "2026-11-17"))
    repo.commit("promote myself", "2026-11-22T20:00:00+08:00")
    ci = forge.open_pr(repo, OPENED)
    rc, out, _, _ = run_validate(ci, payload("opened", "liming-gz", OPENED, OPENED), tmp_path)
    assert (rc, rules(out)) == (
        1,
        [
            ("org/staff.yaml", "not-owner"),
            ("org/staff.yaml", "codeowners-stale"),
            (FANG47, "not-owner"),
        ],
    )


def test_modifying_a_merged_report(forge: Forge, tmp_path: Path) -> None:
    """The branch is named as its readers know it (main, as the report form says it), not as
    the CI clone's remote-tracking ref (origin/main) that the workflow passes as --base."""
    repo = forge.branch("report")
    repo.write(W46, weekly("li-ming", "2026-W46", "2026-11-10", summary="改过的总结。"))
    repo.commit("rewrite W46", "2026-11-22T20:00:00+08:00")
    ci = forge.open_pr(repo, OPENED)
    rc, out, _, _ = run_validate(ci, payload("opened", "liming-gz", OPENED, OPENED), tmp_path)
    assert rc == 1
    assert out.splitlines() == [
        f"::error file={W46},title=modified-after-merge::"
        "该报告已合并到 main,不能再修改;如需更正请联系审核人。",
        "检查了 1 个文件:1 个错误,0 个警告",
    ]


def test_deleting_a_merged_report(forge: Forge, tmp_path: Path) -> None:
    repo = forge.branch("report")
    repo.git("rm", "-q", W46)
    repo.commit("drop W46", "2026-11-22T20:00:00+08:00")
    ci = forge.open_pr(repo, OPENED)
    rc, out, _, _ = run_validate(ci, payload("opened", "liming-gz", OPENED, OPENED), tmp_path)
    assert rc == 1
    assert out.splitlines() == [
        f"::error file={W46},title=deleted-after-merge::该报告已合并到 main,不能删除。",
        "检查了 0 个文件:1 个错误,0 个警告",
    ]


def test_unknown_author_owns_nothing(forge: Forge, tmp_path: Path) -> None:
    repo = forge.branch("report")
    repo.write(W47, weekly("li-ming", "2026-W47", "2026-11-17"))
    repo.commit("drive-by", "2026-11-22T20:00:00+08:00")
    ci = forge.open_pr(repo, OPENED)
    rc, out, _, _ = run_validate(ci, payload("opened", "stranger", OPENED, OPENED), tmp_path)
    assert rc == 1
    assert out.splitlines()[0] == (
        f"::error file={W47},title=not-owner::"
        "Git 账号 stranger 不在 org/staff.yaml 中,不能提交报告。"
    )


def test_reviewer_may_do_everything(forge: Forge, tmp_path: Path) -> None:
    repo = forge.branch("correction")
    repo.write(W46, weekly("li-ming", "2026-W46", "2026-11-11", summary="审核人更正日期。"))
    repo.write("org/regions.yaml", REGIONS.replace("广州", "广州市"))
    repo.write(FANG47, weekly("wang-fang", "2026-W47", "2026-11-17"))
    repo.git("rm", "-q", FANG46)
    repo.commit("reviewer corrections", "2026-11-22T20:00:00+08:00")
    ci = forge.open_pr(repo, OPENED)
    rc, out, _, _ = run_validate(ci, payload("opened", "zhao-reviewer", OPENED, OPENED), tmp_path)
    assert (rc, out) == (0, "检查了 3 个文件:0 个错误,0 个警告\n")


# W47 is due Monday 2026-11-23 13:00 Beijing (05:00Z); policy clock_skew is 30m.
def test_backdated_commit_is_rejected_and_the_verdict_is_stable(
    forge: Forge, tmp_path: Path
) -> None:
    repo = forge.branch("report")
    repo.write("submissions/li-ming/weekly/README.md", "周报\n")
    before = repo.commit("start", "2026-11-20T10:00:00+08:00")
    forge.open_pr(repo, "2026-11-20T02:00:00Z")
    repo.write(W47, weekly("li-ming", "2026-W47", "2026-11-17"))
    sha = repo.commit("li-ming: weekly 2026-W47", "2026-11-23T12:00:00+08:00")
    pushed = "2026-11-23T06:00:00Z"  # 14:00 Beijing: an hour after the deadline
    ci = forge.open_pr(repo, pushed)
    event = payload("synchronize", "liming-gz", "2026-11-20T02:00:00Z", pushed, before, sha)
    first = run_validate(ci, event, tmp_path)
    assert first[0] == 1
    assert first[1].splitlines() == [
        f"::error file={W47},line=2,col=1,title=backdated::"
        f"提交 {sha[:12]} 的日期 2026-11-23 12:00:00 +0800 "
        "早于截止时间 2026-11-23 13:00:00 +0800,但 2026-11-23 14:00:00 +0800 才到达服务器"
        "(超出允许误差 30m)。截止时间按报告到达服务器的时间算,请这样改正:%0A"
        "1. 在报告中填写 late_reason,说明晚交的原因,然后 git add 这个文件;%0A"
        "2. 运行 git commit --amend --no-edit --date=now 把提交日期改为现在,"
        "再 git push --force-with-lease。",
        "检查了 2 个文件:1 个错误,0 个警告",
    ]
    # a re-run days later (another runner clock) judges by the same event time
    again = run_validate(ci, event, tmp_path, {"VALIDATOR_NOW": "2026-12-30T00:00:00Z"})
    assert again[:2] == first[:2]


def test_a_fix_pushed_after_the_deadline_does_not_backdate_the_report(
    forge: Forge, tmp_path: Path
) -> None:
    """Only the pushed commits (before..after) are new: the report's first commit arrived in
    time with the opening event and is not judged again by the later push."""
    repo = forge.branch("report")
    repo.write(W47, weekly("li-ming", "2026-W47", "2026-11-17"))
    first = repo.commit("li-ming: weekly 2026-W47", "2026-11-23T12:00:00+08:00")
    opened = "2026-11-23T04:05:00Z"  # 12:05 Beijing
    ci = forge.open_pr(repo, opened)
    assert run_validate(ci, payload("opened", "liming-gz", opened, opened), tmp_path)[0] == 0
    repo.write(W47, weekly("li-ming", "2026-W47", "2026-11-18"))
    fix = repo.commit("fix the date", "2026-11-23T13:30:00+08:00")
    pushed = "2026-11-23T05:35:00Z"  # 13:35 Beijing
    ci = forge.open_pr(repo, pushed)
    event = payload("synchronize", "liming-gz", opened, pushed, first, fix)
    log = with_log(tmp_path, (NEW, first, opened), (first, fix, pushed))
    assert run_validate(ci, event, tmp_path, log)[:2] == (0, "检查了 1 个文件:0 个错误,0 个警告\n")
    # without GitHub's log the first commit is judged by this push too: nothing says that it
    # was not pushed after the deadline with [skip ci] (tests/git/test_github_push_log.py)
    rc, out, _, _ = run_validate(ci, event, tmp_path)
    assert (rc, rules(out)) == (1, [(W47, "backdated")])


def test_bringing_main_into_the_branch_judges_only_own_commits(
    forge: Forge, tmp_path: Path
) -> None:
    """Commits that reached main through other pull requests are not new in this event."""
    repo = forge.branch("report")
    repo.write(W47, weekly("li-ming", "2026-W47", "2026-11-17"))
    first = repo.commit("li-ming: weekly 2026-W47", "2026-11-23T12:00:00+08:00")
    opened = "2026-11-23T04:05:00Z"
    forge.open_pr(repo, opened)
    fang_reaches_main(forge, "2026-11-23T12:10:00+08:00")
    repo.git(
        "pull", "-q", "--no-rebase", "--no-edit", "origin", "main", date="2026-11-23T14:00:00+08:00"
    )
    merged = repo.git("rev-parse", "HEAD").strip()
    pushed = "2026-11-23T06:00:00Z"  # 14:00 Beijing
    ci = forge.open_pr(repo, pushed)
    event = payload("synchronize", "liming-gz", opened, pushed, first, merged)
    log = with_log(tmp_path, (NEW, first, opened), (first, merged, pushed))
    assert run_validate(ci, event, tmp_path, log)[:2] == (0, "检查了 1 个文件:0 个错误,0 个警告\n")


def test_a_report_added_while_merging_main_is_judged_by_the_merge(
    forge: Forge, tmp_path: Path
) -> None:
    """A report added in a merge commit (while bringing main in) was in no commit's changes:
    the backdating guard skipped it and it was judged by the runner's clock, so a re-run after
    the deadline turned the same pull request red. The merge is the commit that brings it."""
    repo = forge.branch("report")
    repo.write("submissions/li-ming/weekly/README.md", "周报\n")
    first = repo.commit("start", "2026-11-20T10:00:00+08:00")
    opened = "2026-11-20T02:00:00Z"
    forge.open_pr(repo, opened)
    fang_reaches_main(forge, "2026-11-23T11:10:00+08:00")
    repo.git("fetch", "-q", "origin")
    repo.git("merge", "-q", "--no-commit", "origin/main")
    repo.write(W47, weekly("li-ming", "2026-W47", "2026-11-17"))
    merged = repo.commit("Merge main, with my weekly", "2026-11-23T12:00:00+08:00")
    pushed = "2026-11-23T06:00:00Z"  # 14:00 Beijing: an hour after the deadline
    ci = forge.open_pr(repo, pushed)
    event = payload("synchronize", "liming-gz", opened, pushed, first, merged)
    log = with_log(tmp_path, (NEW, first, opened), (first, merged, pushed))
    rc, out, _, _ = run_validate(ci, event, tmp_path, log)
    assert (rc, rules(out)) == (1, [(W47, "backdated")])
    # the same verdict from a runner whose clock is still before the deadline
    early = {**log, "VALIDATOR_NOW": "2026-11-23T03:00:00Z"}
    assert run_validate(ci, event, tmp_path, early)[:2] == (rc, out)


def test_after_a_force_push_every_commit_counts_as_new(forge: Forge, tmp_path: Path) -> None:
    """The old head is gone, so the guard cannot tell which commits arrived earlier."""
    repo = forge.branch("report")
    repo.write(W47, weekly("li-ming", "2026-W47", "2026-11-17"))
    old = repo.commit("li-ming: weekly 2026-W47", "2026-11-23T12:00:00+08:00")
    forge.open_pr(repo, "2026-11-23T04:05:00Z")
    repo.git("commit", "-q", "--amend", "-m", "reworded", date="2026-11-23T12:00:00+08:00")
    new = repo.git("rev-parse", "HEAD").strip()
    pushed = "2026-11-23T06:00:00Z"
    ci = forge.open_pr(repo, pushed)
    event = payload("synchronize", "liming-gz", "2026-11-23T04:05:00Z", pushed, old, new)
    rc, out, _, _ = run_validate(ci, event, tmp_path)
    assert (rc, rules(out)) == (1, [(W47, "backdated")])


def test_opened_uses_created_at(forge: Forge, tmp_path: Path) -> None:
    """For `opened` the event time is created_at (updated_at may move on with later edits);
    a later event still judges the commit by the opening time, the evidence that it was there
    then (issue 13: every commit is judged at every run, on the best evidence)."""
    repo = forge.branch("report")
    repo.write(W47, weekly("li-ming", "2026-W47", "2026-11-17"))
    sha = repo.commit("li-ming: weekly 2026-W47", "2026-11-23T12:40:00+08:00")
    ci = forge.open_pr(repo, "2026-11-23T04:50:00Z")
    event = payload("opened", "liming-gz", "2026-11-23T04:50:00Z", "2026-11-23T06:00:00Z")
    assert run_validate(ci, event, tmp_path)[:2] == (0, "检查了 1 个文件:0 个错误,0 个警告\n")
    event["action"] = "synchronize"
    log = with_log(tmp_path, (NEW, sha, "2026-11-23T04:50:00Z"))
    assert run_validate(ci, event, tmp_path, log)[:2] == (0, "检查了 1 个文件:0 个错误,0 个警告\n")
    # no log, or no opening time: the event time is all there is
    rc, out, _, _ = run_validate(ci, event, tmp_path)
    assert (rc, rules(out)) == (1, [(W47, "backdated")])
    del event["pull_request"]["created_at"]
    rc, out, _, _ = run_validate(ci, event, tmp_path)
    assert (rc, rules(out)) == (1, [(W47, "backdated")])


def test_commit_within_clock_skew_is_accepted(forge: Forge, tmp_path: Path) -> None:
    repo = forge.branch("report")
    repo.write(W47, weekly("li-ming", "2026-W47", "2026-11-17"))
    repo.commit("li-ming: weekly 2026-W47", "2026-11-23T12:50:00+08:00")
    arrived = "2026-11-23T05:15:00Z"  # 13:15 Beijing: 25 minutes after the commit date
    ci = forge.open_pr(repo, arrived)
    rc, out, _, _ = run_validate(ci, payload("opened", "liming-gz", arrived, arrived), tmp_path)
    assert (rc, out) == (0, "检查了 1 个文件:0 个错误,0 个警告\n")


def test_backdated_incident_uses_occurred_at_from_the_commit(forge: Forge, tmp_path: Path) -> None:
    path = "submissions/li-ming/incidents/2026-11-20-tianhe-media.yaml"
    repo = forge.branch("incident")
    repo.write(path, INCIDENT.format(occurred="2026-11-20T09:00:00+08:00"))
    sha = repo.commit("incident", "2026-11-21T08:00:00+08:00")  # due 2026-11-21 09:00
    arrived = "2026-11-21T03:00:00Z"  # 11:00 Beijing
    ci = forge.open_pr(repo, arrived)
    rc, out, _, _ = run_validate(ci, payload("opened", "liming-gz", arrived, arrived), tmp_path)
    assert rc == 1
    assert out.splitlines()[0] == (
        f"::error file={path},line=2,col=1,title=backdated::"
        f"提交 {sha[:12]} 的日期 2026-11-21 08:00:00 +0800 "
        "早于截止时间 2026-11-21 09:00:00 +0800,但 2026-11-21 11:00:00 +0800 才到达服务器"
        "(超出允许误差 30m)。截止时间按报告到达服务器的时间算,请这样改正:%0A"
        "1. 在报告中填写 late_reason,说明晚交的原因,然后 git add 这个文件;%0A"
        "2. 运行 git commit --amend --no-edit --date=now 把提交日期改为现在,"
        "再 git push --force-with-lease。"
    )


def test_unknown_base_ref_is_a_usage_error(forge: Forge, tmp_path: Path) -> None:
    repo = forge.branch("report")
    repo.write(W47, weekly("li-ming", "2026-W47", "2026-11-17"))
    repo.commit("li-ming: weekly 2026-W47", "2026-11-22T20:00:00+08:00")
    ci = forge.open_pr(repo, OPENED)
    event = payload("opened", "liming-gz", OPENED, OPENED)
    event["pull_request"]["base"]["ref"] = "no-such-branch"
    rc, out, err, _ = run_validate(ci, event, tmp_path)
    assert (rc, out) == (2, "")
    assert err == (
        "错误 / error: --base: unknown git reference 'origin/no-such-branch' (fetch it first, "
        "e.g. with `git fetch origin`; CI needs the full history)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--author", "liming-gz"],
            "--author needs --base (ownership is judged against the base branch)",
        ),
        (
            ["--new-commits", "HEAD~1..HEAD"],
            "--new-commits needs --event-time (the time the server received them)",
        ),
        (["--base", "main", "--event-time", "yesterday"], "not an ISO 8601 time: 'yesterday'"),
        (
            ["--new-commits", "HEAD", "--event-time", "2026-11-23T06:00:00Z"],
            "--new-commits: expected A..B, got 'HEAD'",
        ),
        (["--base", "main", W46], "give either PATH arguments or --base, not both"),
    ],
)
def test_bad_pull_request_options(forge: Forge, args: list[str], message: str) -> None:
    repo = forge.clone("local")
    result = CliRunner().invoke(cli, ["check", "--repo", str(repo.root), *args])
    assert (result.exit_code, result.output) == (2, f"错误 / error: {message}\n")


def test_new_commits_of_a_push(forge: Forge) -> None:
    """--new-commits A..B with a push's Unix-time `pushed_at`, without --base."""
    repo = forge.clone("pusher")
    before = repo.git("rev-parse", "HEAD").strip()
    repo.write(W47, weekly("li-ming", "2026-W47", "2026-11-17"))
    sha = repo.commit("li-ming: weekly 2026-W47", "2026-11-23T12:00:00+08:00")
    pushed_at = "1795413600"  # 2026-11-23T06:00:00Z
    result = CliRunner().invoke(
        cli,
        [
            "check",
            "--repo",
            str(repo.root),
            "--format",
            "json",
            "--lang",
            "en",
            "--new-commits",
            f"{before}..{sha}",
            "--event-time",
            pushed_at,
        ],
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    found = data["diagnostics"]
    assert [(d["path"], d["line"], d["column"], d["rule"], d["message"]) for d in found] == [
        (
            W47,
            2,
            1,
            "backdated",
            f"commit {sha[:12]} is dated 2026-11-23 12:00:00 +0800, before the deadline "
            "2026-11-23 13:00:00 +0800, but reached the server at 2026-11-23 14:00:00 +0800 "
            "(more than 30m later). The deadline counts when the report reaches the server; "
            "to fix it:\n1. add a late_reason to the report saying why it is late, then git add "
            "the file;\n2. run git commit --amend --no-edit --date=now to date the commit now, "
            "then git push --force-with-lease.",
        )
    ]


def test_paths_with_spaces_and_chinese_are_reported_exactly(forge: Forge, tmp_path: Path) -> None:
    repo = forge.branch("report")
    odd = "docs/外派 说明,v2.md"
    repo.write(odd, "# 说明\n")
    repo.commit("docs", "2026-11-22T20:00:00+08:00")
    ci = forge.open_pr(repo, OPENED)
    rc, out, _, summary = run_validate(ci, payload("opened", "liming-gz", OPENED, OPENED), tmp_path)
    assert rc == 1
    assert out.splitlines()[0] == (
        "::error file=docs/外派 说明%2Cv2.md,title=not-owner::"
        f"liming-gz 只能在 submissions/li-ming/ 下提交文件,不能改动 {odd}。"
    )
    assert f"| `{odd}` |  | error | `not-owner` |" in summary


def run_publish_check(ci: Path, event: dict[str, Any], event_name: str, tmp: Path) -> str:
    """The check step of publish.yml, run as the runner would; returns its annotations."""
    check_step = step(load_workflow("publish.yml"), "build", "check")
    work = tmp / f"runner-{len(list(tmp.glob('runner-*')))}"
    work.mkdir()
    context = {"github": {"event": event, "event_name": event_name}}
    _rc, out, _, _ = run_step(check_step, ci, context, work)
    return out


def test_push_to_main_is_checked_for_backdating_by_its_push_time(
    forge: Forge, tmp_path: Path
) -> None:
    """A commit pushed straight to main (no pull request) is judged against `pushed_at`, the
    Unix time the push event carries; a scheduled run has no push and checks as usual."""
    main = forge.clone("direct")
    before = main.git("rev-parse", "HEAD").strip()
    main.write(W47, weekly("li-ming", "2026-W47", "2026-11-17"))
    after = main.commit("li-ming: weekly 2026-W47", "2026-11-23T12:00:00+08:00")
    main.git("push", "-q", "origin", "main")
    ci = forge.clone("ci-publish").root
    pushed_at = int(dt.datetime(2026, 11, 23, 6, 0, tzinfo=dt.UTC).timestamp())  # 14:00 Beijing
    push = {"before": before, "after": after, "repository": {"pushed_at": pushed_at}}
    assert rules(run_publish_check(ci, push, "push", tmp_path)) == [(W47, "backdated")]
    assert rules(run_publish_check(ci, {}, "schedule", tmp_path)) == []


@pytest.mark.parametrize(
    ("args", "unchecked"),
    [
        (["--base", "main"], ["--author", "--event-time"]),
        (["--base", "main", "--author", "liming-gz"], ["--event-time"]),
        (["--base", "main", "--event-time", "2026-11-23T06:00:00Z"], ["--author"]),
        (["--base", "main", "--author", "liming-gz", "--event-time", "2026-11-23T06:00:00Z"], []),
    ],
    ids=["base-only", "no-time", "no-author", "both"],
)
def test_a_pull_request_check_says_what_it_did_not_check(
    forge: Forge, args: list[str], unchecked: list[str]
) -> None:
    """`check --base main` alone checked neither ownership nor dates and said nothing: a script
    that forgot --author passed another person's report as a clean check. The check still
    runs (a writer trying the branch before pushing has no login to give), and says so."""
    repo = forge.clone("local")
    result = CliRunner().invoke(cli, ["check", "--repo", str(repo.root), *args])
    assert result.exit_code == 0, result.output
    for option in ("--author", "--event-time"):
        assert (f"没有给 {option}" in result.stderr) == (option in unchecked), result.stderr


def test_the_base_is_named_as_its_readers_know_the_branch(git_repo: GitRepo) -> None:
    git_repo.write("README.md", "x\n")
    git_repo.commit("first", "2026-11-02T10:00:00+08:00")
    sha = git_repo.git("rev-parse", "HEAD").strip()
    branch = git_repo.git("rev-parse", "--abbrev-ref", "HEAD").strip()
    git_repo.git("update-ref", "refs/remotes/upstream/release/2026", sha)  # a refspec's, no remote
    git_repo.git("tag", "v1")
    names = {
        ref: branch_name(git_repo.root, ref)
        for ref in (branch, f"refs/heads/{branch}", "upstream/release/2026", "v1", sha[:12])
    }
    assert names == {
        branch: branch,
        f"refs/heads/{branch}": branch,
        "upstream/release/2026": "release/2026",
        "v1": "v1",
        sha[:12]: sha[:12],
    }
