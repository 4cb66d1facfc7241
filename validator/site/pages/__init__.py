"""The status pages: plain Markdown (and SVG charts) generated from a repository's reports.

`write_pages` is the one entry point, shared by `validator pages` and the MkDocs hook. Pages are
plain Markdown so they build under MkDocs and Zensical alike. The `public` audience carries no
personal data (counts and rates only); `internal` carries everything.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from validator.checking.check import run_checks
from validator.core.errors import UsageError
from validator.features.status import compute_status
from validator.repo.workspace import open_workspace, require_org
from validator.site.pages import (
    expenses,
    incidents,
    monthly,
    overview,
    people,
    performance,
    problems,
    regions,
    rotation,
    weekly,
    who_reported,
)
from validator.site.pages.common import Pages, Site, footer
from validator.site.settings import site_audience

#: each family gives its pages at once, or in batches (`people`: a file per person)
FAMILIES: tuple[Callable[[Site], Pages | Iterator[Pages]], ...] = (
    overview.render,
    weekly.render,
    who_reported.render,
    people.render,
    regions.render,
    rotation.render,
    performance.render,
    monthly.render,
    expenses.render,
    incidents.render,
    problems.render,
)
#: the nav of the 状态 section: page -> title (the same pages exist in both audiences)
NAV = {
    "index.md": "总览",
    "weekly.md": "每周提交",
    "by-region.md": "按区域",
    "by-engineer.md": "按渠道工程师",
    "regions.md": "区域",
    "rotation.md": "岗位轮换",
    "performance.md": "绩效",
    "monthly.md": "月报数据",
    "expenses.md": "报销",
    "incidents.md": "突发事件",
    "problems.md": "数据问题",
}
#: `progress(done, total)`: how far rendering is, for a caller at a terminal
Progress = Callable[[int, int], None]
#: marks a directory as ours, so that stale pages may be removed from it and nothing else
MARKER = ".validator-pages"


def render_pages(
    root: Path, now: dt.datetime, audience: str, progress: Progress | None = None
) -> Pages:
    """Every page and chart, by path relative to the status directory (nothing written).
    `progress(done, total)` hears of the repository read and of each page family."""
    pages: Pages = {}
    for family in rendered_families(root, now, audience, progress):
        pages.update(family)
    return pages


def rendered_families(
    root: Path, now: dt.datetime, audience: str, progress: Progress | None = None
) -> Iterator[Pages]:
    """The pages family by family (a large family in batches), finished (footer, search
    setting), so that a writer can drop each before the next is rendered: a national company's
    pages are hundreds of megabytes, which need not all be in memory at once."""
    site_audience(audience)  # a usage error unless public or internal
    step = progress or (lambda done, total: None)
    total = len(FAMILIES) + 1
    step(0, total)
    workspace = open_workspace(root)
    require_org(workspace)  # a broken roster would publish '暂无数据' for everyone
    site = Site(workspace, compute_status(workspace, now), run_checks(workspace, now), audience)
    step(1, total)
    foot = "\n".join(footer(site))
    for done, family in enumerate(FAMILIES, 2):
        made = family(site)
        for batch in [made] if isinstance(made, dict) else made:
            yield {
                rel: _unsearched(rel, f"{page.rstrip()}\n{foot}")
                if isinstance(page, str) and rel.endswith(".md")
                else page
                for rel, page in batch.items()
            }
        step(done, total)


#: a search for 周报 should find the regulation, not the tables that count weekly reports: every
#: status page but the overview stays out of the search index
SEARCHED = {"index.md"}
UNSEARCHED = "search:\n  exclude: true\n"


def _unsearched(rel: str, page: str) -> str:
    """`page` with `search: exclude` in its front matter (added, or merged into the page's own)."""
    if rel in SEARCHED:
        return page
    if not page.startswith("---\n"):
        return f"---\n{UNSEARCHED}---\n\n{page}"
    front, _, body = page[4:].partition("---\n")
    return page if "search:" in front else f"---\n{front}{UNSEARCHED}---\n{body}"


def write_pages(
    root: Path, out_dir: Path, now: dt.datetime, audience: str, progress: Progress | None = None
) -> list[Path]:
    """Write the status pages of repository `root` into `out_dir`; return the files written.
    Each family is written as soon as it is rendered (`rendered_families`)."""
    if not writable(out_dir):  # refused before the repository is read
        _claim(out_dir)
    written: list[Path] = []
    for number, family in enumerate(rendered_families(root, now, audience, progress)):
        if number == 0:  # the repository was readable: the directory is ours now
            _claim(out_dir)
        written += _write(family, out_dir)
    _remove_stale(out_dir, set(written))
    return sorted(written)


def write_rendered(pages: Pages, out_dir: Path) -> list[Path]:
    """Write rendered pages into `out_dir`, which must be empty or written by us before.

    Files whose content did not change are left untouched (so `mkdocs serve` does not rebuild in
    a loop), and pages from an earlier run that no longer exist are removed, so switching from an
    internal to a public build never leaves personal pages behind."""
    _claim(out_dir)
    written = _write(pages, out_dir)
    _remove_stale(out_dir, set(written))
    return written


def _write(pages: Pages, out_dir: Path) -> list[Path]:
    """Write `pages` (unchanged files left untouched); return their paths, sorted."""
    written: list[Path] = []
    for rel, content in sorted(pages.items()):
        path = out_dir / rel
        data = content.encode("utf-8") if isinstance(content, str) else content
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
        written.append(path)
    return written


def writable(out_dir: Path) -> bool:
    """Whether `out_dir` is absent, empty, or was written by this generator before."""
    if not out_dir.is_dir() or (out_dir / MARKER).exists():
        return True
    return not any(out_dir.iterdir())


def _claim(out_dir: Path) -> None:
    """Refuse to write into a non-empty directory this generator did not create."""
    marker = out_dir / MARKER
    if not writable(out_dir):
        raise UsageError(f"{out_dir} is not empty and was not written by `validator pages`")
    out_dir.mkdir(parents=True, exist_ok=True)
    if not marker.exists():
        marker.write_text("generated by `validator pages`; do not edit\n", encoding="utf-8")


def _remove_stale(out_dir: Path, keep: set[Path]) -> None:
    for path in sorted(out_dir.rglob("*"), reverse=True):
        try:
            if path.is_file() and path.suffix in {".md", ".svg", ".json"} and path not in keep:
                path.unlink(missing_ok=True)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        except OSError:
            pass  # another build writing the same directory at the same time
