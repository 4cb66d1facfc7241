"""Tables that grow with the staff are split into per-engineer pages past `ROWS_PER_PAGE` people
(issue 17): every person on exactly one page, every link on those pages resolving, and none of
them in the search index. The demo is small, so the page size is lowered to split it."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.support.status import DEMO_NOW, make_demo
from validator.site.pages import groups, render_pages
from validator.site.pages.common import Pages

NOW = dt.datetime.fromisoformat(DEMO_NOW)
LINK = re.compile(r"\]\(([^)#]+)(?:#[^)]*)?\)")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("groups") / "repo")


@pytest.fixture(scope="module")
def whole(demo: Path) -> dict[str, str]:
    return _texts(render_pages(demo, NOW, "internal"))


@pytest.fixture
def split(demo: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setattr(groups, "ROWS_PER_PAGE", 2)
    return _texts(render_pages(demo, NOW, "internal"))


def _texts(pages: Pages) -> dict[str, str]:
    return {rel: c for rel, c in pages.items() if isinstance(c, str)}


def _family(pages: dict[str, str], folder: str) -> dict[str, str]:
    return {rel: c for rel, c in pages.items() if rel.startswith(f"{folder}/")}


def _resolved(pages: dict[str, str], rel: str) -> None:
    """Every relative link of page `rel` names a page of this rendering (or leaves status/)."""
    for target in LINK.findall(pages[rel]):
        where = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
        assert where.startswith("../") or where in pages, (rel, target)


def test_weekly_matrix_lists_everyone_once_across_engineer_pages(split: dict[str, str]) -> None:
    pages = _family(split, "weekly")
    assert len(pages) >= 2
    staff_pages = {rel.split("/")[1] for rel in split if rel.startswith("staff/")}
    seen = [m for page in pages.values() for m in re.findall(r"\]\(\.\./staff/([^)]+)\)", page)]
    assert sorted(seen) == sorted(staff_pages)  # each listed person on exactly one page
    for rel in pages:
        assert f"]({rel})" in split["weekly.md"]  # the index links every page
        _resolved(split, rel)
    assert "](staff/" not in split["weekly.md"]  # the index holds no per-person rows


def test_group_and_person_pages_stay_out_of_the_search_index(split: dict[str, str]) -> None:
    for rel, page in split.items():
        if rel.split("/")[0] in {"weekly", "expenses", "problems", "staff", "reports"}:
            front = page.split("\n---\n", 1)[0]
            assert front.startswith("---\n") and "search:\n  exclude: true" in front, rel
    assert "exclude: true" not in split["weekly.md"]  # the index page is found by a search


def test_expense_pages_add_up_to_the_whole(whole: dict[str, str], split: dict[str, str]) -> None:
    grand = re.search(r"\| \*\*合计\*\* \|.*\| ([\d,.]+) \|$", whole["expenses.md"], re.M)
    assert grand is not None  # the unsplit page has its grand total
    pages = _family(split, "expenses")
    assert pages
    totals = re.findall(
        r"^\| \[[^]]+\]\(expenses/[^)]+\) \| \d+ \| ([\d,.]+) \|$", split["expenses.md"], re.M
    )
    assert len(totals) == len(pages)
    assert sum(Decimal(t.replace(",", "")) for t in totals) == Decimal(
        grand.group(1).replace(",", "")
    )
    for rel in pages:
        _resolved(split, rel)


def test_problem_details_go_to_their_authors_page(
    whole: dict[str, str], split: dict[str, str]
) -> None:
    rows = re.findall(r"^\| (submissions/[^ ]+) \| .*$", whole["problems.md"], re.M)
    assert rows  # the demo has findings on reports
    shown = "\n".join(_family(split, "problems").values())
    for path in rows:
        assert f"| {path} |" in shown
        assert f"| {path} |" not in split["problems.md"]
    for rel in _family(split, "problems"):
        _resolved(split, rel)


def test_a_small_organisation_keeps_one_table(whole: dict[str, str]) -> None:
    pages = whole
    assert not _family(pages, "weekly") and not _family(pages, "expenses")
    assert "](staff/" in pages["weekly.md"]
