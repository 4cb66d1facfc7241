"""A report's full content as labelled lines, for messages (`validator digest`).

Walks the pydantic model in field order and labels each field with the title the kind table
gives it (the same titles the forms and schemas show), so a new field of a kind appears in the
digest without touching this module. The result is a small tree of plain strings; the mail
renderers escape it.
"""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from validator.kinds import KINDS

SKIPPED = frozenset({"staff"})  # shown in the heading of every report


@dataclass(frozen=True)
class Node:
    label: str
    value: str | None = None
    children: list[Node] = field(default_factory=list)


def report_nodes(kind: str, report: BaseModel) -> list[Node]:
    """Every filled field of `report`, except the staff id and the period (the heading shows
    both)."""
    titles = KINDS[kind].titles if kind in KINDS else {}
    period_field = getattr(report, "period_field", None)
    return _fields(report, titles, skip=SKIPPED | {period_field} if period_field else SKIPPED)


def _fields(
    model: BaseModel, titles: dict[str, tuple[str, str]], skip: frozenset[str] = frozenset()
) -> list[Node]:
    nodes: list[Node] = []
    name = type(model).__name__
    for key, info in type(model).model_fields.items():
        if key in skip:
            continue
        value = getattr(model, key)
        if value is None or value == [] or value == {}:
            continue
        shown = info.alias or key
        label = titles.get(f"{name}.{key}", (shown, ""))[0]
        nodes.append(_node(label, value, titles))
    return nodes


def _node(label: str, value: Any, titles: dict[str, tuple[str, str]]) -> Node:
    if isinstance(value, BaseModel):
        return Node(label, children=_fields(value, titles))
    if isinstance(value, list | tuple):
        children = [  # list items have no label
            Node("", children=_fields(item, titles))
            if isinstance(item, BaseModel)
            else Node("", _scalar(item))
            for item in value
        ]
        return Node(label, children=children)
    if isinstance(value, dict):
        return Node(label, children=[Node(str(k), _scalar(v)) for k, v in value.items()])
    return Node(label, _scalar(value))


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return f"{value:.2f}"
    return str(value)
