"""The quarterly ranking by average monthly score (JP 四(一)1: 每个季度…进行一次季度排名).

The quarter that has not ended yet is ranked too, marked provisional: its months are still to
be scored. 渠道助理 are not 外派 (`Staff.dispatched`) and are not ranked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from validator.repo.org_data import Org


@dataclass(frozen=True)
class Quarter:
    quarter: str  # 2026-Q4
    provisional: bool  # the quarter has not ended
    rows: list[tuple[int, str, float, int]]  # (rank, staff id, average, months scored)


def quarter_of(month: str) -> str:
    year, number = month.split("-")
    return f"{year}-Q{(int(number) - 1) // 3 + 1}"


def quarterly_ranking(org: Org, today: dt.date) -> list[Quarter]:
    """Per quarter, best first; ties share a rank. Ids not on the roster are ranked (their
    scores are still the organisation's record)."""
    excluded = {m.id for m in org.roster.staff if not m.dispatched}
    current = quarter_of(f"{today:%Y-%m}")
    by_quarter: dict[str, dict[str, list[float]]] = {}
    for month, scores in sorted(org.scores.items()):
        for sid, value in scores.scores.items():
            if sid not in excluded:
                by_quarter.setdefault(quarter_of(month), {}).setdefault(sid, []).append(value)
    result = []
    for quarter in sorted(by_quarter):
        averages = sorted(
            ((sum(v) / len(v), sid, len(v)) for sid, v in by_quarter[quarter].items()),
            key=lambda item: (-item[0], item[1]),
        )
        rows: list[tuple[int, str, float, int]] = []
        for index, (avg, sid, count) in enumerate(averages):
            rank = rows[-1][0] if rows and rows[-1][2] == avg else index + 1
            rows.append((rank, sid, avg, count))
        result.append(Quarter(quarter, quarter >= current, rows))
    return result
