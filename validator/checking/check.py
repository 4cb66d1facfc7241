"""`validator check` as a library call: load, run every rule, return one result. Prints nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from validator.checking.full_check import full_check
from validator.checking.pr import PullRequest, prepare, pull_request_diagnostics
from validator.checking.pr.archived import archive_diagnostics
from validator.core.diagnostics import Diagnostic, Severity, diag, ordered
from validator.core.errors import RepositoryError, UsageError
from validator.core.timeutil import localize
from validator.models.org import routed_reviewer
from validator.repo.archive_check import summary_problems
from validator.repo.archive_format import FOLDER
from validator.repo.archive_summary import archived
from validator.repo.green import GREEN_REF, committed_reports, green_blobs
from validator.repo.history import PendingHistory, start_history
from validator.repo.layout import ReportFile, classify, is_listed
from validator.repo.org_data import Org
from validator.repo.workspace import Workspace, open_workspace
from validator.rules import Context
from validator.rules.registry import OWED_BY_STAFF
from validator.rules.run import repo_findings, report_findings


@dataclass
class CheckResult:
    """Everything one run found; output formats render it."""

    checked: int
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: pull-request mode: the Git logins the reports go to (JP 三(一)3: 上报给渠道工程师,
    #: 抄送渠道经理), as (engineer logins, manager logins) of the staff whose reports it holds
    routed_to: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


def run_checks(workspace: Workspace, now: dt.datetime) -> list[Diagnostic]:
    """All diagnostics for the workspace's selected files, sorted by place."""
    ctx = Context(workspace, localize(now, workspace.org.policy.tz))
    found = list(workspace.diagnostics)
    for report in workspace.reports:
        found.extend(report_findings(ctx, report))
    found.extend(repo_findings(ctx, set(workspace.checked)))
    if workspace.cache is not None:
        workspace.cache.keep_positions()  # the files with findings: parsed once, not every run
    return ordered(found)


def check(
    root: Path,
    paths: list[str] | None,
    now: dt.datetime,
    *,
    use_cache: bool = True,
    pull_request: PullRequest | None = None,
    progress: Callable[[int, int], None] | None = None,
    started: PendingHistory | None = None,
) -> CheckResult:
    """Check `paths` (repo-relative; None = everything under org/ and submissions/).

    With `pull_request.base` the paths are the files changed since the merge base instead, and
    ownership and backdating are judged as well (see `validator.checking.pr`). `progress`
    (a full check only) hears how many reports have been checked. A full check reads the
    history the caller `started` (`start_history(root, use_cache=...)`), if given."""
    if not use_cache:  # the summaries as text, before any rule of any mode reads them
        archived(root, use_cache=False)
    if pull_request is None or not pull_request.active:
        if paths is None:
            checked, found = full_check(
                root, now, use_cache=use_cache, progress=progress, started=started
            )
            return CheckResult(checked, ordered([*found, *unvalidated(root)]))
        summaries = [p for p in paths if in_archive(root, p)]  # checked with the policy
        named = [p for p in paths if p not in summaries]
        workspace = open_workspace(root, named, use_cache=use_cache)
        found = run_checks(workspace, now) if named else list(workspace.diagnostics)
        checked = len(workspace.checked)
        if summaries:
            wanted = tuple(p.rstrip("/") for p in summaries)
            problems = summary_problems(root, set(), use_cache=use_cache)
            found = ordered([*found, *(d for d in problems if _under(d.path, wanted))])
            # a summary that cannot be read was still checked: it has a finding, not nothing
            read = {*archived(root).read, *(d.path for d in problems)}
            checked += sum(_under(path, wanted) for path in read)
        return CheckResult(checked, found)
    if paths is not None and pull_request.base is not None:
        raise UsageError("give either PATH arguments or --base, not both")
    pending = None
    try:
        review = prepare(root, pull_request)
        if pull_request.base is not None:
            present = {c.path for c in review.changes if is_listed(root, c.path)}
            paths = review.changed_paths(present)
            # the history of the whole repository (or since a cached commit) answers any paths
            # and is kept for the next run; reports the pull request adds (none of them at the
            # merge base) need only its own commits, cache or not
            added = all(c.status == "A" for c in review.changes if c.path in paths)
            since = review.since if added else None
            pending = start_history(root, use_cache=use_cache, paths=paths, since=since)
        workspace = open_workspace(root, paths, use_cache=use_cache, started=pending)
    finally:
        if pending is not None:
            pending.close()
    found = run_checks(workspace, now)
    if review.base is not None and review.org_changed() and not review.opener_is_reviewer():
        # a pull request that edits org/ (itself `not-owner`) has its reports judged by the base
        # branch's deadlines, skew, roster and approvals, not by the ones it brings; its org/
        # files are still checked as they are
        own = [d for d in found if d.path.startswith(("org/", ".github/"))]
        workspace.org = review.base
        found = own + [d for d in run_checks(workspace, now) if not d.path.startswith("org/")]
    if review.base is not None and any(d.rule in OWED_BY_STAFF for d in found):
        # what a member of staff already owed on the base branch is theirs to file, not this
        # pull request's to fix; a duty the pull request brings (a posting it ends) stays an error
        before = _owed(workspace, review.base, now)
        found = [_already_owed(d, before) for d in found]
    documents = {rf.path: rf.document for rf in workspace.reports if rf.document is not None}
    found.extend(pull_request_diagnostics(root, review, workspace.org, documents))
    if pull_request.base is not None:  # reports of closed years leave only by `validator archive`
        flagged = {d.path for d in found if d.rule == "deleted-after-merge"}
        found.extend(archive_diagnostics(root, review, workspace.org.policy, flagged, now))
    return CheckResult(len(workspace.checked), ordered(found), routed_to(workspace))


def _owed(workspace: Workspace, base: Org, now: dt.datetime) -> set[tuple[object, ...]]:
    """The duties (`_duty`) the base branch's org data shows as owed, against this work tree."""
    head, workspace.org = workspace.org, base
    try:
        ctx = Context(workspace, localize(now, base.policy.tz))
        return {_duty(d) for d in repo_findings(ctx, {"org/staff.yaml"}, OWED_BY_STAFF)}
    finally:
        workspace.org = head


def _already_owed(d: Diagnostic, before: set[tuple[object, ...]]) -> Diagnostic:
    """`d` as a warning when it is a duty (`_duty`) the base branch already showed."""
    if d.rule in OWED_BY_STAFF and _duty(d) in before:
        return replace(d, severity=Severity.WARNING)
    return d


def _duty(d: Diagnostic) -> tuple[object, ...]:
    """Who owes what for which posting (a handover: the member and the day the posting began),
    apart from where it is written, the window the policy gives and the posting's end or
    regions, which a reviewer may correct: the duty owed before is the same duty."""
    args = dict(d.args)
    return (d.rule, args.get("staff"), args.get("since"))


def in_archive(root: Path, path: str) -> bool:
    """`path` names archive/ or a file in it that exists: the summaries, which no report or org
    file check reads (`validator check archive/2025.yaml` after editing one)."""
    top = path.rstrip("/").split("/", 1)[0]
    return top == FOLDER and (root / path).exists()


def _under(path: str, named: tuple[str, ...]) -> bool:
    return any(path == p or path.startswith(f"{p}/") for p in named)


def routed_to(workspace: Workspace) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The Git logins of the channel engineers and managers of the staff whose reports are in
    `workspace` (each once, in roster order); an id that names no reviewer names nobody."""
    staff = workspace.org.staff
    owners = [staff[rf.staff_id] for rf in workspace.reports if rf.staff_id in staff]
    logins: list[list[str]] = [[], []]
    for member in owners:
        for i, target in enumerate((member.channel_engineer, member.channel_manager)):
            reviewer = routed_reviewer(staff, target)
            login = reviewer.github if reviewer else None
            if login and login not in logins[i]:
                logins[i].append(login)
    return tuple(logins[0]), tuple(logins[1])


def unvalidated(root: Path) -> list[Diagnostic]:
    """On a full check: committed reports that no green validate run noted (`repo.green`);
    nothing when the repository keeps no such record."""
    try:
        green = green_blobs(root)
    except RepositoryError as exc:  # the ref is there but is no notes history (overwritten)
        reason = str(exc).strip()
        return [
            diag(
                GREEN_REF,
                "unvalidated",
                "green-unreadable",
                severity=Severity.WARNING,
                reason=reason,
            )
        ]
    if green is None:
        return []
    return [
        diag(path, "unvalidated", "unvalidated", severity=Severity.WARNING)
        for path, blob in sorted(committed_reports(root).items())  # {} when git cannot list
        if blob not in green and isinstance(classify(path), ReportFile)
    ]
