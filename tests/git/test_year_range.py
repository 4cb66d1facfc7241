"""A period or a date in a file outside the supported years (`validator.core.years`) used to crash
every command with a traceback (`year 10000 is out of range` working out the deadline of
`monthly/9999-12.yaml`); anyone can commit one from a pull request. Now the file gets a finding
(`unexpected-file` for its name, `schema` for a date in it) and every command still runs.

The corpus cases `unexpected-file-year-out-of-range`, `schema-year-out-of-range` and
`schema-org-posting-years` pin the findings; this runs each command on a real history.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.corpus import BASE, CASES
from tests.support.gitrepo import GitRepo
from validator.cli import cli

NOW = "2026-11-27T10:00:00+08:00"
VALID = CASES / "valid"
MONTHLY = (VALID / "monthly/submissions/li-ming/monthly/2026-10.yaml").read_text(encoding="utf-8")
EXPENSES = (VALID / "expenses/submissions/li-ming/expenses/2026-10.yaml").read_text(
    encoding="utf-8"
)
WEEKLY = (VALID / "weekly-minimal/submissions/li-ming/weekly/2026-W47.yaml").read_text(
    encoding="utf-8"
)
INCIDENT = (
    VALID / "incident/submissions/li-ming/incidents/2026-11-20-tianhe-media.yaml"
).read_text(encoding="utf-8")
HANDOVER = (VALID / "handover/submissions/li-ming/handover/2026-11-04.yaml").read_text(
    encoding="utf-8"
)
STAFF = (BASE / "org/staff.yaml").read_text(encoding="utf-8")
POSTING = "{regions: [guangzhou], from: 2025-03-01, to: null}"
OCCURRED = "occurred_at: 2026-11-20T14:30:00+08:00"

#: (the file, its text, the rule of its finding)
FILES = {
    "monthly-9999": (
        "submissions/li-ming/monthly/9999-12.yaml",
        MONTHLY.replace("2026-10", "9999-12", 1),
        "unexpected-file",
    ),
    "expenses-9999": (
        "submissions/li-ming/expenses/9999-12.yaml",
        EXPENSES.replace("2026-10", "9999-12", 1),
        "unexpected-file",
    ),
    "weekly-9999": (
        "submissions/li-ming/weekly/9999-W52.yaml",
        WEEKLY.replace("2026-W47", "9999-W52"),
        "unexpected-file",
    ),
    "weekly-0001": (
        "submissions/li-ming/weekly/0001-W01.yaml",
        WEEKLY.replace("2026-W47", "0001-W01"),
        "unexpected-file",
    ),
    "incident-9999": (
        "submissions/li-ming/incidents/9999-12-31-x.yaml",
        INCIDENT,
        "unexpected-file",
    ),
    "handover-9999": (
        "submissions/li-ming/handover/9999-12-31.yaml",
        HANDOVER.replace("2026-11-04", "9999-12-31"),
        "unexpected-file",
    ),
    "occurred-year-1": (
        "submissions/li-ming/incidents/2026-11-20-first.yaml",
        INCIDENT.replace(OCCURRED, "occurred_at: 0001-01-01T00:00:00+08:00"),
        "schema",
    ),
    "occurred-year-9999": (
        "submissions/li-ming/incidents/2026-11-20-last.yaml",
        INCIDENT.replace(OCCURRED, "occurred_at: 9999-12-31T23:00:00-12:00"),
        "schema",
    ),
    "posting-years": (
        "org/staff.yaml",
        STAFF.replace(POSTING, "{regions: [guangzhou], from: 0001-01-01, to: 9999-12-31}", 1),
        "schema",
    ),
}
COMMANDS = {
    "check": ["check", "--format", "json", "--no-cache"],
    "status": ["status"],
    "pages": ["pages", "--out", "{out}"],
    "remind": ["remind", "--dry-run"],
    "digest": ["digest", "--dry-run"],
    "doctor": ["doctor"],
}


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    shutil.copytree(BASE / "org", git_repo.root / "org")
    git_repo.commit("org data", "2026-01-05T09:00:00+08:00")
    return git_repo


def run(repo: GitRepo, args: list[str], out: Path) -> tuple[int, str]:
    args = [arg.replace("{out}", str(out)) for arg in args]
    result = CliRunner().invoke(
        cli,
        [*args, "--repo", str(repo.root), "--now", NOW],
        env={"GITHUB_ACTIONS": "", "VALIDATOR_NOW": "", "VALIDATOR_REPO": ""},
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.output,
        result.exc_info,
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", FILES)
def test_a_year_out_of_range_is_a_finding_for_every_command(
    repo: GitRepo, tmp_path: Path, case: str, command: str
) -> None:
    path, text, rule = FILES[case]
    repo.write(path, text)
    repo.commit("报告", "2026-11-21T09:00:00+08:00")
    code, output = run(repo, COMMANDS[command], tmp_path / "pages")
    if command == "check":
        assert code == 1, output
        found = {(d["path"], d["rule"]) for d in json.loads(output)["diagnostics"]}
        assert (path, rule) in found, found
