"""Building the real site and serving it on 127.0.0.1, for the build and browser tests.

Every build works on a copy of `docs/` (the hooks and data still come from the checkout), so
parallel tests never race on the git-ignored `docs/status/` of the working tree.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.support import ROOT

MKDOCS = Path(sys.executable).with_name("mkdocs")


def build_site(
    work: Path,
    *,
    repo: Path | None = None,
    audience: str = "public",
    now: str | None = None,
    extra: dict[str, str] | None = None,
) -> Path:
    """`mkdocs build --strict` of the product's site rendering `repo` (default: the checkout)
    for `audience`, with `extra` replacing top-level keys of mkdocs.yml's `extra:` (the Git host
    settings); returns the built site directory inside `work`."""
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("status"))
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    config = config.replace("docs_dir: docs", f"docs_dir: {docs}")
    config = config.replace(
        "- validator/site/mkdocs_hooks/", f"- {ROOT}/validator/site/mkdocs_hooks/"
    )
    for key, value in (extra or {}).items():
        config, found = re.subn(rf"(?m)^  {key}: .*$", f"  {key}: {value}", config)
        assert found == 1, key
    (work / "mkdocs.yml").write_text(config, "utf-8")
    site = work / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VALIDATOR_AUDIENCE": audience}
    env["VALIDATOR_REPO"] = str(repo or ROOT)
    env.pop("VALIDATOR_NOW", None)
    if now is not None:
        env["VALIDATOR_NOW"] = now
    proc = subprocess.run(
        [str(MKDOCS), "build", "--strict", "-f", str(work / "mkdocs.yml"), "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript"}  # fmt: skip
    prefix = "/"  # the folder is served under this path only; anything else is a 404

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@contextlib.contextmanager
def serve(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `directory` on an ephemeral port of 127.0.0.1 under `prefix` (as a company server
    serves a site under a sub-path); yields the base URL (`prefix` without its last slash)."""
    handler = functools.partial(
        type("_Under", (_Quiet,), {"prefix": prefix}), directory=str(directory)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def recorded_page(browser: Any, **device: Any) -> Iterator[Any]:
    """A page as a reader in China sees it (zh-CN, Beijing time) that records its script errors
    (`page.errors`) and every URL it requests (`page.requests`: the site must ask no other
    host); closed with its context. `device`: more of the context's options (a phone's)."""
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **device)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    try:
        yield page
    finally:
        context.close()


def comes_to(page: Any, expression: str, arg: Any = None, timeout: int = 5000) -> bool:
    """Whether the page's `expression` (a JavaScript function of `arg`) comes to be true within
    `timeout` ms: a form's next check runs a frame or more after the change it answers."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(expression, arg=arg, timeout=timeout)
    except PlaywrightTimeout:
        return False
    return True
