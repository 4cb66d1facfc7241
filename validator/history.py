"""When each report reached the repository, read from git history in one pass.

`received_at` of a committed report is the author date of the earliest commit that added its path,
over all parents (SPEC §5). One `git log` run answers it for every path at once; the answer is
cached per HEAD commit inside the git directory, since history below a commit never changes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from validator.errors import RepositoryError

CACHE_VERSION = 1


@dataclass
class History:
    """Git facts about a work tree; `head` is None outside git or before the first commit."""

    head: str | None = None
    git_dir: Path | None = None
    received: dict[str, dt.datetime] = field(default_factory=dict)

    def received_at(self, path: str) -> dt.datetime | None:
        return self.received.get(path)


def git(root: Path, *args: str) -> str:
    """Run git in `root` and return stdout; RepositoryError when git fails."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["LC_ALL"] = "C"
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=root,
            env=env,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError as exc:
        raise RepositoryError("git is not installed") from exc
    if done.returncode != 0:
        raise RepositoryError(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout.decode("utf-8", "surrogateescape")


def is_git_repo(root: Path) -> bool:
    try:
        return git(root, "rev-parse", "--is-inside-work-tree").strip() == "true"
    except RepositoryError:
        return False


def load_history(
    root: Path, *, use_cache: bool = True, paths: Sequence[str] | None = None
) -> History:
    """`received_at` of every committed file under `submissions/`, from one `git log`.

    With `paths`, only those files are looked up: a pull request touching one report needs one
    path's history, which git finds several times faster than all of them (never cached)."""
    if not is_git_repo(root):
        return History()
    git_dir = Path(git(root, "rev-parse", "--absolute-git-dir").strip())
    try:
        head = git(root, "rev-parse", "--verify", "-q", "HEAD").strip()
    except RepositoryError:
        return History(git_dir=git_dir)  # no commit yet
    if paths is not None:
        return History(head, git_dir, added_dates(root, "HEAD", paths))
    cache = git_dir / "validator" / f"received-{head}.json"
    if use_cache and cache.is_file():
        try:
            stored = json.loads(cache.read_text(encoding="utf-8"))
            if stored.get("version") == CACHE_VERSION:
                return History(head, git_dir, _decode(stored["received"]))
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a damaged cache is rebuilt below
    received = added_dates(root, "HEAD")
    history = History(head, git_dir, received)
    if use_cache:
        _store(cache, received)
    return history


def added_dates(root: Path, rev: str, paths: Sequence[str] | None = None) -> dict[str, dt.datetime]:
    """Earliest author date of a commit adding each path under submissions/, over all parents."""
    selected = [p for p in paths if p.startswith("submissions/")] if paths is not None else None
    if selected == []:
        return {}
    out = git(
        root,
        "log",
        "-z",
        "--diff-filter=A",
        "--name-only",
        "--no-renames",
        "--format=%x01%at",
        rev,
        "--",
        *(["submissions"] if selected is None else [f":(literal){p}" for p in selected]),
    )
    earliest: dict[str, int] = {}
    for record in out.split("\x01")[1:]:
        stamp, _, names = record.partition("\0")
        when = int(stamp)
        for name in names.lstrip("\n").split("\0"):
            if name and (name not in earliest or when < earliest[name]):
                earliest[name] = when
    return {name: dt.datetime.fromtimestamp(ts, dt.UTC) for name, ts in earliest.items()}


def _decode(data: dict[str, int]) -> dict[str, dt.datetime]:
    return {name: dt.datetime.fromtimestamp(ts, dt.UTC) for name, ts in data.items()}


def _store(cache: Path, received: dict[str, dt.datetime]) -> None:
    try:
        cache.parent.mkdir(exist_ok=True)
        for old in cache.parent.glob("received-*.json"):
            old.unlink(missing_ok=True)
        payload = {
            "version": CACHE_VERSION,
            "received": {k: int(v.timestamp()) for k, v in received.items()},
        }
        tmp = cache.with_suffix(".tmp")
        tmp.write_text(json.dumps(payload), encoding="utf-8")
        tmp.replace(cache)
    except OSError:
        pass  # a read-only checkout simply goes without a cache
