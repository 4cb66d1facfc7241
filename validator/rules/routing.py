"""Routing in org/staff.yaml: whom a member's reports go to (JP 三(一)3: 上报给渠道工程师,
抄送渠道经理). The digest, the CODEOWNERS file and the review requests follow these ids, so an
id that names nobody, or someone who may not review, would silently route reports nowhere."""

from __future__ import annotations

from collections.abc import Iterator

from validator.core.diagnostics import Finding, finding
from validator.models.org import Staff
from validator.rules.base import Context, position, repo_check

FIELDS = ("channel_engineer", "channel_manager")


def misrouted(member: Staff, staff: dict[str, Staff]) -> Iterator[tuple[str, str, str]]:
    """(field, id, message key) of each of `member`'s routing ids that names no reviewer: one
    not in the roster, or someone who is not a reviewer (the digest names them too)."""
    for field in FIELDS:
        target = getattr(member, field)
        if target is None:
            continue
        other = staff.get(target)
        if other is None:
            yield field, target, "routing-unknown"
        elif other.role != "reviewer":
            yield field, target, "routing-not-reviewer"


@repo_check("routing")
def routing(ctx: Context) -> Iterator[Finding]:
    """`channel_engineer` and `channel_manager` name reviewers from the roster."""
    if not ctx.org.roster_known:
        return
    staff = ctx.org.staff
    document = ctx.org.documents.get("org/staff.yaml")
    for i, member in enumerate(ctx.org.roster.staff):
        for field, target, key in misrouted(member, staff):
            yield finding(
                "org/staff.yaml",
                key,
                at=position(document, ("staff", i, field)),
                field=field,
                staff=member.id,
                target=target,
            )
