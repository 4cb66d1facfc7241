"""Archived years' summaries kept as read (`validator/repo/archive_store.py`): what a kept one
gives is what its text gives, a kept answer never outlives the summary, the policy or the
archive branch it rests on, and `--no-cache` reads every summary as text."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.support.gitrepo import GitRepo
from validator.cli import cli
from validator.repo import archive_store, archive_summary
from validator.repo.archive_lines import load_summary
from validator.repo.archive_summary import Archive, archived

NOW = "2026-03-10T12:00:00+08:00"
SUMMARY = "archive/2025.yaml"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo organisation with 2025 archived (the command's own summary and branch)."""
    dest = tmp_path_factory.mktemp("archive-store") / "demo"
    args = ["demo", str(dest), "--staff", "8", "--weeks", "60", "--seed", "1", "--now", NOW]
    assert CliRunner().invoke(cli, args).exit_code == 0
    done = CliRunner().invoke(cli, ["archive", "--repo", str(dest), "--year", "2025", "--now", NOW])
    assert done.exit_code == 0, done.output
    shutil.rmtree(dest / ".git" / "validator", ignore_errors=True)
    return dest


@pytest.fixture
def demo(pristine: Path, tmp_path: Path) -> GitRepo:
    shutil.copytree(pristine, tmp_path / "demo", symlinks=True)
    return GitRepo(tmp_path / "demo")


def check(repo: GitRepo, *extra: str) -> dict[str, Any]:
    args = ["check", "--repo", str(repo.root), "--now", NOW, "--format", "json", *extra]
    found: dict[str, Any] = json.loads(CliRunner().invoke(cli, args).stdout)
    return found


def summary_findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [d for d in report["diagnostics"] if d["rule"] == "archive-summary"]


def touched(repo: GitRepo) -> None:
    """The summary's time moves and its bytes stay: a run reads it anew (from the store, if
    kept), as the next command would."""
    path = repo.root / SUMMARY
    stamp = path.stat().st_mtime_ns + 1_000_000
    os.utime(path, ns=(stamp, stamp))


def kept(repo: GitRepo, suffix: str) -> Path:
    return repo.root / ".git" / "validator" / f"archive-2025.{suffix}"


def everything(archive: Archive) -> list[Any]:
    """All an archive answers, in plain values."""
    staff = sorted({e.staff for s in archive.summaries for e in s.entries})
    kinds = ("weekly", "monthly", "expenses", "incidents", "handover")
    return [
        [(s.path, s.year, s.base, s.branch) for s in archive.summaries],
        [sorted(map(repr, s.entries)) for s in archive.summaries],
        [(s.spare_units, s.received, s.blobs(), s.locs) for s in archive.summaries],
        {(p, k): archive.entries(p, k) for p in staff for k in kinds},
        [archive.carried_units(p) for p in staff],
        sorted(map(repr, archive.incidents())),
        archive.problems,
        archive.years,
        archive.read,
    ]


def keep_without(repo: GitRepo, person: str) -> None:
    """A kept answer for the summary as it is that lost `person` (as a bug or a hand would
    leave it): only a run that uses the store sees it."""
    summary = archived(repo.root).summaries[0]
    values = list(summary.values())
    assert person in values[3]
    values[3] = {p: rows for p, rows in values[3].items() if p != person}
    archive_store.save(repo.root / ".git", 2025, summary.key, tuple(values))
    kept(repo, "clean").unlink(missing_ok=True)
    touched(repo)


def findings(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(d["rule"], d["path"], d["message"]) for d in report["diagnostics"]]


def test_a_kept_summary_gives_what_its_text_gives_without_reading_the_text(
    demo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = everything(archived(demo.root))  # read as text, then kept
    assert kept(demo, "marshal").is_file()
    touched(demo)

    def no_text(*_args: object) -> None:
        raise AssertionError("a kept summary was read as text")

    with monkeypatch.context() as patched:
        patched.setattr(archive_summary, "load_summary", no_text)
        patched.setattr(archive_summary, "load_text", no_text)
        from_store = archived(demo.root)
        people = from_store.summaries[0].people.values()
        assert people and all(isinstance(rows, bytes) for rows in people), "made when asked"
        assert everything(from_store) == first
    touched(demo)
    assert everything(archived(demo.root, use_cache=False)) == first


def test_what_other_code_kept_is_none(demo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgrade of the validator reads every summary as text again: how it reads one is the
    code's, and a kept answer is keyed by that code."""
    first = everything(archived(demo.root))
    read: list[str] = []

    def counted(text: str, path: str) -> Any:
        read.append(path)
        return load_summary(text, path)

    monkeypatch.setattr(archive_summary, "load_summary", counted)
    touched(demo)
    archived(demo.root)
    assert read == []  # the same code: from the store
    monkeypatch.setattr(archive_store, "code", lambda: "another validator")
    touched(demo)
    assert everything(archived(demo.root)) == first
    assert read == [SUMMARY]


def test_a_check_with_the_store_says_what_a_check_without_it_says(demo: GitRepo) -> None:
    cold = check(demo, "--no-cache")
    assert not kept(demo, "marshal").exists(), "--no-cache keeps nothing"
    touched(demo)  # as a new command reads it
    assert check(demo) == cold  # reads, checks and keeps
    assert kept(demo, "marshal").is_file() and kept(demo, "clean").is_file()
    touched(demo)
    assert check(demo) == cold  # from the store, found clean before
    assert cold["checked"] > 0 and summary_findings(cold) == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-10] + b"\0" * 10,  # changed, the head intact
        lambda data: b"",
        lambda data: b"not a kept summary",
    ],
)
def test_a_kept_file_that_is_not_whole_is_none(demo: GitRepo, damage: Any) -> None:
    first = everything(archived(demo.root))
    store = kept(demo, "marshal")
    store.write_bytes(damage(store.read_bytes()))
    touched(demo)
    again = archived(demo.root)
    assert everything(again) == first
    assert archive_store.load(demo.root / ".git", 2025, again.summaries[0].key) is not None


def test_no_cache_reads_every_summary_as_text(demo: GitRepo) -> None:
    """A kept answer that lost a person (as a bug or a hand would leave it) is what a check
    with the store sees; `--no-cache` is the way round any kept answer."""
    dropped = sorted(archived(demo.root).summaries[0].people)[0]
    keep_without(demo, dropped)
    with_store = check(demo)
    missing = [d for d in with_store["diagnostics"] if "没有记在摘要中" in d["message"]]
    assert missing and dropped in missing[0]["message"]
    touched(demo)
    assert summary_findings(check(demo, "--no-cache")) == []


def test_a_clean_summary_is_checked_again_once_its_archive_branch_changes(demo: GitRepo) -> None:
    """A report changed by a push straight to the archive branch: the summary, kept and found
    clean before, no longer matches the branch, and the check says so."""
    assert summary_findings(check(demo)) == []  # kept and found clean
    entry = archived(demo.root).summaries[0].entries[0]
    demo.git("checkout", "-q", "archive/2025")
    report = demo.root / entry.path
    report.write_text(report.read_text("utf-8") + "# 改过\n", "utf-8")
    demo.commit("change an archived report", "2026-03-10T10:00:00+08:00")
    demo.git("checkout", "-q", "main")
    blob = summary_findings(check(demo))
    assert [(d["path"], entry.path in d["message"]) for d in blob] == [(SUMMARY, True)]


def test_a_deadline_moved_after_the_year_was_archived_leaves_its_summary_right(
    demo: GitRepo,
) -> None:
    """The organisation moves the weekly deadline from 13:00 to 12:00 in 2026. 2025's weeks
    were due at 13:00, as its summary says: they are judged by the policy in force when the year
    was archived (the archive point's org/policy.yaml), kept verdict or not. Judged by today's
    policy, every archived week was an error no pull request could mend (a summary may not be
    changed)."""
    assert summary_findings(check(demo)) == []  # kept and found clean
    policy = demo.root / "org" / "policy.yaml"
    weekly = '{due: {weekday: monday, time: "13:00"}}'
    text = policy.read_text("utf-8")
    assert weekly in text
    policy.write_text(text.replace(weekly, weekly.replace("13:00", "12:00")), "utf-8")
    demo.commit("weekly reports due at noon from now on", "2026-03-10T10:00:00+08:00")
    assert summary_findings(check(demo)) == []
    assert summary_findings(check(demo, "--no-cache")) == []
    live = [d for d in check(demo)["diagnostics"] if "12:00:00" in d["message"]]
    assert live, "the live year's weeks are judged by the policy of today"


def test_a_deadline_changed_in_the_summary_is_still_an_error(demo: GitRepo) -> None:
    """What the archive point's policy does not give is an error, at its line."""
    assert summary_findings(check(demo)) == []
    path = demo.root / SUMMARY
    text = path.read_text("utf-8")
    week = next(line for line in text.splitlines() if "T13:00:00+08:00, on_time" in line)
    moved = week.replace("T13:00:00+08:00, on_time", "T14:00:00+08:00, on_time")
    path.write_text(text.replace(week, moved), "utf-8")
    bad = summary_findings(check(demo))
    line = text.splitlines().index(week) + 1
    assert [(d["line"], "截止时间" in d["message"]) for d in bad] == [(line, True)]


def test_a_summary_changed_after_it_was_kept_is_read_and_checked_again(demo: GitRepo) -> None:
    assert summary_findings(check(demo)) == []
    path = demo.root / SUMMARY
    text = path.read_text("utf-8")
    late = next(line for line in text.splitlines() if line.endswith("]") and ", late, " in line)
    path.write_text(text.replace(late, late.replace(", late, ", ", on_time, ")), "utf-8")
    bad = summary_findings(check(demo))
    line = text.splitlines().index(late) + 1
    assert [(d["line"], "on_time" in d["message"]) for d in bad] == [(line, True)]


def test_a_wrong_handover_entry_is_said_at_its_line_from_the_store_too(demo: GitRepo) -> None:
    """A handover's period is a day, which YAML reads as a date (marshal keeps it as its type
    and text): the message still points at the value on the line that holds the date."""
    assert summary_findings(check(demo)) == []  # kept
    path = demo.root / SUMMARY
    lines = path.read_text("utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "handover:") + 1
    assert ", late, " in lines[at]
    lines[at] = lines[at].replace(", late, ", ", on_time, ")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    bad = summary_findings(check(demo))
    value = (at + 1, lines[at].index("[") + 1)
    assert [((d["line"], d["column"]), "on_time" in d["message"]) for d in bad] == [(value, True)]


def test_no_cache_with_named_paths_neither_uses_nor_keeps_the_store(demo: GitRepo) -> None:
    """`validator check --no-cache org/staff.yaml` answers from a kept summary: a kept answer
    that lost zhang-wei makes the user see a handover-missing error for zhang-wei that the
    summary's text does not give (zhang-wei's 2025 handover is archived), and the run writes
    `.git/validator/archive-2025.marshal` although --no-cache keeps nothing."""
    cold = check(demo, "--no-cache", "org/staff.yaml")
    assert not kept(demo, "marshal").exists(), "--no-cache keeps nothing"
    assert not any("zhang-wei" in message for *_, message in findings(cold))
    keep_without(demo, "zhang-wei")
    assert findings(check(demo, "--no-cache", "org/staff.yaml")) == findings(cold)


def test_no_cache_in_a_pull_request_neither_uses_nor_keeps_the_store(demo: GitRepo) -> None:
    """`validator check --base <merge base> --no-cache` on the pull request that archives 2025
    answers from a kept summary and a kept clean verdict: with a kept answer that lost
    zhang-wei, the user sees 70-odd errors (his archived reports `deleted-after-merge`, the
    summary missing them) that reading the summary as text does not give."""
    base = demo.git("rev-parse", "HEAD~1").strip()
    cold = check(demo, "--base", base, "--no-cache")
    assert not kept(demo, "marshal").exists(), "--no-cache keeps nothing"
    assert not kept(demo, "clean").exists(), "--no-cache keeps nothing"
    assert findings(cold) == []
    keep_without(demo, "zhang-wei")
    assert findings(check(demo, "--base", base, "--no-cache")) == []


def test_an_entry_of_a_person_written_as_a_number_is_said_at_its_own_line(
    demo: GitRepo,
) -> None:
    """A hand-edited summary names one person `"7":` and another `7:` (YAML reads the second
    as a number; both are person 7). Before the store, a message about one of the second's
    entries pointed at its line; now it points at a line under the first person, which does
    not hold that period at all."""
    path = demo.root / SUMMARY
    text = path.read_text("utf-8")
    assert "\n  huang-min:\n" in text and "\n  li-ming:\n" in text
    text = text.replace("\n  huang-min:\n", '\n  "7":\n').replace("\n  li-ming:\n", "\n  7:\n")
    path.write_text(text, "utf-8")
    lines = text.splitlines()
    wrong = [
        d
        for d in check(demo, "--no-cache")["diagnostics"]
        if d["path"] == SUMMARY and "submissions/7/weekly/" in d["message"]
    ]
    assert wrong
    for d in wrong:
        period = d["message"].split("submissions/7/weekly/")[1].split(".yaml")[0]
        assert lines[d["line"] - 1].strip().startswith(f"{period}:"), (period, d["line"])


def test_a_summary_found_clean_in_a_shallow_clone_is_judged_again_once_unshallowed(
    demo: GitRepo, tmp_path: Path
) -> None:
    """A shallow clone lacks the archive point, so its policy, so the deadlines go unjudged;
    once `git fetch --unshallow` brings it, a moved deadline is found, kept verdict or not."""
    clone = GitRepo(tmp_path / "shallow")
    demo.git("clone", "-q", "--depth", "1", demo.root.as_uri(), str(clone.root))
    path = clone.root / SUMMARY
    text = path.read_text("utf-8")
    week = next(line for line in text.splitlines() if "T13:00:00+08:00, on_time" in line)
    path.write_text(text.replace(week, week.replace("T13:00:00+08:00, on", "T14:00:00+08:00, on")))
    assert summary_findings(check(clone)) == []  # the base commit is not here: not judged
    clone.git("fetch", "-q", "--unshallow")
    touched(clone)
    bad = summary_findings(check(clone))
    assert [d["line"] for d in bad] == [text.splitlines().index(week) + 1]
