"""Search on an internal site full of reports still puts the regulation first: report text is
data for the status pages, not for the handbook's search index (docs/performance.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import site as site_support
from tests.support.status import build_demo_site, make_demo

pytestmark = [pytest.mark.browser, pytest.mark.slow]
#: the handbook: the regulations, the guides, the formats and the rules page that cites them
HANDBOOK = ("regulations/", "guide/", "formats/", "rules/")


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    demo = make_demo(tmp_path_factory.mktemp("demo") / "repo")
    return build_demo_site(demo, "internal", tmp_path_factory.mktemp("internal"))


@pytest.fixture(scope="module")
def site_url(internal_site: Path) -> Iterator[str]:
    with site_support.serve(internal_site) as url:
        yield url + "/"


def test_no_status_page_is_in_the_search_index(internal_site: Path) -> None:
    index = json.loads((internal_site / "search" / "search_index.json").read_text("utf-8"))
    indexed = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert any(loc.startswith("regulations/") for loc in indexed)
    status = sorted(loc for loc in indexed if loc.startswith("status/"))
    # the status section's own overview may be found; no person's data or report text is
    assert all(loc in {"status/", "status/index.html"} for loc in status), status


@pytest.mark.parametrize("query", ["周报", "备用机", "报销"])
def test_the_first_hit_is_the_handbook(browser: Any, site_url: str, query: str) -> None:
    tab = browser.new_page()
    try:
        tab.goto(site_url)
        tab.wait_for_load_state("networkidle")
        tab.keyboard.press("/")
        tab.keyboard.insert_text(query)  # as an input method commits text (see test_search_…)
        tab.keyboard.press("End")
        first = tab.locator(".md-search-result__item a").first
        first.wait_for(timeout=15000)
        href = first.get_attribute("href") or ""
        assert "/status/" not in href and not href.startswith("status/"), (query, href)
        assert any(part in href for part in HANDBOOK), (query, href)
    finally:
        tab.close()
