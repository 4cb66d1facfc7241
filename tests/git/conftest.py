"""The repository most pull-request tests start from: the corpus's org data on `main`, and the
pull request's branch `report` checked out. A module that needs another start defines its own
`repo`."""

from __future__ import annotations

import shutil

import pytest

from tests.support.corpus import BASE
from tests.support.gitrepo import GitRepo


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.commit("org data", "2026-11-01T09:00:00+08:00")
    git_repo.git("checkout", "-q", "-b", "report")
    return git_repo
