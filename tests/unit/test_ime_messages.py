"""Issue 19 item 7: the commonest slips of typing YAML with a Chinese input method get a message
that names the character, points at its own line and says what to type instead.

Before, a full-width colon or a missing space after `:` reported 「缺少“:”」 on the next line,
full-width indentation 「此处不能出现“键: 值”」 elsewhere, and a full-width comma in a flow list
a region id that 「应为 li-ming」.
"""

from __future__ import annotations

import pytest

from tests.support import CASES
from validator.kinds.weekly import WeeklyReport
from validator.reading.loader import load_text
from validator.reading.schema_errors import validate

PATH = "submissions/li-ming/weekly/2026-W47.yaml"
GOOD = (CASES / "valid/weekly-minimal" / PATH).read_text(encoding="utf-8")


def problems(text: str, lang: str = "zh") -> list[tuple[int | None, str, str]]:
    """(line, rule, message) of every problem: the loader's, else the schema's."""
    result = load_text(text, PATH)
    found = result.diagnostics
    if result.document is not None:
        _, found = validate(result.document, WeeklyReport)
    return [(d.line, d.rule, d.message(lang)) for d in found]


def with_line(old: str, new: str) -> tuple[str, int]:
    """GOOD with `old` replaced by `new`, and the line `new` starts on."""
    assert old in GOOD
    return GOOD.replace(old, new, 1), GOOD[: GOOD.index(old)].count("\n") + 1


SLIPS = [
    # (name, old, new, rule, what the Chinese message must name, what the English must)
    ("full-width-colon", "summary: 本周", "summary：本周", "yaml-syntax", "：", "："),
    ("full-width-colon-in-item", "  - date: 2026", "  - date：2026", "yaml-syntax", "：", "："),
    (
        "no-space-after-colon",
        "summary: 本周",
        "summary:本周",
        "yaml-syntax",
        "summary: ",
        "summary: ",
    ),
    (
        "no-space-after-item-key",
        "    site: 天河",
        "    site:天河",
        "yaml-syntax",
        "site: ",
        "site: ",
    ),
    (
        "full-width-indent",
        "    site: 天河",
        "\u3000\u3000site: 天河",
        "yaml-syntax",
        "全角空格",
        "U+3000",
    ),
    (
        "full-width-space-after-colon",
        "summary: 本周",
        "summary:\u3000本周",
        "yaml-syntax",
        "全角空格",
        "U+3000",
    ),
    (
        "full-width-comma-in-flow-list",
        "plan:\n  - 跟进",
        "regions: [guangzhou，foshan]\nplan:\n  - 跟进",
        "schema",
        "，",
        "，",
    ),
    (
        "enum-comma-in-flow-list",
        "plan:\n  - 跟进",
        "regions: [guangzhou、foshan]\nplan:\n  - 跟进",
        "schema",
        "、",
        "、",
    ),
    (
        "full-width-brackets",
        "plan:\n  - 跟进",
        "regions: ［guangzhou］\nplan:\n  - 跟进",
        "schema",
        "［",
        "［",
    ),
    (
        "lenticular-brackets",
        "plan:\n  - 跟进",
        "regions: 【guangzhou】\nplan:\n  - 跟进",
        "schema",
        "【",
        "【",
    ),
    (
        "full-width-comma-in-flow-mapping",
        "plan:\n  - 跟进",
        "complaints: {handled: 3，escalated: 1}\nplan:\n  - 跟进",
        "yaml-syntax",
        "，",
        "，",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "rule", "zh", "en"), [s[1:] for s in SLIPS], ids=[s[0] for s in SLIPS]
)
def test_an_input_method_slip_is_named_on_its_own_line(
    old: str, new: str, rule: str, zh: str, en: str
) -> None:
    text, line = with_line(old, new)
    found = problems(text)
    assert [(where, kind) for where, kind, _ in found] == [(line, rule)], found
    message = found[0][2]
    assert zh in message
    assert "li-ming" not in message and "缺少“:”" not in message
    [(_, _, english)] = problems(text, "en")
    assert en in english


def test_the_message_says_what_to_type_instead() -> None:
    text, _ = with_line("summary: 本周", "summary：本周")
    [(_, _, zh)] = problems(text)
    assert "“: ”" in zh  # an ASCII colon and a space
    text, _ = with_line("plan:\n  - 跟进", "regions: [guangzhou，foshan]\nplan:\n  - 跟进")
    [(_, _, zh)] = problems(text)
    assert "“,”" in zh


def test_full_width_characters_inside_text_are_fine() -> None:
    text, _ = with_line("summary: 本周", "summary: 【重要】本周，走访　广州：佛山、东莞")
    assert problems(text) == []


def test_a_syntax_error_elsewhere_is_not_blamed_on_an_earlier_line_of_text() -> None:
    text = GOOD.replace("summary: 本周", "summary: 【重要】本周：，、").replace("work:", " work:")
    text = text.replace("\n work:", "\n  https://example.com/page\n work:")  # text goes on
    found = problems(text)
    assert [rule for _, rule, _ in found] == ["yaml-syntax"]
    assert "【" not in found[0][2] and "：" not in found[0][2]
    assert found[0][2].startswith("YAML 语法错误")
