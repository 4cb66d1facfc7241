"""`validator schema`: write the JSON Schemas editors and the report form use."""

from __future__ import annotations

from pathlib import Path

import click

from validator.cli.commands.common import REPO_OPTION, run_guarded
from validator.core.diagnostics import Diagnostic
from validator.features.schemas import DEFAULT_DIR, write_schemas
from validator.repo.org_data import load_org


@click.command("schema")
@REPO_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help=f"写入目录(默认:仓库的 {DEFAULT_DIR})。",
)
def command(repo: Path, out_dir: Path | None) -> None:
    """生成各类报告与 org/ 文件的 JSON Schema(draft-07),供编辑器与填报页面使用。

    说明中的截止时间取自仓库的 org/policy.yaml,引用的条款取自
    org/handbook.yaml(没有时用本产品的默认设置),没有登记的条款不引用。"""

    def run() -> int:
        problems: list[Diagnostic] = []
        org = load_org(repo, problems) if repo.is_dir() else None
        if org is not None and "org/policy.yaml" in org.broken:
            click.echo(
                "org/policy.yaml 有错误,说明中按默认截止时间书写 / policy has errors", err=True
            )
        if org is not None and "org/handbook.yaml" in org.broken:
            click.echo(
                "org/handbook.yaml 有错误,说明按本产品的示例手册引用条款 / handbook has errors: "
                "citing the product's sample handbook",
                err=True,
            )
        policy, handbook = (org.policy, org.handbook) if org is not None else (None, None)
        for path in write_schemas(out_dir or repo / DEFAULT_DIR, policy, handbook):
            click.echo(str(path))
        return 0

    run_guarded(run)
