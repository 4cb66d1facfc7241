"""Rule checks. Importing this package registers every check (see `base.py`)."""

from validator.rules import (
    codeowners,
    deadlines,
    expenses,
    handover,
    org,
    periods,
    references,
    routing,
    spares,
)
from validator.rules.base import REPO_CHECKS, REPORT_CHECKS, Context

__all__ = [
    "REPORT_CHECKS",
    "REPO_CHECKS",
    "Context",
    "codeowners",
    "deadlines",
    "expenses",
    "handover",
    "org",
    "periods",
    "references",
    "routing",
    "spares",
]
