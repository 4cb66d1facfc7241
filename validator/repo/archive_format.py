"""What an archived year's summary holds (`archive/<year>.yaml`, docs/formats/archive.md): its
format's constants, the deadlines that close a year, and each archived report's entry, kept as
plain rows (what `archive_store` packs) and made into an `Entry` only when a rule asks.
"""

from __future__ import annotations

import datetime as dt
import functools
import marshal
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from validator.kinds import Period, due, parse_period
from validator.models import Policy
from validator.reading.document import Loc

FOLDER = "archive"
RULE = "archive-summary"
FORMAT = 1
ON_TIME, LATE = "on_time", "late"
#: kinds whose deadline follows from the period alone (an incident's from when it happened)
PERIOD_DUE = frozenset({"weekly", "monthly", "expenses", "handover"})
YEAR_FILE = re.compile(r"^(\d{4})\.yaml$")
BLOB = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")


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
    found = YEAR_FILE.match(name) if folder == FOLDER else None
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
            entries = (made(staff, kind, row) for row in self.kinds_of(staff).get(kind, ()))
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
        return [made(staff, kind, row) for staff, kind, row in self.rows()]

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


def kept_key(key: Any) -> Any:
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


def made(staff: str, kind: str, row: Row) -> Entry:
    _staff, _text, received, deadline, state, blob, channel = row
    when, until = dt.datetime.fromisoformat(received), dt.datetime.fromisoformat(deadline)
    return Entry(staff, _period(kind, row), when, until, state, blob, channel)
