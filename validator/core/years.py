"""The years a file may name: one range for the periods in file names and the dates in files.

Python's dates end with 9999 and begin with year 1, and a period's deadline falls after it (a
month's on the next month, a handover's days later), so a file named `9999-12.yaml` or an
`occurred_at` of 0001-01-01 in another time zone took every command down. Inside this range a
period, its deadline and a date seen in any time zone are all representable: nothing needs to
catch an overflow. Outside, a file name is not a period (`unexpected-file`) and a date in a file
is a schema finding at its line. 1970 keeps any real posting's start; 9998 leaves a year for
deadlines to fall in.
"""

from __future__ import annotations

import datetime as dt

FIRST_YEAR = 1970
LAST_YEAR = 9998


def supported(day: dt.date | int) -> bool:
    """Whether `day` (a date, a datetime, or a year) falls in the supported years."""
    year = day if isinstance(day, int) else day.year
    return FIRST_YEAR <= year <= LAST_YEAR
