"""The pull-request facts each Git host's CI gives (validator/checking/ci_env.py), from recorded
variable sets and payloads, and `validator check` taking them when no option names them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.support.gitrepo import GitRepo
from tests.support.roster import LI_MING, ZHAO_LEI, staff_yaml
from validator.checking import ci_env
from validator.checking.ci_env import CiFacts
from validator.cli import cli

# The variables that mark a CI run, cleared around every CLI test so the machine's own CI (if
# any) does not leak in.
MARKERS = (
    "CI",
    "GITHUB_ACTIONS",
    "GITEA_ACTIONS",
    "FORGEJO_ACTIONS",
    "GITLAB_CI",
    "GITHUB_EVENT_NAME",
    "GITHUB_EVENT_PATH",
    "GITHUB_WORKSPACE",
    "GITHUB_STEP_SUMMARY",
    "CI_PROJECT_DIR",
    "CI_PIPELINE_SOURCE",
)
HEAD = "9f2c1e0b7d4a3f5e6c8b1a2d3e4f5a6b7c8d9e0f"
BEFORE = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"

# Recorded from a GitHub Actions run of validate.yml (pull_request, synchronize); abridged.
GITHUB_ENV = {
    "CI": "true",
    "GITHUB_ACTIONS": "true",
    "GITHUB_EVENT_NAME": "pull_request",
    "GITHUB_EVENT_PATH": "/home/runner/work/_temp/_github_workflow/event.json",
    "GITHUB_WORKSPACE": "/home/runner/work/field-reports/field-reports",
    "GITHUB_BASE_REF": "main",
    "GITHUB_HEAD_REF": "report",
    "GITHUB_REPOSITORY": "acme/field-reports",
    "RUNNER_OS": "Linux",
}
GITHUB_SYNC: dict[str, Any] = {
    "action": "synchronize",
    "before": BEFORE,
    "after": HEAD,
    "number": 7,
    "pull_request": {
        "number": 7,
        "user": {"login": "liming-gz"},
        "created_at": "2026-11-22T12:30:00Z",
        "updated_at": "2026-11-23T06:10:00Z",
        "base": {"ref": "main", "sha": BEFORE},
        "head": {"ref": "report", "sha": HEAD},
    },
    "repository": {"full_name": "acme/field-reports"},
}
# Gitea 1.22 act_runner: GITHUB_* for compatibility plus GITEA_ACTIONS; the payload's action for
# a push to the branch is "synchronized", and it carries no before/after.
GITEA_ENV = {
    "CI": "true",
    "GITHUB_ACTIONS": "true",
    "GITEA_ACTIONS": "true",
    "GITHUB_EVENT_NAME": "pull_request",
    "GITHUB_EVENT_PATH": "/var/run/act/workflow/event.json",
    "GITHUB_WORKSPACE": "/workspace/acme/field-reports",
    "GITHUB_SERVER_URL": "https://git.example.com",
    "GITHUB_BASE_REF": "main",
}
GITEA_SYNC: dict[str, Any] = {
    "action": "synchronized",
    "number": 3,
    "pull_request": {
        "id": 41,
        "number": 3,
        "user": {"id": 5, "login": "liming-gz"},
        "created_at": "2026-11-22T20:30:00+08:00",
        "updated_at": "2026-11-23T14:10:00+08:00",
        "base": {"label": "main", "ref": "main", "sha": BEFORE},
        "head": {"label": "report", "ref": "report", "sha": HEAD},
    },
    "repository": {"full_name": "acme/field-reports", "updated_at": "2026-11-23T14:10:00+08:00"},
}
FORGEJO_ENV = {**GITEA_ENV, "FORGEJO_ACTIONS": "true"}
# GitLab 17 merge-request pipeline (detached), abridged.
GITLAB_MR_ENV = {
    "CI": "true",
    "GITLAB_CI": "true",
    "CI_PIPELINE_SOURCE": "merge_request_event",
    "CI_PROJECT_DIR": "/builds/acme/field-reports",
    "CI_COMMIT_SHA": HEAD,
    "CI_COMMIT_BEFORE_SHA": "0000000000000000000000000000000000000000",
    "CI_MERGE_REQUEST_IID": "12",
    "CI_MERGE_REQUEST_DIFF_BASE_SHA": BEFORE,
    "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
    "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": "report",
    "CI_PIPELINE_CREATED_AT": "2026-11-23T06:10:04Z",
    "GITLAB_USER_LOGIN": "liming-gz",
}
GITLAB_PUSH_ENV = {
    "CI": "true",
    "GITLAB_CI": "true",
    "CI_PIPELINE_SOURCE": "push",
    "CI_PROJECT_DIR": "/builds/acme/field-reports",
    "CI_COMMIT_SHA": HEAD,
    "CI_COMMIT_BEFORE_SHA": BEFORE,
    "CI_COMMIT_BRANCH": "main",
    "CI_PIPELINE_CREATED_AT": "2026-11-23T06:10:04Z",
    "GITLAB_USER_LOGIN": "zhao-reviewer",
}


def test_outside_ci_there_are_no_facts() -> None:
    assert ci_env.host({"CI": "true"}) is None
    assert ci_env.facts({"PATH": "/usr/bin"}, GITHUB_SYNC) is None
    assert ci_env.event_path(GITLAB_MR_ENV) is None


def test_github_pull_request_push() -> None:
    found = ci_env.facts(GITHUB_ENV, GITHUB_SYNC)
    assert found == CiFacts(
        host="github",
        event="pull_request",
        workspace="/home/runner/work/field-reports/field-reports",
        base="origin/main",
        author="liming-gz",
        event_time="2026-11-23T06:10:00Z",
        opened_at="2026-11-22T12:30:00Z",
        before=BEFORE,
        after=HEAD,
    )
    assert found.new_commits == f"{BEFORE}..{HEAD}"
    assert ci_env.event_path(GITHUB_ENV) == GITHUB_ENV["GITHUB_EVENT_PATH"]


def test_github_opened_uses_created_at_and_target_is_the_same() -> None:
    opened = {**GITHUB_SYNC, "action": "opened"}
    del opened["before"], opened["after"]
    found = ci_env.facts({**GITHUB_ENV, "GITHUB_EVENT_NAME": "pull_request_target"}, opened)
    assert found is not None
    assert (found.event, found.event_time, found.new_commits) == (
        "pull_request",
        "2026-11-22T12:30:00Z",
        None,
    )


def test_github_push_to_main_uses_pushed_at() -> None:
    push = {"before": BEFORE, "after": HEAD, "repository": {"pushed_at": 1795414204}}
    found = ci_env.facts({**GITHUB_ENV, "GITHUB_EVENT_NAME": "push"}, push)
    assert found is not None
    assert (found.event, found.event_time, found.new_commits, found.base) == (
        "push",
        "1795414204",
        f"{BEFORE}..{HEAD}",
        None,
    )
    new_branch = {**push, "before": "0" * 40}
    assert ci_env.facts({**GITHUB_ENV, "GITHUB_EVENT_NAME": "push"}, new_branch).new_commits is None  # type: ignore[union-attr]


@pytest.mark.parametrize(("env", "name"), [(GITEA_ENV, "gitea"), (FORGEJO_ENV, "forgejo")])
def test_gitea_and_forgejo_pull_request(env: dict[str, str], name: str) -> None:
    found = ci_env.facts(env, GITEA_SYNC)
    assert found == CiFacts(
        host=name,
        event="pull_request",
        workspace="/workspace/acme/field-reports",
        base="origin/main",
        author="liming-gz",
        event_time="2026-11-23T14:10:00+08:00",  # "synchronized": the push, not the opening
        opened_at="2026-11-22T20:30:00+08:00",
    )
    assert found.new_commits is None  # no before/after: every commit of the pull request counts


def test_gitea_push_has_no_server_time() -> None:
    """Gitea's push payload names no push time (repository.updated_at is not one): a push to
    main gives nothing to judge commit dates against."""
    push = {"before": BEFORE, "after": HEAD, "repository": GITEA_SYNC["repository"]}
    found = ci_env.facts({**GITEA_ENV, "GITHUB_EVENT_NAME": "push"}, push)
    assert found is not None
    assert (found.event, found.event_time) == ("push", None)


def test_gitlab_merge_request() -> None:
    found = ci_env.facts(GITLAB_MR_ENV)
    assert found == CiFacts(
        host="gitlab",
        event="pull_request",
        workspace="/builds/acme/field-reports",
        base=BEFORE,
        author="liming-gz",
        event_time="2026-11-23T06:10:04Z",
    )
    older = {k: v for k, v in GITLAB_MR_ENV.items() if k != "CI_MERGE_REQUEST_DIFF_BASE_SHA"}
    assert ci_env.facts(older).base == "origin/main"  # type: ignore[union-attr]


def test_gitlab_push_and_schedule() -> None:
    push = ci_env.facts(GITLAB_PUSH_ENV)
    assert push is not None
    assert (push.event, push.event_time, push.new_commits) == (
        "push",
        "2026-11-23T06:10:04Z",
        f"{BEFORE}..{HEAD}",
    )
    schedule = ci_env.facts({**GITLAB_PUSH_ENV, "CI_PIPELINE_SOURCE": "schedule"})
    assert schedule == CiFacts(
        host="gitlab", event="schedule", workspace="/builds/acme/field-reports"
    )


def test_payload_of_the_wrong_shape_gives_no_pull_request() -> None:
    """Still a pull request, with what the variables give: the check then names what is
    missing instead of passing unchecked."""
    found = ci_env.facts(GITHUB_ENV, {"pull_request": "7", "action": ["opened"]})
    assert found is not None
    assert (found.event, found.base, found.author) == ("pull_request", "origin/main", None)
    times = "pull_request.updated_at, pull_request.created_at"
    assert ci_env.missing(found) == [
        ("author", "pull_request.user.login"),
        ("event time", times),
    ]
    assert ci_env.missing(found, push_log=True) == [("author", "pull_request.user.login")]
    target = {**GITHUB_ENV, "GITHUB_EVENT_NAME": "pull_request_target", "GITHUB_BASE_REF": ""}
    found = ci_env.facts(target, {"pull_request": {"user": {"login": 7}}})
    assert found is not None
    assert [name for name, _ in ci_env.missing(found)] == ["base", "author", "event time"]


# --- `validator check` with nothing but the CI environment -------------------------------------

WEEKLY = (
    "staff: li-ming\nweek: 2026-W47\nsummary: 本周走访广州授权站。\n"
    "work:\n  - date: 2026-11-17\n    description: 检查授权站维修工单\nplan:\n  - 跟进备件申请\n"
)
REGIONS = "regions:\n  - {id: guangzhou, name: 广州, annual_sales: 150000}\n"
LATE = "2026-11-23T06:10:04Z"  # Monday 14:10 Beijing: after the 13:00 deadline of W47


def _repo(git_repo: GitRepo) -> tuple[str, str]:
    git_repo.write("org/staff.yaml", staff_yaml(LI_MING, ZHAO_LEI))
    git_repo.write("org/regions.yaml", REGIONS)
    owners = CliRunner().invoke(cli, ["codeowners", "--repo", str(git_repo.root)])
    git_repo.write(".github/CODEOWNERS", owners.output)
    base = git_repo.commit("org", "2026-11-01T09:00:00+08:00")
    git_repo.git("checkout", "-q", "-b", "report")
    git_repo.write("submissions/li-ming/weekly/2026-W47.yaml", WEEKLY)
    head = git_repo.commit("li-ming: weekly 2026-W47", "2026-11-22T20:00:00+08:00")
    return base, head


def _check(repo: Path, env: dict[str, str], *args: str) -> tuple[int, str]:
    cleared: dict[str, str | None] = dict.fromkeys(MARKERS)
    cleared.update(env)
    done = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--format", "json", "--now", LATE, *args], env=cleared
    )
    return done.exit_code, done.output


def _rules(output: str) -> list[tuple[str, str]]:
    """The findings of the JSON report, which notes on stderr may follow."""
    report, _end = json.JSONDecoder().raw_decode(output)
    return [(d["path"], d["rule"]) for d in report["diagnostics"]]


def test_gitlab_merge_request_is_judged_from_the_environment(git_repo: GitRepo) -> None:
    """Dated Sunday evening, but GitLab created the pipeline for it after Monday's deadline."""
    base, head = _repo(git_repo)
    env = {
        **GITLAB_MR_ENV,
        "CI_PROJECT_DIR": str(git_repo.root),
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "CI_COMMIT_SHA": head,
    }
    on_time = {**env, "CI_PIPELINE_CREATED_AT": "2026-11-22T12:10:00Z"}
    code, out = _check(git_repo.root, on_time)
    assert (code, json.loads(out)["checked"], _rules(out)) == (0, 1, [])  # only the changed file
    # (in this order: a backdated verdict, once given, is kept for later runs)
    code, out = _check(git_repo.root, env)
    assert (code, _rules(out)) == (1, [("submissions/li-ming/weekly/2026-W47.yaml", "backdated")])


def test_gitlab_author_is_the_pipeline_user(git_repo: GitRepo) -> None:
    base, _ = _repo(git_repo)
    env = {
        **GITLAB_MR_ENV,
        "CI_PROJECT_DIR": str(git_repo.root),
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "CI_PIPELINE_CREATED_AT": "2026-11-22T12:10:00Z",
        "GITLAB_USER_LOGIN": "wangfang",  # not on the roster: owns nothing
    }
    code, out = _check(git_repo.root, env)
    assert (code, _rules(out)) == (1, [("submissions/li-ming/weekly/2026-W47.yaml", "not-owner")])


def test_github_event_payload_is_read_from_the_event_path(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    _repo(git_repo)
    git_repo.git("branch", "-f", "origin/main", "main")  # what `origin/main` names in CI
    git_repo.git("update-ref", "refs/remotes/origin/main", "main")
    event = tmp_path / "event.json"
    opened: dict[str, Any] = {**GITHUB_SYNC, "action": "opened"}
    opened["pull_request"] = {**GITHUB_SYNC["pull_request"], "created_at": LATE}
    del opened["before"], opened["after"]
    event.write_text(json.dumps(opened), encoding="utf-8")
    env = {**GITHUB_ENV, "GITHUB_EVENT_PATH": str(event), "GITHUB_WORKSPACE": str(git_repo.root)}
    code, out = _check(git_repo.root, env)
    assert (code, _rules(out)) == (1, [("submissions/li-ming/weekly/2026-W47.yaml", "backdated")])


def test_gone_before_of_a_force_push_counts_every_commit(git_repo: GitRepo, tmp_path: Path) -> None:
    _repo(git_repo)
    git_repo.git("update-ref", "refs/remotes/origin/main", "main")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({**GITHUB_SYNC, "before": BEFORE}), encoding="utf-8")
    env = {
        **GITHUB_ENV,
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_WORKSPACE": str(git_repo.root),
    }
    code, out = _check(git_repo.root, env)  # BEFORE is no commit here: no usage error
    assert (code, _rules(out)) == (1, [("submissions/li-ming/weekly/2026-W47.yaml", "backdated")])


def test_another_repository_in_a_ci_job_is_an_ordinary_check(git_repo: GitRepo) -> None:
    """A test or script that checks some other directory in CI must not turn into a pull-request
    check of the CI's own event."""
    base, _ = _repo(git_repo)
    env = {**GITLAB_MR_ENV, "CI_MERGE_REQUEST_DIFF_BASE_SHA": base}  # CI_PROJECT_DIR elsewhere
    assert _check(git_repo.root, env) == _check(git_repo.root, {})
    assert _check(git_repo.root, {})[0] == 0


def test_options_and_paths_win_over_the_environment(git_repo: GitRepo) -> None:
    base, _ = _repo(git_repo)
    env = {
        **GITLAB_MR_ENV,
        "CI_PROJECT_DIR": str(git_repo.root),
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
    }
    code, out = _check(git_repo.root, env, "submissions/li-ming/weekly/2026-W47.yaml")
    assert (code, _rules(out)) == (0, [])
    code, out = _check(git_repo.root, env, "--base", base, "--author", "liming-gz")
    assert (code, _rules(out)) == (0, [])  # no --event-time given: no backdating judged
    assert "没有给 --event-time" in out  # and it says so


@pytest.mark.parametrize(
    "text",
    ["{not json", "[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "{}" + "}" * 50_000],
    ids=["broken", "deep-list", "deep-object"],
)
def test_unreadable_event_payload_is_a_usage_error(
    git_repo: GitRepo, tmp_path: Path, text: str
) -> None:
    _repo(git_repo)
    bad = tmp_path / "event.json"
    bad.write_text(text, encoding="utf-8")
    env = {**GITHUB_ENV, "GITHUB_EVENT_PATH": str(bad), "GITHUB_WORKSPACE": str(git_repo.root)}
    done = CliRunner().invoke(
        cli, ["check", "--repo", str(git_repo.root)], env={**dict.fromkeys(MARKERS), **env}
    )
    assert done.exit_code == 2
    assert "event payload" in done.output
    assert "Traceback" not in done.output


# --- the opening time, the author and the base the environment must give ----------------------


def _two_pushes(git_repo: GitRepo) -> tuple[str, str]:
    """The report pushed in time (12:05), then a fix after the deadline (13:35): the event of
    the second push names only the fix as new."""
    git_repo.write("org/staff.yaml", staff_yaml(LI_MING, ZHAO_LEI))
    git_repo.write("org/regions.yaml", REGIONS)
    git_repo.commit("org", "2026-11-01T09:00:00+08:00")
    git_repo.git("update-ref", "refs/remotes/origin/main", "main")
    git_repo.git("checkout", "-q", "-b", "report")
    git_repo.write("submissions/li-ming/weekly/2026-W47.yaml", WEEKLY)
    first = git_repo.commit("weekly", "2026-11-23T12:00:00+08:00")
    git_repo.write("submissions/li-ming/weekly/2026-W47.yaml", WEEKLY.replace("本周", "这周"))
    fix = git_repo.commit("fix", "2026-11-23T13:30:00+08:00")
    return first, fix


def _event_env(
    git_repo: GitRepo, tmp_path: Path, env: dict[str, str], event: Any
) -> dict[str, str]:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return {**env, "GITHUB_EVENT_PATH": str(path), "GITHUB_WORKSPACE": str(git_repo.root)}


@pytest.mark.parametrize(
    "env",
    [
        GITHUB_ENV,
        {**GITHUB_ENV, "GITHUB_EVENT_NAME": "pull_request_target"},
        GITEA_ENV,
        FORGEJO_ENV,
    ],
    ids=["github", "github-target", "gitea", "forgejo"],
)
def test_commits_before_this_push_arrived_no_later_than_the_opening(
    git_repo: GitRepo, tmp_path: Path, env: dict[str, str]
) -> None:
    """With the host's push log, the same facts as `--new-commits first..fix --opened-at
    12:05` (exit 0): the first commit, not new in this push, was there at the opening. Without
    the log nothing says it was not pushed after the deadline with [skip ci]: it counts from
    this event (tests/git/test_github_push_log.py)."""
    first, fix = _two_pushes(git_repo)
    event = {
        "action": "synchronize" if env is GITHUB_ENV else "synchronized",
        "before": first,
        "after": fix,
        "pull_request": {
            "user": {"login": "liming-gz"},
            "created_at": "2026-11-23T04:05:00Z",
            "updated_at": "2026-11-23T05:35:00Z",
            "base": {"ref": "main"},
        },
    }
    found = _event_env(git_repo, tmp_path, env, event)
    log = tmp_path / "pushes.json"
    pushes = [
        {"before": "0" * 40, "after": first, "pushed_at": "2026-11-23T04:05:00Z"},
        {"before": first, "after": fix, "pushed_at": "2026-11-23T05:35:00Z"},
    ]
    log.write_text(json.dumps(pushes), encoding="utf-8")
    code, out = _check(git_repo.root, found, "--push-log", str(log))
    assert (code, _rules(out)) == (0, [])
    code, out = _check(git_repo.root, found)
    assert (code, _rules(out)) == (1, [("submissions/li-ming/weekly/2026-W47.yaml", "backdated")])


@pytest.mark.parametrize("gone", [False, True], ids=["no-before", "force-push"])
def test_without_the_new_commits_the_opening_time_clears_nothing(
    git_repo: GitRepo, tmp_path: Path, gone: bool
) -> None:
    """Gitea and Forgejo name no before/after, and a force push's before is gone: any commit may
    be new in this push, so the opening time (before the deadline) is no evidence for any."""
    git_repo.write("org/staff.yaml", staff_yaml(LI_MING, ZHAO_LEI))
    git_repo.write("org/regions.yaml", REGIONS)
    git_repo.commit("org", "2026-11-01T09:00:00+08:00")
    git_repo.git("update-ref", "refs/remotes/origin/main", "main")
    git_repo.git("checkout", "-q", "-b", "report")
    git_repo.write("submissions/li-ming/weekly/README.md", "周报\n")
    git_repo.commit("start", "2026-11-23T12:00:00+08:00")  # opened with this at 12:05
    git_repo.write("submissions/li-ming/weekly/2026-W47.yaml", WEEKLY)
    git_repo.commit("weekly", "2026-11-23T12:30:00+08:00")  # pushed at 14:10: backdated
    event = {**GITEA_SYNC, "pull_request": {**GITEA_SYNC["pull_request"]}}
    event["pull_request"].update(created_at="2026-11-23T04:05:00Z", updated_at=LATE)
    if gone:
        event.update(
            action="synchronize", before=BEFORE, after=git_repo.git("rev-parse", "HEAD").strip()
        )
    code, out = _check(git_repo.root, _event_env(git_repo, tmp_path, GITEA_ENV, event))
    assert (code, _rules(out)) == (1, [("submissions/li-ming/weekly/2026-W47.yaml", "backdated")])


PULL = {**GITHUB_SYNC["pull_request"], "updated_at": "2026-11-22T12:10:00Z"}


@pytest.mark.parametrize(
    ("env", "event", "missing"),
    [
        (GITHUB_ENV, {**GITHUB_SYNC, "pull_request": {**PULL, "user": None}}, "author"),
        (GITHUB_ENV, {**GITHUB_SYNC, "pull_request": {**PULL, "user": {"login": "  "}}}, "author"),
        (GITHUB_ENV, {**GITHUB_SYNC, "pull_request": {**PULL, "user": {"login": {}}}}, "author"),
        (GITEA_ENV, {**GITEA_SYNC, "pull_request": {**PULL, "user": {}}}, "author"),
        (GITHUB_ENV, {k: v for k, v in GITHUB_SYNC.items() if k != "pull_request"}, "author"),
        (GITHUB_ENV, {**GITHUB_SYNC, "pull_request": [PULL]}, "author"),
        (GITHUB_ENV, None, "author"),
        (GITHUB_ENV, [GITHUB_SYNC], "author"),
        (
            {**GITHUB_ENV, "GITHUB_EVENT_NAME": "pull_request_target", "GITHUB_BASE_REF": ""},
            {},
            "base",
        ),
        (
            {**GITHUB_ENV, "GITHUB_BASE_REF": ""},
            {**GITHUB_SYNC, "pull_request": {**PULL, "base": {}}},
            "base",
        ),
        (
            GITHUB_ENV,
            {**GITHUB_SYNC, "pull_request": {k: v for k, v in PULL.items() if k != "updated_at"}},
            "event time",
        ),
    ],
    ids=[
        "user-null",
        "login-blank",
        "login-object",
        "gitea-no-login",
        "no-pull-request",
        "pull-request-list",
        "payload-null",
        "payload-list",
        "target-empty",
        "no-base-ref",
        "no-updated-at",
    ],
)
def test_a_pull_request_event_without_its_base_or_author_is_a_usage_error(
    git_repo: GitRepo, tmp_path: Path, env: dict[str, str], event: Any, missing: str
) -> None:
    """Without them no ownership, no backdating guard (or nothing of the pull request) would be
    checked: fail closed, as `--author ''` does."""
    _repo(git_repo)
    git_repo.git("update-ref", "refs/remotes/origin/main", "main")
    code, out = _check(git_repo.root, _event_env(git_repo, tmp_path, env, event))
    assert code == 2, out
    assert f"no pull request {missing}" in out
    assert "Traceback" not in out


@pytest.mark.parametrize(
    ("drop", "missing"),
    [
        (("GITLAB_USER_LOGIN",), "author"),
        (("CI_MERGE_REQUEST_DIFF_BASE_SHA", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"), "base"),
        (("CI_PIPELINE_CREATED_AT",), "event time"),  # GitLab before 13.10 gave none
    ],
)
def test_a_merge_request_without_its_base_or_author_is_a_usage_error(
    git_repo: GitRepo, drop: tuple[str, ...], missing: str
) -> None:
    base, _ = _repo(git_repo)
    env = {
        **GITLAB_MR_ENV,
        "CI_PROJECT_DIR": str(git_repo.root),
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "CI_PIPELINE_CREATED_AT": "2026-11-22T12:10:00Z",
    }
    env.update(dict.fromkeys(drop, ""))
    code, out = _check(git_repo.root, env)
    assert code == 2, out
    assert f"no pull request {missing}" in out
    assert drop[0] in out


@pytest.mark.parametrize("kind", ["pull_request", "push"])
def test_an_event_time_at_the_end_of_the_calendar_is_a_usage_error(
    git_repo: GitRepo, tmp_path: Path, kind: str
) -> None:
    base, head = _repo(git_repo)
    git_repo.git("update-ref", "refs/remotes/origin/main", "main")
    if kind == "push":
        event: dict[str, Any] = {
            "before": base,
            "after": head,
            "repository": {"pushed_at": 253402300799},
        }
    else:
        event = {**GITHUB_SYNC, "before": base, "after": head}
        event["pull_request"] = {**PULL, "updated_at": "9999-12-31T23:59:59-01:00"}
    env = _event_env(git_repo, tmp_path, {**GITHUB_ENV, "GITHUB_EVENT_NAME": kind}, event)
    code, out = _check(git_repo.root, env)
    assert code == 2, out
    assert "time out of range" in out


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("base", "ma\0in"),
        ("base", "ma\x1bin"),
        ("before", "ab\0cd"),
        ("before", "--all"),
        ("after", "HEAD\0"),
        ("after", "-p"),
    ],
    ids=["base-nul", "base-control", "before-nul", "before-option", "after-nul", "after-option"],
)
def test_a_reference_git_cannot_take_as_one_is_a_usage_error(
    git_repo: GitRepo, tmp_path: Path, field: str, value: str
) -> None:
    """A NUL cannot even reach git (a ValueError from subprocess before), and a leading '-'
    would be an option: neither is a git reference."""
    base, head = _repo(git_repo)
    git_repo.git("update-ref", "refs/remotes/origin/main", "main")
    event: dict[str, Any] = {**GITHUB_SYNC, "before": base, "after": head}
    if field == "base":
        event["pull_request"] = {**PULL, "base": {"ref": value}}
    else:
        event[field] = value
    code, out = _check(git_repo.root, _event_env(git_repo, tmp_path, GITHUB_ENV, event))
    assert code == 2, out
    assert "not a git reference" in out
    assert "Traceback" not in out
