"""A report's full content as labelled lines, for messages (`validator digest`).

Walks the pydantic model in field order and labels each field with the title the kind table
gives it (the same titles the forms and schemas show), so a new field of a kind appears in the
digest without touching this module. Coded values read as the status pages show them: a
category, channel or status by its Chinese name (`CHOICE_ZH`), a region by its name in
org/regions.yaml. The result is a small tree of plain strings; the mail renderers escape it.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from validator.core.messages import CHOICE_ZH
from validator.kinds import KINDS

SKIPPED = frozenset({"staff"})  # shown in the heading of every report
#: fields whose values are codes of a closed list, and fields naming regions (as the site reads)
CODED_FIELDS = frozenset({"category", "channel", "status", "reason"})
REGION_FIELDS = frozenset({"region", "regions"})


@dataclass(frozen=True)
class Node:
    label: str
    value: str | None = None
    children: list[Node] = field(default_factory=list)


def report_nodes(
    kind: str, report: BaseModel, regions: Mapping[str, str] | None = None
) -> list[Node]:
    """Every filled field of `report`, except the staff id and the period (the heading shows
    both); `regions` maps a region id to its name."""
    titles = KINDS[kind].titles if kind in KINDS else {}
    period_field = getattr(report, "period_field", None)
    skip = SKIPPED | {period_field} if period_field else SKIPPED
    return _fields(report, _Names(titles, regions or {}), skip=skip)


@dataclass(frozen=True)
class _Names:
    titles: dict[str, tuple[str, str]]
    regions: Mapping[str, str]

    def value(self, key: str, value: Any) -> str:
        if isinstance(value, str) and key in CODED_FIELDS:
            return CHOICE_ZH.get(value, value)
        if isinstance(value, str) and key in REGION_FIELDS:
            return self.regions.get(value, value)
        return _scalar(value)


def _fields(model: BaseModel, names: _Names, skip: frozenset[str] = frozenset()) -> list[Node]:
    nodes: list[Node] = []
    name = type(model).__name__
    for key, info in type(model).model_fields.items():
        if key in skip:
            continue
        value = getattr(model, key)
        if value is None or value == [] or value == {}:
            continue
        shown = info.alias or key
        label = names.titles.get(f"{name}.{key}", (shown, ""))[0]
        nodes.append(_node(label, key, value, names))
    return nodes


def _node(label: str, key: str, value: Any, names: _Names) -> Node:
    if isinstance(value, BaseModel):
        return Node(label, children=_fields(value, names))
    if isinstance(value, list | tuple):
        children = [  # list items have no label
            Node("", children=_fields(item, names))
            if isinstance(item, BaseModel)
            else Node("", names.value(key, item))
            for item in value
        ]
        return Node(label, children=children)
    if isinstance(value, dict):
        return Node(label, children=[Node(str(k), _scalar(v)) for k, v in value.items()])
    return Node(label, names.value(key, value))


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return f"{value:.2f}"
    return str(value)
