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
from validator.repo.archive_summary import archived

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


def latest_monthly(
    root: Path, staff_id: str, on: dt.date, loaded: Loaded | None = None
) -> tuple[str, MonthlyReport | tuple[str, ...]] | None:
    """`staff_id`'s latest monthly report for a month that began by `on`, loaded or read; for an
    archived month, the serials its summary carries over as still out on loan. None when there
    is none, or it does not pass the schema."""
    months = {d: stem for d, stem in filed_periods(root, staff_id, "monthly").items() if d <= on}
    if not months:
        return None
    stem = months[max(months)]
    archive = archived(root)
    if stem in archive.entries(staff_id, "monthly"):
        carried = archive.carried_units(staff_id)
        return None if carried is None else (stem, carried)
    path = f"submissions/{staff_id}/monthly/{stem}.yaml"
    report = loaded(path) if loaded is not None else None
    if report is None:
        result = load_file(str(root / path), path)
        if result.document is None:
            return None
        report, _problems = validate(result.document, MonthlyReport)
    return (stem, report) if isinstance(report, MonthlyReport) else None


def units_out(
    root: Path, staff_id: str, on: dt.date, loaded: Loaded | None = None
) -> tuple[str, list[SpareUnit | str]] | None:
    """(month, units) of the latest monthly report by `on`: the units it leaves out on loan, as
    written there, or by serial alone for an archived month."""
    latest = latest_monthly(root, staff_id, on, loaded)
    if latest is None:
        return None
    month, monthly = latest
    units: list[SpareUnit | str] = (
        [*monthly] if isinstance(monthly, tuple) else [*monthly.out_on_loan()]
    )
    return month, units
