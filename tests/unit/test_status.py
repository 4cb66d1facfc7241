"""Weekly states, window, on-time rate and streak (docs/guide/submit.md#received), and `validator
status`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.gitrepo import GitRepo
from tests.support.status import add_weekly, leave_yaml, posted_roster, setup_org, weekly_yaml
from validator.cli import cli
from validator.features.status import (
    compute_status,
    handover_duties,
    on_time_rate,
    streak,
    window,
)
from validator.repo.workspace import open_workspace

NOW = "2026-11-27T10:00:00+08:00"  # Friday of 2026-W48


@pytest.fixture
def org_repo(git_repo: GitRepo) -> GitRepo:
    """Four staff members and a reviewer, with every weekly state somewhere in W43–W48."""
    setup_org(
        git_repo,
        posted_roster(
            ("wang-a", "王安", "2026-01-01", None),
            ("li-bo", "李博", "2026-11-11", None),  # posted from the Wednesday of W46
            ("zhou-ce", "周策", "2025-06-01", "2026-10-31"),  # ends on the Saturday of W44
            ("xu-di", "许迪", "2026-11-14", None),  # starts on the Saturday of W46
            reviewer="zhao-shen",
        ),
        leave_yaml(
            [
                ("wang-a", "2026-11-09", "2026-11-13"),  # all of Mon–Fri of W46
                ("li-bo", "2026-11-16", "2026-11-19"),  # Mon–Thu of W47 only
            ]
        ),
    )
    add_weekly(git_repo, "wang-a", "2026-W43", "2026-10-20", "2026-10-26T12:59:59+08:00")
    add_weekly(git_repo, "wang-a", "2026-W44", "2026-10-27", "2026-11-02T13:00:00+08:00")
    add_weekly(git_repo, "wang-a", "2026-W47", "2026-11-17", "2026-11-23T04:59:59+00:00")
    add_weekly(git_repo, "zhou-ce", "2026-W46", "2026-11-10", "2026-11-15T20:00:00+08:00")
    # uncommitted: received "now", after the deadline of 2026-11-23 13:00
    git_repo.write(
        "submissions/xu-di/weekly/2026-W47.yaml", weekly_yaml("xu-di", "2026-W47", "2026-11-18")
    )
    return git_repo


WEEKS = ["2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48"]
EXPECTED = {
    "wang-a": (["on_time", "late", "missing", "excused", "on_time", "pending"], 0.5, 1),
    "li-bo": (
        ["not_required", "not_required", "not_required", "missing", "missing", "pending"],
        0.0,
        0,
    ),
    "zhou-ce": (["missing", "missing", "not_required", "on_time"] + ["not_required"] * 2, 1 / 3, 1),
    "xu-di": (["not_required"] * 4 + ["late", "pending"], 0.0, 0),
}


def test_every_state_rate_and_streak(org_repo: GitRepo) -> None:
    status = compute_status(open_workspace(org_repo.root), dt.datetime.fromisoformat(NOW), 6)
    assert status.week_texts == WEEKS
    assert [m.id for m in status.staff] == ["wang-a", "li-bo", "zhou-ce", "xu-di"]
    for member in status.staff:
        states, rate, run = EXPECTED[member.id]
        assert list(member.weekly.values()) == states, member.id
        assert member.on_time_rate == rate, member.id
        assert member.streak == run, member.id


def test_exactly_at_deadline_is_late_one_second_before_is_on_time(org_repo: GitRepo) -> None:
    status = compute_status(open_workspace(org_repo.root), dt.datetime.fromisoformat(NOW), 6)
    wang = status.staff[0]
    assert wang.cells["2026-W44"].due == dt.datetime.fromisoformat("2026-11-02T13:00:00+08:00")
    assert wang.cells["2026-W44"].received == wang.cells["2026-W44"].due
    assert wang.cells["2026-W44"].state == "late"
    assert wang.cells["2026-W43"].state == "on_time"


def test_pending_turns_missing_at_the_deadline(org_repo: GitRepo) -> None:
    workspace = open_workspace(org_repo.root)
    before = compute_status(workspace, dt.datetime.fromisoformat("2026-11-30T12:59:59+08:00"), 1)
    at = compute_status(workspace, dt.datetime.fromisoformat("2026-11-30T13:00:00+08:00"), 2)
    assert before.week_texts == ["2026-W49"]
    assert at.staff[0].weekly == {"2026-W48": "missing", "2026-W49": "pending"}


def test_naive_now_is_read_in_the_policy_zone(org_repo: GitRepo) -> None:
    org_repo.write("org/policy.yaml", "timezone: UTC\n")
    status = compute_status(open_workspace(org_repo.root), dt.datetime(2026, 11, 23, 12, 0), 2)
    # W47 is due at 13:00 UTC; wang-a's report came at 04:59:59 UTC
    assert status.as_of.isoformat() == "2026-11-23T12:00:00+00:00"
    assert status.staff[0].weekly == {"2026-W47": "on_time", "2026-W48": "pending"}


def test_status_json_cli(org_repo: GitRepo) -> None:
    args = ["status", "--repo", str(org_repo.root), "--now", NOW, "--weeks", "6"]
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["as_of"] == NOW
    assert data["weeks"] == WEEKS
    assert [
        (m["id"], list(m["weekly"]), list(m["weekly"].values()), m["on_time_rate"], m["streak"])
        for m in data["staff"]
    ] == [(k, WEEKS, *v) for k, v in EXPECTED.items()]


def test_status_csv_and_text(org_repo: GitRepo) -> None:
    args = ["status", "--repo", str(org_repo.root), "--now", NOW, "--weeks", "3"]
    csv_out = CliRunner().invoke(cli, [*args, "--format", "csv"])
    assert csv_out.exit_code == 0
    assert csv_out.output.splitlines() == [
        "id,name,2026-W46,2026-W47,2026-W48,on_time_rate,streak",
        "wang-a,王安,excused,on_time,pending,1.0000,1",
        "li-bo,李博,missing,missing,pending,0.0000,0",
        "zhou-ce,周策,on_time,not_required,not_required,1.0000,1",
        "xu-di,许迪,not_required,late,pending,0.0000,0",
    ]
    text = CliRunner().invoke(cli, args)
    assert text.exit_code == 0
    assert text.output.splitlines() == [
        "截至 2026-11-27 10:00 CST,最近 3 周周报状态",
        "人员           W46   W47   W48   准时率  连续准时",
        "王安(wang-a)   请假  准时  待交  100.0%      1 周",
        "李博(li-bo)    缺交  缺交  待交    0.0%      0 周",
        "周策(zhou-ce)  准时  无需  无需  100.0%      1 周",
        "许迪(xu-di)    无需  迟交  待交    0.0%      0 周",
    ]


def test_status_of_an_empty_repository(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["status", "--repo", str(tmp_path), "--now", NOW, "--format", "json", "--weeks", "1"]
    )
    assert result.exit_code == 0
    assert json.loads(result.output) == {"as_of": NOW, "weeks": ["2026-W48"], "staff": []}


def test_status_usage_errors(tmp_path: Path) -> None:
    bad_now = CliRunner().invoke(cli, ["status", "--repo", str(tmp_path), "--now", "yesterday"])
    assert bad_now.exit_code == 2
    assert "Traceback" not in bad_now.output
    missing = CliRunner().invoke(cli, ["status", "--repo", "/nonexistent/repo"])
    assert missing.exit_code == 2
    zero = CliRunner().invoke(cli, ["status", "--repo", str(tmp_path), "--weeks", "0"])
    assert zero.exit_code == 2


def test_53_week_year_and_the_week_of_first_january(git_repo: GitRepo) -> None:
    setup_org(
        git_repo,
        posted_roster(
            ("wang-a", "王安", "2026-01-01", None), ("li-bo", "李博", "2026-01-01", None)
        ),
        leave_yaml([("li-bo", "2026-12-28", "2027-01-01")]),  # Mon–Fri of 2026-W53
    )
    add_weekly(git_repo, "wang-a", "2026-W53", "2027-01-01", "2027-01-04T12:59:00+08:00")
    status = compute_status(
        open_workspace(git_repo.root), dt.datetime.fromisoformat("2027-01-05T09:00:00+08:00"), 3
    )
    assert status.week_texts == ["2026-W52", "2026-W53", "2027-W01"]
    assert status.deadlines["2026-W53"] == dt.datetime.fromisoformat("2027-01-04T13:00:00+08:00")
    assert status.staff[0].weekly == {
        "2026-W52": "missing",
        "2026-W53": "on_time",
        "2027-W01": "pending",
    }
    assert status.staff[1].weekly == {
        "2026-W52": "missing",
        "2026-W53": "excused",
        "2027-W01": "pending",
    }
    assert (status.staff[0].on_time_rate, status.staff[0].streak) == (0.5, 1)
    assert (status.staff[1].on_time_rate, status.staff[1].streak) == (0.0, 0)


def test_week_of_first_january_2026_belongs_to_iso_year_2026(git_repo: GitRepo) -> None:
    # 2026-01-01 is a Thursday: 2026-W01 runs 2025-12-29 .. 2026-01-04
    setup_org(git_repo, posted_roster(("wang-a", "王安", "2026-01-01", None)))
    status = compute_status(
        open_workspace(git_repo.root), dt.datetime.fromisoformat("2026-01-06T09:00:00+08:00"), 3
    )
    assert status.week_texts == ["2025-W52", "2026-W01", "2026-W02"]
    assert status.staff[0].weekly == {
        "2025-W52": "not_required",
        "2026-W01": "missing",  # the posting starts on Thursday of that week
        "2026-W02": "pending",
    }


@pytest.mark.parametrize(
    ("today", "count", "expected"),
    [
        (dt.date(2027, 1, 3), 1, ["2026-W53"]),
        (dt.date(2027, 1, 4), 2, ["2026-W53", "2027-W01"]),
        (dt.date(2026, 1, 1), 2, ["2025-W52", "2026-W01"]),
        (dt.date(2021, 1, 3), 2, ["2020-W52", "2020-W53"]),
        (dt.date(2026, 11, 23), 1, ["2026-W48"]),
    ],
)
def test_window(today: dt.date, count: int, expected: list[str]) -> None:
    assert [w.text for w in window(today, count)] == expected


@pytest.mark.parametrize(
    ("states", "rate", "run"),
    [
        ([], None, 0),
        (["pending", "excused", "not_required"], None, 0),
        (["on_time", "on_time", "late", "on_time", "excused", "on_time", "pending"], 0.8, 2),
        (["on_time", "missing", "not_required", "pending"], 0.5, 0),
        (["on_time"] * 3, 1.0, 3),
        (["late", "on_time", "not_required", "on_time", "excused"], 2 / 3, 2),
    ],
)
def test_rate_and_streak(states: list[str], rate: float | None, run: int) -> None:
    assert on_time_rate(states) == rate
    assert streak(states) == run


def test_posted_reviewers_are_listed_and_leave_may_come_in_pieces(git_repo: GitRepo) -> None:
    roster = posted_roster(("wang-a", "王安", "2026-01-01", None)) + (
        "  - id: zhao-shen\n    name: 赵审\n    category: technician\n"
        "    email: z@example.com\n    github: zhao-shen\n    role: reviewer\n"
        "    postings:\n      - {regions: [guangzhou], from: 2026-01-01, to: null}\n"
        "  - id: qian-kan\n    name: 钱看\n    category: technician\n"
        "    email: q@example.com\n    github: qian-kan\n    role: reviewer\n"
    )
    setup_org(
        git_repo,
        roster,
        leave_yaml(
            [("wang-a", "2026-11-16", "2026-11-18"), ("wang-a", "2026-11-19", "2026-11-22")]
        ),
    )
    status = compute_status(open_workspace(git_repo.root), dt.datetime.fromisoformat(NOW), 2)
    assert [(m.id, m.weekly["2026-W47"]) for m in status.staff] == [
        ("wang-a", "excused"),
        ("zhao-shen", "missing"),
    ]


def test_go_live_day_one_shows_nothing_missing_before_it(org_repo: GitRepo) -> None:
    """policy `start:` (issue 19 item 1): on the first day, weeks that ended before it are
    not_required for everyone, even weeks with a file, so the on-time rate counts only weeks since
    go-live."""
    org_repo.write("org/policy.yaml", "start: 2026-11-16\n")
    day_one = dt.datetime.fromisoformat("2026-11-16T09:00:00+08:00")
    status = compute_status(open_workspace(org_repo.root), day_one, 6)
    assert status.week_texts == ["2026-W42", *WEEKS[:4], "2026-W47"]
    for member in status.staff:
        assert set(list(member.weekly.values())[:5]) == {"not_required"}, member.id
        assert "missing" not in member.weekly.values()
    later = compute_status(open_workspace(org_repo.root), dt.datetime.fromisoformat(NOW), 6)
    wang = next(m for m in later.staff if m.id == "wang-a")
    assert list(wang.weekly.values()) == ["not_required"] * 4 + ["on_time", "pending"]
    assert wang.on_time_rate == 1.0 and wang.streak == 1
    assert wang.cells["2026-W43"].path is not None  # the file is still linked from the page
    xu = next(m for m in later.staff if m.id == "xu-di")
    assert xu.weekly["2026-W47"] == "late"  # a week that ends after go-live is judged as ever


ASSISTANT = (
    "  - id: chen-zhu\n    name: 陈助\n    category: channel_assistant\n"
    "    email: c@example.com\n    github: chen-zhu\n"
    "    postings:\n      - {regions: [guangzhou], from: 2026-01-01, to: null}\n"
)


def test_channel_assistants_owe_no_reports_unless_the_policy_opts_them_in(
    git_repo: GitRepo,
) -> None:
    """JP 四(一)3, 四(二)4 (issue 14 item 4): a channel assistant is not 外派; by default no weekly
    state, no reminder; `channel_assistants_report: true` lists them like anyone else."""
    setup_org(git_repo, posted_roster(("wang-a", "王安", "2026-01-01", None)) + ASSISTANT)
    now = dt.datetime.fromisoformat(NOW)
    status = compute_status(open_workspace(git_repo.root), now, 2)
    assert [m.id for m in status.staff] == ["wang-a"]
    git_repo.write("org/policy.yaml", "channel_assistants_report: true\n")
    status = compute_status(open_workspace(git_repo.root), now, 2)
    assert [(m.id, m.weekly["2026-W47"]) for m in status.staff] == [
        ("wang-a", "missing"),
        ("chen-zhu", "missing"),
    ]


def test_handover_owed_when_a_posting_ends(git_repo: GitRepo) -> None:
    """Issue 14 item 6: a posting with `to` owes a handover dated within the window (default 7
    days); one filed in it meets the duty, one dated after it does not."""
    setup_org(
        git_repo,
        posted_roster(
            ("wang-a", "王安", "2025-01-01", "2026-11-20"),  # window open on NOW (27th)
            ("li-bo", "李博", "2025-01-01", "2026-11-10"),  # window closed on the 17th
            ("zhou-ce", "周策", "2025-01-01", "2026-11-10"),  # filed on the 12th
            ("xu-di", "许迪", "2025-01-01", "2026-11-01"),  # filed on the 9th: too late
        ),
    )
    for staff_id, day in (("zhou-ce", "2026-11-12"), ("xu-di", "2026-11-09")):
        git_repo.write(
            f"submissions/{staff_id}/handover/{day}.yaml",
            f"staff: {staff_id}\ndate: {day}\nreason: departure\nregions: [guangzhou]\n",
        )
    workspace = open_workspace(git_repo.root)
    now = dt.datetime.fromisoformat(NOW)
    found = {
        m.id: [(str(d.start), str(d.until), d.done and str(d.done), d.missing(now)) for d in ds]
        for m in workspace.org.roster.staff
        for ds in [handover_duties(workspace, m)]
    }
    assert found == {
        "wang-a": [("2026-11-20", "2026-11-27", None, False)],
        "li-bo": [("2026-11-10", "2026-11-17", None, True)],
        "zhou-ce": [("2026-11-10", "2026-11-17", "2026-11-12", False)],
        "xu-di": [("2026-11-01", "2026-11-08", None, True)],
    }


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("category: account_manager", "category: 42"),  # any error: the roster reads as empty
        ("id: li-bo", "id: wang-a"),  # two people under one id: one's reports counted twice
    ],
)
def test_status_stops_with_the_roster_errors_it_would_stand_on(
    org_repo: GitRepo, old: str, new: str
) -> None:
    """Read as empty, a broken roster printed '暂无数据' with status 0; a duplicate id gave two
    rows with the same reports."""
    staff = org_repo.root / "org/staff.yaml"
    text = staff.read_text(encoding="utf-8")
    assert old in text
    org_repo.write("org/staff.yaml", text.replace(old, new, 1))
    org_repo.commit("a broken roster", "2026-11-20T09:00:00+08:00")
    result = CliRunner().invoke(cli, ["status", "--repo", str(org_repo.root), "--now", NOW])
    assert result.exit_code == 2, result.output
    assert "org/staff.yaml" in result.output
