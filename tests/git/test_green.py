"""Issue 13 item 2: a report merged without a green validate run is named on main.

The publish job notes the blobs of reports a validated pull request brought
(`validator green BASE..HEAD`); a full check of main warns about committed reports without
such a note, and claims nothing in a repository that keeps no record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.gitrepo import GitRepo
from tests.support.roster import LI_MING, WANG_FANG, ZHAO_LEI, staff_yaml
from validator.cli import cli

NOW = "2026-11-25T12:00:00+08:00"
REGIONS = "regions:\n  - {id: guangzhou, name: 广州, annual_sales: 235000}\n" \
    "  - {id: foshan, name: 佛山, annual_sales: 80000}\n"  # fmt: skip


def weekly(staff: str) -> str:
    return (
        f"staff: {staff}\nweek: 2026-W47\nsummary: 走访授权站。\n"
        "work:\n  - {date: 2026-11-17, description: 检查工单}\nplan:\n  - 跟进备件申请\n"
    )


def unvalidated(repo: GitRepo) -> list[str]:
    done = CliRunner().invoke(
        cli, ["check", "--repo", str(repo.root), "--now", NOW, "--format", "json", "--no-cache"]
    )
    found = json.loads(done.output)["diagnostics"]
    return sorted(d["path"] for d in found if d["rule"] == "unvalidated")


def build(repo: GitRepo) -> tuple[str, str]:
    repo.write("org/staff.yaml", staff_yaml(LI_MING, WANG_FANG, ZHAO_LEI))
    repo.write("org/regions.yaml", REGIONS)
    base = repo.commit("org", "2026-11-01T09:00:00+08:00")
    repo.write("submissions/li-ming/weekly/2026-W47.yaml", weekly("li-ming"))
    validated = repo.commit("li-ming: weekly", "2026-11-23T10:00:00+08:00")
    repo.write("submissions/wang-fang/weekly/2026-W47.yaml", weekly("wang-fang"))
    repo.commit("wang-fang: weekly, merged around the check", "2026-11-23T11:00:00+08:00")
    return base, validated


def test_a_report_merged_without_a_green_run_is_named(git_repo: GitRepo) -> None:
    base, validated = build(git_repo)
    done = CliRunner().invoke(cli, ["green", "--repo", str(git_repo.root), f"{base}..{validated}"])
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == ["submissions/li-ming/weekly/2026-W47.yaml"]
    assert unvalidated(git_repo) == ["submissions/wang-fang/weekly/2026-W47.yaml"]


def test_a_report_changed_after_its_green_run_is_named_again(git_repo: GitRepo) -> None:
    base, _ = build(git_repo)
    CliRunner().invoke(cli, ["green", "--repo", str(git_repo.root), f"{base}..HEAD"])
    assert unvalidated(git_repo) == []
    git_repo.write(
        "submissions/li-ming/weekly/2026-W47.yaml", weekly("li-ming") + "sales_info: 好\n"
    )
    git_repo.commit("edited on main", "2026-11-24T10:00:00+08:00")
    assert unvalidated(git_repo) == ["submissions/li-ming/weekly/2026-W47.yaml"]


def test_no_record_kept_means_nothing_is_claimed(git_repo: GitRepo) -> None:
    build(git_repo)
    assert unvalidated(git_repo) == []


def test_a_bad_range_is_a_usage_error(git_repo: GitRepo) -> None:
    build(git_repo)
    done = CliRunner().invoke(cli, ["green", "--repo", str(git_repo.root), "main"])
    assert done.exit_code == 2
    assert "BASE..HEAD" in done.output


@pytest.mark.parametrize(
    "commits",
    [
        "--output={victim}..HEAD",
        "{base}..--output={victim}",
        "-x..HEAD",
        "HEAD..-x",
        "{base}...HEAD",
        "nul\0ref..HEAD",
        "no-such-ref..HEAD",
    ],
)
def test_a_range_git_could_read_as_an_option_is_refused(
    git_repo: GitRepo, tmp_path: Path, commits: str
) -> None:
    """A tester's find: `--output=FILE..HEAD` went to git diff as an option, emptied FILE and
    recorded nothing (exit 0). Each end is resolved to a commit first, as `check --base` does."""
    base, _ = build(git_repo)
    victim = tmp_path / "victim"
    victim.write_text("data\n", encoding="utf-8")
    given = commits.format(victim=victim, base=base)
    done = CliRunner().invoke(cli, ["green", "--repo", str(git_repo.root), "--", given])
    assert done.exit_code == 2, done.output
    assert "git reference" in done.output or "BASE..HEAD" in done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)
    assert victim.read_text(encoding="utf-8") == "data\n"
    assert git_repo.git("notes", "--ref=refs/notes/validator-green", "list") == ""


def test_outside_a_repository_is_said(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["green", "--repo", str(tmp_path), "HEAD~1..HEAD"])
    assert done.exit_code == 2
    assert "not a git repository" in done.output


def test_green_needs_no_git_identity_of_the_runner(
    git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CI runner's git has no user.name/user.email (actions/checkout sets none, a container's
    host name has no domain to guess one from): the publish workflow's `validator green` ended in
    'Author identity unknown' (exit 2), so no green record was ever kept. The notes are the
    validator's, written under its own name, as the record of sent messages is."""
    base, validated = build(git_repo)
    git_repo.git("config", "--unset", "user.name")
    git_repo.git("config", "--unset", "user.email")
    for name in ("HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "empty-home"))
    for name in ("EMAIL", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                 "GIT_COMMITTER_EMAIL"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    done = CliRunner().invoke(cli, ["green", "--repo", str(git_repo.root), f"{base}..{validated}"])
    assert done.exit_code == 0, done.output
    assert unvalidated(git_repo) == ["submissions/wang-fang/weekly/2026-W47.yaml"]


def test_reports_on_main_before_the_first_green_run_are_not_named(git_repo: GitRepo) -> None:
    """The demo as a reviewer found it: the first `validator green` after the publish workflow
    was adopted made every report merged before it (366 of them) 'unvalidated ... 可能是绕过分支
    保护合并的', though nothing was recorded then. What `BASE` of the first run holds predates the
    record and is noted as such; a report merged around the check afterwards is still named."""
    git_repo.write("org/staff.yaml", staff_yaml(LI_MING, WANG_FANG, ZHAO_LEI))
    git_repo.write("org/regions.yaml", REGIONS)
    git_repo.write(
        "submissions/li-ming/weekly/2026-W46.yaml",
        weekly("li-ming").replace("2026-W47", "2026-W46").replace("2026-11-17", "2026-11-10"),
    )
    before = git_repo.commit("history from before the workflow", "2026-11-16T09:00:00+08:00")
    git_repo.write("submissions/li-ming/weekly/2026-W47.yaml", weekly("li-ming"))
    first = git_repo.commit("li-ming: weekly, the first green merge", "2026-11-23T10:00:00+08:00")
    done = CliRunner().invoke(cli, ["green", "--repo", str(git_repo.root), f"{before}..{first}"])
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == ["submissions/li-ming/weekly/2026-W47.yaml"]
    assert unvalidated(git_repo) == []
    git_repo.write("submissions/wang-fang/weekly/2026-W47.yaml", weekly("wang-fang"))
    git_repo.commit("wang-fang: weekly, merged around the check", "2026-11-23T11:00:00+08:00")
    assert unvalidated(git_repo) == ["submissions/wang-fang/weekly/2026-W47.yaml"]


@pytest.mark.parametrize(
    ("target", "named"),
    [
        ("blob", "refs/notes/validator-green"),  # git notes cannot read it: said at the record
        ("tree", "submissions/wang-fang/weekly/2026-W47.yaml"),  # read as notes of nothing
    ],
)
def test_a_record_that_is_not_a_notes_history_is_not_taken_for_none(
    git_repo: GitRepo, target: str, named: str
) -> None:
    """refs/notes/validator-green pointing at a blob (a push that overwrote it) made `git notes`
    fail, and check then warned about nothing, as for a repository that keeps no record: the
    report merged around the check went unnamed."""
    build(git_repo)
    blob = git_repo.git("rev-parse", "HEAD:submissions/li-ming/weekly/2026-W47.yaml").strip()
    thing = blob if target == "blob" else git_repo.git("rev-parse", "HEAD^{tree}").strip()
    git_repo.git("update-ref", "refs/notes/validator-green", thing)
    done = CliRunner().invoke(
        cli, ["check", "--repo", str(git_repo.root), "--now", NOW, "--format", "json"]
    )
    found = [(d["path"], d["rule"]) for d in json.loads(done.stdout)["diagnostics"]]
    assert (named, "unvalidated") in found, found
