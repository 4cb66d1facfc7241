"""What a short-lived command keeps until its process ends, instead of freeing it.

The command line leaves with `os._exit` once its output is out (`validator.cli`), so nothing it
loaded is freed one object at a time at the end. What a function loaded is freed that way when
it returns, though: the reports of a full check at 400 staff are 25 ms of a 1.5 s run. Library
code hands such objects to `keep`; only a process that will leave without freeing them
(`until_exit`, said by the command line) holds them, so a long-running caller (mkdocs serve, the
tests) frees them as usual."""

from __future__ import annotations

_kept: list[object] = []
_holding = False


def until_exit() -> None:
    """Say that this process leaves without freeing what it holds: `keep` holds from now on."""
    global _holding
    _holding = True


def keep(thing: object) -> None:
    """Hold `thing` until the process ends, if it will end without freeing it."""
    if _holding:
        _kept.append(thing)
