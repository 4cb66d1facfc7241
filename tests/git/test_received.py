"""Issue 13 items 3, 7 and 8: when a report counts as received, and files that used to pass
unseen. received_at is the author date of the first commit in which the file holds a report that
passes the schema, counting from the path's latest addition (docs/guide/submit.md#received)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from tests.support.corpus import BASE, CASES
from tests.support.gitrepo import GitRepo
from validator.checking.check import check
from validator.repo.history import load_history

WEEKLY = (CASES / "valid/weekly-minimal/submissions/li-ming/weekly/2026-W47.yaml").read_text(
    encoding="utf-8"
)
PATH = "submissions/li-ming/weekly/2026-W47.yaml"
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
BEFORE = "2026-11-22T20:00:00+08:00"  # Sunday: before the Monday 13:00 deadline
AFTER = "2026-11-24T09:00:00+08:00"  # Tuesday: late


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.commit("org data", "2026-01-05T09:00:00+08:00")
    return git_repo


def rules(repo: GitRepo, paths: list[str] | None = None) -> list[tuple[str, str]]:
    result = check(repo.root, paths, NOW, use_cache=False)
    return [(d.path, d.rule) for d in result.diagnostics]


def received(repo: GitRepo, *, use_cache: bool = False) -> dt.datetime | None:
    return load_history(repo.root, use_cache=use_cache).received_at(PATH)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.mark.parametrize("placeholder", ["", "staff: li-ming\n", "待补\n"])
def test_a_placeholder_filled_in_later_is_received_when_filled(
    repo: GitRepo, placeholder: str
) -> None:
    repo.write(PATH, placeholder)
    repo.commit("placeholder", BEFORE)
    repo.write(PATH, WEEKLY)
    repo.commit("fill in", AFTER)
    assert received(repo) == at(AFTER)
    assert (PATH, "late") in rules(repo)
    assert (PATH, "late") in rules(repo, [PATH])  # the pathspec walk agrees


def test_a_submodule_placeholder_is_received_when_it_becomes_a_report(repo: GitRepo) -> None:
    head = repo.git("rev-parse", "HEAD").strip()
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{head},{PATH}")
    repo.git("commit", "-q", "-m", "gitlink", date=BEFORE)
    repo.git("rm", "-q", "--cached", PATH)
    repo.write(PATH, WEEKLY)
    repo.commit("fill in", AFTER)
    assert received(repo) == at(AFTER)


def test_a_valid_report_edited_later_keeps_its_first_date(repo: GitRepo) -> None:
    repo.write(PATH, WEEKLY)
    repo.commit("weekly", BEFORE)
    repo.write(PATH, WEEKLY.replace("plan:", "late_reason: 无\nplan:"))
    repo.commit("edit", AFTER)
    assert received(repo) == at(BEFORE)


def test_placeholder_across_a_cached_commit(repo: GitRepo) -> None:
    """The cache answers for an ancestor; the fill-in after it still moves the date."""
    repo.write(PATH, "")
    repo.commit("placeholder", BEFORE)
    assert received(repo, use_cache=True) == at(BEFORE)  # cached at this commit
    repo.write(PATH, WEEKLY)
    repo.commit("fill in", AFTER)
    assert received(repo, use_cache=True) == at(AFTER)
    assert received(repo, use_cache=True) == at(AFTER)  # and from the cache itself


def test_a_report_deleted_and_added_again_is_received_at_the_new_addition(
    repo: GitRepo,
) -> None:
    repo.write(PATH, WEEKLY)
    repo.commit("weekly", BEFORE)
    assert received(repo, use_cache=True) == at(BEFORE)
    repo.git("rm", "-q", PATH)
    repo.commit("reviewer removes it", "2026-11-23T10:00:00+08:00")
    repo.write(PATH, WEEKLY)
    repo.commit("added again", AFTER)
    assert received(repo) == at(AFTER)
    assert received(repo, use_cache=True) == at(AFTER)
    assert (PATH, "late") in rules(repo)


def test_hidden_folders_submodules_and_odd_names_in_ones_own_folder(repo: GitRepo) -> None:
    repo.write("submissions/li-ming/.drafts/2026-W47.yaml", WEEKLY)
    repo.write("submissions/li-ming/weekly/.hidden/x.yaml", WEEKLY)
    repo.write(b"submissions/li-ming/weekly/\xff.yaml".decode("utf-8", "surrogateescape"), "x\n")
    head = repo.git("rev-parse", "HEAD").strip()
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{head},submissions/li-ming/sub")
    repo.commit("odd things", BEFORE)
    (repo.root / "submissions/li-ming/sub").mkdir(exist_ok=True)  # as a checkout leaves it
    found = {path for path, rule in rules(repo) if rule == "unexpected-file"}
    assert found == {
        "submissions/li-ming/.drafts",
        "submissions/li-ming/weekly/.hidden",
        "submissions/li-ming/weekly/\ufffd.yaml",
        "submissions/li-ming/sub",
    }


def test_an_earlier_dated_broken_version_does_not_hide_the_first_valid_one_from_the_cache(
    repo: GitRepo,
) -> None:
    """A valid report, then a broken version with an earlier author date, then the report
    again: received when the first valid version was. The cache kept at the broken version
    held only that version (it counts as received while current) and lost the valid one."""
    repo.write(PATH, WEEKLY)
    repo.commit("weekly", BEFORE)
    repo.write(PATH, "bad: [\n")
    repo.commit("broken, dated earlier", "2024-01-01T10:00:00+08:00")
    assert received(repo, use_cache=True) == at("2024-01-01T10:00:00+08:00")  # and kept
    repo.write(PATH, WEEKLY)
    repo.commit("repaired", AFTER)
    assert received(repo) == at(BEFORE)
    assert received(repo, use_cache=True) == at(BEFORE)
    assert received(repo, use_cache=True) == at(BEFORE)  # and from the cache itself


def test_an_earlier_dated_version_after_a_cached_valid_one_counts_as_with_no_cache(
    repo: GitRepo,
) -> None:
    """The current version counts as received (its own errors say if it is broken): one dated
    before a cached valid version is the received time, as a walk without the cache says."""
    repo.write(PATH, WEEKLY)
    repo.commit("weekly", BEFORE)
    repo.write(PATH, WEEKLY.replace("plan:", "late_reason: 无\nplan:"))
    repo.commit("edit", "2026-11-22T21:00:00+08:00")
    assert received(repo, use_cache=True) == at(BEFORE)  # kept as valid
    repo.write(PATH, "bad: [\n")
    repo.commit("broken, dated earlier", "2024-01-01T10:00:00+08:00")
    assert received(repo) == at("2024-01-01T10:00:00+08:00")
    assert received(repo, use_cache=True) == at("2024-01-01T10:00:00+08:00")
    repo.write(PATH, WEEKLY)
    repo.commit("repaired", AFTER)
    assert received(repo, use_cache=True) == received(repo) == at(BEFORE)


def test_a_report_added_in_a_merge_is_received_when_merged(repo: GitRepo) -> None:
    """A merge's own changes (a file neither parent has, a conflict resolved by hand) are
    commits' changes like any other: without them, a report added while merging had no
    received time and was judged by the clock of each run."""
    repo.git("checkout", "-q", "-b", "side")
    repo.write("submissions/li-ming/README.md", "周报\n")
    repo.commit("side", "2026-11-20T10:00:00+08:00")
    repo.git("checkout", "-q", "main")
    repo.write("submissions/wang-fang/README.md", "周报\n")
    repo.commit("main", "2026-11-21T10:00:00+08:00")
    repo.git("merge", "-q", "--no-commit", "side")
    repo.write(PATH, WEEKLY)
    repo.commit("merge side, adding a report", BEFORE)
    assert received(repo) == at(BEFORE)
    assert (PATH, "late") not in rules(repo)
    assert received(repo, use_cache=True) == at(BEFORE)
    assert load_history(repo.root, use_cache=False, paths=[PATH]).received_at(PATH) == at(BEFORE)


def test_a_merge_without_changes_of_its_own_leaves_the_dates_alone(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "side")
    repo.write(PATH, WEEKLY)
    repo.commit("weekly", BEFORE)
    repo.git("checkout", "-q", "main")
    repo.write("submissions/wang-fang/README.md", "周报\n")
    repo.commit("main", "2026-11-21T10:00:00+08:00")
    repo.git("merge", "-q", "--no-edit", "side", date=AFTER)
    assert received(repo) == at(BEFORE)
