"""When each report reached the repository, read from git history in one pass.

`received_at` of a committed report is the author date of the earliest commit in which the file
at that path holds a report that passes the schema, counting from the path's latest addition, over
all parents (docs/guide/submit.md#received): a placeholder filled in later is received when it was
filled, a path deleted and added again when it was added again. One `git log --raw` run gives,
per path, the blob of every commit that touched it since its latest addition; only paths with
more than one version need a blob read and validated (most reports are added valid once).
History below a commit never changes, so the answer is cached per commit inside the git
directory; for a later HEAD, git then reads only the commits since a cached ancestor
(`git log C..HEAD`).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TypeVar

from validator.core.errors import RepositoryError
from validator.repo.git import git, git_env, repository
from validator.repo.history_cache import (
    Cached,
    cache_file,
    cached_ancestor,
    is_shallow,
    shallow_cut,
    store,
)
from validator.repo.history_log import (
    Version,
    blob_of,
    decode,
    log_args,
    parse_log,
    seconds,
    settle,
    split_args,
)

SUMMARIES = "archive"  # where `validator archive` leaves its summaries (archive_summary.FOLDER)

PATHSPEC_MAX = 2  # paths a `git log` with a pathspec looks up faster than the whole history
#: commits from which a whole walk is split in two `git log` processes, one per core: each
#: commit's diff reads the whole submissions/ tree (one entry per person), so a national
#: company's walk costs commits x staff and is the longest part of a cold full check
SPLIT_AT = 20_000
#: people (folders under submissions/) from whom a whole walk is counted to be split at all.
#: With about one commit per report, the walk costs commits x people and the reports' own work
#: costs reports: below this, the walk is shorter than that work on the other core, and
#: counting (`git rev-list`, a tenth of the walk) and splitting would only add to it
SPLIT_PEOPLE = 1000


@dataclass
class History:
    """Git facts about a work tree; `head` is None outside git or before the first commit."""

    head: str | None = None
    git_dir: Path | None = None
    received: dict[str, dt.datetime] = field(default_factory=dict)
    #: in a shallow clone, the paths already there at its cut, where git's history stops: each
    #: seems added there, so its received time is not known (the cut's date stands in for it)
    before_cut: frozenset[str] = frozenset()

    def received_at(self, path: str) -> dt.datetime | None:
        return self.received.get(path)

    def received_before_cut(self, path: str) -> bool:
        """Whether `path`'s received time is only known to be at or before a shallow clone's
        cut (`received_at` then gives the cut's date)."""
        return path in self.before_cut


@dataclass
class PendingHistory:
    """A history being read: `git log` runs in the background while the caller works.

    The output goes to a temporary file, so no thread reads it; the one thread there may be
    (`launch_soon`) is gone once `launch` or `result` has returned, and a caller forks a helper
    process only after that."""

    ready: History | None = None
    head: str | None = None
    git_dir: Path | None = None
    #: the `git log` runs, newest commits first: (process, output, errors) each
    parts: list[tuple[subprocess.Popen[bytes], IO[bytes], IO[bytes]]] = field(default_factory=list)
    cache: Path | None = None
    known: dict[str, Version] = field(default_factory=dict)  # from a cached ancestor of HEAD
    only: frozenset[str] | None = None  # the paths asked for (the walk may have read more)
    root: Path | None = None  # where git runs to read the blobs of versions to validate
    #: a whole walk waiting for `git rev-list` to say whether to split it (`launch`)
    counting: tuple[subprocess.Popen[bytes], IO[bytes], str] | None = None
    launcher: threading.Thread | None = None  # `launch_soon`'s, until it is joined
    failure: BaseException | None = None  # what went wrong in that thread
    closed: bool = False  # given up on (`close`): nothing is launched any more
    #: from the same ancestor: the earliest valid date of a path whose `known` version is dated
    #: before it and not validated yet (`settle`)
    passed: dict[str, int] = field(default_factory=dict)

    @classmethod
    def answered(cls, history: History) -> PendingHistory:
        """A history known without running git (from the cache, or there is none)."""
        return cls(history, history.head, history.git_dir)

    def launch(self, *, wait: bool = True) -> None:
        """Start the walk of a long history in two halves (one `git log` per core) once
        `git rev-list` has listed its commits, or in one piece. The caller lists files
        meanwhile instead of waiting for the count; without `wait`, the walk starts only if
        git has counted already. `result` launches if nobody did; after `launch_soon`, this
        waits for its thread (a caller about to fork must, so that no thread is running)."""
        try:  # anything going wrong (an interrupt, no process to be had) leaves nothing behind
            if self.launcher is not None:
                if not wait and self.launcher.is_alive():
                    return
                self._join()
            if self.counting is None or (not wait and self.counting[0].poll() is None):
                return
            self._launch()
        except BaseException:
            self.close()
            raise

    def launch_soon(self) -> None:
        """Launch from a short-lived thread as soon as git has counted, while this thread goes
        on: the command line imports the rules meanwhile, and the walk need not wait for that."""
        if self.counting is not None and self.launcher is None:
            self.launcher = threading.Thread(target=self._launch_in_thread, daemon=True)
            self.launcher.start()

    def _launch_in_thread(self) -> None:
        try:
            self._launch()
        except BaseException as exc:  # raised again in the caller's thread by `_join`
            self.failure = exc

    def _join(self) -> None:
        if self.launcher is not None:
            self.launcher.join()
            self.launcher = None
        if self.failure is not None:
            failure, self.failure = self.failure, None
            raise failure

    def _launch(self) -> None:
        assert self.counting is not None and self.root is not None
        process, listing, rev = self.counting
        process.wait()
        listing.seek(0)
        commits = listing.read().decode("ascii", "replace").split()
        self.counting = None
        listing.close()
        if self.closed:
            return  # `close` stopped the count: no walk either
        if process.returncode != 0 or len(commits) < SPLIT_AT:
            self.parts.append(_start(self.root, log_args(rev, None), None))  # errors in full
            return
        middle = len(commits) // 2  # the same commits in the same order, two processes
        for half in (commits[:middle], commits[middle:]):
            self.parts.append(_start(self.root, split_args(), half))

    def finished(self) -> bool:
        """Whether git is done, so that `result` only parses (asked without waiting, between
        pieces of other work); a walk that has been counted meanwhile is launched."""
        if self.ready is not None:
            return True
        self.launch(wait=False)
        return (
            self.launcher is None
            and self.counting is None
            and all(p.poll() is not None for p, _, _ in self.parts)
        )

    def close(self) -> None:
        """Give up on a history that is no longer wanted (the caller failed meanwhile)."""
        self.closed = True
        if self.launcher is not None:  # stop what it waits for, then wait for it
            counting = self.counting
            if counting is not None and counting[0].poll() is None:
                counting[0].kill()
            self.launcher.join()
            self.launcher = None
            self.failure = None
        if self.counting is not None:
            process, listing, _ = self.counting
            self.counting = None  # the walk never starts: `result` has no answer to give
            if process.poll() is None:
                process.kill()
            process.wait()
            listing.close()
        for process, output, errors in self.parts:
            if process.poll() is None:
                process.kill()
            process.wait()
            output.close()
            errors.close()
        self.parts = []  # `result` has no answer to give

    def result(self) -> History:
        """Wait for git and return the history; RepositoryError when git failed."""
        if self.ready is not None:
            return self.ready
        self.launch()
        if not self.parts:  # closed while git was still counting
            raise RepositoryError("git log was stopped before it started")
        outs = []
        for process, output, errors in self.parts:
            code = process.wait()
            output.seek(0)
            errors.seek(0)
            outs.append(output.read())
            err = errors.read()
            if code != 0:
                self.close()
                raise RepositoryError(err.decode("utf-8", "replace").strip())
        self.close()
        out = b"".join(outs)  # newest first, as one `git log --topo-order` prints them
        versions = parse_log(out.decode("utf-8", "surrogateescape"), self.known, self.passed)
        assert self.root is not None
        earliest, passed = settle(self.root, versions)
        if self.cache is not None:
            store(self.cache, earliest, passed)
        if self.only is not None:
            earliest = {p: t for p, t in earliest.items() if p in self.only}
        cut = (
            _before_cut(self.root, self.git_dir, versions, earliest)
            if self.git_dir
            else frozenset()
        )
        self.ready = History(self.head, self.git_dir, decode(earliest), cut)
        return self.ready


def _before_cut(
    root: Path, git_dir: Path, versions: dict[str, list[Version]], wanted: dict[str, Version]
) -> frozenset[str]:
    """The paths of `wanted` in a shallow clone whose versions since their latest addition start
    with a commit of its cut, as git has them there: each seems added there, so its received
    time is not known, even where that version does not pass the schema (an older one may
    have). A path deleted and added again after the cut starts afresh, at a known time."""
    found: set[str] = set()
    for sha in shallow_cut(git_dir):
        try:
            when = seconds(git(root, "show", "-s", "--format=%at", sha).strip())
            there = git(root, "ls-tree", "-r", "-z", sha, "--", "submissions/")
        except RepositoryError:
            continue  # not in this clone after all: nothing dated there
        for entry in there.split("\0"):
            meta, _, path = entry.partition("\t")
            fields = meta.split(" ")
            seen = versions.get(path)
            if path not in wanted or not seen or len(fields) != 3:
                continue
            if seen[0] == (when, blob_of(fields[0], fields[2])):
                found.add(path)
    return frozenset(found)


def load_history(
    root: Path, *, use_cache: bool = True, paths: Sequence[str] | None = None
) -> History:
    """`received_at` of every committed file under `submissions/`, from one `git log`.

    With `paths`, only those files are answered. For one or two of them git reads only their
    history, several times faster than all of it (and none at all since a cached commit)."""
    return start_history(root, use_cache=use_cache, paths=paths).result()


def start_history(
    root: Path,
    *,
    use_cache: bool = True,
    paths: Sequence[str] | None = None,
    since: str | None = None,
) -> PendingHistory:
    """Start `load_history`: answered at once from the cache, else git runs in the background.

    `since` (a commit) says that none of `paths` has a version at or before it, as a report a
    pull request adds has none at the merge base: then git reads only `since..HEAD` (a pull
    request's own commits, not the whole history nor its cache), and keeps no cache."""
    found = repository(root)
    if found is None:
        return PendingHistory.answered(History())
    git_dir, head = found
    if head is None:
        return PendingHistory.answered(History(git_dir=git_dir))  # no commit yet
    selected = _selected(paths)
    if selected == []:
        return PendingHistory.answered(History(head, git_dir, {}))
    # reports a pull request adds have no version at the merge base: its own few commits
    # answer them sooner than a national company's cached dates (13 MB of JSON) are read
    own_commits = since is not None and selected is not None
    use_cache = use_cache and not own_commits
    cached = cached_ancestor(root, git_dir, head) if use_cache else None
    if cached is None and use_cache and (root / SUMMARIES).is_dir():
        # a cold cache starts at the last archive point; the summaries' models are imported
        # only here, so that a command can start git before it imports the rules
        from validator.repo.archive_summary import archive_start

        start = archive_start(root, head)
        cached = None if start is None else Cached(*start, {})
    known: dict[str, Version] = {}
    passed: dict[str, int] = {}
    rev = "HEAD"
    if cached is not None:
        commit, known, passed = cached
        if commit == head:
            return PendingHistory.answered(History(head, git_dir, decode(_only(known, selected))))
        rev = f"{commit}..HEAD"
    # a pathspec pays off for one or two paths only: git matches every pathspec against every
    # tree it compares; more paths are read faster as the whole history, which is then kept
    walk = selected if selected is not None and len(selected) <= PATHSPEC_MAX else None
    if walk is not None:
        known, passed = _only(known, walk), _only(passed, walk)
    kept = walk is None and use_cache and not is_shallow(git_dir)
    keep = cache_file(git_dir, head) if kept else None
    if own_commits:
        rev = f"{since}..HEAD"  # a partial answer: never kept (no cache is in use)
    only = None if selected is None else frozenset(selected)
    pending = PendingHistory(None, head, git_dir, [], keep, known, only, root, passed=passed)
    # a whole walk in a repository of many people may be long enough to share between two
    # processes (`launch`, once git has counted); a pull request's own commits never are
    whole = walk is None and cached is None and not own_commits
    try:
        if whole and _people(root) >= SPLIT_PEOPLE:
            pending.counting = _count(root, rev)
        else:
            pending.parts.append(_start(root, log_args(rev, walk), None))
    except BaseException:
        pending.close()
        raise
    return pending


def _start(
    root: Path, args: list[str], commits: list[str] | None
) -> tuple[subprocess.Popen[bytes], IO[bytes], IO[bytes]]:
    """One `git log` in the background; `commits` (given) go to its standard input."""
    # the files outlive this call: `result()` (or `close()`) reads and closes them
    output, errors = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # noqa: SIM115
    source = tempfile.TemporaryFile() if commits is not None else None  # noqa: SIM115
    try:
        if source is not None and commits is not None:
            source.write("".join(f"{c}\n" for c in commits).encode("ascii"))
            source.seek(0)
        process = subprocess.Popen(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=root,
            env=git_env(),
            stdin=source if source is not None else subprocess.DEVNULL,
            stdout=output,
            stderr=errors,
        )
    except FileNotFoundError as exc:
        output.close()
        errors.close()
        raise RepositoryError("git is not installed") from exc
    finally:
        if source is not None:
            source.close()  # the child holds its own descriptor
    return process, output, errors


def _count(root: Path, rev: str) -> tuple[subprocess.Popen[bytes], IO[bytes], str]:
    """`git rev-list --topo-order` in the background: the commits a whole walk would read."""
    listing = tempfile.TemporaryFile()  # noqa: SIM115 (closed by `launch` or `close`)
    try:
        process = subprocess.Popen(
            ["git", "rev-list", "--topo-order", rev],
            cwd=root,
            env=git_env(),
            stdin=subprocess.DEVNULL,
            stdout=listing,
            stderr=subprocess.DEVNULL,
        )
    except FileNotFoundError as exc:
        listing.close()
        raise RepositoryError("git is not installed") from exc
    return process, listing, rev


def _people(root: Path) -> int:
    """How many folders submissions/ holds (one per person; a missing folder holds none)."""
    try:
        with os.scandir(root / "submissions") as entries:
            return sum(1 for entry in entries if entry.is_dir(follow_symlinks=False))
    except OSError:
        return 0


_T = TypeVar("_T")


def _only(received: dict[str, _T], paths: list[str] | None) -> dict[str, _T]:
    return received if paths is None else {p: received[p] for p in paths if p in received}


def _selected(paths: Sequence[str] | None) -> list[str] | None:
    return [p for p in paths if p.startswith("submissions/")] if paths is not None else None
