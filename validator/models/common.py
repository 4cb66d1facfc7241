"""Building blocks shared by the models: strict base class, ids, bounded text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z][a-z0-9-]{1,31}$"
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"


#: one set object per combination of fields given (see `Model.model_post_init`)
_FIELD_SETS: dict[frozenset[str], set[str]] = {}
_FIELD_SETS_MAX = 4096


class Model(BaseModel):
    """Unknown keys are errors; values are not coerced between types (YAML already typed them)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    def model_post_init(self, context: Any, /) -> None:
        """Share the set of the fields given among instances that gave the same ones.

        Each instance carries its own set (about 700 bytes); a national company's year holds
        half a million report models, which made the set a third of a run's memory. The models
        are frozen, and `model_copy` copies the set before it changes it, so sharing is safe."""
        given = self.__pydantic_fields_set__
        key = frozenset(given)
        shared = _FIELD_SETS.get(key)
        if shared is None:
            if len(_FIELD_SETS) >= _FIELD_SETS_MAX:
                return
            shared = _FIELD_SETS[key] = given
        object.__setattr__(self, "__pydantic_fields_set__", shared)


Id = Annotated[StrictStr, Field(pattern=ID_PATTERN, json_schema_extra={"examples": ["li-ming"]})]
Text = Annotated[StrictStr, Field(min_length=1, max_length=2000, pattern=r"\S")]
ShortText = Annotated[StrictStr, Field(min_length=1, max_length=200, pattern=r"\S")]
Count = Annotated[StrictInt, Field(ge=0)]
Flag = StrictBool
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", re.ASCII
)


def _to_date(value: Any) -> dt.date:
    """Dates as YAML writes them (unquoted) or as ISO text; never numbers or datetimes."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_type", "date expected")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("date_type", "date expected") from None
    raise PydanticCustomError("date_type", "date expected")


def _to_datetime(value: Any) -> dt.datetime:
    """A date and time; naive values are read later in the policy's time zone."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _DATETIME.fullmatch(value.strip()):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("datetime_type", "datetime expected") from None
    raise PydanticCustomError("datetime_type", "datetime expected")


Date = Annotated[dt.date, BeforeValidator(_to_date)]
DateTime = Annotated[dt.datetime, BeforeValidator(_to_datetime)]

#: a calendar month, `YYYY-MM` (report months, score months)
Month = Annotated[
    StrictStr, Field(pattern=MONTH_PATTERN, json_schema_extra={"examples": ["2026-10"]})
]
