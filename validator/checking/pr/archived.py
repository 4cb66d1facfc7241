"""Reports leave main only through `validator archive` (docs/guide/archive.md#check).

Reviewers may correct reports, so ownership lets them delete; but a merged report that vanishes
without an archive summary recording it would silently drop a week from every status figure.
Any author's deletion of a report is therefore flagged unless a summary in the work tree (the
one the archive command added in this pull request) lists that path with the deleted blob.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from validator.checking.pr.gitfacts import Change
from validator.core.diagnostics import Diagnostic, diag
from validator.models import Policy
from validator.repo.archive_summary import FOLDER, archived, summary_problems
from validator.repo.git import git
from validator.repo.layout import classify_all


def archive_diagnostics(
    root: Path,
    changes: Iterable[Change],
    base: str,
    base_sha: str | None,
    policy: Policy,
    flagged: set[str],
) -> list[Diagnostic]:
    """`deleted-after-merge` for deleted reports no summary records (`flagged`: paths already
    reported as deleted by the ownership rules), and the summaries' own problems when the pull
    request changes one."""
    changes = list(changes)
    deleted = [c.path for c in changes if c.status == "D" and c.path.startswith("submissions/")]
    reports, _ = classify_all(deleted)
    found: list[Diagnostic] = []
    if reports:
        recorded = {e.path: e.blob for s in archived(root).summaries for e in s.entries}
        blobs = _blobs_at(root, base_sha, [rf.path for rf in reports]) if base_sha else {}
        for rf in reports:
            if rf.path in flagged:
                continue
            blob = recorded.get(rf.path)
            if blob is None or blobs.get(rf.path, blob) != blob:
                found.append(diag(rf.path, "deleted-after-merge", "archive-deleted", base=base))
    if any(c.path.startswith(f"{FOLDER}/") for c in changes):
        found.extend(summary_problems(root, policy, set()))
    return found


def _blobs_at(root: Path, commit: str, paths: list[str]) -> dict[str, str]:
    out = git(root, "ls-tree", "-z", commit, "--", *paths)
    found = {}
    for record in out.split("\0"):
        meta, _, name = record.partition("\t")
        if name:
            found[name] = meta.split(" ")[2]
    return found
