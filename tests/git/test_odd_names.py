"""A file name may hold any byte but NUL. None may be read as a commit boundary in `git log`'s
output: a name holding \\x01 and digits used to give the other files of its commit the date the
digits spell (a report added late came out on time), one holding \\x01 and no digits the year
9999; in a pull request's commits, the report after such a name vanished from its commit.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil

import pytest
from click.testing import CliRunner

from tests.support.corpus import BASE, CASES
from tests.support.gitrepo import GitRepo
from validator.checking.pr.gitfacts import new_commits
from validator.cli import cli
from validator.repo import history
from validator.repo.history import load_history

PATH = "submissions/li-ming/weekly/2025-W09.yaml"
WHEN = "2026-02-28T10:00:00+08:00"
ODD = [
    "submissions/li-ming/weekly/1\x011700000000",  # sorts before PATH: same commit record
    "submissions/li-ming/weekly/1\x01x",
    "\x011700000000",  # a name that starts with the byte, outside submissions/
    "submissions/li-ming/\x01\x01\x01",
]


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.fixture(params=ODD, ids=["digits", "letter", "at-the-start", "only-the-byte"])
def odd(request: pytest.FixtureRequest, git_repo: GitRepo) -> str:
    git_repo.write("submissions/li-ming/weekly/2025-W08.yaml", "a: 1\n")
    git_repo.commit("an earlier report", "2026-01-05T09:00:00+08:00")
    name: str = request.param
    git_repo.write(name, "x\n")
    git_repo.write(PATH, "a: 1\n")
    git_repo.commit("a late report and an odd name", WHEN)
    git_repo.git("rm", "-q", "--", name)
    git_repo.commit("the odd name removed", "2026-02-28T11:00:00+08:00")
    return name


def test_a_name_never_dates_the_other_files_of_its_commit(git_repo: GitRepo, odd: str) -> None:
    received = load_history(git_repo.root, use_cache=False).received
    assert received[PATH] == at(WHEN)
    assert odd not in received  # deleted since


def test_nor_in_a_split_walk(git_repo: GitRepo, odd: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history, "SPLIT_AT", 2)
    monkeypatch.setattr(history, "SPLIT_PEOPLE", 1)
    pending = history.start_history(git_repo.root, use_cache=False)
    pending.launch()
    assert len(pending.parts) == 2
    assert pending.result().received[PATH] == at(WHEN)


def test_nor_in_a_walk_of_named_paths(git_repo: GitRepo, odd: str) -> None:
    received = load_history(git_repo.root, use_cache=False, paths=[odd, PATH]).received
    assert received == {PATH: at(WHEN)}


def test_nor_in_a_pull_requests_commits(git_repo: GitRepo, odd: str) -> None:
    base = git_repo.git("rev-parse", "HEAD~2").strip()
    head = git_repo.git("rev-parse", "HEAD").strip()
    commits = new_commits(git_repo.root, base, head)
    assert [c.author_date for c in commits] == [at("2026-02-28T11:00:00+08:00"), at(WHEN)]
    assert PATH in commits[1].paths
    assert {(status, p) for status, p, _ in commits[1].changes} == {("A", odd), ("A", PATH)}
    assert {(status, p) for status, p, _ in commits[0].changes} == {("D", odd)}


def check_json(repo: GitRepo, *args: str) -> tuple[int, list[tuple[str, str]]]:
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(repo.root), "--format", "json", "--no-cache", *args],
        env={"GITHUB_ACTIONS": "", "VALIDATOR_NOW": "", "VALIDATOR_REPO": ""},
    )
    assert isinstance(result.exception, SystemExit | None), result.output
    found = [(d["path"], d["rule"]) for d in json.loads(result.output)["diagnostics"]]
    return result.exit_code, found


def test_a_name_that_is_not_utf8_is_unexpected_in_a_pull_request_too(git_repo: GitRepo) -> None:
    """A report under one's own folder whose name is not UTF-8 is `unexpected-file` in the full
    check of main; the pull request that adds it must not pass clean."""
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.commit("org data", "2026-11-01T09:00:00+08:00")
    git_repo.git("branch", "base")
    weekly = CASES / "valid/weekly-minimal/submissions/li-ming/weekly/2026-W47.yaml"
    (git_repo.root / "submissions/li-ming/weekly").mkdir(parents=True)
    folder = os.fsencode(git_repo.root / "submissions/li-ming/weekly")
    with open(os.path.join(folder, b"2026-W47\xff.yaml"), "wb") as handle:
        handle.write(weekly.read_bytes())
    git_repo.commit("li-ming: weekly", "2026-11-22T20:00:00+08:00")
    shown = "submissions/li-ming/weekly/2026-W47\ufffd.yaml"
    now = "2026-11-22T21:00:00+08:00"
    assert check_json(git_repo, "--now", now) == (1, [(shown, "unexpected-file")])
    pull = ["--base", "base", "--author", "liming-gz", "--event-time", now, "--now", now]
    assert check_json(git_repo, *pull) == (1, [(shown, "unexpected-file")])
    named = os.fsdecode(os.path.join(folder, b"2026-W47\xff.yaml"))
    assert check_json(git_repo, "--now", now, named) == (1, [(shown, "unexpected-file")])
