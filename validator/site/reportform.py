"""What the report form page (`docs/form/`) needs from the build: settings and, internally, names.

The page itself is static JavaScript; it reads one `data-config` attribute that the MkDocs hook
fills from here: the Git host and repository for the "create file" link (`extra` in mkdocs.yml),
the deadlines and time zone from `org/policy.yaml` (so the default period is the one due next),
and "now" when `$VALIDATOR_NOW` pins it. The roster (ids and names) is personal data, so it is
only offered to internal builds, as a separate `roster.json`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from validator.core.diagnostics import Diagnostic
from validator.core.timeutil import resolve_now
from validator.repo.workspace import Org, load_org

FORM_PAGE = "form/index.md"
ROSTER_FILE = "form/roster.json"
AUDIENCES = ("public", "internal")


def load_repo_org(repo: Path) -> Org:
    """The org data of `repo`; a missing or broken file falls back to the defaults."""
    problems: list[Diagnostic] = []
    return load_org(repo, problems) if repo.is_dir() else Org()


def form_config(
    org: Org, extra: Mapping[str, Any], audience: str, now_text: str | None
) -> dict[str, Any]:
    """The settings the page script reads (JSON-serializable)."""
    policy = org.policy
    reports = policy.reports
    now: str | None = None
    if now_text:
        moment = resolve_now(now_text, policy.tz)
        now = moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return {
        # As configured: a bare host name means https:// (the page adds it when building the link).
        "git_host": str(extra.get("git_host") or "").strip().rstrip("/"),
        "repository": str(extra.get("repository") or "").strip().strip("/"),
        "branch": str(extra.get("git_branch") or "main"),
        "timezone": policy.timezone,
        "weekly_due": {"weekday": reports.weekly.due.weekday, "time": reports.weekly.due.time},
        "monthly_due": {"day": reports.monthly.due.day, "time": reports.monthly.due.time},
        "expenses_due": {"day": reports.expenses.due.day, "time": reports.expenses.due.time},
        "now": now,
        "roster": audience == "internal",
    }


def roster_entries(org: Org) -> list[dict[str, str]]:
    """Ids and names for the staff picker: nothing more than the picker shows."""
    return [{"id": m.id, "name": m.name} for m in org.roster.staff]


def roster_json(org: Org) -> str:
    return json.dumps(roster_entries(org), ensure_ascii=False, indent=1) + "\n"
