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
import datetime as dt
import functools
import marshal
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from validator.core.diagnostics import Diagnostic, diag
from validator.core.errors import RepositoryError
from validator.kinds import KINDS, Period, due, parse_period
from validator.models import Policy
from validator.reading.document import Document, Loc
from validator.reading.loader import load_text
from validator.repo import archive_store
from validator.repo.archive_lines import load_summary
from validator.repo.git import git_dir
from validator.repo.history_cache import is_ancestor

FOLDER = "archive"
RULE = "archive-summary"
FORMAT = 1
ON_TIME, LATE = "on_time", "late"
#: kinds whose deadline follows from the period alone (an incident's from when it happened)
PERIOD_DUE = frozenset({"weekly", "monthly", "expenses", "handover"})
_YEAR_FILE = re.compile(r"^(\d{4})\.yaml$")
_BLOB = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")


#: how long after a year's last deadline late reports may still arrive (the product's choice)
GRACE = dt.timedelta(days=28)


def last_deadline(year: int, policy: Policy) -> dt.datetime:
    """The latest deadline of the year's weeks and months (the last ISO week holds 28 December)."""
    week = parse_period("weekly", f"{year}-W{dt.date(year, 12, 28).isocalendar()[1]:02d}")
    found = [week, *(parse_period(k, f"{year}-12") for k in ("monthly", "expenses"))]
    return max(due(p, policy) for p in found if p is not None)


def final_from(year: int, policy: Policy) -> dt.datetime:
    """From when nothing more may be filed for `year`: its reports are final from then on."""
    return last_deadline(year, policy) + GRACE


def summary_path(year: int) -> str:
    return f"{FOLDER}/{year}.yaml"


def branch_name(year: int) -> str:
    return f"archive/{year}"


def year_of_summary(path: str) -> int | None:
    """The year of a summary's repository path (`archive/2025.yaml`), None for any other path."""
    folder, _, name = path.rpartition("/")
    found = _YEAR_FILE.match(name) if folder == FOLDER else None
    return int(found.group(1)) if found else None


@dataclass(frozen=True)
class Entry:
    """One archived report as the summary records it."""

    staff: str
    period: Period
    received: dt.datetime
    due: dt.datetime
    state: str
    blob: str
    channel: str | None = None  # incidents: who it was reported to (rotation counts them)

    @property
    def path(self) -> str:
        return f"submissions/{self.staff}/{self.period.kind}/{self.period.text}.yaml"


#: an entry as read, in plain values: the person and period keys as YAML read them (where a
#: message points: `7:` and `"7":` are two lines; a date as `("date", text)`, which marshal
#: keeps), received, due (ISO 8601), state, blob, channel
Row = tuple[Any, Any, str, str, str, str, "str | None"]


@dataclass
class Summary:
    path: str
    year: int
    base: str
    branch: str
    #: person -> kind -> its entries as read, in the order written (from `archive_store`: packed
    #: by marshal, unpacked for the first question about that person)
    people: dict[str, dict[str, list[Row]] | bytes] = field(default_factory=dict)
    spare_units: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: path -> (received epoch seconds, blob or "" once settled): the history cache at `base`
    #: (packed as `people` when from the store: only the newest summary's is read)
    base_received: dict[str, tuple[int, str]] | bytes = field(default_factory=dict)
    #: what `archive_store` keeps it under ("": read without the store)
    key: str = field(default="", repr=False)
    _groups: dict[tuple[str, str], dict[str, Entry]] = field(default_factory=dict, repr=False)

    def kinds_of(self, staff: str) -> dict[str, list[Row]]:
        """`staff`'s rows by kind."""
        found = self.people.get(staff, {})
        if isinstance(found, bytes):
            found = self.people[staff] = marshal.loads(found)
        return found

    @property
    def received(self) -> dict[str, tuple[int, str]]:
        found = self.base_received
        if isinstance(found, bytes):
            found = self.base_received = marshal.loads(found)
        return found

    def group(self, staff: str, kind: str) -> dict[str, Entry]:
        """`staff`'s archived reports of `kind`: period text -> entry."""
        found = self._groups.get((staff, kind))
        if found is None:
            entries = (_made(staff, kind, row) for row in self.kinds_of(staff).get(kind, ()))
            found = self._groups[staff, kind] = {e.period.text: e for e in entries}
        return found

    def rows(self) -> Iterator[tuple[str, str, Row]]:
        """(person, kind, row) of every entry, in the order written."""
        for staff in self.people:
            for kind, rows in self.kinds_of(staff).items():
                for row in rows:
                    yield staff, kind, row

    @property
    def entries(self) -> list[Entry]:
        """Every entry, made anew (for checking each one once: a national company's year is
        some 400,000, not kept in memory afterwards)."""
        return [_made(staff, kind, row) for staff, kind, row in self.rows()]

    def blobs(self) -> dict[str, str]:
        """Path -> blob of every entry, without making entries."""
        return {_path(staff, kind, row): row[5] for staff, kind, row in self.rows()}

    @functools.cached_property
    def locs(self) -> dict[str, Loc]:
        """Entry path -> where it is written (for a message about it)."""
        return {
            _path(staff, kind, row): ("reports", _read_key(row[0]), kind, _read_key(row[1]))
            for staff, kind, row in self.rows()
        }

    def values(self) -> tuple[Any, ...]:
        """Everything read, as plain values (what `archive_store` keeps), each person's rows
        and the received dates packed apart, to be unpacked when asked for."""
        people = {s: _packed(v) for s, v in self.people.items()}
        received = _packed(self.base_received)
        return (self.year, self.base, self.branch, people, self.spare_units, received)

    @classmethod
    def from_values(cls, path: str, values: tuple[Any, ...]) -> Summary | None:
        """The summary `values` gave back, or None when they are not of that shape."""
        shape = (int, str, str, dict, dict, bytes)
        if len(values) != len(shape) or not all(
            isinstance(v, t) for v, t in zip(values, shape, strict=True)
        ):
            return None
        return cls(path, *values)


def _packed(values: Any) -> bytes:
    return values if isinstance(values, bytes) else marshal.dumps(values)


def _kept_key(key: Any) -> Any:
    """A key as YAML read it, in a form marshal keeps (a date or time as its type and text)."""
    return (type(key).__name__, key.isoformat()) if isinstance(key, dt.date) else key


def _read_key(kept: Any) -> Any:
    if isinstance(kept, tuple):
        kind, text = kept
        return (dt.datetime if kind == "datetime" else dt.date).fromisoformat(text)
    return kept


def _period(kind: str, row: Row) -> Period:
    period = parse_period(kind, str(_read_key(row[1])))
    assert period is not None  # checked when read
    return period


def _path(staff: str, kind: str, row: Row) -> str:
    return f"submissions/{staff}/{kind}/{_period(kind, row).text}.yaml"


def _made(staff: str, kind: str, row: Row) -> Entry:
    _staff, _text, received, deadline, state, blob, channel = row
    when, until = dt.datetime.fromisoformat(received), dt.datetime.fromisoformat(deadline)
    return Entry(staff, _period(kind, row), when, until, state, blob, channel)


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
            _made(staff, kind, row)
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
            if inside != FOLDER or not _YEAR_FILE.match(name):
                found.append(f"{inside}/{name}")
    return sorted(found)


def archived(root: Path, *, use_cache: bool = True) -> Archive:
    """The summaries under `root`/archive/ (read once per run while the files are unchanged;
    from `archive_store` when they were read before, unless `use_cache` is False)."""
    folder = root / FOLDER
    try:
        names = sorted(p.name for p in folder.iterdir() if _YEAR_FILE.match(p.name))
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
    git_dir = _git_dir(root) if use_cache else None
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
    summary = _parse(document, archive.problems)
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


def _bad(doc: Document, loc: Loc, zh: str, en: str = "") -> Diagnostic:
    """A tampered summary's problem, in both languages (the catalog's sentence holds either)."""
    problem = f"{zh} / {en}" if en else zh
    return diag(doc.path, RULE, "archive-summary-bad", at=doc.mark(loc), problem=problem)


def _parse(doc: Document, problems: list[Diagnostic]) -> Summary | None:
    data = doc.data
    if not isinstance(data, dict):
        problems.append(_bad(doc, (), "摘要必须是映射", "must be a mapping"))
        return None
    stem = doc.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    year, base, branch = data.get("year"), data.get("base"), data.get("branch")
    if data.get("version") != FORMAT:
        problems.append(
            _bad(doc, ("version",), f"version 应为 {FORMAT}", f"version must be {FORMAT}")
        )
        return None
    if not isinstance(year, int) or str(year) != stem:
        problems.append(
            _bad(
                doc,
                ("year",),
                f"year 应为文件名中的年份 {stem}",
                f"year must be {stem}, as in the file name",
            )
        )
        return None
    if not isinstance(base, str) or not _BLOB.match(base):
        problems.append(_bad(doc, ("base",), "base 应为 40 位的提交号", "base must be a commit id"))
        return None
    if branch != branch_name(year):
        problems.append(
            _bad(
                doc,
                ("branch",),
                f"branch 应为 {branch_name(year)}",
                f"branch must be {branch_name(year)}",
            )
        )
        return None
    summary = Summary(doc.path, year, base, branch)
    reports = data.get("reports") or {}
    if not reports:  # the command archives a year only when it has reports
        problems.append(
            _bad(
                doc,
                ("reports",),
                "reports 为空:该年归档的报告都应记在这里",
                "reports is empty: every archived report belongs here",
            )
        )
    if not isinstance(reports, dict):
        problems.append(_bad(doc, ("reports",), "reports 应为映射", "reports must be a mapping"))
        return summary
    for staff, kinds in reports.items():
        if not isinstance(kinds, dict):
            problems.append(
                _bad(
                    doc,
                    ("reports", staff),
                    "每人应为 类别 → 期间 的映射",
                    "each person maps kind to period",
                )
            )
            continue
        for kind, periods in kinds.items():
            if kind not in KINDS or not isinstance(periods, dict):
                problems.append(
                    _bad(
                        doc, ("reports", staff, kind), f"未知的类别 {kind}", f"unknown kind {kind}"
                    )
                )
                continue
            for text, row in periods.items():
                loc = ("reports", staff, kind, text)
                entry = _entry(str(staff), kind, str(text), row)
                if isinstance(entry, str):
                    problems.append(_bad(doc, loc, entry))
                    continue
                if entry.period.text[:4] != str(year):
                    problems.append(
                        _bad(
                            doc,
                            loc,
                            f"期间 {text} 不属于 {year} 年",
                            f"period {text} is not in {year}",
                        )
                    )
                    continue
                written = (_kept_key(staff), _kept_key(text))
                row = (*written, entry.received.isoformat(), entry.due.isoformat())
                kinds = summary.people.setdefault(entry.staff, {})
                assert isinstance(kinds, dict)  # read here, not packed
                kinds.setdefault(kind, []).append((*row, entry.state, entry.blob, entry.channel))
    for staff, serials in (data.get("spare_units") or {}).items():
        if isinstance(serials, list) and all(isinstance(s, str) for s in serials):
            summary.spare_units[str(staff)] = tuple(serials)
        else:
            problems.append(
                _bad(
                    doc,
                    ("spare_units", staff),
                    "应为序列号的列表",
                    "must be a list of serial numbers",
                )
            )
    for path, row in (data.get("received") or {}).items():
        seconds = _received_row(row)
        if seconds is None or not str(path).startswith("submissions/"):
            problems.append(
                _bad(
                    doc,
                    ("received", path),
                    "应为 [接收时间, blob 或空]",
                    "must be [received, blob or null]",
                )
            )
            continue
        summary.received[str(path)] = seconds
    return summary


def _time(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else None
    try:
        found = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return found if found.tzinfo is not None else None


def _entry(staff: str, kind: str, text: str, row: Any) -> Entry | str:
    """An entry, or what is wrong with it (in Chinese)."""
    period = parse_period(kind, text)
    if period is None:
        return f"{text} 不是 {kind} 的期间 / not a {kind} period"
    if not isinstance(row, list) or len(row) not in (4, 5):
        return (
            "应为 [接收时间, 截止时间, on_time|late, blob](事件另加渠道)"
            " / must be [received, due, on_time|late, blob], incidents adding the channel"
        )
    received, deadline = _time(row[0]), _time(row[1])
    state, blob = row[2], str(row[3])
    if received is None or deadline is None:
        return "接收时间与截止时间应为带时区的 ISO 8601 时间 / times must be ISO 8601 with a zone"
    if state not in (ON_TIME, LATE):
        return "状态应为 on_time 或 late / state must be on_time or late"
    if not _BLOB.match(blob):
        return "blob 应为 40 位十六进制 / blob must be 40 hex digits"
    channel = str(row[4]) if len(row) == 5 else None
    return Entry(staff, period, received, deadline, state, blob, channel)


def _received_row(row: Any) -> tuple[int, str] | None:
    if not isinstance(row, list) or len(row) != 2:
        return None
    when, blob = _time(row[0]), str(row[1] or "")
    if when is None or (blob and not _BLOB.match(blob)):
        return None
    return int(when.timestamp()), blob


def archive_start(root: Path, head: str) -> tuple[str, dict[str, tuple[int, str]]] | None:
    """Where a history walk may start without a cache: the newest summary's `base` with the
    received dates it carries, when `base` is an ancestor of `head` (the archive commit and all
    later ones are then read as usual: `git log base..HEAD`)."""
    for summary in reversed(archived(root).summaries):
        if summary.base == head or is_ancestor(root, summary.base, head):
            return summary.base, dict(summary.received)
    return None
