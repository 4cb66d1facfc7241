"""MkDocs hook: publish each regulation page also in Traditional Chinese under regulations/hant/.

The Simplified pages are the committed source; the Traditional ones are generated at build time
so they can never be stale.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files

from validator.handbook.hant import traditional_page

PAGES = ("customer-service", "security")


def on_files(files: Files, config: Any, **kwargs: Any) -> Files:
    """Add `regulations/hant/<slug>.md` for every regulation page present in the docs."""
    for slug in PAGES:
        source = files.get_file_from_path(f"regulations/{slug}.md")
        if source is None:
            continue
        content = traditional_page(source.content_string, slug)
        files.append(File.generated(config, f"regulations/hant/{slug}.md", content=content))
    return files
