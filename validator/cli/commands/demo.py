"""`validator demo DIR`: create the fictional demo organization (org data, reports, history)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import click

from validator.cli.commands.common import NOW_OPTION, run_guarded
from validator.cli.progress import QUIET_OPTION, progress_bar
from validator.core.errors import UsageError
from validator.core.timeutil import resolve_now
from validator.demo import DEFAULT_SEED, MARKER, build_demo
from validator.features.status import DEFAULT_WEEKS as STATUS_WEEKS


def _clear(dest: Path, force: bool) -> None:
    """Refuse a non-empty DIR; with --force, replace it only if an earlier `demo` made it, so a
    mistyped DIR never deletes real work."""
    if not dest.is_dir() or not any(dest.iterdir()):
        return
    if not force:
        raise UsageError(f"{dest} 不是空目录;要重新生成示例仓库请加 --force")
    if not (dest / ".git" / MARKER).is_file():
        raise UsageError(f"{dest} 不是 validator demo 生成的仓库,--force 也不会删除它")
    shutil.rmtree(dest)


@click.command("demo")
@click.argument("dest", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--staff", default=8, show_default=True, type=click.IntRange(8, 100_000), help="外派人员数。"
)
@click.option(
    "--weeks",
    default=12,
    show_default=True,
    type=click.IntRange(1, 520),
    help=f"周报覆盖的周数;少于 {STATUS_WEEKS} 周时,示例从第一周起启用(policy 的 start)。",
)
@click.option(
    "--seed", default=DEFAULT_SEED, show_default=True, help="随机种子:同一种子生成同一仓库。"
)
@NOW_OPTION
@click.option("--force", is_flag=True, help="替换以前由 validator demo 生成的仓库。")
@QUIET_OPTION
def command(
    dest: Path, staff: int, weeks: int, seed: str, now: str | None, force: bool, quiet: bool
) -> None:
    """生成一个虚构组织的示例仓库(基础数据、报告与提交历史),用于演示和性能测试。"""

    def run() -> int:
        started = time.monotonic()
        _clear(dest, force)
        with progress_bar("生成示例仓库", quiet) as progress:
            summary = build_demo(
                dest, staff=staff, weeks=weeks, seed=seed, now=resolve_now(now), progress=progress
            )
        click.echo(
            f"已生成示例仓库 {summary.path}:{summary.staff} 名外派人员,{summary.reports} 份报告,"
            f"{summary.commits} 个提交,用时 {time.monotonic() - started:.1f} 秒。"
        )
        return 0

    run_guarded(run)
