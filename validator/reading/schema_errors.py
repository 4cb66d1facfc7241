"""Validate loaded data with a model and map pydantic's errors back to YAML lines.

Following the error `loc` through the positions the loader kept: a missing field points at its
parent mapping, an unknown key at the key itself (with the closest known key suggested), anything
else at the offending value. Messages are keyed on the error `type`, never on pydantic's English.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import types
import typing
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from validator.core.diagnostics import Diagnostic, diag
from validator.core.messages import Choices, Nested, Place
from validator.reading.as_written import flow_list, meant_choice, written_as
from validator.reading.document import Document, Loc
from validator.reading.ime import Slip, in_value, slip_diagnostic

#: the pattern of a text of one line (`validator.models.common.Line`), told apart by its message
LINE = r"^[^\r\n]*\S[^\r\n]*$"

_ID = r"^[a-z][a-z0-9-]{1,31}$"  # staff and region ids (models.common.ID_PATTERN)
_SIMPLE = {
    "int_type": "expected-int",
    "int_parsing": "expected-int",
    "int_from_float": "expected-int",
    "float_type": "expected-number",
    "float_parsing": "expected-number",
    "amount_type": "expected-number",
    "bool_type": "expected-bool",
    "bool_parsing": "expected-bool",
    "date_type": "expected-date",
    "datetime_type": "expected-datetime",
    "list_type": "expected-list",
    "model_type": "expected-mapping",
    "model_attributes_type": "expected-mapping",
    "dict_type": "expected-mapping",
    "decimals": "decimals",
    "score_range": "score-range",
}


#: errors about a value where an id, a choice, a list or a mapping was expected: if the value
#: holds a full-width character of a Chinese input method, that character is the message
_ID_OR_LIST = frozenset(
    (
        "string_pattern_mismatch",
        "literal_error",
        "enum",
        "list_type",
        "model_type",
        "model_attributes_type",
        "dict_type",
    )
)

MAX_PER_FILE = 100  # schema problems listed per file; one more diagnostic says there are more


def validate(document: Document, model: type[BaseModel]) -> tuple[Any, list[Diagnostic]]:
    """Validate a document against `model`: the instance, or None and schema diagnostics."""
    data = document.data
    path = document.path
    if not isinstance(data, dict):
        key = (
            "not-mapping-empty"
            if data is None
            else "not-mapping-list"
            if isinstance(data, list)
            else "not-mapping-scalar"
        )
        mark = document.mark(())
        return None, [
            diag(
                path,
                "schema",
                key,
                at=mark,
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        seen: set[tuple[Loc, str]] = set()
        found: list[Diagnostic] = []
        errors = exc.errors(include_url=False)
        for error in errors:
            loc: Loc = tuple(error["loc"])
            if (loc, error["type"]) in seen:
                continue
            seen.add((loc, error["type"]))
            if len(found) == MAX_PER_FILE:  # a flood helps nobody and floods CI logs
                found.append(diag(path, "schema", "too-many-problems", limit=MAX_PER_FILE))
                break
            found.append(_diagnostic(document, model, error, loc))
        return None, found


#: full-width brackets: a list typed with the input method on (`ime`), not a sentence
_BRACKETS = frozenset("【】［］｛｝")


def _below_its_key(document: Document, loc: Loc) -> bool:
    """The value at `loc` starts on a line below its key's: text on lines of their own, which
    YAML joins with spaces where the writer meant one list item a line."""
    key, value = document.mark(loc, key=True), document.mark(loc)
    return key is not None and value is not None and value.line > key.line


def where(loc: Loc) -> Place:
    """The name of a location, `work 第 1 条的 date` (items counted from 1, as the form does)."""
    return Place(tuple(part if isinstance(part, int) else str(part) for part in loc))


#: fields whose value is a region id: exemplified by a region, never by a person
_REGION_FIELDS = frozenset(("regions", "region", "adjacent"))


def _example(document: Document, model: type[BaseModel], loc: Loc, pattern: str) -> str:
    """An example of the right form taken from the context: the folder's own staff id for a
    report's `staff`, the period its file is named for in its `week` or `month`, a region id
    for a region, else the pattern's usual example."""
    parts = document.path.split("/")
    folder = parts[1] if len(parts) == 4 and parts[0] == "submissions" else ""
    if pattern == _ID:
        names = [part for part in loc if isinstance(part, str)]
        if names and names[-1] in _REGION_FIELDS:
            return "guangzhou"
        if loc == ("staff",) and re.fullmatch(_ID, folder):
            return folder
    elif folder and re.search(pattern, parts[-1].removesuffix(".yaml")):
        return parts[-1].removesuffix(".yaml")
    return _pattern_examples(model).get(pattern, pattern)


def _field_pattern(model: type[BaseModel], loc: Loc) -> str | None:
    """The pattern the value at `loc` must match (its JSON Schema's), if it has one."""
    schema = _schema(model)
    node: Any = schema
    for part in loc:
        node = _resolved(schema, node)
        if isinstance(part, int):
            node = node.get("items")
        else:
            node = (node.get("properties") or {}).get(part)
        if node is None:
            return None
    node = _resolved(schema, node)
    pattern = node.get("pattern")
    return pattern if isinstance(pattern, str) and pattern not in (r"\S", LINE) else None


@functools.lru_cache(maxsize=64)
def _schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema(by_alias=True)


def _resolved(schema: dict[str, Any], node: Any) -> dict[str, Any]:
    """`node` with its `$ref` followed and an optional's `anyOf: [X, null]` reduced to X."""
    for _ in range(8):
        if not isinstance(node, dict):
            return {}
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            node = schema.get("$defs", {}).get(ref.removeprefix("#/$defs/"))
            continue
        options = [o for o in node.get("anyOf") or () if o.get("type") != "null"]
        if len(options) == 1 and "type" not in node:
            node = options[0]
            continue
        return node
    return {}


@functools.lru_cache(maxsize=64)
def _pattern_examples(model: type[BaseModel]) -> dict[str, str]:
    """Pattern -> the example the model's own field gives for it (`json_schema_extra`), written
    as YAML needs it: quoted when YAML would read it as something else (`"13:00"`)."""
    found: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            examples = node.get("examples")
            if isinstance(node.get("pattern"), str) and examples:
                example = str(examples[0])
                as_yaml = example if yaml.safe_load(example) == example else f'"{example}"'
                found.setdefault(node["pattern"], as_yaml)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(_schema(model))
    return found


def _diagnostic(document: Document, model: type[BaseModel], error: Any, loc: Loc) -> Diagnostic:
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    path = document.path

    def at(mark_loc: Loc, key_text: str, *, key: bool = False, **args: Any) -> Diagnostic:
        mark = document.mark(mark_loc, key=key)
        return diag(
            path,
            "schema",
            key_text,
            at=mark,
            **args,
        )

    if "[key]" in loc:
        owner = loc[: loc.index("[key]")]
        return at(owner, "pattern", key=True, where=where(owner), example="li-ming")
    if kind == "missing":
        return at(loc[:-1], "missing", field=where(loc))
    if kind == "extra_forbidden":
        unknown = str(loc[-1])
        known = _known_fields(model, loc[:-1])
        close = difflib.get_close_matches(unknown, known, n=1, cutoff=0.6)
        if close:
            return at(loc, "extra-suggest", key=True, field=where(loc), suggestion=close[0])
        return at(loc, "extra", key=True, field=where(loc))
    if kind == "invalid_key":  # `123:`, `true:`, `~:` as a key: YAML did not read it as text
        if loc not in document.keys:  # pydantic names a null key 'None'
            loc = next(
                (k for k in document.keys if k[:-1] == loc[:-1] and str(k[-1]) == str(loc[-1])),
                loc,
            )
        mark = document.mark(loc, key=True)
        source = mark.source if mark and mark.source is not None else str(loc[-1])
        return at(loc, "key-not-text", key=True, source=source)
    listed = isinstance(value, str) and value.strip() and not _BRACKETS.intersection(value)
    if kind == "list_type" and listed:
        if _below_its_key(document, loc):  # items on lines of their own, the `- ` left out:
            return at(loc, "list-as-lines", where=where(loc))  # YAML joined them into one text
        # `plan: 甲，乙`, `regions: guangzhou, foshan`: a list written as a sentence
        if loc and isinstance(loc[-1], str):
            fix = f"{loc[-1]}: {flow_list(value)}"
            return at(loc, "list-as-text", where=where(loc), fix=fix)
    if kind in _ID_OR_LIST and isinstance(value, str) and ctx.get("pattern") != r"\S":
        char = in_value(value)
        if char is not None:  # `[chengdu，deyang]`, `［a］`: an input method's character
            mark = document.mark(loc)
            line, column = (mark.line, mark.column) if mark else (0, 0)
            if mark is not None and mark.source == value:
                column += value.index(char)
            return slip_diagnostic(path, "schema", Slip(line, column, char))
    name = where(loc)
    if kind == "string_type":
        mark = document.mark(loc)
        source = mark.source if mark and mark.source is not None else str(value)
        if value is None:  # `summary:` with nothing after it: as the form says, 不能为空
            return at(loc, "empty", where=name)
        pattern = _field_pattern(model, loc)
        if pattern is not None and not re.search(pattern, source):  # `week: 48`: quoting it
            example = _example(document, model, loc, pattern)  # would not make it right
            return at(loc, "pattern", where=name, example=example)
        if isinstance(value, bool):
            return at(loc, "yaml11-bool", where=name, source=source)
        if isinstance(value, dt.date):
            return at(loc, "yaml11-date", where=name, source=source)
        if isinstance(value, int | float):
            return at(loc, "yaml11-number", where=name, source=source)
        return at(loc, "expected-str", where=name)
    if kind in _SIMPLE:
        fixed = written_as(_SIMPLE[kind], value) if isinstance(value, str) else None
        if fixed is not None:  # `2026/11/17`, `１２`, `1,280.50`, `3起`: the value to write
            return at(
                loc, "write-as", where=name, what=Nested("what-" + _SIMPLE[kind]), fixed=fixed
            )
        return at(loc, _SIMPLE[kind], where=name)
    if kind == "string_too_short":
        return at(loc, "empty", where=name)
    if kind == "too_short":
        return at(loc, "too-short", where=name, min=ctx.get("min_length", 1))
    if kind == "string_too_long":
        return at(loc, "too-long-text", where=name, max=ctx.get("max_length"))
    if kind == "too_long":
        return at(loc, "too-long-list", where=name, max=ctx.get("max_length"))
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", ""))
        choices = tuple(re.findall(r"'([^']*)'", expected)) or (expected,)
        meant = meant_choice(value, choices)
        if meant is not None:  # `销售`, `Sales`: the id it names
            return at(loc, "choice-as", where=name, choices=Choices(choices), choice=meant)
        return at(loc, "choice", where=name, choices=Choices(choices))
    if kind == "required_for_staff":
        field = where((*loc, str(ctx.get("field"))))
        choices = tuple(str(c) for c in ctx.get("choices", ()))
        return at(loc, "missing-for-staff", field=field, choices=Choices(choices))
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern == r"\S":
            return at(loc, "whitespace-only", where=name)
        if pattern == LINE:
            return at(loc, "one-line", where=name)
        return at(loc, "pattern", where=name, example=_example(document, model, loc, pattern))
    if kind == "greater_than_equal":
        return at(loc, "range-ge", where=name, limit=ctx.get("ge"))
    if kind == "greater_than":  # the limit itself is refused: "more than", not "at least"
        return at(loc, "range-gt", where=name, limit=ctx.get("gt"))
    if kind == "less_than_equal":
        return at(loc, "range-le", where=name, limit=ctx.get("le"))
    if kind == "less_than":
        return at(loc, "range-lt", where=name, limit=ctx.get("lt"))
    if kind == "year_range":
        return at(loc, "year-range", where=name, first=ctx.get("first"), last=ctx.get("last"))
    if kind == "bad_timezone":
        return at(loc, "bad-timezone", value=ctx.get("value"))
    if kind == "bad_duration":
        return at(loc, "bad-duration", value=ctx.get("value"))
    if kind == "bad_range":
        return at(loc, "bad-range", start=ctx.get("start"), to=ctx.get("to"))
    if kind == "items_or_no_claims":  # at `no_claims` when both are there
        return at((*loc, "no_claims"), "items-or-no-claims", key=True)
    return at(loc, "invalid", where=name, detail=kind)


def _known_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names (by alias) of the model found at `loc` inside `model`."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or n for n, f in current.model_fields.items()]
    return []


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside list[...], X | None, Annotated[...]; else the annotation."""
    for _ in range(6):
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin is None or not args:
            return annotation
        if origin in (typing.Union, types.UnionType, list, typing.Annotated):
            annotation = args[0]
        else:
            return annotation
    return annotation
