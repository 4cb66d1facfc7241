"""Slips of writing a report on a phone that break the YAML: a line broken in the middle of a
text, a field name without its colon or with a full-width one, a field indented a space too
deep, a quote left open, a text that starts with a character YAML reserves.

Each is named on the line where it was made, in Chinese, with what to write instead. Before, a
line broken in two was blamed on the line after it (「缺少“:”」), a quote left open on the last
line of the file, a field indented too deep got a hint about colons in a text, and a text
starting with `[`, `"`, `*`, `@`, `!` or `|` got libyaml's English or a hint about indentation.
"""

from __future__ import annotations

import re

import pytest

from tests.support import CASES
from tests.support.problems import Problem
from tests.support.problems import problems as told
from validator.kinds.weekly import WeeklyReport
from validator.reading.loader import load_text

WEEKLY = "submissions/li-ming/weekly/2026-W47.yaml"
GOOD = (CASES / "valid/weekly-minimal" / WEEKLY).read_text(encoding="utf-8")


def problems(path: str, text: str, lang: str = "zh") -> list[Problem]:
    return told(path, text, WeeklyReport, lang)


def edited(path: str, old: str, new: str) -> str:
    assert path == WEEKLY and old in GOOD, old
    return GOOD.replace(old, new, 1)


SUMMARY = "summary: 本周走访广州、佛山授权站,处理投诉3起。"

SYNTAX = [
    # (name, old, new, line, column, what the Chinese message must say)
    (
        "text-broken-onto-a-new-line",
        SUMMARY,
        "summary: 本周走访广州、佛山授权站,\n处理投诉3起。",
        4,
        1,
        "接到上一行",
    ),
    (
        "list-item-broken-onto-a-new-line",
        "  - 跟进佛山授权站备件申请",
        "  - 跟进佛山授权站\n备件申请",
        11,
        1,
        "接到上一行",
    ),
    (
        "text-with-a-full-width-colon-broken-onto-a-new-line",
        SUMMARY,
        "summary: 本周走访广州、佛山授权站,\n备注：处理投诉3起。",
        4,
        3,
        "接到上一行",
    ),
    ("colon-left-out", SUMMARY, SUMMARY.replace(": ", " "), 3, 1, "“summary: "),
    # the first field of a mapping: libyaml reads it and the next line as one text
    # (`staff li-ming week`) and balks at the next line's colon, as if it were in a text
    ("colon-left-out-of-the-first-field", "staff: li-ming", "staff li-ming", 1, 1, "“staff: "),
    (
        "colon-left-out-of-an-item's-first-field",
        "  - date: 2026-11-17",
        "  - date 2026-11-17",
        5,
        5,
        "“date: 2026-11-17”",
    ),
    (
        "chinese-field-name-full-width-colon",
        SUMMARY,
        SUMMARY.replace("summary: ", "小结："),
        3,
        3,
        "全角冒号,YAML 不认它)。如果它接着上一行的文字,请把它接到上一行末尾;"
        "如果它是一个字段,请用格式说明里的英文字段名",
    ),
    (
        "chinese-field-name-in-an-item",
        "    site: 天河授权站",
        "    站点：天河授权站",
        7,
        7,
        "全角冒号",
    ),
    (
        "field-indented-by-a-space",
        SUMMARY,
        " " + SUMMARY,
        3,
        2,
        "“summary” 这一行比上一个字段缩进得深",
    ),
    (
        "item-field-indented-deeper",
        "    site: 天河授权站",
        "     site: 天河授权站",
        7,
        6,
        "“site” 这一行比上一个字段缩进得深",
    ),
    ("quote-left-open", SUMMARY, SUMMARY.replace(": ", ': "'), 3, 10, "引号"),
    (
        "quoted-phrase-then-text",
        SUMMARY,
        SUMMARY.replace("本周", '"本周"'),
        3,
        10,
        """summary: '"本周"走访""",
    ),
    (
        "text-typed-after-the-empty-quotes-of-new",
        SUMMARY,
        SUMMARY.replace(": ", ': ""'),
        3,
        10,
        '写进引号里,写成 summary: "本周走访',
    ),
    (
        "brackets-then-text",
        SUMMARY,
        SUMMARY.replace("本周", "[重要]本周"),
        3,
        10,
        'summary: "[重要]',
    ),
    ("braces-then-text", SUMMARY, SUMMARY.replace("本周", "{重要}本周"), 3, 10, 'summary: "{重要}'),
    ("asterisks", SUMMARY, SUMMARY.replace("本周", "*重要* 本周"), 3, 10, 'summary: "*重要*'),
    ("ampersand", SUMMARY, SUMMARY.replace("本周", "&本周"), 3, 10, 'summary: "&本周'),
    ("at-sign", SUMMARY, SUMMARY.replace("本周", "@张经理 本周"), 3, 10, 'summary: "@张经理'),
    ("exclamation", SUMMARY, SUMMARY.replace("本周", "!重要 本周"), 3, 10, 'summary: "!重要'),
    ("bar", SUMMARY, SUMMARY.replace("本周", "|本周"), 3, 10, 'summary: "|本周'),
    ("greater-than", SUMMARY, SUMMARY.replace("本周", ">本周"), 3, 10, 'summary: ">本周'),
    ("percent", SUMMARY, SUMMARY.replace("本周", "%50 本周"), 3, 10, 'summary: "%50'),
    ("backquote", SUMMARY, SUMMARY.replace("本周", "`本周"), 3, 10, 'summary: "`本周'),
    ("dash-and-space", SUMMARY, SUMMARY.replace("本周", "- 本周"), 3, 10, 'summary: "- 本周'),
    ("english-quote-left-open", SUMMARY, 'summary: "visited Guangzhou', 3, 10, "引号"),
    (
        "list-item-on-the-line-of-its-field",
        "plan:\n  - 跟进佛山授权站备件申请",
        "plan: - 跟进佛山授权站备件申请",
        9,
        7,
        "如果这是一个列表,请把每一项另起一行",
    ),
    (
        "list-item-starting-with-brackets",
        "  - 跟进佛山授权站备件申请",
        "  - [急]跟进佛山授权站备件申请",
        10,
        5,
        '- "[急]跟进',
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "says"), [s[1:] for s in SYNTAX], ids=[s[0] for s in SYNTAX]
)
def test_a_syntax_slip_is_named_on_its_own_line(
    old: str, new: str, line: int, column: int, says: str
) -> None:
    found = problems(WEEKLY, edited(WEEKLY, old, new))
    assert [(where, col, rule) for where, col, rule, _ in found] == [(line, column, "yaml-syntax")]
    message = found[0][3]
    assert says in message, message
    assert "expected" not in message and "found" not in message, message  # libyaml's English
    [(_, _, _, english)] = problems(WEEKLY, edited(WEEKLY, old, new), "en")
    assert english and not re.search(r"\{[a-z_]+\}", english), english  # every placeholder filled


def test_a_list_left_open_keeps_its_own_message() -> None:
    """`[guangzhou, foshan` is a list not closed, not a text that starts with `[`."""
    text = edited(WEEKLY, "plan:", "regions: [guangzhou, foshan\nplan:")
    [(_, _, rule, message)] = problems(WEEKLY, text)
    assert rule == "yaml-syntax" and "加引号" not in message and "列表" in message, message


@pytest.mark.parametrize(
    "line", ["regions: [guangzhou] foshan", "complaints: {handled: 3}}", 'week: "2026-W47"x']
)
def test_a_list_or_a_value_is_not_told_to_be_quoted_as_a_text(line: str) -> None:
    """Quoting makes a text: right for `[重要]本周…`, wrong where a list or an id was meant."""
    text = edited(WEEKLY, "plan:", line + "\nplan:")
    [(_, _, rule, message)] = problems(WEEKLY, text)
    assert rule == "yaml-syntax" and "引号" not in message, message


def test_a_colon_inside_a_text_keeps_its_own_message() -> None:
    text = edited(WEEKLY, SUMMARY, SUMMARY.replace("本周", "注意: 本周"))
    [(line, _, rule, message)] = problems(WEEKLY, text)
    assert (line, rule) == (3, "yaml-syntax") and "加引号" in message, message


def test_a_list_item_cut_by_a_comment_is_warned_at_its_hash() -> None:
    """`- 跟进 #3 号站` keeps only 跟进, in a list as in a field (rule `comment-in-text`), and
    the report still loads: a warning, not a syntax error."""
    item = "  - 跟进佛山授权站备件申请"
    result = load_text(edited(WEEKLY, item, item + " #3 号站"), WEEKLY)
    assert result.document is not None and result.diagnostics == []
    [(line, column, rule, message)] = [
        (d.line, d.column, d.rule, d.message("zh")) for d in result.warnings
    ]
    assert (line, column, rule) == (10, len(item) + 2, "comment-in-text"), (line, column)
    assert "“3 号站”" in message and "“跟进佛山授权站备件申请”" in message, message
    [english] = [d.message("en") for d in result.warnings]
    assert not re.search(r"\{[a-z_]+\}", english), english


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (SUMMARY, "summary: #3号站更换电源", "summary"),
        ("  - 跟进佛山授权站备件申请", "  - #2 跟进佛山授权站备件申请", "跟进"),
    ],
    ids=["field", "list-item"],
)
def test_a_text_that_starts_with_a_hash_is_told_it_became_a_comment(
    old: str, new: str, field: str
) -> None:
    """`summary: #3号站更换电源` is a YAML comment after an empty value: before, the writer was
    told only 不能为空, of a line that plainly holds a text. The warning says why, and the
    quoted text to write."""
    result = load_text(edited(WEEKLY, old, new), WEEKLY)
    [warning] = result.warnings
    line = edited(WEEKLY, old, new).splitlines().index(new) + 1
    assert (warning.line, warning.rule) == (line, "comment-in-text"), warning
    quoted = new.split("#", 1)[1]
    message = warning.message("zh")
    assert f'"#{quoted}"' in message and "注释" in message, message


def test_a_template_comment_after_a_field_left_empty_is_not_warned() -> None:
    """`validator new` writes comments three spaces after a value (`successor: null   # 接任者`):
    a writer who deletes the null leaves a comment, not a text that lost its start."""
    result = load_text(edited(WEEKLY, SUMMARY, "summary:   # 本周概况"), WEEKLY)
    assert result.warnings == [], result.warnings


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  - date: 2026-11-17", "\t- date: 2026-11-17"),
        ("  - 跟进佛山授权站备件申请", "\t- 跟进佛山授权站备件申请"),
        ("    site: 天河授权站", "\tsite: 天河授权站"),
    ],
    ids=["list-item", "plan-item", "field-in-an-item"],
)
def test_a_tab_in_the_indentation_is_named_as_one(old: str, new: str) -> None:
    """A list item indented with a tab got libyaml's guess list (出现了不能开始值的字符(Tab 缩进?
    以 @ 或 ` 开头需加引号)) where the line plainly starts with a tab; a field indented with one
    was already told so."""
    text = edited(WEEKLY, old, new)
    line = text.splitlines().index(new) + 1
    [(where, column, rule, message)] = problems(WEEKLY, text)
    assert (where, column, rule) == (line, 1, "yaml-syntax")
    assert "不能用 Tab 缩进,请改用空格" in message and "?" not in message, message
    [(_, _, _, english)] = problems(WEEKLY, text, "en")
    assert "tab" in english, english
