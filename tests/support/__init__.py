"""Helpers the tests share: the repository root, git repositories, rosters and sites."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "corpus" / "cases"
#: where a site build writes the status pages (git-ignored): generated, not written by anyone
GENERATED_DOCS = ROOT / "docs" / "status"


def written_docs() -> list[Path]:
    """The project's own Markdown (README, SECURITY, docs/), sorted, without the status pages a
    site build leaves in docs/status/: a test sees the same files in every checkout."""
    pages = [ROOT / "README.md", ROOT / "SECURITY.md", *(ROOT / "docs").rglob("*.md")]
    return sorted(
        (p for p in pages if not p.is_relative_to(GENERATED_DOCS)), key=lambda p: p.as_posix()
    )
