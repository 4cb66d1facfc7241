"""The JSON of the status tables (validator/site/pages/tables.py): raw text, our links only."""

from __future__ import annotations

import json

import pytest

from validator.site.pages.tables import Cell, data_table, link, state, styled, url

HOSTILE = '<img src=x onerror="alert(1)"> [x](javascript:alert(1)) {{ 7*7 }} | a'


def test_a_table_is_a_placeholder_and_a_json_file() -> None:
    rows: list[list[Cell]] = [[HOSTILE, link("广州", "staff/a-1.md"), "3"], ["b", "c", "4"]]
    lines, pages = data_table("demo", ["人员", "区域", "数"], rows, numeric=[2], hint="姓名")
    assert list(pages) == ["data/demo.json"]
    data = json.loads(pages["data/demo.json"])
    assert data == {
        "columns": ["人员", "区域", "数"],
        "numeric": [2],
        "filter": "姓名",
        "rows": [
            [HOSTILE, {"text": "广州", "href": "../staff/a-1/"}, "3"],
            ["b", "c", "4"],
        ],
    }  # the cell text is the raw value: the script sets it with textContent
    page = "\n".join(lines)
    assert '<div class="data-table" data-src="data/demo.json" markdown="1">' in page
    assert "[表格数据(JSON,共 2 行)](data/demo.json)" in page  # MkDocs rewrites this link
    assert "<noscript>" in page and HOSTILE not in page  # the rows are not in the page


def test_json_is_compact_and_stable() -> None:
    first = data_table("t", ["a"], [["甲"]])[1]["data/t.json"]
    again = data_table("t", ["a"], [["甲"]])[1]["data/t.json"]
    assert first == again == '{"columns":["a"],"numeric":[],"rows":[["甲"]]}\n'.encode()


def test_a_page_in_a_folder_links_its_data_back() -> None:
    lines, pages = data_table("t", ["a"], [], prefix="../")
    assert "data/t.json" in pages and "](../data/t.json)" in "\n".join(lines)


@pytest.mark.parametrize(
    ("target", "href"),
    [
        ("staff/a.md", "../staff/a/"),
        ("reports/a.md#r-weekly-2026-W01", "../reports/a/#r-weekly-2026-W01"),
        ("index.md", "../"),
        ("person.md?id=a#r-1", "../person/?id=a#r-1"),
        ("by-region/x.md", "../by-region/x/"),
    ],
)
def test_links_are_relative_to_the_data_directory(target: str, href: str) -> None:
    assert url(target) == href


def test_a_state_cell_has_our_class_and_a_class_from_elsewhere_is_refused() -> None:
    assert state("on_time", "准时", "reports/a.md#r") == {
        "text": "准时",
        "cls": "state state-on-time",
        "href": "../reports/a/#r",
    }
    with pytest.raises(ValueError):
        styled("x", 'x" onclick="alert(1)')
