"""CODEOWNERS is generated from the roster, committed, and checked for staleness."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support import ROOT
from tests.support.roster import ZHAO_LEI, member, staff_yaml
from validator.cli import cli

STAFF = staff_yaml(
    ZHAO_LEI,
    member("li-ming", "李明", "account_manager", "liming-gz"),
    member("wang-fang", "王芳", "technician", "wangfang"),
    member("sun-hr", "孙华", "channel_assistant", "sunhua", email="sun.hua@example.com",
           role="reviewer"),
)  # fmt: skip
HEADER = (
    "# 由 `validator codeowners` 根据 org/staff.yaml 生成,请勿手工修改;\n"
    "# 修改名单后运行 validator codeowners > .github/CODEOWNERS。\n"
    "# Generated from org/staff.yaml by `validator codeowners`; do not edit by hand.\n"
    "# Reviewers own everything; submissions/<id>/ is owned by that member's channel_engineer\n"
    "# (all reviewers when none is set), never by the member.\n"
)
EXPECTED = HEADER + (
    "* @Zhao-Reviewer @sunhua\n"
    "/submissions/li-ming/ @Zhao-Reviewer @sunhua\n"
    "/submissions/wang-fang/ @Zhao-Reviewer @sunhua\n"
)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def check_json(repo: Path) -> tuple[int, list[tuple[str, int | None, str, str]]]:
    code, out = run("check", "--repo", str(repo), "--format", "json", "--lang", "en")
    found = json.loads(out)["diagnostics"]
    return code, [(d["path"], d["line"], d["rule"], d["message"]) for d in found]


@pytest.fixture
def org_repo(tmp_path: Path) -> Path:
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "staff.yaml").write_text(STAFF, encoding="utf-8")
    return tmp_path


def test_committed_codeowners_is_not_stale() -> None:
    code, out = run("codeowners", "--repo", str(ROOT))
    assert code == 0
    assert out == (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert out == HEADER  # the product's own roster is empty


def test_reviewers_own_everything_and_staff_their_folder(org_repo: Path) -> None:
    assert run("codeowners", "--repo", str(org_repo)) == (0, EXPECTED)


def test_generated_file_passes_and_roster_change_makes_it_stale(org_repo: Path) -> None:
    (org_repo / ".github").mkdir()
    (org_repo / ".github" / "CODEOWNERS").write_text(EXPECTED, encoding="utf-8")
    assert check_json(org_repo) == (0, [])
    grown = STAFF + (
        "  - id: chen-jie\n    name: 陈杰\n    category: technician\n"
        "    email: chen.jie@example.com\n    github: chenjie\n"
    )
    (org_repo / "org" / "staff.yaml").write_text(grown, encoding="utf-8")
    assert check_json(org_repo) == (
        1,
        [
            (
                "org/staff.yaml",
                1,
                "codeowners-stale",
                ".github/CODEOWNERS does not match org/staff.yaml; run "
                "validator codeowners > .github/CODEOWNERS",
            )
        ],
    )


def test_crlf_checkout_is_not_stale(org_repo: Path) -> None:
    (org_repo / ".github").mkdir()
    (org_repo / ".github" / "CODEOWNERS").write_bytes(EXPECTED.replace("\n", "\r\n").encode())
    assert check_json(org_repo) == (0, [])


def test_missing_codeowners_with_a_roster(org_repo: Path) -> None:
    assert check_json(org_repo) == (0, [])  # plain data, not set up for a Git host
    (org_repo / ".github" / "workflows").mkdir(parents=True)
    assert check_json(org_repo) == (
        1,
        [
            (
                "org/staff.yaml",
                1,
                "codeowners-stale",
                ".github/CODEOWNERS is missing; run validator codeowners > .github/CODEOWNERS",
            )
        ],
    )


def test_no_roster_and_no_codeowners_is_fine(tmp_path: Path) -> None:
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "staff.yaml").write_text("staff: []\n", encoding="utf-8")
    assert check_json(tmp_path) == (0, [])


def test_broken_roster_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "staff.yaml").write_text("staff: [{id: 1}]\n", encoding="utf-8")
    assert run("codeowners", "--repo", str(tmp_path)) == (
        2,
        "错误 / error: org/staff.yaml has errors; run `validator check org/staff.yaml`\n",
    )


def test_a_duplicate_id_in_the_roster_is_a_usage_error(org_repo: Path) -> None:
    """Two people under one id would both own one folder, and one of them none of their own."""
    staff = org_repo / "org/staff.yaml"
    text = staff.read_text(encoding="utf-8")
    ids = re.findall(r"id: ([a-z-]+)", text)
    staff.write_text(text.replace(f"id: {ids[1]}", f"id: {ids[0]}", 1), encoding="utf-8")
    code, out = run("codeowners", "--repo", str(org_repo))
    assert code == 2
    assert ids[0] in out and "Traceback" not in out
