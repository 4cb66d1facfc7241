"""Cheats against the GitHub validate workflow's push log, each run through the workflow's own
steps (tests/support/workflows.py) against a real repository.

A commit pushed after the deadline with `[skip ci]` is judged by the push that brought it, and
only the host's push log says when that was. A pull request whose log is missing, empty or of
another branch must not get the lenient reading (the opening time) for such a commit.
W47 is due Monday 2026-11-23 13:00 Beijing (05:00Z).
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from tests.git.test_trust import W47, WEEKLY, commit
from tests.support.gitrepo import GitRepo
from tests.support.workflows import load_workflow, pull_request_context, run_step, step
from validator.cli import cli

NOW = "2026-11-27T10:00:00+08:00"
OPENED = "2026-11-20T02:00:00Z"
PUSHED = "2026-11-23T07:00:00Z"  # 15:00 Beijing, after the deadline


def skip_ci_then_a_push(repo: GitRepo) -> tuple[str, str, str]:
    """The opening commit, a backdated W47 pushed with [skip ci] after the deadline, and an
    innocent last push that triggers the check."""
    repo.write("submissions/li-ming/weekly/README.md", "周报\n")
    opened = commit(repo, "start", "2026-11-20T10:00:00+08:00")
    repo.write(W47, WEEKLY)
    late = commit(repo, "weekly [skip ci]", "2026-11-23T12:00:00+08:00")
    repo.write("submissions/li-ming/weekly/README.md", "周报目录\n")
    last = commit(repo, "readme", "2026-11-23T15:00:00+08:00")
    repo.git("update-ref", "refs/remotes/origin/main", "main")
    return opened, late, last


def event(before: str, after: str, head_ref: str = "report") -> dict[str, Any]:
    return {
        "action": "synchronize",
        "before": before,
        "after": after,
        "number": 7,
        "pull_request": {
            "number": 7,
            "user": {"login": "liming-gz"},
            "created_at": OPENED,
            "updated_at": PUSHED,
            "base": {"ref": "main", "sha": "0" * 40},
            "head": {"ref": head_ref, "sha": after, "repo": {"full_name": "li/field-reports"}},
        },
        "repository": {"full_name": "acme/field-reports"},
    }


# the real gh applies --jq to each page: so does the fake
JQ = """for ((i = 1; i <= $#; i++)); do
  if [ "${!i}" = --jq ]; then j=$((i + 1)); jq -c "${!j}" "ANSWER"; fi
done
"""


def fake_gh(tmp: Path, activity: list[dict[str, Any]] | None) -> Path:
    """A `gh` that records its arguments and answers with `activity` (None: it fails)."""
    folder = tmp / "bin"
    folder.mkdir(exist_ok=True)
    answer = tmp / "activity.json"
    answer.write_text(json.dumps(activity or []), encoding="utf-8")
    script = folder / "gh"
    script.write_text(
        "#!/bin/bash\n"
        f'printf "%s\\n" "$@" > "{tmp}/gh-args"\n'
        + ("exit 1\n" if activity is None else JQ.replace("ANSWER", str(answer))),
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return folder


def validate(repo: GitRepo, tmp: Path, payload: dict[str, Any], gh: Path) -> tuple[int, str]:
    """The push-log step, then the check step of validate.yml, as the runner runs them."""
    workflow = load_workflow("validate.yml")
    fetch = next(
        s for s in workflow["jobs"]["validate"]["steps"]
        if s.get("name", "").startswith("Fetch the push log")
    )  # fmt: skip
    context = pull_request_context(payload)
    context["github"]["token"] = "t"
    env = {
        "RUNNER_TEMP": str(tmp),
        "VALIDATOR_NOW": NOW,
        "PATH": os.pathsep.join((str(gh), str(Path(sys.executable).parent), os.environ["PATH"])),
    }
    rc, out, err, _ = run_step(fetch, repo.root, context, tmp, env)
    assert rc == 0, out + err
    rc, out, err, _ = run_step(step(workflow, "validate", "check"), repo.root, context, tmp, env)
    assert rc in (0, 1), out + err
    return rc, out


def activity(before: str, after: str, at: str) -> dict[str, Any]:
    return {"before": before, "after": after, "timestamp": at, "actor": {"login": "liming-gz"}}


def test_a_push_log_github_does_not_give_leaves_no_opening_time(
    repo: GitRepo, tmp_path: Path
) -> None:
    """Without the log, the [skip ci] commit is judged by the event's time, not the opening."""
    _opened, late, last = skip_ci_then_a_push(repo)
    rc, out = validate(repo, tmp_path, event(late, last), fake_gh(tmp_path, None))
    assert rc == 1 and "backdated" in out, out


def test_an_empty_push_log_leaves_no_opening_time(repo: GitRepo, tmp_path: Path) -> None:
    """GitHub's answer for a branch without activity (or another branch) is an empty list."""
    _opened, late, last = skip_ci_then_a_push(repo)
    rc, out = validate(repo, tmp_path, event(late, last), fake_gh(tmp_path, []))
    assert rc == 1 and "backdated" in out, out


def test_a_push_log_that_does_not_name_the_head_is_not_used(repo: GitRepo, tmp_path: Path) -> None:
    """A log of the opening push only (stale, or of another branch) says nothing about later
    pushes: the commits it names nowhere are not taken as there at the opening."""
    opened, late, last = skip_ci_then_a_push(repo)
    log = [activity("0" * 40, opened, OPENED)]
    rc, out = validate(repo, tmp_path, event(late, last), fake_gh(tmp_path, log))
    assert rc == 1 and "backdated" in out, out


def test_the_branch_name_is_one_query_value(repo: GitRepo, tmp_path: Path) -> None:
    """A branch may be called `x&ref=refs/heads/early` or `x#`: pasted into the URL it would
    ask GitHub for the log of another branch."""
    opened, late, last = skip_ci_then_a_push(repo)
    name = "li-ming/w47&ref=refs/heads/early#x"
    log = [activity("0" * 40, opened, OPENED), activity(opened, last, PUSHED)]
    validate(repo, tmp_path, event(late, last, name), fake_gh(tmp_path, log))
    args = (tmp_path / "gh-args").read_text(encoding="utf-8").splitlines()
    assert f"ref=refs/heads/{name}" in args
    assert not [a for a in args if a.startswith("repos/") and name in a], args


def test_an_honest_push_log_still_clears_the_opening_commit(repo: GitRepo, tmp_path: Path) -> None:
    """The fix of the tests above keeps the log's use: an on-time report, then a late fix of
    another file, passes."""
    repo.write(W47, WEEKLY)
    first = commit(repo, "weekly", "2026-11-20T10:00:00+08:00")
    repo.write("submissions/li-ming/weekly/README.md", "周报\n")
    last = commit(repo, "readme", "2026-11-23T15:00:00+08:00")
    repo.git("update-ref", "refs/remotes/origin/main", "main")
    log = [activity("0" * 40, first, OPENED), activity(first, last, PUSHED)]
    rc, out = validate(repo, tmp_path, event(first, last), fake_gh(tmp_path, log))
    assert rc == 0, out


def test_a_bare_check_in_ci_without_a_push_log_takes_no_opening_time(
    repo: GitRepo, tmp_path: Path
) -> None:
    """`validator check` with no option reads the pull request from the event (ci_env): the
    push's own before..after do not make the commits outside it arrive at the opening."""
    _opened, late, last = skip_ci_then_a_push(repo)
    bare = {"run": "validator check --format github"}
    env = {"VALIDATOR_NOW": NOW}
    rc, out, err, _ = run_step(
        bare, repo.root, pull_request_context(event(late, last)), tmp_path, env
    )
    assert rc == 1 and "backdated" in out, out + err


def test_a_push_log_too_long_to_read_clears_nothing(repo: GitRepo, tmp_path: Path) -> None:
    """5,000 force pushes back and forth before the deadline (no new commit: the commit limit
    does not count them), then the backdated commit: cut to its earliest pushes, the log named
    that commit nowhere, and it counted from the opening. Such a log is refused (exit 2)."""
    opened, _late, last = skip_ci_then_a_push(repo)
    rows = [{"before": None, "after": opened, "pushed_at": OPENED, "pusher": "liming-gz"}]
    for n in range(5000):  # back and forth, a second apart, on Saturday
        at = f"2026-11-21T{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}Z"
        rows.append({"before": opened, "after": opened, "pushed_at": at, "pusher": "liming-gz"})
    rows.append({"before": opened, "after": last, "pushed_at": PUSHED, "pusher": "liming-gz"})
    log = tmp_path / "pushes.json"
    log.write_text(json.dumps(rows), encoding="utf-8")
    args = ["--base", "main", "--author", "liming-gz", "--event-time", PUSHED]
    args += ["--opened-at", OPENED, "--push-log", str(log)]
    result = CliRunner().invoke(cli, ["check", "--repo", str(repo.root), "--now", NOW, *args])
    assert result.exit_code == 2, result.output
    assert "--push-log: more than 5000 pushes" in result.output
