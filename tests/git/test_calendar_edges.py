"""Calendar edges judged from real git history: daylight saving time in the policy's zone, ISO
week 53 and the turn of the year (docs/guide/submit.md#received).

A deadline is an instant: every command compares moments as instants, whatever zone a commit
date or `--now` is written in, and a duration (`due_within: 24h`) is that many real hours."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from click.testing import CliRunner

from tests.support import CASES
from tests.support.corpus import BASE
from tests.support.gitrepo import GitRepo
from validator.checking.check import check
from validator.cli import cli
from validator.features.status import compute_status
from validator.repo.workspace import open_workspace

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


# America/New_York: clocks go forward on Sunday 2026-03-08 (02:00 EST -> 03:00 EDT), so a monthly
# deadline set at 02:30 on the 8th does not occur that day: it is the moment the clocks jump
# (03:00 EDT), the first that reads later than 02:30, and messages show it as such.
SPRING_FORWARD = 'timezone: America/New_York\nreports:\n  monthly: {due: {day: 8, time: "02:30"}}\n'


@pytest.mark.parametrize(
    ("committed", "expected"),
    [
        ("2026-03-08T01:59:59-05:00", []),
        ("2026-03-08T06:59:59Z", []),  # the same instant, written in UTC
        ("2026-03-08T03:00:00-04:00", ["late"]),  # the clocks read 03:00, past 02:30
        ("2026-03-08T07:00:00Z", ["late"]),
        ("2026-03-08T03:15:00-04:00", ["late"]),
    ],
)
def test_a_deadline_the_clocks_skip_is_when_they_jump(
    git_repo: GitRepo, committed: str, expected: list[str]
) -> None:
    repo = with_policy(git_repo, SPRING_FORWARD)
    path = "submissions/li-ming/monthly/2026-02.yaml"
    repo.write(path, MONTHLY.replace("2026-10", "2026-02").replace("2026-11-03", "2026-03-03"))
    repo.commit("monthly", committed)
    assert rules(repo, path) == expected


def test_a_deadline_the_clocks_skip_is_shown_as_a_time_that_exists(git_repo: GitRepo) -> None:
    repo = with_policy(git_repo, SPRING_FORWARD)
    path = "submissions/li-ming/monthly/2026-02.yaml"
    repo.write(path, MONTHLY.replace("2026-10", "2026-02").replace("2026-11-03", "2026-03-03"))
    repo.commit("monthly", "2026-03-08T03:15:00-04:00")
    (late,) = check(repo.root, [path], LATER).diagnostics
    assert "2026-03-08 03:00:00 -0400" in late.message("en"), late.message("en")
    assert "02:30" not in late.message("zh")


# America/New_York: clocks go back on Sunday 2026-11-01 (02:00 EDT -> 01:00 EST), so 01:15 occurs
# twice. A weekly deadline on Sunday 01:30 is the first 01:30 (EDT); at the second 01:15 (EST) it
# has passed, although the clocks read an earlier time.
FALL_BACK = (
    'timezone: America/New_York\nreports:\n  weekly: {due: {weekday: sunday, time: "01:30"}}\n'
)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-11-01T01:15:00-04:00", "pending"),  # the first 01:15, before the deadline
        ("2026-11-01T01:29:59-04:00", "pending"),
        ("2026-11-01T01:30:00-04:00", "missing"),
        ("2026-11-01T01:15:00-05:00", "missing"),  # the second 01:15: 45 minutes after it
        ("2026-11-01T06:15:00Z", "missing"),  # the same instant, written in UTC
    ],
)
def test_a_deadline_in_the_hour_that_occurs_twice_is_its_first(
    git_repo: GitRepo, now: str, expected: str
) -> None:
    repo = with_policy(git_repo, FALL_BACK)
    status = compute_status(open_workspace(repo.root), dt.datetime.fromisoformat(now), weeks=2)
    assert status.deadlines["2026-W43"] == dt.datetime(2026, 11, 1, 5, 30, tzinfo=dt.UTC)
    member = next(m for m in status.staff if m.id == "li-ming")
    assert member.weekly["2026-W43"] == expected


# ISO week 53: 2026 has one (Monday 2026-12-28 to Sunday 2027-01-03, due Monday 2027-01-04);
# 2025 and 2027 have 52 weeks, and 1969 is before the supported years.
@pytest.mark.parametrize(
    ("week", "said"),
    [
        ("2025-W53", "2025 年只有 52 个 ISO 周"),
        ("2027-W53", "2027 年只有 52 个 ISO 周"),
        ("2026-W54", "2026 年只有 53 个 ISO 周"),
        ("2026-W00", "2026 年只有 53 个 ISO 周"),
        ("1969-W01", "年份应在 1970 至 9998 之间"),
        ("1969-W52", "年份应在 1970 至 9998 之间"),
        ("2026-w53", "--week 应为 YYYY-Www"),
        ("2027-W02", "2027-W02 还没有开始"),
    ],
)
def test_digest_refuses_a_week_that_does_not_exist_in_chinese(
    git_repo: GitRepo, week: str, said: str
) -> None:
    repo = with_policy(git_repo, "timezone: Asia/Shanghai\n")
    result = CliRunner().invoke(
        cli, ["digest", "--repo", str(repo.root), "--week", week, "--now", "2027-01-04T14:00:00"]
    )
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert said in result.output, result.output


def test_digest_of_week_53_after_its_monday_deadline(git_repo: GitRepo) -> None:
    repo = with_policy(git_repo, "timezone: Asia/Shanghai\n")
    path = "submissions/li-ming/weekly/2026-W53.yaml"
    repo.write(path, WEEKLY.replace("2026-W47", "2026-W53").replace("2026-11-17", "2026-12-31"))
    repo.commit("weekly", "2027-01-04T12:59:59+08:00")
    for now in ("2027-01-04T13:00:00+08:00", "2027-01-04T05:00:00Z"):
        result = CliRunner().invoke(cli, ["digest", "--repo", str(repo.root), "--now", now])
        assert result.exit_code == 0, result.output
        assert result.output.startswith("周报汇总 2026-W53"), result.output
    before = CliRunner().invoke(
        cli, ["digest", "--repo", str(repo.root), "--now", "2027-01-04T12:59:59+08:00"]
    )
    assert before.output.startswith("周报汇总 2026-W52"), before.output


@pytest.mark.parametrize(
    ("week", "zh", "en"),
    [
        ("2025-W53", "2025 年只有 52 个 ISO 周", "2025 has 52 ISO weeks"),
        ("2027-W53", "2027 年只有 52 个 ISO 周", "2027 has 52 ISO weeks"),
        ("2026-W00", "2026 年只有 53 个 ISO 周", "2026 has 53 ISO weeks"),
    ],
)
def test_a_week_file_that_does_not_exist_says_how_many_weeks_the_year_has(
    git_repo: GitRepo, week: str, zh: str, en: str
) -> None:
    repo = with_policy(git_repo, "timezone: Asia/Shanghai\n")
    path = f"submissions/li-ming/weekly/{week}.yaml"
    repo.write(path, WEEKLY.replace("2026-W47", week))
    (found,) = check(repo.root, [path], LATER).diagnostics
    assert found.rule == "unexpected-file"
    assert zh in found.message("zh") and en in found.message("en"), found.message("zh")
    assert "2026-W47" not in found.message("zh")  # not the example of a week that exists


def test_new_refuses_week_53_of_a_year_without_one(git_repo: GitRepo) -> None:
    repo = with_policy(git_repo, "timezone: Asia/Shanghai\n")
    result = CliRunner().invoke(
        cli,
        ["new", "weekly", "--repo", str(repo.root), "--staff", "li-ming", "--period", "2027-W53",
         "--now", "2028-01-04T10:00:00"],
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "2027 年只有 52 个 ISO 周" in result.output, result.output


def test_new_weekly_on_new_years_day_proposes_week_53(git_repo: GitRepo) -> None:
    repo = with_policy(git_repo, "timezone: Asia/Shanghai\n")
    repo.write(
        "submissions/li-ming/weekly/2026-W52.yaml",
        WEEKLY.replace("2026-W47", "2026-W52").replace("2026-11-17", "2026-12-22"),
    )
    repo.commit("W52", "2026-12-27T10:00:00+08:00")
    result = CliRunner().invoke(
        cli,
        ["new", "weekly", "--repo", str(repo.root), "--staff", "li-ming",
         "--now", "2027-01-01T10:00:00+08:00"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = (repo.root / "submissions/li-ming/weekly/2026-W53.yaml").read_text("utf-8")
    assert "week: 2026-W53" in written and "2027-01-04 13:00" in written, written


# America/New_York: clocks go back on Sunday 2026-11-01. The 2026-W43 digest holds what arrived
# before its deadline (Monday 2026-10-26 13:00 EDT), the 2026-W44 one what arrived from then
# until its own (Monday 2026-11-02 13:00 EST): a report received at 13:30 EDT that Monday is in
# the second, not in neither (seven days before 13:00 EST is 14:00 EDT, not 13:00).
ROUTED = "    github: liming-gz\n    channel_engineer: zhao-lei\n"


@pytest.mark.parametrize(
    "received",
    ["2026-10-26T13:00:00-04:00", "2026-10-26T13:30:00-04:00", "2026-10-28T10:00:00-04:00"],
)
def test_a_report_received_after_one_digest_is_in_the_next_across_a_clock_change(
    git_repo: GitRepo, received: str
) -> None:
    repo = with_policy(git_repo, "timezone: America/New_York\n")
    staff = (BASE / "org/staff.yaml").read_text("utf-8")
    repo.write("org/staff.yaml", staff.replace("    github: liming-gz\n", ROUTED, 1))
    path = "submissions/li-ming/monthly/2026-09.yaml"
    repo.write(path, MONTHLY.replace("2026-10", "2026-09"))
    repo.commit("monthly", received)
    said = {}
    for week in ("2026-W43", "2026-W44"):
        result = CliRunner().invoke(
            cli,
            ["digest", "--repo", str(repo.root), "--week", week, "--now", "2026-11-03T10:00:00"],
        )
        assert result.exit_code == 0, result.output
        said[week] = "月报 2026-09" in result.output
    assert said == {"2026-W43": False, "2026-W44": True}, said
