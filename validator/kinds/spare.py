"""A spare unit lent out (备用机), as a monthly report lists it and `validator new` carries on."""

from __future__ import annotations

import datetime as dt

from validator.models.common import Date, Model, ShortText


class SpareUnit(Model):
    """备用机: a spare unit on loan and when it must come back (JP 三(七)1: 注意租用期限,及时归还).

    A unit still out is listed again every month until the report that gives its `returned`."""

    serial: ShortText
    model: ShortText | None = None
    holder: ShortText
    loaned: Date
    due: Date
    returned: Date | None = None

    def overdue(self, on: dt.date) -> bool:
        """Past its due date and not returned by `on` (a returned unit never is)."""
        if self.returned is not None and self.returned <= on:
            return False
        return self.due < on
