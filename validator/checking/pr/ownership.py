"""Who may change what in a pull request (docs/cli.md, JP 三(一)3).

Staff add their own reports and nothing else; a report on the base branch is final (a reviewer
corrects it). The roster is read from the base branch, so a pull request cannot promote its own
author to reviewer.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from validator.checking.pr.gitfacts import Change, Commit
from validator.core.diagnostics import Diagnostic, diag
from validator.models.org import Staff, StaffRoster


def find_author(roster: StaffRoster, login: str) -> Staff | None:
    """The roster entry whose `github` login is `login` (logins are case-insensitive)."""
    wanted = login.casefold()
    for member in roster.staff:
        if member.github.casefold() == wanted:
            return member
    return None


def ownership(
    changes: Iterable[Change],
    roster: StaffRoster,
    author: str,
    base: str,
    on_base: set[str],
) -> list[Diagnostic]:
    """`not-owner`, `modified-after-merge` and `deleted-after-merge` for `author`'s changes.

    `on_base` holds the added paths that exist on the base branch (changed since the merge
    base): adding one of them again is a modification too."""
    member = find_author(roster, author)
    if member is not None and member.role == "reviewer":
        return []
    found: list[Diagnostic] = []
    for change in changes:
        if member is None:
            found.append(diag(change.path, "not-owner", "not-owner-unknown", author=author))
            continue
        own = f"submissions/{member.id}/"
        if not change.path.startswith(own):
            found.append(
                diag(
                    change.path,
                    "not-owner",
                    "not-owner-path",
                    author=author,
                    own=member.id,
                    path=change.path,
                )
            )
        elif change.status == "D":
            found.append(diag(change.path, "deleted-after-merge", "deleted-after-merge", base=base))
        elif change.status != "A" or change.path in on_base:
            found.append(
                diag(change.path, "modified-after-merge", "modified-after-merge", base=base)
            )
    return found


def find_by_email(roster: StaffRoster, email: str) -> Staff | None:
    """The roster entry a commit's author e-mail names: its `email`, or the Git host's no-reply
    address of its `github` login (`12345+login@users.noreply.github.com`)."""
    wanted = email.strip().casefold()
    local, _, domain = wanted.partition("@")
    login = local.rsplit("+", 1)[-1] if domain == "users.noreply.github.com" else None
    for member in roster.staff:
        if member.email.casefold() == wanted or (login and member.github.casefold() == login):
            return member
    return None


def commit_ownership(
    commits: Iterable[Commit],
    roster: StaffRoster,
    pushers: Mapping[str, str | None],
    opener: str | None = None,
    net: Collection[str] = (),
) -> list[Diagnostic]:
    """`not-owner` for a commit whose author (by e-mail) or pusher (from the host's push log)
    may not change what it changes: the pull request's opener is not the only hand in it. An
    author e-mail that names nobody is left to the opener's and the pusher's checks (authors
    choose it freely); a pusher the roster does not know owns nothing.

    The opener answers for every commit too, for the paths the net change (`net`, judged by
    `ownership`) no longer shows: a colleague's report deleted and added back leaves no net
    change, but merged with its commits the re-adding one is its latest addition, received
    at a date the opener chose."""
    found: list[Diagnostic] = []
    opened_by = None if opener is None else (opener, find_author(roster, opener))
    for commit in commits:
        hands: list[tuple[str, Staff | None]] = []
        author = find_by_email(roster, commit.email) if commit.email else None
        if author is not None:
            hands.append((author.github, author))
        pusher = pushers.get(commit.sha)
        if pusher is not None:
            hands.append((pusher, find_author(roster, pusher)))
        for login, member in hands:
            found.extend(_not_theirs(commit, login, member, commit.changes))
        if opened_by is not None:
            hidden = [c for c in commit.changes if c[1] not in net]
            found.extend(_not_theirs(commit, *opened_by, hidden))
    return found


def _not_theirs(
    commit: Commit, login: str, member: Staff | None, changes: Iterable[tuple[str, str, str]]
) -> list[Diagnostic]:
    """`not-owner` for each of `changes` (of `commit`) that `login` may not make."""
    if member is not None and member.role == "reviewer":
        return []
    found = []
    for _status, path, _blob in changes:
        if member is None:
            found.append(diag(path, "not-owner", "not-owner-unknown", author=login))
        elif not path.startswith(f"submissions/{member.id}/"):
            found.append(
                diag(
                    path,
                    "not-owner",
                    "not-owner-commit",
                    author=login,
                    own=member.id,
                    path=path,
                    commit=commit.sha[:12],
                )
            )
    return found
