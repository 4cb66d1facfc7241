"""MkDocs hook: generate the status pages for every build, into `<docs_dir>/status/`.

A thin adapter over `validator.site.pages`, reading the same settings as `validator pages`:
`$VALIDATOR_REPO` (else the repository holding mkdocs.yml), `$VALIDATOR_NOW` (else the clock) and
`$VALIDATOR_AUDIENCE` (else public).

`on_pre_build` renders the pages and writes them to `docs/status/` (git-ignored; unless that
directory holds files this generator did not write) so they can be read and reused (e.g. by
Zensical). `on_files` then hands MkDocs this build's own rendering, so a build never picks up
pages another build (another audience, another repository) left on disk or is writing at the
same time. Under `mkdocs serve` the data repository's `org/` and `submissions/` are watched too,
so the pages stay live while reports are edited.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from validator.core.errors import ValidatorError
from validator.core.timeutil import resolve_now
from validator.site.build import PREPARED
from validator.site.pages import render_pages, writable, write_rendered
from validator.site.pages.common import Pages
from validator.site.settings import site_audience, site_repo

OUT = "status"
log = logging.getLogger("mkdocs.hooks.status")
_rendered: Pages = {}


def data_repo(config: Any) -> Path:
    """`$VALIDATOR_REPO`, else the repository that holds mkdocs.yml."""
    return site_repo(None, config["config_file_path"])


def on_pre_build(config: Any, **kwargs: Any) -> None:
    """Render and write the pages before MkDocs collects the docs (unless `validator site`
    wrote them already: validator/site/build.py, for MkDocs and Zensical alike)."""
    _rendered.clear()
    if os.environ.get(PREPARED):
        return
    out = Path(config["docs_dir"]) / OUT
    try:
        pages = render_pages(data_repo(config), resolve_now(None), site_audience())
        if writable(out):
            write_rendered(pages, out)
        else:  # someone else's files: leave them, the build still uses this rendering
            log.info("status pages: %s was not written by validator pages; left as it is", out)
    except ValidatorError as exc:
        raise PluginError(f"status pages: {exc}") from exc
    _rendered.clear()
    _rendered.update(pages)


def on_files(files: Files, config: Any, **kwargs: Any) -> Files:
    """Replace whatever is on disk under status/ by this build's pages."""
    if os.environ.get(PREPARED):
        return files  # the pages `validator site` just wrote
    for file in [f for f in files if f.src_uri.startswith(f"{OUT}/")]:
        files.remove(file)
    for rel, content in sorted(_rendered.items()):
        files.append(File.generated(config, f"{OUT}/{rel}", content=content))
    return files


def on_serve(server: Any, config: Any, builder: Any, **kwargs: Any) -> Any:
    """Rebuild when the data repository's reports or reference data change."""
    root = data_repo(config)
    for name in ("org", "submissions"):
        if (root / name).is_dir():
            server.watch(str(root / name))
    return server
