"""Running the registered checks: per report, and once per repository."""

from __future__ import annotations

from collections.abc import Collection

from validator.core.diagnostics import Diagnostic
from validator.repo.layout import ReportFile
from validator.rules.base import CHECKS_BY_KIND, REPO_CHECKS, Context


def report_findings(ctx: Context, report: ReportFile) -> list[Diagnostic]:
    """Every report check's findings about one loaded report (none when it did not load).

    Needs only the report, the org data, its received time and "now" (a check declared
    `reads_others` reads other files from the work tree), which is what lets a full check split
    the reports over two processes (`full_check`)."""
    if report.report is None:
        return []
    found: list[Diagnostic] = []
    for rule, check in CHECKS_BY_KIND[report.kind]:  # plain loops: most find nothing in most
        for item in check(ctx, report):
            found.append(item.stamp(rule.id, rule.severity))
    return found


def repo_findings(
    ctx: Context, selected: Collection[str], rules: Collection[str] | None = None
) -> list[Diagnostic]:
    """The whole-repository checks' findings about the `selected` files (they read org data),
    of every such rule or of the `rules` named."""
    return [
        item.stamp(rule.id, rule.severity)
        for rule, check in REPO_CHECKS
        if rules is None or rule.id in rules
        for item in check(ctx)
        if item.path in selected
    ]
