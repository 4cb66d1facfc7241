"""The options of pull-request mode, on their own: the command line reads them before it imports
the checks (`validator.checking.pr`), to know whether a full check's git walk can start at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from validator.core.errors import UsageError


@dataclass(frozen=True)
class PullRequest:
    """The options of pull-request mode; all None = an ordinary check."""

    base: str | None = None  # --base REF
    author: str | None = None  # --author LOGIN (who opened the pull request)
    event_time: dt.datetime | None = None  # --event-time, from the event payload
    new_commits: str | None = None  # --new-commits A..B: the commits of this event
    push_log: str | None = None  # --push-log FILE: the host's record of pushes
    opened_at: dt.datetime | None = None  # --opened-at: the pull request's creation time

    @property
    def active(self) -> bool:
        return any(
            v is not None
            for v in (
                self.base,
                self.author,
                self.event_time,
                self.new_commits,
                self.push_log,
                self.opened_at,
            )
        )


def git_reference(ref: str, option: str) -> str:
    """`ref` when git can read it only as a revision: not empty, no leading "-" (an option), no
    NUL (it cannot even reach git) or other control character (no ref name holds one). A
    reference comes from an option or a CI payload: UsageError naming `option` otherwise."""
    if not ref or ref.startswith("-") or any(c < " " or c == "\x7f" for c in ref):
        raise UsageError(f"{option}: not a git reference: {ref!r}")
    return ref
