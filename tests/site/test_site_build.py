"""A real `mkdocs build --strict` of the handbook, scanned for third-party hosts and leftovers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT
from validator.handbook import has_pinyin, to_simplified
from validator.site.offline import third_party_hosts

MKDOCS = Path(sys.executable).with_name("mkdocs")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build once per session into a temporary directory (the working tree is left alone)."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def _text_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file() and p.suffix not in {".gz", ".png", ".ico"}]


def test_pages_exist(site: Path) -> None:
    for page in [
        "index.html", "regulations/index.html", "regulations/customer-service/index.html",
        "regulations/security/index.html", "regulations/hant/customer-service/index.html",
        "guide/submit/index.html", "guide/review/index.html", "guide/adopt/index.html",
        "rules/index.html", "search/search_index.json",
    ]:  # fmt: skip
        assert (site / page).is_file(), page


def test_no_third_party_host(site: Path) -> None:
    """No page loads anything from another host. The one host a page may name is the
    organisation's own Git host, on the form: a link the reader follows to hand a report in."""
    setting = re.search(r"(?m)^  git_host: *(\S*)", (ROOT / "mkdocs.yml").read_text("utf-8"))
    own = {setting[1].split("//")[-1].split("/")[0]} if setting else set()
    offenders = {}
    for path in _text_files(site):
        hosts = third_party_hosts(path.read_text("utf-8", errors="replace"))
        if path.relative_to(site).as_posix() == "form/index.html":
            hosts -= own
        if hosts:
            offenders[str(path.relative_to(site))] = sorted(hosts)
    assert offenders == {}
    html = (site / "index.html").read_text("utf-8")
    assert "fonts.googleapis" not in html and "preconnect" not in html


def test_pinned_anchors_in_html(site: Path) -> None:
    cs = (site / "regulations/customer-service/index.html").read_text("utf-8")
    for anchor in ["part-1", "part-3-1-3", "part-3-5-3", "part-3-6", "part-3-7-1",
                   "part-3-7-2", "part-4", "part-4-1-1", "part-4-2-3", "part-4-2-4"]:  # fmt: skip
        assert f'id="{anchor}"' in cs, anchor
    sec = (site / "regulations/security/index.html").read_text("utf-8")
    for anchor in ["art-7", "art-8", "art-10"]:
        assert f'id="{anchor}"' in sec, anchor
    rules = (site / "rules/index.html").read_text("utf-8")
    assert 'id="late"' in rules and 'href="../regulations/customer-service/#part-3-1-3"' in rules


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    # the language selector names the Traditional variant in Traditional script, on purpose
    html = re.sub(r'<li class="md-select__item">.*?</li>', "", html, flags=re.S)
    return re.sub(r"<[^>]+>", "", html)


def test_pages_are_simplified_without_pinyin(site: Path) -> None:
    for path in site.rglob("index.html"):
        if "hant" in path.parts:
            continue
        text = _visible_text(path.read_text("utf-8"))
        assert not has_pinyin(text), path
        han = "".join(re.findall(r"[\u4e00-\u9fff]+", text))
        assert to_simplified(han) == han, path


def test_traditional_variant(site: Path) -> None:
    text = _visible_text((site / "regulations/hant/customer-service/index.html").read_text("utf-8"))
    assert "駐外人員管理辦法" in text
    rules_link = 'href="../../../rules/#late"'
    assert rules_link in (site / "regulations/hant/customer-service/index.html").read_text("utf-8")
    # the switcher leads to the same regulation in the other script, and is absent elsewhere
    cs = (site / "regulations/customer-service/index.html").read_text("utf-8")
    assert 'href="../hant/customer-service/" hreflang="zh-Hant"' in cs
    sec = (site / "regulations/hant/security/index.html").read_text("utf-8")
    assert 'href="../../security/" hreflang="zh"' in sec
    assert "hreflang=" not in (site / "guide/submit/index.html").read_text("utf-8")


def test_search_index_is_segmented(site: Path) -> None:
    index = (site / "search/search_index.json").read_text("utf-8")
    # Material segments Chinese with jieba at build time and marks word boundaries with U+200B
    assert "\\u200b" in index.split('"docs"', 1)[0]  # the separator splits on them
    assert "\\u5468\\u62a5" in index  # 周报 kept together as one word


@pytest.mark.parametrize("status", ["absent", "foreign"])
def test_build_passes_with_status_pages_absent_or_foreign(tmp_path: Path, status: str) -> None:
    """docs/status/ is generated and git-ignored: a fresh clone has none, and a folder the hook
    did not write (hand-made, or left by another tool) must not break the build."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("status"))
    (project / "validator").symlink_to(ROOT / "validator")  # the hooks, as mkdocs.yml names them
    if status == "foreign":
        (project / "docs" / "status").mkdir()
        (project / "docs" / "status" / "index.md").write_text("# 状态\n\n测试页。\n", "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VALIDATOR_REPO": str(ROOT)}
    proc = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(tmp_path / "s")],
        cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "s" / "status" / "index.html").is_file()
