"""Pull-request mode of `validator check` (docs/guide/submit.md#received, docs/cli.md).

A pull request is judged on what it changes: the files changed since the merge base with the
base branch are checked (cross-file rules still see the whole repository), the opener, every
commit's author and every pusher may only add their own reports, and no commit the pull request
adds may be backdated across a deadline: every run judges all of them (merge-base..HEAD) against
the best evidence of when each reached the host (`arrival`), and a verdict of an earlier run is
kept (`verdicts`). Deadlines, skew, roster and limits come from the base branch (`baseorg`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from validator.checking.pr import verdicts
from validator.checking.pr.arrival import Arrival, Push, arrivals, read_push_log
from validator.checking.pr.backdating import judge, render, still_in
from validator.checking.pr.baseorg import base_org
from validator.checking.pr.gitfacts import (
    Change,
    Commit,
    branch_name,
    changed_files,
    commit_range,
    count_commits,
    introduced,
    merge_base,
    new_commits,
    objects,
    resolve,
    tree_files,
)
from validator.checking.pr.ownership import commit_ownership, find_author, ownership
from validator.checking.request import PullRequest
from validator.core.diagnostics import Diagnostic, diag
from validator.core.errors import RepositoryError, UsageError
from validator.core.timeutil import localize
from validator.reading.document import Document
from validator.reading.filebytes import MAX_BYTES
from validator.repo.git import git_dir, repository
from validator.repo.org_data import Org

__all__ = ["PullRequest", "Review", "prepare", "pull_request_diagnostics"]

#: the report versions a pull request's commits may hold, in bytes: the backdating guard reads
#: an incident's versions for their deadlines (half a second for a big blob of flow mappings),
#: so many commits rewriting many files would be hours of CI; honest ones hold kilobytes
MAX_VERSION_BYTES = 32 * 1024 * 1024


@dataclass
class Review:
    """The resolved facts of one pull-request check."""

    options: PullRequest
    base_sha: str | None = None
    since: str | None = None  # the merge base (or the start of --new-commits without --base)
    head: str | None = None
    changes: list[Change] = field(default_factory=list)
    commits: list[Commit] | None = None  # None: no per-commit judgement (no time, or too many)
    pushes: list[Push] | None = None
    event_commits: set[str] | None = None
    base: Org | None = None  # org data of the base branch
    base_name: str = "main"  # the base branch as its readers name it (gitfacts.branch_name)
    limits: list[Diagnostic] = field(default_factory=list)

    def changed_paths(self, existing: set[str]) -> list[str]:
        """Changed files still present (to check them); deleted ones are only judged for
        ownership."""
        return sorted(c.path for c in self.changes if c.status != "D" and c.path in existing)

    def org_changed(self) -> bool:
        return any(c.path.startswith("org/") for c in self.changes)

    def opener_is_reviewer(self) -> bool:
        if self.base is None or self.options.author is None:
            return False
        member = find_author(self.base.roster, self.options.author)
        return member is not None and member.role == "reviewer"


def prepare(root: Path, options: PullRequest) -> Review:
    """Resolve references, read the changes, the base branch's org data and the commits to
    judge; UsageError for bad options."""
    if options.author is not None and options.base is None:
        raise UsageError("--author needs --base (ownership is judged against the base branch)")
    if options.author is not None and not options.author.strip():
        raise UsageError("--author: empty login")
    if options.new_commits is not None and options.event_time is None:
        raise UsageError("--new-commits needs --event-time (the time the server received them)")
    for name, value in (("--push-log", options.push_log), ("--opened-at", options.opened_at)):
        if value is not None and options.base is None:
            raise UsageError(f"{name} needs --base (it describes a pull request)")
    if repository(root) is None:
        raise RepositoryError(f"{root} is not a git repository (needed by --base/--new-commits)")
    review = Review(options)
    review.head = head = resolve(root, "HEAD", "HEAD")
    if options.push_log is not None:
        review.pushes = read_push_log(options.push_log)
    if options.base is not None:
        review.base_sha = resolve(root, options.base, "--base")
        review.base_name = branch_name(root, options.base)
        review.since = merge_base(root, review.base_sha, head)
        review.changes = changed_files(root, review.since, head)
        review.base = base_org(root, review.base_sha)
    event = None
    if options.new_commits is not None:
        event = commit_range(root, options.new_commits)
    if options.event_time is None and review.pushes is None and options.author is None:
        return review
    if review.since is None:
        if event is None:
            raise UsageError("--event-time needs --base or --new-commits")
        review.since = event[0]
    exclude = (review.base_sha,) if review.base_sha else ()
    policy = (review.base or Org()).policy.pull_request
    count = count_commits(root, review.since, head, exclude)
    if count > policy.max_commits:
        review.limits.append(
            diag(".", "too-large", "pr-too-many-commits", count=count, limit=policy.max_commits)
        )
    counted = len(review.changes)
    if options.author is None or review.opener_is_reviewer():  # only reviewers may archive
        counted -= len(_archived_moves(root, review.changes))
    if counted > policy.max_files:
        review.limits.append(
            diag(
                ".",
                "too-large",
                "pr-too-many-files",
                count=counted,
                limit=policy.max_files,
            )
        )
    if review.limits:
        return review  # red already; the per-commit work is what the limits bound
    # every commit the pull request adds is judged, not only those of the latest push
    review.commits = new_commits(root, review.since, head, exclude)
    size = _versions_size(root, review.commits)
    if size > MAX_VERSION_BYTES:  # before the guard reads any of them
        mib = 1024 * 1024
        limit = MAX_VERSION_BYTES // mib
        review.limits.append(
            diag(".", "too-large", "pr-too-many-bytes", count=-(-size // mib), limit=limit)
        )
        review.commits = None
        return review
    if event is not None:
        review.event_commits = introduced(root, event[1], event[0], exclude)
    return review


def _archived_moves(root: Path, changes: list[Change]) -> set[str]:
    """The deleted reports that a summary the pull request brings records: `validator archive`
    moving a year (thousands of files) is one change to review, not one per file; a deletion no
    summary records is `deleted-after-merge` (`archived.py`)."""
    if not any(c.status != "D" and c.path.startswith("archive/") for c in changes):
        return set()
    from validator.repo.archive_summary import archived  # only for a pull request that archives

    recorded = archived(root).blobs()
    return {c.path for c in changes if c.status == "D" and c.path in recorded}


def _versions_size(root: Path, commits: list[Commit]) -> int:
    """Bytes of the distinct report versions `commits` hold that the guard may read (a blob
    over the loader's limit is never read)."""
    blobs = {b for c in commits for p in c.paths if (b := c.blob(p))}
    sizes = objects(root, blobs).values()
    return sum(size for kind, size in sizes if kind == "blob" and size <= MAX_BYTES)


def pull_request_diagnostics(
    root: Path,
    review: Review,
    org: Org,
    documents: Mapping[str, Document] | None = None,
) -> list[Diagnostic]:
    """Limits, ownership (when an author is given) and backdating (when an event time or a
    push log gives the times), judged by `org` (the base branch's when there is one);
    `documents` (the loaded work-tree reports) lets findings point at a line."""
    options = review.options
    org = review.base or org
    found: list[Diagnostic] = list(review.limits)
    commits = review.commits or []
    times: dict[str, Arrival] = {}
    timed = options.event_time is not None or bool(review.pushes)  # a push log gives times
    if commits and timed:
        tz = org.policy.tz  # naive times are read in the policy's zone, as --now is
        event_time = localize(options.event_time or _latest(review.pushes), tz)
        opened_at = None if options.opened_at is None else localize(options.opened_at, tz)
        times = arrivals(
            root,
            commits,
            event_time=event_time,
            pushes=review.pushes,
            event_commits=review.event_commits,
            opened_at=opened_at,
            exclude=(review.base_sha,) if review.base_sha else (),
        )
    if options.author is not None and review.base_sha is not None and options.base is not None:
        added = [c.path for c in review.changes if c.status == "A"]
        on_base = tree_files(root, review.base_sha, added)
        author, base = options.author, review.base_name
        found.extend(ownership(review.changes, org.roster, author, base, on_base))
        pushers = {sha: a.pusher for sha, a in times.items()}
        net = {c.path for c in review.changes}
        found.extend(commit_ownership(commits, org.roster, pushers, options.author, net))
    if timed and review.commits is not None:
        cache = git_dir(root)
        judged = judge(root, commits, org.policy, lambda sha: times[sha].at)
        kept = still_in(verdicts.load(cache), commits)
        verdicts.store(cache, judged + kept)
        found.extend(render(judged + kept, org.policy, documents))
    return found


def _latest(pushes: list[Push] | None) -> dt.datetime:
    assert pushes
    return max(p.pushed_at for p in pushes)
