"""A whole walk launched from a short-lived thread once git has counted (`launch_soon`): the
same answer, no thread left when a helper is forked, nothing running after `close`, and a
failure in the thread raised in the caller's."""

from __future__ import annotations

import subprocess
import tempfile
import threading
from pathlib import Path
from typing import IO

import pytest

from tests.support.gitrepo import GitRepo
from validator.core.errors import RepositoryError
from validator.repo import history
from validator.repo.history import load_history, start_history


@pytest.fixture
def repo(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    for week in (45, 46, 47):
        git_repo.write(f"submissions/li-ming/weekly/2026-W{week}.yaml", f"week: {week}\n")
        git_repo.commit(f"week {week}", f"2026-11-{week - 29}T09:00:00+08:00")
    monkeypatch.setattr(history, "SPLIT_AT", 2)  # three commits: split in two walks
    monkeypatch.setattr(history, "SPLIT_PEOPLE", 1)  # one person's folder: counted first
    return git_repo


def test_a_walk_launched_soon_gives_the_same_answer(repo: GitRepo) -> None:
    whole = load_history(repo.root, use_cache=False)
    pending = start_history(repo.root, use_cache=False)
    pending.launch_soon()
    assert pending.result() == whole and len(whole.received) == 3
    assert pending.launcher is None and threading.active_count() == 1


def test_launch_waits_for_the_thread_so_that_a_helper_may_be_forked(repo: GitRepo) -> None:
    pending = start_history(repo.root, use_cache=False)
    pending.launch_soon()
    pending.launch()
    try:
        assert pending.launcher is None and threading.active_count() == 1
        assert pending.counting is None and len(pending.parts) == 2  # the walk is running
    finally:
        pending.close()


def slow_count(root: Path, rev: str) -> tuple[subprocess.Popen[bytes], IO[bytes], str]:
    """A count that never ends on its own, as `git rev-list` over a long history seems."""
    listing = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the history)
    return subprocess.Popen(["sleep", "600"], stdout=listing), listing, rev


def test_closing_while_git_still_counts_leaves_nothing_running(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "_count", slow_count)
    pending = start_history(repo.root, use_cache=False)
    assert pending.counting is not None
    counter = pending.counting[0]
    pending.launch_soon()
    assert not pending.finished()  # still counting: the caller goes on with its own work
    pending.close()
    assert counter.poll() is not None  # the count was stopped, not waited for
    assert pending.launcher is None and threading.active_count() == 1
    assert all(process.poll() is not None for process, _, _ in pending.parts)
    with pytest.raises(RepositoryError):
        pending.result()


def test_a_failure_in_the_launching_thread_is_raised_in_the_callers(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_git(*args: object) -> None:
        raise RepositoryError("git is not installed")

    monkeypatch.setattr(history, "_start", no_git)
    pending = start_history(repo.root, use_cache=False)
    pending.launch_soon()
    with pytest.raises(RepositoryError, match="not installed"):
        pending.result()
    assert pending.launcher is None and pending.failure is None
    assert threading.active_count() == 1


def test_the_history_looks_for_summaries_where_the_archive_leaves_them() -> None:
    """The history imports the archive's models only when that folder exists."""
    from validator.repo.archive_format import FOLDER

    assert FOLDER == history.SUMMARIES


def test_a_count_killed_by_someone_else_still_gives_the_whole_walk(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only `close` stops the walk: a count that dies any other way (the OOM killer, a signal
    sent to it) leaves the walk to run in one piece, which says what git says (a reviewer's
    find: it used to end the check with "stopped before it started")."""
    import os
    import signal

    whole = load_history(repo.root, use_cache=False)
    monkeypatch.setattr(history, "_count", slow_count)
    pending = start_history(repo.root, use_cache=False)
    assert pending.counting is not None
    os.kill(pending.counting[0].pid, signal.SIGKILL)
    assert pending.result() == whole
