"""Material's search, driven in headless Chromium against the built site served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).with_name("mkdocs")
pytestmark = pytest.mark.browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("browser-site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


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
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(site_url) or route.request.url.startswith("data:")
            else (external.append(route.request.url), route.abort())
        ),
    )
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
