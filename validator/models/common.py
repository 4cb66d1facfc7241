"""Building blocks shared by the models: strict base class, ids, bounded text."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Any, TypeVar, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from validator.core import years
from validator.reading.schema_errors import LINE

ID_PATTERN = r"^[a-z][a-z0-9-]{1,31}$"
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"


#: one set object per combination of fields given (see `share_given_fields`)
_FIELD_SETS: dict[frozenset[str], set[str]] = {}
_FIELD_SETS_MAX = 4096


class Model(BaseModel):
    """Unknown keys are errors; values are not coerced between types (YAML already typed them)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


def share_given_fields(model: BaseModel) -> None:
    """Let `model` and the models inside it share the set of the fields given with every model
    that gave the same ones.

    Each instance carries its own set (about 700 bytes); a national company's year held in
    memory is half a million report models, which made the sets a third of a run's memory.
    Commands that keep the models (status, pages) call this once per report; a full check,
    which needs a report's models for that report's checks only, does not pay for it. The
    models are frozen, and `model_copy` copies the set before it changes it, so sharing is
    safe."""
    pending = [model]
    while pending:
        current = pending.pop()
        given = current.__pydantic_fields_set__
        key = frozenset(given)
        shared = _FIELD_SETS.get(key)
        if shared is None and len(_FIELD_SETS) < _FIELD_SETS_MAX:
            shared = _FIELD_SETS[key] = given
        if shared is not None:
            object.__setattr__(current, "__pydantic_fields_set__", shared)
        values = current.__dict__
        for name in _nested(type(current)):
            value = values.get(name)
            if isinstance(value, BaseModel):
                pending.append(value)
            elif isinstance(value, list | tuple):
                pending.extend(item for item in value if isinstance(item, BaseModel))


@functools.cache
def _nested(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` whose type names a model (alone, in a list, or optional)."""
    return tuple(
        name for name, info in model.model_fields.items() if _names_a_model(info.annotation)
    )


def _names_a_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_names_a_model(arg) for arg in get_args(annotation))


Id = Annotated[StrictStr, Field(pattern=ID_PATTERN, json_schema_extra={"examples": ["li-ming"]})]
Text = Annotated[StrictStr, Field(min_length=1, max_length=2000, pattern=r"\S")]
ShortText = Annotated[StrictStr, Field(min_length=1, max_length=200, pattern=r"\S")]
#: one line, not blank (`LINE`): a name or address that goes into a mail header or a chat
#: message, where a line break would start a header of its own (`Bcc:`)
Line = Annotated[StrictStr, Field(min_length=1, max_length=200, pattern=LINE)]
Count = Annotated[StrictInt, Field(ge=0)]
Flag = StrictBool
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", re.ASCII
)


_D = TypeVar("_D", bound=dt.date)


def _to_date(value: Any) -> dt.date:
    """Dates as YAML writes them (unquoted) or as ISO text; never numbers or datetimes."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_type", "date expected")
    if isinstance(value, dt.date):
        return _in_years(value)
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("date_type", "date expected") from None
        return _in_years(day)
    raise PydanticCustomError("date_type", "date expected")


def _to_datetime(value: Any) -> dt.datetime:
    """A date and time; naive values are read later in the policy's time zone."""
    if isinstance(value, dt.datetime):
        return _in_years(value)
    if isinstance(value, str) and _DATETIME.fullmatch(value.strip()):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("datetime_type", "datetime expected") from None
        return _in_years(moment)
    raise PydanticCustomError("datetime_type", "datetime expected")


def _in_years(value: _D) -> _D:
    """`value`, if in the supported years: deadlines after it, and the same moment in another
    time zone, must be dates too."""
    if not years.supported(value):
        raise PydanticCustomError(
            "year_range", "year out of range", {"first": years.FIRST_YEAR, "last": years.LAST_YEAR}
        )
    return value


Date = Annotated[dt.date, BeforeValidator(_to_date)]
DateTime = Annotated[dt.datetime, BeforeValidator(_to_datetime)]

#: a calendar month, `YYYY-MM` (report months, score months)
Month = Annotated[
    StrictStr, Field(pattern=MONTH_PATTERN, json_schema_extra={"examples": ["2026-10"]})
]
