"""`validator check` as a library call: load, run every rule, return one result. Prints nothing."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from validator.diagnostics import Diagnostic
from validator.errors import UsageError
from validator.history import load_history
from validator.pr import PullRequest, prepare, pull_request_diagnostics
from validator.rules import REPO_CHECKS, REPORT_CHECKS, Context
from validator.timeutil import localize
from validator.verdict_cache import (
    VerdictCache,
    org_fingerprint,
    rules_fingerprint,
    stable_from,
    stat_key,
)
from validator.workspace import Workspace, is_listed, list_files, load_org, open_workspace


@dataclass
class Result:
    """Everything one run found; output formats render it."""

    checked: int
    diagnostics: list[Diagnostic] = field(default_factory=list)

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
        if report.report is None:
            continue
        for _rule, check in REPORT_CHECKS:
            found.extend(check(ctx, report))
    selected = set(workspace.checked)
    for _rule, repo_check in REPO_CHECKS:
        found.extend(d for d in repo_check(ctx) if d.path in selected)
    if workspace.cache is not None:
        workspace.cache.keep_positions()  # the files with findings: parsed once, not every run
    return sorted(dict.fromkeys(found), key=Diagnostic.sort_key)


def check(
    root: Path,
    paths: list[str] | None,
    now: dt.datetime,
    *,
    use_cache: bool = True,
    pull_request: PullRequest | None = None,
) -> Result:
    """Check `paths` (repo-relative; None = everything under org/ and submissions/).

    With `pull_request.base` the paths are the files changed since the merge base instead, and
    ownership and backdating are judged as well (see `validator.pr`)."""
    if pull_request is None or not pull_request.active:
        if use_cache and paths is None:
            cached = _full_check_with_verdicts(root, now)
            if cached is not None:
                return cached
        workspace = open_workspace(root, paths, use_cache=use_cache)
        return Result(len(workspace.checked), run_checks(workspace, now))
    if paths is not None and pull_request.base is not None:
        raise UsageError("give either PATH arguments or --base, not both")
    review = prepare(root, pull_request)
    if pull_request.base is not None:
        present = {c.path for c in review.changes if is_listed(root, c.path)}
        paths = review.changed_paths(present)
    workspace = open_workspace(root, paths, use_cache=use_cache)
    found = run_checks(workspace, now)
    documents = {rf.path: rf.document for rf in workspace.reports if rf.document is not None}
    found.extend(pull_request_diagnostics(root, review, workspace.org.policy, documents))
    return Result(len(workspace.checked), sorted(dict.fromkeys(found), key=Diagnostic.sort_key))


def _full_check_with_verdicts(root: Path, now: dt.datetime) -> Result | None:
    """A full check that re-examines only what changed since the last one (`verdict_cache`);
    None outside a git checkout with commits, where the plain path runs."""
    if not root.is_dir():
        return None
    history = load_history(root)
    if history.git_dir is None or history.head is None:
        return None
    files = list_files(root)
    org_files = [f for f in files if f.startswith("org/")]
    report_files = [f for f in files if not f.startswith("org/")]
    if now.tzinfo is None:
        now = localize(now, load_org(root, []).policy.tz)
    cache = VerdictCache.open(
        history.git_dir, rules_fingerprint() + org_fingerprint(root, org_files)
    )
    stats = {rel: stat_key(root, rel) for rel in report_files}
    known: dict[str, tuple[Diagnostic, ...]] = {}
    for rel in report_files:
        found = cache.lookup(rel, stats[rel], history.received.get(rel), now)
        if found is not None:
            known[rel] = found
    misses = [rel for rel in report_files if rel not in known]
    paths = None if len(misses) == len(report_files) else [*org_files, *misses]
    workspace = open_workspace(root, paths, history=history)
    fresh = run_checks(workspace, now)
    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in fresh:
        by_path[d.path].append(d)
    entries = {rel: cache.entries[rel] for rel in known}
    starts = {rf.path: stable_from(rf, workspace) for rf in workspace.reports}
    for rel in misses:
        received, stat = history.received.get(rel), stats[rel]
        if received is None or stat is None:
            continue  # not committed: received "now", never cached
        entries[rel] = (
            stat,
            int(received.timestamp()),
            starts.get(rel, 0.0),
            tuple(by_path.get(rel, ())),
        )
    cache.save(entries)
    every = [d for found in known.values() for d in found] + fresh
    return Result(len(files), sorted(dict.fromkeys(every), key=Diagnostic.sort_key))
