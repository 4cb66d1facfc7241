"""Pull-request mode of `validator check` (SPEC §5–§6).

A pull request is judged on what it changes: the files changed since the merge base with the
base branch are checked (cross-file rules still see the whole repository), the author may only
add their own reports, and no new commit may be backdated across a deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from validator.checking.pr.backdating import backdated
from validator.checking.pr.gitfacts import (
    Change,
    Commit,
    changed_files,
    commit_range,
    file_at,
    merge_base,
    new_commits,
    resolve,
    tree_files,
)
from validator.checking.pr.ownership import ownership
from validator.core.diagnostics import Diagnostic
from validator.core.errors import RepositoryError, UsageError
from validator.core.timeutil import localize
from validator.models import Policy, StaffRoster
from validator.reading.loader import Document, load_text
from validator.reading.schema_errors import validate
from validator.repo.git import is_git_repo

__all__ = ["PullRequest", "Review", "prepare", "pull_request_diagnostics"]


@dataclass(frozen=True)
class PullRequest:
    """The options of pull-request mode; all None = an ordinary check."""

    base: str | None = None  # --base REF
    author: str | None = None  # --author LOGIN
    event_time: dt.datetime | None = None  # --event-time, from the event payload
    new_commits: str | None = None  # --new-commits A..B (default: merge-base..HEAD)

    @property
    def active(self) -> bool:
        return any(
            v is not None for v in (self.base, self.author, self.event_time, self.new_commits)
        )


@dataclass
class Review:
    """The resolved facts of one pull-request check."""

    options: PullRequest
    base_sha: str | None = None
    changes: list[Change] = field(default_factory=list)
    commits: list[Commit] | None = None  # None: the backdating guard does not run

    def changed_paths(self, existing: set[str]) -> list[str]:
        """Changed files still present (to check them); deleted ones are only judged for
        ownership."""
        return sorted(c.path for c in self.changes if c.status != "D" and c.path in existing)


def prepare(root: Path, options: PullRequest) -> Review:
    """Resolve references and read the changes and new commits; UsageError for bad options."""
    if options.author is not None and options.base is None:
        raise UsageError("--author needs --base (ownership is judged against the base branch)")
    if options.author is not None and not options.author.strip():
        raise UsageError("--author: empty login")
    if options.new_commits is not None and options.event_time is None:
        raise UsageError("--new-commits needs --event-time (the time the server received them)")
    if not is_git_repo(root):
        raise RepositoryError(f"{root} is not a git repository (needed by --base/--new-commits)")
    review = Review(options)
    head = resolve(root, "HEAD", "HEAD")
    since: str | None = None
    if options.base is not None:
        review.base_sha = resolve(root, options.base, "--base")
        since = merge_base(root, review.base_sha, head)
        review.changes = changed_files(root, since, head)
    if options.event_time is not None:
        if options.new_commits is not None:
            start, end = commit_range(root, options.new_commits)
        elif since is not None:
            start, end = since, head
        else:
            raise UsageError("--event-time needs --base or --new-commits")
        exclude = (review.base_sha,) if review.base_sha else ()
        review.commits = new_commits(root, start, end, exclude)
    return review


def pull_request_diagnostics(
    root: Path,
    review: Review,
    policy: Policy,
    documents: Mapping[str, Document] | None = None,
) -> list[Diagnostic]:
    """Ownership (when an author is given) and backdating (when an event time is given);
    `documents` (the loaded work-tree reports) lets findings point at a line."""
    options = review.options
    found: list[Diagnostic] = []
    if options.author is not None and review.base_sha is not None and options.base is not None:
        roster = base_roster(root, review.base_sha)
        added = [c.path for c in review.changes if c.status == "A"]
        on_base = tree_files(root, review.base_sha, added)
        found.extend(ownership(review.changes, roster, options.author, options.base, on_base))
    if review.commits is not None and options.event_time is not None:
        event_time = localize(options.event_time, policy.tz)
        found.extend(backdated(root, review.commits, policy, event_time, documents))
    return found


def base_roster(root: Path, base_sha: str) -> StaffRoster:
    """org/staff.yaml as the base branch has it; missing or broken means nobody (fail closed)."""
    text = file_at(root, base_sha, "org/staff.yaml")
    if text is None:
        return StaffRoster()
    loaded = load_text(text, "org/staff.yaml")
    if loaded.document is None or loaded.document.data is None:
        return StaffRoster()
    roster, _problems = validate(loaded.document, StaffRoster)
    return roster if isinstance(roster, StaffRoster) else StaffRoster()
