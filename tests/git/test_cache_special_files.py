"""A cache file under `.git/validator/` that is not a regular file is as good as none.

Anyone (or any job of a runner that keeps its work tree between jobs) may leave something else
under that name: a named pipe blocks whoever opens it to read, until someone writes, and a link
to a device such as /dev/zero gives bytes without end. Each cache must then be read as missing:
the same answer as a run without it, never a hang.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.corpus import BASE, CASES
from tests.support.gitrepo import GitRepo
from validator.checking.check import check, run_checks
from validator.checking.pr import verdicts
from validator.core import files
from validator.features.doctor import data as doctor_data
from validator.repo.workspace import open_workspace

PATH = "submissions/li-ming/weekly/2026-W47.yaml"
WEEKLY = (CASES / "valid/weekly-minimal" / PATH).read_text(encoding="utf-8")
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
WAIT = 10.0  # seconds: a reader that takes longer is stuck on the pipe


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.write(PATH, WEEKLY.replace("2026-11-17", "2026-11-30"))  # one finding
    git_repo.commit("week 47", "2026-11-22T20:00:00+08:00")
    return git_repo


def full(repo: GitRepo, *, use_cache: bool = True) -> list[Any]:
    return check(repo.root, None, NOW, use_cache=use_cache).diagnostics


def pages(repo: GitRepo) -> list[Any]:
    return run_checks(open_workspace(repo.root), NOW)


def within(read: Callable[[], Any], pipe: Path) -> Any:
    """`read()`, which must not wait on `pipe`; a reader stuck there is let go (a writer opens
    the pipe and closes it) before the test fails."""
    answer: list[Any] = []
    worker = threading.Thread(target=lambda: answer.append(read()), daemon=True)
    worker.start()
    worker.join(WAIT)
    if worker.is_alive():
        while worker.is_alive():
            with contextlib.suppress(OSError):  # no reader yet: ENXIO
                os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
            worker.join(0.1)
        pytest.fail(f"the reader waited on the named pipe {pipe.name}")
    return answer[0]


def pipe_in_place_of(file: Path) -> Path:
    file.unlink()
    os.mkfifo(file)
    return file


def cache(repo: GitRepo, pattern: str) -> Path:
    [file] = (repo.root / ".git/validator").glob(pattern)
    return file


@pytest.mark.parametrize("name", ["received-*.json", "verdicts.pickle"])
def test_a_named_pipe_in_place_of_a_check_cache_is_none(repo: GitRepo, name: str) -> None:
    expected = full(repo, use_cache=False)
    assert full(repo) == expected  # the caches are written
    pipe = pipe_in_place_of(cache(repo, name))
    assert within(lambda: full(repo), pipe) == expected


def test_a_named_pipe_in_place_of_the_report_cache_is_none(repo: GitRepo) -> None:
    expected = pages(repo)
    pipe = pipe_in_place_of(cache(repo, "reports-*.pickle"))
    assert within(lambda: pages(repo), pipe) == expected


def test_a_named_pipe_in_place_of_the_backdating_verdicts_is_none(repo: GitRepo) -> None:
    git_dir = repo.root / ".git"
    verdicts.store(git_dir, [])
    pipe = pipe_in_place_of(git_dir / "validator" / verdicts.FILE)
    assert within(lambda: verdicts.load(git_dir), pipe) == []


def test_the_doctor_names_a_named_pipe_in_place_of_a_history_cache(repo: GitRepo) -> None:
    full(repo)
    pipe = pipe_in_place_of(cache(repo, "received-*.json"))
    assert within(lambda: doctor_data._cache_ok(pipe), pipe) is False  # cache-damaged


def test_a_cache_file_is_read_where_os_has_no_such_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has neither O_NONBLOCK nor O_CLOEXEC (staff run the validator there too)."""
    cached = tmp_path / "received.json"
    cached.write_bytes(b"{}\r\n")
    for flag in ("O_NONBLOCK", "O_CLOEXEC"):
        monkeypatch.delattr(os, flag, raising=False)
    try:
        reloaded = importlib.reload(files)
        with reloaded.open_cache(cached) as handle:
            assert handle.read() == b"{}\r\n"
    finally:
        monkeypatch.undo()
        importlib.reload(files)
