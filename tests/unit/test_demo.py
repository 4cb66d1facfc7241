"""`validator demo`: a valid, deterministic demo organization whose history makes the designed
mix of on-time, late, missing and excused weeks, with exactly the deliberate problems."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from click.testing import CliRunner

from validator.cli import cli
from validator.demo import build_demo
from validator.models.org import Leave, StaffRoster
from validator.repo.history import load_history

NOW = "2026-11-27T10:00:00+08:00"  # a Friday morning: this week's reports are not due yet
SEED = "7"
TZ = ZoneInfo("Asia/Shanghai")


def _demo(dest: Path, *args: str) -> Path:
    result = CliRunner().invoke(cli, ["demo", str(dest), "--now", NOW, "--seed", SEED, *args])
    assert result.exit_code == 0, result.output
    return dest


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


def _check(repo: Path) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(
        cli, ["check", "--repo", str(repo), "--now", NOW, "--format", "json", "--no-cache"]
    )
    return result.exit_code, json.loads(result.output)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _demo(tmp_path_factory.mktemp("demo") / "repo")


def weekly_states(repo: Path, now: dt.datetime, weeks: int = 12) -> dict[tuple[str, str], str]:
    """The weekly states (docs/guide/submit.md#received) of every reporting member's weeks, read
    from the files and git history (an oracle independent of the generator)."""
    roster = StaffRoster.model_validate(yaml.safe_load((repo / "org/staff.yaml").read_text()))
    leave = Leave.model_validate(yaml.safe_load((repo / "org/leave.yaml").read_text())).leave
    received = load_history(repo, use_cache=False).received
    today = now.astimezone(TZ).date()
    last = today - dt.timedelta(days=today.weekday())
    mondays = [last - dt.timedelta(weeks=i) for i in range(weeks - 1, -1, -1)]
    states: dict[tuple[str, str], str] = {}
    for member in roster.staff:
        if member.role != "staff" or member.category == "channel_assistant":
            continue  # channel assistants owe no reports under the default policy (JP 四(一)3)
        for monday in mondays:
            friday = monday + dt.timedelta(days=4)
            year, number, _ = monday.isocalendar()
            week = f"{year}-W{number:02d}"
            path = f"submissions/{member.id}/weekly/{week}.yaml"
            due = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(13), TZ)
            if not member.posted_during(monday, friday):
                state = "not_required"
            elif any(e.staff == member.id and e.from_ <= monday and friday <= e.to for e in leave):
                state = "excused"
            elif (repo / path).is_file():
                state = "on_time" if received[path] < due else "late"
            else:
                state = "missing" if due <= now else "pending"
            states[member.id, week] = state
    return states


def test_command_prints_one_line_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", str(tmp_path / "d"), "--now", NOW, "--seed", SEED])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        rf"已生成示例仓库 {re.escape(str(tmp_path / 'd'))}:8 名外派人员,93 份报告,98 个提交,"
        r"用时 \d+\.\d 秒。\n",
        result.output,
    )


def test_same_seed_same_history_other_seed_other_history(demo: Path, tmp_path: Path) -> None:
    again = _demo(tmp_path / "again")
    head = _git(demo, "rev-parse", "HEAD")
    assert _git(again, "rev-parse", "HEAD") == head
    other = CliRunner().invoke(cli, ["demo", str(tmp_path / "other"), "--now", NOW, "--seed", "8"])
    assert other.exit_code == 0, other.output
    assert _git(tmp_path / "other", "rev-parse", "HEAD") != head


def test_check_reports_exactly_the_deliberate_problems(demo: Path) -> None:
    code, report = _check(demo)
    assert code == 1
    problems = [(d["severity"], d["rule"], d["path"]) for d in report["diagnostics"]]
    errors = [p for p in problems if p[0] == "error"]
    assert errors == [
        ("error", "handover-missing", "org/staff.yaml"),
        ("error", "approval-missing", "submissions/li-ming/expenses/2026-09.yaml"),
        ("error", "approval-after-the-fact", "submissions/li-ming/expenses/2026-10.yaml"),
    ]
    warnings = [(rule, path) for severity, rule, path in problems if severity == "warning"]
    assert ("allocation", "org/regions.yaml") in warnings
    # late with a reason is a warning: exactly the weekly reports the history makes late
    late = sorted(f"submissions/{s}/weekly/{w}.yaml" for (s, w), v in _states(demo) if v == "late")
    assert len(late) == 6
    overdue = [
        ("spare-overdue", f"submissions/li-ming/monthly/{m}.yaml") for m in ("2026-09", "2026-10")
    ]
    # the handover of a posting that ended before the repository existed is filed late
    late.append("submissions/zhang-wei/handover/2025-09-01.yaml")
    assert sorted(warnings) == sorted(
        [("allocation", "org/regions.yaml"), *(("late", p) for p in late), *overdue]
    )


def _states(repo: Path) -> list[tuple[tuple[str, str], str]]:
    return list(weekly_states(repo, dt.datetime.fromisoformat(NOW)).items())


def test_weekly_mix_is_as_designed(demo: Path) -> None:
    now = dt.datetime.fromisoformat(NOW)
    states = weekly_states(demo, now)
    counts = Counter(states.values())
    assert counts == {
        "on_time": 59,
        "late": 6,
        "missing": 5,
        "excused": 2,
        "not_required": 5,
        "pending": 7,
    }
    due = counts["on_time"] + counts["late"] + counts["missing"]
    assert 0.78 <= counts["on_time"] / due <= 0.88
    # the excused weeks are the two whole weeks of leave, the mid-window start needs nothing before
    assert sorted(k for k, v in states.items() if v == "excused") == [
        ("li-ming", "2026-W39"),
        ("wang-fang", "2026-W44"),
    ]
    assert [w for (s, w), v in states.items() if s == "zhou-tao" and v == "not_required"] == [
        "2026-W37",
        "2026-W38",
        "2026-W39",
        "2026-W40",
        "2026-W41",
    ]
    # two days of sick leave still need a report
    assert states["huang-min", "2026-W45"] in ("on_time", "late", "missing")
    # nothing of this week is due or present yet on a Friday morning
    assert {v for (s, w), v in states.items() if w == "2026-W48"} == {"pending"}


def test_every_late_report_says_why_and_dates_are_real(demo: Path) -> None:
    now = dt.datetime.fromisoformat(NOW)
    for (staff, week), state in weekly_states(demo, now).items():
        path = demo / f"submissions/{staff}/weekly/{week}.yaml"
        if state in ("on_time", "late"):
            data = yaml.safe_load(path.read_text("utf-8"))
            assert ("late_reason" in data) == (state == "late"), path
            assert data["staff"] == staff and data["week"] == week
    log = _git(demo, "log", "--format=%at %ct %an", "main").splitlines()
    assert len(log) == 98
    stamps = [line.split() for line in log]
    assert all(a == c for a, c, _ in stamps)  # author date = committer date = arrival
    assert max(int(a) for a, _, _ in stamps) < now.timestamp()
    first = _git(
        demo, "log", "--reverse", "--format=%ad %an %s", "--date=iso", "main"
    ).splitlines()[0]
    assert first == "2026-08-28 10:00:00 +0800 孙丽 建立组织基础数据"


def test_org_data_covers_every_case(demo: Path) -> None:
    regions = yaml.safe_load((demo / "org/regions.yaml").read_text("utf-8"))["regions"]
    assert len(regions) == 10
    assert [r["id"] for r in regions if r["one_stop"]] == ["huizhou"]
    roster = yaml.safe_load((demo / "org/staff.yaml").read_text("utf-8"))["staff"]
    assert Counter(m["category"] for m in roster if m["role"] == "staff") == {
        "technician": 3,
        "account_manager": 2,
        "parts_admin": 2,
        "channel_assistant": 1,
    }
    assert [m["id"] for m in roster if m["role"] == "reviewer"] == ["sun-li", "qian-hao", "he-jing"]
    routed = [m for m in roster if m["role"] == "staff"]
    assert all(m["channel_manager"] == "sun-li" for m in routed)
    assert {m["channel_engineer"] for m in routed} == {"qian-hao", "he-jing"}
    scores = sorted((demo / "org/scores").glob("*.yaml"))
    assert [p.stem for p in scores] == ["2026-08", "2026-09", "2026-10"]
    low = [
        (p.stem, s)
        for p in scores
        for s, v in yaml.safe_load(p.read_text("utf-8"))["scores"].items()
        if v < 60
    ]
    assert low == [("2026-10", "zhang-wei")]
    owners = (demo / ".github/CODEOWNERS").read_text("utf-8")
    assert owners.count("@sunli-hq") == 1  # the catch-all: each folder goes to its engineer
    assert owners.count("@qianhao-hq") == 6 and owners.count("@hejing-hq") == 4
    incidents = sorted(p.name for p in (demo / "submissions").glob("*/incidents/*.yaml"))
    assert incidents == ["2026-11-10-guangzhou-media.yaml"]


def test_report_text_varies(demo: Path) -> None:
    summaries = [
        yaml.safe_load(p.read_text("utf-8"))["summary"]
        for p in (demo / "submissions").glob("*/weekly/*.yaml")
    ]
    assert len(summaries) == 65
    assert len(set(summaries)) >= 55
    assert all(re.search(r"[\u4e00-\u9fff]{4}", s) for s in summaries)


def test_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    result = CliRunner().invoke(cli, ["demo", str(tmp_path), "--now", NOW])
    assert result.exit_code == 2
    assert "不是空目录" in result.output
    forced = CliRunner().invoke(cli, ["demo", str(tmp_path), "--now", NOW, "--force"])
    assert forced.exit_code == 2
    assert "--force 也不会删除它" in forced.output
    assert (tmp_path / "notes.txt").read_text("utf-8") == "mine"


def test_force_replaces_an_earlier_demo(demo: Path, tmp_path: Path) -> None:
    first = _demo(tmp_path / "d", "--seed", "8")
    head = _git(first, "rev-parse", "HEAD")
    _demo(first, "--force")
    assert _git(first, "rev-parse", "HEAD") == _git(demo, "rev-parse", "HEAD") != head


def test_scaled_demo_is_valid(tmp_path: Path) -> None:
    summary = build_demo(
        tmp_path, staff=40, weeks=10, seed=SEED, now=dt.datetime.fromisoformat(NOW)
    )
    assert summary.staff == 40
    code, report = _check(tmp_path)
    errors = [(d["rule"], d["path"]) for d in report["diagnostics"] if d["severity"] == "error"]
    # ten weeks went live at their first week (`test_a_short_demo_owes_nothing_before_it`):
    # 黄敏's posting that ended months before owes no handover
    assert [rule for rule, _ in errors] == ["approval-missing", "approval-after-the-fact"]
    assert code == 1
    states = Counter(weekly_states(tmp_path, dt.datetime.fromisoformat(NOW), weeks=10).values())
    assert dict(states) == summary.weekly
    assert len(_git(tmp_path, "log", "--format=%H").split()) == summary.commits


@pytest.mark.parametrize("weeks", [2, 11])
def test_a_short_demo_owes_nothing_before_it(tmp_path: Path, weeks: int) -> None:
    """A demo of fewer weeks than `status` shows went live at its first week (the policy's
    `start:`): before, `validator demo --weeks 2` showed its ten earlier weeks as 缺交 for
    everyone, as if the whole staff had stopped reporting."""
    build_demo(tmp_path, weeks=weeks, seed=SEED, now=dt.datetime.fromisoformat(NOW))
    done = CliRunner().invoke(
        cli, ["status", "--repo", str(tmp_path), "--now", NOW, "--format", "json"]
    )
    assert done.exit_code == 0, done.output
    status = json.loads(done.output)
    before, during = status["weeks"][: 12 - weeks], status["weeks"][12 - weeks :]
    rows = [member["weekly"] for member in status["staff"]]
    assert {row[week] for row in rows for week in before} == {"not_required"}
    assert {"on_time", "pending"} <= {row[week] for row in rows for week in during}


def test_monthly_reports_and_claims_for_every_posted_month(demo: Path) -> None:
    """Both months that fell due in the window, from everyone posted in them (周涛 only from
    October), so reminders list weekly reports only."""
    for kind in ("monthly", "expenses"):
        filed = sorted(
            (p.parent.parent.name, p.stem) for p in (demo / "submissions").glob(f"*/{kind}/*.yaml")
        )
        staff = ["huang-min", "li-ming", "liu-yang", "wang-fang", "zhang-wei"]
        staff += ["zhao-lei", "zhou-tao"]
        expected = [(s, m) for s in staff for m in ("2026-09", "2026-10")]
        expected.remove(("zhou-tao", "2026-09"))
        assert filed == expected
