"""Progress on long work, for people at a terminal only.

The library takes a `progress(done, total)` callback and prints nothing; this module turns it
into click's progress bar on stderr when stderr is a terminal and `--quiet` was not given, so
CI logs and piped output carry no progress at all (and stdout stays the command's answer).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

Progress = Callable[[int, int], None]

QUIET_OPTION = click.option(
    "--quiet", "-q", is_flag=True, help="不显示进度(输出不是终端时本来就不显示)。"
)


def shown(quiet: bool) -> bool:
    """Whether progress goes anywhere: a terminal on stderr and no --quiet."""
    return not quiet and sys.stderr.isatty()


@contextmanager
def progress_bar(label: str, quiet: bool) -> Iterator[Progress | None]:
    """A callback that moves a progress bar, or None (the library then skips reporting)."""
    if not shown(quiet):
        yield None
        return
    bar: Any = None
    seen = 0

    def update(done: int, total: int) -> None:
        nonlocal bar, seen
        if bar is None:
            bar = click.progressbar(length=max(total, 1), label=label, file=sys.stderr)
            bar.__enter__()
        bar.length = max(total, 1)
        if done > seen:
            bar.update(done - seen)
            seen = done

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
