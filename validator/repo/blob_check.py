"""Which committed versions of report files pass the schema: read from git in one call.

Only the history walk asks, and only for the paths committed more than once (a placeholder
filled in later, a report fixed after review). A blob over the size limit, or one that is not a
file, never passes. Versions of a report's size are always validated: a national company's
history holds tens of thousands of them, and one counted as not passing would make an on-time
report received at its fix, late. Bigger versions share a byte budget per run, smallest first:
many commits each rewriting reports with big blobs would otherwise be validated one by one
(hours of CI). A pull request's own versions are bounded before this (`pr-too-many-bytes`), so
what reaches the budget is history reviewers merged. Blobs are read a chunk at a time.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

from validator.kinds import REPORT_MODELS
from validator.reading.filebytes import MAX_BYTES, decode
from validator.reading.loader import load_text
from validator.reading.schema_errors import validate
from validator.repo.git import git_env
from validator.repo.layout import ReportFile, classify

#: a version this size or smaller is a report as people write them (a few KiB): always validated
HONEST = 16 * 1024
#: bytes of bigger versions read and validated per run: at worst about a minute of parsing
BUDGET = 32 * 1024 * 1024
#: bytes read from git at a time, so a long history's versions are never all in memory at once
CHUNK = 8 * 1024 * 1024


def valid_blobs(root: Path, wanted: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (path, blob) pairs of `wanted` whose blob holds a report that passes the schema of
    the report kind its path names."""
    kinds: dict[tuple[str, str], type] = {}
    for path, blob in wanted:
        report = classify(path)
        if isinstance(report, ReportFile) and len(blob) in (40, 64):
            kinds[(path, blob)] = REPORT_MODELS[report.kind]
    blobs = sorted({blob for _, blob in kinds})
    if not blobs:
        return set()
    sizes = _batch(root, "--batch-check", blobs)
    small = [b for b in blobs if b in sizes and sizes[b][0] == "blob" and sizes[b][1] <= MAX_BYTES]
    honest = [b for b in small if sizes[b][1] <= HONEST]
    bigger = [b for b in small if sizes[b][1] > HONEST]
    chosen = honest + _within(bigger, sizes, BUDGET)
    paths: dict[str, list[tuple[str, type]]] = {}
    for (path, blob), model in kinds.items():
        paths.setdefault(blob, []).append((path, model))
    valid = set()
    for chunk in _chunks(chosen, sizes):
        for blob, raw in _contents(root, chunk).items():
            for path, model in paths.get(blob, ()):
                if _passes(raw, path, model):
                    valid.add((path, blob))
    return valid


def _passes(raw: bytes, path: str, model: type) -> bool:
    text, _problems = decode(raw, path)
    if text is None:
        return False
    loaded = load_text(text, path)
    return loaded.document is not None and validate(loaded.document, model)[0] is not None


def _chunks(blobs: list[str], sizes: dict[str, tuple[str, int]]) -> list[list[str]]:
    """`blobs` in runs of about CHUNK bytes."""
    chunks: list[list[str]] = [[]]
    held = 0
    for blob in blobs:
        if held and held + sizes[blob][1] > CHUNK:
            chunks.append([])
            held = 0
        chunks[-1].append(blob)
        held += sizes[blob][1]
    return [chunk for chunk in chunks if chunk]


def _within(blobs: list[str], sizes: dict[str, tuple[str, int]], budget: int) -> list[str]:
    """The smallest of `blobs` whose sizes add up to at most `budget`."""
    chosen = []
    for blob in sorted(blobs, key=lambda b: (sizes[b][1], b)):
        budget -= sizes[blob][1]
        if budget < 0:
            break
        chosen.append(blob)
    return chosen


def _run(root: Path, option: str, blobs: list[str]) -> bytes:
    done = subprocess.run(
        ["git", "cat-file", option],
        cwd=root,
        env=git_env(),
        input="".join(f"{b}\n" for b in blobs).encode(),
        capture_output=True,
        check=False,
    )
    return done.stdout if done.returncode == 0 else b""


def _batch(root: Path, option: str, blobs: list[str]) -> dict[str, tuple[str, int]]:
    """Type and size of each blob (`git cat-file --batch-check`); a missing one is left out."""
    found = {}
    for line in _run(root, option, blobs).decode("ascii", "replace").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2].isdigit():
            found[parts[0]] = (parts[1], int(parts[2]))
    return found


def _contents(root: Path, blobs: list[str]) -> dict[str, bytes]:
    if not blobs:
        return {}
    out = _run(root, "--batch", blobs)
    found: dict[str, bytes] = {}
    pos = 0
    while pos < len(out):
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) != 3:
            continue  # "<sha> missing"
        size = int(header[2])
        found[header[0].decode()] = out[pos : pos + size]
        pos += size + 1
    return found
