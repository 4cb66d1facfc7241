"""`validator archive --year Y`: move a closed year out of main (docs/guide/archive.md).

A year is closed when nothing filed for it can still change a verdict: every deadline of its
periods passed at least `GRACE` ago (late reports have had time to arrive), none of its incidents
is still open, and the handover window of every posting that ended in it is over. Archiving then
keeps the year on a branch `archive/<year>` (its reports, org/ as it stood, and the summary; the
branch's parent is main, so the files keep their history), and on main removes the year's
reports and adds the summary `archive/<year>.yaml` in one commit. History is never rewritten.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from validator.core.errors import RepositoryError, UsageError
from validator.core.timeutil import localize
from validator.features.status import handover_duties
from validator.kinds import due
from validator.kinds.incidents import IncidentReport
from validator.kinds.monthly import MonthlyReport
from validator.models.org import owes_reports
from validator.repo.archive_format import (
    FORMAT,
    GRACE,
    LATE,
    ON_TIME,
    branch_name,
    last_deadline,
    summary_path,
)
from validator.repo.git import git, git_env, repository, rev_exists
from validator.repo.history_cache import cached_ancestor, is_shallow
from validator.repo.layout import ReportFile
from validator.repo.workspace import Workspace, open_workspace, require_org

EMPTY = '""'  # a settled version: no blob to look at again


class NotArchivable(UsageError):
    """The year cannot be archived (not closed, a dirty work tree, ...): exit status 2."""


@dataclass
class Outcome:
    year: int
    dry_run: bool
    moved: list[str] = field(default_factory=list)  # the year's report paths
    nothing_to_do: bool = False
    branch: str = ""
    archive_commit: str | None = None
    main_commit: str | None = None
    commits_before: int = 0  # what a cold history walk reads before archiving
    commits_after: int = 0  # and after it (from the summary's base)


def archive_year(root: Path, year: int, now: dt.datetime, *, dry_run: bool = False) -> Outcome:
    """Archive `year` in the repository at `root` (see the module docstring)."""
    found = repository(root)
    if found is None or found[1] is None:
        raise RepositoryError(f"{root} 不是有提交的 Git 仓库 / not a git repository with commits")
    git_dir, head = found[0], found[1]
    outcome = Outcome(year, dry_run, branch=branch_name(year))
    summary_file = root / summary_path(year)
    try:
        git(root, "symbolic-ref", "-q", "HEAD")
    except RepositoryError:
        raise NotArchivable(
            "HEAD 没有指向分支(分离的 HEAD):请先检出一个分支(git switch -c archive-"
            f"{year} origin/main),再归档 / HEAD is detached: check out a branch first"
        ) from None
    if is_shallow(git_dir):  # every report would seem received at the cut, late for good
        raise NotArchivable(
            "这是浅克隆(git clone --depth),历史不完整,摘要会把接收时间记错:请先 "
            "git fetch --unshallow,再归档 / a shallow clone: fetch the whole history first"
        )
    if _dirty(root):
        raise NotArchivable(
            "工作区有未提交的改动:请先提交或清理(git status),再归档 / the work tree is not clean"
        )
    workspace = open_workspace(root, data=False)
    moved = sorted(
        (rf for rf in workspace.reports if rf.period.text[:4] == str(year)), key=lambda r: r.path
    )
    if summary_file.exists() and not moved:
        outcome.nothing_to_do = True
        return outcome
    if summary_file.exists():
        raise NotArchivable(
            f"{summary_path(year)} 已存在,但 submissions/ 中仍有 {year} 年的报告:"
            "请审核人查明原因 / already archived, yet reports of the year remain"
        )
    if not moved:
        raise NotArchivable(f"submissions/ 中没有 {year} 年的报告 / nothing filed for {year}")
    if rev_exists(root, f"refs/heads/{branch_name(year)}"):
        raise NotArchivable(
            f"分支 {branch_name(year)} 已存在,而当前分支上还有 {year} 年的报告、没有摘要:"
            f"若它是中途失败的归档留下的,请删除它(git branch -D {branch_name(year)})再运行;"
            "若它属于尚未合并的归档拉取请求,请先合并那个拉取请求 / the archive branch exists, "
            "yet this branch still holds the year's reports: delete it if an earlier run "
            "stopped halfway"
        )
    if rev_exists(root, f"refs/remotes/origin/{branch_name(year)}"):  # pushed, not merged here
        raise NotArchivable(
            f"origin 上已有分支 {branch_name(year)},而当前分支上还有 {year} 年的报告、没有摘要:"
            "它多半属于尚未合并的归档拉取请求,请先合并那个拉取请求,再 git pull(之后无事可做);"
            f"若它是失败的归档留下的,请删除它(git push origin --delete {branch_name(year)})"
            f"再运行 / origin/{branch_name(year)} exists: merge the open archive pull request"
        )
    # read as its defaults, a broken org/ file would be written into the summary for good
    # (the default deadlines, an empty roster)
    require_org(workspace)
    tz = workspace.org.policy.tz
    local = localize(now, tz)
    reasons = not_closed(workspace, year, local)
    if reasons:
        raise NotArchivable(
            f"{year} 年尚未结束,不能归档 / the year is not closed:\n"
            + "\n".join(f"- {r}" for r in reasons)
        )
    outcome.moved = [rf.path for rf in moved]
    outcome.commits_before = int(git(root, "rev-list", "--count", "HEAD").strip())
    if dry_run:
        return outcome
    text = summary_text(root, workspace, year, moved, head, local)
    outcome.archive_commit = _archive_branch(root, year, head, outcome.moved, text)
    try:
        _remove_from_main(root, year, outcome.moved, text)
    except BaseException as exc:
        _undo(root, year, outcome.archive_commit, head)
        if isinstance(exc, RepositoryError):
            raise RepositoryError(f"归档没有完成,已撤销 / nothing was archived: {exc}") from None
        raise
    outcome.main_commit = git(root, "rev-parse", "HEAD").strip()
    outcome.commits_after = int(git(root, "rev-list", "--count", f"{head}..HEAD").strip())
    return outcome


def not_closed(workspace: Workspace, year: int, now: dt.datetime) -> list[str]:
    """Why `year` is not closed at `now` (nothing: it is), in Chinese."""
    policy = workspace.org.policy
    reasons = []
    if year >= now.year:
        reasons.append(f"{year} 年还没有过完")
    deadline = last_deadline(year, policy)
    if now < deadline + GRACE:
        reasons.append(
            f"该年最后的截止时间 {deadline:%Y-%m-%d %H:%M} 之后还没满 {GRACE.days} 天"
            f"(迟交的报告仍可能补交),{(deadline + GRACE):%Y-%m-%d} 起可归档"
        )
    for rf in workspace.reports:
        if rf.period.text[:4] != str(year):
            continue
        if rf.report is None:
            reasons.append(f"{rf.path} 有格式错误,请先改正")
        elif isinstance(rf.report, IncidentReport) and rf.report.status == "open":
            reasons.append(f"{rf.path} 仍在处理中(status: open)")
    for member in workspace.org.roster.staff:
        if not owes_reports(member, policy):
            continue
        for duty in handover_duties(workspace, member):
            if duty.start.year == year and duty.due > now:
                reasons.append(
                    f"{member.id} 的派驻于 {duty.start} 结束,工作交接期限到 {duty.until} 才结束"
                )
    return reasons


def summary_text(
    root: Path,
    workspace: Workspace,
    year: int,
    moved: list[ReportFile],
    head: str,
    now: dt.datetime,
) -> str:
    """The summary (docs/formats/archive.md), written in the plain block style reports use."""
    policy = workspace.org.policy
    tz = policy.tz
    blobs = _blobs(root, head)
    lines = [
        f"# 由 validator archive 生成:{year} 年的报告在分支 {branch_name(year)} 上。请勿手工修改。",
        f"version: {FORMAT}",
        f"year: {year}",
        f"base: {head}",
        f"branch: {branch_name(year)}",
        f"archived_at: {now.isoformat(timespec='seconds')}",
        "reports:",
    ]
    last_monthly: dict[str, MonthlyReport] = {}
    staff = kind = ""
    for rf in sorted(moved, key=lambda r: (r.staff_id, r.kind, r.period.start, r.path)):
        received = workspace.history.received_at(rf.path)
        if received is None:  # a clean work tree has every report committed
            raise NotArchivable(f"{rf.path} 没有提交记录 / not committed")
        deadline = due(rf.period, policy, rf.report)
        state = ON_TIME if received < deadline else LATE
        if rf.staff_id != staff:
            staff, kind = rf.staff_id, ""
            lines.append(f"  {staff}:")
        if rf.kind != kind:
            kind = rf.kind
            lines.append(f"    {kind}:")
        row = [_stamp(received, tz), _stamp(deadline, tz), state, blobs[rf.path]]
        if isinstance(rf.report, IncidentReport):
            row.append(str(rf.report.channel))
        lines.append(f"      {rf.period.text}: [{', '.join(row)}]")
        if isinstance(rf.report, MonthlyReport):
            last_monthly[rf.staff_id] = rf.report  # sorted by month: the last one stays
    lines.append("spare_units:")
    for who, monthly in sorted(last_monthly.items()):
        serials = ", ".join(unit.serial for unit in monthly.out_on_loan())
        lines.append(f"  {who}: [{serials}]")
    lines.append("received:")
    kept = _history_at(root, head, workspace)
    moved_paths = {rf.path for rf in moved}
    for path, (when, blob) in sorted(kept.items()):
        if path not in moved_paths:
            stamp = _stamp(dt.datetime.fromtimestamp(when, dt.UTC), tz)
            lines.append(f"  {path}: [{stamp}, {blob or EMPTY}]")
    return "\n".join(lines) + "\n"


def _stamp(when: dt.datetime, tz: dt.tzinfo) -> str:
    return when.astimezone(tz).isoformat(timespec="seconds")


def _history_at(root: Path, head: str, workspace: Workspace) -> dict[str, tuple[int, str]]:
    """The history cache's answer at `head` (dates and unsettled blobs), else the dates alone."""
    git_dir = workspace.history.git_dir
    cached = cached_ancestor(root, git_dir, head) if git_dir is not None else None
    if cached is not None and cached[0] == head:
        return cached[1]
    return {p: (int(t.timestamp()), "") for p, t in workspace.history.received.items()}


def _blobs(root: Path, commit: str) -> dict[str, str]:
    """Path -> blob id of every file under submissions/ at `commit`."""
    out = git(root, "ls-tree", "-r", "-z", commit, "--", "submissions/")
    found = {}
    for record in out.split("\0"):
        meta, _, name = record.partition("\t")
        if name:
            found[name] = meta.split(" ")[2]
    return found


def _dirty(root: Path) -> bool:
    return bool(git(root, "status", "--porcelain", "--untracked-files=normal").strip())


def _run(root: Path, args: list[str], stdin: str = "", env: dict[str, str] | None = None) -> str:
    """git with input and extra environment; RepositoryError (exit 2) when it fails."""
    done = subprocess.run(
        ["git", "-c", "core.quotepath=off", *args],
        cwd=root,
        env={**git_env(), **(env or {})},
        input=stdin.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        raise RepositoryError(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout.decode("utf-8", "surrogateescape").strip()


def _archive_branch(root: Path, year: int, head: str, moved: list[str], summary: str) -> str:
    """Commit the year's reports, org/ and the other files outside submissions/ as they are at
    `head`, plus the summary, on a new branch `archive/<year>` whose parent is `head`; the user's
    index and work tree are not touched (a temporary index, `commit-tree`, `update-ref`)."""
    ref = f"refs/heads/{branch_name(year)}"
    keep = set(moved)
    listing = git(root, "ls-tree", "-r", "-z", head)
    entries = []
    for record in listing.split("\0"):
        meta, _, name = record.partition("\t")
        if name and (not name.startswith("submissions/") or name in keep):
            entries.append(f"{meta}\t{name}")
    blob = _run(root, ["hash-object", "-w", "--stdin"], summary)
    entries.append(f"100644 blob {blob}\t{summary_path(year)}")
    with tempfile.TemporaryDirectory() as tmp:
        env = {"GIT_INDEX_FILE": os.path.join(tmp, "index")}
        _run(root, ["update-index", "--index-info"], "".join(f"{e}\n" for e in entries), env)
        tree = _run(root, ["write-tree"], env=env)
    message = f"归档 {year} 年的 {len(moved)} 份报告(validator archive)\n"
    commit = _run(root, ["commit-tree", tree, "-p", head, "-F", "-"], message)
    _run(root, ["update-ref", ref, commit, ""])  # "": only if no such branch appeared meanwhile
    return commit


def _undo(root: Path, year: int, commit: str, head: str) -> None:
    """Put the repository back as the run found it when removing the year from the current
    branch failed (a locked index, an interrupt): a branch left behind made every later run
    refuse. Only while HEAD is still `head`: once the commit went through, the archive is whole.
    The index and work tree were clean when the run started, so `reset --hard` loses nothing;
    what cannot be undone (git failing again) is left as it is."""
    try:
        if git(root, "rev-parse", "-q", "--verify", "HEAD").strip() != head:
            return
    except RepositoryError:
        return
    with contextlib.suppress(RepositoryError):
        _run(root, ["update-ref", "-d", f"refs/heads/{branch_name(year)}", commit])
    with contextlib.suppress(RepositoryError):
        _run(root, ["reset", "-q", "--hard", head])
    with contextlib.suppress(OSError):  # not there when the run began; untracked if not added
        (root / summary_path(year)).unlink(missing_ok=True)


def _remove_from_main(root: Path, year: int, moved: list[str], summary: str) -> None:
    """On the current branch: remove the year's reports, add the summary, commit both."""
    _run(root, ["rm", "-q", "--pathspec-from-file=-", "--pathspec-file-nul"], "\0".join(moved))
    target = root / summary_path(year)
    try:
        target.parent.mkdir(exist_ok=True)
        target.write_text(summary, encoding="utf-8")
    except OSError as exc:
        raise RepositoryError(
            f"无法写出 {summary_path(year)} / cannot write the summary: {exc}"
        ) from exc
    _run(root, ["add", "--", summary_path(year)])
    message = (
        f"归档 {year} 年:{len(moved)} 份报告移到分支 {branch_name(year)},"
        f"留下摘要 {summary_path(year)}(validator archive)\n"
    )
    _run(root, ["commit", "-q", "--no-verify", "-F", "-"], message)
