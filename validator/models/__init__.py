"""Pydantic models of the reference data reviewers keep in `org/` (the report models are the
kinds', in `validator.kinds`)."""

from validator.models.org import Approvals, Leave, Regions, Scores, StaffRoster
from validator.models.policy import Policy

__all__ = ["Approvals", "Leave", "Policy", "Regions", "Scores", "StaffRoster"]
