"""A repository git refuses to open (a CI container's checkout owned by another user: "detected
dubious ownership"; a `.git` file naming no repository) used to be checked as if it had no
history, every report received "now": thousands of false `late`, exit 1, no word of why. It is
an unreadable repository (exit 2, git's own message), in the full check and a pull request's;
a folder outside any git repository is still checked as one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.corpus import BASE, CASES
from tests.support.gitrepo import GitRepo
from validator.cli import cli
from validator.core.errors import RepositoryError
from validator.repo.git import repository
from validator.repo.history import load_history

WEEKLY = (CASES / "valid/weekly-minimal/submissions/li-ming/weekly/2026-W47.yaml").read_text(
    encoding="utf-8"
)
PATH = "submissions/li-ming/weekly/2026-W47.yaml"
NOW = "2026-11-27T10:00:00+08:00"


def refuse_by_owner(root: Path) -> str:
    for folder, dirs, files in os.walk(root):
        for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
            os.chown(name, 65534, 65534, follow_symlinks=False)
    return "dubious ownership"


def refuse_by_gitfile(root: Path) -> str:
    """A `.git` file naming a folder that is no repository (as a moved worktree leaves it)."""
    shutil.rmtree(root / ".git")
    (root / ".git").write_text(f"gitdir: {root / 'gone'}\n", encoding="utf-8")
    return f"not a git repository: {root / 'gone'}"


REFUSALS = [refuse_by_gitfile]
if os.geteuid() == 0:  # as root, git refuses a repository another user owns
    REFUSALS.append(refuse_by_owner)


@pytest.fixture(params=REFUSALS, ids=lambda f: f.__name__)
def refused(request: pytest.FixtureRequest, git_repo: GitRepo) -> tuple[GitRepo, str]:
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.commit("org data", "2026-11-01T09:00:00+08:00")
    git_repo.git("checkout", "-q", "-b", "report")
    git_repo.write(PATH, WEEKLY)
    git_repo.commit("weekly", "2026-11-22T20:00:00+08:00")
    return git_repo, request.param(git_repo.root)


def check(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(root), "--now", NOW, "--no-cache", *args]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_a_refused_repository_is_an_error_not_an_empty_history(
    refused: tuple[GitRepo, str],
) -> None:
    repo, says = refused
    with pytest.raises(RepositoryError) as error:
        repository(repo.root)
    assert says in str(error.value)
    with pytest.raises(RepositoryError):
        load_history(repo.root)
    code, output = check(repo.root)
    assert code == 2 and says in output and "late" not in output


def test_in_a_pull_requests_check_too(refused: tuple[GitRepo, str]) -> None:
    repo, says = refused
    code, output = check(repo.root, "--base", "main", "--event-time", NOW)
    assert code == 2 and says in output


def test_a_folder_outside_git_is_still_checked(tmp_path: Path) -> None:
    """Every file is received "now": on time for a report due later, nothing about git."""
    root = tmp_path / "plain"
    shutil.copytree(BASE / "org", root / "org")
    assert repository(root) is None
    assert load_history(root).received == {}
    code, _ = check(root)
    assert code == 0
