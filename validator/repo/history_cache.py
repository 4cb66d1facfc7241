"""The received dates of a commit's history, kept inside the git directory.

Per path: the received date and, while no version of it has passed the schema yet, the blob of
its latest version (a later commit that changes the path then checks that blob first). Where that
version is dated before one that has passed (a hand-set author date), the date of the one that
passed is kept besides (`passed`): it is the received date should the latest turn out broken.

History below a commit never changes, but which of its versions pass the schema is the code's
judgement: an answer stays right for as long as the code that gave it (`code`), and the newest few
are kept as JSON in `.git/validator/`. Each answer is read on from the one before, so one kept by
an older validator would outlive every upgrade; an answer of other code is as good as none. An
answer is only ever used for HEAD itself or for an ancestor of HEAD (then git reads the commits
since). Anything wrong with a file means "none".
A shallow clone's history is cut off (every report seems added at the cut): its answers are not
kept, so none outlives `git fetch --unshallow`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from validator.core.errors import RepositoryError
from validator.core.files import open_cache, replace_whole
from validator.core.fingerprint import code_fingerprint, imported_by
from validator.repo.git import git

#: 3: `passed` besides (2 lost the date of a valid version dated after the latest one; 1 held
#: the date of the first addition)
VERSION = 3
KEEP = 3  # cached commits kept (main, and the branches a clone switches between)
GITLINK = "160000"  # the blob of a submodule entry (`history`): never a report
#: the epoch seconds a datetime can hold (years 1 to 9999, a day inside either end for any zone)
EARLIEST = int(dt.datetime(1, 1, 2, tzinfo=dt.UTC).timestamp())
LATEST = int(dt.datetime(9999, 12, 30, tzinfo=dt.UTC).timestamp())
_OBJECT_IDS = frozenset((0, 40, 64))  # the lengths of a blob id (SHA-1, SHA-256) or SETTLED
_HEX = b"0123456789abcdef"


@functools.cache
def code() -> str:
    """The fingerprint of the code an answer depends on: the walk, the blob check and the
    schema they import (read as files, not imported: a command starts git before the models)."""
    return code_fingerprint(imported_by("validator.repo.history"), VERSION)


def cache_file(git_dir: Path, commit: str) -> Path:
    return git_dir / "validator" / f"received-{commit}.json"


def is_shallow(git_dir: Path) -> bool:
    """Whether the repository is a shallow clone: git keeps its cut in `shallow`, in the common
    directory a linked worktree's `commondir` names. Files, not `git rev-parse`: no process."""
    return _shallow_file(git_dir).exists()


def shallow_cut(git_dir: Path) -> list[str]:
    """The commits a shallow clone's history stops at (none in a whole clone)."""
    try:
        return _shallow_file(git_dir).read_text("ascii").split()
    except (OSError, ValueError):
        return []


def _shallow_file(git_dir: Path) -> Path:
    try:
        common = git_dir / (git_dir / "commondir").read_text("utf-8").strip()
    except (OSError, ValueError):
        common = git_dir  # the main worktree: its git directory is the common one
    return common / "shallow"


class Cached(NamedTuple):
    """The state of the history at `commit` (`history_log.settle`)."""

    commit: str
    received: dict[str, tuple[int, str]]  # (received date, blob or "" once a version passed)
    passed: dict[str, int]  # the earliest date of a passing version, where `received` is earlier


def cached_ancestor(root: Path, git_dir: Path, head: str) -> Cached | None:
    """The cached answer for HEAD, else for the newest cached ancestor of HEAD."""
    files = sorted(
        (git_dir / "validator").glob("received-*.json"),
        key=lambda f: (f.name != cache_file(git_dir, head).name, -_mtime(f)),
    )
    for file in files[:KEEP]:
        commit = file.stem.removeprefix("received-")
        if commit != head and not is_ancestor(root, commit, head):
            continue
        state = _read(file)
        if state is not None:
            return Cached(commit, *state)
    return None


def _read(file: Path) -> tuple[dict[str, tuple[int, str]], dict[str, int]] | None:
    """The state `store` kept in `file`, or None. Values are checked, never converted: a fraction
    or a date as text would move a received time, and a date a datetime cannot hold, or a shape
    not `store`'s, would end the check with a traceback."""
    try:
        with open_cache(file) as handle:  # a regular file, nothing else
            stored = json.loads(handle.read().decode("utf-8"))
        if type(stored) is not dict or stored.get("version") != VERSION:
            return None
        if stored.get("code") != code():
            return None  # another validator's judgement of which versions pass
        rows, dates = stored["received"], stored["passed"]
        if type(rows) is not dict or type(dates) is not dict:
            return None
        # a row that is not a pair fails to unpack; a pair of anything else is left out
        received = {
            path: (when, blob)
            for path, (when, blob) in rows.items()
            if type(when) is int and EARLIEST <= when <= LATEST and type(blob) is str
        }
        passed = {p: w for p, w in dates.items() if type(w) is int and EARLIEST <= w <= LATEST}
        # blobs go to `git cat-file` one a line: ids of hex digits (GITLINK is hex too)
        blobs = list(map(itemgetter(1), received.values()))
        ids = "".join(blobs).encode("ascii")
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None  # a damaged cache is as good as none (UnicodeError is a ValueError)
    if len(received) != len(rows) or len(passed) != len(dates) or ids.translate(None, _HEX):
        return None
    if not set(map(len, blobs)) <= _OBJECT_IDS and any(
        len(b) not in _OBJECT_IDS and b != GITLINK for b in blobs
    ):
        return None
    return received, passed


def _mtime(file: Path) -> float:
    try:
        return file.stat().st_mtime
    except OSError:
        return 0.0


def is_ancestor(root: Path, commit: str, head: str) -> bool:
    if len(commit) not in (40, 64) or not all(c in "0123456789abcdef" for c in commit):
        return False
    try:
        git(root, "merge-base", "--is-ancestor", commit, head)
    except RepositoryError:
        return False  # not an ancestor, or not a commit of this repository (any more)
    return True


def store(cache: Path, earliest: dict[str, tuple[int, str]], passed: dict[str, int]) -> None:
    """Keep the answer for this commit, whole (`replace_whole`), and the few newest others."""
    kept = {"version": VERSION, "code": code(), "received": earliest, "passed": passed}
    text = json.dumps(kept)
    if not replace_whole(cache, lambda handle: handle.write(text.encode("utf-8"))):
        return  # a read-only checkout or a full disk: no cache this time
    others = sorted(cache.parent.glob("received-*.json"), key=_mtime, reverse=True)
    for old in others[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink(missing_ok=True)
