"""Issue 13 item 9: a commit whose date Python cannot hold (past year 9999, or one git prints as
nothing) used to crash the checker with a traceback; now the report it adds gets a diagnostic and
every other file is still checked.

Git refuses such dates through GIT_AUTHOR_DATE, but anyone can write the commit object by hand
(`git hash-object -t commit`) and push it, so the tests do exactly that.
"""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from tests.support.corpus import BASE, CASES
from tests.support.gitrepo import GitRepo
from validator.cli import cli

WEEKLY = (CASES / "valid/weekly-minimal/submissions/li-ming/weekly/2026-W47.yaml").read_text(
    encoding="utf-8"
)
PATH = "submissions/li-ming/weekly/2026-W47.yaml"
NOW = "2026-11-27T10:00:00+08:00"


def commit_by_hand(repo: GitRepo, author_stamp: str) -> None:
    """Commit the index with a raw author line: `<seconds> <zone>` as written in the object."""
    tree = repo.git("write-tree").strip()
    parent = repo.git("rev-parse", "HEAD").strip()
    body = (
        f"tree {tree}\nparent {parent}\n"
        f"author Test <test@example.com> {author_stamp}\n"
        f"committer Test <test@example.com> 1795000000 +0800\n\n报告\n"
    )
    path = repo.root / ".git" / "odd-commit"
    path.write_text(body, encoding="utf-8")
    commit = repo.git("hash-object", "-t", "commit", "-w", "--literally", str(path)).strip()
    path.unlink()
    repo.git("update-ref", "refs/heads/main", commit)


@pytest.mark.parametrize(
    "stamp",
    ["99999999999999999999 +0000", "253402300800 +0000", "abc +0000", "-99999999999999 +0000"],
    ids=["beyond-64-bit", "year-10000", "not-a-number", "far-negative"],
)
def test_a_commit_date_out_of_range_is_a_diagnostic_not_a_traceback(
    git_repo: GitRepo, stamp: str
) -> None:
    """Too late or unreadable (git prints a negative date as nothing): never on time, so `late`,
    with the received time shown as year 9999."""
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.commit("org data", "2026-01-05T09:00:00+08:00")
    git_repo.write(PATH, WEEKLY)
    git_repo.write("submissions/li-ming/weekly/2026-W48.yaml", "staff: [\n")
    git_repo.git("add", "-A")
    commit_by_hand(git_repo, stamp)
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(git_repo.root), "--format", "json", "--now", NOW, "--no-cache"],
        env={"GITHUB_ACTIONS": "", "VALIDATOR_NOW": "", "VALIDATOR_REPO": ""},
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    data = json.loads(result.output)
    found = {(d["path"], d["rule"]) for d in data["diagnostics"]}
    # the other file is still checked, and the odd date is named on the report it added
    assert ("submissions/li-ming/weekly/2026-W48.yaml", "yaml-syntax") in found
    odd = [d for d in data["diagnostics"] if d["path"] == PATH]
    assert [d["rule"] for d in odd] == ["late"], odd
    assert "9999-12-30" in odd[0]["message"]


@pytest.mark.parametrize("stamp", ["99999999999999999999 +0000", "abc +0000"])
def test_in_pull_request_mode_too(git_repo: GitRepo, stamp: str) -> None:
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.commit("org data", "2026-01-05T09:00:00+08:00")
    git_repo.git("branch", "base")
    git_repo.write(PATH, WEEKLY)
    git_repo.git("add", "-A")
    commit_by_hand(git_repo, stamp)
    result = CliRunner().invoke(
        cli,
        [
            "check",
            "--repo",
            str(git_repo.root),
            "--format",
            "json",
            "--now",
            NOW,
            "--no-cache",
            "--base",
            "base",
            "--author",
            "liming-gz",
            "--event-time",
            NOW,
        ],
        env={"GITHUB_ACTIONS": "", "VALIDATOR_NOW": "", "VALIDATOR_REPO": ""},
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1, result.output
    rules = [d["rule"] for d in json.loads(result.output)["diagnostics"] if d["path"] == PATH]
    assert "late" in rules
