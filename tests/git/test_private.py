"""Issue 13 item 6: personal data (scores, leave, approvals) kept in a reviewers-only repository
checked out beside the report repository; `VALIDATOR_PRIVATE` points the validator at it."""

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
LEAVE = "leave:\n  - {staff: li-ming, from: 2026-11-16, to: 2026-11-22, reason: 病假}\n"


def states(repo: GitRepo, env: dict[str, str]) -> dict[str, str]:
    result = CliRunner().invoke(
        cli,
        ["status", "--repo", str(repo.root), "--format", "json", "--weeks", "2",
         "--now", "2026-11-25T10:00:00+08:00"],
        env=env,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    people = json.loads(result.output)["staff"]
    return next(p["weekly"] for p in people if p["id"] == "li-ming")


@pytest.mark.parametrize("shared_copy", [False, True])
def test_leave_from_the_private_checkout(git_repo: GitRepo, shared_copy: bool) -> None:
    shutil.copytree(BASE / "org", git_repo.root / "org")
    (git_repo.root / "org/leave.yaml").unlink()  # personal files live elsewhere
    if shared_copy:  # a stale copy in the shared repository is overridden by the private one
        git_repo.write("org/leave.yaml", "leave: []\n")
    git_repo.commit("org data", "2026-11-01T09:00:00+08:00")
    private = GitRepo.init(git_repo.root.parent / "private")
    private.write("org/leave.yaml", LEAVE)
    private.commit("leave", "2026-11-01T09:00:00+08:00")
    assert states(git_repo, {})["2026-W47"] == "missing"
    assert states(git_repo, {"VALIDATOR_PRIVATE": str(private.root)})["2026-W47"] == "excused"


def test_a_missing_private_checkout_is_a_usage_error(git_repo: GitRepo) -> None:
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.commit("org data", "2026-11-01T09:00:00+08:00")
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(git_repo.root)],
        env={"VALIDATOR_PRIVATE": str(git_repo.root / "nowhere")},
    )
    assert result.exit_code == 2
    assert "VALIDATOR_PRIVATE" in result.output


def broken_private_leave(git_repo: GitRepo) -> GitRepo:
    """The shared repository without org/leave.yaml, and a private checkout whose leave.yaml
    breaks the schema (a leave that ends before it starts); the private checkout."""
    shutil.copytree(BASE / "org", git_repo.root / "org")
    (git_repo.root / "org/leave.yaml").unlink()
    git_repo.commit("org data", "2026-11-01T09:00:00+08:00")
    private = GitRepo.init(git_repo.root.parent / "private")
    private.write("org/leave.yaml", LEAVE.replace("to: 2026-11-22", "to: 2026-10-22"))
    private.commit("leave", "2026-11-01T09:00:00+08:00")
    return private


@pytest.mark.parametrize("named", ["org/", "org/leave.yaml"])
def test_checking_org_checks_the_private_files_too(git_repo: GitRepo, named: str) -> None:
    """status, remind and digest stop on a broken private org/leave.yaml and say 'validator check
    org/'; that check listed only the shared repository's org/ files and said 0 errors (and
    'org/leave.yaml' was 'no such file'), so the operator had nothing to fix."""
    private = broken_private_leave(git_repo)
    env = {"VALIDATOR_PRIVATE": str(private.root)}
    stopped = CliRunner().invoke(
        cli, ["status", "--repo", str(git_repo.root), "--now", "2026-11-25T10:00:00+08:00"], env=env
    )
    assert stopped.exit_code == 2 and "validator check org/" in stopped.output
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(git_repo.root), "--format", "json", named], env=env
    )
    assert result.exit_code == 1, result.output
    found = json.loads(result.output)["diagnostics"]
    assert [(d["path"], d["rule"]) for d in found if d["severity"] == "error"] == [
        ("org/leave.yaml", "schema")
    ]


@pytest.mark.parametrize("named", ["org/leave.yaml", "private-absolute", "org"])
def test_a_private_file_is_named_from_inside_the_private_checkout(
    git_repo: GitRepo, named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The operator edits org/leave.yaml in the private checkout, and checks it from there with
    --repo: 'org/leave.yaml' (or its full path) was refused as outside the repository (exit 2),
    since it exists here and not in the repository."""
    private = broken_private_leave(git_repo)
    monkeypatch.chdir(private.root)
    path = str(private.root / "org/leave.yaml") if named == "private-absolute" else named
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(git_repo.root), "--format", "json", path],
        env={"VALIDATOR_PRIVATE": str(private.root)},
    )
    assert result.exit_code == 1, result.output
    found = json.loads(result.output)["diagnostics"]
    assert [(d["path"], d["rule"]) for d in found if d["severity"] == "error"] == [
        ("org/leave.yaml", "schema")
    ]


def test_a_shared_org_file_of_the_private_checkout_is_still_outside(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the personal files come from the private checkout: a roster there is not the one
    checked, so naming it is refused rather than silently checking the repository's."""
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.commit("org data", "2026-11-01T09:00:00+08:00")
    private = GitRepo.init(git_repo.root.parent / "private")
    private.write("org/staff.yaml", "staff: []\n")
    private.commit("roster", "2026-11-01T09:00:00+08:00")
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(git_repo.root), str(private.root / "org/staff.yaml")],
        env={"VALIDATOR_PRIVATE": str(private.root)},
    )
    assert result.exit_code == 2 and "不在仓库" in result.output, result.output
