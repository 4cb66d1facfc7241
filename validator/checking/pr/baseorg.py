"""The org data of the base branch, read from git: a pull request is judged by the deadlines,
clock skew, roster and limits the base branch has, never by the org/ files it brings itself."""

from __future__ import annotations

from pathlib import Path

from validator.checking.pr.gitfacts import blob_text, objects
from validator.core.diagnostics import Diagnostic
from validator.reading.filebytes import ORG_MAX_BYTES
from validator.reading.loader import LoadResult, load_text
from validator.repo.git import git
from validator.repo.org_data import Org, load_org


def base_org(root: Path, rev: str) -> Org:
    """org/ as `rev` has it; a file missing there is missing, a broken one is as good as none
    (its findings belong to the run that changed it). Sizes are checked before any read."""
    listing = git(root, "ls-tree", "-r", "-z", rev, "--", "org")
    blobs: dict[str, str] = {}
    for entry in listing.split("\0"):
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob":
            blobs[path] = parts[2]
    sizes = objects(root, blobs.values())

    def read(rel: str) -> LoadResult:
        size = sizes.get(blobs[rel], ("", ORG_MAX_BYTES + 1))[1]
        text = blob_text(root, blobs[rel]) if size <= ORG_MAX_BYTES else None
        if text is None:
            return LoadResult(None, [])
        return load_text(text, rel)

    ignored: list[Diagnostic] = []
    return load_org(root, ignored, files=sorted(blobs), read=read)
