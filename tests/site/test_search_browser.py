"""Material's search, driven in headless Chromium against the built site served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Route

from tests.support import site as site_support

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = site_support.build_site(tmp_path_factory.mktemp("browser-site"))
    with site_support.serve(site) as url:
        yield url + "/"


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("周报", "regulations/customer-service/"),
        ("备用机", "regulations/customer-service/"),
        ("渠道工程师", "regulations/customer-service/"),
        ("换新", "regulations/customer-service/"),
        ("报销", "formats/expenses/"),
        ("轮换", "regulations/customer-service/"),
        ("因公出差", "regulations/security/"),
    ],
)
def test_search_finds_the_article(browser: Any, site_url: str, query: str, page: str) -> None:
    context = browser.new_context(locale="zh-CN")
    external: list[str] = []

    def only_the_site(route: Route) -> None:
        if route.request.url.startswith(site_url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_site)
    try:
        tab = context.new_page()
        tab.goto(site_url)
        tab.keyboard.press("/")  # Material's shortcut focuses the search box
        # An input method commits Chinese text and the key that ends the composition fires keyup,
        # which is what Material's search listens to; insert_text alone would not.
        tab.keyboard.insert_text(query)
        tab.keyboard.press("End")
        results = tab.locator(".md-search-result__item a")
        results.first.wait_for(timeout=15000)
        hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
        assert any(page in href for href in hrefs), (query, hrefs)
        assert external == []
    finally:
        context.close()
