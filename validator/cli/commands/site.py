"""`validator site`: build the whole site with MkDocs or Zensical (status pages first, then the
generator, then the form settings and the offline step), so no step depends on MkDocs hooks."""

from __future__ import annotations

import os
from pathlib import Path

import click

from validator.cli.commands.common import AUDIENCE_OPTION, NOW_OPTION, REPO_OPTION, run_guarded
from validator.cli.progress import QUIET_OPTION, progress_bar
from validator.core.timeutil import resolve_now
from validator.site.build import DEFAULT_GENERATOR, GENERATORS, Build, build_site
from validator.site.settings import site_audience


@click.command("site")
@REPO_OPTION
@click.option(
    "--project",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path(),
    show_default=True,
    help="含 mkdocs.yml 与 docs/ 的目录(站点源文件)。",
)
@click.option(
    "--generator",
    type=click.Choice(GENERATORS),
    default=lambda: os.environ.get("VALIDATOR_GENERATOR") or DEFAULT_GENERATOR,
    show_default=f"$VALIDATOR_GENERATOR 或 {DEFAULT_GENERATOR}",
    help="站点生成器:mkdocs(Material)或 zensical(Material 的后继者)。",
)
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("site"),
    show_default=True,
    help="输出目录。",
)
@AUDIENCE_OPTION
@NOW_OPTION
@QUIET_OPTION
def command(
    repo: Path,
    project: Path,
    generator: str,
    site_dir: Path,
    audience: str | None,
    now: str | None,
    quiet: bool,
) -> None:
    """构建整个站点:先生成状态页面,再运行生成器,最后写入表单设置并去除第三方地址。"""

    def run() -> int:
        now_text = now or os.environ.get("VALIDATOR_NOW") or None
        build = Build(
            project=project,
            repo=repo,
            audience=site_audience(audience),
            now=resolve_now(now),
            now_text=now_text,
            site_dir=site_dir if site_dir.is_absolute() else project / site_dir,
            generator=generator,
        )
        with progress_bar("生成状态页面", quiet) as progress:
            build_site(build, progress)
        click.echo(f"已用 {generator} 构建站点到 {build.site_dir}({build.audience})")
        return 0

    run_guarded(run)
