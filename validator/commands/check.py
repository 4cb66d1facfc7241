"""`validator check`: validate reports and org data; exit 0 clean, 1 errors, 2 usage."""

from __future__ import annotations

import os
from pathlib import Path

import click

from validator.check import check
from validator.commands.common import LANG_OPTION, REPO_OPTION, repo_relative, run_guarded
from validator.formats import FORMATS, GithubFormat, default_format
from validator.timeutil import resolve_now


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
@click.option("--now", help="把此刻当作 ISO 8601 时间(默认:$VALIDATOR_NOW 或当前时间)。")
@LANG_OPTION
@click.option("--no-cache", is_flag=True, help="不使用 .git 中缓存的提交历史。")
def command(
    paths: tuple[Path, ...],
    repo: Path,
    fmt: str | None,
    now: str | None,
    lang: str,
    no_cache: bool,
) -> None:
    """校验 org/ 与 submissions/ 下的文件(不给 PATH 时校验全部)。"""

    def run() -> int:
        selected = [repo_relative(repo, p) for p in paths] or None
        result = check(repo, selected, resolve_now(now), use_cache=not no_cache)
        formatter = FORMATS[fmt or default_format()](lang)
        click.echo(formatter.render(result), nl=False)
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if isinstance(formatter, GithubFormat) and summary_path:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(formatter.step_summary(result))
        return result.exit_code

    run_guarded(run)
