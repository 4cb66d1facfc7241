"""Reports of a closed year leave main only through `validator archive`
(docs/guide/archive.md#check).

Staff may never delete a merged report (`deleted-after-merge`, ownership); reviewers may, to
correct one. Once a year is final (its last deadline plus the grace period has passed) or has
been archived, a deletion would silently drop reports from every status figure, so any author's
deletion of such a report is flagged unless a summary in the work tree (the one the archive
command added) records that path with the deleted blob. A report the pull request adds or
changes for a year archived here or on the base branch is `archive-period-filed`: CI checks out
the pull request's head, which lacks a summary merged after it branched off. Deleting a
summary is an error for any author: its year would leave every figure without a word.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from validator.checking.pr import Review
from validator.core.diagnostics import Diagnostic, Point, diag
from validator.core.errors import RepositoryError
from validator.models import Policy
from validator.repo.archive_check import first_difference, summary_problems
from validator.repo.archive_format import FOLDER, RULE, final_from, year_of_summary
from validator.repo.archive_summary import Archive, archived
from validator.repo.git import git
from validator.repo.layout import ReportFile, classify_all


def archive_diagnostics(
    root: Path, review: Review, policy: Policy, flagged: set[str], now: dt.datetime
) -> list[Diagnostic]:
    """`deleted-after-merge` for deleted reports of final or archived years that no summary
    records (`flagged`: paths the ownership rules already reported), the summaries' own
    problems when the pull request changes one, a summary it deletes, and reports it files for
    an archived year."""
    base = review.base_name
    deleted = [c.path for c in review.changes if c.status == "D"]
    reports, _ = classify_all([p for p in deleted if p.startswith("submissions/")])
    archive = archived(root)
    found: list[Diagnostic] = []
    doubtful = [
        rf
        for rf in reports
        if rf.path not in flagged and _final(rf.period.text, policy, now, archive.years)
    ]
    blobs = _blobs_at(root, review.base_sha, [rf.path for rf in doubtful]) if doubtful else {}
    for rf in doubtful:
        blob = _recorded(archive, rf)
        if blob is None or blobs.get(rf.path, blob) != blob:
            found.append(diag(rf.path, "deleted-after-merge", "archive-deleted", base=base))
    if any(c.path.startswith(f"{FOLDER}/") for c in review.changes):
        found.extend(summary_problems(root, set(), branch_copy=False))  # base: _changed
    for change in review.changes:
        year = year_of_summary(change.path)
        if year is not None and change.status == "D":
            found.append(diag(change.path, RULE, "archive-summary-gone", base=base))
        elif year is not None and change.status != "A":
            found.append(_changed(root, review.since, change.path, base))
        elif year is not None:
            found.extend(_merged_since(root, review.base_sha, base, year, archive))
    filed, _ = classify_all([c.path for c in review.changes if c.status != "D"])
    years = archive.years | _years_at(root, review.base_sha) if filed else set()
    for rf in filed:
        if rf.period.text[:4].isdigit() and int(rf.period.text[:4]) in years:
            found.append(diag(rf.path, RULE, "archive-period-filed", year=rf.period.text[:4]))
    return found


def _changed(root: Path, since: str | None, path: str, base: str) -> Diagnostic:
    """A summary merged before is changed: the year's verdicts, written once by the command.
    Said at its first line that differs from the merge base's (a date moved earlier agrees
    with itself, the policy and the archive branch, so nothing else would tell)."""
    try:
        before = git(root, "cat-file", "blob", f"{since}:{path}").split("\n") if since else []
        after = (root / path).read_text("utf-8", "surrogateescape").split("\n")
    except (RepositoryError, OSError):  # the summary itself is said at its own problems
        before = after = []
    line = first_difference(before, after) if before else None
    text = after[line - 1].strip() if line is not None and line <= len(after) else ""
    at = Point(line, None) if line is not None else None
    return diag(path, RULE, "archive-summary-changed", at=at, base=base, line=text or "—")


def _recorded(archive: Archive, rf: ReportFile) -> str | None:
    """The blob a summary records for `rf`, reading only that person's archived rows (every
    pull request asks, and a national company's summaries hold some 400,000 reports a year)."""
    entry = archive.entries(rf.staff_id, rf.kind).get(rf.period.text)
    return entry.blob if entry is not None else None


def _merged_since(
    root: Path, commit: str | None, base: str, year: int, archive: Archive
) -> list[Diagnostic]:
    """The summary of `year` the pull request brings misses reports of the year that the base
    branch (at `commit`) holds: merged after the archive was made, they would be back in
    submissions/ with the summary once both are merged, and recorded nowhere."""
    if commit is None:
        return []
    out = git(root, "ls-tree", "-r", "-z", "--name-only", commit, "--", "submissions/")
    names = [n for n in out.split("\0") if n.rsplit("/", 1)[-1].startswith(str(year))]
    reports, _ = classify_all(names)
    missing = sorted(
        rf.path
        for rf in reports
        if rf.period.text[:4] == str(year) and _recorded(archive, rf) is None
    )
    if not missing:
        return []
    path, examples = f"{FOLDER}/{year}.yaml", ", ".join(missing[:3])
    return [
        diag(
            path,
            RULE,
            "archive-summary-unrecorded",
            base=base,
            count=len(missing),
            year=year,
            examples=examples,
        )
    ]


def _years_at(root: Path, commit: str | None) -> set[int]:
    """The years archived at `commit` (the base branch's tip): their summaries' names."""
    if commit is None:
        return set()
    out = git(root, "ls-tree", "-z", "--name-only", commit, "--", f"{FOLDER}/")
    return {year for name in out.split("\0") if (year := year_of_summary(name)) is not None}


def _final(text: str, policy: Policy, now: dt.datetime, archived_years: set[int]) -> bool:
    if not text[:4].isdigit():
        return False
    year = int(text[:4])
    return year in archived_years or now >= final_from(year, policy)


def _blobs_at(root: Path, commit: str | None, paths: list[str]) -> dict[str, str]:
    if commit is None:
        return {}
    out = git(root, "ls-tree", "-z", commit, "--", *paths)
    found = {}
    for record in out.split("\0"):
        meta, _, name = record.partition("\t")
        if name:
            found[name] = meta.split(" ")[2]
    return found
