"""A date, a time or a number written as one writes it on paper or with a Chinese input method,
and the same value as a report has to give it.

`2026/11/17`, `2026.11.17`, `2026年11月17日` and `２０２６-１１-１７` are 2026-11-17; `14：30` is
14:30; `１２`, `3起` and `1,200` are counts; `1,280.50`, `1280。50`, `￥1280.50` and `1280.50元` are
amounts. The schema still refuses them (a report holds one spelling, the one its JSON Schema, the
form and every other reader take); the message then shows the value to write. Nothing is guessed:
a day-first or month-first date (`12/06/2026`) or a decimal comma (`1280,50`) gets no proposal.

Likewise a list written as a sentence (`跟进备件申请，整理库存`) as the list to write, and a choice
written by its Chinese name or in other letters (`销售`, `Sales`) as its id.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

import yaml

from validator.core.messages import CHOICE_ZH

#: quotes a phone keyboard puts around a value, which YAML keeps as part of the text
_QUOTES = "“”‘’「」『』\"'"
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_TIME = re.compile(r"\s*[T ]?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?")
_COUNT = re.compile(r"([+-]?\d{1,3}(?:,\d{3})+|[+-]?\d+)\s*[个起次台件人项]?")
_AMOUNT = re.compile(
    r"(?:[¥]|RMB|CNY)?\s*([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?:元|块|RMB|CNY)?"
)


def written_as(expected: str, value: str) -> str | None:
    """`value` as the catalog's `expected` kind of value is written (`expected-date`,
    `expected-datetime`, `expected-int`, `expected-number`), or None if it is no such value."""
    text = unicodedata.normalize("NFKC", value).strip().strip(_QUOTES).strip()
    text = text.replace("。", ".")  # NFKC keeps the ideographic full stop; in a number it is "."
    if expected == "expected-date":
        return _date(text)
    if expected == "expected-datetime":
        return _datetime(text)
    if expected == "expected-int":
        count = _COUNT.fullmatch(text)
        return count.group(1).replace(",", "").lstrip("+") if count else None
    if expected == "expected-number":
        amount = _AMOUNT.fullmatch(text)
        return amount.group(1).replace(",", "").lstrip("+") if amount else None
    return None


def _date(text: str) -> str | None:
    found = _DATE.fullmatch(text)
    return _day(found) if found else None


def _day(found: re.Match[str]) -> str | None:
    year, month, day = (int(part) for part in found.group(1, 2, 3))
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _datetime(text: str) -> str | None:
    found = _DATE.match(text)
    if found is None:
        return None
    day = _day(found)
    clock = _TIME.fullmatch(text, found.end())
    if day is None or clock is None:
        return None
    hour, minute = int(clock.group(1)), int(clock.group(2))
    second = int(clock.group(3)) if clock.group(3) else None
    if hour > 23 or minute > 59 or (second is not None and second > 59):
        return None
    written = f"{day}T{hour:02d}:{minute:02d}"
    if second is not None:
        written += f":{second:02d}"
    zone = clock.group(4)
    if zone and zone != "Z" and ":" not in zone:
        zone = f"{zone[:3]}:{zone[3:]}"
    return written + (zone or "")


_SEPARATORS = re.compile(r"\s*[,，、;；]\s*")


def flow_list(text: str) -> str:
    """`甲，乙、丙` as the one-line YAML list `[甲, 乙, 丙]`, each item quoted if it must be."""
    items = [_flow_item(item) for item in _SEPARATORS.split(text.strip())[:50] if item]
    shown: list[str] = []
    for item in items:  # a long text: its first items show the way, each whole (a quoted one
        if shown and len(", ".join([*shown, item])) > 120:  # cut short is never closed)
            break
        shown.append(item)
    return "[" + ", ".join(shown) + (", …" if len(shown) < len(items) else "") + "]"


def _flow_item(item: str) -> str:
    try:
        if yaml.safe_load(f"[{item}]") == [item]:
            return item
    except yaml.YAMLError:
        pass
    return '"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"'


def meant_choice(value: Any, choices: tuple[str, ...]) -> str | None:
    """The choice `value` names by its Chinese name (`销售`) or in other letters (`Sales`)."""
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    return next(
        (c for c in choices if text.lower() == c or text == CHOICE_ZH.get(c)),
        None,
    )
