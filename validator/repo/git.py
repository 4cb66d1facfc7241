"""Running git: one place for the environment and error handling every git call shares, and
the repository a command works in."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from validator.core.errors import RepositoryError


def git_env() -> dict[str, str]:
    """The caller's environment without GIT_* overrides (a hook's GIT_DIR must not redirect
    us), in the C locale so that output does not depend on the user's language. Replace refs
    are ignored: anyone who can push can push `refs/replace/<commit>`, a copy of a late commit
    with an early date that git would show in its place wherever the ref was fetched."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["LC_ALL"] = "C"
    env["GIT_NO_REPLACE_OBJECTS"] = "1"
    return env


def git(root: Path, *args: str, stdin: bytes | None = None) -> str:
    """Run git in `root` (fed `stdin`, if given) and return stdout; RepositoryError when git
    fails."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=root,
            env=git_env(),
            input=stdin,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError as exc:
        raise RepositoryError("git is not installed") from exc
    if done.returncode != 0:
        raise RepositoryError(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout.decode("utf-8", "surrogateescape")


def rev_exists(root: Path, rev: str) -> bool:
    """Whether `rev` names an object in this clone (`git rev-parse --verify`)."""
    try:
        git(root, "rev-parse", "-q", "--verify", rev)
    except RepositoryError:
        return False
    return True


#: how a `log_changes` commit's header starts in `git log --format`: a NUL and the mark `@`
CHANGES_HEADER = "%x00@"


def log_changes(out: str) -> list[str]:
    """The output of `git log -z --format=<CHANGES_HEADER><header>` (with `--raw -c`, read into
    its fields by `changes_of`, or `--name-only`) per commit. Each commit starts with a NUL and
    the mark `@`, and no field after the header is empty, so two NULs and the mark start a
    commit: a path (any bytes but NUL) follows a single NUL."""
    return f"\0{out}".split("\0\0@")[1:]


def changes_of(record: str) -> list[str]:
    """A commit of `log_changes`: its header, then its raw entries' metas and paths by turns.
    A merge's own changes (`::` metas, one ':' per parent) follow one more NUL, dropped here."""
    fields = record.split("\0")
    if len(fields) > 1 and not fields[1]:
        del fields[1]
    return fields


def raw_change(meta: str) -> tuple[str, str, str] | None:
    """(status letter, new mode, new blob) of a raw entry's meta: `:old new old-id new-id S`,
    or a merge's combined `::p1 p2 new p1-id p2-id new-id SS` (one mode, id and letter per
    parent; a path deleted from every parent is `D` against the first, as against any)."""
    parts = meta.split(" ")
    if len(parts) == 5:  # one parent, as nearly every commit has
        return parts[4][:1], parts[1], parts[3]
    parents = parts[0].count(":")  # the first meta of a commit starts with a line break
    if parents == 0 or len(parts) != 2 * parents + 3:
        return None
    return parts[-1][:1], parts[parents], parts[2 * parents + 1]


def is_commit_id(value: object) -> bool:
    """A full commit id (SHA-1 or SHA-256), in either case."""
    return (
        isinstance(value, str)
        and len(value) in (40, 64)
        and all(c in "0123456789abcdef" for c in value.lower())
    )


#: how git says that no folder from here up holds a repository (in the C locale, `git_env`)
OUTSIDE_GIT = "not a git repository (or any "


class RefusedRepository(RepositoryError):
    """A repository git finds but will not open; `said` is git's own message."""

    def __init__(self, said: str) -> None:
        super().__init__(f"Git 无法打开此仓库 / git cannot open this repository: {said}")
        self.said = said


def repository(root: Path) -> tuple[Path, str | None] | None:
    """The git directory and HEAD commit of the work tree at `root` (HEAD is None before the
    first commit); None outside a work tree or without git. One git call answers all three.

    A repository git finds but refuses to open ("detected dubious ownership" in a CI container,
    a `.git` file naming no repository) is RepositoryError with git's words: taken for none,
    it was checked as if it had no history, every report received now."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree", "--absolute-git-dir", "-q", "--verify",
             "HEAD"],
            cwd=root,
            env=git_env(),
            capture_output=True,
            check=False,
        )  # fmt: skip
    except FileNotFoundError:
        return None
    lines = done.stdout.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) < 2 and done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()
        if OUTSIDE_GIT not in said:
            raise RefusedRepository(said)
    if len(lines) < 2 or lines[0] != "true":
        return None
    head = lines[2] if done.returncode == 0 and len(lines) > 2 else None
    return Path(lines[1]), head


def git_dir(root: Path) -> Path | None:
    """The git directory of the work tree at `root`; None outside one (RepositoryError as
    `repository`)."""
    found = repository(root)
    return found[0] if found is not None else None


def is_git_repo(root: Path) -> bool:
    return repository(root) is not None


def report_root(start: Path) -> Path:
    """The report repository `start` is in: `start` itself when it holds org/ or submissions/,
    else the top of the git work tree around it when that does. Anywhere else RepositoryError,
    so that a run in the wrong place is never an all-clear over zero files."""
    if not start.is_dir():
        raise RepositoryError(f"{start} 不是目录 / is not a directory")
    if _holds_reports(start):
        return start
    try:
        top = Path(git(start, "rev-parse", "--show-toplevel").strip())
    except RepositoryError:
        top = None  # not inside git, or git is missing
    if top is not None and _holds_reports(top):
        return top
    raise RepositoryError(
        f"当前目录不是报告仓库:{start} 及其所在的 Git 仓库中都没有 org/ 或 submissions/"
        "(请在报告仓库中运行,或用 --repo 指定) / not a report repository"
    )


def _holds_reports(root: Path) -> bool:
    return (root / "org").is_dir() or (root / "submissions").is_dir()
