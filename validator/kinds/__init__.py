"""The table of report kinds: one module per kind, one row each (see `validator.kinds.base`).

Adding a kind is its module here, a line in `_MODULES`, its corpus cases and its docs page;
loading, rules, pages, schemas, `validator new` and `remind` read this table.
"""

from __future__ import annotations

import datetime as dt
import functools

from validator.kinds import expenses, handover, incidents, monthly, weekly
from validator.kinds.base import Kind, Report
from validator.kinds.periods import Period
from validator.models.handbook import Handbook, default_handbook
from validator.models.policy import Policy, ReportsPolicy

_MODULES = (weekly, monthly, expenses, incidents, handover)

#: folder name -> kind, in the order pages and messages list them
KINDS: dict[str, Kind] = {module.KIND.name: module.KIND for module in _MODULES}
#: folder name -> the pydantic model of its reports
REPORT_MODELS: dict[str, type[Report]] = {name: kind.model for name, kind in KINDS.items()}
#: the policy's defaults: for a kind with a `due_article`, the deadline that article sets
_DEFAULTS = ReportsPolicy()
#: `validator new` argument -> kind
COMMANDS: dict[str, Kind] = {kind.command: kind for kind in KINDS.values()}


@functools.lru_cache(maxsize=4096)  # 400 staff name the same 52 weeks: parse each once
def parse_period(kind: str, text: str) -> Period | None:
    """The period named by a file stem of a `kind` folder, or None when it is not one."""
    found = KINDS.get(kind)
    return found.parse_period(text) if found else None


def due(period: Period, policy: Policy, report: Report | None = None) -> dt.datetime:
    """The deadline of a report for `period` (of `report`, once read: incidents start when they
    happened)."""
    return KINDS[period.kind].due(period, policy, report)


def deadline_article(kind: str, policy: Policy, handbook: Handbook | None = None) -> str | None:
    """The handbook link of the article that sets the deadline of `kind` under `policy`, or None
    when that deadline is the organisation's setting: only a kind whose deadline the regulation
    sets (`Kind.due_article`) while the policy keeps the regulation's value (the product's
    default; an organisation that moves it has made its own rule), and only when the handbook
    (default: the product's) cites an article for it."""
    found = KINDS.get(kind)
    if found is None or not found.due_article:
        return None
    if getattr(policy.reports, kind).due != getattr(_DEFAULTS, kind).due:
        return None
    return (handbook if handbook is not None else default_handbook()).citations.get(kind)


def label(kind: str) -> str:
    return KINDS[kind].label_zh


__all__ = [
    "COMMANDS",
    "KINDS",
    "REPORT_MODELS",
    "Kind",
    "Period",
    "Report",
    "deadline_article",
    "due",
    "parse_period",
]
