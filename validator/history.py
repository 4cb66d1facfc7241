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
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

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


def _git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["LC_ALL"] = "C"
    return env


def git(root: Path, *args: str) -> str:
    """Run git in `root` and return stdout; RepositoryError when git fails."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=root,
            env=_git_env(),
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


@dataclass
class PendingHistory:
    """A history being read: `git log` runs in the background while the caller works.

    No thread is involved (the output goes to a temporary file), so the caller may still fork a
    helper process for parsing."""

    ready: History | None = None
    head: str | None = None
    git_dir: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    output: IO[bytes] | None = None
    errors: IO[bytes] | None = None
    cache: Path | None = None

    def close(self) -> None:
        """Give up on a history that is no longer wanted (the caller failed meanwhile)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.process is not None:
            self.process.wait()
        for handle in (self.output, self.errors):
            if handle is not None:
                handle.close()

    def result(self) -> History:
        """Wait for git and return the history; RepositoryError when git failed."""
        if self.ready is not None:
            return self.ready
        assert self.process is not None and self.output is not None and self.errors is not None
        code = self.process.wait()
        self.output.seek(0)
        self.errors.seek(0)
        out, err = self.output.read(), self.errors.read()
        self.output.close()
        self.errors.close()
        if code != 0:
            raise RepositoryError(err.decode("utf-8", "replace").strip())
        received = _parse_log(out.decode("utf-8", "surrogateescape"))
        if self.cache is not None:
            _store(self.cache, received)
        self.ready = History(self.head, self.git_dir, received)
        return self.ready


def load_history(
    root: Path, *, use_cache: bool = True, paths: Sequence[str] | None = None
) -> History:
    """`received_at` of every committed file under `submissions/`, from one `git log`.

    With `paths`, only those files are looked up: a pull request touching one report needs one
    path's history, which git finds several times faster than all of them (never cached)."""
    return start_history(root, use_cache=use_cache, paths=paths).result()


def start_history(
    root: Path, *, use_cache: bool = True, paths: Sequence[str] | None = None
) -> PendingHistory:
    """Start `load_history`: answered at once from the cache, else git runs in the background."""
    if not is_git_repo(root):
        return PendingHistory(History())
    git_dir = Path(git(root, "rev-parse", "--absolute-git-dir").strip())
    try:
        head = git(root, "rev-parse", "--verify", "-q", "HEAD").strip()
    except RepositoryError:
        return PendingHistory(History(git_dir=git_dir))  # no commit yet
    selected = _selected(paths)
    if selected == []:
        return PendingHistory(History(head, git_dir, {}))
    cache = git_dir / "validator" / f"received-{head}.json"
    if paths is None and use_cache and cache.is_file():
        try:
            stored = json.loads(cache.read_text(encoding="utf-8"))
            if stored.get("version") == CACHE_VERSION:
                return PendingHistory(History(head, git_dir, _decode(stored["received"])))
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a damaged cache is rebuilt below
    # the files outlive this call: `result()` (or `close()`) reads and closes them
    output, errors = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # noqa: SIM115
    try:
        process = subprocess.Popen(
            ["git", "-c", "core.quotepath=off", *_log_args("HEAD", selected)],
            cwd=root,
            env=_git_env(),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=errors,
        )
    except FileNotFoundError as exc:
        output.close()
        errors.close()
        raise RepositoryError("git is not installed") from exc
    keep = cache if paths is None and use_cache else None
    return PendingHistory(None, head, git_dir, process, output, errors, keep)


def _selected(paths: Sequence[str] | None) -> list[str] | None:
    return [p for p in paths if p.startswith("submissions/")] if paths is not None else None


def _log_args(rev: str, selected: list[str] | None) -> list[str]:
    """Every commit's added paths. The whole history is read without a pathspec: git then skips
    pathspec matching in every tree it compares (a third faster) and simplifies no history, so a
    report first added on a side branch is seen there; other paths are dropped when parsing.
    A few named paths are cheaper with a pathspec, and `--full-history` keeps every parent."""
    limit = (
        [] if selected is None else ["--full-history", "--", *(f":(literal){p}" for p in selected)]
    )
    return [
        "log",
        "-z",
        "--diff-filter=A",
        "--name-only",
        "--no-renames",
        "--format=%x01%at",
        rev,
        *limit,
    ]


def _parse_log(out: str) -> dict[str, dt.datetime]:
    earliest: dict[str, int] = {}
    for record in out.split("\x01")[1:]:
        stamp, _, names = record.partition("\0")
        when = int(stamp)
        for name in names.lstrip("\n").split("\0"):
            if name.startswith("submissions/") and (name not in earliest or when < earliest[name]):
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
