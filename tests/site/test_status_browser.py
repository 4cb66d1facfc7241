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
    data: dict[str, Any] = json.loads(result.output)
    return data


MATRIX_JS = """() => {
  const rows = [];
  for (const tr of document.querySelectorAll('article table tbody tr')) {
    const first = tr.querySelector('td a[href*="staff/"]');
    if (!first) continue;
    const id = first.getAttribute('href').split('/').filter(Boolean).pop();
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
    rows = page.evaluate(MATRIX_JS)
    status = _status(demo)
    assert [row["id"] for row in rows] == [m["id"] for m in status["staff"]]
    states_seen = set()
    for row, member in zip(rows, status["staff"], strict=True):
        cells = row["cells"][: len(status["weeks"])]
        shown = {w: LABEL_STATE[c["text"]] for w, c in zip(status["weeks"], cells, strict=True)}
        assert shown == member["weekly"]
        states_seen |= set(shown.values())
        for week, c in zip(status["weeks"], cells, strict=True):
            assert (c["href"] is not None) == (member["weekly"][week] in {"on_time", "late"})
    assert {"on_time", "late", "missing", "pending"} <= states_seen
    first = next(c for r in rows for c in r["cells"] if c["href"])
    page.locator(f"article table a[href='{first['href']}']").first.click()
    page.wait_for_load_state("load")
    assert "/status/reports/" in page.url
    anchor = first["href"].split("#")[1]
    assert anchor.startswith("r-weekly-")
    assert "周报" in page.locator(f"article h3#{anchor}").inner_text()
    assert page.dialogs == [] and page.foreign == []


def test_injected_report_text_runs_no_script(injected_site: Path, serve: Any, page: Any) -> None:
    base = serve(injected_site)
    pages = sorted((injected_site / "status").rglob("index.html"))
    assert len(pages) >= 12  # nine status pages, staff pages, report pages
    for html_file in pages:
        url = f"{base}/{html_file.parent.relative_to(injected_site).as_posix()}/"
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__pwned") is None, url
        assert page.locator("article script, article img[onerror], article iframe").count() == 0
    page.goto(f"{base}/status/reports/evil-one/")
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
    assert not (public_site / "status/staff").exists()
    assert not (public_site / "status/reports").exists()
    for path in (public_site / "status").rglob("*"):
        if path.is_file():
            content = path.read_text("utf-8", errors="replace")
            assert not [w for w in words if w in content], path
    index = json.loads((public_site / "search/search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        if doc["location"].startswith("status/"):
            assert not [w for w in words if w in doc["text"] + doc["title"]], doc["location"]
    base = serve(public_site)
    for name in ("", "weekly/", "regions/", "rotation/", "performance/", "problems/"):
        page.goto(f"{base}/status/{name}")
        text = page.locator("body").inner_text()
        assert "公开版本" in text
        assert not [w for w in words if w in text], name
    assert page.dialogs == [] and page.foreign == []
