"""`validator archive`: a closed year's reports to its own branch (docs/guide/archive.md)."""

from __future__ import annotations

from pathlib import Path

import click

from validator.cli.commands.common import NOW_OPTION, REPO_OPTION, run_guarded
from validator.core.timeutil import resolve_now
from validator.features.archive import Outcome, archive_year
from validator.repo.git import report_root
from validator.repo.org_data import load_org


@click.command("archive")
@REPO_OPTION
@NOW_OPTION
@click.option("--year", type=click.IntRange(2000, 9998), required=True, help="要归档的年份。")
@click.option("--dry-run", is_flag=True, help="只检查能否归档并列出要移走的报告,不做改动。")
def command(repo: Path, now: str | None, year: int, dry_run: bool) -> None:
    """把已结束年度的报告移到分支 archive/<年>,在当前分支留下摘要 archive/<年>.yaml 并提交。

    年度结束指:最后的截止时间已过 28 天、该年没有处理中的突发事件、该年结束的派驻的交接期限已过。
    工作区必须干净,且须是完整克隆(浅克隆先运行 git fetch --unshallow)。再次运行时无事可做。"""

    def run() -> int:
        root = report_root(repo)
        tz = load_org(root, []).policy.tz
        click.echo(render(archive_year(root, year, resolve_now(now, tz), dry_run=dry_run)))
        return 0

    run_guarded(run)


def render(outcome: Outcome) -> str:
    """What was done (or would be), and the git steps left to the operator."""
    year, branch = outcome.year, outcome.branch
    if outcome.nothing_to_do:
        return f"{year} 年已归档(archive/{year}.yaml),submissions/ 中没有该年的报告:无事可做。"
    if outcome.dry_run:
        return (
            f"{year} 年可以归档:{len(outcome.moved)} 份报告将移到分支 {branch}"
            f"(冷遍历历史现在读 {outcome.commits_before} 个提交)。去掉 --dry-run 即执行。"
        )
    return "\n".join(
        [
            f"已归档 {year} 年:{len(outcome.moved)} 份报告在分支 {branch}"
            f"(提交 {str(outcome.archive_commit)[:12]}),当前分支删除了它们并加入摘要 "
            f"archive/{year}.yaml(提交 {str(outcome.main_commit)[:12]})。",
            f"冷遍历历史:归档前读 {outcome.commits_before} 个提交,现在从摘要记下的起点读 "
            f"{outcome.commits_after} 个。",
            "接下来请推送两个引用,并经拉取请求把当前分支合并到 main:",
            f"  git push origin {branch}",
            "  git push origin HEAD",
        ]
    )
