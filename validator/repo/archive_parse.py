"""A summary document read into a `Summary`, each inconsistency a problem at its line (the
summary is written only by `validator archive`; anything else in it was changed by hand).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from validator.core.diagnostics import Diagnostic, diag
from validator.kinds import KINDS, parse_period
from validator.reading.document import Document, Loc
from validator.repo.archive_format import (
    BLOB,
    FORMAT,
    LATE,
    ON_TIME,
    RULE,
    Entry,
    Summary,
    branch_name,
    kept_key,
)


def _bad(doc: Document, loc: Loc, zh: str, en: str = "") -> Diagnostic:
    """A tampered summary's problem, in both languages (the catalog's sentence holds either)."""
    problem = f"{zh} / {en}" if en else zh
    return diag(doc.path, RULE, "archive-summary-bad", at=doc.mark(loc), problem=problem)


def parse(doc: Document, problems: list[Diagnostic]) -> Summary | None:
    data = doc.data
    if not isinstance(data, dict):
        problems.append(_bad(doc, (), "摘要必须是映射", "must be a mapping"))
        return None
    stem = doc.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    year, base, branch = data.get("year"), data.get("base"), data.get("branch")
    if data.get("version") != FORMAT:
        problems.append(
            _bad(doc, ("version",), f"version 应为 {FORMAT}", f"version must be {FORMAT}")
        )
        return None
    if not isinstance(year, int) or str(year) != stem:
        problems.append(
            _bad(
                doc,
                ("year",),
                f"year 应为文件名中的年份 {stem}",
                f"year must be {stem}, as in the file name",
            )
        )
        return None
    if not isinstance(base, str) or not BLOB.match(base):
        problems.append(_bad(doc, ("base",), "base 应为 40 位的提交号", "base must be a commit id"))
        return None
    if branch != branch_name(year):
        problems.append(
            _bad(
                doc,
                ("branch",),
                f"branch 应为 {branch_name(year)}",
                f"branch must be {branch_name(year)}",
            )
        )
        return None
    summary = Summary(doc.path, year, base, branch)
    reports = data.get("reports") or {}
    if not reports:  # the command archives a year only when it has reports
        problems.append(
            _bad(
                doc,
                ("reports",),
                "reports 为空:该年归档的报告都应记在这里",
                "reports is empty: every archived report belongs here",
            )
        )
    if not isinstance(reports, dict):
        problems.append(_bad(doc, ("reports",), "reports 应为映射", "reports must be a mapping"))
        return summary
    for staff, kinds in reports.items():
        if not isinstance(kinds, dict):
            problems.append(
                _bad(
                    doc,
                    ("reports", staff),
                    "每人应为 类别 → 期间 的映射",
                    "each person maps kind to period",
                )
            )
            continue
        for kind, periods in kinds.items():
            if kind not in KINDS or not isinstance(periods, dict):
                problems.append(
                    _bad(
                        doc, ("reports", staff, kind), f"未知的类别 {kind}", f"unknown kind {kind}"
                    )
                )
                continue
            for text, row in periods.items():
                loc = ("reports", staff, kind, text)
                entry = _entry(str(staff), kind, str(text), row)
                if isinstance(entry, str):
                    problems.append(_bad(doc, loc, entry))
                    continue
                if entry.period.text[:4] != str(year):
                    problems.append(
                        _bad(
                            doc,
                            loc,
                            f"期间 {text} 不属于 {year} 年",
                            f"period {text} is not in {year}",
                        )
                    )
                    continue
                written = (kept_key(staff), kept_key(text))
                row = (*written, entry.received.isoformat(), entry.due.isoformat())
                kinds = summary.people.setdefault(entry.staff, {})
                assert isinstance(kinds, dict)  # read here, not packed
                kinds.setdefault(kind, []).append((*row, entry.state, entry.blob, entry.channel))
    for staff, serials in (data.get("spare_units") or {}).items():
        if isinstance(serials, list) and all(isinstance(s, str) for s in serials):
            summary.spare_units[str(staff)] = tuple(serials)
        else:
            problems.append(
                _bad(
                    doc,
                    ("spare_units", staff),
                    "应为序列号的列表",
                    "must be a list of serial numbers",
                )
            )
    for path, row in (data.get("received") or {}).items():
        seconds = _received_row(row)
        if seconds is None or not str(path).startswith("submissions/"):
            problems.append(
                _bad(
                    doc,
                    ("received", path),
                    "应为 [接收时间, blob 或空]",
                    "must be [received, blob or null]",
                )
            )
            continue
        summary.received[str(path)] = seconds
    return summary


def _time(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else None
    try:
        found = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return found if found.tzinfo is not None else None


def _entry(staff: str, kind: str, text: str, row: Any) -> Entry | str:
    """An entry, or what is wrong with it (in Chinese)."""
    period = parse_period(kind, text)
    if period is None:
        return f"{text} 不是 {kind} 的期间 / not a {kind} period"
    if not isinstance(row, list) or len(row) not in (4, 5):
        return (
            "应为 [接收时间, 截止时间, on_time|late, blob](事件另加渠道)"
            " / must be [received, due, on_time|late, blob], incidents adding the channel"
        )
    received, deadline = _time(row[0]), _time(row[1])
    state, blob = row[2], str(row[3])
    if received is None or deadline is None:
        return "接收时间与截止时间应为带时区的 ISO 8601 时间 / times must be ISO 8601 with a zone"
    if state not in (ON_TIME, LATE):
        return "状态应为 on_time 或 late / state must be on_time or late"
    if not BLOB.match(blob):
        return "blob 应为 40 位十六进制 / blob must be 40 hex digits"
    channel = str(row[4]) if len(row) == 5 else None
    return Entry(staff, period, received, deadline, state, blob, channel)


def _received_row(row: Any) -> tuple[int, str] | None:
    if not isinstance(row, list) or len(row) != 2:
        return None
    when, blob = _time(row[0]), str(row[1] or "")
    if when is None or (blob and not BLOB.match(blob)):
        return None
    return int(when.timestamp()), blob
