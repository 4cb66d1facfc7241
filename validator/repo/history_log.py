"""The history walk's `git log`: its arguments, and its output read into each report path's
versions, then settled into when each was received (see `history`, which runs it).

Per path, the versions since its latest addition over all parents; only a path with more than
one version needs a blob read and validated (`settle`), since most reports are added valid once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from validator.repo.git import CHANGES_HEADER, changes_of, log_changes, raw_change
from validator.repo.history_cache import EARLIEST, GITLINK, LATEST

#: (author date in epoch seconds, blob id): one version of a path
Version = tuple[int, str]
SETTLED = ""  # the blob of a version already known to pass the schema (no need to read it)


def log_args(rev: str, selected: list[str] | None) -> list[str]:
    """Every commit's changed paths with their new blobs, parents before children (so that a
    forged committer date cannot reorder a deletion and an addition). The whole history is read
    without a pathspec: git then skips pathspec matching in every tree it compares and simplifies
    no history, so a report first added on a side branch is seen there; other paths are dropped
    when parsing. A few named paths are cheaper with a pathspec, and `--full-history` keeps every
    parent. A merge's own changes (`-c`: what differs from every parent, as a file added while
    merging) are a commit's changes too; what a merge brings from a parent was seen there."""
    limit = (
        [] if selected is None else ["--full-history", "--", *(f":(literal){p}" for p in selected)]
    )
    return [
        "log",
        "-z",
        "--raw",
        "-c",
        "--no-abbrev",
        "--no-renames",
        "--topo-order",
        f"--format={HEADER}",
        rev,
        *limit,
    ]


#: the format of the walk's `git log -z --raw`, read per commit by `log_changes`: the author
#: date, which git prints as nothing for some hand-made commits
HEADER = f"{CHANGES_HEADER}%at"


def parse_log(
    out: str, known: dict[str, Version], passed: dict[str, int]
) -> dict[str, list[Version]]:
    """Per path, its versions since its latest addition, oldest first: a cached state (`settle`),
    then one (author date, blob) per commit that added or changed it. A gitlink's blob is
    GITLINK."""
    versions: dict[str, list[Version]] = {path: [(v[0], v[1])] for path, v in known.items()}
    for path, when in passed.items():
        if path in versions:
            versions[path].insert(0, (when, SETTLED))
    for record in reversed(log_changes(out)):
        fields = changes_of(record)
        when = seconds(fields[0])
        for meta, name in zip(fields[1::2], fields[2::2], strict=False):
            if not name.startswith("submissions/"):
                continue
            change = raw_change(meta)
            if change is None:
                continue
            status, mode, blob = change
            if status == "D":
                versions.pop(name, None)  # a later addition starts afresh
            else:  # an addition on a parallel branch is one more version
                versions.setdefault(name, []).append((when, blob_of(mode, blob)))
    return versions


def blob_of(mode: str, blob: str) -> str:
    """A version's blob as the walk keeps it: GITLINK for a submodule entry (mode 160000),
    whose id names a commit, not a file."""
    return GITLINK if mode == "160000" else blob


def settle(
    root: Path, versions: dict[str, list[Version]]
) -> tuple[dict[str, Version], dict[str, int]]:
    """Per path, (received, blob): received is the earliest date of a version that passes the
    schema, the current version counting as one (it is not validated here: if it is broken, its
    schema errors say so). Blob is SETTLED when that version is known to pass; else it is the
    current version's, to be looked at when a later commit changes the path again.

    The second answer keeps what such a look needs besides: the earliest date of a version known
    to pass, where the current version is dated before it (a hand-set author date). Should the
    current version turn out broken, that date is the received time, not the current one."""
    settled: dict[str, Version] = {}
    passed: dict[str, int] = {}
    unsure: dict[str, list[Version]] = {}
    for path, seen in versions.items():
        if len(seen) == 1:
            settled[path] = seen[0]
        else:
            unsure[path] = seen
    wanted: set[tuple[str, str]] = set()
    for path, seen in unsure.items():
        # a version only counts if it is dated before every one known to pass already
        floor = min((t for t, b in seen[:-1] if b == SETTLED), default=None)
        wanted.update(
            (path, b) for t, b in seen[:-1] if b != SETTLED and (floor is None or t < floor)
        )
    valid: set[tuple[str, str]] = set()
    if wanted:
        from validator.repo.blob_check import valid_blobs  # reads and validates reports

        valid = valid_blobs(root, wanted)
    for path, seen in unsure.items():
        current = seen[-1]  # assumed to pass: if it does not, its own errors say so
        first = min((t for t, b in seen[:-1] if b == SETTLED or (path, b) in valid), default=None)
        if first is not None and first <= current[0]:
            settled[path] = (first, SETTLED)
        else:
            settled[path] = current
            if first is not None:
                passed[path] = first
    return settled, passed


def seconds(stamp: str) -> int:
    """A commit's author date as git printed it, held to what a datetime can hold. A hand-made
    commit can carry any number (or one git prints as nothing): too late or unreadable counts as
    the latest time, so the report is never taken as on time; too early as the earliest, as any
    early date is (pull-request mode's `backdated` rule judges dates against the host's time)."""
    try:
        when = int(stamp)
    except ValueError:
        return LATEST
    return min(max(when, EARLIEST), LATEST)


def decode(data: dict[str, Version]) -> dict[str, dt.datetime]:
    return {name: dt.datetime.fromtimestamp(ts, dt.UTC) for name, (ts, _) in data.items()}


def split_args() -> list[str]:
    """`log_args` for commits named on standard input, each diffed against its parents."""
    args = [a for a in log_args("--stdin", None) if a != "--topo-order"]
    return [*args[:-1], "--no-walk=unsorted", "--stdin"]
