"""Who may change what in a pull request (SPEC §6, JP 三(一)3).

Staff add their own reports and nothing else; a report on the base branch is final (a reviewer
corrects it). The roster is read from the base branch, so a pull request cannot promote its own
author to reviewer.
"""

from __future__ import annotations

from collections.abc import Iterable

from validator.checking.pr.gitfacts import Change
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
