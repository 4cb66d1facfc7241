"""Ownership of each commit, not only of the pull request's net change.

A commit that deletes a colleague's merged report and a later one that adds it back leave no
net change, yet once merged (merge commits keep them) the report's latest addition is the
re-adding commit, with a date its author chose: the colleague's on-time report turns late.
W47 is due Monday 2026-11-23 13:00 Beijing (05:00Z).
"""

from __future__ import annotations

import shutil

import pytest

from tests.git.test_trust import LI, WEEKLY, commit, run
from tests.support.corpus import BASE
from tests.support.gitrepo import GitRepo

FANG47 = "submissions/wang-fang/weekly/2026-W47.yaml"
FANG = "Wang Fang <wang.fang@example.com>"
ZHAO = "Zhao Lei <zhao.lei@example.com>"  # a reviewer: a free choice of author e-mail
NOBODY = "Someone <someone@example.org>"


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """main holds wang-fang's on-time W47; the pull request `report` starts from it."""
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.commit("org data", "2026-11-01T09:00:00+08:00")
    git_repo.write(FANG47, WEEKLY.replace("li-ming", "wang-fang"))
    commit(git_repo, "wang-fang: weekly", "2026-11-22T10:00:00+08:00", FANG)
    git_repo.git("checkout", "-q", "-b", "report")
    return git_repo


@pytest.mark.parametrize("author", [ZHAO, NOBODY, LI], ids=["reviewer", "nobody", "own"])
def test_deleting_and_adding_back_a_colleagues_report_is_not_owner(
    repo: GitRepo, author: str
) -> None:
    text = (repo.root / FANG47).read_text(encoding="utf-8")
    (repo.root / FANG47).unlink()
    commit(repo, "oops", "2026-11-22T11:00:00+08:00", author)
    repo.write(FANG47, text)
    commit(repo, "restore", "2026-11-25T11:00:00+08:00", author)
    args = ["--base", "main", "--author", "liming-gz", "--event-time", "2026-11-25T03:00:00Z"]
    code, found, _ = run(repo, *args)
    assert code == 1 and (FANG47, "not-owner") in found, found
