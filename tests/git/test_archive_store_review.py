"""Review of the archive store (`validator/repo/archive_store.py`): `--no-cache` in every mode
of `validator check` reads the summaries as text and keeps nothing, and a message about an
archived entry points at the line that holds it, as before the store."""

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
from validator.repo import archive_store
from validator.repo.archive_summary import archived

NOW = "2026-03-10T12:00:00+08:00"
SUMMARY = "archive/2025.yaml"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo organisation with 2025 archived (the command's own summary and branch)."""
    dest = tmp_path_factory.mktemp("archive-store-review") / "demo"
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
    done = CliRunner().invoke(cli, args)
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def touched(repo: GitRepo) -> None:
    """The summary's time moves and its bytes stay: a run reads it anew, as the next command
    would."""
    path = repo.root / SUMMARY
    stamp = path.stat().st_mtime_ns + 1_000_000
    os.utime(path, ns=(stamp, stamp))


def kept(repo: GitRepo, suffix: str) -> Path:
    return repo.root / ".git" / "validator" / f"archive-2025.{suffix}"


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
