"""Reading a file's bytes: whole, within the size limit, whatever the file system does meanwhile.

`read_bytes` asks for the size fstat gives (plus one byte) instead of the whole limit, so that a
600-byte report does not need a 256 KiB buffer. These tests hold the reads to the same answers as
asking for the whole limit gave."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from validator.reading.filebytes import MAX_BYTES, read_bytes

REL = "submissions/li-ming/weekly/2026-W47.yaml"


def written(tmp_path: Path, size: int) -> tuple[str, bytes]:
    content = bytes(ord("a") + i % 26 for i in range(size))
    path = tmp_path / "report.yaml"
    path.write_bytes(content)
    return str(path), content


@pytest.mark.parametrize("size", [0, 1, 600, 4096, MAX_BYTES - 1, MAX_BYTES])
def test_a_file_within_the_limit_is_read_whole(tmp_path: Path, size: int) -> None:
    path, content = written(tmp_path, size)
    assert read_bytes(path, REL) == (content, [])


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path, _ = written(tmp_path, MAX_BYTES + 1)
    raw, problems = read_bytes(path, REL)
    assert raw is None
    assert [d.rule for d in problems] == ["too-large"]


def shrunk_stat(real: os.stat_result, size: int) -> os.stat_result:
    fields = list(real)
    fields[6] = size  # st_size
    return os.stat_result(fields)


@pytest.mark.parametrize(("size", "seen"), [(600, 100), (600, 0), (MAX_BYTES, 10)])
def test_a_file_that_grew_after_fstat_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int, seen: int
) -> None:
    """fstat saw `seen` bytes; by the read, the file holds `size`."""
    path, content = written(tmp_path, size)
    real = os.fstat
    monkeypatch.setattr(
        "validator.reading.filebytes.os.fstat", lambda fd: shrunk_stat(real(fd), seen)
    )
    assert read_bytes(path, REL) == (content, [])


def test_a_file_that_grew_past_the_limit_after_fstat_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = written(tmp_path, MAX_BYTES + 10)
    real = os.fstat
    monkeypatch.setattr(
        "validator.reading.filebytes.os.fstat", lambda fd: shrunk_stat(real(fd), 600)
    )
    raw, problems = read_bytes(path, REL)
    assert raw is None
    assert [d.rule for d in problems] == ["too-large"]


def test_short_reads_are_continued(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Some file systems (network mounts) return fewer bytes than asked for."""
    path, content = written(tmp_path, 5000)
    real = os.read
    monkeypatch.setattr("validator.reading.filebytes.os.read", lambda fd, n: real(fd, min(n, 7)))
    assert read_bytes(path, REL) == (content, [])


def test_the_first_read_asks_for_the_size_not_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The point of the change: no 256 KiB buffer for a 600-byte report."""
    path, content = written(tmp_path, 600)
    real, asked = os.read, []

    def spy(fd: int, n: int) -> bytes:
        asked.append(n)
        return real(fd, n)

    monkeypatch.setattr("validator.reading.filebytes.os.read", spy)
    assert read_bytes(path, REL) == (content, [])
    assert asked == [601]


def test_a_file_that_grew_is_read_whole_through_short_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, content = written(tmp_path, 5000)
    real_stat, real_read = os.fstat, os.read
    monkeypatch.setattr(
        "validator.reading.filebytes.os.fstat", lambda fd: shrunk_stat(real_stat(fd), 100)
    )
    monkeypatch.setattr(
        "validator.reading.filebytes.os.read", lambda fd, n: real_read(fd, min(n, 101))
    )
    assert read_bytes(path, REL) == (content, [])
