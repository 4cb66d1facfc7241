"""`validator green BASE..HEAD`: note that the reports a merged pull request brought passed the
validate check (for the publish job; `validator check` on main then warns about the others)."""

from __future__ import annotations

from pathlib import Path

import click

from validator.checking.pr.gitfacts import resolve
from validator.cli.commands.common import REPO_OPTION, run_guarded
from validator.core.errors import RepositoryError, UsageError
from validator.repo.git import repository
from validator.repo.green import GREEN_REF, mark_green


@click.command("green")
@REPO_OPTION
@click.argument("commits", metavar="BASE..HEAD")
def command(repo: Path, commits: str) -> None:
    """记下 BASE..HEAD 新增或修改的报告已通过 validate 检查(发布任务在合并通过检查的拉取请求后运行,
    记录在 refs/notes/validator-green;此后 validator check 对 main 上没有记录的报告给出警告)。"""

    def run() -> int:
        base, sep, head = commits.partition("..")
        if not sep or not base or not head or head.startswith("."):
            raise UsageError(
                f"需要 BASE..HEAD 形式的提交范围 / expected BASE..HEAD, got {commits!r}"
            )
        if repository(repo) is None:
            raise RepositoryError(f"{repo} 不是 Git 仓库 / not a git repository")
        # each end resolved to a commit id before git sees it (a leading '-', a NUL are refused):
        # `--output=F..HEAD` went to git diff as an option and emptied F
        ends = [resolve(repo, ref, "BASE..HEAD") for ref in (base, head)]
        for path in mark_green(repo, *ends):
            click.echo(path)
        click.echo(f"记录在 {GREEN_REF} / recorded in {GREEN_REF}", err=True)
        return 0

    run_guarded(run)
