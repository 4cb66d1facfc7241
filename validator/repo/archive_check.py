"""Rule `archive-summary`: the carried-over summaries agree with themselves, the policy, the work
tree and (when this clone has it) the archive branch (docs/formats/archive.md).

A national company's year is some 400,000 entries, so an entry that is right costs two
comparisons (`Kind.due` works each period's deadline out once), and a position is looked up
only for an entry that is wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from validator.core.diagnostics import Diagnostic, Point, diag
from validator.core.errors import RepositoryError
from validator.kinds import due, parse_period
from validator.models import Policy
from validator.reading.loader import load_text
from validator.reading.schema_errors import validate
from validator.repo import archive_store
from validator.repo.archive_format import LATE, ON_TIME, PERIOD_DUE, RULE, Summary
from validator.repo.archive_summary import Archive, archived, strays
from validator.repo.git import git, rev_exists

POLICY = "org/policy.yaml"


#: a file under archive/ that is not a summary (the command writes nothing else there)
def summary_problems(
    root: Path,
    present: set[str],
    *,
    branch_copy: bool = True,
    use_cache: bool = True,
) -> list[Diagnostic]:
    """What is wrong with the summaries: unreadable, an entry whose state or deadline does not
    follow from its dates and the policy in force when the year was archived, a blob the
    archive branch does not hold, or a report of an archived year in the work tree (`present`:
    the listed report paths). Each at its line.
    Then, for a summary with nothing else wrong, a line that differs from the archive branch's
    copy (`branch_copy`; a pull request compares with its base branch instead). Without
    `use_cache`, every summary is read and checked again (`archive_store`)."""
    archive = archived(root, use_cache=use_cache)
    found = list(archive.problems)
    for path in strays(root):
        found.append(diag(path, RULE, "archive-summary-stray"))
    for summary in archive.summaries:
        ref, agrees = _archive_branch(root, summary)
        dated = rev_exists(root, f"{summary.base}^{{commit}}")  # the policy of the time is here
        verdict = _verdict(root, archive, summary, dated, ref)
        if verdict is None or not archive_store.is_clean(verdict[0], summary.year, verdict[1]):
            policy = policy_at(root, summary.base) if dated else None
            own = _entry_problems(archive, summary, policy)
            own += _blob_problems(root, archive, summary, ref)
            if verdict is not None and not own:
                archive_store.mark_clean(verdict[0], summary.year, verdict[1])
            found.extend(own)
        said = any(d.path == summary.path for d in found)
        if ref is not None and not agrees and branch_copy and not said:
            found.extend(_branch_summary_problem(root, summary, ref))
    for path in sorted(present):
        parts = path.split("/")
        period = parse_period(parts[2], parts[3].removesuffix(".yaml")) if len(parts) == 4 else None
        if (
            period is not None
            and period.text[:4].isdigit()
            and int(period.text[:4]) in archive.years
        ):
            found.append(diag(path, RULE, "archive-period-filed", year=period.text[:4]))
    return found


def _entry_problems(archive: Archive, summary: Summary, policy: Policy | None) -> list[Diagnostic]:
    """Entries whose state does not follow from their dates, or whose deadline is not the
    one `policy` gives (None: the policy of the time is not in this clone, so not judged)."""
    found = []
    for entry in summary.entries:
        expected = ON_TIME if entry.received < entry.due else LATE
        if entry.state != expected:
            args = {"state": entry.state, "expected": expected}
            found.append(_wrong(archive, summary, entry.path, "archive-summary-state", **args))
        if (
            policy is not None
            and entry.period.kind in PERIOD_DUE
            and entry.due != due(entry.period, policy)
        ):
            found.append(_wrong(archive, summary, entry.path, "archive-summary-due"))
    return found


def policy_at(root: Path, commit: str) -> Policy | None:
    """The policy in force at `commit`, the archive point: its `org/policy.yaml`, or the
    defaults when it had none. Deadlines recorded then are judged by it, not by a policy the
    organisation changed since. `commit` is in this clone (a shallow one may lack it). None
    when its policy cannot be read (the archive command refuses a broken one)."""
    try:
        text = git(root, "cat-file", "blob", f"{commit}:{POLICY}")
    except RepositoryError:
        return Policy()  # it had none: the defaults applied
    result = load_text(text, POLICY)
    if result.document is None:
        return None
    found, _problems = validate(result.document, Policy)
    return found if isinstance(found, Policy) else None


def _verdict(
    root: Path, archive: Archive, summary: Summary, dated: bool, ref: str | None
) -> tuple[Path, str] | None:
    """Where a clean verdict on `summary` is kept and what it rests on: the summary's content
    (with its archive point, whose policy judges the deadlines, when `dated`: in this clone)
    and the reports on the archive branch `ref`. None without a store."""
    if archive.git_dir is None or not summary.key:
        return None
    branch = "-"
    if ref is not None:
        try:
            branch = git(root, "rev-parse", "-q", "--verify", f"{ref}^{{tree}}").strip()
        except RepositoryError:
            return None
    parts = ("dated" if dated else "-", ref or "-", branch)
    return archive.git_dir, archive_store.verdict_key(summary.key, *parts)


def _blob_problems(
    root: Path, archive: Archive, summary: Summary, ref: str | None
) -> list[Diagnostic]:
    """Entries whose blob is not the file at their path on the archive branch, and reports on
    the branch that no entry records (a deleted block silently dropped them from every
    figure). Only when the branch is in this clone: a shallow CI clone may not have fetched it,
    and then only a summary with no reports at all is known to be incomplete."""
    if ref is None:
        return []
    listing = git(root, "ls-tree", "-r", "-z", ref, "submissions/")
    held = {}
    for record in listing.split("\0"):
        meta, _, name = record.partition("\t")
        if name:
            held[name] = meta.split(" ")[-1]
    recorded = summary.blobs()
    found = [
        _wrong(archive, summary, path, "archive-summary-blob", branch=summary.branch)
        for path, blob in recorded.items()
        if held.get(path) != blob
    ]
    missing = sorted(set(held) - set(recorded))
    if missing and recorded:  # none at all: already an error of its own
        document = archive.document(summary.path)
        problem = (
            f"归档分支 {summary.branch} 上有 {len(missing)} 份报告没有记在摘要中"
            f"(如 {'、'.join(missing[:3])})"
        )
        at = document.mark(("reports",), key=True)
        found.append(diag(summary.path, RULE, "archive-summary-bad", at=at, problem=problem))
    return found


def _archive_branch(root: Path, summary: Summary) -> tuple[str | None, bool]:
    """The archive branch the summary is checked against, and whether it holds the same summary
    (which the command wrote beside it): the local branch (the archiving clone's) or the one
    fetched from origin, whichever holds this summary (a local branch left from an archive that
    was redone is not origin's), else origin's; (None, False) when this clone has neither.
    Blob ids are compared, so that a national company's summary is not read again."""
    copies: dict[str, str | None] = {}
    for ref in (f"refs/remotes/origin/{summary.branch}", f"refs/heads/{summary.branch}"):
        try:  # one git call for a branch that holds the summary, the usual case
            copies[ref] = git(root, "rev-parse", "-q", "--verify", f"{ref}:{summary.path}").strip()
        except RepositoryError:
            if rev_exists(root, f"{ref}^{{commit}}"):
                copies[ref] = None  # a branch without it: its blobs are said
    if not copies:
        return None, False
    try:  # as git would store the work tree's file (its line ends converted back)
        mine: str | None = git(root, "hash-object", "--", summary.path).strip()
    except RepositoryError:
        mine = None
    same = next((ref for ref, blob in copies.items() if blob is not None and blob == mine), None)
    return (same, True) if same is not None else (next(iter(copies)), False)


def _branch_summary_problem(root: Path, summary: Summary, ref: str) -> list[Diagnostic]:
    """The summary is not the one the archive branch `ref` holds: a change pushed straight to
    main has no pull request to be compared with, and a received time moved with its state
    agrees with itself and the policy. At its first line that differs."""
    try:
        before = git(root, "cat-file", "blob", f"{ref}:{summary.path}").split("\n")
        after = (root / summary.path).read_text("utf-8", "surrogateescape").split("\n")
    except (RepositoryError, OSError):  # a branch without it: its blobs are said instead
        return []
    line = first_difference(before, after)
    if line is None:
        return []
    text = after[line - 1].strip() if line <= len(after) else ""
    at = Point(line, None)
    key = "archive-summary-branch"
    return [diag(summary.path, RULE, key, at=at, branch=summary.branch, line=text or "—")]


def first_difference(before: list[str], after: list[str]) -> int | None:
    """The first line (from 1) where `after` differs from `before`; None when they agree."""
    line = next((i for i, (a, b) in enumerate(zip(before, after, strict=False), 1) if a != b), None)
    if line is None and len(before) != len(after):
        line = min(len(before), len(after)) + 1
    return line


def _wrong(archive: Archive, summary: Summary, path: str, key: str, **args: Any) -> Diagnostic:
    """Message `key` about the entry of `path`, at its line in the summary."""
    document = archive.document(summary.path)
    where = document.mark(summary.locs[path])
    return diag(summary.path, RULE, key, at=where, path=path, **args)
