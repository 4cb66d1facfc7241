"""The push log of Gitea/Forgejo and GitLab (`validator pushes`), fetched from a local copy of
their APIs and used by `validator check`: after the deadline, a further push to a pull request no
longer makes its on-time commits count as arriving with it, and a commit dated early that came
in a late push is still caught.

W47 is due Monday 2026-11-23 13:00 Beijing (05:00Z); the policy's clock skew is 30 minutes. The
pull request is the branch `report`; `main` is its base.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.support.corpus import BASE, CASES
from tests.support.gitrepo import GitRepo
from tests.support.hostapi import (
    TOKEN,
    HostApi,
    gitea_comment,
    gitea_push,
    gitlab_version,
    serve,
)
from validator.cli import cli

WEEKLY = (CASES / "valid/weekly-minimal/submissions/li-ming/weekly/2026-W47.yaml").read_text(
    encoding="utf-8"
)
W47 = "submissions/li-ming/weekly/2026-W47.yaml"
README = "submissions/li-ming/weekly/README.md"
NOW = "2026-11-27T10:00:00+08:00"
LI = "Li Ming <li.ming@example.com>"
OPENED = "2026-11-23T04:05:00Z"  # 12:05 Beijing: before the deadline
PUSHED = "2026-11-23T05:35:00Z"  # 13:35 Beijing: after it


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.commit("org data", "2026-11-01T09:00:00+08:00")
    git_repo.git("checkout", "-q", "-b", "report")
    return git_repo


@pytest.fixture
def host() -> Any:
    with serve(HostApi()) as api:
        yield api


def commit(repo: GitRepo, message: str, date: str) -> str:
    repo.git("add", "-A")
    repo.git("commit", "-q", "--allow-empty", "-m", message, f"--author={LI}", date=date)
    return repo.git("rev-parse", "HEAD").strip()


def on_time_then_a_fix(repo: GitRepo) -> tuple[str, str]:
    """The report committed and the pull request opened before the deadline; the one-word fix a
    reviewer asked for, pushed after it."""
    repo.write(W47, WEEKLY)
    first = commit(repo, "weekly", "2026-11-23T12:00:00+08:00")
    repo.write(W47, WEEKLY.replace("本周", "这周"))
    fix = commit(repo, "fix", "2026-11-23T13:30:00+08:00")
    return first, fix


def early_dated_in_a_late_push(repo: GitRepo) -> tuple[str, str]:
    """The pull request opened in time with a README only; the report, dated 12:00, pushed at
    13:35."""
    repo.write(README, "周报\n")
    first = commit(repo, "start", "2026-11-23T11:00:00+08:00")
    repo.write(W47, WEEKLY)
    late = commit(repo, "weekly", "2026-11-23T12:00:00+08:00")
    return first, late


def check(repo: GitRepo, *args: str) -> list[tuple[str, str]]:
    """The pull-request check as a fresh CI clone runs it: no verdict of an earlier run (the
    Gitea and GitLab jobs keep none), so each call is judged on its own evidence."""
    (repo.root / ".git" / "validator" / "backdated.json").unlink(missing_ok=True)
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(repo.root), "--format", "json", "--now", NOW,
         "--base", "main", "--author", "liming-gz", *args],
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    return [(d["path"], d["rule"]) for d in json.loads(result.output)["diagnostics"]]


def pushes(
    api: HostApi, tmp_path: Path, *args: str, token: str | None = TOKEN
) -> tuple[int, str, str]:
    """`validator pushes` against the local host; (exit code, the log file's text, stderr)."""
    out = tmp_path / "push-log.json"
    out.unlink(missing_ok=True)
    env = {"VALIDATOR_API_TOKEN": token} if token is not None else {}
    result = CliRunner().invoke(cli, ["pushes", *args, "--output", str(out)], env=env)
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    return result.exit_code, text, result.stderr


def gitea(api: HostApi, tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    return pushes(
        api, tmp_path, "--host", "gitea", "--api", f"{api.url}/api/v1",
        "--project", "acme/field-reports", "--number", "5", *extra,
    )  # fmt: skip


def gitlab(api: HostApi, tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    return pushes(
        api, tmp_path, "--host", "gitlab", "--api", f"{api.url}/api/v4",
        "--project", "42", "--number", "7", *extra,
    )  # fmt: skip


def test_gitea_a_later_push_does_not_backdate_the_on_time_commits(
    repo: GitRepo, host: HostApi, tmp_path: Path
) -> None:
    _first, fix = on_time_then_a_fix(repo)
    # today on Gitea: the event time of the fix is the only evidence, for both commits
    assert (W47, "backdated") in check(repo, "--event-time", PUSHED)
    host.timeline[("acme/field-reports", 5)] = [
        gitea_comment("2026-11-23T05:10:00Z"),
        gitea_push(PUSHED, "liming-gz", [fix]),
    ]
    code, log, err = gitea(host, tmp_path, "--head", fix)
    assert code == 0, err
    assert json.loads(log) == [{"commits": [fix], "pushed_at": PUSHED, "pusher": "liming-gz"}]
    found = check(repo, "--event-time", PUSHED, "--opened-at", OPENED, "--push-log",
                  str(tmp_path / "push-log.json"))  # fmt: skip
    assert found == []
    assert TOKEN not in log + err


def test_gitea_an_early_dated_commit_of_a_late_push_is_still_caught(
    repo: GitRepo, host: HostApi, tmp_path: Path
) -> None:
    _first, late = early_dated_in_a_late_push(repo)
    host.timeline[("acme/field-reports", 5)] = [gitea_push(PUSHED, "liming-gz", [late])]
    code, _log, err = gitea(host, tmp_path, "--head", late)
    assert code == 0, err
    found = check(repo, "--event-time", PUSHED, "--opened-at", OPENED, "--push-log",
                  str(tmp_path / "push-log.json"))  # fmt: skip
    assert (W47, "backdated") in found


def test_gitlab_a_later_push_does_not_backdate_the_on_time_commits(
    repo: GitRepo, host: HostApi, tmp_path: Path
) -> None:
    first, fix = on_time_then_a_fix(repo)
    base = repo.git("rev-parse", "main").strip()
    # today on GitLab: CI_PIPELINE_CREATED_AT of the fix's pipeline, for every commit
    assert (W47, "backdated") in check(repo, "--event-time", PUSHED)
    host.versions[("42", 7)] = [  # newest first
        gitlab_version(2, fix, base, PUSHED),
        gitlab_version(1, first, base, OPENED),
    ]
    code, log, err = gitlab(host, tmp_path, "--head", fix)
    assert code == 0, err
    assert json.loads(log) == [
        {"before": None, "after": first, "pushed_at": OPENED, "pusher": None},
        {"before": first, "after": fix, "pushed_at": PUSHED, "pusher": None},
    ]
    found = check(repo, "--event-time", PUSHED, "--push-log", str(tmp_path / "push-log.json"))
    assert found == []


def test_gitlab_an_early_dated_commit_of_a_late_push_is_still_caught(
    repo: GitRepo, host: HostApi, tmp_path: Path
) -> None:
    first, late = early_dated_in_a_late_push(repo)
    base = repo.git("rev-parse", "main").strip()
    host.versions[("42", 7)] = [
        gitlab_version(2, late, base, PUSHED),
        gitlab_version(1, first, base, OPENED),
    ]
    code, _log, err = gitlab(host, tmp_path)
    assert code == 0, err
    found = check(repo, "--event-time", PUSHED, "--push-log", str(tmp_path / "push-log.json"))
    assert (W47, "backdated") in found


# The workflows call `validator check --push-log FILE` and leave the rest to the CI environment.
CI_VARS = ("GITHUB_ACTIONS", "GITEA_ACTIONS", "FORGEJO_ACTIONS", "GITLAB_CI", "GITHUB_STEP_SUMMARY")


def ci_check(repo: GitRepo, env: dict[str, str], *args: str) -> list[tuple[str, str]]:
    (repo.root / ".git" / "validator" / "backdated.json").unlink(missing_ok=True)
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(repo.root), "--format", "json", "--now", NOW, *args],
        env={**dict.fromkeys(CI_VARS), **env},
    )
    assert result.exit_code in (0, 1), result.output
    return [(d["path"], d["rule"]) for d in json.loads(result.output)["diagnostics"]]


def gitea_env(repo: GitRepo, tmp_path: Path, head: str) -> dict[str, str]:
    repo.git("update-ref", "refs/remotes/origin/main", "main")
    event = {
        "action": "synchronized",
        "number": 5,
        "pull_request": {
            "number": 5,
            "created_at": OPENED,
            "updated_at": PUSHED,
            "user": {"login": "liming-gz"},
            "base": {"ref": "main"},
            "head": {"ref": "report", "sha": head},
        },
    }
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return {
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITEA_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request_target",
        "GITHUB_EVENT_PATH": str(path),
        "GITHUB_WORKSPACE": str(repo.root),
    }


def test_gitea_ci_check_with_the_push_log_reads_the_rest_from_the_event(
    repo: GitRepo, host: HostApi, tmp_path: Path
) -> None:
    _first, fix = on_time_then_a_fix(repo)
    env = gitea_env(repo, tmp_path, fix)
    assert (W47, "backdated") in ci_check(repo, env)  # today
    host.timeline[("acme/field-reports", 5)] = [gitea_push(PUSHED, "liming-gz", [fix])]
    assert gitea(host, tmp_path, "--head", fix)[0] == 0
    log = str(tmp_path / "push-log.json")
    assert ci_check(repo, env, "--push-log", log) == []


def test_gitea_ci_check_with_the_push_log_still_catches_a_late_push(
    repo: GitRepo, host: HostApi, tmp_path: Path
) -> None:
    _first, late = early_dated_in_a_late_push(repo)
    env = gitea_env(repo, tmp_path, late)
    host.timeline[("acme/field-reports", 5)] = [gitea_push(PUSHED, "liming-gz", [late])]
    assert gitea(host, tmp_path, "--head", late)[0] == 0
    found = ci_check(repo, env, "--push-log", str(tmp_path / "push-log.json"))
    assert (W47, "backdated") in found


def test_gitlab_ci_check_with_the_push_log_reads_the_rest_from_the_environment(
    repo: GitRepo, host: HostApi, tmp_path: Path
) -> None:
    first, fix = on_time_then_a_fix(repo)
    base = repo.git("rev-parse", "main").strip()
    env = {
        "CI": "true",
        "GITLAB_CI": "true",
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_PROJECT_DIR": str(repo.root),
        "CI_MERGE_REQUEST_IID": "7",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_PIPELINE_CREATED_AT": PUSHED,
        "GITLAB_USER_LOGIN": "liming-gz",
    }
    assert (W47, "backdated") in ci_check(repo, env)  # today
    host.versions[("42", 7)] = [
        gitlab_version(2, fix, base, PUSHED),
        gitlab_version(1, first, base, OPENED),
    ]
    assert gitlab(host, tmp_path, "--head", fix)[0] == 0
    assert ci_check(repo, env, "--push-log", str(tmp_path / "push-log.json")) == []
