"""Pydantic models of every file a user writes: `org/` reference data and the four report kinds."""

from validator.models.org import (
    Approvals,
    Leave,
    Policy,
    Regions,
    Scores,
    StaffRoster,
)
from validator.models.reports import (
    REPORT_MODELS,
    ExpenseReport,
    IncidentReport,
    MonthlyReport,
    WeeklyReport,
)

__all__ = [
    "REPORT_MODELS",
    "Approvals",
    "ExpenseReport",
    "IncidentReport",
    "Leave",
    "MonthlyReport",
    "Policy",
    "Regions",
    "Scores",
    "StaffRoster",
    "WeeklyReport",
]
