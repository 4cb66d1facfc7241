"""MkDocs hook: write the status pages into `<docs_dir>/status/` before every build.

A thin adapter over `validator.pages.write_pages`, reading the same settings as `validator pages`:
`$VALIDATOR_REPO` (else the repository holding mkdocs.yml), `$VALIDATOR_NOW` (else the clock) and
`$VALIDATOR_AUDIENCE` (else public). Under `mkdocs serve` it also watches the data repository's
`org/` and `submissions/`, so the pages stay live while reports are edited.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from validator.errors import ValidatorError
from validator.pages import resolve_audience, write_pages
from validator.timeutil import resolve_now

OUT = "status"


def data_repo(config: Any) -> Path:
    """`$VALIDATOR_REPO`, else the repository that holds mkdocs.yml."""
    value = os.environ.get("VALIDATOR_REPO")
    if value:
        return Path(value)
    return Path(config["config_file_path"]).resolve().parent


def on_pre_build(config: Any, **kwargs: Any) -> None:
    """Generate before MkDocs collects the docs, so nav entries to status pages resolve."""
    try:
        write_pages(
            data_repo(config),
            Path(config["docs_dir"]) / OUT,
            resolve_now(None),
            resolve_audience(None),
        )
    except ValidatorError as exc:
        raise PluginError(f"status pages: {exc}") from exc


def on_serve(server: Any, config: Any, builder: Any, **kwargs: Any) -> Any:
    """Rebuild when the data repository's reports or reference data change."""
    root = data_repo(config)
    for name in ("org", "submissions"):
        if (root / name).is_dir():
            server.watch(str(root / name))
    return server
