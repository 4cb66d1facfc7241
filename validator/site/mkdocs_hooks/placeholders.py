"""MkDocs hook: fill the deadline and citation placeholders of every page (see
`validator.site.placeholders`) from the data repository's `org/policy.yaml` and
`org/handbook.yaml` (`$VALIDATOR_REPO`, else the repository that holds mkdocs.yml)."""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from validator.repo.org_data import Org
from validator.site.placeholders import PlaceholderError, fill_page
from validator.site.reportform import load_repo_org
from validator.site.settings import site_repo

_STATE: dict[str, Any] = {}


def on_files(files: Files, config: Any, **kwargs: Any) -> Files:
    """Read the organisation's data once per build and remember which pages exist."""
    _STATE["org"] = load_repo_org(site_repo(None, config["config_file_path"]))
    _STATE["pages"] = {file.src_uri for file in files}
    return files


def on_page_markdown(markdown: str, page: Page, config: Any, files: Files, **kwargs: Any) -> str:
    org: Org = _STATE.get("org") or Org()
    present: set[str] = _STATE.get("pages") or {f.src_uri for f in files}
    try:
        return fill_page(
            markdown, page.file.src_uri, org.policy, org.handbook, present.__contains__
        )
    except PlaceholderError as exc:
        raise PluginError(str(exc)) from exc
