"""Tables that grow with the staff are one JSON-fed table per family (issue 17), not one page
per engineer or region: everyone is listed once, every link in the data names a page of the
rendering, the totals add up, and no page beyond the families' own exists."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest

from tests.support import tables
from tests.support.status import DEMO_NOW, make_demo
from validator.site.pages import NAV, render_pages
from validator.site.pages.common import Pages

NOW = dt.datetime.fromisoformat(DEMO_NOW)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    return render_pages(make_demo(tmp_path_factory.mktemp("groups") / "repo"), NOW, "internal")


def _page_of(href: str) -> str:
    """The page (relative to status/) a data link names: `../staff/a/#x` -> `staff/a.md`."""
    path = href.split("#")[0].split("?")[0]
    assert path.startswith("../") and path.endswith("/"), href
    path = path[len("../") : -1]
    return f"{path}.md" if path else "index.md"


def test_weekly_table_lists_everyone_once(pages: Pages) -> None:
    people = [tables.href(row[0]) for row in tables.rows(pages, "weekly")]
    listed = json.loads(pages["data/people/index.json"])["people"]
    assert people == [f"../person/?id={p['id']}" for p in listed]  # each person's view, once
    assert len(people) == len(set(people))
    assert {_page_of(href) for href in filter(None, people)} == {"person.md"}


def test_every_link_in_the_data_names_a_page_of_the_rendering(pages: Pages) -> None:
    seen = 0
    for rel in pages:
        if rel.startswith("data/people/") and rel != "data/people/index.json":
            raw = pages[rel]
            assert isinstance(raw, bytes)
            person = json.loads(raw)  # its links scroll to its own reports
            anchors = {f"#{r['anchor']}" for r in person["reports"]}
            for href in re.findall(r'"href":"([^"]*)"', str(raw, "utf-8")):
                assert href in anchors, (rel, href)
                seen += 1
        elif rel.endswith(".json") and not rel.startswith("data/people/"):
            for row in tables.rows(pages, rel[len("data/") : -len(".json")]):
                for href in filter(None, map(tables.href, row)):
                    assert _page_of(href) in pages, (rel, href)
                    seen += 1
    assert seen > 100


def test_no_page_per_engineer_or_region(pages: Pages) -> None:
    folders = {rel.split("/")[0] for rel in pages if "/" in rel}
    assert not folders & {"weekly", "expenses", "problems", "by-region", "by-engineer"}
    assert set(NAV) <= set(pages)
    for rel, page in pages.items():
        if rel.endswith(".md") and rel != "index.md":
            front = str(page).split("\n---\n", 1)[0]
            assert "search:\n  exclude: true" in front, rel  # the overview is what a search finds


def test_expense_rows_add_up_to_the_months_totals(pages: Pages) -> None:
    data = tables.table(pages, "expenses")
    months = data["columns"][1:-1]
    page = str(pages["expenses.md"])
    for i, month in enumerate(months, 1):
        total = sum(
            Decimal(tables.text(row[i]).replace(",", ""))
            for row in data["rows"]
            if re.fullmatch(r"[\d,.]+", tables.text(row[i]))
        )
        assert f"| {month} | {total:,.2f} |" in page
    grand = sum(Decimal(tables.text(row[-1]).replace(",", "")) for row in data["rows"])
    assert f"| **合计** | {grand:,.2f} |" in page


def test_problem_details_are_all_in_the_data(pages: Pages) -> None:
    rows = tables.texts(pages, "problems")
    assert any(row[0].startswith("submissions/") for row in rows)
    errors, warnings = (sum(row[2] == level for row in rows) for level in ("错误", "警告"))
    assert f"当前发现 {errors} 个错误、{warnings} 个警告" in str(pages["problems.md"])
