"""The site also builds under Zensical, Material's successor: the status pages are plain
Markdown written by `validator pages`, so they do not depend on MkDocs hooks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from validator.demo import build_demo
from validator.site.pages import write_pages
from validator.core.timeutil import parse_moment
from tests.support import ROOT

ZENSICAL = Path(sys.executable).with_name("zensical")
NOW = parse_moment("2026-11-27T10:00:00+08:00")


@pytest.mark.slow
def test_zensical_builds_handbook_and_status_pages(tmp_path: Path) -> None:
    if not ZENSICAL.exists():
        pytest.skip("zensical is not installable here (the Makefile tries; it is optional)")
    project = tmp_path / "site-src"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("status"))
    demo = tmp_path / "demo"
    build_demo(demo, now=NOW)
    write_pages(demo, project / "docs" / "status", NOW, "public")
    done = subprocess.run(
        [str(ZENSICAL), "build", "-f", "mkdocs.yml"],
        cwd=project, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    site = project / "site"
    for page in (
        "index.html",
        "regulations/customer-service/index.html",
        "formats/weekly/index.html",
        "status/index.html",
        "status/weekly/index.html",
    ):
        assert (site / page).is_file(), page
    html = (site / "regulations/customer-service/index.html").read_text(encoding="utf-8")
    assert 'id="part-3-1-3"' in html
