"""Validate loaded data with a model and map pydantic's errors back to YAML lines.

Following the error `loc` through the positions the loader kept: a missing field points at its
parent mapping, an unknown key at the key itself (with the closest known key suggested), anything
else at the offending value. Messages are keyed on the error `type`, never on pydantic's English.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from validator.core.diagnostics import Diagnostic, diag
from validator.core.messages import Choices
from validator.reading.document import Document, Loc
from validator.reading.ime import Slip, in_value, slip_diagnostic

_PATTERN_EXAMPLES = {
    r"^[a-z][a-z0-9-]{1,31}$": "li-ming",
    r"^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$": "2026-W47",
    r"^[0-9]{4}-(0[1-9]|1[0-2])$": "2026-10",
    r"^([01][0-9]|2[0-3]):[0-5][0-9]$": '"13:00"',
    r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$": '"07-01"',
    r"^[^@\s]+@[^@\s]+$": "li.ming@example.com",
    r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$": "liming-gz",
    r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$": "APR-2026-0012",
}
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


def where(loc: Loc) -> str:
    """`work[0].date` style name of a location."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(根)"


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
        name = str(loc[-1])
        known = _known_fields(model, loc[:-1])
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
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
        if isinstance(value, bool):
            return at(loc, "yaml11-bool", where=name, source=source)
        if isinstance(value, dt.date):
            return at(loc, "yaml11-date", where=name, source=source)
        if isinstance(value, int | float):
            return at(loc, "yaml11-number", where=name, source=source)
        return at(loc, "expected-str", where=name)
    if kind in _SIMPLE:
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
        return at(loc, "choice", where=name, choices=Choices(choices))
    if kind == "required_for_staff":
        field = where((*loc, str(ctx.get("field"))))
        choices = tuple(str(c) for c in ctx.get("choices", ()))
        return at(loc, "missing-for-staff", field=field, choices=Choices(choices))
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern == r"\S":
            return at(loc, "whitespace-only", where=name)
        return at(loc, "pattern", where=name, example=_PATTERN_EXAMPLES.get(pattern, pattern))
    if kind in ("greater_than_equal", "greater_than"):
        return at(loc, "range-ge", where=name, limit=ctx.get("ge", ctx.get("gt")))
    if kind in ("less_than_equal", "less_than"):
        return at(loc, "range-le", where=name, limit=ctx.get("le", ctx.get("lt")))
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
