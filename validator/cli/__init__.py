"""The `validator` command line: a thin Click group over the library.

Each subcommand lives in `validator/cli/commands/<name>.py` and only collects options, calls the
library and prints. Library errors (`validator.core.errors.UsageError`) become exit status 2 here.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from typing import NoReturn

import click

from validator import __version__
from validator.core import lifetime

#: module name in validator.cli.commands -> attribute holding the Click command
COMMANDS: tuple[str, ...] = (
    "check",
    "handbook",
    "status",
    "schema",
    "new",
    "demo",
    "codeowners",
    "remind",
    "digest",
    "pages",
    "doctor",
    "site",
    "green",
    "archive",
)


class _Commands(click.Group):
    """Imports a command's module when that command is asked for: `validator check` in CI
    should not pay for importing the site generator and the chart library."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        command: click.Command = importlib.import_module(
            f"validator.cli.commands.{cmd_name}"
        ).command
        return command


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="validator")
def cli() -> None:
    """外派人员周报、月报、报销与突发事件报告的校验与发布工具。"""


def main() -> None:
    """Console-script entry point.

    A command is a short-lived process whose loaded reports hold no reference cycles, so the
    cyclic collector is off for its run (a full collection would walk every loaded object);
    library code only pauses it (`validator.repo.workspace.collector_paused`). When the command
    is done the process leaves without freeing those objects one by one, which takes a full
    check of a national company's year a noticeable part of its run (`_leave`); library code
    holds what it would free on returning until then (`validator.core.lifetime`)."""
    gc.disable()
    lifetime.until_exit()
    try:
        cli(prog_name="validator")
    except SystemExit as done:
        _leave(done)


def _leave(done: SystemExit) -> NoReturn:
    """Exit with `done`'s status once everything written is out, skipping the interpreter's
    teardown. Python's own exit takes over when the output cannot be flushed (a closed pipe)
    and for a status that is a message; a stream the process was started without is None."""
    code = done.code
    if code is not None and not isinstance(code, int):
        raise done
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        raise done from None
    if "logging" in sys.modules:  # a site build's log handlers
        sys.modules["logging"].shutdown()
    os._exit(code or 0)
