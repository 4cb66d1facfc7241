"""How rule checks are declared and what they see.

A check is a function registered under its rule id (declared in `registry.py` with severity and
handbook article). Report checks run once per parsed report; repository checks run once per run.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from validator.core.diagnostics import Diagnostic
from validator.models import Policy
from validator.models.org import Approval
from validator.reading.loader import Document, Loc, Mark
from validator.repo.workspace import Org, ReportFile, Workspace
from validator.rules.registry import REGISTRY


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

    @functools.cached_property
    def approvals(self) -> dict[str, Approval]:
        """Approvals by id, built once per run rather than once per expense claim."""
        return {a.id: a for a in self.org.approvals.approvals}


ReportCheck = Callable[[Context, ReportFile], Iterable[Diagnostic]]
RepoCheck = Callable[[Context], Iterable[Diagnostic]]

F = TypeVar("F", ReportCheck, RepoCheck)

REPORT_CHECKS: list[tuple[str, ReportCheck]] = []
REPO_CHECKS: list[tuple[str, RepoCheck]] = []


def _registrar(table: list[tuple[str, F]], rule_id: str) -> Callable[[F], F]:
    if rule_id not in REGISTRY:  # a check for a rule nobody declared: a bug at import time
        raise ValueError(f"unknown rule {rule_id!r}")

    def register(func: F) -> F:
        table.append((rule_id, func))
        return func

    return register


def report_check(rule_id: str) -> Callable[[ReportCheck], ReportCheck]:
    """Register a per-report check for `rule_id` (which must be in the registry)."""
    return _registrar(REPORT_CHECKS, rule_id)


def repo_check(rule_id: str) -> Callable[[RepoCheck], RepoCheck]:
    """Register a whole-repository check for `rule_id`."""
    return _registrar(REPO_CHECKS, rule_id)


def position(document: Document | None, loc: Loc, *, key: bool = False) -> Mark | None:
    """Where `loc` is in `document` (for a diagnostic's `at=`)."""
    return document.mark(loc, key=key) if document else None
