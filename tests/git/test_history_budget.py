"""The history walk validates earlier versions of a report within a byte budget.

A pull request of many commits, each rewriting its reports with a different blob near the size
limit, made the walk read and validate every version (about half a second each for a blob of
40,000 flow mappings): 500 commits of 200 files were hours of CI, and all the blobs were held in
memory at once. Versions over the budget count as not passing, which never makes a report
received earlier than it was; the smallest are validated first, so honest placeholders (a few
hundred bytes) are never crowded out by big ones.
"""

from __future__ import annotations

import pytest

from tests.git.test_trust import LI, WEEKLY, commit, run
from tests.support.gitrepo import GitRepo
from validator.reading.loader import LoadResult, load_text
from validator.repo import blob_check, history

W46 = "submissions/li-ming/weekly/2026-W46.yaml"
W47 = "submissions/li-ming/weekly/2026-W47.yaml"


def big(n: int) -> str:
    """About 100 KiB that costs the loader (many flow mappings) and fails the schema."""
    maps = ",".join(f"{{a: {n * 100_000 + i}}}" for i in range(10_000))
    return f"staff_id: li-ming\nperiod: 2026-W47\nx: [{maps}]\n"


def test_the_walk_validates_versions_within_a_byte_budget(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(blob_check, "BUDGET", 300_000, raising=False)
    loaded: list[int] = []

    def counted(text: str, relpath: str) -> LoadResult:
        loaded.append(len(text))
        return load_text(text, relpath)

    monkeypatch.setattr(blob_check, "load_text", counted)
    placeholder = "# 占位\n"
    repo.write(W46, placeholder)  # an honest placeholder, filled in later
    commit(repo, "placeholder", "2026-11-15T10:00:00+08:00")
    repo.write(W46, WEEKLY.replace("2026-W47", "2026-W46"))
    commit(repo, "filled", "2026-11-16T10:00:00+08:00")
    for n in range(8):
        repo.write(W47, big(n))
        commit(repo, f"big {n}", "2026-11-20T10:00:00+08:00", LI)
    repo.write(W47, WEEKLY)
    commit(repo, "weekly", "2026-11-21T10:00:00+08:00", LI)
    found = history.load_history(repo.root, use_cache=False)
    assert sum(loaded) <= 300_000, loaded
    # the placeholder was looked at (smallest first), not crowded out by the big versions
    assert len(placeholder) in loaded, loaded
    assert found.received_at(W46) is not None
    assert str(found.received_at(W47)) == "2026-11-21 02:00:00+00:00"


INCIDENT = "submissions/li-ming/incidents/2026-11-20-tianhe-media.yaml"


def test_a_pull_request_of_many_big_versions_is_too_large(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backdating guard reads each version of an incident (its deadline runs from its
    `occurred_at`): the pull request's versions are bounded in bytes, like its commits and
    files, before any of them is read."""
    from validator.checking import pr
    from validator.checking.pr import backdating

    monkeypatch.setattr(pr, "MAX_VERSION_BYTES", 300_000, raising=False)
    read: list[str] = []

    def noted(text: str, relpath: str) -> LoadResult:
        read.append(relpath)
        return load_text(text, relpath)

    monkeypatch.setattr(backdating, "load_text", noted)
    for n in range(4):
        repo.write(INCIDENT, big(n))
        commit(repo, f"incident {n}", "2026-11-20T10:00:00+08:00", LI)
    args = ["--base", "main", "--author", "liming-gz", "--event-time", "2026-11-27T01:00:00Z"]
    code, found, _ = run(repo, *args)
    assert code == 1 and (".", "too-large") in found, found
    assert read == []


def test_versions_of_an_honest_size_are_always_validated(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national company's history holds tens of thousands of earlier versions (a report fixed
    after review is one), more than any budget: a version counted as not passing makes an
    on-time report received at its fix, late. Versions of a report's size are always
    validated; only bigger ones share the budget."""
    monkeypatch.setattr(blob_check, "BUDGET", len(WEEKLY.encode()) + 10, raising=False)  # one
    monkeypatch.setattr(blob_check, "CHUNK", 400, raising=False)  # each read on its own
    weeks = ("2026-W44", "2026-W45", "2026-W46")
    for week in weeks:
        repo.write(f"submissions/li-ming/weekly/{week}.yaml", WEEKLY.replace("2026-W47", week))
    commit(repo, "three weeks, on time", "2026-11-16T10:00:00+08:00")
    for week in weeks:
        path = f"submissions/li-ming/weekly/{week}.yaml"
        repo.write(path, WEEKLY.replace("2026-W47", week).replace("本周", "这周"))
    commit(repo, "a reviewer's fix, later", "2026-11-25T10:00:00+08:00")
    found = history.load_history(repo.root, use_cache=False)
    received = {str(found.received_at(f"submissions/li-ming/weekly/{w}.yaml")) for w in weeks}
    assert received == {"2026-11-16 02:00:00+00:00"}, received
