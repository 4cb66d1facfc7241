"""The archive summary read in its own line format, without a YAML parser.

A national company's closed year is some 400,000 summary entries (60 MB). Through libyaml that
is about 50 µs an entry, 20 s for every check. `validator archive` writes each entry on one line
of a fixed shape (`features/archive.py` `summary_text`), so a text in exactly that shape is read
here line by line, at a few µs an entry, into the same data libyaml would build: every scalar
goes through the YAML resolver's own rules (`plain_scalar`), and timestamps of the one shape
written are built as libyaml builds them. Anything else (a hand edit, a blank line, a comment
below the top, a duplicate key, a value of another shape) gives None, and the caller reads the
file through `loader.load_text`, which also owns every message about it. Positions are parsed
from the text only when a message needs one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from validator.reading.blockyaml import UNHANDLED_TEXT
from validator.reading.document import Document, Loc, Mark
from validator.reading.loader import load_text
from validator.reading.scalars import plain_scalar

_STAMP = r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}"
#: a plain key or item: no indicator, space or colon, at most the 1,024 characters libyaml
#: allows a plain key
_WORD = r"[A-Za-z0-9][A-Za-z0-9_-]{0,1023}"
_HEAD = re.compile(
    rf"version: ([0-9]+)\nyear: ([0-9]{{4}})\nbase: ([0-9a-f]+)\nbranch: ({_WORD}/{_WORD})\n"
    rf"archived_at: ({_STAMP})\nreports:\n"
)
_STAFF = re.compile(rf"  ({_WORD}):")
_KIND = re.compile(rf"    ({_WORD}):")
_ROW = re.compile(
    rf"      ({_WORD}): \[({_STAMP}), ({_STAMP}), ({_WORD}), ([0-9a-f]+)(?:, ({_WORD}))?\]"
)
_UNITS = re.compile(rf"  ({_WORD}): \[((?:{_WORD}(?:, {_WORD})*)?)\]")
_PATH = r"submissions/[A-Za-z0-9_./-]{1,1012}"  # a key: 1,024 characters at most
_RECEIVED = re.compile(rf'  ({_PATH}): \[({_STAMP}), ([0-9a-f]+|"")\]')


class _Other(Exception):
    """The text is not in the archive command's line format."""


def load_summary(text: str, path: str) -> Document | None:
    """The summary's data with positions read later, or None when `text` is in another form."""
    if UNHANDLED_TEXT.search(text):
        return None  # a YAML line break (NEL, LS, PS), a control character, a tab, a BOM...
    try:
        data = _data(text)
    except _Other:
        return None
    return _PositionsLater(path, data, text)


class _PositionsLater(Document):
    """A summary's document whose positions are parsed (by libyaml) on the first `mark()`:
    only an entry that is wrong needs its line."""

    def __init__(self, path: str, data: Any, text: str) -> None:
        super().__init__(path, data)
        self._text: str | None = text

    def mark(self, loc: Loc, *, key: bool = False) -> Mark | None:
        if self._text is not None:
            full = load_text(self._text, self.path).document
            self._text = None
            if full is not None:
                self.values, self.keys = full.values, full.keys
        return super().mark(loc, key=key)


def _data(text: str) -> dict[str, Any]:
    lines = text.split("\n")
    if lines[-1] != "":
        raise _Other  # the command ends the text with a line break
    top = 0
    while lines[top].startswith("#"):
        top += 1
    head = _HEAD.fullmatch("\n".join(lines[top : top + 6]) + "\n")
    if head is None:
        raise _Other
    version, year, base, branch, archived_at = head.groups()
    data: dict[str, Any] = {
        "version": _scalar(version),
        "year": _scalar(year),
        "base": _hex(base),
        "branch": _scalar(branch),
        "archived_at": _stamp(archived_at),
    }
    rows = iter(lines[top + 6 : -1])
    line = next(rows, "")
    reports: dict[Any, Any] = {}
    while line != "spare_units:":
        staff = _STAFF.fullmatch(line)
        if staff is None:
            raise _Other
        kinds: dict[Any, Any] = _put(reports, staff[1], {})
        line = next(rows, "")
        while (kind := _KIND.fullmatch(line)) is not None:
            periods: dict[Any, Any] = _put(kinds, kind[1], {})
            line = next(rows, "")
            while (row := _ROW.fullmatch(line)) is not None:
                period, arrived, deadline, state, blob, channel = row.groups()
                values = [_stamp(arrived), _stamp(deadline), _scalar(state), _hex(blob)]
                if channel is not None:
                    values.append(_scalar(channel))
                _put(periods, period, values)
                line = next(rows, "")
            if not periods:
                raise _Other  # `kind:` with nothing under it is null, not a mapping
        if not kinds:
            raise _Other
    data["reports"] = reports or None
    units: dict[Any, Any] = {}
    line = next(rows, "")
    while (row := _UNITS.fullmatch(line)) is not None:
        serials = row[2].split(", ") if row[2] else []
        _put(units, row[1], [_scalar(s) for s in serials])
        line = next(rows, "")
    data["spare_units"] = units or None
    if line != "received:":
        raise _Other
    received: dict[Any, Any] = {}
    for line in rows:
        row = _RECEIVED.fullmatch(line)
        if row is None:
            raise _Other
        _put(received, row[1], [_stamp(row[2]), "" if row[3] == '""' else _hex(row[3])])
    data["received"] = received or None
    return data


def _put(mapping: dict[Any, Any], text: str, value: Any) -> Any:
    """`mapping[key] = value` for a plain key as YAML reads it; a duplicate is not this format
    (the YAML path reports it)."""
    key = _scalar(text)
    if key in mapping:
        raise _Other
    mapping[key] = value
    return value


#: hex that YAML 1.1 can only read as a string: it has a letter, and no `0b` makes it binary
_HEX_TEXT = re.compile(r"(?!0b)(?=[0-9]*[a-f])[0-9a-f]+")


def _hex(text: str) -> Any:
    """A blob or commit id (unique, so never in the resolver's memo): most are plain text."""
    return text if _HEX_TEXT.fullmatch(text) else _scalar(text)


def _scalar(text: str) -> Any:
    value, ok = plain_scalar(text)
    if not ok:
        raise _Other
    return value


def _stamp(text: str) -> dt.datetime:
    """A timestamp of the one shape the command writes, as YAML's constructor builds it (an
    impossible date or offset is left to the YAML path, which keeps it as text)."""
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise _Other from exc
