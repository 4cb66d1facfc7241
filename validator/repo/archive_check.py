"""Rule `archive-summary`: the carried-over summaries agree with themselves, the policy, the work
tree and (when this clone has it) the archive branch (docs/formats/archive.md).

A national company's year is some 400,000 entries, so an entry that is right costs two
comparisons (`Kind.due` works each period's deadline out once), and a position is looked up
only for an entry that is wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from validator.core.diagnostics import Diagnostic, diag
from validator.core.errors import RepositoryError
from validator.kinds import due, parse_period
from validator.models import Policy
from validator.repo.archive_summary import (
    LATE,
    ON_TIME,
    PERIOD_DUE,
    RULE,
    Archive,
    Entry,
    Summary,
    archived,
    strays,
)
from validator.repo.git import git


#: a file under archive/ that is not a summary (the command writes nothing else there)
def summary_problems(root: Path, policy: Policy, present: set[str]) -> list[Diagnostic]:
    """What is wrong with the summaries: unreadable, an entry whose state or deadline does not
    follow from its dates and the policy, a blob the archive branch does not hold, or a report of
    an archived year in the work tree (`present`: the listed report paths). Each at its line."""
    archive = archived(root)
    found = list(archive.problems)
    for path in strays(root):
        found.append(diag(path, RULE, "archive-summary-stray"))
    for summary in archive.summaries:
        for entry in summary.entries:
            expected = ON_TIME if entry.received < entry.due else LATE
            if entry.state != expected:
                args = {"state": entry.state, "expected": expected}
                found.append(_wrong(archive, summary, entry, "archive-summary-state", **args))
            if entry.period.kind in PERIOD_DUE and entry.due != due(entry.period, policy):
                found.append(_wrong(archive, summary, entry, "archive-summary-due"))
        found.extend(_blob_problems(root, archive, summary))
    for path in sorted(present):
        parts = path.split("/")
        period = parse_period(parts[2], parts[3].removesuffix(".yaml")) if len(parts) == 4 else None
        if (
            period is not None
            and period.text[:4].isdigit()
            and int(period.text[:4]) in (archive.years)
        ):
            found.append(diag(path, RULE, "archive-period-filed", year=period.text[:4]))
    return found


def _blob_problems(root: Path, archive: Archive, summary: Summary) -> list[Diagnostic]:
    """Entries whose blob is not the file at their path on the archive branch, and reports on
    the branch that no entry records (a deleted block silently dropped them from every
    figure). Only when the branch is in this clone: a shallow CI clone may not have fetched it,
    and then only a summary with no reports at all is known to be incomplete."""
    listing = _archive_listing(root, summary.branch)
    if listing is None:
        return []
    held = {}
    for record in listing.split("\0"):
        meta, _, name = record.partition("\t")
        if name:
            held[name] = meta.split(" ")[-1]
    found = [
        _wrong(archive, summary, entry, "archive-summary-blob", branch=summary.branch)
        for entry in summary.entries
        if held.get(entry.path) != entry.blob
    ]
    missing = sorted(set(held) - {entry.path for entry in summary.entries})
    if missing and summary.entries:  # none at all: already an error of its own
        document = archive.documents[summary.path]
        problem = (
            f"归档分支 {summary.branch} 上有 {len(missing)} 份报告没有记在摘要中"
            f"(如 {'、'.join(missing[:3])})"
        )
        at = document.mark(("reports",), key=True)
        found.append(diag(summary.path, RULE, "archive-summary-bad", at=at, problem=problem))
    return found


def _archive_listing(root: Path, branch: str) -> str | None:
    """The files under submissions/ on `branch`: the local branch (the archiving clone's) or,
    in any other clone, the one fetched from origin; None when this clone has neither."""
    for ref in (f"refs/heads/{branch}", f"refs/remotes/origin/{branch}"):
        try:
            return git(root, "ls-tree", "-r", "-z", ref, "submissions/")
        except RepositoryError:
            continue
    return None


def _wrong(archive: Archive, summary: Summary, entry: Entry, key: str, **args: Any) -> Diagnostic:
    """Message `key` about `entry`, at its line in the summary."""
    where = archive.documents[summary.path].mark(summary.locs[entry.path])
    return diag(summary.path, RULE, key, at=where, path=entry.path, **args)
