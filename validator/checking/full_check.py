"""A full `validator check`: every file under org/ and submissions/, on two cores.

Report checks need one report, the org data, its received time and "now"; repository checks read
org data alone. So a full check splits cleanly: a forked helper loads, validates and checks half
of the reports while this process does the other half, and sends back only its findings. git
reads the history meanwhile (on whichever core is free); the helper is sent the received times
of its half once git has answered.

With the verdict cache (`verdict_cache`; `--no-cache` skips it) only the reports whose findings
could have changed are looked at again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from validator.checking.verdict_cache import (
    StoredVerdict,
    VerdictCache,
    org_fingerprint,
    rules_fingerprint,
    stable_from,
    stat_key,
)
from validator.core.diagnostics import Diagnostic, ordered
from validator.core.errors import RepositoryError
from validator.core.timeutil import localize
from validator.repo import forking as forking
from validator.repo.archive_check import summary_problems
from validator.repo.history import History, PendingHistory, start_history
from validator.repo.layout import ReportFile, classify_all, list_files
from validator.repo.org_data import Org, load_org
from validator.repo.report_loader import load_one, shed_data
from validator.repo.workspace import Workspace, collector_paused
from validator.rules import Context
from validator.rules.run import repo_findings, report_findings

#: a report's findings (loading, schema and report checks) and from when on they no longer
#: depend on "now" (epoch seconds)
Verdict = tuple[list[Diagnostic], float]
#: `progress(done, total)`: reports checked so far, for a caller at a terminal
Progress = Callable[[int, int], None]


def full_check(
    root: Path, now: dt.datetime, *, use_cache: bool, progress: Progress | None = None
) -> tuple[int, list[Diagnostic]]:
    """The number of files checked and every finding, sorted by place."""
    if not root.is_dir():
        raise RepositoryError(f"{root} 不是目录 / is not a directory")
    with collector_paused():  # tens of thousands of objects, none in a cycle
        return _full_check(root, now, use_cache, progress)


def _full_check(
    root: Path, now: dt.datetime, use_cache: bool, progress: Progress | None
) -> tuple[int, list[Diagnostic]]:
    pending = start_history(root, use_cache=use_cache)  # git starts before anything else
    try:
        files = list_files(root)
        pending.launch()  # git has counted the commits meanwhile: the walk starts now
        found: list[Diagnostic] = []
        org = load_org(root, found)
        now = localize(now, org.policy.tz)
        reports, unexpected = classify_all(files)
        found += unexpected
        cache = _open_cache(root, pending, files) if use_cache else None
        # each file's state before it is read: an edit racing this run leaves a state the
        # cache does not know, so the next run looks again
        stats = {rf.path: stat_key(root, rf.path) for rf in reports} if cache is not None else {}
        known: dict[str, tuple[Diagnostic, ...]] = {}
        if cache is not None and cache.entries:  # a warm cache needs the history first
            received = pending.result().received
            for rf in reports:
                hit = cache.lookup(rf.path, stats[rf.path], received.get(rf.path), now)
                if hit is not None:
                    known[rf.path] = hit
        todo = [rf for rf in reports if rf.path not in known]
        verdicts = check_reports(root, todo, org, pending, now, progress)
        history = pending.result()
    finally:
        pending.close()
    ctx = Context(Workspace(root, org, reports, history, [], files), now)
    found += repo_findings(ctx, set(files))
    found += summary_problems(root, org.policy, {rf.path for rf in reports})  # archived years
    for stored in known.values():
        found += stored
    for findings, _ in verdicts.values():
        found += findings
    if cache is not None:
        cache.save(_entries(cache, stats, known, verdicts, history))
    return len(files), ordered(found)


def _open_cache(root: Path, pending: PendingHistory, files: list[str]) -> VerdictCache | None:
    if pending.git_dir is None or pending.head is None:
        return None  # outside git, or before the first commit: every file is received "now"
    org_files = [f for f in files if f.startswith("org/")]
    return VerdictCache.open(
        pending.git_dir, rules_fingerprint() + org_fingerprint(root, org_files)
    )


def _entries(
    cache: VerdictCache,
    stats: dict[str, tuple[int, int, int] | None],
    known: dict[str, tuple[Diagnostic, ...]],
    verdicts: dict[str, Verdict],
    history: History,
) -> dict[str, StoredVerdict]:
    entries = {rel: cache.entries[rel] for rel in known}
    for rel, (findings, start) in verdicts.items():
        received, stat = history.received.get(rel), stats.get(rel)
        if received is None or stat is None:
            continue  # not committed: received "now", never cached
        entries[rel] = (stat, int(received.timestamp()), start, tuple(findings))
    return entries


def check_reports(
    root: Path,
    reports: list[ReportFile],
    org: Org,
    pending: PendingHistory,
    now: dt.datetime,
    progress: Progress | None = None,
) -> dict[str, Verdict]:
    """Load and check `reports`, half of them in a forked helper when there are many.
    `progress` counts this process's reports as it loads them, the rest when all are done."""
    step = progress or (lambda done, total: None)
    total = len(reports)
    with collector_paused():
        split = forking.Split.start(reports, _Work(root, org))
        try:
            step(0, total)
            for done, rf in enumerate(split.mine, 1):
                _load(root, rf)
                if done % 64 == 0:
                    step(done, total)
            history = pending.result()
            received = history.received
            split.send((now, {rf.path: received.get(rf.path) for rf in split.theirs}))
            verdicts = _verdicts(root, org, split.mine, history, now)
            answer = split.answer()
        finally:
            split.close()
        if answer is None:
            for rf in split.theirs:  # no helper, or it failed: its half is done here
                _load(root, rf)
            answer = _verdicts(root, org, split.theirs, history, now)
        verdicts.update(answer)
    step(total, total)
    return verdicts


def _load(root: Path, rf: ReportFile) -> None:
    """Load and validate one report; the checks read the validated report, not its data."""
    load_one(root, rf, None)
    shed_data((rf,))


def _verdicts(
    root: Path, org: Org, reports: list[ReportFile], history: History, now: dt.datetime
) -> dict[str, Verdict]:
    ctx = Context(Workspace(root, org, reports, history, [], []), now)
    tz = org.policy.tz
    return {
        rf.path: (rf.diagnostics + report_findings(ctx, rf), stable_from(rf, tz)) for rf in reports
    }


class _Work:
    """What the helper does: load its reports, wait for their received times, check them."""

    def __init__(self, root: Path, org: Org) -> None:
        self.root, self.org = root, org

    def __call__(self, reports: list[ReportFile], channel: forking.Channel) -> None:
        for rf in reports:
            _load(self.root, rf)
        now, received = channel.receive()
        history = History(received={p: t for p, t in received.items() if t is not None})
        channel.send(_verdicts(self.root, self.org, reports, history, now))
