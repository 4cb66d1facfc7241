"""The built site served from a sub-path (/some/sub/path/, as an intranet nginx `location` would),
browsed in headless Chromium: every asset the pages load and every link they hold resolves under
that prefix, and search works there."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.support import ROOT
from tests.support import site as site_support

PREFIX = "/some/sub/path/"
pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGES = ("", "guide/adopt/", "form/", "status/", "regulations/customer-service/", "rules/")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = site_support.build_site(tmp_path_factory.mktemp("subpath"))
    with site_support.serve(site, PREFIX) as url:
        yield url + "/"


def test_every_asset_and_link_resolves_under_the_sub_path(browser: Any, base: str) -> None:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    # a fetch that the next navigation cancels (the form's schema, on a slow machine) was
    # aborted, not missing: only other failures count
    page.on(
        "requestfailed",
        lambda r: None if "ERR_ABORTED" in (r.failure or "") else failed.append(f"failed {r.url}"),
    )
    links: set[str] = set()
    try:
        for path in PAGES:
            page.goto(base + path, wait_until="networkidle")
            hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
            links.update(h.split("#")[0] for h in hrefs if h.startswith("http://127.0.0.1"))
        # Known and harmless: Material's language selector (extra.alternate) probes a
        # sitemap.xml beside each alternate handbook page and falls back to the plain link.
        probes = {f"404 {base}regulations/{p}customer-service/sitemap.xml" for p in ("", "hant/")}
        assert [f for f in failed if f not in probes] == []
        outside = [
            link for link in links if not urllib.parse.urlsplit(link).path.startswith(PREFIX)
        ]
        assert outside == []
        broken = [link for link in sorted(links) if page.request.get(link).status != 200]
        assert broken == []
        assert len(links) > 20
    finally:
        context.close()


def test_only_the_form_page_loads_the_form_s_parts_all_from_the_site(
    browser: Any, base: str
) -> None:
    """Every page loads form/form.js; only the form's page loads its parts (docs/form/*.js) and
    the vendored libraries, all under the prefix, and nothing from another host."""
    parts = {p.name for p in (ROOT / "docs/form").glob("*.js")} - {"form.js"}
    assert parts
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    events: list[str] = []  # the scripts' requests and responses, in the order they came
    page.on("request", lambda r: events.append(f"ask {r.url}"))
    page.on("response", lambda r: events.append(f"got {r.url}"))
    try:
        for path in ("", "rules/"):
            requested.clear()
            page.goto(base + path, wait_until="networkidle")
            assert f"{base}form/form.js" in requested, path
            scripts = {u.rsplit("/", 1)[-1] for u in requested if "/form/" in u}
            assert scripts == {"form.js"}, path
            assert not [u for u in requested if "/assets/vendor/" in u], path
        requested.clear()
        page.goto(base + "form/#weekly", wait_until="networkidle")
        page.wait_for_selector("#report-form[data-rf-ready]")
        assert {f"{base}form/{part}" for part in parts} <= set(requested)
        assert [u for u in requested if "/assets/vendor/" in u]
        outside = [u for u in requested if not u.startswith(base) and not u.startswith("data:")]
        assert outside == []
        # fetched side by side, not one round trip after another (a phone on a slow intranet
        # waited for eleven in a row): every script is asked for before the first one arrives
        loaded = [e for e in events if "/assets/vendor/" in e or e.split("/")[-1] in parts]
        first = next(i for i, e in enumerate(loaded) if e.startswith("got "))
        assert first == len(loaded) // 2, loaded
    finally:
        context.close()


def test_search_works_under_the_sub_path(browser: Any, base: str) -> None:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    trouble: list[str] = []  # said if search never answers: why, not only that
    page.on("console", lambda m: trouble.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: trouble.append(f"failed {r.url}: {r.failure}"))
    page.on("response", lambda r: _failed(r.status, r.url, trouble))
    try:
        # a reader whose search does not answer reloads the page: three loads at most
        for _ in range(3):
            if _searched(page, base + "guide/adopt/"):
                break
        else:
            raise AssertionError(f"search never answered under {PREFIX}: {trouble}")
        first = page.get_attribute(".md-search-result__item a", "href")
        assert urllib.parse.urlsplit(urllib.parse.urljoin(page.url, first)).path.startswith(PREFIX)
    finally:
        context.close()


def _failed(status: int, url: str, trouble: list[str]) -> None:
    if status >= 400:
        trouble.append(f"{status} {url}")


def _searched(page: Any, url: str) -> bool:
    """Load `url`, wait for Material's search to be ready, type 规章 into its box, and wait up
    to 20 s for results."""
    page.goto(url, wait_until="networkidle")  # the index has been fetched
    # the index is built in a worker after it is fetched; until then the box says 初始化搜索引擎,
    # and a query typed meanwhile waits for another key (a loaded machine takes its time)
    try:
        page.wait_for_function(_READY, timeout=90_000)
    except PlaywrightTimeout:
        return False
    page.locator(".md-search__input").click()  # opens search, as a reader's tap does
    # Material searches on keyup, which an input method's closing key fires (fill alone does
    # not): press another key after the text, and again, as a reader would
    page.keyboard.insert_text("规章")
    for _ in range(4):
        page.keyboard.press("End")
        try:
            page.wait_for_selector(".md-search-result__item", timeout=5000)
            return True
        except PlaywrightTimeout:
            continue
    return False


_READY = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  return meta !== null && meta.textContent.trim() !== "" && !meta.textContent.includes("初始化");
}"""
