"""The publish workflow's `record` job notes a merged pull request's reports as validated only
on a run of the validate workflow itself (run from the base branch on pull_request_target).

A pull request can bring its own workflow with a job named `validate` (on: pull_request runs the
pull request's own files) that passes whatever it holds: a check run called `validate` that
succeeded is no evidence, and with it a report merged around the real check (red) was noted
green, so `validator check` on main no longer named it `unvalidated`.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from tests.git.test_trust import WEEKLY
from tests.support.gitrepo import GitRepo
from tests.support.workflows import load_workflow, run_step

W47 = "submissions/li-ming/weekly/2026-W47.yaml"

# the answers GitHub gives, after --jq: the merged pull request's head, then a forged check run
# named validate that passed, and $RUNS runs of validate.yml that passed
GH = """#!/bin/bash
for arg in "$@"; do
  case "$arg" in
    repos/*/pulls) echo "$HEAD_SHA"; exit 0 ;;
    repos/*/check-runs*) echo 1; exit 0 ;;
    repos/*/actions/workflows/validate.yml/runs*) echo "$RUNS"; exit 0 ;;
  esac
done
exit 1
"""


@pytest.mark.parametrize(("runs", "noted"), [("0", False), ("1", True)], ids=["forged", "real"])
def test_a_forged_validate_check_run_notes_nothing(
    git_repo: GitRepo, tmp_path: Path, runs: str, noted: bool
) -> None:
    origin = tmp_path / "origin.git"
    git_repo.git("init", "-q", "--bare", str(origin))
    git_repo.write("README.md", "reports\n")
    before = git_repo.commit("start", "2026-11-20T10:00:00+08:00")
    git_repo.git("checkout", "-q", "-b", "report")
    git_repo.write(W47, WEEKLY)
    head = git_repo.commit("weekly", "2026-11-22T10:00:00+08:00")
    git_repo.git("checkout", "-q", "main")
    git_repo.git("merge", "-q", "--no-ff", "-m", "merge", "report")
    after = git_repo.git("rev-parse", "HEAD").strip()
    git_repo.git("remote", "add", "origin", str(origin))
    git_repo.git("push", "-q", "origin", "main")
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "gh").write_text(GH, encoding="utf-8")
    (folder / "gh").chmod(0o755 | stat.S_IEXEC)
    record = load_workflow("publish.yml")["jobs"]["record"]
    step = next(s for s in record["steps"] if s.get("name", "").startswith("Note the reports"))
    context = {
        "github": {
            "event": {"before": before, "after": after},
            "event_name": "push",
            "repository": "acme/field-reports",
            "token": "t",
        }
    }
    bins = [str(folder), str(Path(sys.executable).parent), os.environ["PATH"]]
    env = {"HEAD_SHA": head, "RUNS": runs, "PATH": os.pathsep.join(bins)}
    rc, out, err, _ = run_step(
        {**step, "env": record["env"]}, git_repo.root, context, tmp_path, env
    )
    assert rc == 0, out + err
    refs = git_repo.git("--git-dir", str(origin), "for-each-ref", "refs/notes/")
    notes = refs and git_repo.git(
        "--git-dir", str(origin), "notes", "--ref=validator-green", "list"
    )
    assert bool(notes) == noted, notes
