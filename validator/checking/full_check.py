"""A full `validator check`: every file under org/ and submissions/, on two cores.

Report checks need one report, the org data, its received time and "now" (the few that read other
files, `reads_others`, read them from the work tree); repository checks read org data alone. So a
full check shares the reports with a forked helper: each process takes the next chunk of reports
from its own end of the list while any is left (`forking.BothEnds`), loads, validates and checks
it, and the helper sends back only its verdicts. git reads the history meanwhile (on whichever
core is free); once it is done, this process parses its output, sends the helper the received
times, and runs the repository checks while the helper goes on.

With the verdict cache (`verdict_cache`; `--no-cache` skips it) only the reports whose findings
could have changed are looked at again.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from validator.checking.verdict_cache import (
    OrgReader,
    StoredVerdict,
    VerdictCache,
    rules_fingerprint,
    settled,
    stable_from,
    stat_key,
)
from validator.core import lifetime
from validator.core.diagnostics import Diagnostic, ordered
from validator.core.errors import RepositoryError
from validator.core.timeutil import localize
from validator.repo import forking as forking
from validator.repo.archive_check import summary_problems
from validator.repo.history import History, PendingHistory, start_history
from validator.repo.layout import ReportFile, classify_all, list_files
from validator.repo.org_data import Org, load_org, org_sources
from validator.repo.report_loader import load_one, shed_data
from validator.repo.workspace import Workspace, collector_paused
from validator.rules import Context
from validator.rules.base import CROSS_FILE_KINDS
from validator.rules.run import repo_findings, report_findings

#: a report's findings (loading, schema and report checks) and from when on they no longer
#: depend on "now" (epoch seconds)
Verdict = tuple[list[Diagnostic], float]
#: `progress(done, total)`: reports checked so far, for a caller at a terminal
Progress = Callable[[int, int], None]
#: reports a process takes at a time: the two processes finish within a chunk of each other
CHUNK = 64


def full_check(
    root: Path,
    now: dt.datetime,
    *,
    use_cache: bool,
    progress: Progress | None = None,
    started: PendingHistory | None = None,
) -> tuple[int, list[Diagnostic]]:
    """The number of files checked and every finding, sorted by place. `started` is the
    history, if the caller has started git already (`start_history(root, use_cache=...)`)."""
    pending = started
    try:
        if not root.is_dir():
            raise RepositoryError(f"{root} 不是目录 / is not a directory")
        pending = pending or start_history(root, use_cache=use_cache)  # git first
        with collector_paused():  # tens of thousands of objects, none in a cycle
            return _full_check(root, now, use_cache, progress, pending)
    finally:
        if pending is not None:
            pending.close()  # git is stopped when anything went wrong


def _full_check(
    root: Path,
    now: dt.datetime,
    use_cache: bool,
    progress: Progress | None,
    pending: PendingHistory,
) -> tuple[int, list[Diagnostic]]:
    pending.launch_soon()  # the walk starts once git has counted the commits, from a thread
    files = list_files(root)
    pending.launch()  # that thread is done before the helper is forked
    found: list[Diagnostic] = []
    sources = org_sources(root)
    org_read = OrgReader(sources)  # the cache's key: what this run judged with
    org = load_org(root, found, files=list(sources), read=org_read)
    now = localize(now, org.policy.tz)
    reports, unexpected = classify_all(files)
    found += unexpected
    cache = _open_cache(pending, org_read.fingerprint()) if use_cache else None
    # each file's state before it is read: an edit racing this run leaves a state the cache
    # does not know, so the next run looks again. A kind with a check that reads other files
    # (`reads_others`) has no state here, so it is always checked afresh: handovers are few.
    taken = time.time_ns()  # a file written just before may be written again unseen (`settled`)
    stats = (
        {rf.path: stat_key(root, rf.path) for rf in reports if rf.kind not in CROSS_FILE_KINDS}
        if cache is not None
        else {}
    )
    known: dict[str, tuple[Diagnostic, ...]] = {}
    if cache is not None and cache.entries:  # a warm cache needs the history first
        received = pending.result().received
        for rf in reports:
            hit = cache.lookup(rf.path, stats.get(rf.path), received.get(rf.path), now)
            if hit is not None:
                known[rf.path] = hit
    todo = [rf for rf in reports if rf.path not in known]

    def whole_repository(history: History) -> None:
        ctx = Context(Workspace(root, org, reports, history, [], files), now)
        found.extend(repo_findings(ctx, set(files)))
        present = {rf.path for rf in reports}
        found.extend(summary_problems(root, present, use_cache=use_cache))

    verdicts = check_reports(
        root, todo, org, pending, now, progress, whole_repository, keep=cache is not None
    )
    history = pending.result()
    for stored in known.values():
        found += stored
    for findings, _ in verdicts.values():
        found += findings
    if cache is not None:
        cache.save(_entries(cache, stats, known, verdicts, history, now, taken))
    lifetime.keep(reports)  # the loaded reports, freed at the end of a long-lived caller's run
    return len(files), ordered(found)


def _open_cache(pending: PendingHistory, org_key: str) -> VerdictCache | None:
    if pending.git_dir is None or pending.head is None:
        return None  # outside git, or before the first commit: every file is received "now"
    return VerdictCache.open(pending.git_dir, rules_fingerprint() + org_key)


def _entries(
    cache: VerdictCache,
    stats: dict[str, tuple[int, int, int] | None],
    known: dict[str, tuple[Diagnostic, ...]],
    verdicts: dict[str, Verdict],
    history: History,
    now: dt.datetime,
    taken: int,
) -> dict[str, StoredVerdict]:
    entries = {rel: cache.entries[rel] for rel in known}
    cutoff = now.timestamp()
    for rel, (findings, start) in verdicts.items():
        received, stat = history.received.get(rel), stats.get(rel)
        if received is None or stat is None or rel in history.before_cut:
            continue  # not committed (received "now"), reads other files, or not known: not kept
        if not settled(stat, taken):
            continue  # written just before: a save within the same tick would go unseen
        if cutoff < start:
            continue  # judged before it is stable (`--now` a date gone by): "now" still counts
        entries[rel] = (stat, int(received.timestamp()), start, tuple(findings))
    return entries


def check_reports(
    root: Path,
    reports: list[ReportFile],
    org: Org,
    pending: PendingHistory,
    now: dt.datetime,
    progress: Progress | None = None,
    meanwhile: Callable[[History], None] | None = None,
    *,
    keep: bool = True,
) -> dict[str, Verdict]:
    """Load and check `reports`, shared with a forked helper when there are many: each process
    takes the next chunk while any is left (`forking.BothEnds`), and checks what it loaded once
    git has given the received times. This process parses git's output as soon as git is done,
    sends the times on, and runs `meanwhile(history)` (work that needs the history but no
    report) while the helper goes on taking chunks. `progress` counts the reports taken.

    Every report has a verdict when the caller will `keep` them (the verdict cache); else only
    the reports with findings do, without the time they are stable from (nobody asks)."""
    step = progress or (lambda done, total: None)
    total = len(reports)
    with collector_paused():
        mine = _Share(root, org, keep)
        with forking.BothEnds.start(reports, _Work(root, org, keep), chunk=CHUNK) as shared:
            step(0, total)
            while (part := shared.take()) is not None:
                mine.load(part)
                if not mine.knows and pending.finished():
                    _known(pending, mine, shared, now, meanwhile)
                step(shared.taken, total)
            if not mine.knows:
                _known(pending, mine, shared, now, meanwhile)
            answer = shared.answer()
        if isinstance(answer, dict):
            verdicts: dict[str, Verdict] = answer
        else:  # no helper, or it failed: its reports are done here
            verdicts = {}
            mine.load(shared.theirs)
        for rf in mine.loaded:  # the chunk both took where they met: this verdict stands,
            verdicts.pop(rf.path, None)  # a clean one too (the helper had no times for it)
        verdicts.update(mine.verdicts)
    step(total, total)
    return verdicts


def _known(
    pending: PendingHistory,
    mine: _Share,
    shared: forking.BothEnds[ReportFile],
    now: dt.datetime,
    meanwhile: Callable[[History], None] | None,
) -> None:
    """Once git is done: the received times of every report not taken here yet to the helper,
    the checks of what this process has loaded, then `meanwhile`."""
    history = pending.result()
    if shared.helper is not None:
        received = history.received
        times = {rf.path: t for rf in shared.theirs if (t := received.get(rf.path)) is not None}
        cut = history.before_cut  # a shallow clone's, mostly none
        shared.send((now, times, cut & {rf.path for rf in shared.theirs} if cut else cut))
    mine.know(history, now)
    if meanwhile is not None:
        meanwhile(history)


class _Share:
    """One process's share of the reports: each is loaded when taken, and checked as soon as
    the received times are known (until then, the loaded ones wait)."""

    def __init__(self, root: Path, org: Org, keep: bool) -> None:
        self.root, self.org, self.keep = root, org, keep
        self.loaded: list[ReportFile] = []  # the workspace a report check sees
        self.waiting: list[ReportFile] = []
        self.ctx: Context | None = None  # once the received times are known
        self.verdicts: dict[str, Verdict] = {}

    @property
    def knows(self) -> bool:
        """Whether the received times are known (the reports are then checked as loaded)."""
        return self.ctx is not None

    def load(self, part: list[ReportFile]) -> None:
        for rf in part:
            _load(self.root, rf)
        self.loaded += part
        if self.ctx is None:
            self.waiting += part
        else:
            self._check(part)

    def know(self, history: History, now: dt.datetime) -> None:
        self.ctx = Context(Workspace(self.root, self.org, self.loaded, history, [], []), now)
        self._check(self.waiting)
        self.waiting = []

    def _check(self, part: list[ReportFile]) -> None:
        assert self.ctx is not None
        ctx, tz, verdicts = self.ctx, self.org.policy.tz, self.verdicts
        for rf in part:
            findings = rf.diagnostics + report_findings(ctx, rf)
            if self.keep:
                verdicts[rf.path] = (findings, stable_from(rf, tz))
            elif findings:
                verdicts[rf.path] = (findings, 0.0)


def _load(root: Path, rf: ReportFile) -> None:
    """Load and validate one report; the checks read the validated report, not its data, and
    a message's position comes from the bytes that were checked."""
    load_one(root, rf, None, hold=True)
    shed_data((rf,))


class _Work:
    """What the helper does: take chunks from the back until the two ends meet, check them once
    the received times arrive (looking for them between chunks), and answer with the verdicts."""

    def __init__(self, root: Path, org: Org, keep: bool) -> None:
        self.root, self.org, self.keep = root, org, keep

    def __call__(self, shared: forking.BothEnds[ReportFile], channel: forking.Channel) -> None:
        share = _Share(self.root, self.org, self.keep)
        while (part := shared.take_back()) is not None:
            share.load(part)
            if not share.knows and channel.waiting():
                self._know(share, channel)
        if not share.knows:
            self._know(share, channel)
        channel.send(share.verdicts)

    @staticmethod
    def _know(share: _Share, channel: forking.Channel) -> None:
        now, received, cut = channel.receive()
        share.know(History(received=received, before_cut=cut), now)
