"""The push log of Gitea/Forgejo and GitLab (`validator pushes`), fetched from a local copy of
their APIs and used by `validator check`: after the deadline, a further push to a pull request no
longer makes its on-time commits count as arriving with it, and a commit dated early that came
in a late push is still caught.

W47 is due Monday 2026-11-23 13:00 Beijing (05:00Z); the policy's clock skew is 30 minutes. The
pull request is the branch `report`; `main` is its base.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.git.test_trust import LI, NOW, W47, WEEKLY
from tests.support.gitrepo import GitRepo
from tests.support.hostapi import (
    TOKEN,
    HostApi,
    gitea_comment,
    gitea_push,
    gitlab_version,
    serve,
)
from tests.support.robots import raw_webhook, trickle
from tests.support.workflows import gitea_step, gitlab_script, run_script, run_step
from validator.checking.pr import hostpushes
from validator.cli import cli

README = "submissions/li-ming/weekly/README.md"
OPENED = "2026-11-23T04:05:00Z"  # 12:05 Beijing: before the deadline
PUSHED = "2026-11-23T05:35:00Z"  # 13:35 Beijing: after it


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


def gitea(api: HostApi | str, tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    """`validator pushes` of pull request 5 on the local Gitea (or any server at an address)."""
    url = api if isinstance(api, str) else api.url
    return pushes(
        HostApi(), tmp_path, "--host", "gitea", "--api", f"{url}/api/v1",
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
    assert json.loads(log) == {
        "opener": "liming-gz",
        "pushes": [{"commits": [fix], "pushed_at": PUSHED, "pusher": "liming-gz"}],
    }
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
    assert json.loads(log)["pushes"] == [
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


def gitlab_env(repo: GitRepo, created_at: str) -> dict[str, str]:
    """A merge request pipeline of !7 that li-ming started, created at `created_at`."""
    return {
        "CI": "true",
        "GITLAB_CI": "true",
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_PROJECT_DIR": str(repo.root),
        "CI_MERGE_REQUEST_IID": "7",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": repo.git("rev-parse", "main").strip(),
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_PIPELINE_CREATED_AT": created_at,
        "GITLAB_USER_LOGIN": "liming-gz",
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
    env = gitlab_env(repo, PUSHED)
    assert (W47, "backdated") in ci_check(repo, env)  # today
    host.versions[("42", 7)] = [
        gitlab_version(2, fix, base, PUSHED),
        gitlab_version(1, first, base, OPENED),
    ]
    assert gitlab(host, tmp_path, "--head", fix)[0] == 0
    assert ci_check(repo, env, "--push-log", str(tmp_path / "push-log.json")) == []


# What the host answers, page by page, and what `validator pushes` does with a bad answer.
def sha(n: int) -> str:
    return f"{n:040x}"


def test_gitea_reads_every_page_and_a_force_push_moves_the_branch(
    host: HostApi, tmp_path: Path
) -> None:
    """More than one page (Gitea's limit is 50 a page), the pushes among other comments; a
    force push gives [old head, new head], and only its new head is kept (see below)."""
    rows: list[dict[str, Any]] = [
        gitea_comment(f"2026-11-23T0{n // 60}:{n % 60:02d}:00Z") for n in range(120)
    ]
    rows.insert(70, gitea_push("2026-11-23T01:10:30Z", "liming-gz", [sha(1), sha(2)]))
    rows.append(gitea_push("2026-11-23T02:30:00Z", "zhaolei", [sha(2), sha(3)], force=True))
    host.timeline[("acme/field-reports", 5)] = rows
    code, log, err = gitea(host, tmp_path, "--head", sha(3))
    assert code == 0, err
    assert json.loads(log)["pushes"] == [
        {"commits": [sha(1), sha(2)], "pushed_at": "2026-11-23T01:10:30Z", "pusher": "liming-gz"},
        {"after": sha(3), "pushed_at": "2026-11-23T02:30:00Z", "pusher": "zhaolei"},
    ]  # fmt: skip
    pages = [q for q, _ in host.requests if q.endswith("/timeline")]
    assert len(pages) == 4  # three pages of entries, then the empty one
    assert all(h.get("authorization") == f"token {TOKEN}" for _, h in host.requests)


def test_gitlab_reads_every_page_oldest_first(host: HostApi, tmp_path: Path) -> None:
    versions = [
        gitlab_version(n, sha(n), sha(999), f"2026-11-{1 + n // 24:02d}T{n % 24:02d}:00:00.123Z")
        for n in range(1, 151)
    ]
    host.versions[("acme/field-reports", 7)] = versions[::-1]  # newest first
    code, log, err = pushes(
        host, tmp_path, "--host", "gitlab", "--api", f"{host.url}/api/v4/",
        "--project", "acme/field-reports", "--number", "7",
    )  # fmt: skip
    assert code == 0, err
    pushed = json.loads(log)["pushes"]
    assert [p["after"] for p in pushed] == [sha(n) for n in range(1, 151)]
    assert pushed[0]["before"] is None and pushed[1]["before"] == sha(1)
    assert all(h.get("private-token") == TOKEN for _, h in host.requests)


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ((401, b'{"message":"token is required"}', {}), "HTTP 401"),
        ((404, b'{"message":"not found"}', {}), "HTTP 404"),
        ((500, b"oops", {}), "HTTP 500"),
        ((200, b"<html>login</html>", {}), "did not answer JSON"),
        ((200, b'{"message":"not a list"}', {}), "did not answer a JSON list"),
        (
            (
                200,
                json.dumps([{"type": "pull_push", "created_at": PUSHED, "body": "{"}]).encode(),
                {},
            ),
            "not Gitea's push JSON",
        ),
        (
            (
                200,
                json.dumps(
                    [{"type": "pull_push", "created_at": "yesterday", "body": '{"commit_ids": []}'}]
                ).encode(),
                {},
            ),
            "created_at",
        ),
        (
            (
                200,
                json.dumps(
                    [{"type": "pull_push", "created_at": PUSHED, "body": '{"commit_ids": ["abc"]}'}]
                ).encode(),
                {},
            ),
            "commit ids",
        ),
        ((302, b"", {"Location": "http://example.invalid/steal"}), "example.invalid"),
    ],
    ids=["401", "404", "500", "html", "object", "body", "time", "sha", "redirect"],
)
def test_a_bad_answer_is_exit_2_and_no_log(
    host: HostApi, tmp_path: Path, answer: tuple[int, bytes, dict[str, str]], words: str
) -> None:
    host.broken["/api/v1/repos/acme/field-reports/issues/5/timeline"] = answer
    code, log, err = gitea(host, tmp_path)
    assert (code, log) == (2, "")
    assert words in err and "错误" in err
    assert TOKEN not in err


def test_without_a_token_the_host_refuses(host: HostApi, tmp_path: Path) -> None:
    host.timeline[("acme/field-reports", 5)] = []
    code, _log, err = pushes(
        host, tmp_path, "--host", "forgejo", "--api", f"{host.url}/api/v1",
        "--project", "acme/field-reports", "--number", "5", token=None,
    )  # fmt: skip
    assert code == 2 and "HTTP 401" in err and "令牌" in err
    code, _log, err = gitlab(host, tmp_path)
    assert code == 2 and "HTTP 404" in err  # no merge request 7 of project 42


def test_a_push_not_recorded_yet_or_a_reopened_pull_request_gives_no_log(
    host: HostApi, tmp_path: Path
) -> None:
    """The check must not take the opening time for commits the log cannot account for."""
    host.timeline[("acme/field-reports", 5)] = [gitea_push(OPENED, "liming-gz", [sha(1)])]
    code, log, err = gitea(host, tmp_path, "--head", sha(2))
    assert (code, log) == (2, "") and sha(2)[:12] in err
    host.timeline[("acme/field-reports", 5)] = [
        gitea_comment("2026-11-23T03:00:00Z", "close", ""),
        gitea_comment("2026-11-23T06:00:00Z", "reopen", ""),
        gitea_push(PUSHED, "liming-gz", [sha(2)]),
    ]
    code, log, err = gitea(host, tmp_path, "--head", sha(2))
    assert (code, log) == (2, "") and "重新打开" in err


def test_the_push_log_names_commits_or_moves_a_branch(repo: GitRepo, tmp_path: Path) -> None:
    """The format check reads: a push names its commits or gives before/after, not both."""
    bad = tmp_path / "bad.json"
    for push in (
        {"commits": [sha(1)], "after": sha(2), "pushed_at": PUSHED},
        {"commits": ["HEAD"], "pushed_at": PUSHED},
        {"commits": sha(1), "pushed_at": PUSHED},
    ):
        bad.write_text(json.dumps([push]), encoding="utf-8")
        result = CliRunner().invoke(
            cli,
            ["check", "--repo", str(repo.root), "--base", "main", "--event-time", NOW,
             "--push-log", str(bad)],
        )  # fmt: skip
        assert result.exit_code == 2, result.output
        assert "--push-log: push 1:" in result.output


# The jobs themselves: .gitea/workflows/validate.yml and the validate job of .gitlab-ci.yml, run
# here against the local host, with a good token and with none that works.
def test_the_gitea_workflow_fetches_the_push_log_or_falls_back(
    repo: GitRepo, host: HostApi, tmp_path: Path
) -> None:
    _first, fix = on_time_then_a_fix(repo)
    repo.git("update-ref", "refs/remotes/origin/main", "main")
    host.timeline[("acme/field-reports", 5)] = [gitea_push(PUSHED, "liming-gz", [fix])]
    event = {
        "action": "synchronized",
        "number": 5,
        "pull_request": {
            "number": 5, "created_at": OPENED, "updated_at": PUSHED,
            "user": {"login": "liming-gz"}, "base": {"ref": "main"},
            "head": {"ref": "report", "sha": fix},
        },
    }  # fmt: skip
    github = {
        "event": event,
        "event_name": "pull_request_target",
        "token": TOKEN,
        "server_url": host.url,
        "repository": "acme/field-reports",
    }
    fetch = gitea_step("validate.yml", "validate", "Fetch the push log of the pull request")
    check_step = gitea_step("validate.yml", "validate", "Check the pull request")
    extra = {"GITEA_ACTIONS": "true", "RUNNER_TEMP": str(tmp_path), "VALIDATOR_NOW": NOW}
    log = tmp_path / "validator-push-log.json"
    rc, out, err, _ = run_step(fetch, repo.root, {"github": github}, tmp_path, extra)
    assert rc == 0 and log.exists(), out + err
    rc, out, err, _ = run_step(check_step, repo.root, {"github": github}, tmp_path, extra)
    assert rc == 0, out + err
    # a token Gitea refuses: a warning, no log, and the check as before (backdated)
    refused = {"github": {**github, "token": "expired"}}
    rc, out, err, _ = run_step(fetch, repo.root, refused, tmp_path, extra)
    assert rc == 0 and not log.exists()
    assert "::warning title=push-log::" in out and "HTTP 401" in err and "expired" not in err
    rc, out, err, _ = run_step(check_step, repo.root, refused, tmp_path, extra)
    assert rc == 1 and "backdated" in out, out + err


def test_the_gitlab_job_fetches_the_push_log_or_falls_back(
    repo: GitRepo, host: HostApi, tmp_path: Path
) -> None:
    first, fix = on_time_then_a_fix(repo)
    base = repo.git("rev-parse", "main").strip()
    host.versions[("42", 7)] = [
        gitlab_version(2, fix, base, PUSHED),
        gitlab_version(1, first, base, OPENED),
    ]
    env = {
        "CI": "true",
        "GITLAB_CI": "true",
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_PROJECT_DIR": str(repo.root),
        "CI_PROJECT_ID": "42",
        "CI_API_V4_URL": f"{host.url}/api/v4",
        "CI_MERGE_REQUEST_IID": "7",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_COMMIT_SHA": fix,
        "CI_PIPELINE_CREATED_AT": PUSHED,
        "GITLAB_USER_LOGIN": "liming-gz",
        "TMPDIR": str(tmp_path),
        "VALIDATOR_NOW": NOW,
    }
    script = gitlab_script("validate", -1)
    rc, out, err = run_script(script, repo.root, {**env, "PUSH_LOG_TOKEN": TOKEN})
    assert rc == 0, out + err
    assert "warning" not in out
    # no PUSH_LOG_TOKEN: a warning, and the check as before (backdated)
    rc, out, err = run_script(script, repo.root, env)
    assert rc == 1, out + err
    assert "did not give the push log" in out and "backdated" in out


def test_gitea_a_force_push_that_erased_the_late_push_does_not_clear_its_commit(
    repo: GitRepo, host: HostApi, tmp_path: Path
) -> None:
    """Gitea's CreatePushPullComment (in some versions) deletes every earlier push comment of
    a pull request on a force push, so a commit that came in a late push and survives a force
    push back to it is named by no comment: it must not count from the opening. Here: the PR
    opened in time with a README; the report, dated 12:00, pushed at 13:35; one more commit
    pushed, then the branch forced back to the report. Only the force push is left."""
    _first, late = early_dated_in_a_late_push(repo)
    repo.write(README, "周报,本周\n")
    extra = commit(repo, "more", "2026-11-23T13:40:00+08:00")
    repo.git("reset", "-q", "--hard", late)
    host.timeline[("acme/field-reports", 5)] = [
        gitea_push("2026-11-23T06:00:00Z", "liming-gz", [extra, late], force=True)
    ]
    code, _log, err = gitea(host, tmp_path, "--head", late)
    assert code == 0, err
    found = check(repo, "--event-time", "2026-11-23T06:00:00Z", "--opened-at", OPENED,
                  "--push-log", str(tmp_path / "push-log.json"))  # fmt: skip
    assert (W47, "backdated") in found


def test_a_host_that_trickles_its_answer_fails_at_the_deadline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each read has a timeout, but a host sending a byte every 0.2 s never trips it: without an
    overall deadline it held the CI job until the job's own limit. Now the request ends at the
    deadline, exit 2, no log."""
    monkeypatch.setattr(hostpushes, "DEADLINE", 1.0)
    body = b"[]" + b" " * 40  # a whole answer would take 8 s
    head = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body)
    with raw_webhook(trickle(head, body)) as slow:
        code, log, err = gitea(f"http://127.0.0.1:{slow.port}", tmp_path)
    assert (code, log) == (2, ""), err
    assert "1 秒内没有答完" in err, err


@pytest.mark.parametrize(
    "answer",
    [b"SSH-2.0-OpenSSH_9.2\r\n", b"HTTP/1.1 abc\r\n\r\n", b"HTTP/1.1 200 OK\r\n"],
    ids=["not-http", "bad-status", "cut-head"],
)
def test_a_host_that_does_not_speak_http_is_exit_2(tmp_path: Path, answer: bytes) -> None:
    """`--api` pointing at another service (SSH's port), or a proxy cutting the answer: a clear
    error, not a traceback."""
    with raw_webhook(answer) as other:
        code, log, err = gitea(f"http://127.0.0.1:{other.port}", tmp_path)
    assert (code, log) == (2, ""), err
    assert "托管平台" in err, err


def test_gitlab_a_pipeline_a_reviewer_retries_still_judges_the_merge_requests_author(
    repo: GitRepo, host: HostApi, tmp_path: Path
) -> None:
    """GITLAB_USER_LOGIN is whoever started the job: a reviewer pressing Retry on a red merge
    request made every ownership check the reviewer's, and a report filed in a colleague's
    folder under a reviewer's commit e-mail turned green. The merge request's author, from
    GitLab's record (`validator pushes`), is judged."""
    fang = "submissions/wang-fang/weekly/2026-W47.yaml"
    repo.write(fang, WEEKLY.replace("li-ming", "wang-fang"))
    repo.git("add", "-A")  # the commit's author is his to write: a reviewer's, here
    reviewer = "--author=Zhao Lei <zhao.lei@example.com>"
    repo.git("commit", "-q", "-m", "weekly", reviewer, date="2026-11-22T20:00:00+08:00")
    head = repo.git("rev-parse", "HEAD").strip()
    base = repo.git("rev-parse", "main").strip()
    env = gitlab_env(repo, OPENED)
    assert (fang, "not-owner") in ci_check(repo, env)  # the opener's own pipeline
    retried = {**env, "GITLAB_USER_LOGIN": "zhaolei"}  # a reviewer presses Retry
    host.versions[("42", 7)] = [gitlab_version(1, head, base, OPENED)]
    host.authors[("42", 7)] = "liming-gz"
    assert gitlab(host, tmp_path, "--head", head)[0] == 0
    found = ci_check(repo, retried, "--push-log", str(tmp_path / "push-log.json"))
    assert (fang, "not-owner") in found, found


@pytest.mark.parametrize(
    ("body", "words"),
    [(b'{"number": 5}', "names no author"), (b'{"user": {"login": ""}}', "names no author")],
    ids=["no-user", "empty-login"],
)
def test_a_pull_request_record_without_its_author_is_exit_2(
    host: HostApi, tmp_path: Path, body: bytes, words: str
) -> None:
    host.timeline[("acme/field-reports", 5)] = [gitea_push(PUSHED, "liming-gz", [sha(1)])]
    host.broken["/api/v1/repos/acme/field-reports/pulls/5"] = (200, body, {})
    code, log, err = gitea(host, tmp_path)
    assert (code, log) == (2, "") and words in err, err
