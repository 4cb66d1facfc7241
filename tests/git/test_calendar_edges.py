"""Calendar edges judged from real git history: daylight saving time in the policy's zone, ISO
week 53 and the turn of the year (docs/guide/submit.md#received).

A deadline is an instant: every command compares moments as instants, whatever zone a commit
date or `--now` is written in, and a duration (`due_within: 24h`) is that many real hours."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from tests.support import CASES
from tests.support.corpus import BASE
from tests.support.gitrepo import GitRepo
from validator.checking.check import check

INCIDENT = """staff: li-ming
occurred_at: {occurred}
title: 用户向报社投诉授权站维修超期
channel: media
regions: [guangzhou]
parties: [天河授权站]
summary: 用户向报社投诉,已联系授权站加急处理。
status: resolved
"""
MONTHLY = (CASES / "valid/monthly/submissions/li-ming/monthly/2026-10.yaml").read_text("utf-8")
WEEKLY = (CASES / "valid/weekly-minimal/submissions/li-ming/weekly/2026-W47.yaml").read_text(
    "utf-8"
)
LATER = dt.datetime(2027, 1, 20, tzinfo=dt.UTC)  # long after every deadline below


def with_policy(repo: GitRepo, policy: str) -> GitRepo:
    shutil.copytree(BASE / "org", repo.root / "org")
    repo.write("org/policy.yaml", policy)
    repo.commit("org data", "2026-01-05T09:00:00+00:00")
    return repo


def rules(repo: GitRepo, path: str, now: dt.datetime = LATER) -> list[str]:
    return [d.rule for d in check(repo.root, [path], now).diagnostics]


# Europe/Berlin: clocks go back on Sunday 2026-10-25 (03:00 CEST -> 02:00 CET) and forward on
# Sunday 2026-03-29 (02:00 CET -> 03:00 CEST). An incident reported "within 24h" has 24 real
# hours, not until the same time of day on the next day (25 or 23 hours across the change).
@pytest.mark.parametrize(
    ("occurred", "committed", "expected"),
    [
        ("2026-10-24T10:00:00", "2026-10-25T08:59:59+01:00", []),  # 23 h 59 min 59 s
        ("2026-10-24T10:00:00", "2026-10-25T09:00:00+01:00", ["late"]),  # exactly 24 h
        ("2026-10-24T10:00:00", "2026-10-25T09:30:00+01:00", ["late"]),  # 24 h 30 min
        ("2026-03-28T10:00:00", "2026-03-29T10:30:00+02:00", []),  # 23 h 30 min
        ("2026-03-28T10:00:00", "2026-03-29T10:59:59+02:00", []),  # 23 h 59 min 59 s
        ("2026-03-28T10:00:00", "2026-03-29T11:00:00+02:00", ["late"]),  # exactly 24 h
    ],
)
def test_an_incident_has_24_real_hours_across_a_clock_change(
    git_repo: GitRepo, occurred: str, committed: str, expected: list[str]
) -> None:
    repo = with_policy(git_repo, "timezone: Europe/Berlin\n")
    path = f"submissions/li-ming/incidents/{occurred[:10]}-media.yaml"
    repo.write(path, INCIDENT.format(occurred=occurred))
    repo.commit("incident", committed)
    assert rules(repo, path) == expected
