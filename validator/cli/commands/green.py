"""`validator green BASE..HEAD`: note that the reports a merged pull request brought passed the
validate check (for the publish job; `validator check` on main then warns about the others)."""

from __future__ import annotations

from pathlib import Path

import click

from validator.checking.pr.gitfacts import commit_range
from validator.cli.commands.common import REPO_OPTION, run_guarded
from validator.core.errors import RepositoryError
from validator.repo.git import repository
from validator.repo.green import GREEN_REF, mark_green


@click.command("green")
@REPO_OPTION
@click.argument("commits", metavar="BASE..HEAD")
def command(repo: Path, commits: str) -> None:
    """记下 BASE..HEAD 新增或修改的报告已通过 validate 检查(发布任务在合并通过检查的拉取请求后运行,
    记录在 refs/notes/validator-green;此后 validator check 对 main 上没有记录的报告给出警告)。"""

    def run() -> int:
        if repository(repo) is None:
            raise RepositoryError(f"{repo} 不是 Git 仓库 / not a git repository")
        # each end commit_ranged to a commit id before git sees it: `--output=F..HEAD` went to
        # git diff as an option and emptied F
        for path in mark_green(repo, *commit_range(repo, commits, "BASE..HEAD")):
            click.echo(path)
        click.echo(f"记录在 {GREEN_REF} / recorded in {GREEN_REF}", err=True)
        return 0

    run_guarded(run)
