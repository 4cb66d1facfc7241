"""The report form's build-time settings, without a site build (the browser test builds one)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.roster import LI_MING, staff_yaml
from validator.site.reportform import form_config, load_repo_org, roster_json

POLICY = """\
timezone: Asia/Urumqi
reports:
  weekly: {due: {weekday: tuesday, time: "09:30"}}
  monthly: {due: {day: 3, time: "12:00"}}
"""
STAFF = staff_yaml(LI_MING)


def _repo(tmp_path: Path) -> Path:
    (tmp_path / "org").mkdir()
    (tmp_path / "org/policy.yaml").write_text(POLICY, "utf-8")
    (tmp_path / "org/staff.yaml").write_text(STAFF, "utf-8")
    return tmp_path


def test_settings_follow_policy_and_extra(tmp_path: Path) -> None:
    org = load_repo_org(_repo(tmp_path))
    extra = {"git_host": "https://git.example.org/", "repository": "/ops/reports/"}
    assert form_config(org, extra, "public", "2026-11-23T10:00:00") == {
        "git_host": "https://git.example.org",
        "repository": "ops/reports",
        "branch": "main",
        "git_kind": "github",
        "new_file": {
            "url": "https://git.example.org/ops/reports/new/main",
            "name": "filename",
            "content": "value",
        },
        "upload_url": "https://git.example.org/ops/reports/upload/main/{dir}",
        "timezone": "Asia/Urumqi",
        "weekly_due": {"weekday": "tuesday", "time": "09:30"},
        "monthly_due": {"day": 3, "time": "12:00"},
        "expenses_due": {"day": 10, "time": "00:00"},
        "now": "2026-11-23T04:00:00Z",  # a naive --now is read in the policy's zone (UTC+6)
        "roster": False,
        "kinds": {  # from the table of report kinds
            "weekly": {"period": "week", "name": "周报"},
            "monthly": {"period": "month", "name": "月报"},
            "expenses": {"period": "month", "name": "报销"},
            "incidents": {"period": "occurred_at", "name": "突发事件"},
        },
    }


def test_defaults_without_org_or_extra(tmp_path: Path) -> None:
    settings = form_config(load_repo_org(tmp_path / "missing"), {}, "internal", None)
    assert (settings["git_host"], settings["repository"], settings["now"]) == ("", "", None)
    assert settings["timezone"] == "Asia/Shanghai"
    assert settings["roster"] is True


def test_roster_holds_ids_and_names_only(tmp_path: Path) -> None:
    org = load_repo_org(_repo(tmp_path))
    assert json.loads(roster_json(org)) == [{"id": "li-ming", "name": "李明"}]
