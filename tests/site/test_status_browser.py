"""The built status pages in a real headless Chromium: the weekly matrix shows what
`validator status` computes, injected report text runs no script, a public build names nobody."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from click.testing import CliRunner

from tests.support import site as site_support
from tests.support.gitrepo import GitRepo
from tests.support.status import (
    DEMO_NOW,
    PAYLOAD,
    build_demo_site,
    injection_repo,
    make_demo,
    roster_words,
)
from validator.cli import cli
from validator.features.status import STATE_ZH

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LABEL_STATE = {label: state for state, label in STATE_ZH.items()}
TABLE_ROWS = "div.data-table-ready tbody tr"  # a JSON-fed table, drawn
# every JSON-fed table of the page drawn: each fetches its own JSON, in no set order
ALL_DRAWN = """() => {
  const boxes = [...document.querySelectorAll('div.data-table')];
  return boxes.length > 0 && boxes.every(b => b.classList.contains('data-table-ready'));
}"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("demo") / "repo")


@pytest.fixture(scope="module")
def internal_site(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_site(demo, "internal", tmp_path_factory.mktemp("internal"))


@pytest.fixture(scope="module")
def public_site(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_site(demo, "public", tmp_path_factory.mktemp("public"))


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = GitRepo.init(tmp_path_factory.mktemp("injected") / "repo")
    injection_repo(repo)
    return build_demo_site(repo.root, "internal", tmp_path_factory.mktemp("injected-site"))


@pytest.fixture
def serve() -> Iterator[Any]:
    """Serve built sites on 127.0.0.1; yields a function site -> base URL."""
    with contextlib.ExitStack() as stack:
        yield lambda site: stack.enter_context(site_support.serve(site))


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records dialogs and any request leaving 127.0.0.1."""
    context = browser.new_context()
    tab = context.new_page()
    tab.dialogs = []
    tab.foreign = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on(
        "request",
        lambda r: (
            tab.foreign.append(r.url)
            if urlparse(r.url).hostname not in {"127.0.0.1", None} and not r.url.startswith("data:")
            else None
        ),
    )
    yield tab
    context.close()


def _status(repo: Path) -> dict[str, Any]:
    result = CliRunner().invoke(
        cli, ["status", "--repo", str(repo), "--now", DEMO_NOW, "--format", "json"]
    )
    assert result.exit_code == 0
    data: dict[str, Any] = json.loads(result.stdout)  # stderr may carry a notice
    return data


MATRIX_JS = """() => {
  const rows = [];
  for (const tr of document.querySelectorAll('article table tbody tr')) {
    const first = tr.querySelector('td a[href*="person/?id="]');
    if (!first) continue;
    const id = new URL(first.href).searchParams.get('id');
    const cells = [...tr.querySelectorAll('td')].slice(1).map(td => ({
      text: td.innerText.trim(),
      href: td.querySelector('a') ? td.querySelector('a').getAttribute('href') : null,
    }));
    rows.push({id, cells});
  }
  return rows;
}"""


def test_weekly_matrix_shows_the_states_of_validator_status(
    internal_site: Path, demo: Path, serve: Any, page: Any
) -> None:
    base = serve(internal_site)
    page.goto(f"{base}/status/weekly/")
    page.wait_for_selector(TABLE_ROWS)  # the grid is drawn from its JSON (data-table.js)
    rows = page.evaluate(MATRIX_JS)
    status = _status(demo)
    assert [row["id"] for row in rows] == [m["id"] for m in status["staff"]]
    states_seen = set()
    weeks = sorted(status["weeks"], reverse=True)  # the newest week next to the names
    for row, member in zip(rows, status["staff"], strict=True):
        cells = row["cells"][: len(weeks)]
        shown = {w: LABEL_STATE[c["text"]] for w, c in zip(weeks, cells, strict=True)}
        assert shown == member["weekly"]
        states_seen |= set(shown.values())
        for week, c in zip(weeks, cells, strict=True):
            assert (c["href"] is not None) == (member["weekly"][week] in {"on_time", "late"})
    assert {"on_time", "late", "missing", "pending"} <= states_seen
    first = next(c for r in rows for c in r["cells"] if c["href"])
    page.locator(f"article table a[href='{first['href']}']").first.click()
    page.wait_for_load_state("load")
    assert "/status/person/?id=" in page.url
    anchor = first["href"].split("#")[1]
    assert anchor.startswith("r-weekly-")
    heading = page.locator(f"article h3#{anchor}")  # drawn from the person's JSON
    assert "周报" in heading.inner_text()
    assert page.evaluate(  # and scrolled to
        f"() => {{ const r = document.getElementById('{anchor}').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }"
    )
    assert page.dialogs == [] and page.foreign == []


def test_injected_report_text_runs_no_script(injected_site: Path, serve: Any, page: Any) -> None:
    base = serve(injected_site)
    pages = sorted((injected_site / "status").rglob("index.html"))
    assert len(pages) >= 12  # the status pages and the one person view
    people = json.loads((injected_site / "status/data/people/index.json").read_text("utf-8"))
    views = [f"status/person/?id={p['id']}" for p in people["people"]]
    for url in [
        f"{html_file.parent.relative_to(injected_site).as_posix()}/" for html_file in pages
    ]:
        page.goto(f"{base}/{url}")
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__pwned") is None, url
        assert page.locator("article script, article img[onerror], article iframe").count() == 0
    for url in ["status/person/", *views]:
        page.goto(f"{base}/{url}")
        page.wait_for_selector("div.person-ready")
        assert page.evaluate("() => window.__pwned") is None, url
        assert page.locator("article script, article img, article iframe").count() == 0
    page.goto(f"{base}/status/person/?id=evil-one")
    page.wait_for_selector("div.person-ready")
    body = page.locator("article").inner_text()
    weekly = body.split("周报 2026-W46")[1].split("周报 2026-W45")[0]
    assert weekly.count(PAYLOAD) == 8
    assert "<script>window.__pwned=6</script>" in body
    for link in page.locator("article a").all():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript")
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == [] and page.foreign == []


def test_public_build_names_nobody(public_site: Path, demo: Path, serve: Any, page: Any) -> None:
    words = roster_words(demo)
    assert not (public_site / "status/person").exists()
    assert not (public_site / "status/data/people").exists()
    for path in (public_site / "status").rglob("*"):
        if path.is_file():
            content = path.read_text("utf-8", errors="replace")
            assert not [w for w in words if w in content], path
    index = json.loads((public_site / "search/search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        if doc["location"].startswith("status/"):
            assert not [w for w in words if w in doc["text"] + doc["title"]], doc["location"]
    base = serve(public_site)
    pages = ("", "weekly/", "by-region/", "by-engineer/", "regions/", "rotation/", "performance/")
    for name in (*pages, "problems/"):
        page.goto(f"{base}/status/{name}")
        text = page.locator("body").inner_text()
        assert "公开版本" in text
        assert not [w for w in words if w in text], name
    assert page.dialogs == [] and page.foreign == []


#: the grid's geometry: the newest week's heading, the first name cell, and the element that
#: scrolls the table sideways (Material wraps tables in a scrolling box)
GRID_JS = """(newest) => {
  const table = [...document.querySelectorAll('article table')]
    .find(t => t.querySelector('th') && t.querySelector('th').innerText.trim() === '人员');
  const heads = [...table.querySelectorAll('thead th')];
  const name = table.querySelector('tbody tr td');
  let box = table;
  while (box && !(box.scrollWidth > box.clientWidth + 1)) box = box.parentElement;
  const rect = el => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right,
    top: r.top, bottom: r.bottom}; };
  const scroller = box && box !== document.documentElement && box !== document.body ? box : null;
  return {
    newest: rect(heads.find(th => th.innerText.trim() === newest)),
    weekIndex: heads.findIndex(th => th.innerText.trim() === newest),
    name: rect(name),
    view: scroller ? rect(scroller) : {left: 0, right: window.innerWidth},
    overflows: scroller !== null,
    pageScroll: document.documentElement.scrollWidth > window.innerWidth + 1,
    scrollX: window.scrollX,
  };
}"""
SCROLL_JS = """() => {
  for (const el of document.querySelectorAll('article *'))
    if (el.scrollWidth > el.clientWidth + 1) el.scrollLeft = el.scrollWidth;
}"""
NAME_ON_TOP_JS = """() => {
  const td = document.querySelector('article table tbody tr td');
  const r = td.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + Math.min(8, r.width / 2), r.top + r.height / 2);
  return td.contains(hit);
}"""


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1366, 768)], ids=["phone", "laptop"])
def test_weekly_grid_shows_the_newest_week_and_keeps_the_names(
    internal_site: Path, demo: Path, serve: Any, browser: Any, width: int, height: int
) -> None:
    newest = max(_status(demo)["weeks"]).split("-")[1]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        tab = context.new_page()
        tab.goto(f"{serve(internal_site)}/status/weekly/")
        tab.wait_for_selector(TABLE_ROWS)
        grid = tab.evaluate(GRID_JS, newest)
        assert grid["weekIndex"] == 1  # right after the name column
        assert not grid["pageScroll"] and grid["scrollX"] == 0  # only the table scrolls
        view = grid["view"]
        for box in (grid["newest"], grid["name"]):  # both seen before any scrolling
            assert view["left"] - 1 <= box["left"] and box["right"] <= view["right"] + 1, grid
            assert box["left"] >= 0 and box["right"] <= width, grid
        if width < 500:
            assert grid["overflows"]  # twelve weeks do not fit a phone: the table scrolls
        tab.evaluate(SCROLL_JS)
        after = tab.evaluate(GRID_JS, newest)
        name = after["name"]
        assert view["left"] - 1 <= name["left"] and name["right"] <= view["right"] + 1, after
        assert tab.evaluate(NAME_ON_TOP_JS)  # the name cell is drawn over the scrolled weeks
    finally:
        context.close()


def test_by_region_page_lists_each_region_with_its_staff(
    internal_site: Path, demo: Path, serve: Any, browser: Any
) -> None:
    import yaml

    regions = yaml.safe_load((demo / "org/regions.yaml").read_text("utf-8"))["regions"]
    roster = yaml.safe_load((demo / "org/staff.yaml").read_text("utf-8"))["staff"]
    listed = {m["id"] for m in _status(demo)["staff"]}
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(f"{serve(internal_site)}/status/")
        tab.locator("article a[href*='by-region']").first.click()
        tab.wait_for_load_state("load")
        assert "/status/by-region/" in tab.url
        tab.wait_for_selector(TABLE_ROWS)
        tab.wait_for_function(ALL_DRAWN)  # the people table is the second, fetched apart
        sections = tab.evaluate(  # the people table: a row per region and person
            """() => {
                 const found = {};
                 const box = document.querySelectorAll('div.data-table-ready')[1];
                 for (const tr of box.querySelectorAll('tbody tr')) {
                   const region = tr.cells[0].innerText.trim();
                   const a = tr.cells[1].querySelector('a');
                   (found[region] = found[region] || []).push(
                     a ? new URL(a.href).searchParams.get('id') : null);
                 }
                 return found;
               }"""
        )
        for region in regions:
            assert region["name"] in sections, region["name"]
        for entry in roster:
            if entry["id"] in listed:
                for region_id in entry["postings"][-1]["regions"]:
                    name = next(r["name"] for r in regions if r["id"] == region_id)
                    assert entry["id"] in sections[name], (entry["id"], name)
    finally:
        context.close()


def test_person_view_lists_everyone_and_refuses_a_bad_id(
    internal_site: Path, demo: Path, serve: Any, page: Any
) -> None:
    base = serve(internal_site)
    page.goto(f"{base}/status/person/")
    page.wait_for_selector("div.person-ready " + TABLE_ROWS)
    listed = [m["id"] for m in _status(demo)["staff"]]
    names = page.locator("div.person-ready tbody tr td:first-child a")
    assert names.count() == len(listed)
    first = names.first.inner_text()
    names.first.click()
    page.wait_for_selector("div.person-ready h3[id^='r-']")
    assert "/status/person/?id=" in page.url
    assert page.locator("article h1").inner_text() == first
    for bad, says in [("../../etc/passwd", "人员编号无效"), ("nobody-here", "没有找到此人的资料")]:
        page.goto(f"{base}/status/person/?id={bad}")
        page.wait_for_selector("div.person-view .data-table-error")
        assert says in page.locator("article").inner_text()
    assert page.dialogs == [] and page.foreign == []
