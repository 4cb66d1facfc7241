"""A full check in a shallow clone (`git clone --depth N`, a CI checkout left at its default):
git's history stops at the cut, where every report then present seems added. Their received
time is unknown, so none of them is judged late; one warning says how many and how to get the
whole history. Reports added after the cut are judged as anywhere."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from click.testing import CliRunner

from tests.support.corpus import BASE, CASES
from tests.support.gitrepo import GitRepo, aged
from validator.checking.check import check
from validator.cli import cli

WEEKLY = (CASES / "valid/weekly-minimal/submissions/li-ming/weekly/2026-W47.yaml").read_text(
    encoding="utf-8"
)
NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def weekly(week: int) -> tuple[str, str]:
    text = WEEKLY.replace("2026-W47", f"2026-W{week}").replace(
        "2026-11-17", str(dt.date.fromisocalendar(2026, week, 2))
    )
    return f"submissions/li-ming/weekly/2026-W{week}.yaml", text


def history(tmp_path: Path) -> GitRepo:
    """W46 on time, W47 late (a day after its deadline), then W48 late in the newest commit."""
    repo = GitRepo.init(tmp_path / "origin")
    shutil.copytree(BASE / "org", repo.root / "org")
    repo.commit("org data", "2026-01-05T09:00:00+08:00")
    for week, date in ((46, "2026-11-15T20:00:00+08:00"), (47, "2026-11-24T09:00:00+08:00")):
        repo.write(*weekly(week))
        repo.commit(f"W{week}", date)
    repo.write("submissions/li-ming/README.md", "周报\n")
    repo.commit("readme", "2026-11-25T09:00:00+08:00")
    repo.write(*weekly(48))
    repo.commit("W48", "2026-12-01T09:00:00+08:00")
    return repo


def findings(root: Path) -> list[tuple[str, str]]:
    return [(d.path, d.rule) for d in check(root, None, NOW, use_cache=False).diagnostics]


def test_reports_older_than_the_cut_are_not_judged_late(tmp_path: Path) -> None:
    origin = history(tmp_path)
    shallow = GitRepo(tmp_path / "shallow")
    origin.git("clone", "-q", "--depth", "2", f"file://{origin.root}", str(shallow.root))
    result = check(shallow.root, None, NOW, use_cache=False)
    said = [(d.path, d.rule) for d in result.diagnostics]
    assert said == [
        ("submissions/li-ming/weekly/2026-W46.yaml", "shallow-history"),  # the first of two
        ("submissions/li-ming/weekly/2026-W48.yaml", "late"),  # added after the cut
    ]
    warning = result.diagnostics[0]
    assert warning.severity.value == "warning"
    assert "2 份报告" in warning.message() and "git fetch --unshallow" in warning.message()
    shallow.git("fetch", "-q", "--unshallow")
    assert findings(shallow.root) == [
        ("submissions/li-ming/weekly/2026-W47.yaml", "late"),
        ("submissions/li-ming/weekly/2026-W48.yaml", "late"),
    ]


def test_a_whole_clone_says_nothing_of_a_cut(tmp_path: Path) -> None:
    origin = history(tmp_path)
    assert "shallow-history" not in {rule for _, rule in findings(origin.root)}


def test_a_verdict_left_unjudged_at_the_cut_is_not_kept(tmp_path: Path) -> None:
    """A report added by the cut commit itself keeps its received time once the clone is made
    whole, so a verdict kept under that time would go on leaving it unjudged."""
    origin = history(tmp_path)
    shallow = GitRepo(tmp_path / "shallow")
    origin.git("clone", "-q", "--depth", "1", f"file://{origin.root}", str(shallow.root))
    w48 = "submissions/li-ming/weekly/2026-W48.yaml"
    aged(shallow.root)  # as a checkout's files are: a verdict on them may be kept
    first = check(shallow.root, None, NOW, use_cache=True).diagnostics
    assert (w48, "late") not in [(d.path, d.rule) for d in first]
    shallow.git("fetch", "-q", "--unshallow")
    again = check(shallow.root, None, NOW, use_cache=True).diagnostics
    assert (w48, "late") in [(d.path, d.rule) for d in again]


def test_a_report_failing_the_schema_at_the_cut_is_not_known_either(tmp_path: Path) -> None:
    """A report that passed before the cut, was broken at it and repaired after it: its
    received time may be older than the cut (it is, here: on time), not the repair's."""
    origin = GitRepo.init(tmp_path / "origin")
    shutil.copytree(BASE / "org", origin.root / "org")
    origin.commit("org data", "2026-01-05T09:00:00+08:00")
    path, text = weekly(47)
    origin.write(path, text)
    origin.commit("W47 on time", "2026-11-22T20:00:00+08:00")
    origin.write(path, "待补\n")
    origin.commit("W47 broken", "2026-11-23T09:00:00+08:00")
    origin.write(path, text)
    origin.commit("W47 repaired, after its deadline", "2026-11-25T09:00:00+08:00")
    assert findings(origin.root) == []
    shallow = GitRepo(tmp_path / "shallow")
    origin.git("clone", "-q", "--depth", "2", f"file://{origin.root}", str(shallow.root))
    assert findings(shallow.root) == [(path, "shallow-history")]
    assert [
        (d.path, d.rule) for d in check(shallow.root, [path], NOW, use_cache=False).diagnostics
    ] == [(path, "shallow-history")]


def test_a_report_added_again_after_the_cut_is_judged(tmp_path: Path) -> None:
    """Deleted and added again after the cut: its latest addition is known, and late."""
    origin = history(tmp_path)
    path, text = weekly(46)
    origin.git("rm", "-q", path)
    origin.commit("W46 deleted", "2026-12-01T10:00:00+08:00")
    origin.write(path, text)
    origin.commit("W46 added again", "2026-12-01T11:00:00+08:00")
    shallow = GitRepo(tmp_path / "shallow")
    origin.git("clone", "-q", "--depth", "3", f"file://{origin.root}", str(shallow.root))
    assert (path, "late") in findings(shallow.root)
    assert (path, "shallow-history") not in findings(shallow.root)


def test_status_in_a_shallow_clone_says_what_it_cannot_know(tmp_path: Path) -> None:
    """`status` counts the reports of before the cut as received there (some then read as
    late): it says so, and how to get the whole history."""
    origin = history(tmp_path)
    shallow = GitRepo(tmp_path / "shallow")
    origin.git("clone", "-q", "--depth", "2", f"file://{origin.root}", str(shallow.root))
    runner = CliRunner()
    for root, said in ((shallow.root, True), (origin.root, False)):
        done = runner.invoke(cli, ["status", "--repo", str(root), "--now", NOW.isoformat()])
        assert done.exit_code == 0, done.output
        assert ("git fetch --unshallow" in done.stderr) is said
