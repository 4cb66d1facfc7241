"""MkDocs hook: the language switcher leads to the same regulation in the other script.

The Traditional pages (docs/regulations/hant/) are committed, written by `validator handbook
import` from the source's own characters. `extra.alternate` in mkdocs.yml is one fixed list, so
by itself the switcher would send every reader to the same page; here each regulation page gets
the links to itself and its counterpart, and a page with no counterpart shows no switcher.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from validator.handbook.hant import variants

_FILES: dict[str, Files] = {}


def on_files(files: Files, config: Any, **kwargs: Any) -> Files:
    """Remember the files, to look up a page's counterpart and its URL."""
    _FILES["files"] = files
    config["extra"].setdefault("_alternate", list(config["extra"].get("alternate") or []))
    config["extra"]["alternate"] = []  # the 404 page and other templates have no counterpart
    return files


def _alternate(page: Page, config: Any) -> list[dict[str, str]]:
    pair = variants(page.file.src_uri)
    files = _FILES.get("files")
    if pair is None or files is None:
        return []
    targets = [files.get_file_from_path(path) for path in pair]
    if any(target is None for target in targets):
        return []
    configured = {alt.get("lang"): alt for alt in config["extra"]["_alternate"]}
    out = []
    for lang, name, target in zip(
        ("zh", "zh-Hant"), ("简体中文", "繁體中文"), targets, strict=True
    ):
        assert target is not None
        out.append({"name": configured.get(lang, {}).get("name", name), "lang": lang,
                    "link": target.url})  # fmt: skip
    return out


def on_page_context(context: Any, page: Page, config: Any, **kwargs: Any) -> Any:
    """Point the switcher of this page at this page and its counterpart (or hide it)."""
    config["extra"]["alternate"] = _alternate(page, config)
    return context


def on_post_build(config: Any, **kwargs: Any) -> None:
    """Give the configuration back its own list (a `mkdocs serve` rebuild starts from it)."""
    config["extra"]["alternate"] = config["extra"].pop("_alternate", [])
