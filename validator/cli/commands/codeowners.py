"""`validator codeowners`: print .github/CODEOWNERS for the roster in org/staff.yaml."""

from __future__ import annotations

from pathlib import Path

import click

from validator.cli.commands.common import REPO_OPTION, run_guarded
from validator.core.diagnostics import Diagnostic
from validator.core.errors import UsageError
from validator.repo.codeowners import render
from validator.repo.workspace import load_org


@click.command("codeowners")
@REPO_OPTION
def command(repo: Path) -> None:
    """按 org/staff.yaml 输出 .github/CODEOWNERS:审核人负责全部文件,外派人员负责本人目录。"""

    def run() -> int:
        if not repo.is_dir():
            raise UsageError(f"{repo} is not a directory")
        problems: list[Diagnostic] = []
        org = load_org(repo, problems)
        if not org.roster_known or "org/staff.yaml" in {d.path for d in problems if d.is_error}:
            raise UsageError("org/staff.yaml has errors; run `validator check org/staff.yaml`")
        click.echo(render(org.roster), nl=False)
        return 0

    run_guarded(run)
