"""Options and error handling shared by the subcommands."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from validator.core.errors import ValidatorError
from validator.site.settings import AUDIENCES, site_repo

REPO_OPTION = click.option(
    "--repo",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    callback=lambda ctx, param, value: site_repo(value),
    help="仓库目录(默认:$VALIDATOR_REPO 或当前目录)。",
)
AUDIENCE_OPTION = click.option(
    "--audience",
    type=click.Choice(list(AUDIENCES)),
    default=None,
    help="public:不含个人信息;internal:全部内容(默认:$VALIDATOR_AUDIENCE 或 public)。",
)
NOW_OPTION = click.option(
    "--now", help="把此刻当作 ISO 8601 时间(默认:$VALIDATOR_NOW 或当前时间)。"
)
LANG_OPTION = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="消息语言。"
)


def repo_relative(repo: Path, path: Path) -> str:
    """A path from the command line as a repo-relative `/` path (symlinks kept as they are).

    A relative path is taken from the repository when it exists there or not here, else from the
    current directory, so both `validator check submissions/x.yaml` and `--repo R
    R/submissions/x.yaml` work (and org/leave.yaml of the private checkout, which is in
    neither). A personal org/ file of the private checkout ($VALIDATOR_PRIVATE) named from in
    there, or by its full path, is that org/ file."""
    if not path.is_absolute() and (os.path.lexists(repo / path) or not os.path.lexists(path)):
        path = repo / path
    rel = _inside(repo, path)
    if rel is None:
        rel = _private_file(path)
    if rel is None:
        raise click.UsageError(f"{path} 不在仓库 {repo} 之内 / is outside the repository")
    return rel


def _inside(root: Path, path: Path) -> str | None:
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    if rel == ".." or rel.startswith(("../", "..\\")) or os.path.isabs(rel):
        return None
    return Path(rel).as_posix()


def _private_file(path: Path) -> str | None:
    """`path` as the repository's name of the private checkout's file it is: org/ itself, or a
    personal file (the others are read from the repository, never from there)."""
    from validator.repo.org_data import is_personal, private_root

    private = private_root()
    rel = None if private is None else _inside(private, path)
    return rel if rel is not None and (rel == "org" or is_personal(rel)) else None


def run_guarded(func: Callable[[], int]) -> None:
    """Run a command body; library errors exit 2 with a message, results set the exit code."""
    try:
        code = func()
    except ValidatorError as exc:
        click.echo(f"错误 / error: {exc}", err=True)
        sys.exit(2)
    sys.exit(code)
