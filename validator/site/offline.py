"""Keep the built site free of third-party hosts: readers in mainland China load nothing else.

Material's bundled JavaScript names CDNs it may fetch from (a ResizeObserver polyfill and
Mermaid from unpkg, the GitHub API for repository facts) and its vendored libraries carry
project URLs in licence comments. `strip_third_party` removes source maps and turns every
third-party `http(s)://host` in the theme's assets into plain text, so nothing can be fetched.
"""

from __future__ import annotations

import re
from pathlib import Path

#: hosts that are fine to name: XML namespaces (never fetched) and the local machine
HARMLESS_HOSTS = frozenset(
    {"www.w3.org", "www.sitemaps.org", "localhost", "127.0.0.1", "example.com", "www.example.com"}
    | {"json-schema.org"}  # the draft-07 `$schema` identifier of docs/schemas/: never fetched
)
_URL = re.compile(r"https?://([A-Za-z0-9.-]+|\$\{[^}]*\})")
_TEXT_SUFFIXES = {".js", ".css", ".html", ".json", ".xml", ".svg", ".txt"}


def third_party_hosts(text: str) -> set[str]:
    """Hosts other than the harmless ones that `text` names in an http(s) URL (the names that
    RFC 2606 reserves for examples, `*.example.com`, are never anyone's server)."""
    found = {m.group(1) for m in _URL.finditer(text)} - HARMLESS_HOSTS
    return {host for host in found if not host.endswith(".example.com")}


def _neutralize(match: re.Match[str]) -> str:
    host = match.group(1)
    return match.group(0) if host in HARMLESS_HOSTS else "offline:" + host.replace(".", "\u2024")


def strip_third_party(site_dir: Path) -> list[Path]:
    """Rewrite the theme assets under `site_dir/assets` in place; return the files changed."""
    changed: list[Path] = []
    assets = site_dir / "assets"
    if not assets.is_dir():
        return changed
    for path in sorted(assets.rglob("*")):
        if path.suffix == ".map":
            path.unlink()
            changed.append(path)
            continue
        if not path.is_file() or path.suffix not in _TEXT_SUFFIXES:
            continue
        text = path.read_text("utf-8")
        new = _URL.sub(_neutralize, text)
        if new != text:
            path.write_text(new, "utf-8")
            changed.append(path)
    return changed
