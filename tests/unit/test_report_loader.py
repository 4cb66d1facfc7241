"""Parsing on two cores gives exactly what one process gives, and survives a failing helper.

A real repository only takes this path above 2,000 reports; here the threshold is lowered so a
small corpus repository goes through the forked helper: loading data for status and pages
(`report_loader`), and the full check, whose helper also runs the report checks (`full_check`).
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support.corpus import CASES, materialise
from tests.support.gitrepo import GitRepo, aged
from validator.checking import full_check
from validator.checking.check import CheckResult, check
from validator.repo import forking, history, report_loader
from validator.repo.layout import ReportFile, classify
from validator.repo.report_cache import LazyDocument, ParsedReport
from validator.repo.report_loader import ReportLoader

NOW = dt.datetime.fromisoformat("2026-11-22T10:00:00+08:00")
REPORT = "submissions/li-ming/weekly/2026-W47.yaml"


def many_reports(root: Path) -> list[ReportFile]:
    """The minimal weekly case plus broken and valid copies under other weeks."""
    materialise(CASES / "valid/weekly-minimal", root)
    good = (root / REPORT).read_text(encoding="utf-8")
    for week in range(40, 47):
        text = good.replace("2026-W47", f"2026-W{week}")
        if week % 3 == 0:
            text = text.replace("summary:", "sumary:")
        (root / f"submissions/li-ming/weekly/2026-W{week}.yaml").write_text(text, "utf-8")
    (root / "submissions/li-ming/weekly/2026-W39.yaml").write_bytes(b"\xff\xfe")
    paths = sorted(str(p.relative_to(root)) for p in (root / "submissions").rglob("*.yaml"))
    reports = [classify(p) for p in paths]
    assert all(isinstance(r, ReportFile) for r in reports)
    return reports  # type: ignore[return-value]


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forking, "PARALLEL_MIN", 2)
    monkeypatch.setattr("validator.repo.forking.threading.active_count", lambda: 1)
    monkeypatch.setattr(full_check, "CHUNK", 1)  # the full check's processes take one at a time


def outcome(reports: list[ReportFile]) -> list[tuple[str, object, object, list[str]]]:
    return [
        (
            r.path,
            r.document.data if r.document is not None else None,
            r.report,
            [d.key for d in r.diagnostics],
        )
        for r in reports
    ]


def test_helper_parses_half_with_the_same_results(two_cores: None, tmp_path: Path) -> None:
    serial = many_reports(tmp_path)
    for report in serial:
        report_loader.load_one(tmp_path, report, None)
    parallel = many_reports(tmp_path)
    loader = ReportLoader(tmp_path, parallel, None)
    loader.start()
    theirs = loader.split.theirs
    assert loader.split.helper is not None and len(theirs) == len(parallel) - len(parallel) // 2
    loader.finish()
    assert outcome(parallel) == outcome(serial)
    helped = [r for r in theirs if r.document is not None]
    assert helped and all(isinstance(r.document, LazyDocument) for r in helped)
    first = helped[0].document
    assert first is not None and first.mark(("staff",)) is not None


def fail_in_helper(monkeypatch: pytest.MonkeyPatch, how: str) -> list[str]:
    """Make loading raise (or hang) in any process but this one; returns the paths that this
    process parses."""
    parent = os.getpid()
    real = report_loader.parse
    parsed_here: list[str] = []

    def parse(raw: bytes, path: str, kind: str, source: str | None = None) -> ParsedReport:
        if os.getpid() != parent:
            if how == "raise":
                raise RuntimeError("helper failure")
            time.sleep(60)
        parsed_here.append(path)
        return real(raw, path, kind, source)

    monkeypatch.setattr(report_loader, "parse", parse)
    monkeypatch.setattr(forking, "TIMEOUT", 0.5)
    monkeypatch.setattr(forking, "EXIT_WAIT", 0.1)
    return parsed_here


@pytest.mark.parametrize("how", ["raise", "hang"])
def test_failing_helper_means_the_parent_parses(
    two_cores: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    parsed_here = fail_in_helper(monkeypatch, how)
    reports = many_reports(tmp_path)
    loader = ReportLoader(tmp_path, reports, None)
    loader.start()
    assert loader.split.helper is not None
    process = loader.split.helper.process
    loader.finish()
    assert not process.is_alive()
    assert all(r.report is not None or r.diagnostics for r in reports)
    assert sorted(parsed_here) == sorted(r.path for r in reports)  # every one, here


def full_checks(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[CheckResult, CheckResult]:
    """A full check with the helper, and one in a single process."""
    with_helper = check(root, None, NOW, use_cache=False)
    monkeypatch.setattr(forking, "PARALLEL_MIN", 10**9)
    alone = check(root, None, NOW, use_cache=False)
    return with_helper, alone


def test_full_check_through_the_helper_matches_one_process(
    two_cores: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many_reports(tmp_path)
    started: list[int] = []
    real_start = forking.Helper.start

    def start(work: Any) -> forking.Helper | None:
        started.append(1)
        return real_start(work)

    monkeypatch.setattr(forking.Helper, "start", start)
    with_helper, alone = full_checks(tmp_path, monkeypatch)
    assert started == [1]  # the first check forked, the second did not
    assert with_helper == alone
    assert {d.rule for d in alone.diagnostics} >= {"schema", "encoding"}


def test_full_check_in_git_sends_received_times_to_the_helper(
    two_cores: None, git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deadlines in the helper's half are judged by git history, as in this process."""
    many_reports(git_repo.root)
    git_repo.commit("reports", "2026-11-18T09:00:00+08:00")  # weeks 40 to 46 arrive late
    with_helper, alone = full_checks(git_repo.root, monkeypatch)
    assert with_helper == alone
    late = {d.path for d in alone.diagnostics if d.rule == "late"}
    assert "submissions/li-ming/weekly/2026-W40.yaml" in late  # this process's half
    assert "submissions/li-ming/weekly/2026-W46.yaml" in late  # the helper's half


@pytest.mark.parametrize("git_is_done", [True, False])
def test_full_check_gives_the_same_whenever_git_is_done(
    two_cores: None, git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch, git_is_done: bool
) -> None:
    """Received times reach the helper while both still take reports, or only once every report
    is taken; either way both halves are judged as one process judges them, and the checks of
    the whole repository (run meanwhile) find the same."""
    many_reports(git_repo.root)
    staff = (git_repo.root / "org/staff.yaml").read_text(encoding="utf-8")
    git_repo.write("org/staff.yaml", staff.replace("  - id: wang-fang", "  - id: li-ming", 1))
    git_repo.commit("reports", "2026-11-18T09:00:00+08:00")

    def finished(self: history.PendingHistory) -> bool:
        if git_is_done:
            self.result()  # waits for git: the times are known at the first report taken
        return git_is_done

    monkeypatch.setattr(history.PendingHistory, "finished", finished)
    with_helper, alone = full_checks(git_repo.root, monkeypatch)
    assert with_helper == alone
    assert {"late", "schema"} <= {d.rule for d in alone.diagnostics}
    assert "duplicate-id" in {d.rule for d in alone.diagnostics}  # a whole-repository check


class _Racing(forking.BothEnds[Any]):
    """`BothEnds` as the patched `take_back` below sees it: with the test's `raced` flag."""

    raced: bool


def test_a_chunk_both_processes_took_is_judged_with_its_received_times(
    two_cores: None, git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both ends may take the chunk where they meet (`forking.BothEnds`): the helper must get
    its reports' received times too, and this process's verdict wins, a clean one included
    (a reviewer's find: on-time reports came out late without the cache)."""
    for report in many_reports(git_repo.root):  # clean reports: no finding at all
        path = git_repo.root / report.path
        week = int(report.path[-7:-5])
        day = dt.date.fromisocalendar(2026, week, 2).isoformat()
        if week != 39:
            path.write_text(path.read_text("utf-8").replace("2026-11-17", day), "utf-8")
    git_repo.commit("reports", "2026-09-20T09:00:00+08:00")  # every report on time
    monkeypatch.setattr(forking, "PARALLEL_MIN", 10**9)
    alone = check(git_repo.root, None, NOW, use_cache=False)
    monkeypatch.setattr(forking, "PARALLEL_MIN", 2)
    monkeypatch.setattr(history.PendingHistory, "finished", lambda self: False)
    real_take = forking.BothEnds.take

    def held_up(self: forking.BothEnds[Any]) -> Any:
        part = real_take(self)
        if self._ends[0] == 3:  # W39 (unreadable), W40, W41 taken
            time.sleep(0.5)  # held up here: the helper reaches the chunk where they meet
        return part

    def stale(self: _Racing) -> Any:
        """The helper reads this process's counter once just before it moves past the chunk
        where the two meet, so both take that chunk."""
        back = self._ends[1] - 1
        if back < 0 or back < self._ends[0] - 1 or (back < self._ends[0] and self.raced):
            return None
        self.raced = back < self._ends[0]
        self._ends[1] = back
        return self.items[back * self.chunk : (back + 1) * self.chunk]

    monkeypatch.setattr(forking.BothEnds, "raced", False, raising=False)
    monkeypatch.setattr(forking.BothEnds, "take", held_up)
    monkeypatch.setattr(forking.BothEnds, "take_back", stale)
    assert check(git_repo.root, None, NOW, use_cache=False) == alone
    assert "late" not in {d.rule for d in alone.diagnostics}


def test_a_full_check_through_the_helper_keeps_a_verdict_for_every_report(
    two_cores: None, git_repo: GitRepo
) -> None:
    """With the verdict cache in use, the helper's reports are stored too, findings or not (a
    check without the cache is sent only the reports with findings), and the cached run gives
    what a run without any cache gives."""
    reports = many_reports(git_repo.root)
    git_repo.commit("reports", "2026-11-18T09:00:00+08:00")
    aged(git_repo.root)  # not written just now: each verdict can be kept
    later = NOW + dt.timedelta(days=7)  # every report's week is over: each verdict is kept
    first = check(git_repo.root, None, later)
    with open(git_repo.root / ".git/validator/verdicts.pickle", "rb") as handle:
        _key, entries = pickle.load(handle)
    assert set(entries) == {r.path for r in reports}
    assert any(not findings for *_, findings in entries.values())  # clean reports are kept too
    assert (
        first
        == check(git_repo.root, None, later)
        == check(git_repo.root, None, later, use_cache=False)
    )


@pytest.mark.parametrize("how", ["raise", "hang"])
def test_full_check_survives_a_failing_helper(
    two_cores: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    many_reports(tmp_path)
    fail_in_helper(monkeypatch, how)
    with_failed_helper, alone = full_checks(tmp_path, monkeypatch)
    assert with_failed_helper == alone


def test_an_interrupted_full_check_kills_its_busy_helper_at_once(
    two_cores: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C sent to the check alone (an editor's stop button) leaves no helper working on: it
    is killed as the interrupt passes, not waited for until it has done every report."""
    many_reports(tmp_path)
    monkeypatch.setattr(forking, "EXIT_WAIT", 600.0)
    helpers: list[forking.Helper | None] = []
    real_start, real_take_back = forking.Helper.start, forking.BothEnds.take_back

    def start(work: Any) -> forking.Helper | None:
        helpers.append(real_start(work))
        return helpers[-1]

    def take_back(self: forking.BothEnds[Any]) -> Any:
        time.sleep(0.5)  # in the helper: a second or more of work left when the caller stops
        return real_take_back(self)

    def progress(done: int, total: int) -> None:
        if done:
            raise KeyboardInterrupt

    monkeypatch.setattr(forking.Helper, "start", start)
    monkeypatch.setattr(forking.BothEnds, "take_back", take_back)
    with pytest.raises(KeyboardInterrupt):
        full_check.full_check(tmp_path, NOW, use_cache=False, progress=progress)
    assert len(helpers) == 1 and helpers[0] is not None
    assert helpers[0].process.exitcode == -9  # killed; a helper left to finish exits with 0


def test_a_failure_while_the_helper_loads_for_status_kills_it_at_once(
    two_cores: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The org data failing to load (or anything else between forking and the answer) must not
    leave the helper parsing on: in a long-lived caller such as `mkdocs serve` it would
    linger, blocked on sending megabytes nobody reads."""
    from validator.repo import workspace

    many_reports(tmp_path)
    helpers: list[forking.Helper | None] = []
    real_start, real_jobs = forking.Helper.start, report_loader._parse_jobs

    def start(work: Any) -> forking.Helper | None:
        helpers.append(real_start(work))
        return helpers[-1]

    def slow_jobs(root: str, jobs: list[tuple[str, str]]) -> Any:
        time.sleep(5)  # in the helper: still parsing when the caller fails
        return real_jobs(root, jobs)

    def broken_org(*args: object) -> None:
        raise RuntimeError("org data cannot be loaded")

    monkeypatch.setattr(forking.Helper, "start", start)
    monkeypatch.setattr(report_loader, "_parse_jobs", slow_jobs)
    monkeypatch.setattr(workspace, "load_org", broken_org)
    with pytest.raises(RuntimeError):
        workspace.open_workspace(tmp_path, use_cache=False)
    assert len(helpers) == 1 and helpers[0] is not None
    assert helpers[0].process.exitcode == -9  # killed, not left running
