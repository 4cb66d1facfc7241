"""The status pages' Markdown and the stock chart do not grow with the staff: tables that do go
to JSON data files (validator/site/pages/tables.py), so a national company's pages stay small and
cheap for MkDocs to build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from validator.cli import cli
from validator.site.pages import render_pages

NOW = "2026-11-25T12:00:00+08:00"
SMALL, LARGE = 20, 60  # three times the staff
#: the status pages whose tables grow with the staff
PAGES = (
    "index.md",
    "weekly.md",
    "by-region.md",
    "by-engineer.md",
    "regions.md",
    "rotation.md",
    "performance.md",
    "monthly.md",
    "expenses.md",
    "incidents.md",
    "problems.md",
)


def _pages(root: Path, staff: int) -> dict[str, str | bytes]:
    result = CliRunner().invoke(
        cli, ["demo", str(root), "--staff", str(staff), "--weeks", "10", "--seed", "1",
              "--now", NOW, "-q"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return render_pages(root, dt.datetime.fromisoformat(NOW), "internal")


@pytest.fixture(scope="module")
def sizes(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], dict[str, int]]:
    small, large = (_pages(tmp_path_factory.mktemp(f"demo{n}") / "repo", n) for n in (SMALL, LARGE))

    def measure(pages: dict[str, str | bytes]) -> dict[str, int]:
        return {rel: len(page) for rel, page in pages.items()}

    return measure(small), measure(large)


@pytest.mark.parametrize("rel", PAGES)
def test_a_status_page_does_not_grow_with_the_staff(
    sizes: tuple[dict[str, int], dict[str, int]], rel: str
) -> None:
    small, large = sizes
    # three times the people: the data triples; the page may gain a few counts and names
    assert large[rel] <= small[rel] * 1.2 + 600, (rel, small[rel], large[rel])


def test_no_page_per_group_of_people(sizes: tuple[dict[str, int], dict[str, int]]) -> None:
    small, large = sizes

    def pages(found: dict[str, int]) -> list[str]:
        people = ("staff/", "reports/", "person", "people")
        return sorted(
            r for r in found if r.endswith(".md") and "/" in r and not r.startswith(people)
        )

    assert pages(large) == pages(small)


def test_the_stock_chart_does_not_grow_with_the_staff(
    sizes: tuple[dict[str, int], dict[str, int]],
) -> None:
    small, large = sizes
    rel = "charts/faulty-stock.svg"
    assert large[rel] <= small[rel] * 1.25, (small[rel], large[rel])


def test_the_rows_are_in_json_data_files(sizes: tuple[dict[str, int], dict[str, int]]) -> None:
    small, large = sizes

    def data(found: dict[str, int]) -> int:
        return sum(n for r, n in found.items() if r.endswith(".json"))

    assert data(large) > 2 * data(small) > 0  # the rows grow with the staff, in JSON
