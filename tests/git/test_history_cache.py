"""The received-time cache: answers per commit, read incrementally from a cached ancestor.

A later HEAD reads only the commits since a cached ancestor and must give what a full walk gives,
including a report first added on a side branch with an earlier date. To prove that an answer
came from the cache (and not from a silent full walk), some tests plant a marker date in it.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from tests.support.corpus import CASES
from tests.support.gitrepo import GitRepo
from validator.repo import blob_check
from validator.repo.git import repository
from validator.repo.history import load_history, start_history
from validator.repo.history_cache import KEEP as CACHE_KEEP
from validator.repo.history_cache import VERSION as CACHE_VERSION
from validator.repo.history_cache import code

A = "submissions/li-ming/weekly/2026-W45.yaml"
B = "submissions/li-ming/weekly/2026-W46.yaml"
C = "submissions/wang-fang/weekly/2026-W46.yaml"
D = "submissions/wang-fang/weekly/2026-W47.yaml"
MARKER = 1_000_000_000  # 2001-09-09: no commit here has that date


def utc(ts: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, dt.UTC)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def cache_files(repo: GitRepo) -> list[Path]:
    return sorted((repo.root / ".git/validator").glob("received-*.json"))


def plant(repo: GitRepo, commit: str, path: str) -> None:
    """Overwrite the cached date of `path` at `commit` with the marker."""
    file = repo.root / ".git/validator" / f"received-{commit}.json"
    stored = json.loads(file.read_text("utf-8"))
    stored["received"][path][0] = MARKER  # [date, blob]
    file.write_text(json.dumps(stored), "utf-8")


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.write(A, "a: 1\n")
    git_repo.commit("A", "2026-11-09T09:00:00+08:00")
    return git_repo


def test_later_head_reads_on_from_the_cached_ancestor(repo: GitRepo) -> None:
    first = repo.git("rev-parse", "HEAD").strip()
    load_history(repo.root)  # caches the answer at `first`
    plant(repo, first, A)
    repo.write(B, "b: 1\n")
    repo.commit("B", "2026-11-16T09:00:00+08:00")
    received = load_history(repo.root).received
    assert received[A] == utc(MARKER)  # from the cache: git read only the new commit
    assert received[B] == at("2026-11-16T09:00:00+08:00")
    full = load_history(repo.root, use_cache=False).received
    assert full[A] == at("2026-11-09T09:00:00+08:00") and full[B] == received[B]


def test_incremental_answer_equals_a_full_walk_across_merges(repo: GitRepo) -> None:
    load_history(repo.root)
    repo.git("checkout", "-q", "-b", "side")
    repo.write(C, "c: 1\n")
    repo.commit("C early on a side branch", "2026-11-16T08:00:00+08:00")
    repo.git("checkout", "-q", "main")
    repo.write(C, "c: 1\n")
    repo.write(B, "b: 1\n")
    repo.commit("C again, later, and B", "2026-11-17T09:00:00+08:00")
    repo.git("merge", "-q", "--no-edit", "side", date="2026-11-18T09:00:00+08:00")
    incremental = load_history(repo.root).received
    assert incremental == load_history(repo.root, use_cache=False).received
    assert incremental[C] == at("2026-11-16T08:00:00+08:00")  # the earliest add, any parent
    # one named path: git's pathspec walk would follow only the first parent of a merge that
    # leaves the file as both parents had it, and miss the earlier add on the side branch
    named = load_history(repo.root, paths=[C], use_cache=False).received
    assert named == {C: at("2026-11-16T08:00:00+08:00")}


def test_named_paths_use_the_cache_too(repo: GitRepo) -> None:
    """A pull request's few paths: cached dates for the base's history, git for the rest."""
    first = repo.git("rev-parse", "HEAD").strip()
    load_history(repo.root)
    plant(repo, first, A)
    repo.write(B, "b: 1\n")
    repo.commit("B", "2026-11-16T09:00:00+08:00")
    received = load_history(repo.root, paths=[A, B, C]).received
    assert received == {A: utc(MARKER), B: at("2026-11-16T09:00:00+08:00")}
    assert load_history(repo.root, paths=[A], use_cache=False).received == {
        A: at("2026-11-09T09:00:00+08:00")
    }


def test_a_cache_that_is_not_an_ancestor_is_not_used(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "other")
    repo.write(B, "b: 1\n")
    other = repo.commit("B on another branch", "2026-11-16T09:00:00+08:00")
    load_history(repo.root)
    plant(repo, other, A)
    repo.git("checkout", "-q", "main")
    received = load_history(repo.root).received
    assert received == {A: at("2026-11-09T09:00:00+08:00")}


def test_damaged_cache_files_are_ignored(repo: GitRepo) -> None:
    load_history(repo.root)
    [file] = cache_files(repo)
    for damage in ("not json", '{"version": 1, "received": []}', '{"version": 99}'):
        file.write_text(damage, "utf-8")
        assert load_history(repo.root).received == {A: at("2026-11-09T09:00:00+08:00")}


def _shaped(received: object, passed: object = None) -> str:
    passed = {} if passed is None else passed
    shape = {"version": CACHE_VERSION, "code": code(), "received": received, "passed": passed}
    return json.dumps(shape)


DAMAGE = {
    "a list": "[]",
    "null": "null",
    "a string": '"x"',
    "a number": "1",
    "deep": "[" * 100_000,
    "received a list": _shaped([]),
    "passed a list": _shaped({A: [1_800_000_000, ""]}, []),
    "no passed": json.dumps(
        {"version": CACHE_VERSION, "code": code(), "received": {A: [1_800_000_000, ""]}}
    ),
    "infinite": _shaped({A: [1e400, ""]}),
    "past year 9999": _shaped({A: [10**20, ""]}),
    "before year 1": _shaped({A: [-99999999999999, ""]}),
    "a fraction": _shaped({A: [1.5, ""]}),
    "a whole float": _shaped({A: [1e9, ""]}),
    "true": _shaped({A: [True, ""]}),
    "a date as text": _shaped({A: ["1000000000", ""]}),
    "a blob as a number": _shaped({A: [1_000_000_000, 7]}),
    "a blob not hex": _shaped({A: [1_000_000_000, "../../x"]}),
    "one field": _shaped({A: [1_000_000_000]}),
    "three fields": _shaped({A: [1_000_000_000, "", 1]}),
    "a date alone": _shaped({A: 1_000_000_000}),
    "a short blob": _shaped({A: [1_000_000_000, "abcdef"]}),
    "passed a fraction": _shaped({A: [1_000_000_000, "a" * 40]}, {A: 1.5}),
    "passed past year 9999": _shaped({A: [1_000_000_000, "a" * 40]}, {A: 10**20}),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_cache_file_of_any_other_shape_is_as_good_as_none(repo: GitRepo, damage: str) -> None:
    """Values are checked, not converted: a fraction or a date as text would change a verdict,
    one a datetime cannot hold would end the check with a traceback."""
    head = repo.git("rev-parse", "HEAD").strip()
    folder = repo.root / ".git/validator"
    folder.mkdir()
    (folder / f"received-{head}.json").write_text(damage, "utf-8")
    assert load_history(repo.root).received == {A: at("2026-11-09T09:00:00+08:00")}


@pytest.mark.parametrize(
    "blob", ["", "160000", "a" * 40, "b" * 64], ids=["settled", "gitlink", "sha1", "sha256"]
)
def test_a_cache_file_of_the_stored_shape_is_used(repo: GitRepo, blob: str) -> None:
    head = repo.git("rev-parse", "HEAD").strip()
    folder = repo.root / ".git/validator"
    folder.mkdir()
    (folder / f"received-{head}.json").write_text(_shaped({A: [MARKER, blob]}), "utf-8")
    assert load_history(repo.root).received == {A: utc(MARKER)}


def test_only_the_newest_answers_are_kept(repo: GitRepo) -> None:
    for week in range(CACHE_KEEP + 2):
        repo.write(f"submissions/li-ming/weekly/2026-W{30 + week}.yaml", "a: 1\n")
        repo.commit("week", f"2026-08-{10 + week}T09:00:00+08:00")
        load_history(repo.root)
    head = repo.git("rev-parse", "HEAD").strip()
    files = cache_files(repo)
    assert len(files) == CACHE_KEEP
    assert f"received-{head}.json" in {f.name for f in files}


def test_no_cache_neither_reads_nor_writes(repo: GitRepo) -> None:
    load_history(repo.root, use_cache=False)
    assert cache_files(repo) == []


def test_many_named_paths_read_the_whole_history_and_keep_it(repo: GitRepo) -> None:
    """One or two paths: git reads only their history (nothing to keep). More: the whole
    history is read, faster than a pathspec, answered for the paths asked and kept."""
    repo.write(B, "b: 1\n")
    repo.commit("B", "2026-11-16T09:00:00+08:00")
    assert load_history(repo.root, paths=[A, B]).received == {
        A: at("2026-11-09T09:00:00+08:00"),
        B: at("2026-11-16T09:00:00+08:00"),
    }
    assert cache_files(repo) == []
    assert load_history(repo.root, paths=[A, B, C]).received == {
        A: at("2026-11-09T09:00:00+08:00"),
        B: at("2026-11-16T09:00:00+08:00"),
    }
    assert len(cache_files(repo)) == 1
    assert load_history(repo.root, paths=[B]).received == {B: at("2026-11-16T09:00:00+08:00")}


def test_repository_facts_from_one_git_call(tmp_path: Path) -> None:
    """Outside git, inside `.git`, before the first commit and after it."""
    assert repository(tmp_path) is None
    repo = GitRepo.init(tmp_path / "repo")
    assert repository(repo.root) == ((repo.root / ".git").resolve(), None)
    assert repository(repo.root / ".git") is None  # not a work tree
    history = load_history(repo.root)
    assert (history.head, history.received) == (None, {})
    head = repo.commit("first", "2026-11-09T09:00:00+08:00")
    assert repository(repo.root) == ((repo.root / ".git").resolve(), head)


def test_a_walk_split_over_two_processes_equals_one_walk(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17: a long history is diffed by two `git log` processes (one per core); across a
    merge, a deletion and re-addition and a placeholder filled in later, the answer is the
    same as one walk's."""
    import validator.repo.history as history

    repo.git("checkout", "-q", "-b", "side")
    repo.write(C, "c: 1\n")
    repo.commit("C early on a side branch", "2026-11-16T08:00:00+08:00")
    repo.git("checkout", "-q", "main")
    repo.write(B, "")  # a placeholder, filled in later
    repo.commit("B placeholder", "2026-11-16T09:00:00+08:00")
    repo.write(B, "b: 1\n")
    repo.commit("B filled", "2026-11-17T09:00:00+08:00")
    repo.git("rm", "-q", A)
    repo.commit("A deleted", "2026-11-18T09:00:00+08:00")
    repo.write(A, "a: 2\n")
    repo.commit("A added again", "2026-11-19T09:00:00+08:00")
    repo.git("merge", "-q", "--no-edit", "side", date="2026-11-20T09:00:00+08:00")
    repo.git("checkout", "-q", "side")
    repo.write("submissions/wang-fang/README.md", "周报\n")
    repo.commit("more on the side branch", "2026-11-20T10:00:00+08:00")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-commit", "side")
    repo.write(D, "d: 1\n")  # added by the merge itself
    repo.commit("merge side, adding D", "2026-11-21T09:00:00+08:00")
    one = load_history(repo.root, use_cache=False).received
    monkeypatch.setattr(history, "SPLIT_AT", 2)
    monkeypatch.setattr(history, "SPLIT_PEOPLE", 1)
    pending = history.start_history(repo.root, use_cache=False)
    pending.launch()  # once git has counted the commits
    assert len(pending.parts) == 2  # really split
    assert pending.result().received == one
    assert one[A] == at("2026-11-19T09:00:00+08:00")
    assert one[C] == at("2026-11-16T08:00:00+08:00")
    assert one[D] == at("2026-11-21T09:00:00+08:00")


def test_a_pull_requests_added_reports_need_only_its_own_commits(git_repo: GitRepo) -> None:
    """Reports absent at the merge base are received inside `base..HEAD`: without a cache, the
    walk reads only those commits (a report of main is not in that answer at all), and the
    answer for the added report equals the whole history's."""
    git_repo.write("submissions/li-ming/weekly/2026-W46.yaml", "staff: li-ming\n")
    base = git_repo.commit("main's report", "2026-11-16T10:00:00+08:00")
    git_repo.write("submissions/li-ming/weekly/2026-W47.yaml", "staff: li-ming\n")
    git_repo.commit("the pull request's report", "2026-11-23T10:00:00+08:00")
    both = ["submissions/li-ming/weekly/2026-W46.yaml", "submissions/li-ming/weekly/2026-W47.yaml"]
    short = start_history(git_repo.root, use_cache=False, paths=both, since=base).result()
    whole = start_history(git_repo.root, use_cache=False, paths=both).result()
    assert set(short.received) == {both[1]}
    assert short.received[both[1]] == whole.received[both[1]]
    assert set(whole.received) == set(both)


def test_a_walk_closed_before_it_started_gives_no_answer(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole walk of a repository of many people starts once git has counted its commits; a
    history given up before then has no answer (it was an empty one, and would have been
    cached as such)."""
    from validator.core.errors import RepositoryError
    from validator.repo import history

    monkeypatch.setattr(history, "SPLIT_PEOPLE", 1)
    pending = start_history(repo.root, use_cache=False)
    assert pending.parts == []  # still counting
    pending.close()
    with pytest.raises(RepositoryError):
        pending.result()


def test_a_repository_of_few_people_is_walked_at_once_in_one_piece(repo: GitRepo) -> None:
    """Counting the commits pays only where the walk may be split: with few people the walk
    is shorter than the reports' own work, so it starts at once, without `git rev-list`."""
    pending = start_history(repo.root, use_cache=False)
    try:
        assert pending.counting is None and len(pending.parts) == 1
    finally:
        pending.close()
    assert load_history(repo.root, use_cache=False).received


@pytest.mark.parametrize("worktree", [False, True], ids=["clone", "linked-worktree"])
def test_a_shallow_clones_history_is_not_kept(
    repo: GitRepo, tmp_path: Path, worktree: bool
) -> None:
    """A shallow clone's walk stops at its cut, where every report seems added: kept, those dates
    outlived `git fetch --unshallow` (what `validator doctor` advises), so the fix did nothing."""
    repo.write(B, "b: 1\n")
    repo.commit("B", "2026-11-16T09:00:00+08:00")
    shallow = GitRepo(tmp_path / "shallow")
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.root}", str(shallow.root))
    work = shallow
    if worktree:
        work = GitRepo(tmp_path / "worktree")
        shallow.git("worktree", "add", "-q", "--detach", str(work.root))
    assert load_history(work.root).received[A] == at("2026-11-16T09:00:00+08:00")  # the cut
    shallow.git("fetch", "-q", "--unshallow")
    assert load_history(work.root).received == {
        A: at("2026-11-09T09:00:00+08:00"),
        B: at("2026-11-16T09:00:00+08:00"),
    }


@pytest.mark.parametrize("code", [None, "0" * 20], ids=["an older release", "other code"])
def test_an_answer_kept_by_other_code_is_not_used(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch, code: str | None
) -> None:
    """Which earlier version of a report passes the schema is the code's judgement: an answer
    kept by another validator (here one whose schema let the placeholder pass) must not outlive
    an upgrade, nor be carried on by every later answer read on from it."""
    path = "submissions/li-ming/weekly/2026-W47.yaml"
    weekly = CASES / "valid/weekly-minimal" / path
    repo.write(path, "staff: li-ming\n")  # a placeholder, dated before the deadline
    repo.commit("placeholder", "2026-11-22T20:00:00+08:00")
    repo.write(path, weekly.read_text("utf-8"))
    repo.commit("fill in", "2026-11-24T09:00:00+08:00")
    with monkeypatch.context() as old:
        old.setattr(blob_check, "valid_blobs", lambda root, wanted: set(wanted))
        assert load_history(repo.root).received[path] == at("2026-11-22T20:00:00+08:00")
    [file] = cache_files(repo)
    stored = json.loads(file.read_text("utf-8"))
    if code is None:
        stored.pop("code", None)
    else:
        stored["code"] = code
    file.write_text(json.dumps(stored), "utf-8")
    repo.write(B, "b: 1\n")
    repo.commit("B", "2026-11-25T09:00:00+08:00")
    assert load_history(repo.root).received == load_history(repo.root, use_cache=False).received
    assert load_history(repo.root).received[path] == at("2026-11-24T09:00:00+08:00")


def test_a_replace_ref_does_not_move_a_received_date_nor_stay_in_the_cache(repo: GitRepo) -> None:
    """Anyone who can push can push `refs/replace/<commit>`: a copy of a late commit with an
    early author date, which git shows in place of the original wherever the ref was fetched
    (a mirror clone, `git fetch origin 'refs/*:refs/*'`). The walk reads the commits as they
    are, and so does the cache it keeps."""
    repo.write(B, "b: 1\n")
    late = repo.commit("B, late", "2026-11-24T09:00:00+08:00")
    original = repo.git("cat-file", "commit", late)
    when = int(at("2026-11-16T09:00:00+08:00").timestamp())
    early = "\n".join(
        f"author Test <test@example.com> {when} +0800" if line.startswith("author ") else line
        for line in original.split("\n")
    )
    forged = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin"],
        cwd=repo.root, input=early, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    repo.git("replace", late, forged)
    assert load_history(repo.root).received[B] == at("2026-11-24T09:00:00+08:00")
    repo.git("replace", "-d", late)
    assert load_history(repo.root).received[B] == at("2026-11-24T09:00:00+08:00")
