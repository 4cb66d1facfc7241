"""The backdating guard (rule `backdated`, SPEC §5).

A commit's author date is whatever the author's clock (or `GIT_AUTHOR_DATE`) said, and it decides
whether a report counts as on time. The Git host stamps the event that brought the commit to the
server; a commit dated before a deadline that reached the server after it, by more than the
tolerated clock skew, is rejected. The event time comes from the event payload, so re-running a
job later gives the same verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

from validator.checking.pr.gitfacts import Commit, file_at
from validator.core.diagnostics import Diagnostic, diag
from validator.kinds import KINDS
from validator.models import Policy
from validator.reading.loader import Document, Mark, load_text
from validator.reading.schema_errors import validate
from validator.repo.workspace import ReportFile, classify


def backdated(
    root: Path,
    commits: Iterable[Commit],
    policy: Policy,
    event_time: dt.datetime,
    documents: Mapping[str, Document] | None = None,
) -> list[Diagnostic]:
    """One `backdated` error per report path, naming its earliest offending commit; it points
    at the period field when the report is in `documents` (the work tree)."""
    tz = policy.tz
    skew = policy.skew
    worst: dict[str, tuple[Commit, dt.datetime]] = {}
    for commit in commits:
        for path in commit.paths:
            report = classify(path)
            if not isinstance(report, ReportFile):
                continue
            deadline = report_due(root, commit.sha, report, policy)
            if deadline is None:
                continue
            if not commit.author_date < deadline <= event_time:
                continue
            if event_time - commit.author_date <= skew:
                continue
            seen = worst.get(path)
            if seen is None or commit.author_date < seen[0].author_date:
                worst[path] = (commit, deadline)
    documents = documents or {}
    return [
        diag(
            path,
            "backdated",
            "backdated",
            at=_period_mark(documents.get(path), path),
            commit=commit.sha[:12],
            author_date=_fmt(commit.author_date, tz),
            due=_fmt(deadline, tz),
            event_time=_fmt(event_time, tz),
            skew=policy.clock_skew,
        )
        for path, (commit, deadline) in sorted(worst.items())
    ]


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
    if text is None:
        return None
    loaded = load_text(text, report.path)
    if loaded.document is None:
        return None
    instance, _problems = validate(loaded.document, kind.model)
    if instance is None:
        return None
    return kind.due(report.period, policy, instance)


def _fmt(moment: dt.datetime, tz: dt.tzinfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S %z")
