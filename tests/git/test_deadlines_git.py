"""Deadlines judged from real git history: received_at is the author date of the commit that
first added the report (docs/guide/submit.md#received), compared strictly with the due time in the
policy's zone."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from tests.support.corpus import BASE, CASES
from tests.support.gitrepo import GitRepo
from validator.checking.check import check

WEEKLY = (CASES / "valid/weekly-minimal/submissions/li-ming/weekly/2026-W47.yaml").read_text(
    encoding="utf-8"
)
PATH = "submissions/li-ming/weekly/2026-W47.yaml"
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.commit("org data", "2026-01-05T09:00:00+08:00")
    return git_repo


def rules_for(repo: GitRepo, path: str = PATH) -> list[tuple[str, str]]:
    result = check(repo.root, [path], NOW)
    return [(d.rule, d.severity.value) for d in result.diagnostics]


@pytest.mark.parametrize(
    ("author_date", "expected"),
    [
        ("2026-11-23T12:59:59+08:00", []),  # one second before Monday 13:00
        ("2026-11-23T13:00:00+08:00", [("late", "error")]),  # exactly at: late
        ("2026-11-23T04:59:59Z", []),  # the same instant before, written in UTC
        ("2026-11-23T05:00:00Z", [("late", "error")]),  # 13:00 Beijing, in UTC
        ("2026-11-23T05:59:59+01:00", []),  # another zone: 12:59:59 in Beijing
        ("2026-11-23T06:00:00+01:00", [("late", "error")]),
    ],
)
def test_on_time_iff_received_strictly_before_due(
    repo: GitRepo, author_date: str, expected: list[tuple[str, str]]
) -> None:
    repo.write(PATH, WEEKLY)
    repo.commit("weekly", author_date, committer_date="2026-11-27T09:00:00+08:00")
    assert rules_for(repo) == expected


def test_committer_date_does_not_matter(repo: GitRepo) -> None:
    repo.write(PATH, WEEKLY)
    repo.commit("weekly", "2026-11-22T20:00:00+08:00", committer_date="2026-11-25T09:00:00+08:00")
    assert rules_for(repo) == []


def test_late_with_reason_is_a_warning(repo: GitRepo) -> None:
    repo.write(PATH, WEEKLY + "late_reason: 周一在山区站点,没有网络。\n")
    repo.commit("weekly", "2026-11-24T09:00:00+08:00")
    assert rules_for(repo) == [("late", "warning")]


def test_blank_late_reason_is_still_an_error(repo: GitRepo) -> None:
    repo.write(PATH, WEEKLY + 'late_reason: "  "\n')
    repo.commit("weekly", "2026-11-24T09:00:00+08:00")
    assert rules_for(repo) == [("late", "error")]


def test_received_is_the_first_add_not_a_later_edit(repo: GitRepo) -> None:
    repo.write(PATH, WEEKLY)
    repo.commit("weekly", "2026-11-22T20:00:00+08:00")
    repo.write(PATH, WEEKLY.replace("本周走访", "本周又走访"))
    repo.commit("fix typo", "2026-11-25T09:00:00+08:00")
    assert rules_for(repo) == []


def test_earliest_add_on_any_parent_counts(repo: GitRepo) -> None:
    """A report added on a side branch before the deadline and merged after it is on time."""
    repo.git("checkout", "-q", "-b", "report")
    repo.write(PATH, WEEKLY)
    repo.commit("weekly", "2026-11-23T10:00:00+08:00")
    repo.git("checkout", "-q", "main")
    repo.write("org/README.md", "# org\n")
    repo.commit("unrelated", "2026-11-23T11:00:00+08:00")
    repo.git("merge", "-q", "--no-ff", "-m", "merge", "report", date="2026-11-24T10:00:00+08:00")
    assert rules_for(repo) == []


def test_uncommitted_report_is_received_now(repo: GitRepo) -> None:
    repo.write(PATH, WEEKLY)
    assert rules_for(repo) == [("late", "error")]  # now is Friday of the next week
    early = check(repo.root, [PATH], dt.datetime.fromisoformat("2026-11-23T12:00:00+08:00"))
    assert early.diagnostics == []


def test_week_before_first_posting_is_not_posted(repo: GitRepo) -> None:
    path = "submissions/wang-fang/weekly/2026-W39.yaml"
    text = WEEKLY.replace("li-ming", "wang-fang").replace("2026-W47", "2026-W39")
    repo.write(path, text.replace("2026-11-17", "2026-09-22"))
    repo.commit("weekly", "2026-09-27T20:00:00+08:00")
    assert rules_for(repo, path) == [("not-posted", "warning")]


def test_future_week_is_refused(repo: GitRepo) -> None:
    path = "submissions/li-ming/weekly/2026-W49.yaml"
    repo.write(path, WEEKLY.replace("2026-W47", "2026-W49").replace("2026-11-17", "2026-12-01"))
    assert rules_for(repo, path) == [("future-period", "error")]


def test_policy_deadline_and_time_zone_are_respected(repo: GitRepo) -> None:
    repo.write(
        "org/policy.yaml",
        'timezone: Europe/Berlin\nreports:\n  weekly: {due: {weekday: tuesday, time: "09:00"}}\n',
    )
    repo.write(PATH, WEEKLY)
    repo.commit("weekly", "2026-11-24T08:59:59+01:00")
    assert rules_for(repo) == []
    repo.write(
        "submissions/li-ming/weekly/2026-W46.yaml",
        WEEKLY.replace("2026-W47", "2026-W46").replace("2026-11-17", "2026-11-10"),
    )
    repo.commit("weekly", "2026-11-17T09:00:00+01:00")
    assert rules_for(repo, "submissions/li-ming/weekly/2026-W46.yaml") == [("late", "error")]


def test_history_cache_gives_the_same_answer_and_can_be_bypassed(repo: GitRepo) -> None:
    repo.write(PATH, WEEKLY)
    repo.commit("weekly", "2026-11-23T13:00:00+08:00")
    first = check(repo.root, None, NOW)
    cache = list((repo.root / ".git/validator").glob("received-*.json"))
    assert len(cache) == 1
    assert check(repo.root, None, NOW) == first
    assert check(repo.root, None, NOW, use_cache=False) == first


def _case_file(case: str) -> tuple[str, str]:
    root = CASES / "valid" / case
    (path,) = [p for p in root.rglob("*.yaml") if "submissions" in p.parts]
    return path.relative_to(root).as_posix(), path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("case", "on_time", "late"),
    [
        # monthly: the 5th of the next month, 18:00 (docs/guide/submit.md#layout)
        ("monthly", "2026-11-05T17:59:59+08:00", "2026-11-05T18:00:00+08:00"),
        # expenses: before the 10th, i.e. the 10th at 00:00
        ("expenses", "2026-11-09T23:59:59+08:00", "2026-11-10T00:00:00+08:00"),
        # incidents: within 24 h of occurred_at (2026-11-20 14:30 +08:00)
        ("incident", "2026-11-21T14:29:59+08:00", "2026-11-21T14:30:00+08:00"),
    ],
)
def test_deadlines_of_the_other_kinds(
    git_repo: GitRepo, case: str, on_time: str, late: str
) -> None:
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.commit("org", "2026-01-05T09:00:00+08:00")
    path, text = _case_file(case)
    git_repo.write(path, text)
    git_repo.commit(case, on_time)
    assert rules_for(git_repo, path) == []
    git_repo.git("reset", "-q", "--hard", "HEAD~1")
    git_repo.write(path, text)
    git_repo.commit(case, late)
    assert rules_for(git_repo, path) == [("late", "error")]
