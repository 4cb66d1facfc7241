"""Summaries kept as read, by content, in `.git/validator/`.

A national company's archived year is some 400,000 lines, and main keeps one summary per year:
reading five years as text took most of every command's time once a company had them. A
summary never changes once merged, so what reading one gave (when it gave no problem) is kept
here under a digest of its bytes and of the code that read it, as plain values: loading them
is ten times faster than reading the text, and entries are made only when a rule asks for a
person's (`Summary.group`). A summary with any problem is never kept: it is read again, and its
messages come from there. The file is named for the summary, so each year keeps one answer.

That a summary agrees with its archive point's policy and its archive branch is kept beside
(`clean`), under a digest of everything the answer rests on: the summary (which names the
archive point), whether that point is in this clone, the branch's reports.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import zlib
from pathlib import Path
from typing import Any

from validator.core.files import open_cache, replace_whole
from validator.core.fingerprint import code_fingerprint, imported_by

#: 1: the first form (header, rows by person and kind, spare units, received)
VERSION = 1
_DIGEST = 32


@functools.cache
def code() -> str:
    """The code a kept answer depends on: reading a summary and checking one (which imports
    the reading, and this module)."""
    return code_fingerprint(imported_by("validator.repo.archive_check"), VERSION)


def content_key(raw: bytes) -> str:
    """What a summary's answer is kept under: its bytes and the code that reads them."""
    digest = hashlib.blake2b(raw, digest_size=_DIGEST)
    digest.update(code().encode())
    return digest.hexdigest()


def _file(git_dir: Path, year: int, suffix: str) -> Path:
    return git_dir / "validator" / f"archive-{year}.{suffix}"


def load(git_dir: Path, year: int, key: str) -> tuple[Any, ...] | None:
    """The values kept for the summary of `year` whose content is `key`; None when there are
    none, or they were kept for other content or code, or the file is not whole."""
    try:
        with open_cache(_file(git_dir, year, "marshal")) as handle:
            data = handle.read()
    except OSError:
        return None
    cut = len(key) + 1 + 8
    head, body = data[:cut], data[cut:]
    if head != _head(key, body):
        return None
    try:
        values = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    return values if isinstance(values, tuple) else None


def save(git_dir: Path, year: int, key: str, values: tuple[Any, ...]) -> None:
    """Keep `values` (ValueError when marshal cannot keep them)."""
    body = marshal.dumps(values)
    head = _head(key, body)
    replace_whole(_file(git_dir, year, "marshal"), lambda h: (h.write(head), h.write(body)))


def _head(key: str, body: bytes) -> bytes:
    """The content key, then a checksum of the values: a file cut short or changed is none."""
    return f"{key}\n{zlib.crc32(body):08x}".encode()


def verdict_key(key: str, *parts: str) -> str:
    """What a clean verdict on the summary `key` rests on, besides it (`parts`)."""
    return hashlib.blake2b("\0".join((key, *parts)).encode(), digest_size=_DIGEST).hexdigest()


def is_clean(git_dir: Path, year: int, verdict: str) -> bool:
    """Whether the summary of `year` was found clean on exactly what `verdict` digests."""
    with contextlib.suppress(OSError), open_cache(_file(git_dir, year, "clean")) as handle:
        return handle.read(_DIGEST * 2 + 1) == verdict.encode()
    return False


def mark_clean(git_dir: Path, year: int, verdict: str) -> None:
    replace_whole(_file(git_dir, year, "clean"), lambda h: h.write(verdict.encode()))
