"""The JSON-fed status tables in a real headless Chromium (docs/assets/data-table.js): rows
appear, the filter box narrows them, hostile text in a cell stays literal text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.support import site as site_support
from tests.support.gitrepo import GitRepo
from tests.support.status import PAYLOAD, build_demo_site, injection_repo, make_demo

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROWS = "div.data-table-ready tbody tr"
# every JSON-fed table of the page drawn: each fetches its own JSON, in no set order
ALL_DRAWN = """() => {
  const boxes = [...document.querySelectorAll('div.data-table')];
  return boxes.length > 0 && boxes.every(b => b.classList.contains('data-table-ready'));
}"""


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    demo = make_demo(tmp_path_factory.mktemp("demo") / "repo")
    return build_demo_site(demo, "internal", tmp_path_factory.mktemp("internal"))


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = GitRepo.init(tmp_path_factory.mktemp("injected") / "repo")
    injection_repo(repo)
    return build_demo_site(repo.root, "internal", tmp_path_factory.mktemp("injected-site"))


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page recording dialogs, console errors and any request leaving 127.0.0.1."""
    context = browser.new_context()
    tab = context.new_page()
    tab.dialogs, tab.foreign, tab.errors = [], [], []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on(
        "request",
        lambda r: (
            tab.foreign.append(r.url)
            if urlparse(r.url).hostname not in {"127.0.0.1", None}
            else None
        ),
    )
    yield tab
    context.close()


def _rows(page: Any, table: int = 0) -> list[str]:
    box = page.locator("div.data-table-ready").nth(table)
    return [row.inner_text() for row in box.locator("tbody tr").all()]


def test_performance_table_shows_rows_and_the_filter_narrows_them(
    internal_site: Path, page: Any
) -> None:
    with site_support.serve(internal_site, "/handbook/") as base:  # a company server's sub-path
        page.goto(f"{base}/status/performance/")
        page.wait_for_selector(ROWS)
        everyone = _rows(page)
        assert len(everyone) >= 5
        name = everyone[2].split("\t")[0].strip()
        box = page.locator("div.data-table-ready").first
        box.locator("input.data-table-filter").fill(name)
        narrowed = _rows(page)
        assert 1 <= len(narrowed) < len(everyone)
        assert all(name in row for row in narrowed)
        assert f"/ {len(narrowed)} 行" in box.locator(".data-table-count").inner_text()
        box.locator("input.data-table-filter").fill("没有这个人")
        assert _rows(page) == []
        box.locator("input.data-table-filter").fill("")
        assert len(_rows(page)) == len(everyone)
        person = box.locator("tbody tr").first.locator("a").first
        href = person.get_attribute("href")
        assert href and href.startswith(f"{base}/status/")  # resolved under the sub-path
        person.click()
        page.wait_for_load_state("load")
        assert page.url.startswith(f"{base}/status/") and "404" not in page.title()
    assert page.errors == [] and page.dialogs == [] and page.foreign == []


def test_weekly_grid_cells_keep_their_colours_and_links(internal_site: Path, page: Any) -> None:
    with site_support.serve(internal_site) as base:
        page.goto(f"{base}/status/weekly/")
        page.wait_for_selector(ROWS)
        box = page.locator("div.data-table-ready").first
        assert box.locator("tbody span.state").count() > 0
        linked = box.locator("tbody a:has(span.state-on-time)").first
        assert "#r-weekly-" in (linked.get_attribute("href") or "")
    assert page.errors == []


def test_hostile_text_in_a_cell_stays_literal(injected_site: Path, page: Any) -> None:
    with site_support.serve(injected_site) as base:
        for path, table, hostile in [
            ("status/problems/", 0, "<script>window.__pwned=6</script>"),
            ("status/problems/", 0, "evil-one/<img src=x onerror=window.__pwned=7>`.txt"),
            ("status/", 0, "<b onmouseover=window.__pwned=5>恶</b>{{x}}"),
            ("status/regions/", 0, "广州<i onclick=x>"),
            ("status/incidents/", 0, PAYLOAD[:150]),
        ]:
            page.goto(f"{base}/{path}")
            page.wait_for_selector(ROWS)
            page.wait_for_function(ALL_DRAWN)  # the tables come in no set order
            assert any(hostile in row for row in _rows(page, table)), (path, hostile)
            cells = page.locator("div.data-table-ready tbody")
            assert cells.locator("script, img, iframe, b, i, [onerror], [onclick]").count() == 0
            for link in cells.locator("a").all():
                href = link.get_attribute("href") or ""
                assert href.startswith(f"{base}/status/"), (path, href)
            page.locator("input.data-table-filter").first.fill(hostile[:12])
            assert any(hostile in row for row in _rows(page, table))
            assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == [] and page.foreign == [] and page.errors == []


def test_no_show_more_button_when_every_row_is_shown(internal_site: Path, page: Any) -> None:
    """A table of at most one page (100 rows) offers no 「再显示 … 行」: the button carries
    Material's .md-button, whose display must not undo its `hidden` (it said 再显示 -81 行)."""
    with site_support.serve(internal_site) as base:
        for path in ("status/performance/", "status/person/"):
            page.goto(f"{base}/{path}")
            page.wait_for_selector(ROWS)
            page.wait_for_function(ALL_DRAWN)  # every table's button, not the first one's
            more = page.locator("div.data-table-ready .data-table-more")
            assert more.count() >= 1, path
            for i in range(more.count()):
                assert not more.nth(i).is_visible(), (path, more.nth(i).inner_text())
        assert page.errors == [] and page.foreign == []


CONTRAST = """spans => spans.map(span => {
  const rgb = text => text.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  let node = span, back = null;
  while (node && !back) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] > 0) back = c;
    node = node.parentElement;
  }
  const [a, b] = [lum(rgb(getComputedStyle(span).color)), lum(back || [255, 255, 255])];
  return [span.className, span.textContent, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
})"""


def test_every_weekly_state_is_readable(internal_site: Path, page: Any) -> None:
    """Each state word reaches WCAG AA contrast (4.5:1) on its own background: 无需 was
    #9e9e9e on white (2.7:1), hard to read on a phone outdoors."""
    with site_support.serve(internal_site) as base:
        page.goto(f"{base}/status/weekly/")
        page.wait_for_selector(ROWS)
        states = page.eval_on_selector_all("span.state", CONTRAST)
        assert {name for name, _, _ in states} >= {"state state-on-time", "state state-pending"}
        assert "state state-not-required" in {name for name, _, _ in states}
        low = {(name, text, round(ratio, 2)) for name, text, ratio in states if ratio < 4.5}
        assert low == set()
    assert page.errors == []


def test_a_short_table_in_the_person_view_has_no_filter_box(internal_site: Path, page: Any) -> None:
    """person-view.js marks short tables (派驻与任期, 月度考核分数 …) plain: no filter box and
    no count. status.css's display:flex on .data-table-tools undid their `hidden`, so an empty
    「筛选」 box and 「显示 1 / 1 行」 stood above a table of one row."""
    with site_support.serve(internal_site) as base:
        page.goto(f"{base}/status/person/")
        page.wait_for_selector(ROWS)
        page.locator(f"{ROWS} a").first.click()
        page.wait_for_selector("h2 + div.data-table-ready")
        tools = page.locator("div.data-table-ready .data-table-tools")
        plain = [
            tools.nth(i)
            for i in range(tools.count())
            if tools.nth(i).get_attribute("hidden") is not None
        ]
        assert plain, "the person view has no short table"
        assert [tool.is_visible() for tool in plain] == [False] * len(plain)
        filters = page.locator(".data-table-filter:visible")
        hints = [filters.nth(i).get_attribute("placeholder") for i in range(filters.count())]
        assert "筛选" not in hints, hints
    assert page.errors == [] and page.foreign == []


def test_a_report_linked_from_the_grid_opens_below_the_header_on_a_phone(
    internal_site: Path, browser: Any
) -> None:
    """A state in the weekly grid links to status/person/?id=…#r-weekly-…: the person view
    scrolls to that report, whose heading must sit below Material's sticky header, not under it
    (it stopped at 0 px, under a 48 px header)."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    try:
        tab = context.new_page()
        with site_support.serve(internal_site) as base:
            tab.goto(f"{base}/status/weekly/")
            tab.wait_for_selector(ROWS)
            link = tab.locator(f"{ROWS} a[href*='#r-weekly-']").first
            anchor = (link.get_attribute("href") or "").split("#")[1]
            link.tap()
            tab.wait_for_selector("div.person-view.person-ready")
            tab.wait_for_timeout(300)
            header, top = tab.evaluate(
                "a => [document.querySelector('.md-header').getBoundingClientRect().bottom,"
                " document.getElementById(a).getBoundingClientRect().top]",
                anchor,
            )
            assert header <= top < 740, (header, top)
    finally:
        context.close()
