"""The backdating guard (rule `backdated`, docs/guide/submit.md#received).

A commit's author date is whatever the author's clock (or `GIT_AUTHOR_DATE`) said, and it decides
whether a report counts as on time. The Git host stamps the event that brought the commit to the
server; a commit dated before a deadline that reached the server after it, by more than the
tolerated clock skew, is rejected. The event time comes from the event payload, so re-running a
job later gives the same verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from validator.checking.pr.gitfacts import Commit, blob_text, file_at, objects
from validator.checking.pr.verdicts import Verdict
from validator.core.diagnostics import Diagnostic, diag
from validator.core.timeutil import stamp
from validator.kinds import KINDS
from validator.models import Policy
from validator.reading.document import Document, Mark
from validator.reading.filebytes import MAX_BYTES
from validator.reading.loader import load_text
from validator.reading.schema_errors import validate
from validator.repo.layout import ReportFile, classify


def judge(
    root: Path,
    commits: Iterable[Commit],
    policy: Policy,
    arrived: Callable[[str], dt.datetime],
) -> list[Verdict]:
    """Every (commit, report path) dated before the deadline that reached the host after it,
    by more than the clock skew; `arrived(sha)` is the best evidence of when it did."""
    commits = list(commits)
    dues = Dues(root, policy, commits)
    found = []
    for commit in commits:
        when = arrived(commit.sha)
        if when - commit.author_date <= policy.skew:
            continue
        for path in commit.paths:
            deadline = dues.due(commit, path)
            if deadline is not None and commit.author_date < deadline <= when:
                found.append(Verdict(commit.sha, path, commit.author_date, deadline, when))
    return found


def backdated(
    root: Path,
    commits: Iterable[Commit],
    policy: Policy,
    arrived: dt.datetime | Mapping[str, dt.datetime],
    documents: Mapping[str, Document] | None = None,
    kept: Iterable[Verdict] = (),
) -> list[Diagnostic]:
    """One `backdated` error per report path, naming its earliest offending commit; it points
    at the period field when the report is in `documents` (the work tree). `kept` verdicts of
    earlier runs count for the commits still in `commits`."""
    commits = list(commits)
    when = arrived if isinstance(arrived, dt.datetime) else None
    times = arrived if not isinstance(arrived, dt.datetime) else {}
    verdicts = judge(root, commits, policy, lambda sha: when or times[sha])
    return render(verdicts + still_in(kept, commits), policy, documents)


def still_in(kept: Iterable[Verdict], commits: Iterable[Commit]) -> list[Verdict]:
    """The kept verdicts about commits that are still part of the pull request."""
    present = {(c.sha, p) for c in commits for p in c.paths}
    return [v for v in kept if (v.sha, v.path) in present]


def render(
    verdicts: Iterable[Verdict], policy: Policy, documents: Mapping[str, Document] | None = None
) -> list[Diagnostic]:
    tz = policy.tz
    worst: dict[str, Verdict] = {}
    for verdict in verdicts:
        seen = worst.get(verdict.path)
        if seen is None or (verdict.author_date, verdict.sha) < (seen.author_date, seen.sha):
            worst[verdict.path] = verdict
    documents = documents or {}
    return [
        diag(
            path,
            "backdated",
            "backdated",
            at=_period_mark(documents.get(path), path),
            commit=v.sha[:12],
            author_date=stamp(v.author_date, tz),
            due=stamp(v.due, tz),
            event_time=stamp(v.arrived, tz),
            skew=policy.clock_skew,
        )
        for path, v in sorted(worst.items())
    ]


class Dues:
    """The deadline of each report version, once per blob. A kind whose clock starts with the
    report (an incident's `occurred_at`) is read from its blob, whose size is looked at first:
    a blob over the loader's limit is never read (it is `too-large` in the work tree anyway)."""

    def __init__(self, root: Path, policy: Policy, commits: list[Commit]) -> None:
        self.root = root
        self.policy = policy
        self.cache: dict[str, dt.datetime | None] = {}
        blobs = [b for c in commits for p in c.paths if (b := c.blob(p)) and self._needs_blob(p)]
        self.sizes = objects(root, blobs)

    @staticmethod
    def _needs_blob(path: str) -> bool:
        report = classify(path)
        return isinstance(report, ReportFile) and KINDS[report.kind].due_from_report

    def due(self, commit: Commit, path: str) -> dt.datetime | None:
        report = classify(path)
        if not isinstance(report, ReportFile):
            return None
        kind = KINDS[report.kind]
        if not kind.due_from_report:
            return kind.due(report.period, self.policy)
        blob = commit.blob(path)
        if blob is None:
            return None
        if blob not in self.cache:
            self.cache[blob] = self._read_due(report, blob)
        return self.cache[blob]

    def _read_due(self, report: ReportFile, blob: str) -> dt.datetime | None:
        kind_size = self.sizes.get(blob)
        if kind_size is None or kind_size[0] != "blob" or kind_size[1] > MAX_BYTES:
            return None
        text = blob_text(self.root, blob)
        return None if text is None else due_of_text(text, report, self.policy)


def _period_mark(document: Document | None, path: str) -> Mark | None:
    report = classify(path)
    if document is None or not isinstance(report, ReportFile):
        return None
    return document.mark((KINDS[report.kind].model.period_field,), key=True)


def report_due(root: Path, sha: str, report: ReportFile, policy: Policy) -> dt.datetime | None:
    """The deadline of `report` as committed in `sha`; a kind whose clock starts with the report
    (an incident's `occurred_at`) is read in that commit (None when it cannot be read)."""
    kind = KINDS[report.kind]
    if not kind.due_from_report:
        return kind.due(report.period, policy)
    text = file_at(root, sha, report.path)
    return None if text is None else due_of_text(text, report, policy)


def due_of_text(text: str, report: ReportFile, policy: Policy) -> dt.datetime | None:
    """The deadline a committed version of `report` gives itself (None when it is broken)."""
    kind = KINDS[report.kind]
    loaded = load_text(text, report.path)
    if loaded.document is None:
        return None
    instance, _problems = validate(loaded.document, kind.model)
    if instance is None:
        return None
    return kind.due(report.period, policy, instance)
