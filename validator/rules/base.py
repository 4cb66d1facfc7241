"""How rule checks are declared and what they see.

A check is a function registered under its rule id (declared in `registry.py` with severity and
handbook article). It yields `Finding`s; the runner (`run.py`) stamps each with the rule's id and
severity (as yamllint's runner stamps `problem.rule`), so a check never repeats its own id.
Report checks run once per parsed report; repository checks run once per run.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from validator.core.diagnostics import Finding
from validator.kinds import KINDS
from validator.models import Policy
from validator.models.handbook import Handbook, handbook_of
from validator.models.org import Approval
from validator.reading.document import Document, Loc, Mark
from validator.repo.layout import ReportFile
from validator.repo.org_data import Org
from validator.repo.workspace import Workspace
from validator.rules.registry import REGISTRY, Rule


@dataclass
class Context:
    workspace: Workspace
    now: dt.datetime

    @property
    def org(self) -> Org:
        return self.workspace.org

    @property
    def policy(self) -> Policy:
        return self.workspace.org.policy

    def received_at(self, path: str) -> dt.datetime:
        """When a report reached the repository; an uncommitted file arrives "now"."""
        return self.workspace.history.received_at(path) or self.now

    @property
    def approvals(self) -> dict[str, Approval]:
        """Approvals by id (`Org.approval_by_id`)."""
        return self.org.approval_by_id

    @functools.cached_property
    def handbook(self) -> Handbook:
        """The organisation's `org/handbook.yaml`, else the product's defaults: what a message
        may cite."""
        return handbook_of(self.org.handbook)


ReportCheck = Callable[[Context, ReportFile], Iterable[Finding]]
RepoCheck = Callable[[Context], Iterable[Finding]]

#: every registered check with its rule; the runner (`run.py`) stamps what each one finds
REPORT_CHECKS: list[tuple[Rule, ReportCheck]] = []
REPO_CHECKS: list[tuple[Rule, RepoCheck]] = []
#: per report kind, the report checks that look at it, in the order they were registered
CHECKS_BY_KIND: dict[str, list[tuple[Rule, ReportCheck]]] = {kind: [] for kind in KINDS}
#: the report checks declared to read more than their report, the org data, its received time
#: and "now" (other reports, archive/ summaries), and the kinds they look at: a verdict on such
#: a kind depends on files the verdict cache does not watch, so it is never taken from there
READS_OTHERS: set[ReportCheck] = set()
CROSS_FILE_KINDS: set[str] = set()


def _rule(rule_id: str) -> Rule:
    if rule_id not in REGISTRY:  # a check for a rule nobody declared: a bug at import time
        raise ValueError(f"unknown rule {rule_id!r}")
    return REGISTRY[rule_id]


def report_check(
    rule_id: str, *, kinds: Collection[str] = (), reads_others: bool = False
) -> Callable[[ReportCheck], ReportCheck]:
    """Register a per-report check for `rule_id` (which must be in the registry). A check that
    looks at some `kinds` only (validator/kinds/) is not run for the others; one that reads
    other files (`reads_others`: other reports, archive/) says so, or a full check would answer
    from its cache after those files changed."""
    rule = _rule(rule_id)
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise ValueError(f"{rule_id}: unknown report kinds {unknown}")

    def register(func: ReportCheck) -> ReportCheck:
        REPORT_CHECKS.append((rule, func))
        for kind in kinds or KINDS:
            CHECKS_BY_KIND[kind].append((rule, func))
        if reads_others:
            READS_OTHERS.add(func)
            CROSS_FILE_KINDS.update(kinds or KINDS)
        return func

    return register


def repo_check(rule_id: str) -> Callable[[RepoCheck], RepoCheck]:
    """Register a whole-repository check for `rule_id`."""
    rule = _rule(rule_id)

    def register(func: RepoCheck) -> RepoCheck:
        REPO_CHECKS.append((rule, func))
        return func

    return register


def cited(ctx: Context, rule: str, meant: str) -> dict[str, Any]:
    """The message arguments that cite the article behind `rule`: `meant` (the product's own
    link) while the organisation's handbook lists it for the rule, else the handbook's first
    article for it, else none, so that no message cites a regulation the organisation removed."""
    return cited_in(ctx.handbook, rule, meant)


def cited_in(book: Handbook, rule: str, meant: str) -> dict[str, Any]:
    """`cited` with the handbook alone (the report form says a rule's message without a run)."""
    label = cited_label(book, rule, meant)
    return (
        {"cited_zh": f"({label})", "cited": f" ({label})"}
        if label
        else {"cited_zh": "", "cited": ""}
    )


def cited_label(book: Handbook, rule: str, meant: str) -> str | None:
    """The name of the article `rule` cites (`meant`, when the handbook still links the rule to
    it, else the one it does), or None when the handbook cites none."""
    if meant in book.rules.get(rule, ()):
        return book.articles.get(meant)
    return book.rule_article(rule)


def position(document: Document | None, loc: Loc, *, key: bool = False) -> Mark | None:
    """Where `loc` is in `document` (for a diagnostic's `at=`)."""
    return document.mark(loc, key=key) if document else None
