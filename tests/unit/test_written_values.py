"""Values a phone or paper habit writes differently from a report: a field left empty, a period
written as a number, a date as `2026/11/17` or `2026年11月17日`, a number with full-width digits,
a unit or a thousands separator.

Before, an emptied `summary:` was 「应为文本」 where the form says 不能为空, `week: 48` was told
to be quoted as "48" (still not a week) and given the model's example week rather than the
file's, and `2026/11/17`, `１２` or `1,280.50` got only the format, never the value to write.
"""

from __future__ import annotations

import pytest

from tests.support import CASES
from tests.support.problems import Problem
from tests.support.problems import problems as told
from validator.kinds.base import Report
from validator.kinds.expenses import ExpenseReport
from validator.kinds.incidents import IncidentReport
from validator.kinds.weekly import WeeklyReport

WEEKLY = "submissions/li-ming/weekly/2026-W47.yaml"
EXPENSES = "submissions/li-ming/expenses/2026-10.yaml"
INCIDENT = "submissions/li-ming/incidents/2026-11-20-tianhe-media.yaml"
#: the same reports under the name of another period: an example taken from the file name
#: is then not the model's fixed one (2026-W47, 2026-10)
WEEKLY_48 = "submissions/li-ming/weekly/2026-W48.yaml"
EXPENSES_09 = "submissions/li-ming/expenses/2026-09.yaml"
MODELS: dict[str, type[Report]] = {
    WEEKLY: WeeklyReport,
    WEEKLY_48: WeeklyReport,
    EXPENSES: ExpenseReport,
    EXPENSES_09: ExpenseReport,
    INCIDENT: IncidentReport,
}
SOURCES = {
    WEEKLY: CASES / "valid/weekly-minimal" / WEEKLY,
    WEEKLY_48: CASES / "valid/weekly-minimal" / WEEKLY,
    EXPENSES: CASES / "valid/expenses" / EXPENSES,
    EXPENSES_09: CASES / "valid/expenses" / EXPENSES,
    INCIDENT: CASES / "valid/incident" / INCIDENT,
}


def problems(path: str, text: str, lang: str = "zh") -> list[Problem]:
    return told(path, text, MODELS[path], lang)


def edited(path: str, old: str, new: str) -> str:
    good = SOURCES[path].read_text(encoding="utf-8")
    assert old in good, old
    return good.replace(old, new, 1)


SUMMARY = "summary: 本周走访广州、佛山授权站,处理投诉3起。"

SCHEMA = [
    # (name, path, old, new, line, what the Chinese message must say, what it must not)
    ("text-left-empty", WEEKLY, SUMMARY, "summary:", 3, "“summary” 不能为空", "应为文本"),
    ("week-as-a-number", WEEKLY_48, "week: 2026-W47", "week: 48", 2, "应为 2026-W48", "加引号"),
    ("week-without-its-zero", WEEKLY_48, "week: 2026-W47", "week: 2026-W8", 2, "应为 2026-W48", ""),
    (
        "week-in-curly-quotes",
        WEEKLY_48,
        "week: 2026-W47",
        "week: “2026-W48”",
        2,
        "应为 2026-W48",
        "",
    ),
    (
        "month-as-a-number",
        EXPENSES_09,
        "month: 2026-10",
        "month: 202609",
        2,
        "应为 2026-09",
        "加引号",
    ),
    (
        "date-with-slashes",
        WEEKLY,
        "date: 2026-11-17",
        "date: 2026/11/17",
        5,
        "请写成 2026-11-17",
        "",
    ),
    ("date-with-dots", WEEKLY, "date: 2026-11-17", "date: 2026.11.17", 5, "请写成 2026-11-17", ""),
    (
        "date-in-chinese",
        WEEKLY,
        "date: 2026-11-17",
        "date: 2026年11月17日",
        5,
        "请写成 2026-11-17",
        "",
    ),
    (
        "date-full-width",
        WEEKLY,
        "date: 2026-11-17",
        "date: ２０２６-１１-１７",
        5,
        "请写成 2026-11-17",
        "",
    ),
    (
        "date-one-digit-day",
        WEEKLY,
        "date: 2026-11-17",
        "date: 2026-11-7",
        5,
        "请写成 2026-11-07",
        "",
    ),
    ("date-month-first", WEEKLY, "date: 2026-11-17", "date: 11/17/2026", 5, "YYYY-MM-DD", "请写成"),
    (
        "date-curly-quotes",
        WEEKLY,
        "date: 2026-11-17",
        "date: “2026-11-17”",
        5,
        "请写成 2026-11-17",
        "",
    ),
    (
        "time-full-width-colon",
        INCIDENT,
        "occurred_at: 2026-11-20T14:30:00+08:00",
        "occurred_at: 2026-11-20 14：30",
        2,
        "请写成 2026-11-20T14:30",
        "",
    ),
    (
        "time-with-slashes",
        INCIDENT,
        "occurred_at: 2026-11-20T14:30:00+08:00",
        "occurred_at: 2026/11/20 14:30",
        2,
        "请写成 2026-11-20T14:30",
        "",
    ),
    (
        "count-full-width",
        WEEKLY,
        "plan:",
        "complaints:\n  handled: １２\nplan:",
        10,
        "请写成 12",
        "",
    ),
    (
        "count-with-a-unit",
        WEEKLY,
        "plan:",
        "complaints:\n  handled: 3起\nplan:",
        10,
        "请写成 3",
        "",
    ),
    (
        "count-thousands",
        WEEKLY,
        "plan:",
        "complaints:\n  handled: 1,200\nplan:",
        10,
        "请写成 1200",
        "",
    ),
    ("amount-thousands", EXPENSES, "amount: 1280.50", "amount: 1,280.50", 6, "请写成 1280.50", ""),
    (
        "amount-full-width-comma",
        EXPENSES,
        "amount: 1280.50",
        "amount: 1，280.50",
        6,
        "请写成 1280.50",
        "",
    ),
    (
        "amount-ideographic-point",
        EXPENSES,
        "amount: 1280.50",
        "amount: 1280。50",
        6,
        "请写成 1280.50",
        "",
    ),
    (
        "amount-full-width-digits",
        EXPENSES,
        "amount: 1280.50",
        "amount: １２８０.５０",
        6,
        "请写成 1280.50",
        "",
    ),
    ("amount-quoted", EXPENSES, "amount: 1280.50", 'amount: "1280.50"', 6, "请写成 1280.50", ""),
    ("amount-yuan", EXPENSES, "amount: 1280.50", "amount: 1280.50元", 6, "请写成 1280.50", ""),
    ("amount-yen-sign", EXPENSES, "amount: 1280.50", "amount: ￥1280.50", 6, "请写成 1280.50", ""),
    (
        "amount-decimal-comma",
        EXPENSES,
        "amount: 1280.50",
        "amount: 1280,50",
        6,
        "应为数字",
        "请写成",
    ),
]


@pytest.mark.parametrize(
    ("path", "old", "new", "line", "says", "not_says"),
    [s[1:] for s in SCHEMA],
    ids=[s[0] for s in SCHEMA],
)
def test_a_value_written_as_on_paper_is_given_as_it_should_be(
    path: str, old: str, new: str, line: int, says: str, not_says: str
) -> None:
    found = problems(path, edited(path, old, new))
    assert [(where, rule) for where, _, rule, _ in found] == [(line, "schema")], found
    message = found[0][3]
    assert says in message, message
    assert not not_says or not_says not in message, message
    [(_, _, _, english)] = problems(path, edited(path, old, new), "en")
    if says.startswith("请写成 "):
        assert says.removeprefix("请写成 ") in english, english


LISTS = [
    # (name, old, new, line, the fix the message must show)
    (
        "plan-as-a-sentence",
        "plan:\n  - 跟进佛山授权站备件申请",
        "plan: 跟进佛山授权站备件申请，整理故障机库存",
        9,
        "plan: [跟进佛山授权站备件申请, 整理故障机库存]",
    ),
    (
        "regions-with-commas",
        "plan:",
        "regions: guangzhou, foshan\nplan:",
        9,
        "regions: [guangzhou, foshan]",
    ),
    ("one-region", "plan:", "regions: guangzhou\nplan:", 9, "regions: [guangzhou]"),
    (
        "items-with-enumeration-commas",
        "plan:\n  - 跟进佛山授权站备件申请",
        "plan: 走访授权站、[急]培训服务态度",
        9,
        'plan: [走访授权站, "[急]培训服务态度"]',
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "line", "fix"), [s[1:] for s in LISTS], ids=[s[0] for s in LISTS]
)
def test_a_list_written_as_a_sentence_is_shown_as_a_list(
    old: str, new: str, line: int, fix: str
) -> None:
    """Before, `plan: 甲，乙` was told to type an ASCII comma instead of `，` (then still a text,
    not a list) and `regions: guangzhou, foshan` only that a list was expected."""
    found = problems(WEEKLY, edited(WEEKLY, old, new))
    assert [(where, rule) for where, _, rule, _ in found] == [(line, "schema")], found
    message = found[0][3]
    assert fix in message and "“- ”" in message and "英文逗号" not in message, message
    [(_, _, _, english)] = problems(WEEKLY, edited(WEEKLY, old, new), "en")
    assert fix in english, english


@pytest.mark.parametrize(
    ("value", "choice"),
    [("销售", "sales"), ("Sales", "sales"), ("ＳＡＬＥＳ", "sales"), ("授权站", "station")],
)
def test_a_choice_written_in_chinese_or_capitalised_is_given_as_its_id(
    value: str, choice: str
) -> None:
    """Before, `category: 销售` (the name the formats give it) or `Sales` (a phone capitalises
    it) only got the list of every choice."""
    text = edited(WEEKLY, "    category: station", f"    category: {value}")
    [(line, _, rule, message)] = problems(WEEKLY, text)
    assert (line, rule) == (8, "schema") and f"请写成 {choice}" in message, message
    [(_, _, _, english)] = problems(WEEKLY, text, "en")
    assert f"write {choice}" in english, english


def test_items_written_on_lines_without_their_dashes_are_not_shown_as_one_item() -> None:
    """`plan:` then `跟进…` and `整理…` on lines of their own, the `- ` left out: YAML folds the
    lines into one text (`跟进… 整理…`), so `plan: [跟进… 整理…]` would be one item where two
    were meant, and pass. The message says to start each line with `- ` instead."""
    lines = "plan:\n  跟进佛山授权站备件申请\n  整理故障机库存"
    found = problems(WEEKLY, edited(WEEKLY, "plan:\n  - 跟进佛山授权站备件申请", lines))
    assert [(where, rule) for where, _, rule, _ in found] == [(10, "schema")], found
    message = found[0][3]
    assert "[" not in message and "每一项前加上 “- ”" in message, message
    [(_, _, _, english)] = problems(
        WEEKLY, edited(WEEKLY, "plan:\n  - 跟进佛山授权站备件申请", lines), "en"
    )
    assert "[" not in english and "'- '" in english, english


def test_an_empty_text_where_a_list_is_expected_is_not_shown_as_an_empty_list() -> None:
    """`plan: ""` is no sentence to split: 「这里却是一段文字;请写成 plan: []」 named a text that
    is not there and a list that the next check refuses (至少一条)."""
    text = edited(WEEKLY, "plan:\n  - 跟进佛山授权站备件申请", 'plan: ""')
    [(line, _, rule, message)] = problems(WEEKLY, text)
    assert (line, rule) == (9, "schema"), message
    assert "plan: []" not in message and "一段文字" not in message and "应为列表" in message, (
        message
    )


def test_a_long_sentence_is_shown_by_its_first_items_whole() -> None:
    """A long list is shortened to its first items: cut at 120 characters, the cut fell inside
    a quoted item (`"[急]跟进…并, …]`), a quote never closed in the text to copy."""
    item = "跟进佛山授权站备件申请并整理故障机库存数据上报总部" * 2
    sentence = "，".join([item, item, f"[急]{item}", item])
    text = edited(WEEKLY, "plan:\n  - 跟进佛山授权站备件申请", f"plan: {sentence}")
    [(_, _, rule, message)] = problems(WEEKLY, text)
    assert rule == "schema" and ", …]" in message, message
    shown = message[message.index("plan: [") : message.index(", …]")]
    assert shown.count('"') % 2 == 0 and shown.endswith(item), shown
