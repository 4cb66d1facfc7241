"""Issue 19 item 6: `category` is the post of a dispatched staff member (JP 四(二)2); none of the
four fits a reviewer (渠道工程师, 渠道经理), so reviewers may leave it out. Every message about a
closed list of values names each allowed value with its Chinese name, e.g. training(培训)."""

from __future__ import annotations

from validator.kinds.weekly import WeeklyReport
from validator.models.org import StaffRoster
from validator.reading.loader import load_text
from validator.reading.schema_errors import validate

REVIEWER = """staff:
  - id: zhao-lei
    name: 赵磊
    email: zhao.lei@example.com
    github: zhaolei
    role: reviewer
"""
STAFF = """staff:
  - id: li-ming
    name: 李明
    email: li.ming@example.com
    github: liming-gz
"""


def messages(text: str, model: type, lang: str = "zh") -> list[tuple[int | None, str]]:
    result = load_text(text, "org/staff.yaml")
    assert result.document is not None
    _, found = validate(result.document, model)
    return [(d.line, d.message(lang)) for d in found]


def test_a_reviewer_needs_no_category() -> None:
    assert messages(REVIEWER, StaffRoster) == []


def test_a_staff_member_still_needs_a_category_and_is_told_the_choices() -> None:
    [(line, text)] = messages(STAFF, StaffRoster)
    assert line == 2
    assert "category" in text
    assert "account_manager(客户经理)" in text and "channel_assistant(渠道助理)" in text
    [(_, english)] = messages(STAFF, StaffRoster, "en")
    assert "category" in english and "account_manager" in english


def test_a_wrong_category_lists_the_choices_with_their_chinese_names() -> None:
    text = STAFF + "    category: engineer\n"
    [(line, zh)] = messages(text, StaffRoster)
    assert line == 6
    for choice in ("account_manager(客户经理)", "parts_admin(备件管理员)", "technician(技术员)"):
        assert choice in zh
    [(_, en)] = messages(text, StaffRoster, "en")
    assert "account_manager" in en and "客户经理" not in en


def test_a_wrong_work_category_says_training_with_its_chinese_name() -> None:
    report = """staff: li-ming
week: 2026-W47
summary: 本周走访
work:
  - date: 2026-11-17
    description: 培训
    category: teaching
plan: [跟进]
"""
    found = messages(report, WeeklyReport)
    assert [line for line, _ in found] == [7]
    assert "training(培训)" in found[0][1] and "station(授权站)" in found[0][1]
    assert "'" not in found[0][1]  # not Python's repr of the choices


def test_an_unknown_report_kind_lists_the_kinds_with_their_chinese_names() -> None:
    from validator.repo.layout import classify_all

    _, [problem] = classify_all(["submissions/li-ming/weekli/2026-W47.yaml"])
    assert "weekly(周报)" in problem.message() and "expenses(" in problem.message()
    assert "weekly, monthly" in problem.message("en")
