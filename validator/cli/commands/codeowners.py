"""`validator codeowners`: print the CODEOWNERS file of the roster in org/staff.yaml, in the syntax
of the Git host (`--host`; .github/CODEOWNERS for GitHub)."""

from __future__ import annotations

from pathlib import Path

import click

from validator.cli.commands.common import REPO_OPTION, run_guarded
from validator.core.diagnostics import Diagnostic
from validator.core.errors import UsageError
from validator.repo.codeowners import RENDERERS
from validator.repo.org_data import load_org


@click.command("codeowners")
@REPO_OPTION
@click.option(
    "--host",
    type=click.Choice(list(RENDERERS)),
    default="github",
    show_default=True,
    help="代码托管平台:决定语法(github: .github/CODEOWNERS;gitlab: .gitlab/CODEOWNERS,"
    "带审核人分节;gitea/forgejo: .gitea/CODEOWNERS,正则表达式)。",
)
def command(repo: Path, host: str) -> None:
    """按 org/staff.yaml 输出 .github/CODEOWNERS:审核人负责全部文件,外派人员负责本人目录。"""

    def run() -> int:
        if not repo.is_dir():
            raise UsageError(f"{repo} is not a directory")
        problems: list[Diagnostic] = []
        org = load_org(repo, problems)
        if not org.roster_known or "org/staff.yaml" in {d.path for d in problems if d.is_error}:
            raise UsageError("org/staff.yaml has errors; run `validator check org/staff.yaml`")
        twice = sorted(id_ for path, id_ in org.duplicate_ids() if path == "org/staff.yaml")
        if twice:
            raise UsageError(f"org/staff.yaml gives an id twice: {', '.join(twice)}")
        click.echo(RENDERERS[host](org.roster), nl=False)
        return 0

    run_guarded(run)
