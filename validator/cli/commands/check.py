"""`validator check`: validate reports and org data; exit 0 clean, 1 errors, 2 usage."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from validator.checking import ci_env
from validator.checking.request import PullRequest, git_reference
from validator.cli.commands.common import (
    LANG_OPTION,
    NOW_OPTION,
    REPO_OPTION,
    repo_relative,
    run_guarded,
)
from validator.cli.progress import QUIET_OPTION, progress_bar
from validator.core.errors import RepositoryError, UsageError
from validator.core.timeutil import from_timestamp, parse_moment, resolve_now
from validator.repo.git import git, report_root
from validator.repo.history import PendingHistory, start_history

#: the names of `validator.cli.formats.FORMATS`, which is imported with the checks (below)
FORMAT_NAMES = ("text", "json", "github")


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@REPO_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    default=None,
    help="输出格式(在 GitHub Actions 中默认为 github)。",
)
@NOW_OPTION
@LANG_OPTION
@click.option("--no-cache", is_flag=True, help="不使用 .git 中缓存的提交历史。")
@click.option(
    "--base",
    metavar="REF",
    help="拉取请求模式:只校验自与 REF 的合并基点以来改动的文件,并按 --author 检查权限。",
)
@click.option(
    "--author", metavar="LOGIN", help="拉取请求作者的 Git 账号(与 org/staff.yaml 的 github 比对)。"
)
@click.option(
    "--event-time",
    metavar="ISO8601",
    help="托管平台记录的事件时间(ISO 8601 或 Unix 时间戳),用于倒签检查。",
)
@click.option(
    "--new-commits",
    metavar="A..B",
    help="本次事件推送的提交,它们按 --event-time 到达;拉取请求的每个提交"
    "(合并基点..HEAD)仍每次都检查。",
)
@click.option(
    "--push-log",
    metavar="FILE",
    help="托管平台的推送记录(JSON 列表:before、after、pushed_at、pusher,或以 commits 列出这次"
    "推送加入的提交;validator pushes 生成的还以 opener 给出拉取请求的作者):每个提交按最早"
    "带来它的推送时间判断是否倒签,并按推送人检查权限;CI 中权限按 opener 检查。",
)
@click.option(
    "--opened-at",
    metavar="ISO8601",
    help="拉取请求的创建时间:推送记录中找不到的、不属于 --new-commits 的提交按此时间到达"
    "(默认 --event-time)。",
)
@QUIET_OPTION
def command(
    paths: tuple[Path, ...],
    repo: Path,
    fmt: str | None,
    now: str | None,
    lang: str,
    no_cache: bool,
    base: str | None,
    author: str | None,
    event_time: str | None,
    new_commits: str | None,
    push_log: str | None,
    opened_at: str | None,
    quiet: bool,
) -> None:
    """校验 org/ 与 submissions/ 下的文件(不给 PATH 时校验全部)。"""

    def run() -> int:
        nonlocal repo
        repo = report_root(repo)  # from a subfolder: the repository's root; elsewhere exit 2
        selected = [repo_relative(repo, p) for p in paths] or None
        pull_request = PullRequest(
            base=base,
            author=author,
            event_time=None if event_time is None else _event_time(event_time),
            new_commits=new_commits,
            push_log=push_log,
            opened_at=None if opened_at is None else _event_time(opened_at),
        )
        if not paths and not replace(pull_request, push_log=None).active:
            # the rest from the CI host; a workflow adds only the push log it fetched
            pull_request = _from_ci(repo, push_log) or pull_request
        moment = resolve_now(now)
        started: PendingHistory | None = None
        try:
            if selected is None and not pull_request.active:
                # a full check: git walks the history while the rules and models are imported
                started = start_history(repo, use_cache=not no_cache)
                started.launch_soon()
            from validator.checking.check import check
            from validator.cli.formats import FORMATS, GithubFormat, default_format, repo_handbook

            with progress_bar("校验报告", quiet) as progress:
                result = check(
                    repo,
                    selected,
                    moment,
                    use_cache=not no_cache,
                    pull_request=pull_request,
                    progress=progress,
                    started=started,
                )
        finally:
            if started is not None:
                started.close()
        formatter = FORMATS[fmt or default_format()](lang, repo_handbook(repo))
        click.echo(formatter.render(result), nl=False)
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if isinstance(formatter, GithubFormat) and summary_path:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(formatter.step_summary(result))
        for note in _unchecked(pull_request):
            click.echo(note, err=True)
        if result.checked == 0 and not pull_request.active:  # never an all-clear over nothing
            click.echo(
                "没有校验任何文件:org/ 与 submissions/ 下都没有文件 / no file was checked",
                err=True,
            )
            return 2
        return result.exit_code

    run_guarded(run)


def _unchecked(pull_request: PullRequest) -> list[str]:
    """What a pull-request check left out for want of an option, said on stderr: a script that
    forgot `--author` must not pass as a full check. (A writer trying a branch before pushing
    has no event time to give, so it is a note, not an error.)"""
    if pull_request.base is None:
        return []
    notes = []
    if pull_request.author is None:
        notes.append(
            "注意:没有给 --author,没有检查权限(他人目录、org/、已合并的报告)"
            " / note: no --author: ownership was not checked"
        )
    if pull_request.event_time is None and pull_request.push_log is None:
        notes.append(
            "注意:没有给 --event-time,没有检查提交时间是否倒签"
            " / note: no --event-time: commit dates were not checked"
        )
    return notes


def _from_ci(repo: Path, push_log: str | None = None) -> PullRequest | None:
    """The pull-request options the CI host's environment gives (validator/checking/ci_env.py),
    when this is a CI run on the checkout the host made: a check of some other repository in a
    CI job (a test, a script) stays an ordinary check. `push_log` is the host's push log the
    workflow fetched (`validator pushes`): with it the commits it does not name were there at
    the opening."""
    env = os.environ
    path = ci_env.event_path(env)
    event: dict[str, Any] = {}
    if path:
        try:
            loaded = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:  # too deep
            raise UsageError(f"cannot read the CI event payload {path}: {exc}") from None
        event = loaded if isinstance(loaded, dict) else {}
    found = ci_env.facts(env, event)
    if found is None or found.workspace is None or found.event not in ("pull_request", "push"):
        return None
    workspace = Path(found.workspace).resolve()
    if workspace != repo.resolve() and workspace not in repo.resolve().parents:
        return None
    pushed = found.new_commits
    if pushed and not _has_commit(repo, git_reference(pushed.split("..")[0], "CI event (before)")):
        pushed = None  # after a force push the old tip is gone: every commit counts as new
    when = None if found.event_time is None else _event_time(found.event_time)
    if found.pull_request:
        lacking = ci_env.missing(found, push_log=push_log is not None)
        if lacking:  # unchecked ownership or dates must not pass as a clean check
            names = {"base": "目标分支", "author": "作者", "event time": "事件时间"}
            zh = "、".join(names[name] for name, _ in lacking)
            en = "; ".join(f"no pull request {name} ({source})" for name, source in lacking)
            raise UsageError(f"CI 事件没有给出拉取请求的{zh} / the CI event gives {en}")
        assert found.base is not None
        # The commits outside this push may have come with an earlier push skipped by
        # [skip ci], after the deadline: only the host's push log (`validator pushes`) says
        # they were there at the opening; without it they count from this event.
        opened = found.opened_at if push_log is not None else None
        # the host's record of who opened it: GitLab's job variable names whoever started the
        # job, a reviewer pressing Retry included (`validator pushes`)
        from validator.checking.pr.arrival import read_opener

        author = (read_opener(push_log) if push_log else None) or found.author
        return PullRequest(
            base=found.base,
            author=author,
            event_time=when,
            new_commits=pushed,
            push_log=push_log,
            opened_at=None if opened is None else _event_time(opened),
        )
    if when is None or pushed is None:
        return None  # a push the host gave no time for: nothing to judge the dates against
    return PullRequest(event_time=when, new_commits=pushed, push_log=push_log)


def _has_commit(repo: Path, rev: str) -> bool:
    try:
        git(repo, "cat-file", "-e", f"{rev}^{{commit}}")
    except RepositoryError:
        return False
    return True


def _event_time(text: str) -> dt.datetime:
    """ISO 8601, or the Unix timestamp a push payload carries in `repository.pushed_at`."""
    return from_timestamp(text) if text.strip().isdigit() else parse_moment(text)
