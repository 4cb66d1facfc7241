"""One site command for both generators: `validator site` builds the whole site under MkDocs
(Material) and under Zensical, Material's successor, which runs no MkDocs hooks. Both builds
must hold the same pages, the status pages and the form settings, nothing from a third-party
host, and a search that finds Chinese words (headless Chromium on 127.0.0.1)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Route

from tests.support import ROOT
from tests.support import site as site_support
from validator.core.timeutil import parse_moment
from validator.demo import build_demo
from validator.site.build import Build, build_site
from validator.site.offline import third_party_hosts

ZENSICAL = Path(sys.executable).with_name("zensical")
NOW_TEXT = "2026-11-27T10:00:00+08:00"
NOW = parse_moment(NOW_TEXT)
GENERATORS = ("mkdocs", "zensical")


def _project(work: Path) -> Path:
    project = work / "site-src"
    project.mkdir()
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    config = config.replace(
        "- validator/site/mkdocs_hooks/", f"- {ROOT}/validator/site/mkdocs_hooks/"
    )
    (project / "mkdocs.yml").write_text(config, "utf-8")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("status"))
    return project


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not ZENSICAL.exists():
        pytest.skip("zensical is not installable here (the Makefile tries; it is optional)")
    work = tmp_path_factory.mktemp("generators")
    demo = work / "demo"
    build_demo(demo, now=NOW)
    project = _project(work)
    built = {}
    for generator in GENERATORS:
        site_dir = work / f"site-{generator}"
        build_site(Build(project, demo, "internal", NOW, NOW_TEXT, site_dir, generator))
        built[generator] = site_dir
    return built


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


@pytest.mark.slow
def test_both_generators_build_the_same_pages(sites: dict[str, Path]) -> None:
    mkdocs, zensical = (_pages(sites[g]) for g in GENERATORS)
    assert mkdocs == zensical
    for page in (
        "index.html",
        "regulations/customer-service/index.html",
        "regulations/hant/customer-service/index.html",
        "formats/weekly/index.html",
        "status/index.html",
        "status/weekly/index.html",
        "form/index.html",
    ):
        assert page in zensical, page
    for generator, site in sites.items():
        html = (site / "regulations/customer-service/index.html").read_text(encoding="utf-8")
        assert 'id="part-3-1-3"' in html, generator
        form = (site / "form/index.html").read_text(encoding="utf-8")
        assert form.count('data-config="') == 1, generator  # once, hook or not
        assert (site / "form/roster.json").is_file(), generator  # an internal build
        for script in (ROOT / "docs/form").glob("*.js"):  # form.js and the parts it loads
            assert (site / "form" / script.name).is_file(), (generator, script.name)
        status = (site / "status/index.html").read_text(encoding="utf-8")
        assert "总览" in status or "本周" in status, generator


@pytest.mark.slow
def test_placeholders_are_filled_under_both(sites: dict[str, Path]) -> None:
    """Zensical runs no hooks: the site step fills the policy's deadlines into its copy of the
    pages, so both builds say the same deadline and neither shows a placeholder."""
    for generator in GENERATORS:
        page = (sites[generator] / "formats" / "index.html").read_text("utf-8")
        assert "{{" not in page, generator
        assert "13:00" in page, generator


def test_neither_build_names_a_third_party_host(sites: dict[str, Path]) -> None:
    """In the theme's assets (pages may link the organisation's own Git host)."""
    for generator, site in sites.items():
        for path in site.rglob("*"):
            if path.suffix in {".js", ".css"}:
                text = path.read_text(encoding="utf-8", errors="replace")
                assert not third_party_hosts(text), (generator, path)


@pytest.fixture(scope="module")
def urls(sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    with site_support.serve(sites["mkdocs"]) as mk, site_support.serve(sites["zensical"]) as zs:
        yield {"mkdocs": mk + "/", "zensical": zs + "/"}


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize(
    "generator",
    [
        "mkdocs",
        pytest.param(
            "zensical",
            marks=pytest.mark.xfail(
                reason="Zensical's search box finds nothing for a Chinese query yet (issue 18)"
            ),
        ),
    ],
)
@pytest.mark.parametrize(
    ("query", "page"),
    [("周报", "regulations/customer-service/"), ("报销", "formats/expenses/")],
)
def test_search_in_chinese_under_both(
    browser: Any, urls: dict[str, str], generator: str, query: str, page: str
) -> None:
    base = urls[generator]
    context = browser.new_context(locale="zh-CN")
    external: list[str] = []

    def only_the_site(route: Route) -> None:
        if route.request.url.startswith(base) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_site)
    try:
        tab = context.new_page()
        tab.goto(base)
        tab.keyboard.press("/")
        tab.keyboard.insert_text(query)
        tab.keyboard.press("End")
        results = tab.locator(".md-search-result__item a, .md-search-result a")
        results.first.wait_for(timeout=15000)
        hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
        assert any(page in href for href in hrefs), (generator, query, hrefs)
        assert external == []
    finally:
        context.close()
