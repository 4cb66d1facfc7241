"""`validator pages`: write the status pages as plain Markdown (and SVG charts)."""

from __future__ import annotations

from pathlib import Path

import click

from validator.cli.commands.common import AUDIENCE_OPTION, NOW_OPTION, REPO_OPTION, run_guarded
from validator.cli.progress import QUIET_OPTION, progress_bar
from validator.core.timeutil import resolve_now
from validator.site.pages import write_pages
from validator.site.settings import site_audience


@click.command("pages")
@REPO_OPTION
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("docs/status"),
    show_default=True,
    help="输出目录(生成的页面,请勿手工编辑)。",
)
@AUDIENCE_OPTION
@NOW_OPTION
@QUIET_OPTION
def command(repo: Path, out: Path, audience: str | None, now: str | None, quiet: bool) -> None:
    """生成状态页面(Markdown),供 MkDocs 发布。"""

    def run() -> int:
        # a naive --now is read in the policy's time zone by the status computation
        with progress_bar("生成状态页面", quiet) as progress:
            written = write_pages(repo, out, resolve_now(now), site_audience(audience), progress)
        click.echo(f"已生成 {len(written)} 个文件到 {out}")
        return 0

    run_guarded(run)
