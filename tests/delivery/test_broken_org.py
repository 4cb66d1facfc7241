"""A scheduled `remind` or `digest` over org data with errors stops with them (exit 2) instead of
going on with defaults: a typo in org/policy.yaml used to drop its notify: section and deadlines
silently, so the job sent nothing, or reminded by the wrong deadline, and still went green."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.support.delivery import AFTER_DEADLINE, build
from tests.support.gitrepo import GitRepo
from tests.support.smtp import smtp_server
from validator.cli import cli

NOTIFY = (
    "  site_url: https://reports.example.com/\n"
    "  email:\n"
    "    smtp: {{host: 127.0.0.1, port: {port}, security: none}}\n"
    '    from: "外派报告 <reports@example.com>"\n'
)


@pytest.mark.parametrize(
    "command",
    [["remind", "--send"], ["remind", "--dry-run"], ["remind"], ["digest", "--send"],
     ["digest", "--dry-run"]],
)  # fmt: skip
@pytest.mark.parametrize(
    "breakage",
    [
        ("org/policy.yaml", "clock_skew: 30 minutes\n"),  # one bad value in a good file
        ("org/policy.yaml", "notify: []\n"),
        ("org/staff.yaml", "staff: {}\n"),
    ],
)
def test_org_errors_stop_the_command_with_their_place(
    git_repo: GitRepo, command: list[str], breakage: tuple[str, str]
) -> None:
    path, line = breakage
    with smtp_server() as (box, port):
        build(git_repo, NOTIFY.format(port=port))
        text = (git_repo.root / path).read_text(encoding="utf-8")
        git_repo.write(path, text + line if line.startswith("clock") else line)
        git_repo.commit("a broken org file", "2026-11-01T09:00:00+08:00")
        result = CliRunner().invoke(
            cli, [*command, "--repo", str(git_repo.root), "--now", AFTER_DEADLINE]
        )
        assert box.received == []
    assert result.exit_code == 2, result.output
    assert f"{path}:" in result.output
    assert "Traceback" not in result.output
