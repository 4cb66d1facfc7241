"""Saving the history cache (`history_cache.store`) while another check saves the same commit's
answer, or when the save fails: one whole answer or none, and no temporary file left behind."""

from __future__ import annotations

import builtins
import io
from pathlib import Path
from typing import Any

import pytest

from validator.repo import history_cache
from validator.repo.history_cache import store

HEAD = "c" * 40
MANY = {
    f"submissions/li-ming/weekly/2026-W{n:02d}.yaml": (1_795_000_000 + n, "b" * 40)
    for n in range(50)
}
FEW = {"submissions/zhou-min/monthly/2026-10.yaml": (1_795_000_000, "")}


class Writer:
    """A file opened for writing whose `write` runs `meanwhile` halfway through (or fails)."""

    def __init__(self, handle: Any, meanwhile: Any) -> None:
        self.handle, self.meanwhile = handle, meanwhile

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def close(self) -> None:
        self.handle.close()

    def write(self, text: str) -> int:
        half = len(text) // 2
        self.handle.write(text[:half])
        self.handle.flush()
        self.meanwhile()
        return int(self.handle.write(text[half:])) + half


def hook(monkeypatch: pytest.MonkeyPatch, meanwhile: Any) -> None:
    """Every file opened for writing (by name or descriptor, however the save opens it) runs
    `meanwhile` halfway through its write, once."""
    real = io.open

    def opening(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real(file, mode, *args, **kwargs)
        if "w" not in mode:
            return handle
        monkeypatch.setattr(io, "open", real)
        monkeypatch.setattr(builtins, "open", real)
        return Writer(handle, meanwhile)

    monkeypatch.setattr(io, "open", opening)
    monkeypatch.setattr(builtins, "open", opening)


def test_two_checks_saving_at_once_leave_one_whole_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With one temporary name, the second check truncated and renamed the file the first was
    still writing, which then ended as the cache: half of each, unreadable."""
    cache = history_cache.cache_file(tmp_path, HEAD)
    hook(monkeypatch, lambda: store(cache, FEW, {}))
    store(cache, MANY, {})
    assert history_cache._read(cache) in ((MANY, {}), (FEW, {}))
    assert [p.name for p in cache.parent.iterdir()] == [cache.name]


def test_a_save_that_fails_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk() -> None:
        raise OSError(28, "No space left on device")

    cache = history_cache.cache_file(tmp_path, HEAD)
    hook(monkeypatch, full_disk)
    store(cache, MANY, {})
    assert list(cache.parent.iterdir()) == []


def test_an_interrupted_save_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt() -> None:
        raise KeyboardInterrupt

    cache = history_cache.cache_file(tmp_path, HEAD)
    hook(monkeypatch, interrupt)
    with pytest.raises(KeyboardInterrupt):
        store(cache, MANY, {})
    assert list(cache.parent.iterdir()) == []
