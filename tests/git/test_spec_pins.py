"""Statements of /work/shared/SPEC.md that no other test pinned and that need a real git
repository: each test names the section it holds the product to.

`repo` (tests/git/conftest.py) is the corpus's org data on `main` with the pull request's branch
`report` checked out; li-ming (GitHub login liming-gz) is staff, zhao-lei a reviewer.
W47 is due Monday 2026-11-23 13:00 Beijing (05:00Z).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from tests.support.corpus import CASES
from tests.support.delivery import build
from tests.support.gitrepo import GitRepo
from tests.support.robots import Robot, robots_running
from validator.cli import cli

WEEKLY = (CASES / "valid/weekly-minimal/submissions/li-ming/weekly/2026-W47.yaml").read_text(
    encoding="utf-8"
)
W47 = "submissions/li-ming/weekly/2026-W47.yaml"
NOW = "2026-11-27T10:00:00+08:00"
ENV = {"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": "", "VALIDATOR_NOW": "", "VALIDATOR_REPO": ""}


def pr(repo: GitRepo, event_time: str, author: str = "liming-gz") -> tuple[int, list[Any]]:
    """`validator check` in pull-request mode against `main`, as JSON (path, rule, severity)."""
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(repo.root), "--format", "json", "--now", NOW,
         "--base", "main", "--author", author, "--event-time", event_time],
        env=ENV,
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.output)
    return result.exit_code, [(d["path"], d["rule"], d["severity"]) for d in data["diagnostics"]]


# --- §6 ownership: "anything else outside that folder" ---------------------------------------


@pytest.mark.parametrize("path", ["README.md", "docs/guide/submit.md", "mkdocs.yml", "Makefile"])
def test_staff_may_not_change_files_outside_submissions_org_and_github(
    repo: GitRepo, path: str
) -> None:
    """SPEC §6 Ownership: "a non-reviewer ... may not change `org/`, `.github/` or anything else
    outside that folder (`not-owner`)". A file at the top or under docs/ is "anything else";
    the same change by a reviewer passes."""
    repo.git("checkout", "-q", "main")
    repo.write(path, "原始内容\n")
    repo.commit("a file outside the staff folders", "2026-11-02T09:00:00+08:00")
    repo.git("checkout", "-q", "report")
    repo.git("merge", "-q", "main")
    repo.write(W47, WEEKLY)
    repo.write(path, "被外派人员改过的内容\n")
    repo.commit("weekly and an edit elsewhere", "2026-11-22T20:00:00+08:00")
    code, found = pr(repo, "2026-11-22T12:30:00Z")
    assert (code, found) == (1, [(path, "not-owner", "error")])
    code, found = pr(repo, "2026-11-22T12:30:00Z", author="zhaolei")
    assert (code, found) == (0, [])


# --- §3 clock_skew is the organisation's setting ----------------------------------------------


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("timezone: Asia/Shanghai\n", [(W47, "backdated", "error")]),  # default 30m
        ("timezone: Asia/Shanghai\nclock_skew: 2h\n", []),
    ],
)
def test_the_base_policys_clock_skew_is_the_tolerated_gap(
    repo: GitRepo, policy: str, expected: list[Any]
) -> None:
    """SPEC §3 `clock_skew: 30m  # tolerated gap between a commit's date and the time it reached
    the server` and §5 Backdating guard: "if `author_date < due <= event_time` and
    `event_time - author_date > clock_skew`, it is an error". A commit dated 12:00 that reached
    the server at 13:30 (90 minutes later) is `backdated` under the default 30m and accepted
    when main's policy tolerates 2h."""
    repo.git("checkout", "-q", "main")
    repo.write("org/policy.yaml", policy)
    repo.commit("policy", "2026-11-02T09:00:00+08:00")
    repo.git("checkout", "-q", "report")
    repo.git("merge", "-q", "main")
    repo.write(W47, WEEKLY)
    repo.commit("li-ming: weekly 2026-W47", "2026-11-23T12:00:00+08:00")
    code, found = pr(repo, "2026-11-23T05:30:00Z")  # 13:30 Beijing
    assert found == expected
    assert code == (1 if expected else 0)


# --- §7 remind --send --force ------------------------------------------------------------------

NOTIFY = """\
  wecom: {webhook_env: PIN_WECOM}
  dingtalk: {webhook_env: PIN_DING, secret_env: PIN_DING_SECRET}
"""
MONDAY = "2026-11-23T09:00:00+08:00"  # W47 is due at 13:00 today


@pytest.fixture
def robots() -> Iterator[dict[str, Robot]]:
    with robots_running("wecom", "dingtalk") as running:
        yield running


def test_remind_force_resends_what_a_previous_run_sent(
    git_repo: GitRepo, robots: dict[str, Robot]
) -> None:
    """SPEC §7 `validator remind [--send] [--force]`: "A message already sent (same recipient,
    same content key) is not sent again by a later run in the same repository; `--force`
    resends"."""
    build(git_repo, NOTIFY)
    env = {
        "PIN_WECOM": robots["wecom"].url,
        "PIN_DING": robots["dingtalk"].url,
        "PIN_DING_SECRET": "SECding",
    }

    def remind(*extra: str) -> int:
        result = CliRunner(env=env).invoke(
            cli, ["remind", "--repo", str(git_repo.root), "--now", MONDAY, "--send", *extra]
        )
        return result.exit_code

    assert remind() == 0
    assert [len(r.received) for r in robots.values()] == [1, 1]
    assert remind() == 0
    assert [len(r.received) for r in robots.values()] == [1, 1]
    assert remind("--force") == 0
    assert [len(r.received) for r in robots.values()] == [2, 2]
    assert robots["wecom"].received[1] == robots["wecom"].received[0]
