"""A full check answered partly from the verdict cache says exactly what a fresh check says,
whatever changed in between: a report's bytes, org data, "now", history, uncommitted files."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

import pytest

from tests.support.corpus import BASE, CASES, case_dirs, materialise
from tests.support.gitrepo import GitRepo, aged
from validator.checking import full_check
from validator.checking.check import check
from validator.checking.verdict_cache import StoredVerdict, VerdictCache, stable_from
from validator.core.diagnostics import Diagnostic
from validator.models import handbook
from validator.repo import org_data, report_loader
from validator.repo.history import History
from validator.repo.layout import ReportFile
from validator.repo.org_data import Org
from validator.repo.workspace import Workspace, open_workspace
from validator.rules.base import CHECKS_BY_KIND, READS_OTHERS, Context

WEEKLY = (CASES / "valid/weekly-minimal/submissions/li-ming/weekly/2026-W47.yaml").read_text(
    encoding="utf-8"
)
TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=TZ)


def week(n: int) -> str:
    monday = dt.date.fromisocalendar(2026, n, 1)
    return WEEKLY.replace("2026-W47", f"2026-W{n:02d}").replace("2026-11-17", str(monday))


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.commit("org", "2026-01-05T09:00:00+08:00")
    for n in (44, 45, 46):
        git_repo.write(f"submissions/li-ming/weekly/2026-W{n:02d}.yaml", week(n))
        on_time = dt.datetime.combine(dt.date.fromisocalendar(2026, n, 7), dt.time(20), TZ)
        git_repo.commit(f"W{n}", on_time.isoformat())
    late = "2026-11-24T09:00:00+08:00"
    git_repo.write("submissions/li-ming/weekly/2026-W47.yaml", week(47))
    git_repo.commit("W47", late)
    aged(git_repo.root)
    return git_repo


def same_as_fresh(repo: GitRepo, now: dt.datetime = NOW) -> list[tuple[str, str]]:
    """Run cached (twice) and fresh; all three must agree. Returns (path, rule) pairs."""
    first = check(repo.root, None, now)
    second = check(repo.root, None, now)
    fresh = check(repo.root, None, now, use_cache=False)
    assert first == fresh
    assert second == fresh
    return [(d.path.rsplit("/", 1)[-1], d.rule) for d in fresh.diagnostics]


def test_cache_is_written_and_answers(repo: GitRepo) -> None:
    assert same_as_fresh(repo) == [("2026-W47.yaml", "late")]
    assert (repo.root / ".git/validator/verdicts.pickle").is_file()


def test_no_cache_run_keeps_nothing(repo: GitRepo) -> None:
    """`--no-cache` (docs/cli.md) neither reads nor writes any cache: no history, no verdicts."""
    check(repo.root, None, NOW, use_cache=False)
    assert not (repo.root / ".git/validator").exists()


def test_warm_run_checks_nothing_again(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """With history and verdicts cached, a second run loads no report at all."""
    check(repo.root, None, NOW)
    loaded: list[str] = []
    real = report_loader.load_one

    def load_one(root: Path, report: ReportFile, cache: object, *, hold: bool) -> None:
        loaded.append(report.path)
        real(root, report, None, hold=hold)

    monkeypatch.setattr(full_check, "load_one", load_one)
    assert check(repo.root, None, NOW) == check(repo.root, None, NOW, use_cache=False)
    assert len(loaded) == 4  # all four by the fresh run, none by the cached one
    repo.write("submissions/li-ming/weekly/2026-W45.yaml", week(45) + "# edited\n")
    loaded.clear()
    check(repo.root, None, NOW)
    assert loaded == ["submissions/li-ming/weekly/2026-W45.yaml"]


def test_report_edited_while_it_is_checked_is_checked_again(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A verdict is stored under the file's state from before it was read: an edit racing the
    check leaves a state the cache does not know, so the next run looks again."""
    path = "submissions/li-ming/weekly/2026-W45.yaml"
    real = report_loader.load_one

    def load_then_edit(root: Path, report: ReportFile, cache: object, *, hold: bool) -> None:
        real(root, report, None, hold=hold)
        if report.path == path:  # the author saves a broken version just after it was read
            (root / path).write_text(week(45).replace("summary:", "sumary:"), "utf-8")

    monkeypatch.setattr(full_check, "load_one", load_then_edit)
    racing = check(repo.root, None, NOW)
    assert "schema" not in {d.rule for d in racing.diagnostics}  # it read the old version
    monkeypatch.setattr(full_check, "load_one", real)
    after = check(repo.root, None, NOW)
    assert after == check(repo.root, None, NOW, use_cache=False)
    assert ("submissions/li-ming/weekly/2026-W45.yaml", "schema") in {
        (d.path, d.rule) for d in after.diagnostics
    }


def test_an_edit_within_the_same_tick_of_the_file_clock_is_checked_again(repo: GitRepo) -> None:
    """File times are coarse (a clock tick of milliseconds; a second on some file systems, two
    on FAT): a report saved again at once in place, with as many bytes, keeps its size, inode
    and modification time. A verdict on a file written so recently is not kept (as git does
    with its racy index entries), so the next run looks again."""
    path = repo.root / "submissions/li-ming/weekly/2026-W45.yaml"
    just_now = time.time_ns()
    os.utime(path, ns=(just_now, just_now))  # saved just before the check
    check(repo.root, None, NOW)
    inode = path.stat().st_ino
    with open(path, "r+b") as handle:  # saved again in place, the same length: not a date
        handle.write(week(45).replace("2026-11-02", "2026-11-30").encode("utf-8"))
        handle.truncate()
    os.utime(path, ns=(just_now, just_now))  # within the same tick of a coarse clock
    assert path.stat().st_ino == inode
    after = check(repo.root, None, NOW)
    assert after == check(repo.root, None, NOW, use_cache=False)
    assert (path.relative_to(repo.root).as_posix(), "date-out-of-period") in {
        (d.path, d.rule) for d in after.diagnostics
    }


def test_a_change_of_the_products_default_handbook_invalidates_every_verdict(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `org/handbook.yaml` a finding cites the product's defaults (package data, not
    code): an upgrade that renumbers an article there must not leave the old citation behind."""
    assert ("2026-W47.yaml", "late") in same_as_fresh(repo)
    renumbered = tmp_path / "handbook.yaml"
    text = handbook.DEFAULT_FILE.read_text("utf-8")
    renumbered.write_text(text.replace("办法 三(一)3", "办法 三(一)9"), "utf-8")
    monkeypatch.setattr(handbook, "DEFAULT_FILE", renumbered)
    handbook.default_handbook.cache_clear()
    try:
        same_as_fresh(repo)
        [late] = [d for d in check(repo.root, None, NOW).diagnostics if d.rule == "late"]
        assert dict(late.args)["basis"] == "办法 三(一)9"
    finally:
        handbook.default_handbook.cache_clear()


def test_a_message_points_into_the_bytes_that_were_checked(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit between reading a report and reporting on it does not move or drop the line a
    message points at: the position comes from the bytes that were checked."""
    path = "submissions/li-ming/weekly/2026-W47.yaml"
    real = report_loader.load_one

    def load_then_edit(root: Path, report: ReportFile, cache: object, *, hold: bool) -> None:
        real(root, report, None, hold=hold)
        if report.path == path:  # the author adds comments at the top just after it was read
            (root / path).write_text("# 1\n# 2\n# 3\n" + week(47), "utf-8")

    monkeypatch.setattr(full_check, "load_one", load_then_edit)
    racing = check(repo.root, None, NOW, use_cache=False)
    late = [d for d in racing.diagnostics if d.path == path and d.rule == "late"]
    line = 1 + week(47).split("\n").index("week: 2026-W47")
    assert [d.line for d in late] == [line]


def test_edited_report_is_checked_again(repo: GitRepo) -> None:
    same_as_fresh(repo)
    repo.write("submissions/li-ming/weekly/2026-W45.yaml", week(45).replace("summary:", "sumary:"))
    assert [r for _, r in same_as_fresh(repo)] == ["schema", "schema", "late"]


def test_org_change_invalidates_every_verdict(repo: GitRepo) -> None:
    same_as_fresh(repo)
    staff = (repo.root / "org/staff.yaml").read_text(encoding="utf-8")
    repo.write("org/staff.yaml", staff.replace("from: 2025-03-01", "from: 2026-11-09"))
    rules = same_as_fresh(repo)
    assert ("2026-W44.yaml", "not-posted") in rules and ("2026-W45.yaml", "not-posted") in rules


def test_org_edited_while_it_is_checked_is_read_again(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Verdicts are stored under the org data they were judged with: an org/ edit between
    loading it and saving them (here, a later weekly deadline) leaves a key the next run does
    not match, so it looks again."""
    real = org_data.load_org
    later = (
        "timezone: Asia/Shanghai\nreports:\n  weekly: {due: {weekday: tuesday, time: '13:00'}}\n"
    )

    def load_then_edit(root: Path, diagnostics: list[Diagnostic], **kwargs: Any) -> Org:
        org = real(root, diagnostics, **kwargs)
        (root / "org/policy.yaml").write_text(later, "utf-8")  # just after it was read
        return org

    monkeypatch.setattr(full_check, "load_org", load_then_edit)
    racing = check(repo.root, None, NOW)
    assert [d.rule for d in racing.diagnostics] == ["late"]  # judged with Monday's deadline
    monkeypatch.setattr(full_check, "load_org", real)
    assert same_as_fresh(repo) == []


def test_an_edit_in_the_private_checkout_invalidates_every_verdict(
    git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Approvals read from the reviewers' checkout ($VALIDATOR_PRIVATE) are part of the key, not
    the stale copy they take the place of."""
    now = materialise(CASES / "valid/expenses", git_repo.root)
    git_repo.commit("expenses", "2026-11-02T12:00:00+08:00")
    private = tmp_path / "private"
    shutil.copytree(git_repo.root / "org", private / "org")
    monkeypatch.setenv("VALIDATOR_PRIVATE", str(private))
    assert same_as_fresh(git_repo, now) == []
    approvals = (private / "org/approvals.yaml").read_text(encoding="utf-8")
    (private / "org/approvals.yaml").write_text(approvals.replace("travel", "reception"), "utf-8")
    assert same_as_fresh(git_repo, now) == [("2026-10.yaml", "approval-missing")]


def test_late_reason_added_in_a_new_commit(repo: GitRepo) -> None:
    same_as_fresh(repo)
    path = "submissions/li-ming/weekly/2026-W47.yaml"
    repo.write(path, week(47) + "late_reason: 山区没有网络。\n")
    repo.commit("reason", "2026-11-24T10:00:00+08:00")
    assert same_as_fresh(repo) == [("2026-W47.yaml", "late")]
    assert check(repo.root, None, NOW).warnings == 1


def test_an_earlier_now_is_not_answered_from_a_later_run(repo: GitRepo) -> None:
    same_as_fresh(repo)
    before_w47 = dt.datetime(2026, 11, 15, 10, 0, tzinfo=TZ)
    assert ("2026-W47.yaml", "future-period") in same_as_fresh(repo, before_w47)


def test_a_later_run_is_not_answered_from_an_earlier_now(repo: GitRepo) -> None:
    """A check `--now` a date gone by (a reviewer looking back) judges reports whose period had
    not begun then; those verdicts depend on that "now" and must not answer today's run."""
    same_as_fresh(repo)
    check(repo.root, None, dt.datetime(2026, 10, 1, 10, 0, tzinfo=TZ))
    assert same_as_fresh(repo) == [("2026-W47.yaml", "late")]


def test_a_monthly_report_filed_early_is_checked_again_until_its_month_is_over(
    git_repo: GitRepo,
) -> None:
    """`spare-overdue` judges a unit as of today until the month is over: a verdict from the
    10th said nothing of a unit due on the 15th and still out on the 20th."""
    materialise(CASES / "valid/monthly", git_repo.root)
    october = git_repo.root / "submissions/li-ming/monthly/2026-10.yaml"
    november = october.read_text(encoding="utf-8").replace("2026-10", "2026-11")
    october.unlink()
    git_repo.write("submissions/li-ming/monthly/2026-11.yaml", november.replace("11-03", "11-15"))
    git_repo.commit("filed early", "2026-11-10T12:00:00+08:00")
    assert same_as_fresh(git_repo, dt.datetime(2026, 11, 12, 10, 0, tzinfo=TZ)) == []
    on_the_20th = dt.datetime(2026, 11, 20, 10, 0, tzinfo=TZ)
    assert same_as_fresh(git_repo, on_the_20th) == [("2026-11.yaml", "spare-overdue")]


def test_uncommitted_report_is_never_taken_from_the_cache(repo: GitRepo) -> None:
    repo.write("submissions/li-ming/weekly/2026-W48.yaml", week(48))
    friday = dt.datetime(2026, 11, 27, 10, 0, tzinfo=TZ)
    assert ("2026-W48.yaml", "late") not in same_as_fresh(repo, friday)
    after_due = dt.datetime(2026, 11, 30, 13, 0, tzinfo=TZ)
    assert ("2026-W48.yaml", "late") in same_as_fresh(repo, after_due)


def test_deleted_report_drops_out(repo: GitRepo) -> None:
    same_as_fresh(repo)
    (repo.root / "submissions/li-ming/weekly/2026-W47.yaml").unlink()
    assert same_as_fresh(repo) == []


HANDOVER = CASES / "valid/handover"
MONTHLY = "submissions/li-ming/monthly/2026-10.yaml"


@pytest.fixture
def handover_repo(git_repo: GitRepo) -> GitRepo:
    """A handover of SN-A, the unit still out in the October monthly report."""
    materialise(HANDOVER, git_repo.root)
    git_repo.commit("handover", "2026-11-04T12:00:00+08:00")
    return git_repo


HANDOVER_NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=TZ)


def test_a_handover_is_checked_again_when_the_monthly_report_it_reads_changes(
    handover_repo: GitRepo,
) -> None:
    """`handover-units` reads the author's monthly reports: a verdict keyed on the handover
    alone missed a monthly report edited or added later."""
    assert same_as_fresh(handover_repo, HANDOVER_NOW) == []
    monthly = (handover_repo.root / MONTHLY).read_text(encoding="utf-8")
    handover_repo.write(MONTHLY, monthly.replace("returned: 2026-10-19", "returned: null"))
    handover_repo.commit("SN-C not back", "2026-11-05T12:00:00+08:00")
    assert ("2026-11-04.yaml", "handover-units") in same_as_fresh(handover_repo, HANDOVER_NOW)
    november = monthly.replace("2026-10", "2026-11")
    handover_repo.write("submissions/li-ming/monthly/2026-11.yaml", november)
    handover_repo.commit("November", "2026-11-06T12:00:00+08:00")
    assert ("2026-11-04.yaml", "handover-units") not in same_as_fresh(handover_repo, HANDOVER_NOW)


class _Alone:
    """A workspace that gives a report check the org data and the report's received time, and
    fails the test when asked for anything else (other reports, the work tree, other times)."""

    def __init__(self, org: Org, path: str, received: dt.datetime | None) -> None:
        self.org, self.path, self.received = org, path, received

    @property
    def history(self) -> _Alone:
        return self

    def received_at(self, path: str) -> dt.datetime | None:
        assert path == self.path, f"read the received time of {path}"
        return self.received

    def received_before_cut(self, path: str) -> bool:
        assert path == self.path, f"read whether {path} was received before a shallow cut"
        return False

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"read workspace.{name}")


def corpus_reports(root: Path) -> Iterator[tuple[Path, Workspace, dt.datetime, ReportFile]]:
    """Every loaded report of every corpus case, each case's received at its "now"."""
    for case in case_dirs("valid") + case_dirs("invalid"):
        now = materialise(case, root / case.name)
        workspace = open_workspace(root / case.name, use_cache=False)
        workspace.history = History(received={rf.path: now for rf in workspace.reports})
        yield from ((case, workspace, now, rf) for rf in workspace.reports if rf.report)


def test_a_report_check_reads_other_files_only_if_it_says_so(tmp_path: Path) -> None:
    """The verdict cache trusts a report check to need only its report, the org data, its
    received time and "now", unless it is declared `reads_others`: every corpus case's reports
    go through every other check with a workspace that holds nothing more."""
    for case, workspace, now, rf in corpus_reports(tmp_path):
        received = workspace.history.received_at(rf.path)
        alone = Context(cast(Workspace, _Alone(workspace.org, rf.path, received)), now)
        for rule, report_check in CHECKS_BY_KIND[rf.kind]:
            if report_check not in READS_OTHERS:
                found = list(report_check(alone, rf))
                assert found == list(report_check(Context(workspace, now), rf)), (case, rule.id)


def test_a_verdict_no_longer_changes_once_it_is_stable(tmp_path: Path) -> None:
    """The verdict cache answers for any "now" from `stable_from` on: every check says the same
    about every corpus case's reports then and at any later time."""
    for case, workspace, _, rf in corpus_reports(tmp_path):
        stable = dt.datetime.fromtimestamp(stable_from(rf, workspace.org.policy.tz), TZ)
        for rule, report_check in CHECKS_BY_KIND[rf.kind]:
            then = list(report_check(Context(workspace, stable), rf))
            for later in (dt.timedelta(days=1), dt.timedelta(days=40), dt.timedelta(days=800)):
                found = list(report_check(Context(workspace, stable + later), rf))
                assert found == then, (case, rule.id, later)


def test_two_checks_saving_at_once_leave_one_whole_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each save writes a temporary file of its own and renames it: a second check saving while
    the first is halfway through writing leaves one cache or the other, not a mix of both."""
    first, second = (VerdictCache(tmp_path / "validator/verdicts.pickle", "key") for _ in "12")
    many: dict[str, StoredVerdict] = {
        f"submissions/li-ming/weekly/2026-W{n:02d}.yaml": ((n, n, n), n, 0.0, ()) for n in range(50)
    }
    few: dict[str, StoredVerdict] = {
        "submissions/zhou-min/monthly/2026-10.yaml": ((1, 2, 3), 4, 5.0, ())
    }
    real = pickle.dump

    def halfway(obj: Any, handle: BinaryIO, protocol: int) -> None:
        data = pickle.dumps(obj, protocol)
        handle.write(data[: len(data) // 2])
        handle.flush()
        monkeypatch.setattr(pickle, "dump", real)
        second.save(many)  # the other check, between this one's opening and renaming
        handle.write(data[len(data) // 2 :])

    monkeypatch.setattr(pickle, "dump", halfway)
    first.save(few)
    assert VerdictCache.open(tmp_path, "key").entries in (few, many)
    assert [p.name for p in (tmp_path / "validator").iterdir()] == ["verdicts.pickle"]


def test_a_save_that_fails_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(obj: Any, handle: BinaryIO, protocol: int) -> None:
        handle.write(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pickle, "dump", full_disk)
    VerdictCache(tmp_path / "validator/verdicts.pickle", "key").save({})
    assert list((tmp_path / "validator").iterdir()) == []
