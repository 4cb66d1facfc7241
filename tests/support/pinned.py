"""The rule ids the product contract pins (docs/cli.md): other tools depend on them exactly."""

from __future__ import annotations

PINNED_RULES = [
    "encoding",
    "too-large",
    "symlink",
    "yaml-syntax",
    "duplicate-key",
    "yaml-unsafe",
    "unexpected-file",
    "schema",
    "path-mismatch",
    "unknown-staff",
    "unknown-region",
    "duplicate-id",
    "not-posted",
    "future-period",
    "date-out-of-period",
    "late",
    "approval-missing",
    "allocation",
    "not-owner",
    "modified-after-merge",
    "deleted-after-merge",
    "backdated",
    "codeowners-stale",
    "spare-overdue",
    "stock-region-missing",
    "approval-after-the-fact",
    "handover-missing",
]
#: rules beyond the SPEC's pinned list, each with the issue that asked for it
ADDED_RULES = [
    "routing",  # issue 15: channel_engineer / channel_manager must name reviewers (JP 三(一)3)
    "handover-units",  # issue 14: a handover hands over the units still out on loan (JP 三(七)1)
    "unvalidated",  # issue 13: a report on main that no green validate run noted
    "archive-summary",  # issue 17: a closed year's summary on main matches its archive branch
    "comment-in-text",  # text a ` #` comment cut short was lost without a word (nothing is lost)
    "shallow-history",  # a shallow clone's reports older than its cut were all falsely late
]
