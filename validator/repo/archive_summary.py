"""The carried-over summaries of archived years (`archive/<year>.yaml`, docs/formats/archive.md).

`validator archive` moves a closed year's reports to the branch `archive/<year>` and leaves this
summary on main: per archived report its received date, deadline, state and blob; per person the
spare units still out on loan at the year's end; and the received dates, as of the archive point
(`base`), of the reports that stay. Rules, status and the history walk read archived years from
here instead of from files that are no longer in the work tree. The summary is trusted because
only the archive command writes it and a reviewer merges it; `summary_problems` still checks that
it is consistent with itself, the policy, the work tree and (when present) the archive branch.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from validator.core.diagnostics import Diagnostic, diag
from validator.core.errors import RepositoryError
from validator.reading.document import Document
from validator.reading.loader import load_text
from validator.repo import archive_store
from validator.repo.archive_format import FOLDER, RULE, YEAR_FILE, Entry, Summary, made
from validator.repo.archive_lines import load_summary
from validator.repo.archive_parse import parse
from validator.repo.git import git_dir
from validator.repo.history_cache import is_ancestor


@dataclass
class Archive:
    """Every summary in a work tree, oldest year first, and the problems found reading them."""

    root: Path | None = None
    #: where `archive_store` keeps what was read (None: not kept, not used)
    git_dir: Path | None = None
    summaries: list[Summary] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    #: the summaries read into a document (checked, even when one could not be used)
    read: set[str] = field(default_factory=set)
    #: the documents read in this run (`document` reads one that came from the store)
    documents: dict[str, Document] = field(default_factory=dict, repr=False)
    _entries: dict[tuple[str, str], dict[str, Entry]] = field(default_factory=dict, repr=False)

    @property
    def years(self) -> set[int]:
        return {s.year for s in self.summaries}

    def entries(self, staff: str, kind: str) -> dict[str, Entry]:
        """(staff, kind)'s archived reports, period text -> entry (a later year's last)."""
        found = self._entries.get((staff, kind))
        if found is None:
            found = self._entries[staff, kind] = {}
            for summary in self.summaries:
                found.update(summary.group(staff, kind))
        return found

    def blobs(self) -> dict[str, str]:
        """Path -> blob of every archived report (a later year's last), without making entries."""
        return {path: blob for summary in self.summaries for path, blob in summary.blobs().items()}

    def carried_units(self, staff: str) -> tuple[str, ...] | None:
        """Serials out on loan in `staff`'s last archived monthly report (None: none archived)."""
        for summary in reversed(self.summaries):
            if staff in summary.spare_units:
                return summary.spare_units[staff]
        return None

    def incidents(self) -> list[Entry]:
        return [
            made(staff, kind, row)
            for summary in self.summaries
            for staff, kind, row in summary.rows()
            if kind == "incidents"
        ]

    def newest(self) -> Summary | None:
        return self.summaries[-1] if self.summaries else None

    def document(self, path: str) -> Document:
        """The summary at `path` as a document, for pointing at its lines (read again when it
        came from `archive_store`)."""
        found = self.documents.get(path)
        if found is None:
            assert self.root is not None
            text = (self.root / path).read_text("utf-8")
            found = load_summary(text, path) or load_text(text, path).document
            assert found is not None  # it was read before, with no problem
            self.documents[path] = found
        return found


def strays(root: Path) -> list[str]:
    """Paths under archive/ other than the summaries `archive/<year>.yaml`, which alone are read:
    a summary renamed or moved would drop its year from every figure without a word."""
    folder = root / FOLDER
    found = []
    for top, dirs, files in os.walk(folder):
        inside = Path(top).relative_to(root).as_posix()
        links = [d for d in dirs if os.path.islink(os.path.join(top, d))]  # not walked into
        for name in [*files, *links]:
            if inside != FOLDER or not YEAR_FILE.match(name):
                found.append(f"{inside}/{name}")
    return sorted(found)


def archived(root: Path, *, use_cache: bool = True) -> Archive:
    """The summaries under `root`/archive/ (read once per run while the files are unchanged;
    from `archive_store` when they were read before, unless `use_cache` is False)."""
    folder = root / FOLDER
    try:
        names = sorted(p.name for p in folder.iterdir() if YEAR_FILE.match(p.name))
        stamps = tuple((n, (folder / n).stat().st_mtime_ns) for n in names)
    except OSError:
        return Archive()
    key = (str(root), stamps)
    found = _READ.get(key)
    if found is None or (found[1] and not use_cache):  # --no-cache: not what the store gave
        found = _READ[key] = (_read_all(root, stamps, use_cache), use_cache)
        while len(_READ) > 4:
            del _READ[next(iter(_READ))]
    return found[0]


#: (root, summaries' names and times) -> (what they hold, whether the store could serve them)
_READ: dict[tuple[str, tuple[tuple[str, int], ...]], tuple[Archive, bool]] = {}


def _read_all(root: Path, stamps: tuple[tuple[str, int], ...], use_cache: bool) -> Archive:
    git_dir = _git_dir(root) if use_cache and stamps else None  # no summary: no git to ask
    archive = Archive(root, git_dir)
    for name, _ in stamps:
        rel = f"{FOLDER}/{name}"
        year = int(name.removesuffix(".yaml"))
        try:
            raw = (root / rel).read_bytes()
        except OSError as exc:
            archive.problems.append(diag(rel, RULE, "archive-summary-bad", problem=str(exc)))
            continue
        key = archive_store.content_key(raw) if git_dir is not None else ""
        kept = archive_store.load(git_dir, year, key) if git_dir is not None else None
        summary = Summary.from_values(rel, kept) if kept is not None else None
        if summary is None:
            try:
                text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # read_text's
            except UnicodeDecodeError as exc:
                archive.problems.append(diag(rel, RULE, "archive-summary-bad", problem=str(exc)))
                continue
            summary = _read(archive, rel, text)
            if summary is not None and git_dir is not None and not _said(archive, rel):
                with contextlib.suppress(ValueError):  # a key marshal cannot keep: read as text
                    archive_store.save(git_dir, year, key, summary.values())
        if summary is not None:
            summary.key = key
            archive.read.add(rel)
            archive.summaries.append(summary)
    return archive


def _read(archive: Archive, rel: str, text: str) -> Summary | None:
    """The summary `text`, its problems added to the archive's."""
    document = load_summary(text, rel)  # the command's own line format, read fast
    if document is None:  # any other form: YAML, which also owns its messages
        result = load_text(text, rel)
        archive.problems.extend(result.diagnostics)
        if result.document is None:
            return None
        document = result.document
    archive.read.add(rel)
    said = len(archive.problems)
    summary = parse(document, archive.problems)
    if len(archive.problems) > said:  # kept for its messages; otherwise read again if asked
        archive.documents[rel] = document
    return summary


def _said(archive: Archive, rel: str) -> bool:
    return any(d.path == rel for d in archive.problems)


def _git_dir(root: Path) -> Path | None:
    try:
        return git_dir(root)
    except RepositoryError:  # a refused repository: the summaries are read, nothing kept
        return None


def archive_start(root: Path, head: str) -> tuple[str, dict[str, tuple[int, str]]] | None:
    """Where a history walk may start without a cache: the newest summary's `base` with the
    received dates it carries, when `base` is an ancestor of `head` (the archive commit and all
    later ones are then read as usual: `git log base..HEAD`)."""
    for summary in reversed(archived(root).summaries):
        if summary.base == head or is_ancestor(root, summary.base, head):
            return summary.base, dict(summary.received)
    return None
