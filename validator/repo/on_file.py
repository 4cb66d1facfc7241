"""What a person has on file: the periods of their reports of one kind, and the spare units their
latest monthly report leaves out on loan. Read by file name and summary alone, so that a pull
request changing only org/staff.yaml, the handover rules and `validator new` all see the same
reports, the archived years' among them (from their summaries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from validator.kinds import parse_period
from validator.kinds.base import Report
from validator.kinds.monthly import MonthlyReport
from validator.kinds.spare import SpareUnit
from validator.reading.loader import load_file
from validator.reading.schema_errors import validate
from validator.repo.archive_summary import Archive, archived

#: a loaded report by path, when the caller has already read it (None: read it here)
Loaded = Callable[[str], Report | None]


def filed_periods(root: Path, staff_id: str, kind: str) -> dict[dt.date, str]:
    """Period start -> file stem of `staff_id`'s reports of `kind` in the work tree, then of
    the archived years."""
    folder = root / "submissions" / staff_id / kind
    found: dict[dt.date, str] = {}
    if folder.is_dir():
        for path in folder.glob("*.yaml"):
            period = parse_period(kind, path.stem)
            if period is not None:
                found[period.start] = path.stem
    for text, entry in archived(root).entries(staff_id, kind).items():
        found.setdefault(entry.period.start, text)  # an archived year's, from its summary
    return found


def units_out(
    root: Path, staff_id: str, on: dt.date, loaded: Loaded | None = None
) -> tuple[str, list[SpareUnit | str]] | None:
    """(month, units) of `staff_id`'s latest monthly report for a month that began by `on`: the
    units it leaves out on loan, as written there, or by serial alone for an archived month (the
    serials its summary carries over). None when there is none, or it fails the schema."""
    months = {d: stem for d, stem in filed_periods(root, staff_id, "monthly").items() if d <= on}
    if not months:
        return None
    stem = months[max(months)]
    units = _units_of(root, staff_id, stem, archived(root), loaded)
    return None if units is None else (stem, units)


def units_out_by_month(
    root: Path, staff_id: str, loaded: Loaded | None = None
) -> list[tuple[str, list[SpareUnit | str] | None, bool]]:
    """Every monthly report of `staff_id` on file, oldest first: (month, its `units_out` answer's
    units or None, whether the month is archived). Each report is read once: `units_out` on a
    day of a month is that month's entry here, for the latest month begun by then."""
    archive = archived(root)
    filed = archive.entries(staff_id, "monthly")
    return [
        (stem, _units_of(root, staff_id, stem, archive, loaded), stem in filed)
        for _start, stem in sorted(filed_periods(root, staff_id, "monthly").items())
    ]


def _units_of(
    root: Path, staff_id: str, stem: str, archive: Archive, loaded: Loaded | None
) -> list[SpareUnit | str] | None:
    """The units the monthly report `stem` leaves out on loan (not returned); for an archived
    month, the serials the summaries carry over; None when it fails the schema or an archive
    carries nothing."""
    if stem in archive.entries(staff_id, "monthly"):
        carried = archive.carried_units(staff_id)
        return None if carried is None else [*carried]
    path = f"submissions/{staff_id}/monthly/{stem}.yaml"
    report = loaded(path) if loaded is not None else None
    if report is None:
        result = load_file(str(root / path), path)
        if result.document is None:
            return None
        report, _problems = validate(result.document, MonthlyReport)
    return [*report.out_on_loan()] if isinstance(report, MonthlyReport) else None
