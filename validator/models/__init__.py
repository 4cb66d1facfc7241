"""Pydantic models of the reference data reviewers keep in `org/` (the report models are the
kinds', in `validator.kinds`)."""

from validator.models.org import (
    Approvals,
    Leave,
    Policy,
    Regions,
    Scores,
    StaffRoster,
)

__all__ = ["Approvals", "Leave", "Policy", "Regions", "Scores", "StaffRoster"]
