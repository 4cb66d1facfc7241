"""Reading the JSON-fed tables of the status pages (validator/site/pages/tables.py) in tests."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

Cell = str | dict[str, str]


def table(pages: Mapping[str, str | bytes], name: str) -> dict[str, Any]:
    """The data of `data/<name>.json` (columns, numeric, rows)."""
    raw = pages[f"data/{name}.json"]
    data: dict[str, Any] = json.loads(raw if isinstance(raw, str) else raw.decode("utf-8"))
    return data


def rows(pages: Mapping[str, str | bytes], name: str) -> list[list[Cell]]:
    found: list[list[Cell]] = table(pages, name)["rows"]
    return found


def text(cell: Cell) -> str:
    return cell if isinstance(cell, str) else cell["text"]


def href(cell: Cell) -> str | None:
    return None if isinstance(cell, str) else cell.get("href")


def texts(pages: Mapping[str, str | bytes], name: str) -> list[list[str]]:
    """Each row as the texts a reader sees."""
    return [[text(c) for c in row] for row in rows(pages, name)]


def all_text(pages: Mapping[str, str | bytes], name: str) -> str:
    """Every cell's text, one per line (for `in` checks)."""
    return "\n".join(t for row in texts(pages, name) for t in row)
