"""`validator check`: validate reports and org data; exit 0 clean, 1 errors, 2 usage."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from validator.checking.check import check
from validator.checking.pr import PullRequest
from validator.cli.commands.common import (
    LANG_OPTION,
    NOW_OPTION,
    REPO_OPTION,
    repo_relative,
    run_guarded,
)
from validator.cli.formats import FORMATS, GithubFormat, default_format
from validator.core.timeutil import parse_moment, resolve_now


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@REPO_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
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
    help="本次事件新增的提交(默认:有 --base 时为合并基点..HEAD)。",
)
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
) -> None:
    """校验 org/ 与 submissions/ 下的文件(不给 PATH 时校验全部)。"""

    def run() -> int:
        selected = [repo_relative(repo, p) for p in paths] or None
        pull_request = PullRequest(
            base=base,
            author=author,
            event_time=None if event_time is None else _event_time(event_time),
            new_commits=new_commits,
        )
        result = check(
            repo,
            selected,
            resolve_now(now),
            use_cache=not no_cache,
            pull_request=pull_request,
        )
        formatter = FORMATS[fmt or default_format()](lang)
        click.echo(formatter.render(result), nl=False)
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if isinstance(formatter, GithubFormat) and summary_path:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(formatter.step_summary(result))
        return result.exit_code

    run_guarded(run)


def _event_time(text: str) -> dt.datetime:
    """ISO 8601, or the Unix timestamp a push payload carries in `repository.pushed_at`."""
    if text.strip().isdigit():
        return dt.datetime.fromtimestamp(int(text.strip()), dt.UTC)
    return parse_moment(text)
