"""`validator check` as users and CI call it: exact output, formats and exit codes (docs/cli.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.corpus import CASES, materialise
from validator.cli import cli

NOW = "2026-11-22T10:00:00+08:00"
GOOD = "submissions/li-ming/weekly/2026-W47.yaml"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    materialise(CASES / "valid/weekly-minimal", tmp_path)
    return tmp_path


def broken(repo: Path) -> Path:
    path = repo / GOOD
    path.write_text(
        path.read_text(encoding="utf-8").replace("summary:", "sumary:"), encoding="utf-8"
    )
    return path


def invoke(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    base = {
        "GITHUB_ACTIONS": "",
        "GITHUB_STEP_SUMMARY": "",
        "VALIDATOR_NOW": "",
        "VALIDATOR_REPO": "",
    }
    result = runner.invoke(cli, list(args), env={**base, **(env or {})}, catch_exceptions=False)
    return result.exit_code, result.output


def test_clean_repository_exits_0(runner: CliRunner, repo: Path) -> None:
    code, out = invoke(runner, "check", "--repo", str(repo), "--now", NOW)
    assert (code, out) == (0, "检查了 6 个文件:0 个错误,0 个警告\n")


def test_text_format_points_at_line_and_column(runner: CliRunner, repo: Path) -> None:
    broken(repo)
    code, out = invoke(runner, "check", "--repo", str(repo), "--now", NOW)
    assert code == 1
    assert out == (
        f"{GOOD}:1:1: 错误 [schema] 缺少必填字段 “summary”。\n"
        f"{GOOD}:3:1: 错误 [schema] 未知字段 “sumary”,是否想写 “summary”?\n"
        "检查了 6 个文件:2 个错误,0 个警告\n"
    )


def test_english_messages(runner: CliRunner, repo: Path) -> None:
    broken(repo)
    code, out = invoke(runner, "check", "--repo", str(repo), "--now", NOW, "--lang", "en")
    assert code == 1
    assert f"{GOOD}:3:1: error [schema] unknown field 'sumary'; did you mean 'summary'?" in out
    assert out.endswith("checked 6 file(s): 2 error(s), 0 warning(s)\n")


def test_json_format_is_the_pinned_shape(runner: CliRunner, repo: Path) -> None:
    broken(repo)
    code, out = invoke(runner, "check", "--repo", str(repo), "--now", NOW, "--format", "json")
    assert code == 1
    payload = json.loads(out)
    assert {k: payload[k] for k in ("version", "checked", "errors", "warnings")} == {
        "version": 1,
        "checked": 6,
        "errors": 2,
        "warnings": 0,
    }
    assert payload["diagnostics"][1] == {
        "path": GOOD,
        "line": 3,
        "column": 1,
        "severity": "error",
        "rule": "schema",
        "message": "未知字段 “sumary”,是否想写 “summary”?",
        "handbook": "guide/submit.md#format",
    }
    assert "pydantic" not in out and "https://" not in out


def test_github_format_is_default_in_actions_and_writes_the_summary(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    broken(repo)
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    code, out = invoke(runner, "check", "--repo", str(repo), "--now", NOW, env=env)
    assert code == 1
    assert out.splitlines()[:2] == [
        f"::error file={GOOD},line=1,col=1,title=schema::缺少必填字段 “summary”。",
        f"::error file={GOOD},line=3,col=1,title=schema::未知字段 “sumary”,是否想写 “summary”?",
    ]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n## 校验结果\n")
    assert f"| `{GOOD}` | 3 | error | `schema` | 未知字段 “sumary”,是否想写 “summary”? |" in text


def test_github_format_escapes_workflow_command_syntax(runner: CliRunner, repo: Path) -> None:
    odd = repo / "submissions/li-ming/weekly/a,b:c%.yaml"
    odd.write_text("x: 1\n", encoding="utf-8")
    code, out = invoke(runner, "check", "--repo", str(repo), "--now", NOW, "--format", "github")
    assert code == 1
    assert out.splitlines()[0].startswith(
        "::error file=submissions/li-ming/weekly/a%2Cb%3Ac%25.yaml,title=unexpected-file::"
    )


def test_paths_limit_the_check(runner: CliRunner, repo: Path) -> None:
    broken(repo)
    code, out = invoke(runner, "check", "--repo", str(repo), "--now", NOW, "org/staff.yaml")
    assert (code, out) == (0, "检查了 1 个文件:0 个错误,0 个警告\n")
    code, out = invoke(runner, "check", "--repo", str(repo), "--now", NOW, str(repo / GOOD))
    assert code == 1 and out.endswith("检查了 1 个文件:2 个错误,0 个警告\n")


def test_environment_supplies_repo_and_now(runner: CliRunner, repo: Path) -> None:
    code, _ = invoke(
        runner,
        "check",
        env={"VALIDATOR_REPO": str(repo), "VALIDATOR_NOW": "2026-11-23T13:00:00+08:00"},
    )
    assert code == 1  # late: the uncommitted report arrives "now", at the deadline
    code, _ = invoke(runner, "check", env={"VALIDATOR_REPO": str(repo), "VALIDATOR_NOW": NOW})
    assert code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--now", "next tuesday"],
        ["check", "--format", "xml"],
        ["check", "submissions/nobody/weekly/2026-W01.yaml"],
        ["check", "/etc/passwd"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, repo: Path, args: list[str]) -> None:
    code, out = invoke(runner, *args[:1], "--repo", str(repo), *args[1:])
    assert code == 2
    assert "Traceback" not in out


def test_missing_repository_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    code, out = invoke(runner, "check", "--repo", str(tmp_path / "nope"))
    assert code == 2
    assert "Traceback" not in out


def test_python_m_validator_runs_the_same_cli(repo: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "validator", "check", "--repo", str(repo), "--now", NOW],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "检查了 6 个文件:0 个错误,0 个警告\n")


def run_validator(*args: str) -> subprocess.CompletedProcess[str]:
    """The console script's entry point in a process of its own, as a shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "validator", *args],
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith(("VALIDATOR_", "GITHUB_"))},
    )


def test_the_process_leaves_with_every_finding_written_and_its_status(repo: Path) -> None:
    """The entry point skips the interpreter's teardown: what the command wrote must still
    reach the pipe whole, and the exit status must be the command's."""
    broken(repo)
    done = run_validator("check", "--repo", str(repo), "--now", NOW, "--format", "json")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert [d["rule"] for d in data["diagnostics"]] == ["schema", "schema"]
    text = run_validator("check", "--repo", str(repo), "--now", NOW)
    last = text.stdout.splitlines()[-1]
    assert (text.returncode, last) == (1, "检查了 6 个文件:2 个错误,0 个警告")


def test_a_usage_error_still_exits_2_with_its_message() -> None:
    done = run_validator("check", "--format", "nonsense")
    assert done.returncode == 2
    assert "nonsense" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("closed", ["1", "2"])
def test_a_closed_output_stream_does_not_turn_success_into_failure(closed: str) -> None:
    """A cron job or supervisor may start the command with stdout or stderr closed; Python then
    has no stream object for it, and leaving must not trip over that."""
    done = subprocess.run(
        ["sh", "-c", f'"$0" -m validator --version {closed}>&-', sys.executable],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "Traceback" not in done.stderr


def test_the_check_command_starts_git_before_it_imports_the_checks() -> None:
    """A full check's history walk starts while the rules and models are imported (a sixth of
    a cold check at 400 staff): the command's module must not import them itself."""
    heavy = ("validator.rules", "validator.kinds", "validator.models", "pydantic")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, validator.cli.commands.check\n"
            f"print(sorted(m for m in sys.modules if m.startswith({heavy!r})))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == "[]\n"


def test_the_format_choice_names_every_output_format() -> None:
    from validator.cli.commands.check import FORMAT_NAMES
    from validator.cli.formats import FORMATS

    assert tuple(FORMATS) == FORMAT_NAMES
