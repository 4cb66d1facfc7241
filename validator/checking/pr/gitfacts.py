"""The git facts a pull-request check needs, each from one git call.

Every call goes through `validator.repo.git.git`; a reference the user names that git cannot
resolve is a usage error (exit 2), not a repository failure.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from validator.checking.request import git_reference
from validator.core.errors import RepositoryError, UsageError
from validator.repo.git import (
    CHANGES_HEADER,
    changes_of,
    git,
    git_env,
    log_changes,
    raw_change,
)


@dataclass(frozen=True)
class Change:
    """One path the pull request touches: `A`dded, `M`odified, `D`eleted or `T`ype-changed."""

    status: str
    path: str


@dataclass(frozen=True)
class Commit:
    """A commit the pull request adds: its author date and e-mail (both chosen by the author),
    the report paths it adds or changes, and every change it makes (status, path, new blob)."""

    sha: str
    author_date: dt.datetime
    paths: tuple[str, ...]
    email: str = ""
    changes: tuple[tuple[str, str, str], ...] = ()

    def blob(self, path: str) -> str | None:
        return next((b for _, p, b in self.changes if p == path), None)


def resolve(root: Path, ref: str, option: str) -> str:
    """The commit id `ref` names; UsageError naming `option` when git does not know it."""
    git_reference(ref, option)
    try:
        return git(
            root, "rev-parse", "--verify", "-q", "--end-of-options", f"{ref}^{{commit}}"
        ).strip()
    except RepositoryError:
        raise UsageError(
            f"{option}: unknown git reference {ref!r} (fetch it first, e.g. with "
            "`git fetch origin`; CI needs the full history)"
        ) from None


def branch_name(root: Path, ref: str) -> str:
    """`ref` as its readers name the branch: `main` for the remote-tracking `origin/main` that
    CI passes as --base (and for `refs/heads/main`); any other reference as given."""
    try:  # `ref` passed `resolve` (no leading "-"); --end-of-options would be printed here
        full = git(root, "rev-parse", "--symbolic-full-name", "--verify", "-q", ref).strip()
        remotes = git(root, "remote").split()
    except RepositoryError:
        return ref
    if full.startswith("refs/heads/"):
        return full.removeprefix("refs/heads/")
    for remote in sorted(remotes, key=len, reverse=True):  # `a/b` before `a`
        if full.startswith(f"refs/remotes/{remote}/"):
            return full.removeprefix(f"refs/remotes/{remote}/")
    tracking = full.removeprefix("refs/remotes/").partition("/")  # fetched by a refspec alone
    return tracking[2] if full.startswith("refs/remotes/") and tracking[2] else ref


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


def commit_range(root: Path, text: str, name: str = "--new-commits") -> tuple[str, str]:
    """`A..B` with both ends resolved to commits before git sees them (`resolve`: a leading
    '-' or a NUL is refused); anything else is a usage error naming the option or argument."""
    start, sep, end = text.partition("..")
    if not sep or not start or not end or end.startswith("."):
        raise UsageError(f"{name}: expected A..B, got {text!r}")
    return resolve(root, start, name), resolve(root, end, name)


def new_commits(root: Path, start: str, end: str, exclude: tuple[str, ...] = ()) -> list[Commit]:
    """Author dates, e-mails and changes of every commit in start..end that is not reachable
    from `exclude` (commits already on the base branch were judged when they arrived there),
    from one `git log`. A merge lists its own changes (`-c`: what differs from every parent,
    as a report added while merging); what it brings from a parent was judged there."""
    out = git(
        root,
        "log",
        "-z",
        "--raw",
        "-c",
        "--no-abbrev",
        "--no-renames",
        "--full-history",  # no history simplification: a commit hidden behind a merge counts
        f"--format={CHANGES_HEADER}%H %at %ae",  # where `log_changes` splits
        f"{start}..{end}",
        *(f"^{sha}" for sha in exclude),
    )
    commits = []
    for record in log_changes(out):
        fields = changes_of(record)
        sha, stamp, email = [*fields[0].split(" ", 2), "", ""][:3]
        changes = []
        for meta, name in zip(fields[1::2], fields[2::2], strict=False):
            change = raw_change(meta)
            if change is not None and name:
                changes.append((change[0], name, change[2]))
        paths = tuple(p for st, p, _ in changes if st in "AMT" and p.startswith("submissions/"))
        commits.append(Commit(sha, _epoch(stamp), paths, email, tuple(changes)))
    return commits


def _epoch(stamp: str) -> dt.datetime:
    """An author date; one out of range (a hand-made commit) is the latest time: never early."""
    try:
        return dt.datetime.fromtimestamp(int(stamp), dt.UTC)
    except (ValueError, OverflowError, OSError):
        return dt.datetime.max.replace(tzinfo=dt.UTC)


def count_commits(root: Path, start: str, end: str, exclude: tuple[str, ...] = ()) -> int:
    """How many commits `new_commits` would list (one cheap `git rev-list --count`)."""
    out = git(root, "rev-list", "--count", f"{start}..{end}", *(f"^{sha}" for sha in exclude))
    return int(out.strip() or 0)


def introduced(root: Path, after: str, before: str | None, exclude: tuple[str, ...]) -> set[str]:
    """The commits reachable from `after` but not from `before` nor `exclude`."""
    nots = [f"^{sha}" for sha in (before, *exclude) if sha]
    return set(git(root, "rev-list", after, *nots, "--").split())


def objects(root: Path, names: Iterable[str]) -> dict[str, tuple[str, int]]:
    """Type and size of each named object that exists (`git cat-file --batch-check`): sizes are
    looked at before anything is read, so a huge blob is never loaded."""
    wanted = sorted(set(names))
    if not wanted:
        return {}
    done = subprocess.run(
        ["git", "cat-file", "--batch-check"],
        cwd=root,
        env=git_env(),
        input="".join(f"{n}\n" for n in wanted).encode(),
        capture_output=True,
        check=False,
    )
    found = {}
    for line in done.stdout.decode("ascii", "replace").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2].isdigit():
            found[parts[0]] = (parts[1], int(parts[2]))
    return found


def tree_files(root: Path, rev: str, paths: Iterable[str]) -> set[str]:
    """Which of `paths` are files in the tree of `rev` (only those are listed, not the whole
    tree of a repository with tens of thousands of reports)."""
    wanted = sorted(set(paths))
    if not wanted:
        return set()  # no pathspec would mean the whole tree
    out = git(root, "ls-tree", "-r", "-z", "--name-only", rev, "--", *wanted)
    return {name for name in out.split("\0") if name} & set(wanted)


def blob_text(root: Path, blob: str) -> str | None:
    """The text of a blob (the caller has checked its size)."""
    try:
        return git(root, "cat-file", "blob", blob)
    except RepositoryError:
        return None


def file_at(root: Path, rev: str, path: str) -> str | None:
    """The text of `path` in `rev`, or None when it is not there."""
    try:
        return git(root, "show", f"{rev}:{path}")
    except RepositoryError:
        return None
