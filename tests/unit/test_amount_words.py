"""check's words for an amount at a limit that is itself refused: "应小于", "应大于"."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.gitrepo import GitRepo
from tests.support.roster import LI_MING, staff_yaml
from validator.cli import cli

PATH = "submissions/li-ming/expenses/2026-10.yaml"


@pytest.mark.parametrize(
    ("amount", "words"),
    [("10000000", "“items 第 1 条的 amount” 应小于 10000000。"), ("0", "” 应大于 0。")],
)
def test_a_limit_that_is_refused_is_named_as_such(tmp_path: Path, amount: str, words: str) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    repo.write("org/staff.yaml", staff_yaml(LI_MING))
    repo.write(
        PATH,
        f'staff: li-ming\nmonth: "2026-10"\nitems:\n  - date: 2026-10-12\n    category: transport\n'
        f"    amount: {amount}\n    description: 打车\n",
    )
    repo.commit("report", "2026-11-05T09:30:00+08:00")
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo.root), "--now", "2026-11-06T10:00:00+08:00", PATH]
    )
    assert words in result.output, result.output
    assert "不能大于" not in result.output and "不能小于" not in result.output
