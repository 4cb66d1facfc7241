"""The command reference page (`docs/cli.md`), generated from the Click commands themselves so
that the documentation cannot drift from `--help` (a test compares the committed page)."""

from __future__ import annotations

import click

from validator.cli import cli

INTRO = """# 命令参考

本页由 `python -m validator.cli.clidoc > docs/cli.md` 根据各命令的 `--help` 生成,请勿手工编辑。
每个命令都接受 `--repo DIR`(默认 `$VALIDATOR_REPO`,否则为当前目录);与时间有关的命令接受
`--now ISO8601`(默认 `$VALIDATOR_NOW`,否则为当前时间)。
"""


def _walk(command: click.Command, path: list[str], parent: click.Context | None) -> list[str]:
    # a real context chain, so that the group's settings (`-h`, widths) reach every subcommand
    # exactly as when a user types `--help`, whatever ran before in this process
    ctx = command.make_context(
        path[-1], [], parent=parent, resilient_parsing=True,
        terminal_width=100, max_content_width=100,
    )  # fmt: skip
    out = [f"## `{' '.join(path)}` {{#{'-'.join(path[1:]) or 'validator'}}}", "",
           "```text", command.get_help(ctx), "```", ""]  # fmt: skip
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None
            out += _walk(sub, [*path, name], ctx)
    return out


def reference() -> str:
    """The whole page: every command and subcommand with its help text."""
    return "\n".join([INTRO, *_walk(cli, ["validator"], None)]).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover - the documented way to regenerate the page
    click.echo(reference(), nl=False)
