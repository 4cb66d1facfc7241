"""MkDocs hook: give the report form page its settings, and internal builds the staff roster;
serve the JSON Schemas made from the organisation's data in place of the committed ones.

Reads the same variables as the status pages: `$VALIDATOR_REPO` (else the directory of
mkdocs.yml), `$VALIDATOR_AUDIENCE` (public or internal) and `$VALIDATOR_NOW`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from validator.site.build import with_form_config
from validator.site.reportform import (
    FORM_PAGE,
    IDS_FILE,
    ROSTER_FILE,
    ids_json,
    load_repo_org,
    page_config,
    roster_json,
    schema_files,
)
from validator.site.settings import INTERNAL, site_audience, site_repo

_MARKER = 'id="report-form"'


def _repo(config: Any) -> Path:
    return site_repo(None, config["config_file_path"])


def _internal() -> bool:
    return site_audience() == INTERNAL


def on_files(files: Files, config: Any, **kwargs: Any) -> Files:
    """The schemas of the organisation's data; internal builds: the roster (ids and names for
    the staff picker, each one's postings and approvals for the form's checks,
    `reportform.roster_entries`); public builds: the ids alone."""
    org = load_repo_org(_repo(config))
    for path, text in schema_files(org).items():
        committed = files.get_file_from_path(path)
        if committed is not None:  # only where the project publishes its schemas
            files.remove(committed)
            files.append(File.generated(config, path, content=text))
    if files.get_file_from_path(FORM_PAGE) is None:
        return files
    if _internal():
        files.append(File.generated(config, ROSTER_FILE, content=roster_json(org)))
    else:
        files.append(File.generated(config, IDS_FILE, content=ids_json(org)))
    return files


def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    """Put the settings into the form's `data-config` attribute (HTML-escaped JSON)."""
    if page.file.src_uri != FORM_PAGE or _MARKER not in output:
        return output
    settings = page_config(
        load_repo_org(_repo(config)),
        config.get("extra") or {},
        "internal" if _internal() else "public",
        os.environ.get("VALIDATOR_NOW"),
    )
    return with_form_config(output, settings)
