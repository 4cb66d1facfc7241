"""When each commit of a pull request reached the Git host, and who pushed it
(docs/guide/submit.md#received).

A commit's own dates are the author's choice; the host's record is not. The best evidence, in
order: the host's push log (`--push-log`: a commit arrived with the earliest push whose `after`
contains it and whose `before` does not, or that names it in `commits`), then the commits of
the event itself (`--new-commits` arrived at the event time), then the pull request's creation
time (`--opened-at`), else the event time. Every commit the pull request adds is judged at every
run, so a later push cannot clear a backdated commit; a push whose `before` is gone (a force
push) brought every commit its `after` holds, which only makes arrival later. Gitea and Forgejo
record the commits a push added, not the tip before it (`hostpushes`): such a push names its
`commits` and brings exactly those.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from validator.checking.pr.gitfacts import Commit, introduced, objects
from validator.core.errors import UsageError
from validator.core.timeutil import parse_moment
from validator.repo.git import is_commit_id

#: a push log longer than this is refused (bounded work): cut, it would name a late push
#: nowhere, and its commits would count from the opening
MAX_PUSHES = 5000


@dataclass(frozen=True)
class Push:
    """One push the host recorded: the branch moved from `before` to `after` at `pushed_at`,
    or, when the host records only what a push added, it brought `commits` (then `after` is
    None)."""

    before: str | None
    after: str | None
    pushed_at: dt.datetime
    pusher: str | None
    commits: frozenset[str] | None = None


@dataclass(frozen=True)
class Arrival:
    """When a commit reached the host (`at`), by whom if known, and on what evidence."""

    at: dt.datetime
    pusher: str | None = None
    evidence: str = "event"  # push-log | event | opened


def _log(file: str) -> tuple[str | None, Any]:
    """(the opener, the list of pushes) of a push log: a JSON list, or what `validator pushes`
    writes, {"opener": login, "pushes": [...]}."""
    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise UsageError(f"--push-log: cannot read {file}: {exc}") from None
    if not isinstance(data, dict):
        return None, data
    login = data.get("opener")
    if login is not None and (not isinstance(login, str) or not login.strip()):
        raise UsageError("--push-log: opener must be a login")
    return login, data.get("pushes")


def read_opener(file: str) -> str | None:
    """The pull request's author the host recorded, when the log names one."""
    return _log(file)[0]


def read_push_log(file: str) -> list[Push]:
    """The pushes in `file` (a JSON list of {before, after, pushed_at, pusher}, or {commits,
    pushed_at, pusher}; or {opener, pushes: that list}), earliest first; anything malformed is
    a usage error (the workflow produced it wrongly)."""
    _opener, data = _log(file)
    if not isinstance(data, list):
        raise UsageError("--push-log: expected a JSON list of pushes")
    pushes = []
    for n, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise UsageError(f"--push-log: push {n} is not an object")
        after, before = item.get("after"), item.get("before")
        stamp, pusher = item.get("pushed_at"), item.get("pusher")
        listed = _commits(item, n)
        if listed is not None:
            if after is not None or before is not None:
                raise UsageError(f"--push-log: push {n}: either commits or before/after")
        elif not is_commit_id(after) or (before is not None and not is_commit_id(before)):
            raise UsageError(f"--push-log: push {n}: before/after must be commit ids")
        if not isinstance(stamp, str):
            raise UsageError(f"--push-log: push {n}: pushed_at must be an ISO 8601 time")
        try:
            when = parse_moment(stamp, dt.UTC)
        except UsageError as exc:  # not ISO 8601, or out of range
            raise UsageError(f"--push-log: push {n}: {exc}") from None
        if pusher is not None and not isinstance(pusher, str):
            raise UsageError(f"--push-log: push {n}: pusher must be a login")
        if listed is not None:
            pushes.append(Push(None, None, when, pusher, listed))
            continue
        kept = None if before is None or set(before) == {"0"} else str(before).lower()
        pushes.append(Push(kept, str(after).lower(), when, pusher))
    if len(pushes) > MAX_PUSHES:
        raise UsageError(
            f"--push-log: more than {MAX_PUSHES} pushes; open a new pull request / "
            f"推送记录超过 {MAX_PUSHES} 次推送,请另开拉取请求"
        )
    pushes.sort(key=lambda p: p.pushed_at)
    return pushes


def _commits(item: dict[str, object], n: int) -> frozenset[str] | None:
    """The commit ids a push names (`commits`), None when it gives before/after instead."""
    listed = item.get("commits")
    if listed is None:
        return None
    if not isinstance(listed, list) or not all(is_commit_id(sha) for sha in listed):
        raise UsageError(f"--push-log: push {n}: commits must be a list of commit ids")
    return frozenset(str(sha).lower() for sha in listed)


def arrivals(
    root: Path,
    commits: Iterable[Commit],
    *,
    event_time: dt.datetime,
    pushes: list[Push] | None = None,
    event_commits: set[str] | None = None,
    opened_at: dt.datetime | None = None,
    exclude: tuple[str, ...] = (),
) -> dict[str, Arrival]:
    """The arrival of every commit in `commits` on the best evidence there is."""
    wanted = {c.sha for c in commits}
    found: dict[str, Arrival] = {}
    if pushes:
        known = {n for n, (kind, _) in objects(root, _ends(pushes)).items() if kind == "commit"}
        for push in pushes:
            if push.after is None:
                brought = set(push.commits or ()) & wanted
            elif push.after not in known:
                continue  # overwritten since and not fetched: its commits are not in the PR
            else:
                before = push.before if push.before in known else None
                brought = introduced(root, push.after, before, exclude) & wanted
            for sha in brought:
                if sha not in found:
                    found[sha] = Arrival(push.pushed_at, push.pusher, "push-log")
    for sha in wanted - set(found):
        if event_commits is not None and sha in event_commits:
            found[sha] = Arrival(event_time)
        elif opened_at is not None:
            found[sha] = Arrival(min(opened_at, event_time), None, "opened")
        else:
            found[sha] = Arrival(event_time)
    return found


def _ends(pushes: list[Push]) -> set[str]:
    return {sha for p in pushes for sha in (p.before, p.after) if sha}
