"""Routing in org/staff.yaml: whom a member's reports go to (JP 三(一)3: 上报给渠道工程师,
抄送渠道经理). The digest, the CODEOWNERS file and the review requests follow these ids, so an
id that names nobody, or someone who may not review, would silently route reports nowhere."""

from __future__ import annotations

from collections.abc import Iterator

from validator.core.diagnostics import Finding, finding
from validator.rules.base import Context, position, repo_check

FIELDS = ("channel_engineer", "channel_manager")


@repo_check("routing")
def routing(ctx: Context) -> Iterator[Finding]:
    """`channel_engineer` and `channel_manager` name reviewers from the roster."""
    if not ctx.org.roster_known:
        return
    staff = ctx.org.staff
    document = ctx.org.documents.get("org/staff.yaml")
    for i, member in enumerate(ctx.org.roster.staff):
        for field in FIELDS:
            target = getattr(member, field)
            if target is None:
                continue
            where = position(document, ("staff", i, field))
            other = staff.get(target)
            if other is None:
                yield finding(
                    "org/staff.yaml",
                    "routing-unknown",
                    at=where,
                    field=field,
                    staff=member.id,
                    target=target,
                )
            elif other.role != "reviewer":
                yield finding(
                    "org/staff.yaml",
                    "routing-not-reviewer",
                    at=where,
                    field=field,
                    staff=member.id,
                    target=target,
                )
