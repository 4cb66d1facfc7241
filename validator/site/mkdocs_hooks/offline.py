"""MkDocs hook: after the build, strip third-party hosts from the theme's assets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from validator.site.offline import strip_third_party


def on_post_build(config: Any, **kwargs: Any) -> None:
    """Run last, on the written site, so every asset the theme copied is covered."""
    strip_third_party(Path(config["site_dir"]))
