"""The git facts a pull-request check needs, each from one git call.

Every call goes through `validator.repo.git.git`; a reference the user names that git cannot
resolve is a usage error (exit 2), not a repository failure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from validator.core.errors import RepositoryError, UsageError
from validator.repo.git import git


@dataclass(frozen=True)
class Change:
    """One path the pull request touches: `A`dded, `M`odified, `D`eleted or `T`ype-changed."""

    status: str
    path: str


@dataclass(frozen=True)
class Commit:
    """A commit new in the event: its author date (chosen by the author) and the paths it adds
    or changes."""

    sha: str
    author_date: dt.datetime
    paths: tuple[str, ...]


def resolve(root: Path, ref: str, option: str) -> str:
    """The commit id `ref` names; UsageError naming `option` when git does not know it."""
    if not ref or ref.startswith("-"):
        raise UsageError(f"{option}: not a git reference: {ref!r}")
    try:
        return git(
            root, "rev-parse", "--verify", "-q", "--end-of-options", f"{ref}^{{commit}}"
        ).strip()
    except RepositoryError:
        raise UsageError(
            f"{option}: unknown git reference {ref!r} (fetch it first, e.g. with "
            "`git fetch origin`; CI needs the full history)"
        ) from None


def merge_base(root: Path, base: str, head: str) -> str:
    try:
        return git(root, "merge-base", base, head).strip()
    except RepositoryError:
        raise UsageError(f"--base: no common history between {base} and HEAD") from None


def changed_files(root: Path, since: str, head: str) -> list[Change]:
    """Paths changed between `since` and `head`, renames split into delete + add."""
    out = git(root, "diff", "--name-status", "-z", "--no-renames", since, head, "--")
    fields = out.split("\0")
    changes = []
    for status, path in zip(fields[0::2], fields[1::2], strict=False):
        if status and path:
            changes.append(Change(status[0], path))
    return changes


def commit_range(root: Path, text: str) -> tuple[str, str]:
    """`A..B` with both ends resolved; anything else is a usage error."""
    start, sep, end = text.partition("..")
    if not sep or not start or not end or end.startswith("."):
        raise UsageError(f"--new-commits: expected A..B, got {text!r}")
    return resolve(root, start, "--new-commits"), resolve(root, end, "--new-commits")


def new_commits(root: Path, start: str, end: str, exclude: tuple[str, ...] = ()) -> list[Commit]:
    """Author dates and added or changed paths under submissions/ of every commit in
    start..end that is not reachable from `exclude` (commits already on the base branch were
    judged when they arrived there), from one `git log`. Merge commits list no paths of their
    own."""
    out = git(
        root,
        "log",
        "-z",
        "--name-only",
        "--no-renames",
        "--full-history",  # no history simplification: a commit hidden behind a merge counts
        "--diff-filter=AMT",
        "--format=%x01%H%x00%at",
        f"{start}..{end}",
        *(f"^{sha}" for sha in exclude),
        "--",
        "submissions",
    )
    commits = []
    for record in out.split("\x01")[1:]:
        sha, _, rest = record.partition("\0")
        stamp, _, names = rest.partition("\0")
        paths = tuple(name for name in names.lstrip("\n").split("\0") if name)
        when = dt.datetime.fromtimestamp(int(stamp), dt.UTC)
        commits.append(Commit(sha, when, paths))
    return commits


def tree_files(root: Path, rev: str, paths: Iterable[str]) -> set[str]:
    """Which of `paths` are files in the tree of `rev` (only those are listed, not the whole
    tree of a repository with tens of thousands of reports)."""
    wanted = sorted(set(paths))
    if not wanted:
        return set()  # no pathspec would mean the whole tree
    out = git(root, "ls-tree", "-r", "-z", "--name-only", rev, "--", *wanted)
    return {name for name in out.split("\0") if name} & set(wanted)


def file_at(root: Path, rev: str, path: str) -> str | None:
    """The text of `path` in `rev`, or None when it is not there."""
    try:
        return git(root, "show", f"{rev}:{path}")
    except RepositoryError:
        return None
