"""The `validator` command line: a thin Click group over the library.

Each subcommand lives in `validator/cli/commands/<name>.py` and only collects options, calls the
library and prints. Library errors (`validator.core.errors.UsageError`) become exit status 2 here.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import importlib
import os
import signal
import sys
from typing import Any, NoReturn

import click

from validator import __version__
from validator.cli.help import in_both_languages
from validator.cli.usage import Group
from validator.core import lifetime

INTERRUPTED = 130  # the shell's status for a command ended by Ctrl-C (128 + SIGINT)

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
    "pushes",
)


class _Commands(Group):
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
        return in_both_languages(command)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; an interrupt and an output that cannot be written end it with a
        word and the status a script can tell from "errors found" (1), not a traceback; a
        mistyped command line is said in Chinese first (`validator.cli.usage.Group`)."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _say("\n已中断 / interrupted")
            ctx.exit(INTERRUPTED)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # the reader has gone (`| head`): Click's own quiet exit
            _say(f"错误 / error: {exc}")
            ctx.exit(2)


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="退出码 / exit status:0 没有错误,1 有错误,2 用法错误或仓库、输出不可用,"
    "130 被 Ctrl-C 中断,143 被 SIGTERM 终止。",
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
    signal.signal(signal.SIGTERM, _terminated)
    try:
        cli(prog_name="validator")
    except SystemExit as done:
        _leave(done)


def _terminated(signum: int, frame: object) -> NoReturn:
    """SIGTERM (a CI runner's timeout, `kill`, `docker stop`) ends the command as Ctrl-C does:
    by unwinding, so that git and a helper are stopped on the way out. A forked helper inherits
    this and leaves through its own cleanup."""
    raise SystemExit(128 + signum)


def _say(text: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # stderr may be closed or full as well
        click.echo(text, err=True)


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
    except (OSError, ValueError) as exc:  # what was written is lost: not a success
        if not isinstance(exc, BrokenPipeError):  # a reader that left asked for no more
            _say(f"错误 / error: {exc}")
        os._exit(code or (1 if isinstance(exc, BrokenPipeError) else 2))
    if "logging" in sys.modules:  # a site build's log handlers
        sys.modules["logging"].shutdown()
    os._exit(code or 0)
