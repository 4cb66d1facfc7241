"""Backdating verdicts of earlier runs, kept per commit in `.git/validator/backdated.json`.

The workflow restores the file from the CI cache of the pull request, so a run that caught a
backdated commit is remembered by every later run while that commit is part of the pull request,
even when a later run has weaker evidence (no push log, or a push that skipped CI). A verdict only
ever adds an error: whatever the file says, it cannot clear one, so a forged or stale file can at
worst keep a check red.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from validator.core.files import open_cache, replace_whole

FILE = "backdated.json"
VERSION = 1


@dataclass(frozen=True)
class Verdict:
    """Commit `sha` changed `path`, dated `author_date`, before `due`, arriving at `arrived`."""

    sha: str
    path: str
    author_date: dt.datetime
    due: dt.datetime
    arrived: dt.datetime


def load(git_dir: Path | None) -> list[Verdict]:
    """The kept verdicts; a missing or damaged file means none."""
    if git_dir is None:
        return []
    try:
        with open_cache(git_dir / "validator" / FILE) as handle:  # a regular file only
            stored = json.loads(handle.read().decode("utf-8"))
        if type(stored) is not dict or stored.get("version") != VERSION:
            return []
        return [
            Verdict(_text(sha), _text(path), _at(author), _at(due), _at(arrived))
            for sha, path, author, due, arrived in stored["verdicts"]
        ]
    except (OSError, ValueError, KeyError, TypeError, OverflowError, RecursionError):
        return []


def store(git_dir: Path | None, verdicts: list[Verdict]) -> None:
    """Keep `verdicts` for the next run (a read-only checkout goes without)."""
    if git_dir is None:
        return
    rows = sorted(
        {(v.sha, v.path, _epoch(v.author_date), _epoch(v.due), _epoch(v.arrived)) for v in verdicts}
    )
    text = json.dumps({"version": VERSION, "verdicts": rows})
    replace_whole(git_dir / "validator" / FILE, lambda handle: handle.write(text.encode("utf-8")))


def _at(value: object) -> dt.datetime:
    if type(value) is not int:  # not a bool, nor a float (checked, not converted)
        raise TypeError(value)
    return dt.datetime.fromtimestamp(value, dt.UTC)


def _text(value: object) -> str:
    if type(value) is not str:
        raise TypeError(value)
    return value


def _epoch(moment: dt.datetime) -> int:
    return int(moment.timestamp())
