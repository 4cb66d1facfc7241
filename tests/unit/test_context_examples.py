"""Issue 19 item 8: examples come from the context, never a fixed person or week, and items are
counted from 1 as the form counts them.

A region was exemplified by 「li-ming」, anyone's wrong staff id by li-ming, a file named
`2026-w48.yaml` by 2026-W47, and the second work item was called `work[1]`.
"""

from __future__ import annotations

import pytest

from validator.kinds.weekly import WeeklyReport
from validator.models.org import StaffRoster
from validator.reading.loader import load_text
from validator.reading.schema_errors import validate
from validator.repo.layout import classify_all

WEEKLY = """staff: wang-fang
week: 2026-W47
summary: 本周走访
work:
  - date: 2026-11-17
    description: 检查
  - date: 2026-11-18
    description: ''
plan: [跟进]
"""
PATH = "submissions/wang-fang/weekly/2026-W47.yaml"


def messages(text: str, model: type, path: str = PATH, lang: str = "zh") -> list[str]:
    result = load_text(text, path)
    assert result.document is not None
    _, found = validate(result.document, model)
    return [d.message(lang) for d in found]


def test_a_wrong_staff_id_is_exemplified_by_the_folders_own_id() -> None:
    [message] = messages(
        WEEKLY.replace("staff: wang-fang", "staff: Wang-Fang").replace("''", "x"), WeeklyReport
    )
    assert "wang-fang" in message and "li-ming" not in message


def test_a_wrong_region_is_exemplified_by_a_region_id() -> None:
    text = WEEKLY.replace("''", "x") + "regions: [Guangzhou]\n"
    [message] = messages(text, WeeklyReport)
    assert "li-ming" not in message and "guangzhou" in message


def test_a_posting_region_in_the_roster_too() -> None:
    roster = """staff:
  - id: li-ming
    name: 李明
    category: technician
    email: li.ming@example.com
    github: liming
    postings:
      - {regions: [Foshan], from: 2025-03-01}
"""
    [message] = messages(roster, StaffRoster, "org/staff.yaml")
    assert "li-ming" not in message and "guangzhou" in message


def test_items_are_counted_from_one_as_the_form_does() -> None:
    [zh] = messages(WEEKLY, WeeklyReport)
    assert "第 2 条" in zh and "[1]" not in zh
    [en] = messages(WEEKLY, WeeklyReport, lang="en")
    assert "item 2" in en and "[1]" not in en


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("2026-w48", "2026-W48"),
        ("2026W48", "2026-W48"),
        ("2026-W8", "2026-W08"),
        ("２０２６-W48", "2026-W48"),
        ("2026_W48", "2026-W48"),
    ],
)
def test_a_wrong_file_name_is_exemplified_by_the_week_it_most_likely_meant(
    name: str, meant: str
) -> None:
    _, [problem] = classify_all([f"submissions/li-ming/weekly/{name}.yaml"])
    message = problem.message()
    assert meant in message and "2026-W47" not in message


def test_a_wrong_month_name_too() -> None:
    _, [problem] = classify_all(["submissions/li-ming/monthly/2026-1.yaml"])
    assert "2026-01" in problem.message()


def test_a_weekly_report_named_by_a_day_is_exemplified_by_that_days_week() -> None:
    """`2026-11-23.yaml` (the Monday) was exemplified by the fixed 2026-W47, the week before."""
    _, [problem] = classify_all(["submissions/li-ming/weekly/2026-11-23.yaml"])
    assert "2026-W48" in problem.message() and "2026-W47" not in problem.message()


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("2026-11-17-广州媒体", "2026-11-17-tianhe-media"),
        ("2026-11-17", "2026-11-17-tianhe-media"),
        ("2026-11-17-Guangzhou Media", "2026-11-17-guangzhou-media"),
        ("2026-11-17_guangzhou_media", "2026-11-17-guangzhou-media"),
        ("2026.11.17-guangzhou", "2026-11-17-guangzhou"),
        ("2026-11-7-guangzhou", "2026-11-07-guangzhou"),
    ],
)
def test_an_incident_name_keeps_its_day_and_says_what_its_name_may_hold(
    name: str, meant: str
) -> None:
    """An incident named in Chinese, or without a name, was exemplified by another day's
    2026-11-20-tianhe-media, and nothing said that the name after the day is lower-case ASCII."""
    _, [problem] = classify_all([f"submissions/li-ming/incidents/{name}.yaml"])
    message = problem.message()
    assert meant in message and "2026-11-20" not in message, message
    assert "小写英文字母、数字和连字符" in message, message
    assert meant in problem.message("en"), problem.message("en")
