"""`org/` or `submissions/` itself committed as a symbolic link (to a folder elsewhere on the
machine, or in the repository) is `symlink`, as any link under them is: the check used to walk
through it and judge files from outside the repository as the organisation's data and reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.corpus import BASE, CASES
from tests.support.gitrepo import GitRepo
from validator.cli import cli

WEEKLY = CASES / "valid/weekly-minimal/submissions/li-ming/weekly/2026-W47.yaml"
NOW = "2026-11-23T10:00:00+08:00"


def check(root: Path) -> tuple[int, list[tuple[str, str]]]:
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(root), "--format", "json", "--no-cache", "--now", NOW],
        env={"GITHUB_ACTIONS": "", "VALIDATOR_NOW": "", "VALIDATOR_REPO": ""},
    )
    assert isinstance(result.exception, SystemExit | None), result.output
    found = [(d["path"], d["rule"]) for d in json.loads(result.output)["diagnostics"]]
    return result.exit_code, found


@pytest.mark.parametrize("top", ["org", "submissions"])
@pytest.mark.parametrize("inside", [False, True], ids=["outside", "inside"])
def test_a_linked_top_folder_is_a_symlink_not_walked(
    git_repo: GitRepo, tmp_path: Path, top: str, inside: bool
) -> None:
    elsewhere = git_repo.root / "kept" if inside else tmp_path / "elsewhere"
    shutil.copytree(BASE / "org", elsewhere / "org")
    (elsewhere / "submissions/li-ming/weekly").mkdir(parents=True)
    shutil.copy(WEEKLY, elsewhere / "submissions/li-ming/weekly/2026-W47.yaml")
    for name in ("org", "submissions"):
        if name == top:
            (git_repo.root / name).symlink_to(elsewhere / name, target_is_directory=True)
        else:
            shutil.copytree(elsewhere / name, git_repo.root / name)
    git_repo.commit("reports", "2026-11-22T20:00:00+08:00")
    code, found = check(git_repo.root)
    assert code == 1
    assert (top, "symlink") in found
    assert not any(path.startswith(f"{top}/") for path, _ in found), found
