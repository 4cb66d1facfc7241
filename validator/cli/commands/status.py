"""`validator status`: each staff member's weekly states, on-time rate and streak."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import click

from validator.cli.commands.common import NOW_OPTION, REPO_OPTION, run_guarded
from validator.core.messages import render
from validator.core.timeutil import resolve_now
from validator.features.status import DEFAULT_WEEKS, STATE_ZH, Status, compute_status, format_rate
from validator.repo.workspace import open_workspace, require_org

FORMATS = ("text", "json", "csv")


@click.command("status")
@REPO_OPTION
@NOW_OPTION
@click.option(
    "--weeks",
    type=click.IntRange(1, 520),
    default=DEFAULT_WEEKS,
    show_default=True,
    help="统计最近几周(含本周)。",
)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
    help="输出格式。",
)  # fmt: skip
def command(repo: Path, now: str | None, weeks: int, fmt: str) -> None:
    """每位外派人员最近 N 周的周报状态、准时率和连续准时周数。"""

    def run() -> int:
        workspace = open_workspace(repo, data=False)
        require_org(workspace)  # a broken roster would read as nobody at all
        status = compute_status(workspace, resolve_now(now, workspace.org.policy.tz), weeks)
        click.echo(RENDERERS[fmt](status), nl=False)
        cut = workspace.history.before_cut  # a shallow clone's: those dates are the cut's
        if cut:
            click.echo(render("shallow-status", "zh", {"count": str(len(cut))}), err=True)
        return 0

    run_guarded(run)


def render_json(status: Status) -> str:
    return json.dumps(status.to_json(), ensure_ascii=False, indent=2) + "\n"


def render_csv(status: Status) -> str:
    """One row per staff member: id, name, a column per week, rate and streak."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "name", *status.week_texts, "on_time_rate", "streak"])
    for member in status.staff:
        rate = member.on_time_rate
        writer.writerow(
            [
                member.id,
                member.staff.name,
                *member.weekly.values(),
                "" if rate is None else f"{rate:.4f}",
                member.streak,
            ]
        )
    return out.getvalue()


def render_text(status: Status) -> str:
    """An aligned table in Chinese; widths count East Asian wide characters as two columns."""
    head = ["人员", *(w.split("-")[1] for w in status.week_texts), "准时率", "连续准时"]
    rows = [head]
    for member in status.staff:
        rows.append(
            [
                f"{member.staff.name}({member.id})",
                *(STATE_ZH[s] for s in member.weekly.values()),
                format_rate(member.on_time_rate),
                f"{member.streak} 周",
            ]
        )
    widths = [max(width(row[i]) for row in rows) for i in range(len(head))]
    lines = [f"截至 {status.as_of:%Y-%m-%d %H:%M %Z},最近 {len(status.weeks)} 周周报状态"]
    for row in rows:
        cells = [pad(cell, widths[i], right=i >= len(head) - 2) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    if not status.staff:
        lines.append("暂无数据")
    return "\n".join(lines) + "\n"


def width(text: str) -> int:
    """Terminal columns of `text`: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int, *, right: bool = False) -> str:
    fill = " " * (columns - width(text))
    return fill + text if right else text + fill


RENDERERS = {"text": render_text, "json": render_json, "csv": render_csv}
