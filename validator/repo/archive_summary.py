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

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from validator.core.diagnostics import Diagnostic, diag
from validator.kinds import KINDS, Period, due, parse_period
from validator.models import Policy
from validator.reading.document import Document, Loc
from validator.reading.loader import load_text
from validator.repo.archive_lines import load_summary
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


@dataclass
class Summary:
    path: str
    year: int
    base: str
    branch: str
    entries: list[Entry] = field(default_factory=list)
    spare_units: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: path -> (received epoch seconds, blob or "" once settled): the history cache at `base`
    received: dict[str, tuple[int, str]] = field(default_factory=dict)
    locs: dict[str, Loc] = field(default_factory=dict)  # entry path -> where it is written


@dataclass
class Archive:
    """Every summary in a work tree, oldest year first, and the problems found reading them."""

    summaries: list[Summary] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)

    @functools.cached_property
    def by_staff(self) -> dict[tuple[str, str], dict[str, Entry]]:
        """(staff, kind) -> period text -> entry."""
        found: dict[tuple[str, str], dict[str, Entry]] = {}
        for summary in self.summaries:
            for entry in summary.entries:
                found.setdefault((entry.staff, entry.period.kind), {})[entry.period.text] = entry
        return found

    @property
    def years(self) -> set[int]:
        return {s.year for s in self.summaries}

    def entries(self, staff: str, kind: str) -> dict[str, Entry]:
        return self.by_staff.get((staff, kind), {})

    def carried_units(self, staff: str) -> tuple[str, ...] | None:
        """Serials out on loan in `staff`'s last archived monthly report (None: none archived)."""
        for summary in reversed(self.summaries):
            if staff in summary.spare_units:
                return summary.spare_units[staff]
        return None

    def incidents(self) -> list[Entry]:
        return [e for s in self.summaries for e in s.entries if e.period.kind == "incidents"]

    def newest(self) -> Summary | None:
        return self.summaries[-1] if self.summaries else None


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


def archived(root: Path) -> Archive:
    """The summaries under `root`/archive/ (read once per run while the files are unchanged)."""
    folder = root / FOLDER
    try:
        names = sorted(p.name for p in folder.iterdir() if _YEAR_FILE.match(p.name))
        stamps = tuple((n, (folder / n).stat().st_mtime_ns) for n in names)
    except OSError:
        return Archive()
    return _read_all(str(root), stamps)


@functools.lru_cache(maxsize=4)
def _read_all(root: str, stamps: tuple[tuple[str, int], ...]) -> Archive:
    archive = Archive()
    for name, _ in stamps:
        rel = f"{FOLDER}/{name}"
        try:
            text = Path(root, rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            archive.problems.append(diag(rel, RULE, "archive-summary-bad", problem=str(exc)))
            continue
        document = load_summary(text, rel)  # the command's own line format, read fast
        if document is None:  # any other form: YAML, which also owns its messages
            result = load_text(text, rel)
            archive.problems.extend(result.diagnostics)
            if result.document is None:
                continue
            document = result.document
        archive.documents[rel] = document
        summary = _parse(document, archive.problems)
        if summary is not None:
            archive.summaries.append(summary)
    return archive


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
                summary.entries.append(entry)
                summary.locs[entry.path] = loc
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
