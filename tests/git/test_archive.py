"""`validator archive` on a small demo spanning two years (issue 17 item 4).

The demo runs from early 2025 to March 2026; 2025 is closed from 2026-02-07 (its last deadline,
2026-01-10, plus 28 days). Everything goes through the command line and real git.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.support.gitrepo import GitRepo
from tests.support.status import weekly_yaml
from validator.cli import cli
from validator.repo.archive_summary import Archive, archive_start, archived
from validator.repo.history import load_history

NOW = "2026-03-10T12:00:00+08:00"
EARLY = "2026-01-20T12:00:00+08:00"  # 2025's deadlines have passed, its grace has not
REVIEWER = "sunli-hq"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("archive") / "demo"
    args = ["demo", str(dest), "--staff", "8", "--weeks", "60", "--seed", "1", "--now", NOW]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return dest


@pytest.fixture
def demo(pristine: Path, tmp_path: Path) -> GitRepo:
    shutil.copytree(pristine, tmp_path / "demo", symlinks=True)
    return GitRepo(tmp_path / "demo")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def archive(repo: GitRepo, *extra: str, now: str = NOW) -> tuple[int, str]:
    return run("archive", "--repo", str(repo.root), "--year", "2025", "--now", now, *extra)


def check_json(repo: GitRepo, *extra: str) -> dict[str, Any]:
    args = ["check", "--repo", str(repo.root), "--now", NOW, "--format", "json", *extra]
    found: dict[str, Any] = json.loads(CliRunner().invoke(cli, args).stdout)  # notes: stderr
    return found


def verdicts(report: dict[str, Any]) -> set[tuple[str, str, int | None, str]]:
    return {(d["path"], d["rule"], d.get("line"), d["message"]) for d in report["diagnostics"]}


def files_of(repo: GitRepo, year: str) -> list[Path]:
    return sorted(p for p in (repo.root / "submissions").rglob(f"{year}*.yaml"))


def test_archiving_moves_the_year_to_its_branch_and_keeps_the_rest(demo: GitRepo) -> None:
    sample = files_of(demo, "2025")[0]
    rel = sample.relative_to(demo.root).as_posix()
    text = sample.read_text(encoding="utf-8")
    before = demo.git("rev-parse", "HEAD").strip()
    code, out = archive(demo)
    assert code == 0, out
    assert "已归档 2025 年" in out and "git push origin archive/2025" in out
    assert files_of(demo, "2025") == []
    assert files_of(demo, "2026")  # the next year stays
    assert demo.git("show", f"archive/2025:{rel}") == text
    assert demo.git("show", "archive/2025:archive/2025.yaml").startswith("# 由 validator archive")
    # the branch keeps the files' history: its parent is main as it was
    assert demo.git("rev-parse", "archive/2025^").strip() == before
    assert demo.git("rev-parse", "HEAD^").strip() == before
    assert demo.git("status", "--porcelain") == ""
    summary = (demo.root / "archive/2025.yaml").read_text(encoding="utf-8")
    assert f"base: {before}" in summary


def test_the_live_check_and_status_are_unchanged(demo: GitRepo) -> None:
    before = check_json(demo)
    status_args = ["status", "--repo", str(demo.root), "--now", EARLY, "--format", "json"]
    status_before = run(*status_args)[1]  # its 12 weeks reach back into 2025
    assert archive(demo)[0] == 0
    after = check_json(demo)
    kept = {v for v in verdicts(before) if not v[0].rsplit("/", 1)[-1].startswith("2025")}
    assert kept, "the demo has findings about 2026 reports and org/ to compare"
    assert verdicts(after) == kept  # handover-missing for a 2025 handover does not appear
    assert run(*status_args)[1] == status_before
    cold = check_json(demo, "--no-cache")
    assert verdicts(cold) == kept


def test_the_history_walk_starts_at_the_archive_point(demo: GitRepo) -> None:
    full = load_history(demo.root, use_cache=False).received
    assert archive(demo)[0] == 0
    shutil.rmtree(demo.root / ".git" / "validator", ignore_errors=True)  # a cold CI clone
    head = demo.git("rev-parse", "HEAD").strip()
    start = archive_start(demo.root, head)
    assert start is not None
    base, carried = start
    assert demo.git("rev-list", "--count", f"{base}..HEAD").strip() == "1"
    assert int(demo.git("rev-list", "--count", "HEAD").strip()) > 400
    live = {p: t for p, t in full.items() if not p.rsplit("/", 1)[-1].startswith("2025")}
    assert set(carried) == set(live)
    assert load_history(demo.root).received == live  # from the summary: the same dates


def test_a_year_not_closed_is_refused(demo: GitRepo) -> None:
    head = demo.git("rev-parse", "HEAD").strip()
    code, out = archive(demo, now=EARLY)
    assert code == 2
    assert "2025 年尚未结束,不能归档" in out and "2026-02-07 起可归档" in out
    assert demo.git("rev-parse", "HEAD").strip() == head
    assert demo.git("branch", "--list", "archive/*") == ""
    assert files_of(demo, "2025")


def test_an_open_incident_keeps_the_year_open(demo: GitRepo) -> None:
    demo.write(
        "submissions/li-ming/incidents/2025-11-03-guangzhou-media.yaml",
        (demo.root / "submissions/li-ming/incidents/2026-02-24-guangzhou-media.yaml")
        .read_text(encoding="utf-8")
        .replace("2026-02-2", "2025-11-0")
        .replace("status: resolved", "status: open"),
    )
    demo.commit("an incident still open", "2025-11-03T18:00:00+08:00")
    code, out = archive(demo)
    assert code == 2
    assert "2025-11-03-guangzhou-media.yaml 仍在处理中(status: open)" in out


def test_a_dirty_work_tree_is_refused(demo: GitRepo) -> None:
    demo.write("submissions/li-ming/weekly/2026-W11.yaml", "staff: li-ming\n")
    code, out = archive(demo)
    assert code == 2
    assert "工作区有未提交的改动" in out
    assert files_of(demo, "2025")


def test_a_second_run_has_nothing_to_do(demo: GitRepo) -> None:
    assert archive(demo)[0] == 0
    head = demo.git("rev-parse", "HEAD").strip()
    code, out = archive(demo)
    assert (code, out) == (
        0,
        "2025 年已归档(archive/2025.yaml),submissions/ 中没有该年的报告:无事可做。\n",
    )
    assert demo.git("rev-parse", "HEAD").strip() == head


def deleted(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (d["path"], d["message"])
        for d in report["diagnostics"]
        if d["rule"] == "deleted-after-merge"
    ]


def test_deleting_final_reports_without_the_archive_command_is_flagged(demo: GitRepo) -> None:
    """Even a reviewer (whom ownership lets delete, to correct) cannot drop a final year."""
    demo.git("checkout", "-q", "-b", "tidy-up")
    gone = [p.relative_to(demo.root).as_posix() for p in files_of(demo, "2025")[:3]]
    demo.git("rm", "-q", *gone)
    demo.commit("remove old reports", "2026-03-09T10:00:00+08:00")
    found = check_json(demo, "--base", "main", "--author", REVIEWER)
    assert sorted(p for p, _ in deleted(found)) == sorted(gone)
    assert all("只能由 validator archive 移到归档分支" in m for _, m in deleted(found))


def test_archiving_in_a_pull_request_is_not_a_deletion(demo: GitRepo) -> None:
    demo.git("checkout", "-q", "-b", "archive-2025")
    assert archive(demo)[0] == 0
    found = check_json(demo, "--base", "main", "--author", REVIEWER)
    assert deleted(found) == []
    assert [d for d in found["diagnostics"] if d["rule"] == "archive-summary"] == []
    # staff still may not: the summary is org data to them
    staff = check_json(demo, "--base", "main", "--author", "liming-gz")
    assert any(d["rule"] == "not-owner" for d in staff["diagnostics"])


def test_a_pull_request_reads_no_archived_row_it_does_not_delete(
    demo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every pull request is checked for deleted reports of archived years: listing every
    archived report for that (a national company's summaries hold some 400,000 a year) made
    each run unpack every person of every summary. Only a deleted report's own rows are read."""
    assert archive(demo)[0] == 0
    demo.git("checkout", "-q", "-b", "tidy-up")
    gone = files_of(demo, "2026")[0].relative_to(demo.root).as_posix()
    demo.git("rm", "-q", gone)
    demo.commit("remove a report", "2026-03-09T10:00:00+08:00")

    def everything(self: Archive) -> dict[str, str]:
        raise AssertionError("every archived report listed")

    monkeypatch.setattr(Archive, "blobs", everything)
    found = check_json(demo, "--base", "main", "--author", REVIEWER)
    assert [d["path"] for d in found["diagnostics"] if d["rule"] == "deleted-after-merge"] == []


def test_the_archive_pull_request_is_not_too_large(demo: GitRepo) -> None:
    """A tester's find: the guide's pull request (a year's reports moved, some 400 here, 400,000
    for a national company) was always red with `too-large` (max_files, 200 by default): the
    moves its summary records are one change, not one per file. Other deletions still count,
    and a staff member's pull request counts every file."""
    policy = demo.root / "org/policy.yaml"
    policy.write_text(policy.read_text("utf-8") + "pull_request: {max_files: 50}\n", "utf-8")
    demo.commit("a small limit", "2026-03-09T09:00:00+08:00")
    demo.git("checkout", "-q", "-b", "archive-2025")
    assert archive(demo)[0] == 0
    found = check_json(demo, "--base", "main", "--author", REVIEWER)
    assert [d for d in found["diagnostics"] if d["rule"] == "too-large"] == []
    assert found["errors"] == 0
    staff = check_json(demo, "--base", "main", "--author", "liming-gz")  # may not archive
    assert "too-large" in {d["rule"] for d in staff["diagnostics"]}
    kept = [p.relative_to(demo.root).as_posix() for p in files_of(demo, "2026")[:51]]
    demo.git("rm", "-q", *kept)
    demo.commit("and more", "2026-03-09T10:00:00+08:00")
    found = check_json(demo, "--base", "main", "--author", REVIEWER)
    assert [d["rule"] for d in found["diagnostics"] if d["path"] == "."] == ["too-large"]


def summary_line(repo: GitRepo, needle: str) -> int:
    lines = (repo.root / "archive/2025.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_a_tampered_state_is_an_error_at_its_line(demo: GitRepo) -> None:
    assert archive(demo)[0] == 0
    summary = demo.root / "archive/2025.yaml"
    text = summary.read_text(encoding="utf-8")
    late = next(line for line in text.splitlines() if line.endswith("]") and ", late, " in line)
    summary.write_text(text.replace(late, late.replace(", late, ", ", on_time, ")), "utf-8")
    demo.commit("make a late week on time", "2026-03-09T10:00:00+08:00")
    found = check_json(demo)
    bad = [d for d in found["diagnostics"] if d["rule"] == "archive-summary"]
    assert len(bad) == 1
    assert bad[0]["path"] == "archive/2025.yaml"
    assert bad[0]["line"] == summary_line(demo, late.replace(", late, ", ", on_time, "))
    assert "状态写的是 on_time,按其接收时间与截止时间应为 late" in bad[0]["message"]
    assert found["errors"] >= 1


def test_a_changed_blob_or_broken_entry_is_an_error(demo: GitRepo) -> None:
    assert archive(demo)[0] == 0
    summary = demo.root / "archive/2025.yaml"
    lines = summary.read_text(encoding="utf-8").splitlines()
    i = next(i for i, line in enumerate(lines) if ", on_time, " in line)
    blob = lines[i].rsplit(", ", 1)[1].rstrip("]")
    lines[i] = lines[i].replace(blob, "0" * 40)
    j = next(k for k, line in enumerate(lines) if k > i + 1 and ", on_time, " in line)
    lines[j] = lines[j].split(":")[0] + ": [昨天, on_time]"
    summary.write_text("\n".join(lines) + "\n", "utf-8")
    found = check_json(demo)
    bad = {
        (d["line"], d["message"]) for d in found["diagnostics"] if d["rule"] == "archive-summary"
    }
    assert any(line == i + 1 and "blob" in message for line, message in bad)
    assert any(line == j + 1 and "归档摘要有误" in message for line, message in bad)


def test_a_clone_checks_the_summary_against_the_fetched_archive_branch(
    demo: GitRepo, tmp_path: Path
) -> None:
    """A tester's find: a reviewer's `git clone` has the branch as origin/archive/2025 only, and
    the blob check (which the guide leaves to the reviewer's clone) was silently skipped."""
    assert archive(demo)[0] == 0
    clone = GitRepo(tmp_path / "clone")
    demo.git("clone", "-q", demo.root.as_uri(), str(clone.root))
    assert clone.git("branch", "--list", "archive/*") == ""
    summary = clone.root / "archive/2025.yaml"
    lines = summary.read_text(encoding="utf-8").splitlines()
    i = next(i for i, line in enumerate(lines) if ", on_time, " in line)
    blob = lines[i].rsplit(", ", 1)[1].rstrip("]")
    other = next(line for line in lines[i + 1 :] if ", on_time, " in line)
    lines[i] = lines[i].replace(blob, other.rsplit(", ", 1)[1].rstrip("]"))
    summary.write_text("\n".join(lines) + "\n", "utf-8")
    bad = archive_errors(clone)
    assert [(d["line"], "blob" in d["message"]) for d in bad] == [(i + 1, True)]


def test_a_report_filed_for_an_archived_year_is_an_error(demo: GitRepo) -> None:
    assert archive(demo)[0] == 0
    old = demo.git("show", "archive/2025:submissions/li-ming/weekly/2025-W30.yaml")
    demo.write("submissions/li-ming/weekly/2025-W30.yaml", old)
    bad = archive_errors(demo)
    assert [d["path"] for d in bad] == ["submissions/li-ming/weekly/2025-W30.yaml"]
    assert "2025 年已归档" in bad[0]["message"]


@pytest.mark.parametrize("checked", ["head", "merge"])
def test_a_pull_request_filing_for_an_archived_year_is_an_error(
    demo: GitRepo, checked: str
) -> None:
    """A tester's find: a pull request opened before the archive was merged, adding a missed
    2025 week and correcting another, passed its check (CI checks out its head, where no summary
    is; GitHub's merge has one), and main failed only once it was merged."""
    demo.git("checkout", "-q", "-b", "late-week")
    weeks = {p.stem for p in (demo.root / "submissions/li-ming/weekly").glob("2025-W*.yaml")}
    week = next(f"2025-W{n:02d}" for n in range(10, 50) if f"2025-W{n:02d}" not in weeks)
    added = f"submissions/li-ming/weekly/{week}.yaml"
    monday = dt.date.fromisocalendar(2025, int(week[-2:]), 1).isoformat()
    demo.write(added, "late_reason: 漏交,补交\n" + weekly_yaml("li-ming", week, monday))
    changed = files_of(demo, "2025")[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "# 更正\n", encoding="utf-8")
    demo.commit("a missed week, a correction", "2026-03-09T10:00:00+08:00")
    demo.git("checkout", "-q", "main")
    assert archive(demo)[0] == 0
    base = "main"
    if checked == "merge":  # as GitHub's refs/pull/N/merge: main with the pull request's files
        demo.git("checkout", "-q", "-b", "merged")
        demo.git("checkout", "-q", "late-week", "--", added)
        demo.commit("merge late-week", "2026-03-09T11:00:00+08:00")
    else:
        demo.git("checkout", "-q", "late-week")
    found = check_json(demo, "--base", base, "--author", REVIEWER)
    filed = {d["path"] for d in found["diagnostics"] if d["rule"] == "archive-summary"}
    expected = {added} if checked == "merge" else {added, changed.relative_to(demo.root).as_posix()}
    assert filed == expected
    assert found["errors"] >= len(expected)


def test_the_english_message_names_the_archive(demo: GitRepo) -> None:
    assert archive(demo)[0] == 0
    demo.write(
        "submissions/li-ming/weekly/2025-W30.yaml",
        demo.git("show", "archive/2025:submissions/li-ming/weekly/2025-W30.yaml"),
    )
    out = subprocess.run(
        [".venv/bin/validator", "check", "--repo", str(demo.root), "--now", NOW, "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout
    assert "the year 2025 is archived" in out


#: hand edits of a summary: each is either refused by the line reader (read as YAML instead)
#: or read by it to exactly the data YAML reads
EDITS = [
    ("", "\n"),  # a blank line at the end
    ("\nreports:\n", "\nreports:\n\n"),
    ("\nspare_units:\n", "\n# a comment\nspare_units:\n"),
    (", on_time, ", ",  on_time, "),
    (", on_time, ", ", 'on_time', "),
    (", on_time, ", ", yes, "),
    ("+08:00, ", "Z, "),
    ("+08:00, ", "+24:00, "),
    ("-W05: [2025-", "-W05: [2025-13"),
    ("2025-02-0", "2025-02-3"),
    ("  li-ming:\n", "  yes:\n"),
    ("  li-ming:\n", "  li-ming:\n  li-ming:\n"),
    ("    weekly:\n", "    weekly:\n      2025-W01: ~\n"),
    ("version: 1", "version: 01"),
    ("version: 1", "version: 2"),
    ("year: 2025", "year: 2024"),
    ("branch: archive/2025", "branch: archive/2024"),
    (
        "\nreceived:\n",
        '\nreceived:\n  submissions/x/weekly/2026-W01.yaml: [2026-01-04T19:00:00+08:00, ""]\n',
    ),
    # YAML's other line breaks and control characters, in the comment the reader skips
    ("# 由", "# \u2028version: 2\n# 由"),
    ("# 由", "# \x85extra: 1\n# 由"),
    ("# 由", "# \x07 由"),
    # keys longer than the 1,024 characters libyaml allows
    ("  li-ming:\n", "  l" + "i" * 1100 + ":\n"),
    (
        "\nreceived:\n",
        "\nreceived:\n  submissions/" + "x" * 1100 + '.yaml: [2026-01-04T19:00:00+08:00, ""]\n',
    ),
]


def test_the_summary_line_reader_reads_what_yaml_reads(demo: GitRepo) -> None:
    """The archive command's own line format is read without YAML (a national company's year
    is 400,000 entries); on what it writes and on hand edits, the data is YAML's or the text is
    left to YAML."""
    from tests.support.agreement import assert_summary_agrees

    assert archive(demo)[0] == 0
    text = (demo.root / "archive/2025.yaml").read_text(encoding="utf-8")
    assert assert_summary_agrees(text) is not None, "the command's own output takes the reader"
    blob = text.split(", on_time, ", 1)[1][:40]
    edits = [*EDITS, (blob, "0b" + "01" * 19), (blob, "1" * 40), (blob, "0" * 40)]
    taken = []
    for old, new in edits:
        assert old in text, old
        edited = text.replace(old, new, 1) if old else text + new
        if assert_summary_agrees(edited) is not None:
            taken.append(new)
    # wrong values in the command's shape are read here (the summary check judges them);
    # anything shaped otherwise is YAML's
    shaped = [", yes, ", "  yes:\n", "version: 01", "version: 2", "year: 2024"]
    received = EDITS[17][1]
    assert taken == [*shaped, "branch: archive/2024", received, *(e[1] for e in edits[-3:])]


@pytest.mark.parametrize(
    "path, change",
    [
        ("org/policy.yaml", "clock_skew: 30 minutes\n"),  # the summary took default deadlines
        ("org/staff.yaml", "staff: {}\n"),  # and an empty roster
    ],
)
def test_org_errors_stop_archiving_with_their_place(demo: GitRepo, path: str, change: str) -> None:
    """A tester's find: a summary written from a broken org/ is wrong for good."""
    text = (demo.root / path).read_text(encoding="utf-8")
    demo.write(path, text + change if change.startswith("clock") else change)
    head = demo.commit("a broken org file", "2026-03-09T10:00:00+08:00")
    code, out = archive(demo)
    assert code == 2, out
    assert f"{path}:" in out
    assert demo.git("rev-parse", "HEAD").strip() == head
    assert demo.git("branch", "--list", "archive/*") == ""
    assert files_of(demo, "2025")


def test_a_detached_head_is_refused(demo: GitRepo) -> None:
    """A tester's find: archiving committed on a detached HEAD and said `git push origin HEAD`,
    which git refuses there."""
    demo.git("checkout", "-q", "--detach")
    head = demo.git("rev-parse", "HEAD").strip()
    code, out = archive(demo)
    assert code == 2, out
    assert "check out a branch" in out
    assert demo.git("rev-parse", "HEAD").strip() == head
    assert demo.git("branch", "--list", "archive/*") == ""


def test_a_shallow_clone_is_refused(demo: GitRepo, tmp_path: Path) -> None:
    """A tester's find: in `git clone --depth 5` every report seemed received at the cut, and
    the summary recorded the whole year as late, and the dates of the reports that stay wrong,
    for good (the check then agrees with the summary)."""
    shallow = GitRepo(tmp_path / "shallow")
    demo.git("clone", "-q", "--depth", "5", demo.root.as_uri(), str(shallow.root))
    shallow.git("config", "user.name", "Test")
    shallow.git("config", "user.email", "test@example.com")
    head = shallow.git("rev-parse", "HEAD").strip()
    for dry in ([], ["--dry-run"]):
        code, out = archive(shallow, *dry)
        assert code == 2, out
        assert "浅克隆" in out and "git fetch --unshallow" in out
    assert shallow.git("rev-parse", "HEAD").strip() == head
    assert shallow.git("branch", "--list", "archive/*") == ""
    assert not (shallow.root / "archive").exists()


def test_an_archive_that_fails_halfway_leaves_nothing_behind(demo: GitRepo) -> None:
    """A tester's find: with the index locked the run failed after creating `archive/2025`, and
    every later run refused because the branch existed."""
    head = demo.git("rev-parse", "HEAD").strip()
    lock = demo.root / ".git" / "index.lock"
    lock.touch()
    code, out = archive(demo)
    assert code == 2, out
    assert "index.lock" in out
    assert demo.git("branch", "--list", "archive/*") == ""
    lock.unlink()
    assert demo.git("rev-parse", "HEAD").strip() == head
    assert demo.git("status", "--porcelain") == ""
    assert archive(demo)[0] == 0


def test_a_branch_left_over_says_how_to_recover(demo: GitRepo) -> None:
    demo.git("branch", "archive/2025")  # as a run stopped halfway (killed) left it
    code, out = archive(demo)
    assert code == 2, out
    assert "git branch -D archive/2025" in out
    assert files_of(demo, "2025")


def test_a_failure_after_the_reports_were_removed_puts_them_back(demo: GitRepo) -> None:
    """A file named `archive` keeps the summary from being written once the reports are out of
    the index: they come back, the branch goes, and no traceback."""
    demo.write("archive", "not a folder\n")
    head = demo.commit("a file in the summaries' place", "2026-03-09T10:00:00+08:00")
    code, out = archive(demo)
    assert code == 2, out
    assert "archive/2025.yaml" in out
    assert demo.git("branch", "--list", "archive/*") == ""
    assert demo.git("rev-parse", "HEAD").strip() == head
    assert demo.git("status", "--porcelain") == ""
    assert files_of(demo, "2025")


def archive_errors(repo: GitRepo, *extra: str) -> list[dict[str, Any]]:
    """The `archive-summary` findings of a check with `extra` options."""
    found = check_json(repo, *extra)["diagnostics"]
    return [d for d in found if d["rule"] == "archive-summary"]


def without_block(text: str, staff: str) -> str:
    """The summary without `staff`'s reports (their line and every deeper one under it)."""
    lines, kept, skipping = text.split("\n"), [], False
    for line in lines:
        if line.startswith("  ") and not line.startswith("   "):
            skipping = line == f"  {staff}:" and "reports:" in kept and "spare_units:" not in kept
        elif not line.startswith("  "):
            skipping = False
        if not skipping:
            kept.append(line)
    return "\n".join(kept)


def reports_replaced(text: str, by: str) -> str:
    head, rest = text.split("\nreports:\n", 1)
    return head + f"\nreports:{by}\nspare_units:\n" + rest.split("\nspare_units:\n", 1)[1]


@pytest.mark.parametrize("branch", ["kept", "not fetched"])
@pytest.mark.parametrize("by", [" {}", "", " ~"])
def test_a_summary_without_reports_is_an_error(demo: GitRepo, by: str, branch: str) -> None:
    """A tester's find: `reports: {}` or `reports: null` dropped the year from every figure
    with no finding. The command never writes a summary without reports, so this needs no
    archive branch (a shallow CI clone has none)."""
    assert archive(demo)[0] == 0
    if branch == "not fetched":
        demo.git("branch", "-D", "archive/2025")
    summary = demo.root / "archive/2025.yaml"
    summary.write_text(reports_replaced(summary.read_text(encoding="utf-8"), by), "utf-8")
    demo.commit("no reports", "2026-03-09T10:00:00+08:00")
    bad = archive_errors(demo)
    assert [d["path"] for d in bad] == ["archive/2025.yaml"] * len(bad) and bad
    assert any(d["line"] == summary_line(demo, "reports:") for d in bad)


def test_a_person_left_out_of_the_summary_is_an_error(demo: GitRepo) -> None:
    """A tester's find: with one person's block deleted, their weeks went from on time to
    missing with no finding; the archive branch (when fetched) holds what the summary must."""
    assert archive(demo)[0] == 0
    summary = demo.root / "archive/2025.yaml"
    text = summary.read_text(encoding="utf-8")
    summary.write_text(without_block(text, "li-ming"), "utf-8")
    assert "  li-ming:\n    weekly:" not in summary.read_text(encoding="utf-8")
    demo.commit("one person fewer", "2026-03-09T10:00:00+08:00")
    bad = archive_errors(demo)
    assert len(bad) == 1, bad
    assert bad[0]["path"] == "archive/2025.yaml"
    assert bad[0]["line"] == summary_line(demo, "reports:")
    assert "submissions/li-ming/" in bad[0]["message"]


@pytest.mark.parametrize("moved", ["archive/foo.yaml", "archive/x/2025.yaml", "archive/99999.yaml"])
def test_a_summary_moved_away_is_an_error(demo: GitRepo, moved: str) -> None:
    """A tester's find: a summary renamed or moved is no longer read, so its year left every
    figure with no finding. Only `archive/<year>.yaml` belongs under archive/."""
    assert archive(demo)[0] == 0
    (demo.root / moved).parent.mkdir(parents=True, exist_ok=True)
    demo.git("mv", "archive/2025.yaml", moved)
    demo.commit("moved", "2026-03-09T10:00:00+08:00")
    bad = archive_errors(demo)
    assert [d["path"] for d in bad] == [moved]
    assert "archive/<年>.yaml" in bad[0]["message"]


@pytest.mark.parametrize("gone", ["deleted", "moved out of archive/"])
def test_a_pull_request_removing_a_summary_is_an_error(demo: GitRepo, gone: str) -> None:
    """A tester's find: a reviewer's pull request deleting archive/2025.yaml (or moving it out
    of archive/) passed, and once merged 2025 left every figure: its weeks became missing."""
    assert archive(demo)[0] == 0
    demo.git("checkout", "-q", "-b", "tidy-up")
    if gone == "deleted":
        demo.git("rm", "-q", "archive/2025.yaml")
    else:
        demo.git("mv", "archive/2025.yaml", "2025-summary.yaml")
    demo.commit("tidy up", "2026-03-09T10:00:00+08:00")
    bad = archive_errors(demo, "--base", "main", "--author", REVIEWER)
    assert [d["path"] for d in bad] == ["archive/2025.yaml"]
    assert "删除" in bad[0]["message"] and bad[0]["severity"] == "error"


def test_a_summary_can_be_checked_by_its_path(demo: GitRepo) -> None:
    """A tester's find: `validator check archive/2025.yaml` said the file did not exist (exit 2);
    the summary is checked by its path as by the full check, and only it."""
    assert archive(demo)[0] == 0
    args = ["check", "--repo", str(demo.root), "--now", NOW]
    assert run(*args, "archive/2025.yaml") == (0, "检查了 1 个文件:0 个错误,0 个警告\n")
    summary = demo.root / "archive/2025.yaml"
    text = summary.read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines, 1) if line.endswith("]") and ", late, " in line)
    lines[at - 1] = lines[at - 1].replace(", late, ", ", on_time, ")
    summary.write_text("\n".join(lines) + "\n", "utf-8")
    for named in ("archive/2025.yaml", "archive", "archive/"):
        code, out = run(*args, named)
        assert code == 1, out
        assert out.startswith(f"archive/2025.yaml:{at}:")
    code, out = run(*args, "archive/2030.yaml")
    assert code == 2 and "archive/2030.yaml" in out


def test_an_archive_pull_request_still_open_elsewhere_is_named(
    demo: GitRepo, tmp_path: Path
) -> None:
    """A tester's find: with another reviewer's archive pull request still open (its branch
    pushed as archive/2025), archiving again in a fresh clone went ahead, and only `git push`
    then failed (non-fast-forward) with two archives of one year in flight."""
    demo.git("checkout", "-q", "-b", "archive-2025")
    assert archive(demo)[0] == 0
    demo.git("checkout", "-q", "main")  # not merged yet
    clone = GitRepo(tmp_path / "clone")
    demo.git("clone", "-q", demo.root.as_uri(), str(clone.root))
    head = clone.git("rev-parse", "HEAD").strip()
    code, out = archive(clone)
    assert code == 2, out
    assert "origin/archive/2025" in out and "尚未合并的归档拉取请求" in out
    assert clone.git("rev-parse", "HEAD").strip() == head
    assert clone.git("branch", "--list", "archive/*") == ""


def missed_week_merged_while_archiving(demo: GitRepo) -> str:
    """The archive made on branch archive-2025 (checked out at the end), while a missed 2025
    week of li-ming's was merged to main; the week's path."""
    demo.git("checkout", "-q", "-b", "archive-2025")
    assert archive(demo)[0] == 0
    demo.git("checkout", "-q", "main")
    weeks = {p.stem for p in (demo.root / "submissions/li-ming/weekly").glob("2025-W*.yaml")}
    week = next(f"2025-W{n:02d}" for n in range(10, 50) if f"2025-W{n:02d}" not in weeks)
    added = f"submissions/li-ming/weekly/{week}.yaml"
    monday = dt.date.fromisocalendar(2025, int(week[-2:]), 1).isoformat()
    demo.write(added, "late_reason: 漏交,补交\n" + weekly_yaml("li-ming", week, monday))
    demo.commit("a missed week", "2026-03-09T10:00:00+08:00")
    demo.git("checkout", "-q", "archive-2025")
    return added


def test_a_report_merged_while_the_archive_pull_request_waited_is_named(demo: GitRepo) -> None:
    """A tester's find: a missed 2025 week merged to main after the archive was made passed the
    archive pull request's check, and main failed once both were merged (the year's report
    back in submissions/, unrecorded). The base branch's reports of the year must all be in
    the summary: archive again on the updated main."""
    added = missed_week_merged_while_archiving(demo)
    bad = archive_errors(demo, "--base", "main", "--author", REVIEWER)
    assert [d["path"] for d in bad] == ["archive/2025.yaml"]
    assert added in bad[0]["message"] and "main" in bad[0]["message"]


@pytest.mark.parametrize("broken", [b"year: [2025\n", b"\xff\n"], ids=["yaml", "not-utf-8"])
def test_a_broken_summary_checked_by_its_path_is_a_finding_not_nothing_checked(
    demo: GitRepo, broken: bytes
) -> None:
    """A summary YAML cannot read (or not UTF-8) checked by its path is an error at that file,
    exit 1: before, it counted as no file checked, and the check said org/ and submissions/
    were empty (exit 2) after printing the error."""
    assert archive(demo)[0] == 0
    summary = demo.root / "archive/2025.yaml"
    summary.write_bytes(broken)
    code, out = run("check", "--repo", str(demo.root), "--now", NOW, "archive/2025.yaml")
    assert code == 1, out
    assert out.startswith("archive/2025.yaml") and "no file was checked" not in out, out


def test_a_pull_request_removing_a_summary_or_missing_a_merged_report_is_said_in_english(
    demo: GitRepo,
) -> None:
    """With --lang en the two findings of an archive pull request are English: before, their
    problem was Chinese only, inside the English sentence."""
    added = missed_week_merged_while_archiving(demo)
    [missed] = [
        d["message"]
        for d in archive_errors(demo, "--base", "main", "--author", REVIEWER, "--lang", "en")
    ]
    assert added in missed and "archive again" in missed and missed.isascii(), missed
    demo.git("checkout", "-q", "main")
    demo.git("merge", "-q", "--no-edit", "archive-2025")
    demo.git("checkout", "-q", "-b", "tidy-up")
    demo.git("rm", "-q", "archive/2025.yaml")
    demo.commit("tidy up", "2026-03-09T11:00:00+08:00")
    [gone] = [
        d["message"]
        for d in archive_errors(demo, "--base", "main", "--author", REVIEWER, "--lang", "en")
    ]
    assert "deleted" in gone and gone.isascii(), gone


def test_a_summary_moved_away_is_said_in_english_too(demo: GitRepo) -> None:
    """Under --lang en the message of a stray file under archive/ held its problem in Chinese
    inside the English sentence."""
    assert archive(demo)[0] == 0
    demo.git("mv", "archive/2025.yaml", "archive/foo.yaml")
    demo.commit("moved", "2026-03-09T10:00:00+08:00")
    [bad] = archive_errors(demo, "--lang", "en")
    assert bad["path"] == "archive/foo.yaml"
    assert bad["message"].isascii() and "archive/<year>.yaml" in bad["message"], bad["message"]


def test_a_tampered_summary_is_said_in_english_too(demo: GitRepo) -> None:
    """The summary parser's problems were Chinese inside the English sentence of --lang en."""
    assert archive(demo)[0] == 0
    path = demo.root / "archive/2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("version: 1", "version: 2", 1))
    demo.commit("tampered", "2026-03-09T10:00:00+08:00")
    [bad] = archive_errors(demo, "--lang", "en")
    assert "version must be 1" in bad["message"], bad["message"]


def _made_on_time(text: str) -> tuple[str, str]:
    """`text` with its first late entry made on time by an earlier received date: a change
    that agrees with itself, the policy and the archive branch (the same blob)."""
    for line in text.split("\n"):
        if line.strip().startswith("20") and ", late, " in line:
            received, due = line.split("[", 1)[1].split(", ")[:2]
            earlier = (dt.datetime.fromisoformat(due) - dt.timedelta(hours=1)).isoformat()
            fixed = line.replace(received, earlier, 1).replace(", late, ", ", on_time, ", 1)
            return text.replace(line, fixed, 1), line.split(":", 1)[0].strip()
    raise AssertionError("the summary has no late entry")


@pytest.mark.parametrize("section", ["reports", "received"])
def test_a_pull_request_changing_a_summary_is_an_error(demo: GitRepo, section: str) -> None:
    """The summary is the year's verdicts, written once by the command: a reviewer's pull
    request moving a late week's received date before its deadline (state and all, so that it
    agrees with itself and with the archive branch) passed, and the week became on time. So
    did an earlier date under `received:`, which a check without a cache takes as the day a
    report still on main arrived."""
    assert archive(demo)[0] == 0
    demo.git("checkout", "-q", "-b", "kinder")
    summary = demo.root / "archive/2025.yaml"
    text = summary.read_text(encoding="utf-8")
    if section == "reports":
        changed, period = _made_on_time(text)
    else:
        line = next(x for x in text.split("\n") if x.startswith("  submissions/"))
        when = line.split("[", 1)[1].split(",", 1)[0]
        earlier = (dt.datetime.fromisoformat(when) - dt.timedelta(days=3)).isoformat()
        changed = text.replace(line, line.replace(when, earlier, 1), 1)
        period = line.split(": [", 1)[0].strip()
    pairs = zip(text.split("\n"), changed.split("\n"), strict=True)
    moved = next(i for i, (a, b) in enumerate(pairs, 1) if a != b)
    summary.write_text(changed, "utf-8")
    demo.commit("kinder", "2026-03-09T10:00:00+08:00")
    # the full check tells it by the archive branch's copy (test_a_summary_changed_by_a_direct_...)
    assert [d["line"] for d in archive_errors(demo)] == [moved]
    bad = archive_errors(demo, "--base", "main", "--author", REVIEWER)
    assert [(d["path"], d["severity"]) for d in bad] == [("archive/2025.yaml", "error")], bad
    assert "validator archive" in bad[0]["message"] and period in bad[0]["message"], bad
    assert bad[0]["line"] == moved


def test_new_carries_the_units_an_archived_month_left_out(demo: GitRepo) -> None:
    """The month before is archived: `validator new monthly` lists the serials its summary
    carries over (the rest left for the writer), and a handover lists them as handover-units
    compares them."""
    assert archive(demo)[0] == 0
    carried = archived(demo.root).summaries[-1].spare_units
    staff, serials = next((s, u) for s, u in sorted(carried.items()) if u)
    (demo.root / f"submissions/{staff}/monthly/2026-01.yaml").unlink()
    (demo.root / f"submissions/{staff}/monthly/2026-02.yaml").unlink(missing_ok=True)
    code, out = run(
        "new", "monthly", "--repo", str(demo.root), "--staff", staff, "--period", "2026-01",
        "--now", NOW,
    )  # fmt: skip
    assert code == 0, out
    text = (demo.root / out.splitlines()[0]).read_text("utf-8")
    assert "2025-12 的月报中未还的已照抄" in text
    listed = [line for line in text.splitlines() if line.startswith("  - {serial")]
    assert listed == [f'  - {{serial: {s}, holder: "", loaned: null, due: null}}' for s in serials]
    (demo.root / out.splitlines()[0]).unlink()  # not written after all: 2025-12 is the latest
    code, out = run(
        "new", "handover", "--repo", str(demo.root), "--staff", staff, "--period", "2026-01-05",
        "--now", NOW,
    )  # fmt: skip
    assert code == 0, out
    text = (demo.root / out.splitlines()[0]).read_text("utf-8")
    assert f"spare_units: [{', '.join(serials)}]   # 最近一期月报(2025-12)中在借的备用机" in text


def test_a_summary_changed_by_a_direct_push_is_found_against_the_archive_branch(
    demo: GitRepo, tmp_path: Path
) -> None:
    """A change that agrees with itself and the policy (a late week made on time, its received
    time moved before the deadline) pushed straight to main, with no pull request to compare
    it with, passed the full check: the archive branch holds the summary as the command wrote
    it, in the archiving clone and in any clone that fetched it."""
    assert archive(demo)[0] == 0
    summary = demo.root / "archive/2025.yaml"
    changed, _period = _made_on_time(summary.read_text(encoding="utf-8"))
    summary.write_text(changed, "utf-8")
    demo.commit("a late week on time", "2026-03-09T10:00:00+08:00")
    lines = changed.split("\n")
    written = demo.git("show", "archive/2025:archive/2025.yaml").split("\n")
    line = next(i for i, (a, b) in enumerate(zip(lines, written, strict=True), 1) if a != b)
    said = (
        f"摘要与归档分支 archive/2025 上的不同:这一行({lines[line - 1].strip()})被改过。"
        "摘要记下的是该年的结论(接收时间、状态),只由 validator archive 生成一次;"
        "请撤销对它的改动。"
    )
    assert [(d["line"], d["message"]) for d in archive_errors(demo)] == [(line, said)]
    clone = GitRepo(tmp_path / "clone")  # the branch as origin/archive/2025 only
    demo.git("clone", "-q", demo.root.as_uri(), str(clone.root))
    assert [(d["line"], d["message"]) for d in archive_errors(clone)] == [(line, said)]


def test_a_clone_checked_out_with_crlf_line_ends_agrees_with_the_branch(
    demo: GitRepo, tmp_path: Path
) -> None:
    """A reviewer on Windows (core.autocrlf=true) has the summary with CRLF line ends in the
    work tree; git's copies have LF. That is the same summary."""
    assert archive(demo)[0] == 0
    clone = GitRepo(tmp_path / "clone")
    demo.git("clone", "-q", "-c", "core.autocrlf=true", demo.root.as_uri(), str(clone.root))
    assert b"\r\n" in (clone.root / "archive/2025.yaml").read_bytes()
    assert archive_errors(clone) == []


def test_a_stale_local_archive_branch_does_not_condemn_a_summary_archived_again(
    demo: GitRepo, tmp_path: Path
) -> None:
    """Reviewer A archived 2025 (local branch archive/2025) but that pull request was dropped;
    reviewer B re-archived as docs/guide/archive.md says (deleting origin's branch, archiving
    again, pushing) and B's pull request was merged. A fetches and pulls: A's clone still has its
    own refs/heads/archive/2025, which _branch_ref prefers over the up-to-date
    origin/archive/2025, so A's full check calls the merged, untouched summary 'changed' and
    tells A to undo it. The summary is checked against whichever branch holds it."""
    origin = GitRepo(tmp_path / "origin.git")
    demo.git("clone", "-q", "--bare", str(demo.root), str(origin.root))
    a = GitRepo(tmp_path / "a")
    demo.git("clone", "-q", origin.root.as_uri(), str(a.root))
    a.git("config", "user.name", "A")
    a.git("config", "user.email", "a@example.com")
    a.git("switch", "-q", "-c", "archive-2025")
    assert archive(a, now="2026-03-09T12:00:00+08:00")[0] == 0
    a.git("push", "-q", "origin", "archive/2025")  # A's pull request, later abandoned
    b = GitRepo(tmp_path / "b")
    demo.git("clone", "-q", origin.root.as_uri(), str(b.root))
    b.git("config", "user.name", "B")
    b.git("config", "user.email", "b@example.com")
    b.git("push", "-q", "origin", "--delete", "archive/2025")
    b.git("switch", "-q", "-c", "archive-2025", "origin/main")
    assert archive(b)[0] == 0  # archived_at differs from A's run
    b.git("push", "-q", "origin", "archive/2025")
    b.git("push", "-q", "origin", "HEAD:main")  # B's pull request merged
    assert archive_errors(b) == []
    a.git("switch", "-q", "main")
    a.git("pull", "-q", "--ff-only")
    assert (a.root / "archive/2025.yaml").read_text("utf-8") == (
        b.root / "archive/2025.yaml"
    ).read_text("utf-8")
    assert archive_errors(a) == []
